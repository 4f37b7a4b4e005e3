/**
 * PAY-1/PAY-2 with LEAVE-8: leave is costed at filing on the 1200-yuan preview
 * base; the month's statement charges it on the month's actual base. Two agents
 * with the same leave, one with the quota met and one without; every amount is
 * computed by hand below.
 */
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { slackLeaveRenderer } from '../../src/channels/slack/blocks/leave-blocks.ts';
import { importClock } from '../../src/features/clock/clock-import.ts';
import { decideLeave, fileLeave, reportReturn } from '../../src/features/leave/leave-service.ts';
import { importOrg } from '../../src/features/org/org-import.ts';
import { payReport, payStatements } from '../../src/features/pay/pay-report.ts';
import { importSummaries } from '../../src/features/performance/summary-import.ts';
import { monthlyPay, type MonthlyPayInput } from '../../src/policy/pay/statement.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { OUTBOUND_BASIC as policy } from '../support/fixtures.ts';

const zone = 'Asia/Shanghai';
// Both agents reach 2 years of service on 2026-11-12.
const ORG = `center: { name: 测试中心, timeZone: Asia/Shanghai }
teams: [{ id: t1, name: 一组 }, { id: office, name: 办公室 }]
employees:
  - { id: A1, name: 达标, role: outbound_agent, team: t1, manager: H1, hireDate: 2024-11-12 }
  - { id: A2, name: 未达标, role: outbound_agent, team: t1, manager: H1, hireDate: 2024-11-12 }
  - { id: H1, name: 负责人, role: dept_head, team: office, hireDate: 2020-01-01, basePay: 3000 }
  - { id: N1, name: 新人, role: outbound_agent, team: t1, manager: H1, hireDate: 2026-12-01 }
`;

const sickDays = ['2026-11-11', '2026-11-12', '2026-11-13']; // Wednesday to Friday, across the 2-year line
const halfDay = '2026-11-20'; // Friday: personal leave, morning
const absentDay = '2026-11-24'; // Tuesday: nobody clocks in (LATE-6)

function punches(id: string): string[] {
  const rows: string[] = [];
  for (let d = 1; d <= 30; d++) {
    const date = `2026-11-${String(d).padStart(2, '0')}`;
    if (DateTime.fromISO(date, { zone }).weekday > 5 || sickDays.includes(date) || date === absentDay) continue;
    if (date !== halfDay) rows.push(`${id},${date} 07:58:00,in`);
    rows.push(`${id},${date} 14:25:00,in`, `${id},${date} 17:30:00,out`);
  }
  return rows;
}

describe('PAY-2 with LEAVE-8: leave lines on the month’s base (pure)', () => {
  const input = (over: Partial<MonthlyPayInput>): MonthlyPayInput => ({
    employeeId: 'a1',
    role: 'outbound_agent',
    month: '2026-11',
    hireDate: '2023-01-01',
    probationEnd: '2023-02-28',
    orders: 450,
    outageMadeQuotaImpossible: false,
    lateness: null,
    leaveCosts: [
      {
        requestId: 'leave:7',
        // as stored at filing: 10% of 1200/21.75 = 552; a personal day 5517
        lines: [
          { ruleId: 'LEAVE-8', date: '2026-11-10', amountFen: 552, fraction: 1, ratePercent: 10 },
          { ruleId: 'LEAVE-8', date: '2026-11-11', amountFen: 5517, fraction: 1, ratePercent: 100 },
        ],
        losesFullAttendance: true,
      },
    ],
    isTopCommission: false,
    ...over,
  });
  const leave8 = (over: Partial<MonthlyPayInput>) => monthlyPay(input(over), policy).lines.filter((l) => l.ruleId === 'LEAVE-8');

  it('PAY-2 / LEAVE-8: quota met → the preview amounts; quota missed → the same days on 800 / 21.75', () => {
    expect(leave8({ orders: 450 }).map((l) => l.amountFen)).toEqual([-552, -5517]);
    // 80000 / 21.75 = 3678.16… fen a day; 10% = 367.8… → 368; a whole day → 3678.
    expect(leave8({ orders: 399 }).map((l) => l.amountFen)).toEqual([-368, -3678]);
    expect(leave8({ orders: 399 }).map((l) => l.source)).toEqual(['leave:7', 'leave:7']);
  });

  it('PAY-1 / LEAVE-8: with an outage the base is 800 (the 50-yuan subsidy is not base pay)', () => {
    expect(leave8({ orders: 100, outageMadeQuotaImpossible: true }).map((l) => l.amountFen)).toEqual([-368, -3678]);
  });

  it('PAY-8: a line without its part of the day and rate is carried as costed', () => {
    const lines = leave8({ orders: 399, leaveCosts: [{ requestId: 'leave:8', lines: [{ ruleId: 'LEAVE-8', date: '2026-11-10', amountFen: 552 }], losesFullAttendance: false }] });
    expect(lines.map((l) => l.amountFen)).toEqual([-552]);
  });
});

