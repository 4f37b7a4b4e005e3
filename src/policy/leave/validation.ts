/**
 * LEAVE-1, LEAVE-2, LEAVE-3: is a leave request acceptable, and what must the
 * approver see flagged. Every error is collected, not only the first.
 *
 * Readings:
 * - "Today" is the date of `now` in the center's zone (`center.timeZone`),
 *   whatever zone `now` carries.
 * - LEAVE-2 "requested before it starts" (須提前, 不得事後補假): a personal
 *   leave's first day (startDate) must be after today. A personal leave
 *   starting today or earlier is retroactive: refused, unless marked as an
 *   emergency, which is accepted and flagged `emergency-retroactive`.
 *   (This is stricter than "before its first segment starts": an afternoon
 *   half day asked for on the same morning is retroactive too.)
 * - LEAVE-3: a sick leave without its proof ('follows' or 'none') is
 *   accepted and flagged `sick-proof-pending`; the proof is due by the end of
 *   the `leave.sick.proofGraceDays`-th day after the filing date (center
 *   time), see sickProofOverdue.
 * - Overlap: a request may not share a day with the requester's own pending
 *   or approved leave, except that a morning and an afternoon of the same day
 *   do not overlap.
 * - A request whose dates hold no working day of the requester (`workingDays`
 *   from chargeableDays is empty) is refused.
 */
import type { DateTime } from 'luxon';
import type { Policy } from '../config/schema.ts';
import { isRealDate } from './dates.ts';

/** chargeableDays lives in cost.ts; re-exported here because callers compute workingDays for validation. */
export { chargeableDays } from './cost.ts';
import {
  DAY_PARTS,
  LEAVE_TYPES,
  PROOF_STATES,
  type LeaveDay,
  type LeaveRequestInput,
  type LeaveSpan,
  type LeaveStatus,
  type ProofState,
} from './types.ts';

export type LeaveFlag = 'emergency-retroactive' | 'sick-proof-pending';

export type LeaveErrorField = 'type' | 'startDate' | 'endDate' | 'part' | 'reason' | 'proof';

/** The i18n keys of validation errors (params in comments). */
export const LEAVE_ERROR_KEYS = [
  'leave.error.unknown_type', // {type}
  'leave.error.unknown_part', // {part}
  'leave.error.unknown_proof', // {proof}
  'leave.error.invalid_date', // {date}
  'leave.error.end_before_start', // {startDate} {endDate}
  'leave.error.half_day_one_date', // {startDate} {endDate}
  'leave.error.reason_required',
  'leave.error.retroactive', // {startDate} {today}
  'leave.error.overlap', // {leaveId} {startDate} {endDate}
  'leave.error.no_working_day', // {startDate} {endDate}
] as const;
export type LeaveErrorKey = (typeof LEAVE_ERROR_KEYS)[number];

export interface LeaveError {
  field: LeaveErrorField;
  messageKey: LeaveErrorKey;
  params?: Record<string, string | number>;
}

export type LeaveValidation = { ok: true; flags: LeaveFlag[] } | { ok: false; errors: LeaveError[] };

export interface ExistingLeave extends LeaveSpan {
  id: string;
  status: LeaveStatus;
}

export interface ValidateLeaveRequestInput {
  request: LeaveRequestInput;
  /** The instant the request is filed (any zone). */
  now: DateTime;
  policy: Policy;
  /** The request's working days, from chargeableDays. */
  workingDays: readonly LeaveDay[];
  /** The requester's own leaves (any status; only pending and approved count). */
  existing: readonly ExistingLeave[];
}

