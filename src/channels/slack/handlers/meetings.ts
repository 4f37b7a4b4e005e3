/** Slack handlers of meetings: MEET-2 "Mark as submitted" on a report-deadline reminder (answer ephemeral, in the clicker's locale). */
import { markReportSubmitted } from '../../../features/meetings/report-deadlines.ts';
import { AppError } from '../../../shared/errors.ts';
import { DEFAULT_LOCALE, t } from '../../../shared/i18n/index.ts';
import { MEETINGS_ACTIONS } from '../ids.ts';
import type { SlackContext } from './context.ts';
import { registerAdHocMeetingHandlers } from './meeting-adhoc.ts';

export function registerMeetingsHandlers(ctx: SlackContext): void {
  const { app, identify, errorText } = ctx;
  registerAdHocMeetingHandlers(ctx);

  app.action(MEETINGS_ACTIONS.markSubmitted, async ({ ack, body, action, client }) => {
    await ack();
    const who = await identify(body.user.id);
    const locale = who?.locale ?? DEFAULT_LOCALE;
    let text: string;
    try {
      if (!who) throw new AppError('not_in_org', 'common.not_in_org', 'not in org');
      const done = await markReportSubmitted(
        { prisma: ctx.prisma(), policy: ctx.policy, clock: ctx.clock },
        { deadlineId: Number((action as { value?: string }).value), actorId: who.id },
      );
      const key = done.outcome === 'already' ? 'meetings.deadline.already_marked' : done.outcome === 'late' ? 'meetings.deadline.marked_late' : 'meetings.deadline.marked';
      text = t(locale, key, { time: done.submittedAt, due: done.due });
    } catch (error) {
      text = errorText(locale, error);
    }
    const channel = (body as { channel?: { id: string } }).channel?.id;
    if (channel) await client.chat.postEphemeral({ channel, user: body.user.id, text });
  });
}
