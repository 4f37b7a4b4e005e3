/**
 * `month-end-ranking` (PERF-7, PERF-8): every 5 minutes it asks whether the
 * month's ranking is due (perf.rankingPostOn: after the last segment of the
 * center's last working day of the month, or 09:00 on the 1st for the previous
 * month); on that day, from that time on, the first slot posts it once (outbox
 * keys `ranking:<month>:…`, and an audit row marks the month posted). Works
 * "as of" the slot.
 */
import { slackRankingRenderer } from '../channels/slack/blocks/ranking-blocks.ts';
import { teamsRankingRenderer } from '../channels/teams/cards/ranking-cards.ts';
import { platformsOn } from '../features/org/reach.ts';
import { postMonthEndRanking } from '../features/performance/month-end.ts';
import type { Policy } from '../policy/config/schema.ts';
import type { JobDefinition } from './job.ts';

export function monthEndRankingJob(policy: Policy): JobDefinition {
  return {
    name: 'month-end-ranking',
    cron: '*/5 * * * *',
    timeZone: policy.center.timeZone,
    description: 'performance.job.month_end_ranking',
    catchUp: 'latest',
    async run(slot, ctx) {
      const outcome = await postMonthEndRanking(ctx.prisma, ctx.policy, slot, { slack: slackRankingRenderer, teams: teamsRankingRenderer }, platformsOn(ctx.chat));
      if (!outcome.posted) return;
      if (outcome.channel === null) ctx.logger.warn({ month: outcome.month }, 'month-end ranking: the center has no rankings channel (org file channels.rankings); only DMs were sent');
      ctx.logger.info({ month: outcome.month, messages: outcome.messages, flagged: outcome.flagged.length }, 'month-end ranking enqueued');
    },
  };
}
