/**
 * `qa-sampling` (PERF-9): each day at perf.qa.samplingTime (center time, default
 * 08:30) the day's QA samples are stored (perf.qa.samplesPerAgent per agent
 * working that day, evenly over the month) and the outbound manager gets the
 * list by DM with a Score button per sample (features/quality/qa-service.ts).
 * A slot run again stores and sends nothing new (unique samples, outbox keys per date).
 * No catch-up: a day whose slot no process ran gets its list only by `jobs run`.
 */
import { slackQaRenderer } from '../channels/slack/blocks/quality-blocks.ts';
import { teamsQaRenderer } from '../channels/teams/cards/quality-cards.ts';
import { platformsOn } from '../features/org/reach.ts';
import { runQaSampling } from '../features/quality/qa-service.ts';
import type { Policy } from '../policy/config/schema.ts';
import { timeToMinutes } from '../policy/config/schema.ts';
import type { JobDefinition } from './job.ts';

export function qaSamplingJob(policy: Policy): JobDefinition {
  const minutes = timeToMinutes(policy.perf.qa.samplingTime);
  return {
    name: 'qa-sampling',
    cron: `${minutes % 60} ${Math.floor(minutes / 60)} * * *`,
    timeZone: policy.center.timeZone,
    description: 'quality.jobs.qa_sampling',
    // A missed slot is not caught up on start: a list arriving mid-shift (or in another feature's test) is noise; `jobs run qa-sampling --at` sends it.
    catchUp: 'none',
    async run(slot, ctx) {
      const done = await runQaSampling(ctx.prisma, ctx.policy, slot, { slack: slackQaRenderer, teams: teamsQaRenderer }, platformsOn(ctx.chat));
      if (done.created) ctx.logger.info({ date: done.date, created: done.created, scorers: done.scorers.length }, 'qa samples drawn');
    },
  };
}
