/**
 * Slack's App Home (issue 10): on `app_home_opened` (the Home tab), publish
 * the person's summary with views.publish: my leave this month, month-to-date
 * late minutes against the allowance, what waits for my decision.
 */
import { homeSummary } from '../../../features/dashboard/home-summary.ts';
import { DEFAULT_LOCALE, t } from '../../../shared/i18n/index.ts';
import { homeView, notInOrgHomeView } from '../blocks/home-blocks.ts';
import type { SlackContext } from './context.ts';

export function registerHomeHandlers(ctx: SlackContext): void {
  ctx.app.event('app_home_opened', async ({ event, client }) => {
    if (event.tab !== 'home') return; // the Messages tab opens too
    const who = await ctx.identify(event.user);
    const view = who
      ? homeView(who.locale, await homeSummary({ prisma: ctx.prisma(), policy: ctx.policy, clock: ctx.clock }, who.id))
      : notInOrgHomeView(t(DEFAULT_LOCALE, 'common.not_in_org'));
    await client.views.publish({ user_id: event.user, view: view as never });
  });
}
