/**
 * `meeting-reminders` (MEET-1): every 5 minutes; each ad-hoc meeting starting
 * within meetings.reminderMinutesBefore (15) minutes is reminded once to its
 * host and to the attendees who did not request leave
 * (features/meetings/meeting-service.ts). Works "as of" the slot; remindedAt
 * is set once, so a slot run again sends nothing new.
 */
import { slackMeetingRenderer } from '../channels/slack/blocks/meeting-blocks.ts';
import { teamsMeetingRenderer } from '../channels/teams/cards/meeting-cards.ts';
import { runMeetingReminders } from '../features/meetings/meeting-service.ts';
import { platformsOn } from '../features/org/reach.ts';
import type { Policy } from '../policy/config/schema.ts';
import type { JobDefinition } from './job.ts';

export function meetingRemindersJob(policy: Policy): JobDefinition {
  return {
    name: 'meeting-reminders',
    cron: '*/5 * * * *',
    timeZone: policy.center.timeZone,
    description: 'meetings.jobs.meeting_reminders',
    catchUp: 'latest',
    async run(slot, ctx) {
      const reminded = await runMeetingReminders(ctx.prisma, ctx.policy, slot, { slack: slackMeetingRenderer, teams: teamsMeetingRenderer }, platformsOn(ctx.chat));
      if (reminded.length) ctx.logger.info({ meetings: reminded }, 'meeting reminders enqueued');
    },
  };
}