describeEachDatabase('pay statement on the month’s base', (current) => {
  it('PAY-2 / LEAVE-8: the same sick and personal leave costs less when the quota is missed; sick leave across the 2-year line is 20% throughout', async () => {
    const prisma = current().db.prisma;
    await importOrg(prisma, ORG, { actor: 'test', file: 'org.yaml' });
    await importClock(prisma, ['employee_id,timestamp,direction', ...punches('A1'), ...punches('A2')].join('\n'), { actor: 'test', file: 'p.csv', policy });
    await importSummaries(
      prisma,
      'employee_id,date,calls_made,calls_connected,questionnaires_completed,orders\nA1,2026-11-02,900,600,400,450\nA2,2026-11-02,900,600,400,300\n',
      { actor: 'test', file: 's.csv' },
    );
    const leaveDeps = {
      prisma,
      policy,
      clock: { now: () => DateTime.fromISO('2026-11-09T18:00', { zone }) },
      source: 'test',
      messenger: { platform: 'slack' as const, render: slackLeaveRenderer, targetOf: () => null },
    };
    const ids: Record<string, { sick: number; personal: number }> = {};
    for (const employeeId of ['A1', 'A2']) {
      const sick = await fileLeave(leaveDeps, { employeeId, type: 'sick', startDate: sickDays[0]!, endDate: sickDays[2]!, part: 'full', emergency: false, proof: 'attached' });
      const personal = await fileLeave(leaveDeps, { employeeId, type: 'personal', startDate: halfDay, endDate: halfDay, part: 'morning', emergency: false, proof: 'none', reason: 'family' });
      for (const r of [sick, personal]) await decideLeave(leaveDeps, { requestId: r.request.id, actorId: 'H1', decision: 'approved' });
      ids[employeeId] = { sick: sick.request.id, personal: personal.request.id };
      // Filed on the 1200-yuan preview base: 20% of 5517.24… = 1103 a day; half a day 2759.
      expect(sick.request.costFen).toBe(3 * 1103);
      expect(personal.request.costFen).toBe(2759);
    }

    const report = await payReport({ prisma, policy, clock: { now: () => DateTime.fromISO('2026-12-01T09:00', { zone }) } }, '2026-11');
    expect(report.map((r) => r.employeeId)).toEqual(['A1', 'A2', 'H1']); // N1 is hired after the month
    const lines = (id: string, rule: string) => report.find((r) => r.employeeId === id)!.statement.lines.filter((l) => l.ruleId === rule).map((l) => [l.source, l.amountFen]);

    // A1, quota met (1200): the amounts costed at filing.
    expect(lines('A1', 'LEAVE-8')).toEqual([
      ...sickDays.map(() => [`leave:${ids.A1!.sick}`, -1103]),
      [`leave:${ids.A1!.personal}`, -2759],
    ]);
    // A2, quota missed (800): daily base 80000 / 21.75 = 3678.16…; sick 20% (first day 11-11 is under 2 years) = 735.6… → 736; half a day 1839.08… → 1839.
    const daily800 = 80000 / 21.75;
    expect(Math.round(daily800 * 0.2)).toBe(736);
    expect(Math.round(daily800 * 0.5)).toBe(1839);
    expect(lines('A2', 'LEAVE-8')).toEqual([
      ...sickDays.map(() => [`leave:${ids.A2!.sick}`, -736]),
      [`leave:${ids.A2!.personal}`, -1839],
    ]);
    // LATE-6 (one day's base pay) as the lateness report (LATE-9) charges it, on the quota-met base: 5517 for both.
    expect(lines('A1', 'LATE-6')).toEqual([[`lateness:A1:${absentDay}`, -5517]]);
    expect(lines('A2', 'LATE-6')).toEqual([[`lateness:A2:${absentDay}`, -5517]]);
    // PAY-3: the charged personal half day loses the bonus (source: that request).
    expect(lines('A2', 'PAY-3')).toEqual([[`leave:${ids.A2!.personal}`, 0]]);

    const a2 = report.find((r) => r.employeeId === 'A2')!.statement;
    // By hand (fen): base 80000; no bonus; seniority 4 half-years (2024-11-12 → 2026-11-12) = 200 yuan; commission all 300 orders × 1 yuan.
    expect(a2.earningsFen).toBe(80000 + 20000 + 30000);
    expect(a2.deductionsFen).toBe(3 * 736 + 1839 + 5517);
    expect(a2.netEffectFen).toBe(130000 - 9564);
  });

  it('LEAVE-6 with PAY-8: days after an early return are not charged; month to date reads only the days so far', async () => {
    const prisma = current().db.prisma;
    await importOrg(prisma, ORG, { actor: 'test', file: 'org.yaml' });
    await importSummaries(prisma, 'employee_id,date,calls_made,calls_connected,questionnaires_completed,orders\nA1,2026-11-02,900,600,400,450\n', { actor: 'test', file: 's.csv' });
    const deps = (at: string) => ({
      prisma,
      policy,
      clock: { now: () => DateTime.fromISO(at, { zone }) },
      source: 'test',
      messenger: { platform: 'slack' as const, render: slackLeaveRenderer, targetOf: () => null },
    });
    // Personal leave Monday 11-16 to Friday 11-20; A1 comes back on Wednesday 11-18.
    const filed = await fileLeave(deps('2026-11-13T12:00'), { employeeId: 'A1', type: 'personal', startDate: '2026-11-16', endDate: '2026-11-20', part: 'full', emergency: false, proof: 'none', reason: 'family' });
    await decideLeave(deps('2026-11-13T13:00'), { requestId: filed.request.id, actorId: 'H1', decision: 'approved' });
    expect(filed.request.costFen).toBe(5 * 5517);
    await reportReturn(deps('2026-11-18T08:00'), 'A1');

    const [a1] = await payStatements({ prisma, policy, clock: { now: () => DateTime.fromISO('2026-12-01T09:00', { zone }) } }, '2026-11', { employeeIds: ['A1'] });
    expect(a1!.statement.lines.filter((l) => l.ruleId === 'LEAVE-8').map((l) => l.amountFen)).toEqual([-5517, -5517]);
    expect(a1!.leaves.get(`leave:${filed.request.id}`)!.lines.map((l) => l.date)).toEqual(['2026-11-16', '2026-11-17']);

    // Month to date on 11-16: only the first leave day counts; nothing after it is read.
    const [soFar] = await payStatements({ prisma, policy, clock: { now: () => DateTime.fromISO('2026-11-16T20:00', { zone }) } }, '2026-11', { employeeIds: ['A1'], through: '2026-11-16' });
    expect(soFar!.through).toBe('2026-11-16');
    expect(soFar!.statement.lines.filter((l) => l.ruleId === 'LEAVE-8').map((l) => l.note)).toEqual(['leave on 2026-11-16: 100% of a day at 1200.00 / 21.75']);
  });
});
