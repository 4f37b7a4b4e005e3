/**
 * Shift handover (交接班) of complaint handlers on rotating shifts: who takes
 * over, and when an unacknowledged handover is flagged. Pure: no I/O, no clock.
 *
 * - Incoming handler: among the other complaint handlers, the one whose
 *   segment is the earliest of those not yet ended at the filing instant (a
 *   shift already under way counts: shifts overlap); ties by employee id.
 * - Timing: the handover is flagged to the complaint manager, once, when it is
 *   not acknowledged `routine.handoverGraceMinutes` after the incoming shift
 *   starts; without an incoming handler, that long after it was filed.
 */
import type { DateTime } from 'luxon';
import type { Policy } from '../config/schema.ts';

export interface CandidateShift {
  employeeId: string;
  segments: ReadonlyArray<{ start: DateTime; end: DateTime }>;
}

/** The incoming handler and their shift start, or null when no other handler has a shift ahead. */
export function pickIncoming(candidates: readonly CandidateShift[], outgoingId: string, filedAt: DateTime): { employeeId: string; startsAt: DateTime } | null {
  let best: { employeeId: string; startsAt: DateTime } | null = null;
  for (const c of candidates) {
    if (c.employeeId === outgoingId) continue;
    for (const seg of c.segments) {
      if (seg.end <= filedAt) continue;
      const better = !best || seg.start < best.startsAt || (seg.start.equals(best.startsAt) && c.employeeId < best.employeeId);
      if (better) best = { employeeId: c.employeeId, startsAt: seg.start };
    }
  }
  return best;
}

export type HandoverState = 'acknowledged' | 'waiting' | 'flag-now' | 'flagged';

export interface HandoverTiming {
  filedAt: DateTime;
  incomingStartsAt: DateTime | null;
  acknowledgedAt: DateTime | null;
  flaggedAt: DateTime | null;
}

/** When an unacknowledged handover is flagged. */
export function handoverFlagAt(h: Pick<HandoverTiming, 'filedAt' | 'incomingStartsAt'>, policy: Policy): DateTime {
  return (h.incomingStartsAt ?? h.filedAt).plus({ minutes: policy.routine.handoverGraceMinutes });
}

/**
 * Handover timing at `now`: acknowledged (nothing to do, whenever it was), flagged
 * already (never twice), `flag-now` once the grace has run out, else waiting.
 */
export function handoverState(h: HandoverTiming, now: DateTime, policy: Policy): HandoverState {
  if (h.acknowledgedAt) return 'acknowledged';
  if (h.flaggedAt) return 'flagged';
  return now >= handoverFlagAt(h, policy) ? 'flag-now' : 'waiting';
}

export interface OpenTicket {
  ref: string;
  state: string;
}

/** The open tickets of the form: one per line, "REF state…" or "REF: state…"; blank lines skipped. */
export function parseOpenTickets(text: string): OpenTicket[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const m = /^([^\s:：]+)\s*[:：]?\s*(.*)$/.exec(line)!;
      return { ref: m[1]!, state: m[2]!.trim() };
    });
}
