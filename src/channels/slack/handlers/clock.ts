/** Slack handler of /clock in|out|status (LATE-1, LATE-2, LATE-4; LATE-5 asks for explanations). */
import { clockStatus, recordClock } from '../../../features/clock/clock-service.ts';
import { clockAnswerLines, clockStatusLines } from '../../../features/clock/clock-answer.ts';
import { DEFAULT_LOCALE, t } from '../../../shared/i18n/index.ts';
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
        return ack(clockAnswerLines(l, sub, a).join('\n'));
      }
      if (sub === 'status') {
        const s = await clockStatus(clockDeps, who.id);
        return ack(clockStatusLines(l, s).join('\n'));
      }
      return ack(t(l, 'clock.usage'));
    } catch (error) {
      return ack(errorText(l, error));
    }
  });
}