export function validateLeaveRequest({ request, now, policy, workingDays, existing }: ValidateLeaveRequestInput): LeaveValidation {
  const errors: LeaveError[] = [];
  const flags: LeaveFlag[] = [];
  const { type, startDate, endDate, part } = request;

  // LEAVE-1: the type, the part of the day, the proof state.
  if (!(LEAVE_TYPES as readonly string[]).includes(type))
    errors.push({ field: 'type', messageKey: 'leave.error.unknown_type', params: { type: String(type) } });
  if (!(DAY_PARTS as readonly string[]).includes(part))
    errors.push({ field: 'part', messageKey: 'leave.error.unknown_part', params: { part: String(part) } });
  if (!(PROOF_STATES as readonly string[]).includes(request.proof))
    errors.push({ field: 'proof', messageKey: 'leave.error.unknown_proof', params: { proof: String(request.proof) } });

  // The dates.
  const startOk = isRealDate(startDate);
  const endOk = isRealDate(endDate);
  if (!startOk) errors.push({ field: 'startDate', messageKey: 'leave.error.invalid_date', params: { date: String(startDate) } });
  if (!endOk) errors.push({ field: 'endDate', messageKey: 'leave.error.invalid_date', params: { date: String(endDate) } });
  const datesOk = startOk && endOk && endDate >= startDate;
  if (startOk && endOk && endDate < startDate)
    errors.push({ field: 'endDate', messageKey: 'leave.error.end_before_start', params: { startDate, endDate } });
  // LEAVE-1: a half day is one date.
  if (part !== 'full' && startOk && endOk && startDate !== endDate)
    errors.push({ field: 'part', messageKey: 'leave.error.half_day_one_date', params: { startDate, endDate } });

  // LEAVE-2: personal leave needs a reason and must be asked for before it starts.
  if (type === 'personal') {
    if (!request.reason || request.reason.trim() === '')
      errors.push({ field: 'reason', messageKey: 'leave.error.reason_required' });
    if (startOk) {
      const today = centerToday(now, policy);
      if (startDate <= today) {
        if (request.emergency) flags.push('emergency-retroactive');
        else errors.push({ field: 'startDate', messageKey: 'leave.error.retroactive', params: { startDate, today } });
      }
    }
  }

  // LEAVE-3: sick leave filed without its proof is accepted and flagged.
  if (type === 'sick' && request.proof !== 'attached') flags.push('sick-proof-pending');

  if (datesOk) {
    // No shared day with my own pending or approved leave.
    const mine: LeaveSpan = { startDate, endDate, part };
    for (const other of existing)
      if ((other.status === 'pending' || other.status === 'approved') && leavesOverlap(mine, other))
        errors.push({
          field: 'startDate',
          messageKey: 'leave.error.overlap',
          params: { leaveId: other.id, startDate: other.startDate, endDate: other.endDate },
        });
    // At least one working day.
    if (workingDays.length === 0)
      errors.push({ field: 'startDate', messageKey: 'leave.error.no_working_day', params: { startDate, endDate } });
  }

  return errors.length > 0 ? { ok: false, errors } : { ok: true, flags };
}

/**
 * Two leaves overlap when their date ranges share a day, unless both are half
 * days of different halves (a morning and an afternoon of the same day).
 */
export function leavesOverlap(a: LeaveSpan, b: LeaveSpan): boolean {
  if (a.startDate > b.endDate || b.startDate > a.endDate) return false;
  return a.part === 'full' || b.part === 'full' || a.part === b.part;
}

export interface SickProofOverdueInput {
  /** When the sick leave was filed. */
  filedAt: DateTime;
  proof: ProofState;
  /** When the proof arrived, if it did. */
  proofReceivedAt?: DateTime | null | undefined;
  now: DateTime;
  policy: Policy;
}

/**
 * LEAVE-3: the instant the proof becomes overdue: the start of the day after
 * the (filing date + proofGraceDays)-th day, in the center's zone. Filed on
 * Monday 2026-03-02 at any hour with 3 grace days: due by the end of Thursday
 * 03-05, overdue from Friday 03-06 00:00 center time.
 */
export function sickProofDeadline(filedAt: DateTime, policy: Policy): DateTime {
  return filedAt
    .setZone(policy.center.timeZone)
    .startOf('day')
    .plus({ days: policy.leave.sick.proofGraceDays + 1 });
}

/** LEAVE-3: the proof of a sick leave has not arrived (by `now`) and its grace period is over. */
export function sickProofOverdue({ filedAt, proof, proofReceivedAt, now, policy }: SickProofOverdueInput): boolean {
  if (proof === 'attached') return false;
  if (proofReceivedAt && proofReceivedAt <= now) return false;
  return now >= sickProofDeadline(filedAt, policy);
}

/** Today's date "YYYY-MM-DD" in the center's zone. */
export function centerToday(now: DateTime, policy: Policy): string {
  return now.setZone(policy.center.timeZone).toISODate()!;
}
