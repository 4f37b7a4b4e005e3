/** LATE-5 explanations go to the leave approver (LEAVE-4), around an approver absent on the day of the event. */
import { DateTime } from 'luxon';
import { expect, it } from 'vitest';
import { requestExplanation, type ExplanationRenderer } from '../../src/features/lateness/explanation-service.ts';
import { importOrg } from '../../src/features/org/org-import.ts';
import { dateColumn } from '../../src/shared/db/types.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { LEAVE_ORG as org, OUTBOUND_BASIC as policy } from '../support/fixtures.ts';

const render: ExplanationRenderer = {
  request: (v) => ({ text: `explain ${v.id}` }),
  approvalCard: (v) => ({ text: `card ${v.id}` }),
  decided: (v) => ({ text: `decided ${v.id}` }),
};

describeEachDatabase('explanation routing', (current) => {
  it('LEAVE-4 / LATE-5: when the approver is on leave that day, the explanation goes to their own approver', async () => {
    const prisma = current().db.prisma;
    await importOrg(prisma, org, { actor: 'test', file: 'org.yaml' });
    const deps = {
      prisma,
      policy,
      clock: { now: () => DateTime.fromISO('2026-11-23T08:40', { zone: 'Asia/Shanghai' }) },
      messenger: { platform: 'slack' as const, render, targetOf: (p: { slackId: string | null }) => p.slackId },
    };
    const ask = (employeeId: string, date: string) =>
      prisma.$transaction((tx) => requestExplanation(deps, tx, { employeeId, date, segment: 'morning', kind: 'late', minutes: 35 }));

    // E100 (dept_head) is E001's and E002's approver; on the 24th E100 is on approved leave.
    await prisma.leaveRequest.create({
      data: {
        employeeId: 'E100', type: 'personal', startDate: dateColumn('2026-11-24'), endDate: dateColumn('2026-11-24'), part: 'full',
        status: 'approved', approverId: 'E200', routeReason: 'role-rule', reason: 'away', costFen: 0, losesFullAttendance: false, costLines: [], source: 'slack',
      },
    });
    const present = await ask('E001', '2026-11-23');
    const absent = await ask('E002', '2026-11-24');
    const approverOf = async (id: number | null) => (await prisma.latenessExplanation.findUniqueOrThrow({ where: { id: id! } })).approverId;
    expect(await approverOf(present)).toBe('E100');
    // dept_head → general_manager (LEAVE-4), because E100 is absent that day.
    expect(await approverOf(absent)).toBe('E200');
  });
});
