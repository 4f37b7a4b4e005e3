/**
 * PAY-8 from stored facts: an agent with 12 late minutes, one sick day at three
 * years' tenure and the quota met; the statement must equal the hand computation below.
 */
import { DateTime } from 'luxon';
import { expect, it } from 'vitest';
import { slackLeaveRenderer } from '../../src/channels/slack/blocks/leave-blocks.ts';
import { importClock } from '../../src/features/clock/clock-import.ts';
import { decideLeave, fileLeave } from '../../src/features/leave/leave-service.ts';
import { importOrg } from '../../src/features/org/org-import.ts';
import { payReport } from '../../src/features/pay/pay-report.ts';
import { importSummaries } from '../../src/features/performance/summary-import.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { OUTBOUND_BASIC as policy } from '../support/fixtures.ts';

const zone = 'Asia/Shanghai';
const ORG = `center: { name: 测试中心, timeZone: Asia/Shanghai }
teams: [{ id: t1, name: 一组 }, { id: office, name: 办公室 }]
employees:
  - { id: A1, name: 老员工, role: outbound_agent, team: t1, manager: H1, hireDate: 2023-06-01 }
  - { id: H1, name: 负责人, role: dept_head, team: office, hireDate: 2020-01-01, basePay: 3000 }
`;

describeEachDatabase('pay report', (current) => {
  it('PAY-8: 12 late minutes, one sick day at 3 years, quota met: the statement equals the hand computation', async () => {
    const prisma = current().db.prisma;
    await importOrg(prisma, ORG, { actor: 'test', file: 'org.yaml' });
    const rows = ['employee_id,timestamp,direction'];
    for (let d = 1; d <= 30; d++) {
      const date = `2026-11-${String(d).padStart(2, '0')}`;
      if (DateTime.fromISO(date, { zone }).weekday > 5 || date === '2026-11-10') continue; // weekend; the sick day
      rows.push(`A1,${date} ${date === '2026-11-05' ? '08:12:40' : '07:57:00'},in`, `A1,${date} 14:25:00,in`, `A1,${date} 17:30:00,out`);
    }
    await importClock(prisma, rows.join('\n'), { actor: 'test', file: 'p.csv', policy });
    await importSummaries(prisma, 'employee_id,date,calls_made,calls_connected,questionnaires_completed,orders\nA1,2026-11-02,900,600,400,450\n', { actor: 'test', file: 's.csv' });
    const leaveDeps = {
      prisma,
      policy,
      clock: { now: () => DateTime.fromISO('2026-11-09T18:00', { zone }) },
      source: 'test',
      messenger: { platform: 'slack' as const, render: slackLeaveRenderer, targetOf: () => null },
    };
    const { request } = await fileLeave(leaveDeps, { employeeId: 'A1', type: 'sick', startDate: '2026-11-10', endDate: '2026-11-10', part: 'full', emergency: false, proof: 'attached' });
    await decideLeave(leaveDeps, { requestId: request.id, actorId: 'H1', decision: 'approved' });

    const report = await payReport({ prisma, policy, clock: { now: () => DateTime.fromISO('2026-12-03T09:00', { zone }) } }, '2026-11');
    const a1 = report.find((r) => r.employeeId === 'A1')!.statement;
    // By hand, in fen:
    const base = 120000; // PAY-1: 450 orders ≥ 400, base 1200 yuan
    const fullAttendance = 10000; // PAY-3: sick leave keeps it, no absenteeism
    const seniority = 20000; // PAY-4: 2023-06-01 → 2026-11-30 is 6 full half-years, 6 × 50 = 300 yuan, capped at 200
    const commission = (450 - 400) * 100; // PAY-5: 1 yuan per order above the quota
    const topCommission = 5000; // PAY-6: the only agent, quota met: 50 yuan
    const late = 12 * 100; // LATE-4 (all): 12 minutes > 10, every minute 1 yuan
    const sick = Math.round((120000 / 21.75) * 0.1); // LEAVE-8: 10% of the daily base at ≥ 2 years = 552
    expect(sick).toBe(552);
    expect(a1.earningsFen).toBe(base + fullAttendance + seniority + commission + topCommission);
    expect(a1.deductionsFen).toBe(late + sick);
    expect(a1.netEffectFen).toBe(158248);
    expect(a1.insuranceApplies).toBe(true);
    const byRule = (rule: string) => a1.lines.filter((l) => l.ruleId === rule).map((l) => l.amountFen);
    expect(byRule('LATE-4')).toEqual([-1200]);
    expect(byRule('LEAVE-8')).toEqual([-552]);
    expect(a1.lines.find((l) => l.ruleId === 'LEAVE-8')!.source).toBe(`leave:${request.id}`);
  });
});
