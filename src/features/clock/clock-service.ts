/**
 * `/clock in`, `/clock out`, `/clock status` (interfaces.md section 3, LATE-1/2/4):
 * records the event as it came and answers against the day's segments and the
 * month's allowance. Clocking outside every segment's window is recorded and
 * said so: it counts nowhere, and never twice.
 */
import type { Policy } from '../../policy/config/schema.ts';
import { recordAudit } from '../../shared/audit.ts';
import type { Clock } from '../../shared/clock.ts';
import type { PrismaClient, Tx } from '../../shared/db/types.ts';
import { AppError } from '../../shared/errors.ts';
import { requestExplanation, type ExplanationDeps } from '../lateness/explanation-service.ts';
import { deriveDays, monthOf } from '../lateness/lateness-inputs.ts';
import { clockRepository } from './clock-repository.ts';

export interface ClockDeps {
  prisma: PrismaClient;
  policy: Policy;
  clock: Clock;
  source: string;
  /** LATE-5: how to ask for an explanation on this platform (none: not asked here). */
  explanations?: ExplanationDeps['messenger'];
}

export interface ClockAnswer {
  direction: 'in' | 'out';
  /** Local time HH:mm:ss of the event. */
  time: string;
  /** The segment the event counts for, or null when it is outside every window. */
  segment: string | null;
  /** in: minutes late; out: minutes early (0 = on time). */
  minutes: number;
  /** LATE-5: 30 minutes or more: an explanation will be asked for. */
  needsExplanation: boolean;
  /** Why an event counts nowhere: `outside` (no segment) or `superseded` (an earlier in / a later out counts). */
  unmatched: 'outside' | 'superseded' | null;
  monthLateMinutes: number;
  allowanceMinutes: number;
}

export interface ClockStatusView {
  date: string;
  dayKind: string;
  segments: Array<{ name: string; start: string; end: string; clockIn: string | null; clockOut: string | null; lateMinutes: number; earlyMinutes: number; onLeave: boolean }>;
  monthLateMinutes: number;
  allowanceMinutes: number;
}

async function monthFigures(tx: Tx, deps: ClockDeps, employeeId: string) {
  const now = deps.clock.now().setZone(deps.policy.center.timeZone);
  const today = now.toISODate()!;
  const [personDays] = await deriveDays(tx, deps.policy, { from: `${today.slice(0, 7)}-01`, to: today, now, employeeIds: [employeeId] });
  if (!personDays) throw new AppError('not_in_org', 'common.not_in_org', `employee ${employeeId} is not active`);
  const month = monthOf(deps.policy, today.slice(0, 7), personDays, today);
  return { today: personDays.days.at(-1)!, month, now };
}

export async function recordClock(deps: ClockDeps, employeeId: string, direction: 'in' | 'out'): Promise<ClockAnswer> {
  return deps.prisma.$transaction(async (tx: Tx) => {
    const at = deps.clock.now();
    await clockRepository(tx).insertMany([{ employeeId, at: at.toJSDate(), direction, source: deps.source, recordedBy: employeeId }]);
    const [event] = await tx.clockEvent.findMany({ where: { employeeId, at: at.toJSDate(), direction }, orderBy: { id: 'desc' }, take: 1 });
    const { today, month, now } = await monthFigures(tx, deps, employeeId);
    const id = String(event!.id);
    const segment = today.segments.find((s) => (direction === 'in' ? s.clockIn?.id === id : s.clockOut?.id === id)) ?? null;
    const unmatched = today.unmatchedEvents.find((u) => u.id === id);
    const happening = segment ? (direction === 'in' ? segment.late : segment.early) : null;
    if (happening?.needsExplanation && segment && deps.explanations) {
      await requestExplanation({ prisma: deps.prisma, policy: deps.policy, clock: deps.clock, messenger: deps.explanations }, tx, {
        employeeId,
        date: today.date,
        segment: segment.segment,
        kind: happening.kind,
        minutes: happening.minutes,
      });
    }
    await recordAudit(tx, [{ actor: employeeId, action: `clock.${direction}`, entity: 'clock_event', entityId: id, details: { source: deps.source, segment: segment?.segment ?? null } }]);
    return {
      direction,
      time: now.toFormat('HH:mm:ss'),
      segment: segment?.segment ?? null,
      minutes: segment ? (direction === 'in' ? segment.lateMinutes : segment.earlyMinutes) : 0,
      needsExplanation: happening?.needsExplanation ?? false,
      unmatched: unmatched?.reason ?? null,
      monthLateMinutes: month.lateMinutes,
      allowanceMinutes: month.allowanceMinutes,
    };
  });
}

export async function clockStatus(deps: ClockDeps, employeeId: string): Promise<ClockStatusView> {
  return deps.prisma.$transaction(async (tx: Tx) => {
    const { today, month } = await monthFigures(tx, deps, employeeId);
    const hm = (d: { toFormat(f: string): string } | null | undefined) => (d ? d.toFormat('HH:mm') : null);
    return {
      date: today.date,
      dayKind: today.kind,
      segments: today.segments.map((s) => ({
        name: s.segment,
        start: s.start.toFormat('HH:mm'),
        end: s.end.toFormat('HH:mm'),
        clockIn: hm(s.clockIn?.at),
        clockOut: hm(s.clockOut?.at),
        lateMinutes: s.lateMinutes,
        earlyMinutes: s.earlyMinutes,
        onLeave: s.onLeave,
      })),
      monthLateMinutes: month.lateMinutes,
      allowanceMinutes: month.allowanceMinutes,
    };
  });
}
