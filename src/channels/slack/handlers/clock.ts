/** Slack handler of /clock in|out|status (LATE-1, LATE-2, LATE-4; LATE-5 asks for explanations). */
import { clockStatus, recordClock } from '../../../features/clock/clock-service.ts';
import { DEFAULT_LOCALE, segmentLabel, t } from '../../../shared/i18n/index.ts';
import { COMMANDS } from '../ids.ts';
import type { SlackContext } from './context.ts';
import { slackExplanationDeps } from './lateness.ts';

export function registerClockHandlers(ctx: SlackContext): void {
  const { app, identify, errorText } = ctx;
  const explanationDeps = () => slackExplanationDeps(ctx);

  app.command(COMMANDS.clock, async ({ command, ack }) => {
    const who = await identify(command.user_id);
    if (!who) return ack(t(DEFAULT_LOCALE, 'common.not_in_org'));
    const sub = command.text.trim().toLowerCase();
    const l = who.locale;
    const clockDeps = { prisma: ctx.prisma(), policy: ctx.policy, clock: ctx.clock, source: 'slack', explanations: explanationDeps().messenger };
    try {
      if (sub === 'in' || sub === 'out') {
        const a = await recordClock(clockDeps, who.id, sub);
        const head = a.unmatched
          ? t(l, a.unmatched === 'outside' ? 'clock.outside' : 'clock.superseded', { time: a.time })
          : a.minutes === 0
            ? t(l, sub === 'in' ? 'clock.in_on_time' : 'clock.out_on_time', { time: a.time, segment: segmentLabel(l, a.segment ?? '') })
            : t(l, sub === 'in' ? 'clock.in_late' : 'clock.out_early', { time: a.time, segment: segmentLabel(l, a.segment ?? ''), minutes: a.minutes });
        const lines = [head, ...(a.needsExplanation ? [t(l, 'clock.needs_explanation')] : []), t(l, 'clock.month', { month: a.monthLateMinutes, allowance: a.allowanceMinutes })];
        return ack(lines.join('\n'));
      }
      if (sub === 'status') {
        const s = await clockStatus(clockDeps, who.id);
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
        return ack(lines.join('\n'));
      }
      return ack(t(l, 'clock.usage'));
    } catch (error) {
      return ack(errorText(l, error));
    }
  });
}
