/**
 * How a clock-in/out answer and a day's status read (LATE-1, LATE-2, LATE-4;
 * LATE-5's "an explanation is needed"), in the user's locale: the same lines on
 * Slack and on Teams.
 */
import { segmentLabel, t, type Locale } from '../../shared/i18n/index.ts';
import type { ClockAnswer, ClockStatusView } from './clock-service.ts';

/** The answer to `clock in|out`: on time, late or early (or unmatched), whether an explanation is needed, the month so far. */
export function clockAnswerLines(l: Locale, direction: 'in' | 'out', a: ClockAnswer): string[] {
  const head = a.unmatched
    ? t(l, a.unmatched === 'outside' ? 'clock.outside' : 'clock.superseded', { time: a.time })
    : a.minutes === 0
      ? t(l, direction === 'in' ? 'clock.in_on_time' : 'clock.out_on_time', { time: a.time, segment: segmentLabel(l, a.segment ?? '') })
      : t(l, direction === 'in' ? 'clock.in_late' : 'clock.out_early', { time: a.time, segment: segmentLabel(l, a.segment ?? ''), minutes: a.minutes });
  return [head, ...(a.needsExplanation ? [t(l, 'clock.needs_explanation')] : []), t(l, 'clock.month', { month: a.monthLateMinutes, allowance: a.allowanceMinutes })];
}

/** The answer to `clock status`: the day's segments with the clock-in/out of each (or leave), the month so far. */
export function clockStatusLines(l: Locale, s: ClockStatusView): string[] {
  const lines =
    s.segments.length === 0
      ? [t(l, 'clock.status_off', { date: s.date })]
      : [
          t(l, 'clock.status_day', { date: s.date }),
          ...s.segments.map((x) =>
            x.onLeave
              ? t(l, 'clock.status_on_leave', { segment: segmentLabel(l, x.name), start: x.start, end: x.end })
              : t(l, 'clock.status_segment', { segment: segmentLabel(l, x.name), start: x.start, end: x.end, in: x.clockIn ?? '—', out: x.clockOut ?? '—' }),
          ),
        ];
  return [...lines, t(l, 'clock.month', { month: s.monthLateMinutes, allowance: s.allowanceMinutes })];
}
