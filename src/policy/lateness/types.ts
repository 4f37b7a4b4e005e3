/**
 * Lateness (policy.md LATE): the plain data the pure lateness rules work on.
 *
 * Dates are local calendar dates "YYYY-MM-DD" in the center's time zone
 * (`policy.center.timeZone`); instants are luxon DateTimes (any zone: they are
 * compared as instants); money is integer fen; minutes are whole minutes.
 */
import type { DateTime } from 'luxon';
import type { DayPart } from '../leave/types.ts';

/** Late arrival (LATE-2, LATE-4) or early leave (LATE-2, LATE-3). */
export const LATENESS_KINDS = ['late', 'early'] as const;
export type LatenessKind = (typeof LATENESS_KINDS)[number];

/** LATE-1: one clock event as stored (voided events already left out). */
export interface ClockEventInput {
  id: string;
  /** The exact instant (seconds included: LATE-2 truncates to the minute). */
  at: DateTime;
  direction: 'in' | 'out';
}

/**
 * LATE-7: a manager's excuse. Every field given narrows what it excuses, so
 * one excuse can cover many events: an incident's outage window with no
 * employeeId excuses everyone's lateness in that window at once.
 * An excuse must give `date` or `window` (else it would excuse every day).
 */
export interface ExcuseInput {
  id: string;
  reason: string;
  /** Absent: everyone. */
  employeeId?: string | undefined;
  /** The local date of the events it excuses. */
  date?: string | undefined;
  /** The segment name (`morning`, `early` …). */
  segment?: string | undefined;
  /** Absent: both late arrival and early leave. */
  kind?: LatenessKind | undefined;
  /**
   * Events whose segment START (for a late arrival) or segment END (for an
   * early leave) lies in [from, to], both ends included.
   */
  window?: { from: DateTime; to: DateTime } | undefined;
}

/** LATE-5: the explanation asked of the employee, and the approver's decision. */
export const EXPLANATION_STATUSES = ['requested', 'submitted', 'accepted', 'rejected'] as const;
export type ExplanationStatus = (typeof EXPLANATION_STATUSES)[number];

export interface ExplanationInput {
  date: string;
  segment: string;
  kind: LatenessKind;
  status: ExplanationStatus;
  /**
   * When the employee submitted it. A submission after the end of the working
   * day comes too late (LATE-5: "no explanation by the end of that working
   * day"). Absent: taken as in time.
   */
  submittedAt?: DateTime | undefined;
}

/**
 * An approved leave (any type, rest included) that covers the date. `full`
 * covers every segment of the day; `morning` covers the day's FIRST segment
 * and `afternoon` its LAST (by position, not by name: a complaint handler's
 * `early` shift is the first segment of their day). On a day with a single
 * segment, a half-day leave covers that segment.
 */
export interface LeaveOnDay {
  part: DayPart;
}

/**
 * What a late arrival or an early leave comes to.
 * - `ordinary`: charged by the minute (LATE-3, LATE-4): under the absenteeism
 *   threshold, or at/over it with an accepted explanation (LATE-5).
 * - `pending`: at/over the threshold, the explanation not decided yet.
 * - `absenteeism`: LATE-5 — rejected, or no explanation by the end of the
 *   working day; one day's base pay instead of the per-minute charge.
 * - `absent-day`: a missing clock-in that is part of a LATE-6 absent day
 *   (the day is charged once, not the segment).
 * - `excused`: LATE-7 — costs nothing, listed as excused.
 */
export type LatenessOutcome = 'ordinary' | 'pending' | 'absenteeism' | 'absent-day' | 'excused';

export interface LatenessEvent {
  kind: LatenessKind;
  /** Whole minutes (LATE-2); for a missing clock-in, the whole segment. */
  minutes: number;
  /** Late only: the segment ended without a clock-in; `minutes` is the segment's length. */
  missingClockIn: boolean;
  /** LATE-5: minutes ≥ `lateness.absenteeismMinutes` and not excused (the bot asks when `explanation` is `none`). */
  needsExplanation: boolean;
  explanation: ExplanationStatus | 'none';
  /** LATE-7: the first excuse (in the order given) that covers the event. */
  excused: { id: string; reason: string } | null;
  outcome: LatenessOutcome;
}

export interface MatchedClockEvent {
  id: string;
  /** In the center's time zone. */
  at: DateTime;
}

export interface SegmentLateness {
  segment: string;
  start: DateTime;
  end: DateTime;
  /** Covered by approved leave: nothing of it counts and no event is matched to it. */
  onLeave: boolean;
  /** The clock-in that counts (the first one), or null. */
  clockIn: MatchedClockEvent | null;
  /** The clock-out that counts (the last one), or null. */
  clockOut: MatchedClockEvent | null;
  /** LATE-1: the clock-out of this segment is required (the day's last worked segment, or `clock.requireClockOutEachSegment`). */
  clockOutCounts: boolean;
  /** The segment has ended, not on leave, and no clock-in (see `late`). */
  missingClockIn: boolean;
  /** A required clock-out is missing after the segment ended (flag only: no early leave is charged). */
  missingClockOut: boolean;
  /** LATE-2 raw minutes (0 when none); see `late`/`early` for what they come to. */
  lateMinutes: number;
  earlyMinutes: number;
  late: LatenessEvent | null;
  early: LatenessEvent | null;
}

export interface UnmatchedClockEvent {
  id: string;
  at: DateTime;
  direction: 'in' | 'out';
  /**
   * `outside`: in no worked segment's range (another date, a day off, a
   * segment on leave, an `in` after the last segment ended …);
   * `superseded`: in a segment's range, but another event of that segment
   * counts (a second `in`, an earlier `out`, an `out` before the clock-in).
   */
  reason: 'outside' | 'superseded';
}
