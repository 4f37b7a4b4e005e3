/**
 * One person's summary (issue 10; Slack's App Home): their pending and
 * approved leave touching this month, their month-to-date late minutes
 * against the LATE-4 allowance (the same derivation as the month's report,
 * through today), and what waits for their decision as an approver (leave
 * requests, LATE-5 explanations). Read-only.
 */
import { DateTime } from 'luxon';
import type { Policy } from '../../policy/config/schema.ts';
import type { Clock } from '../../shared/clock.ts';
import { dateColumn, isoDateOf, LONG_TRANSACTION, type PrismaClient } from '../../shared/db/types.ts';
import { deriveDays, monthOf } from '../lateness/lateness-inputs.ts';

export interface HomeSummary {
  employeeId: string;
  month: string;
  /** Center-local date the figures run through. */
  today: string;
  leave: Array<{ id: number; type: string; startDate: string; endDate: string; part: string; status: string }>;
  /** LATE-4: month-to-date late minutes, the allowance, and whether they are over it. */
  late: { minutes: number; allowance: number; over: boolean };
  approvals: {
    leave: Array<{ id: number; name: string; type: string; startDate: string; endDate: string }>;
    explanations: Array<{ id: number; name: string; date: string }>;
  };
}

export async function homeSummary(deps: { prisma: PrismaClient; policy: Policy; clock: Clock }, employeeId: string): Promise<HomeSummary> {
  const zone = deps.policy.center.timeZone;
  const now = deps.clock.now().setZone(zone);
  const month = now.toFormat('yyyy-MM');
  const today = now.toISODate()!;
  const first = `${month}-01`;
  const last = DateTime.fromISO(first, { zone }).endOf('month').toISODate()!;
  return deps.prisma.$transaction(async (tx) => {
    const [mine, days, leaveToDecide, explanations] = await Promise.all([
      tx.leaveRequest.findMany({
        where: { employeeId, status: { in: ['pending', 'approved'] }, startDate: { lte: dateColumn(last) }, endDate: { gte: dateColumn(first) } },
        orderBy: [{ startDate: 'asc' }, { id: 'asc' }],
      }),
      deriveDays(tx, deps.policy, { from: first, to: today, now, employeeIds: [employeeId] }),
      tx.leaveRequest.findMany({ where: { approverId: employeeId, status: 'pending' }, include: { employee: { select: { name: true } } }, orderBy: { id: 'asc' } }),
      tx.latenessExplanation.findMany({ where: { approverId: employeeId, status: 'submitted' }, orderBy: { id: 'asc' } }),
    ]);
    const names = new Map(
      (await tx.employee.findMany({ where: { id: { in: [...new Set(explanations.map((x) => x.employeeId))] } }, select: { id: true, name: true } })).map((e) => [e.id, e.name]),
    );
    const allowance = deps.policy.lateness.allowanceMinutes;
    const minutes = days[0] ? monthOf(deps.policy, month, days[0], today).lateMinutes : 0;
    return {
      employeeId,
      month,
      today,
      leave: mine.map((l) => ({ id: l.id, type: l.type, startDate: isoDateOf(l.startDate), endDate: isoDateOf(l.effectiveEndDate ?? l.endDate), part: l.part, status: l.status })),
      late: { minutes, allowance, over: minutes > allowance },
      approvals: {
        leave: leaveToDecide.map((l) => ({ id: l.id, name: l.employee.name, type: l.type, startDate: isoDateOf(l.startDate), endDate: isoDateOf(l.endDate) })),
        explanations: explanations.map((x) => ({ id: x.id, name: names.get(x.employeeId) ?? x.employeeId, date: isoDateOf(x.date) })),
      },
    };
  }, LONG_TRANSACTION);
}
