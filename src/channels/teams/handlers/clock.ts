/** Teams handler of `clock in|out|status` (LATE-1, LATE-2, LATE-4; LATE-5 asks for explanations), the same use case and answer as on Slack. */
import { clockAnswerLines, clockStatusLines } from '../../../features/clock/clock-answer.ts';
import { clockStatus, recordClock, type ClockDeps } from '../../../features/clock/clock-service.ts';
import { t } from '../../../shared/i18n/index.ts';
import { TEAMS_COMMANDS } from '../ids.ts';
import { replyText, type TeamsContext } from './context.ts';
import { teamsExplanationDeps } from './lateness.ts';

export function registerClockHandlers(ctx: TeamsContext): void {
  ctx.commands.set(TEAMS_COMMANDS.clock, async ({ turn, who, args }) => {
    const sub = args.join(' ').toLowerCase();
    const l = who.locale;
    const deps: ClockDeps = { prisma: ctx.prisma(), policy: ctx.policy, clock: ctx.clock, source: 'teams', explanations: teamsExplanationDeps(ctx).messenger };
    try {
      if (sub === 'in' || sub === 'out') return replyText(turn, clockAnswerLines(l, sub, await recordClock(deps, who.id, sub)).join('\n'));
      if (sub === 'status') return replyText(turn, clockStatusLines(l, await clockStatus(deps, who.id)).join('\n'));
      return replyText(turn, t(l, 'teams.bad_argument', { arg: sub || '—', usage: 'clock in|out|status' }));
    } catch (error) {
      return replyText(turn, ctx.errorText(l, error));
    }
  });
}
