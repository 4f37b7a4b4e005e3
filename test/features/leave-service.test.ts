import { DateTime } from 'luxon';
import { expect, it } from 'vitest';
import { slackLeaveRenderer } from '../../src/channels/slack/blocks/leave-blocks.ts';
import { decideLeave, fileLeave, flagOverdueReturns, flagOverdueSickProofs, reportReturn, type LeaveDeps } from '../../src/features/leave/leave-service.ts';
import { importOrg } from '../../src/features/org/org-import.ts';
import { AppError } from '../../src/shared/errors.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { LEAVE_ORG as org, OUTBOUND_BASIC as policy } from '../support/fixtures.ts';


describeEachDatabase('leave use cases', (current) => {
  let now = DateTime.fromISO('2026-11-23T09:00:00+08:00');
  const deps = (): LeaveDeps => ({
    prisma: current().db.prisma,
    policy,
    clock: { now: () => now },
    source: 'test',
    messenger: { platform: 'slack', render: slackLeaveRenderer, targetOf: (p) => p.slackId },
  });
  const setup = async (at: string) => {
    now = DateTime.fromISO(at);
    await importOrg(current().db.prisma, org, { actor: 'test', file: 'org.yaml' });
  };
  const outboxKeys = async () => (await current().db.prisma.outboxMessage.findMany({ orderBy: { id: 'asc' } })).map((m) => `${m.dedupeKey}→${m.target}`);

  it('LEAVE-3: sick leave without proof is flagged to the approver once the grace days have passed, once', async () => {
    await setup('2026-11-23T09:00:00+08:00');
    const { request } = await fileLeave(deps(), { employeeId: 'E001', type: 'sick', startDate: '2026-11-23', endDate: '2026-11-23', part: 'full', emergency: false, proof: 'follows' });
    expect(request.flags).toEqual(['sick-proof-pending']);
    await fileLeave(deps(), { employeeId: 'E002', type: 'sick', startDate: '2026-11-23', endDate: '2026-11-23', part: 'full', emergency: false, proof: 'attached' }, { proofFileId: 'F1' });
    now = DateTime.fromISO('2026-11-26T23:59:00+08:00');
    expect(await flagOverdueSickProofs(deps())).toEqual([]);
    now = DateTime.fromISO('2026-11-27T00:00:00+08:00');
    expect(await flagOverdueSickProofs(deps())).toEqual([request.id]);
    expect(await flagOverdueSickProofs(deps())).toEqual([]);
    const stored = await current().db.prisma.leaveRequest.findUniqueOrThrow({ where: { id: request.id } });
    expect(stored.flags).toEqual(['sick-proof-pending', 'sick-proof-overdue']);
    expect(await outboxKeys()).toContain(`leave:${request.id}:proof-overdue→U0100`);
  });

  it('LEAVE-5: a decision is recorded once; a second one says who decided and when', async () => {
    await setup('2026-11-23T09:00:00+08:00');
    const { request } = await fileLeave(deps(), { employeeId: 'E001', type: 'personal', startDate: '2026-11-24', endDate: '2026-11-24', part: 'full', reason: 'x', emergency: false, proof: 'none' });
    const view = await decideLeave(deps(), { requestId: request.id, actorId: 'E100', decision: 'rejected', note: 'busy day' });
    expect(view).toMatchObject({ status: 'rejected', decisionNote: 'busy day', decidedBy: { name: '部门负责人' } });
    const again = (await decideLeave(deps(), { requestId: request.id, actorId: 'E100', decision: 'approved' }).catch((e: unknown) => e)) as AppError;
    expect(again).toBeInstanceOf(AppError);
    expect(again.messageKey).toBe('leave.already_decided');
    expect(again.details).toEqual({ by: '部门负责人', at: '2026-11-23 09:00', status: 'rejected' });
    const other = (await decideLeave(deps(), { requestId: 999, actorId: 'E100', decision: 'approved' }).catch((e: unknown) => e)) as AppError;
    expect(other.code).toBe('not_found');
    expect(await outboxKeys()).toEqual([
      `leave:${request.id}:card→U0100`,
      `leave:${request.id}:filed→U0001`,
      `leave:${request.id}:card:decided→U0100`,
      `leave:${request.id}:decided→U0001`,
    ]);
  });

  it('LEAVE-6: returning early ends the leave that day; a return not reported by the end of the first working day after is flagged once', async () => {
    await setup('2026-11-20T09:00:00+08:00');
    const early = await fileLeave(deps(), { employeeId: 'E001', type: 'personal', startDate: '2026-11-23', endDate: '2026-11-27', part: 'full', reason: 'trip', emergency: false, proof: 'none' });
    const late = await fileLeave(deps(), { employeeId: 'E002', type: 'personal', startDate: '2026-11-23', endDate: '2026-11-24', part: 'full', reason: 'trip', emergency: false, proof: 'none' });
    for (const r of [early, late]) await decideLeave(deps(), { requestId: r.request.id, actorId: 'E100', decision: 'approved' });

    now = DateTime.fromISO('2026-11-25T08:30:00+08:00');
    const back = await reportReturn(deps(), 'E001');
    expect(back.endsEarly).toBe(true);
    expect(back.unusedDays).toEqual(['2026-11-25', '2026-11-26', '2026-11-27']);
    expect(back.request.effectiveEndDate?.toISOString().slice(0, 10)).toBe('2026-11-24');
    // E002's leave ended 11-24; the report was due on Wednesday 11-25.
    expect(await flagOverdueReturns(deps())).toEqual([]);
    now = DateTime.fromISO('2026-11-26T08:00:00+08:00');
    expect(await flagOverdueReturns(deps())).toEqual([late.request.id]);
    expect(await flagOverdueReturns(deps())).toEqual([]);
    expect(await outboxKeys()).toContain(`leave:${late.request.id}:return-overdue→U0100`);
    const none = (await reportReturn(deps(), 'E003').catch((e: unknown) => e)) as AppError;
    expect(none.messageKey).toBe('leave.error.nothing_to_return');
  });
});
