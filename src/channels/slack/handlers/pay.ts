/** Slack handler of `/banzhang pay [YYYY-MM]` (PAY-8): the caller's own statement, ephemeral; nobody else's. */
import type { RespondArguments } from '@slack/bolt';
import { ownPayStatement } from '../../../features/pay/pay-statements.ts';
import { t } from '../../../shared/i18n/index.ts';
import { payStatementMessage } from '../blocks/pay-blocks.ts';
import type { SlackContext } from './context.ts';

export function registerPayHandlers(ctx: SlackContext): void {
  ctx.subcommands.set('pay', async ({ ack, who, rest }) => {
    const words = rest.split(/\s+/).filter(Boolean);
    if (words.length > 1) return ack(t(who.locale, 'pay.usage'));
    try {
      // The statement of the caller only: the month is the one argument, never a person.
      const view = await ownPayStatement({ prisma: ctx.prisma(), policy: ctx.policy, clock: ctx.clock }, who.id, words[0]);
      const message = payStatementMessage(who.locale, view);
      return ack({ response_type: 'ephemeral', text: message.text, blocks: message.blocks } as RespondArguments);
    } catch (error) {
      return ack(ctx.errorText(who.locale, error));
    }
  });
}
