/** Teams handler of `clock in|out|status` (LATE-1, LATE-2, LATE-4; LATE-5 asks for explanations), the same use case as on Slack. */
import { clockStatus, recordClock, type ClockDeps } from '../../../features/clock/clock-service.ts';
import { segmentLabel, t } from '../../../shared/i18n/index.ts';
import { teamsExplanationRenderer } from '../cards/explanation-cards.ts';
import { TEAMS_COMMANDS } from '../ids.ts';
import { replyText, type TeamsContext } from './context.ts';

export function registerClockHandlers(ctx: TeamsContext): void {
  ctx.commands.set(TEAMS_COMMANDS.clock, async ({ turn, who, args }) => {
    const sub = args.join(' ').toLowerCase();
    const l = who.locale;
    const deps: ClockDeps = {
      prisma: ctx.prisma(),
      policy: ctx.policy,
      clock: ctx.clock,
      source: 'teams',
      explanations: { platform: 'teams', render: teamsExplanationRenderer, targetOf: (p) => p.teamsId },
    };
    try {
      if (sub === 'in' || sub === 'out') {
        const a = await recordClock(deps, who.id, sub);
        const head = a.unmatched
          ? t(l, a.unmatched === 'outside' ? 'clock.outside' : 'clock.superseded', { time: a.time })
          : a.minutes === 0
            ? t(l, sub === 'in' ? 'clock.in_on_time' : 'clock.out_on_time', { time: a.time, segment: segmentLabel(l, a.segment ?? '') })
            : t(l, sub === 'in' ? 'clock.in_late' : 'clock.out_early', { time: a.time, segment: segmentLabel(l, a.segment ?? ''), minutes: a.minutes });
        const lines = [head, ...(a.needsExplanation ? [t(l, 'clock.needs_explanation')] : []), t(l, 'clock.month', { month: a.monthLateMinutes, allowance: a.allowanceMinutes })];
        return replyText(turn, lines.join('\n'));
      }
      if (sub === 'status') {
        const s = await clockStatus(deps, who.id);
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
        lines.push(t(l, 'clock.month', { month: s.monthLateMinutes, allowance: s.allowanceMinutes }));
        return replyText(turn, lines.join('\n'));
      }
      return replyText(turn, t(l, 'teams.bad_argument', { arg: sub || '—', usage: 'clock in|out|status' }));
    } catch (error) {
      return replyText(turn, ctx.errorText(l, error));
    }
  });
}
