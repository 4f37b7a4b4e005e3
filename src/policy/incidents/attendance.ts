/**
 * The links of incidents to attendance (issue 7), pure: who is on the floor
 * at an instant (fire roll call), the staffing gap for the rest of a day and
 * the part of the day a sick leave covers from a moment (illness).
 *
 * Readings:
 * - Clocked in at an instant: the person's last clock event of that local day
 *   at or before the instant's minute (LATE-2 whole minutes) is an `in`.
 *   Voided events are left out by the caller.
 * - On leave at an instant: approved leave covering that date covers the
 *   segment the instant falls in (or, between segments, the next one; after
 *   the last, the last) — full = every segment, morning = the first,
 *   afternoon = the last (as the lateness rules read half days).
 * - Sick leave "from that moment": a full day when the moment is before the
 *   end of the day's first segment, the afternoon half day when a later
 *   segment is still to end, nothing when the working day is over.
 */
import type { DateTime } from 'luxon';
import { segmentsOnLeave } from '../lateness/day.ts';
import type { LeaveOnDay } from '../lateness/types.ts';
import type { DayPart } from '../leave/types.ts';
import type { Segment } from '../working-time.ts';

export interface ClockEventAt {
  at: DateTime;
  direction: 'in' | 'out';
}

/** Is the last event of the day at or before `at` (to the minute) a clock-in? Events of the instant's local day only. */
export function clockedInAt(events: readonly ClockEventAt[], at: DateTime): boolean {
  const limit = at.startOf('minute').toMillis();
  const day = at.toISODate();
  let last: ClockEventAt | undefined;
  for (const e of events) {
    const local = e.at.setZone(at.zone);
    if (local.toISODate() !== day || local.startOf('minute').toMillis() > limit) continue;
    if (!last || e.at.toMillis() >= last.at.toMillis()) last = e;
  }
  return last?.direction === 'in';
}

/** The index of the segment `at` falls in; between segments the next one; before the first 0; after the last the last. -1 with no segments. */
export function segmentIndexAt(segments: readonly Segment[], at: DateTime): number {
  if (segments.length === 0) return -1;
  const i = segments.findIndex((s) => at < s.end);
  return i === -1 ? segments.length - 1 : i;
}

/** Is a person on approved leave at `at`, given that day's segments and leave? */
export function onLeaveAt(segments: readonly Segment[], leave: readonly LeaveOnDay[], at: DateTime): boolean {
  if (leave.some((l) => l.part === 'full')) return true;
  const i = segmentIndexAt(segments, at);
  return i >= 0 && segmentsOnLeave(segments, leave)[i] === true;
}

export interface RollCallPerson {
  id: string;
  events: readonly ClockEventAt[];
  segments: readonly Segment[];
  leave: readonly LeaveOnDay[];
}

/** Fire: the people on the floor at `at` — clocked in, and not on leave. In input order. */
export function rollCallAt(people: readonly RollCallPerson[], at: DateTime): string[] {
  return people.filter((p) => clockedInAt(p.events, at) && !onLeaveAt(p.segments, p.leave, at)).map((p) => p.id);
}

export interface StaffingPerson {
  id: string;
  segments: readonly Segment[];
  leave: readonly LeaveOnDay[];
}

export interface SegmentStaffing {
  segment: string;
  start: DateTime;
  end: DateTime;
  /** Scheduled for the segment by the profile and roster. */
  scheduled: number;
  /** Still there: scheduled, not on leave, not the person taken ill. */
  remaining: number;
}

/**
 * Illness: for each segment of the day not yet ended at `at`, how many of the
 * team were scheduled and how many remain without the absent person.
 */
export function staffingGap(people: readonly StaffingPerson[], absentId: string, at: DateTime): SegmentStaffing[] {
  const bySegment = new Map<string, SegmentStaffing>();
  for (const p of people) {
    const onLeave = segmentsOnLeave(p.segments, p.leave);
    p.segments.forEach((s, i) => {
      if (s.end <= at) return;
      const row = bySegment.get(s.name) ?? { segment: s.name, start: s.start, end: s.end, scheduled: 0, remaining: 0 };
      row.scheduled++;
      if (!onLeave[i] && p.id !== absentId) row.remaining++;
      bySegment.set(s.name, row);
    });
  }
  return [...bySegment.values()].sort((a, b) => a.start.toMillis() - b.start.toMillis());
}

/** Illness: the part of the day a sick leave from `at` covers, or null when that working day is over (or none). */
export function sickLeavePartFrom(segments: readonly Segment[], at: DateTime): DayPart | null {
  if (segments.length === 0) return null;
  if (at < segments[0]!.end) return 'full';
  if (segments.length > 1 && at < segments[segments.length - 1]!.end) return 'afternoon';
  return null;
}
