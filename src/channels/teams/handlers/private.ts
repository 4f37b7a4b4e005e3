/**
 * Answers that Slack gives ephemerally (a pay statement, a training record, an
 * attendance sheet, my suggestions): Teams has no ephemeral message, so typed
 * in a channel they go to the person's personal chat (through the outbox) and
 * the channel is only told so; in the personal chat they are the reply.
 */
import type { TurnContext } from 'botbuilder';
import { t } from '../../../shared/i18n/index.ts';
import { enqueue } from '../../../shared/outbox/outbox.ts';
import type { OutboxPayload } from '../../../shared/outbox/transport.ts';
import type { AdaptiveCard } from '../cards/adaptive.ts';
import { replyCard, replyText, type TeamsContext, type Who } from './context.ts';

export async function answerPrivately(ctx: Pick<TeamsContext, 'prisma'>, turn: TurnContext, who: Who, answer: OutboxPayload, what: string): Promise<void> {
  const { conversation, from, id } = turn.activity;
  if (conversation.conversationType === 'personal' || !from.aadObjectId) {
    return answer.card ? replyCard(turn, answer.card as AdaptiveCard, answer.text.split('\n')[0]!) : replyText(turn, answer.text);
  }
  await ctx.prisma().$transaction((tx) => enqueue(tx, [{ platform: 'teams', kind: 'dm', target: from.aadObjectId!, payload: answer, dedupeKey: `teams:${what}:${id ?? Date.now()}` }]));
  return replyText(turn, t(who.locale, 'teams.sent_privately'));
}
