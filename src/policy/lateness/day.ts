/**
 * One employee's day of lateness (policy.md LATE-1, LATE-2, LATE-5, LATE-6,
 * LATE-7). Pure: the schedule, the events, the leave, the excuses, the
 * explanations, the policy and `now` are arguments.
 *
 * Readings (the spec leaves these open):
 *
 * 1. Minutes (LATE-2). Every clock time is truncated to the minute and every
 *    comparison below uses the truncated time. Minutes are real elapsed
 *    minutes between instants (so a segment that spans a DST jump is as long
 *    as it really is).
 *
 * 2. Which `in` counts for which segment. Only the worked segments take part
 *    (segments covered by leave are left out). The day is cut into
 *    consecutive clock-in ranges, one per worked segment:
 *    - the first segment's range starts at the local day's start (midnight);
 *    - a later segment's range starts at its clock-in window's start, or at
 *      the previous segment's end if that is earlier (so 12:30 is an early
 *      clock-in for a 15:00 afternoon, and in overlapping shifts — early
 *      ending 14:30, late with window 14:20–14:30 — an `in` at 14:25 is the
 *      late shift's);
 *    - each range ends where the next begins; the last ends at its
 *      segment's end.
 *    So an `in` before the clock-in window (07:30 for a 07:50–08:00 window)
 *    is an early clock-in, on time — the window is when the bot expects the
 *    clock-in, not a gate: refusing it would make a person who came early an
 *    absentee. An `in` at or after the last segment's end is outside.
 *    The FIRST `in` of a range counts; later ones are `superseded`.
 *
 * 3. Which `out` counts. A segment's clock-out range runs from just after its
 *    start up to and including the next worked segment's start (the last
 *    segment's: to the end of the local day). The LAST `out` of the range at
 *    or after the clock-in counts (a person who comes back and clocks out
 *    again left at the second time); the others are `superseded`. An `out`
 *    at or before the first segment's start is outside.
 *
 * 4. Early leave (LATE-1): counted for the day's last worked segment only,
 *    unless `clock.requireClockOutEachSegment`. Earlier segments' clock-outs
 *    are matched and shown, and count nothing. Early leave needs a clock-in
 *    and a clock-out; a missing required clock-out is flagged
 *    (`missingClockOut`) and charged nothing (no rule prices it; the clock
 *    feature can remind, and a corrected event fixes the record).
 *
 * 5. A worked segment that has ended without a clock-in (`missingClockIn`) is
 *    a late arrival of the whole segment (its length, which is at least the
 *    absenteeism threshold for any real segment), so it goes through LATE-5
 *    (explanation or absenteeism) — unless the day is a LATE-6 absent day.
 *    A clock-out alone is no clock-in. A forgotten clock-in is fixed by a
 *    corrected clock event, or excused (LATE-7).
 *
 * 6. LATE-5: an event of at least `lateness.absenteeismMinutes` minutes,
 *    not excused: explanation accepted → ordinary minutes; rejected →
 *    absenteeism; submitted by the end of the working day → pending (waiting
 *    for the approver, even after the day is over); none, requested, or
 *    submitted too late → pending while the day lasts, absenteeism once it is
 *    over. The end of the working day is the end of the schedule's last
 *    segment (`workdayEnd`); `dayOver` is `now` ≥ it. When several
 *    explanations match, the last one given counts (pass them in order).
 *
 * 7. LATE-6: a working day with at least one worked segment (not covered by
 *    leave), no clock-in in any of them, and at least one of them not
 *    excused, is an absent day — decided only once the day is over (before
 *    that the ended segments are pending LATE-5 events). Its missing clock-ins
 *    have outcome `absent-day` and are not charged again. A half-day leave
 *    and no clock-in for the other half is an absent day. A working day with
 *    no segments (rotating shifts with no roster entry) counts nothing.
 *
 * 8. LATE-7: an excused event costs nothing, needs no explanation, and
 *    overrides LATE-5/6. Leave overrides everything: a segment on leave has
 *    no events at all.
 *
 * 9. Days that are not working days (rest, holiday, off) count nothing; their
 *    events are all `outside`.
 */
