/**
 * Teams handler of `pay [YYYY-MM]` (PAY-8): the caller's own statement as a
 * card; nobody else's (the one argument is the month, never a person), as on
 * Slack. Typed in a channel, it goes to the caller's personal chat (private.ts).
 */
import { ownPayStatement } from '../../../features/pay/pay-statements.ts';
import { t } from '../../../shared/i18n/index.ts';
import { teamsPayStatement } from '../cards/pay-cards.ts';
import { TEAMS_COMMANDS } from '../ids.ts';
import { replyText, type TeamsContext } from './context.ts';
import { answerPrivately } from './private.ts';

export function registerPayHandlers(ctx: TeamsContext): void {
  ctx.commands.set(TEAMS_COMMANDS.pay, async ({ turn, who, args }) => {
    if (args.length > 1) return replyText(turn, t(who.locale, 'pay.usage'));
    try {
      const view = await ownPayStatement({ prisma: ctx.prisma(), policy: ctx.policy, clock: ctx.clock }, who.id, args[0]);
      return await answerPrivately(ctx, turn, who, teamsPayStatement(who.locale, view), 'pay');
    } catch (error) {
      return replyText(turn, ctx.errorText(who.locale, error));
    }
  });
}
