/** Teams handler of MEET-2 "Mark as submitted" on a report-deadline reminder: the same use case as on Slack (own row only, once; late after the deadline); the answer shows to the clicker only. */
import { markReportSubmitted } from '../../../features/meetings/report-deadlines.ts';
import { t } from '../../../shared/i18n/index.ts';
import { VERBS } from '../ids.ts';
import type { TeamsContext } from './context.ts';

export function registerMeetingsHandlers(ctx: TeamsContext): void {
  ctx.verbs.set(VERBS.reportSubmitted, async ({ who, data }) => {
    const deadlineId = Number(data.deadlineId);
    if (!Number.isInteger(deadlineId)) return { message: t(who.locale, 'teams.card_outdated') };
    try {
      const done = await markReportSubmitted({ prisma: ctx.prisma(), policy: ctx.policy, clock: ctx.clock }, { deadlineId, actorId: who.id });
      const key = done.outcome === 'already' ? 'meetings.deadline.already_marked' : done.outcome === 'late' ? 'meetings.deadline.marked_late' : 'meetings.deadline.marked';
      return { message: t(who.locale, key, { time: done.submittedAt, due: done.due }) };
    } catch (error) {
      return { message: ctx.errorText(who.locale, error) };
    }
  });
}