import { DateTime } from 'luxon';
import type { Policy } from '../config/schema.ts';
import type { DayKind, DaySchedule, Segment } from '../working-time.ts';
import type {
  ClockEventInput,
  ExcuseInput,
  ExplanationInput,
  LatenessEvent,
  LatenessKind,
  LeaveOnDay,
  MatchedClockEvent,
  SegmentLateness,
  UnmatchedClockEvent,
} from './types.ts';

export interface DayLatenessInput {
  /** The employee's day (working-time.ts `daySchedule`, roster applied); its employeeId and date are the day's. */
  schedule: DaySchedule;
  /** That employee's clock events of that local date (events of other dates come out as `outside`). */
  events: readonly ClockEventInput[];
  /** Approved leave covering that date. */
  leave: readonly LeaveOnDay[];
  /** Excuses that may apply (each is matched against the employee, date, segment, kind and window). */
  excuses: readonly ExcuseInput[];
  /** That employee's explanations (any date: those of other dates are ignored). */
  explanations: readonly ExplanationInput[];
  policy: Policy;
  now: DateTime;
}

export interface DayLateness {
  employeeId: string;
  date: string;
  kind: DayKind;
  /** Every segment of the schedule, in start order (segments on leave included, `onLeave`). */
  segments: SegmentLateness[];
  /** End of the schedule's last segment (the end of the working day); null when there is no segment. */
  workdayEnd: DateTime | null;
  /** `now` ≥ workdayEnd (for a day without segments: `now` ≥ the next local midnight). */
  dayOver: boolean;
  /** LATE-6: an absent day (see reading 7). */
  absentDay: boolean;
  /** Events that count nowhere, in time order; each event is in exactly one place. */
  unmatchedEvents: UnmatchedClockEvent[];
}

const MINUTE = 60_000;

/** End of the schedule's last segment (the end of that working day), or null. */
export function workdayEnd(schedule: Pick<DaySchedule, 'kind' | 'segments'>): DateTime | null {
  if (schedule.kind !== 'working' || schedule.segments.length === 0) return null;
  return schedule.segments.reduce((latest, s) => (s.end > latest ? s.end : latest), schedule.segments[0]!.end);
}

/** Which segments (by index) approved leave covers: full = all, morning = the first, afternoon = the last. */
export function segmentsOnLeave(segments: readonly Segment[], leave: readonly LeaveOnDay[]): boolean[] {
  const last = segments.length - 1;
  return segments.map((_, i) =>
    leave.some((l) => l.part === 'full' || (l.part === 'morning' && i === 0) || (l.part === 'afternoon' && i === last)),
  );
}

