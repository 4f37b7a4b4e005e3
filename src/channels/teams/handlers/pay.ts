/**
 * Teams handler of `pay [YYYY-MM]` (PAY-8): the caller's own statement as a
 * card; nobody else's (the one argument is the month, never a person), as on
 * Slack. Teams has no ephemeral answer: typed in a channel, the statement goes
 * to the caller's personal chat (outbox) and the channel is only told so.
 */
import { ownPayStatement } from '../../../features/pay/pay-statements.ts';
import { t } from '../../../shared/i18n/index.ts';
import { enqueue } from '../../../shared/outbox/outbox.ts';
import type { AdaptiveCard } from '../cards/adaptive.ts';
import { teamsPayStatement } from '../cards/pay-cards.ts';
import { TEAMS_COMMANDS } from '../ids.ts';
import { replyCard, replyText, type TeamsContext } from './context.ts';

export function registerPayHandlers(ctx: TeamsContext): void {
  ctx.commands.set(TEAMS_COMMANDS.pay, async ({ turn, who, args }) => {
    if (args.length > 1) return replyText(turn, t(who.locale, 'pay.usage'));
    try {
      const view = await ownPayStatement({ prisma: ctx.prisma(), policy: ctx.policy, clock: ctx.clock }, who.id, args[0]);
      const message = teamsPayStatement(who.locale, view);
      const { conversation, from, id } = turn.activity;
      if (conversation.conversationType === 'personal' || !from.aadObjectId) return await replyCard(turn, message.card as AdaptiveCard, message.text.split('\n')[0]!);
      await ctx.prisma().$transaction((tx) => enqueue(tx, [{ platform: 'teams', kind: 'dm', target: from.aadObjectId!, payload: message, dedupeKey: `teams:pay:${id ?? Date.now()}` }]));
      return await replyText(turn, t(who.locale, 'teams.sent_privately'));
    } catch (error) {
      return replyText(turn, ctx.errorText(who.locale, error));
    }
  });
}
