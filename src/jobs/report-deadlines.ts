/**
 * `report-deadlines` (MEET-2): every 5 minutes; from 09:00 on a deadline day
 * each manager with a monthly report due gets one reminder, and after the
 * deadline each unsubmitted report is flagged once to the team leaders
 * (features/meetings/report-deadlines.ts). Works "as of" the slot; a slot run
 * again sends nothing new (outbox keys per row, the flag set once).
 */
import { slackReportDeadlineRenderer } from '../channels/slack/blocks/meetings-blocks.ts';
import { teamsReportDeadlineRenderer } from '../channels/teams/cards/meetings-cards.ts';
import { runReportDeadlines } from '../features/meetings/report-deadlines.ts';
import { platformsOn } from '../features/org/reach.ts';
import type { Policy } from '../policy/config/schema.ts';
import type { JobDefinition } from './job.ts';

export function reportDeadlinesJob(policy: Policy): JobDefinition {
  return {
    name: 'report-deadlines',
    cron: '*/5 * * * *',
    timeZone: policy.center.timeZone,
    description: 'meetings.jobs.report_deadlines',
    catchUp: 'latest',
    async run(slot, ctx) {
      const done = await runReportDeadlines(ctx.prisma, ctx.policy, slot, { slack: slackReportDeadlineRenderer, teams: teamsReportDeadlineRenderer }, platformsOn(ctx.chat));
      if (done.opened.length || done.flagged.length) ctx.logger.info({ opened: done.opened.length, reminded: done.reminded.length, flagged: done.flagged.length }, 'report deadlines done');
    },
  };
}