export function dayLateness(input: DayLatenessInput): DayLateness {
  const { schedule, policy, now } = input;
  const zone = policy.center.timeZone;
  const { employeeId, date } = schedule;
  for (const x of input.excuses) checkExcuse(x);

  const { dayStart, nextDay } = dayBounds(date, zone);
  const segments = schedule.kind === 'working' ? schedule.segments : [];
  const end = workdayEnd(schedule);
  const dayOver = now.toMillis() >= (end ?? nextDay).toMillis();

  const onLeave = segmentsOnLeave(segments, input.leave);
  const worked = segments.map((s, i) => ({ s, i })).filter(({ i }) => !onLeave[i]);

  // Reading 2 and 3: the clock-in and clock-out ranges of the worked segments (epoch ms, truncated clock).
  const inFrom: number[] = [];
  worked.forEach(({ s }, k) => {
    const prev = worked[k - 1];
    inFrom.push(
      prev ? Math.max(inFrom[k - 1]!, Math.min(s.clockIn.from.toMillis(), prev.s.end.toMillis())) : dayStart.toMillis(),
    );
  });
  const inTo = (k: number) => (k + 1 < worked.length ? inFrom[k + 1]! : worked[k]!.s.end.toMillis()); // exclusive
  const outAfter = (k: number) => worked[k]!.s.start.toMillis(); // exclusive
  const outUpTo = (k: number) => (k + 1 < worked.length ? worked[k + 1]!.s.start.toMillis() : nextDay.toMillis() - 1); // inclusive

  const unmatched: UnmatchedClockEvent[] = [];
  const ins: ClockEventInput[][] = worked.map(() => []);
  const outs: ClockEventInput[][] = worked.map(() => []);
  const sorted = [...input.events].sort((a, b) => a.at.toMillis() - b.at.toMillis()); // stable: ties keep input order
  const outside = (e: ClockEventInput) => unmatched.push({ ...brief(e, zone), direction: e.direction, reason: 'outside' });
  for (const e of sorted) {
    const t = truncated(e.at);
    if (t < dayStart.toMillis() || t >= nextDay.toMillis()) {
      outside(e);
      continue;
    }
    const k =
      e.direction === 'in'
        ? worked.findIndex((_, k) => inFrom[k]! <= t && t < inTo(k))
        : worked.findIndex((_, k) => outAfter(k) < t && t <= outUpTo(k));
    if (k < 0) outside(e);
    else (e.direction === 'in' ? ins : outs)[k]!.push(e);
  }

  const lastWorked = worked.length - 1;
  const results: SegmentLateness[] = segments.map((s) => ({
    segment: s.name,
    start: s.start,
    end: s.end,
    onLeave: true,
    clockIn: null,
    clockOut: null,
    clockOutCounts: false,
    missingClockIn: false,
    missingClockOut: false,
    lateMinutes: 0,
    earlyMinutes: 0,
    late: null,
    early: null,
  }));

  const resolve = (s: Segment, kind: LatenessKind, minutes: number, missingClockIn = false): LatenessEvent =>
    resolveEvent({ ...input, employeeId, date, segment: s, kind, minutes, missingClockIn, dayOver, workdayEnd: end });

  worked.forEach(({ s, i }, k) => {
    const [clockIn, ...laterIns] = ins[k]!;
    for (const e of laterIns) unmatched.push({ ...brief(e, zone), direction: 'in', reason: 'superseded' });
    const candidates = outs[k]!.filter((o) => !clockIn || o.at.toMillis() >= clockIn.at.toMillis());
    for (const o of outs[k]!) if (o !== candidates.at(-1)) unmatched.push({ ...brief(o, zone), direction: 'out', reason: 'superseded' });
    const clockOut = candidates.at(-1);

    const segmentOver = now.toMillis() >= s.end.toMillis();
    const clockOutCounts = policy.clock.requireClockOutEachSegment || k === lastWorked;
    const r = results[i]!;
    r.onLeave = false;
    r.clockIn = clockIn ? brief(clockIn, zone) : null;
    r.clockOut = clockOut ? brief(clockOut, zone) : null;
    r.clockOutCounts = clockOutCounts;
    r.missingClockIn = !clockIn && segmentOver;
    r.missingClockOut = clockOutCounts && !!clockIn && !clockOut && segmentOver;

    if (clockIn) r.lateMinutes = Math.max(0, minutesBetween(s.start.toMillis(), truncated(clockIn.at)));
    else if (segmentOver) r.lateMinutes = minutesBetween(s.start.toMillis(), s.end.toMillis());
    if (r.lateMinutes > 0) r.late = resolve(s, 'late', r.lateMinutes, !clockIn);

    if (clockOutCounts && clockIn && clockOut)
      r.earlyMinutes = Math.max(0, minutesBetween(truncated(clockOut.at), s.end.toMillis()));
    if (r.earlyMinutes > 0) r.early = resolve(s, 'early', r.earlyMinutes);
  });

  // LATE-6 (reading 7).
  const workedResults = worked.map(({ i }) => results[i]!);
  const absentDay =
    dayOver &&
    workedResults.length > 0 &&
    workedResults.every((r) => r.clockIn === null) &&
    workedResults.some((r) => r.late?.outcome !== 'excused');
  if (absentDay)
    for (const r of workedResults)
      if (r.late && r.late.outcome !== 'excused') r.late = { ...r.late, outcome: 'absent-day', needsExplanation: false };

  unmatched.sort((a, b) => a.at.toMillis() - b.at.toMillis());
  return {
    employeeId,
    date,
    kind: schedule.kind,
    segments: results,
    workdayEnd: end,
    dayOver,
    absentDay,
    unmatchedEvents: unmatched,
  };
}

