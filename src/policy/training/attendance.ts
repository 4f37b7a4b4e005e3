/**
 * TRAIN-1 (and PERF-5's input): when the weekly business study (业务学习) is held
 * and who is expected at it. Pure functions over the policy and plain data: no
 * I/O, no clock. Dates are local "YYYY-MM-DD" in `center.timeZone`.
 *
 * Reading of "for everyone not on shift" and "absence can be requested
 * beforehand from the team leader" (docs/training.md):
 * - The study is on every `training.weekly.weekday` at `training.weekly.time`
 *   (center time) that is a working day of the center (TIME-6: holidays off,
 *   swapped working days on).
 * - Expected: an active employee whose role is in `training.attendeeRoles`,
 *   hired on or before the date, whose own day is a working day (a rest day,
 *   a day off in their profile or a holiday excuses them), who has no approved
 *   leave covering the session (any type; approved `meeting` leave is exactly
 *   the absence requested beforehand, LEAVE-4), and who is not on a rostered
 *   shift (TIME-5) whose segment covers the session's start.
 */
import { DateTime } from 'luxon';
import { WEEKDAYS, timeToMinutes, type Policy, type RoleKey } from '../config/schema.ts';
import type { DayPart } from '../leave/types.ts';
import { isWorkingDay, weekdayOf, type DaySchedule } from '../working-time.ts';

/** Why someone who would be expected is excused from one session. */
export type TrainingExcuse =
  | { kind: 'rest'; detail: string }
  | { kind: 'leave'; leaveType: string; part: DayPart }
  | { kind: 'shift'; segment: string };

export type Expectation = { expected: true } | { expected: false; excuse: TrainingExcuse };

/** An approved leave of the employee that covers the session's date (half days only when it is one day). */
export interface LeaveOnSessionDay {
  type: string;
  part: DayPart;
}

/** The instant the study starts on a local date. */
export function sessionStartOn(date: string, policy: Policy): DateTime {
  const [year, month, day] = date.split('-').map(Number);
  const minutes = timeToMinutes(policy.training.weekly.time);
  return DateTime.fromObject({ year, month, day, hour: Math.floor(minutes / 60), minute: minutes % 60 }, { zone: policy.center.timeZone });
}

/** The instant the study of a session starting at `start` ends. */
export function sessionEnd(start: DateTime, policy: Policy): DateTime {
  return start.plus({ minutes: policy.training.weekly.durationMinutes });
}

/** TRAIN-1: the study is held on this date (its weekday, and a working day of the center). */
export function isSessionDay(date: string, policy: Policy): boolean {
  return weekdayOf(date) === policy.training.weekly.weekday && isWorkingDay(date, policy);
}

/**
 * The next session on or after `now`: the study day whose end is still ahead
 * (today's while it has not ended), skipping days that are not working days of
 * the center. Undefined only when none falls in the next year.
 */
export function nextSessionDate(now: DateTime, policy: Policy): string | undefined {
  const local = now.setZone(policy.center.timeZone);
  const target = WEEKDAYS.indexOf(policy.training.weekly.weekday) + 1;
  let day = local.startOf('day').plus({ days: (target - local.weekday + 7) % 7 });
  for (let i = 0; i < 53; i++, day = day.plus({ weeks: 1 })) {
    const date = day.toISODate()!;
    if (!isWorkingDay(date, policy)) continue;
    if (sessionEnd(sessionStartOn(date, policy), policy) > local) return date;
  }
  return undefined;
}

/** TRAIN-2: the Monday of the week of a local date (the plan's `weekStart`). */
export function weekStartOf(date: string): string {
  const d = DateTime.fromISO(date, { zone: 'utc' });
  return d.minus({ days: d.weekday - 1 }).toISODate()!;
}

/** Whether a role is among the study's attendees. */
export function isAttendeeRole(role: string, policy: Policy): boolean {
  return (policy.training.attendeeRoles as readonly string[]).includes(role as RoleKey);
}

/**
 * TRAIN-1: is an attendee (role and hire date already checked) expected at the
 * session starting at `start`, given their day and approved leave on that date?
 * A half-day leave covers the session when its part holds the session's start:
 * `morning` is the day's first segment, `afternoon` its last (as LATE-6 reads
 * half days); outside every segment, 12:00 divides the day.
 */
export function expectation(input: { schedule: DaySchedule; start: DateTime; leaves: readonly LeaveOnSessionDay[] }): Expectation {
  const { schedule, start, leaves } = input;
  if (schedule.kind !== 'working') return { expected: false, excuse: { kind: 'rest', detail: schedule.reason } };
  const part = partAt(schedule, start);
  const leave = leaves.find((l) => l.part === 'full' || l.part === part);
  if (leave) return { expected: false, excuse: { kind: 'leave', leaveType: leave.type, part: leave.part } };
  if (schedule.reason === 'roster') {
    const shift = schedule.segments.find((s) => s.start <= start && start < s.end);
    if (shift) return { expected: false, excuse: { kind: 'shift', segment: shift.name } };
  }
  return { expected: true };
}

/** The half day (`morning` / `afternoon`) that holds an instant of the schedule's day. */
export function partAt(schedule: DaySchedule, at: DateTime): 'morning' | 'afternoon' {
  const segments = schedule.segments;
  if (segments.length >= 2) {
    const first = segments[0]!;
    const last = segments[segments.length - 1]!;
    if (at >= last.start) return 'afternoon';
    if (at < first.end) return 'morning';
  } else if (segments.length === 1) {
    const only = segments[0]!;
    if (at >= only.start && at < only.end) return only.start.hour < 12 ? 'morning' : 'afternoon';
  }
  return at.hour < 12 ? 'morning' : 'afternoon';
}
