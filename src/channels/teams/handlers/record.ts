/** Teams handler of `record [employee id]` (TRAIN-3): the training record, mine or (for the roles allowed) someone else's; the same use case and text as Slack's `/banzhang record`; typed in a channel, it goes to the personal chat (private.ts). */
import { trainingRecord } from '../../../features/training/training-record.ts';
import { recordText } from '../../slack/blocks/training-blocks.ts';
import { TEAMS_COMMANDS } from '../ids.ts';
import { replyText, type TeamsContext } from './context.ts';
import { answerPrivately } from './private.ts';

export function registerRecordHandlers(ctx: TeamsContext): void {
  ctx.commands.set(TEAMS_COMMANDS.record, async ({ turn, who, args }) => {
    const id = args[0] ?? '';
    try {
      const record = await trainingRecord(ctx.prisma(), ctx.policy, { viewerId: who.id, now: ctx.clock.now(), ...(id ? { employeeId: id } : {}) });
      return await answerPrivately(ctx, turn, who, { text: recordText(who.locale, record) }, 'record');
    } catch (error) {
      return replyText(turn, ctx.errorText(who.locale, error));
    }
  });
}
