/**
 * TRAIN-1 / PERF-5 inputs from stored facts: who was expected at the month's
 * weekly studies and who missed them without leave; TRAIN-3 / PERF-4: the
 * month's exam scores. Both databases.
 */
import { DateTime } from 'luxon';
import { expect, it } from 'vitest';
import { slackLeaveRenderer } from '../../src/channels/slack/blocks/leave-blocks.ts';
import { decideLeave, fileLeave } from '../../src/features/leave/leave-service.ts';
import { importOrg } from '../../src/features/org/org-import.ts';
import { importRoster } from '../../src/features/roster/roster-import.ts';
import { examScoresOf, trainingAbsences } from '../../src/features/training/training-facts.ts';
import type { LeaveType } from '../../src/policy/config/schema.ts';
import type { DayPart } from '../../src/policy/leave/types.ts';
import { dateColumn, type PrismaClient } from '../../src/shared/db/types.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { policyFrom } from '../policy/helpers.ts';

const zone = 'Asia/Shanghai';
// Labour Day Friday 2026-05-01 is a holiday: no study that week.
const policy = policyFrom({ calendar: { holidays: [{ date: '2026-05-01', name: '劳动节' }] } });
const at = (iso: string) => DateTime.fromISO(iso, { zone });

const ORG = `center: { name: 测试中心, timeZone: Asia/Shanghai }
teams: [{ id: t1, name: 一组 }, { id: office, name: 办公室 }]
employees:
  - { id: A1, name: 到场, role: outbound_agent, team: t1, manager: L1, hireDate: 2025-01-01 }
  - { id: A2, name: 缺席, role: outbound_agent, team: t1, manager: L1, hireDate: 2025-01-01 }
  - { id: A3, name: 会议请假, role: outbound_agent, team: t1, manager: L1, hireDate: 2025-01-01 }
  - { id: A4, name: 新人, role: outbound_agent, team: t1, manager: L1, hireDate: 2026-05-11 }
  - { id: A5, name: 离职, role: outbound_agent, team: t1, manager: L1, hireDate: 2025-01-01, active: false }
  - { id: A6, name: 公休, role: outbound_agent, team: t1, manager: L1, hireDate: 2025-01-01 }
  - { id: A7, name: 上午事假, role: outbound_agent, team: t1, manager: L1, hireDate: 2025-01-01 }
  - { id: A8, name: 下午事假, role: outbound_agent, team: t1, manager: L1, hireDate: 2025-01-01 }
  - { id: A9, name: 待批, role: outbound_agent, team: t1, manager: L1, hireDate: 2025-01-01 }
  - { id: C1, name: 早班投诉, role: complaint_handler, team: t1, manager: L1, hireDate: 2025-01-01 }
  - { id: C2, name: 晚班投诉, role: complaint_handler, team: t1, manager: L1, hireDate: 2025-01-01 }
  - { id: L1, name: 班长, role: team_leader, team: office, hireDate: 2020-01-01 }
  - { id: H1, name: 负责人, role: dept_head, team: office, hireDate: 2020-01-01 }
`;

async function leave(prisma: PrismaClient, employeeId: string, type: LeaveType, part: DayPart, approver: string | null) {
  const deps = {
    prisma,
    policy,
    clock: { now: () => at('2026-05-06T10:00') },
    source: 'test',
    messenger: { platform: 'slack' as const, render: slackLeaveRenderer, targetOf: () => null },
  };
  const { request } = await fileLeave(deps, { employeeId, type, startDate: '2026-05-08', endDate: '2026-05-08', part, reason: 'family', emergency: false, proof: 'none' });
  if (approver) await decideLeave(deps, { requestId: request.id, actorId: approver, decision: 'approved' });
}

async function session(prisma: PrismaClient, date: string) {
  return prisma.trainingSession.create({ data: { date: dateColumn(date), startsAt: at(`${date}T16:30`).toJSDate(), topic: `topic ${date}` } });
}