// ------------------------------------------------------------------ helpers

interface ResolveInput {
  employeeId: string;
  date: string;
  segment: Segment;
  kind: LatenessKind;
  minutes: number;
  missingClockIn: boolean;
  excuses: readonly ExcuseInput[];
  explanations: readonly ExplanationInput[];
  policy: Policy;
  dayOver: boolean;
  workdayEnd: DateTime | null;
}

/** LATE-5 and LATE-7 for one late arrival or early leave (reading 6 and 8). */
function resolveEvent(x: ResolveInput): LatenessEvent {
  const excuse = x.excuses.find((e) => excuseCovers(e, x.employeeId, x.date, x.segment, x.kind));
  const explanation = x.explanations.filter((e) => e.date === x.date && e.segment === x.segment.name && e.kind === x.kind).at(-1);
  const status: LatenessEvent['explanation'] = explanation?.status ?? 'none';
  const base = {
    kind: x.kind,
    minutes: x.minutes,
    missingClockIn: x.missingClockIn,
    explanation: status,
    excused: excuse ? { id: excuse.id, reason: excuse.reason } : null,
  };
  if (excuse) return { ...base, needsExplanation: false, outcome: 'excused' };
  if (x.minutes < x.policy.lateness.absenteeismMinutes) return { ...base, needsExplanation: false, outcome: 'ordinary' };
  const submittedInTime =
    status === 'submitted' &&
    (!explanation?.submittedAt || !x.workdayEnd || explanation.submittedAt.toMillis() <= x.workdayEnd.toMillis());
  const outcome =
    status === 'accepted'
      ? 'ordinary'
      : status === 'rejected'
        ? 'absenteeism'
        : submittedInTime || !x.dayOver
          ? 'pending'
          : 'absenteeism';
  return { ...base, needsExplanation: true, outcome };
}

/** LATE-7: does the excuse cover this employee's late arrival or early leave of this segment? */
export function excuseCovers(x: ExcuseInput, employeeId: string, date: string, segment: Segment, kind: LatenessKind): boolean {
  if (x.employeeId !== undefined && x.employeeId !== employeeId) return false;
  if (x.date !== undefined && x.date !== date) return false;
  if (x.segment !== undefined && x.segment !== segment.name) return false;
  if (x.kind !== undefined && x.kind !== kind) return false;
  if (x.window) {
    const t = (kind === 'late' ? segment.start : segment.end).toMillis();
    if (t < x.window.from.toMillis() || t > x.window.to.toMillis()) return false;
  }
  return true;
}

function checkExcuse(x: ExcuseInput): void {
  if (x.date === undefined && x.window === undefined)
    throw new RangeError(`excuse ${x.id} gives neither a date nor a window: it would excuse every day`);
  if (x.window && x.window.to.toMillis() < x.window.from.toMillis())
    throw new RangeError(`excuse ${x.id}: its window ends before it starts`);
}

/** Local midnights of a date and of the next, kept per date: a month of a large center asks for the same 31 days again and again. */
const bounds = new Map<string, { dayStart: DateTime; nextDay: DateTime }>();
function dayBounds(date: string, zone: string): { dayStart: DateTime; nextDay: DateTime } {
  const key = `${zone}|${date}`;
  const cached = bounds.get(key);
  if (cached) return cached;
  const dayStart = DateTime.fromISO(date, { zone }).startOf('day');
  if (!dayStart.isValid) throw new RangeError(`not a date "YYYY-MM-DD": ${date}`);
  const found = { dayStart, nextDay: dayStart.plus({ days: 1 }) };
  if (bounds.size >= 4000) bounds.clear();
  bounds.set(key, found);
  return found;
}

/** LATE-2: the clock time truncated to the minute, as epoch ms. */
function truncated(at: DateTime): number {
  return Math.floor(at.toMillis() / MINUTE) * MINUTE;
}

function minutesBetween(fromMs: number, toMs: number): number {
  return Math.round((toMs - fromMs) / MINUTE);
}

function brief(e: ClockEventInput, zone: string): MatchedClockEvent {
  return { id: e.id, at: e.at.setZone(zone) };
}
