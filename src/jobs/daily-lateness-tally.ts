/**
 * `daily-lateness-tally` (LATE-8): twice an hour in the evening, each team
 * whose working day is over gets its tally once (the outbox key is team and
 * date, so later slots of the same day post nothing). Works "as of" the slot.
 */
import { slackTally } from '../channels/slack/blocks/tally-blocks.ts';
import { teamsTally } from '../channels/teams/cards/tally-cards.ts';
import { platformsOn } from '../features/org/reach.ts';
import { postDailyTallies } from '../features/lateness/daily-tally.ts';
import type { Policy } from '../policy/config/schema.ts';
import type { JobDefinition } from './job.ts';

export function dailyLatenessTallyJob(policy: Policy): JobDefinition {
  return {
    name: 'daily-lateness-tally',
    cron: '5,35 17-21 * * *',
    timeZone: policy.center.timeZone,
    description: 'jobs.daily_lateness_tally.description',
    catchUp: 'latest',
    async run(slot, ctx) {
      const teams = await postDailyTallies(ctx.prisma, ctx.policy, slot, { slack: (tally) => slackTally(tally), teams: (tally) => teamsTally(tally) }, platformsOn(ctx.chat));
      ctx.logger.info({ teams }, 'daily lateness tallies enqueued');
    },
  };
}