describeEachDatabase('training facts', (current) => {
  async function floor() {
    const prisma = current().db.prisma;
    await importOrg(prisma, ORG, { actor: 'test', file: 'org.yaml' });
    await importRoster(prisma, 'employee_id,date,segments\nA6,2026-05-08,rest\nC1,2026-05-08,morning\nC2,2026-05-08,afternoon\n', { actor: 'test', file: 'r.csv', policy });
    await leave(prisma, 'A3', 'meeting', 'full', 'L1'); // LEAVE-4: meeting absence, approved by the team leader
    await leave(prisma, 'A7', 'personal', 'morning', 'H1'); // the morning only: the 16:30 study is still expected
    await leave(prisma, 'A8', 'personal', 'afternoon', 'H1'); // the afternoon holds 16:30: excused
    await leave(prisma, 'A9', 'personal', 'full', null); // pending, not approved: still expected
    const april = await session(prisma, '2026-04-24');
    const may8 = await session(prisma, '2026-05-08');
    await session(prisma, '2026-05-15');
    await prisma.trainingAttendance.createMany({
      data: [
        { sessionId: may8.id, employeeId: 'A1', checkedInAt: at('2026-05-08T16:31').toJSDate(), source: 'slack' },
        { sessionId: may8.id, employeeId: 'L1', checkedInAt: at('2026-05-08T16:32').toJSDate(), source: 'slack' },
        { sessionId: april.id, employeeId: 'A2', checkedInAt: at('2026-04-24T16:31').toJSDate(), source: 'slack' },
      ],
    });
    return prisma;
  }

  it('TRAIN-1: expected = attendee roles, hired, working, not on approved leave or a rostered shift; missed = expected without check-in', async () => {
    const prisma = await floor();
    const facts = await trainingAbsences(prisma, policy, '2026-05', at('2026-05-12T09:00'));
    expect(Object.fromEntries([...facts].sort(([a], [b]) => a.localeCompare(b)))).toEqual({
      A1: { expected: ['2026-05-08'], unexcused: [] },
      A2: { expected: ['2026-05-08'], unexcused: ['2026-05-08'] },
      A7: { expected: ['2026-05-08'], unexcused: ['2026-05-08'] },
      A9: { expected: ['2026-05-08'], unexcused: ['2026-05-08'] },
      C1: { expected: ['2026-05-08'], unexcused: ['2026-05-08'] },
    });
    // Not there: A3 (meeting leave), A4 (hired after), A5 (inactive), A6 (rest day), A8 (afternoon leave),
    // C2 (on a rostered shift at 16:30), L1 (not an attendee role, though checked in), H1.
  });

  it('PERF-5: only sessions whose start is before now count; a transaction client works as well as the client', async () => {
    const prisma = await floor();
    const before = await trainingAbsences(prisma, policy, '2026-05', at('2026-05-15T16:29'));
    expect(before.get('A1')).toEqual({ expected: ['2026-05-08'], unexcused: [] });
    const after = await prisma.$transaction((tx) => trainingAbsences(tx, policy, '2026-05', at('2026-05-15T16:31')));
    expect(after.get('A1')).toEqual({ expected: ['2026-05-08', '2026-05-15'], unexcused: ['2026-05-15'] });
    // 15 May: A3 and A8 have no leave that day, A6 no rest day, C2 no shift; A4 is hired by then.
    expect(after.get('A3')).toEqual({ expected: ['2026-05-15'], unexcused: ['2026-05-15'] });
    expect(after.get('A4')).toEqual({ expected: ['2026-05-15'], unexcused: ['2026-05-15'] });
    expect(after.has('A5')).toBe(false);
    // April's session is April's: A2's check-in there does not help in May.
    expect(after.get('A2')!.unexcused).toEqual(['2026-05-08', '2026-05-15']);
    expect((await trainingAbsences(prisma, policy, '2026-04', at('2026-05-15T16:31'))).get('A2')).toEqual({ expected: ['2026-04-24'], unexcused: [] });
  });

  it('TRAIN-3: examScoresOf gives the month\'s scores only, decimals kept', async () => {
    const prisma = await floor();
    await prisma.examScore.createMany({
      data: [
        { month: '2026-05', employeeId: 'A2', score: 88.5, source: 'import', recordedBy: 'cli' },
        { month: '2026-05', employeeId: 'A1', score: 92, source: 'slack', recordedBy: 'L1' },
        { month: '2026-04', employeeId: 'A1', score: 70, source: 'import', recordedBy: 'cli' },
      ],
    });
    expect(await examScoresOf(prisma, '2026-05')).toEqual([
      { employeeId: 'A1', score: 92 },
      { employeeId: 'A2', score: 88.5 },
    ]);
    expect(await examScoresOf(prisma, '2026-06')).toEqual([]);
  });
});
