/** Slack handlers of performance (PERF-1): /summary, the summary modal, the reminder's button. */
import type { WebClient } from '@slack/web-api';
import { fileSummary, summaryFiler, SummaryValidationError, type SummaryDeps } from '../../../features/performance/summary-service.ts';
import type { SummaryField } from '../../../policy/performance/summary.ts';
import { AppError } from '../../../shared/errors.ts';
import { DEFAULT_LOCALE, t } from '../../../shared/i18n/index.ts';
import { summaryModal } from '../blocks/summary-blocks.ts';
import { COMMANDS, INPUT, PERF_ACTIONS, PERF_VIEWS, SUMMARY_BLOCKS } from '../ids.ts';
import type { SlackContext, StateValues } from './context.ts';
import { fieldErrorsAnswer } from './modal-errors.ts';

/** Which modal block shows the error of each field. */
const FIELD_BLOCK: Record<SummaryField, string> = {
  date: SUMMARY_BLOCKS.date,
  callsMade: SUMMARY_BLOCKS.callsMade,
  callsConnected: SUMMARY_BLOCKS.callsConnected,
  questionnairesCompleted: SUMMARY_BLOCKS.questionnairesCompleted,
  orders: SUMMARY_BLOCKS.orders,
  customerIssues: SUMMARY_BLOCKS.customerIssues,
  callType: SUMMARY_BLOCKS.callType,
};

export function registerPerformanceHandlers(ctx: SlackContext): void {
  const { app, identify, errorText } = ctx;
  const deps = (): SummaryDeps => ({ prisma: ctx.prisma(), policy: ctx.policy, clock: ctx.clock });
  const today = () => ctx.clock.now().setZone(ctx.policy.center.timeZone).toISODate()!;
  const open = (client: WebClient, triggerId: string, locale: Parameters<typeof summaryModal>[0]['locale'], day: string) =>
    client.views.open({ trigger_id: triggerId, view: summaryModal({ locale, today: day, callTypes: Object.keys(ctx.policy.perf.callTypeWeights) }) });

  app.command(COMMANDS.summary, async ({ command, ack, client }) => {
    const who = await identify(command.user_id);
    if (!who) return ack(t(DEFAULT_LOCALE, 'common.not_in_org'));
    const arg = command.text.trim();
    if (arg !== '') return ack(t(who.locale, 'slack.bad_argument', { arg, usage: '/summary' }));
    try {
      await summaryFiler(deps(), who.id);
    } catch (error) {
      return ack(errorText(who.locale, error));
    }
    await ack();
    await open(client, command.trigger_id, who.locale, today());
  });

  // The reminder's button opens the same form, on the day it reminded of when that day is still open.
  app.action(PERF_ACTIONS.openSummary, async ({ ack, body, action, client }) => {
    await ack();
    const who = await identify(body.user.id);
    const locale = who?.locale ?? DEFAULT_LOCALE;
    const channel = (body as { channel?: { id: string } }).channel?.id;
    try {
      if (!who) throw new AppError('not_in_org', 'common.not_in_org', 'not in org');
      await summaryFiler(deps(), who.id);
    } catch (error) {
      if (channel) await client.chat.postEphemeral({ channel, user: body.user.id, text: errorText(locale, error) });
      return;
    }
    const asked = (action as { value?: string }).value ?? '';
    const now = today();
    const day = /^\d{4}-\d{2}-\d{2}$/.test(asked) && asked <= now && asked.slice(0, 7) === now.slice(0, 7) ? asked : now;
    await open(client, (body as { trigger_id: string }).trigger_id, locale, day);
  });

  app.view(PERF_VIEWS.summary, async ({ ack, body, view }) => {
    const who = await identify(body.user.id);
    if (!who) return ack({ response_action: 'errors', errors: { [SUMMARY_BLOCKS.date]: t(DEFAULT_LOCALE, 'common.not_in_org') } });
    const values = view.state.values as StateValues;
    const v = (block: string) => values[block]?.[INPUT];
    const text = (block: string) => v(block)?.value ?? '';
    const trigger = (body as { trigger_id?: string }).trigger_id ?? `${view.id}:${view.hash}`;
    try {
      await fileSummary(deps(), {
        employeeId: who.id,
        form: {
          date: v(SUMMARY_BLOCKS.date)?.selected_date ?? '',
          callsMade: text(SUMMARY_BLOCKS.callsMade),
          callsConnected: text(SUMMARY_BLOCKS.callsConnected),
          questionnairesCompleted: text(SUMMARY_BLOCKS.questionnairesCompleted),
          orders: text(SUMMARY_BLOCKS.orders),
          customerIssues: text(SUMMARY_BLOCKS.customerIssues),
          callType: v(SUMMARY_BLOCKS.callType)?.selected_option?.value ?? null,
        },
        notify: { platform: 'slack', target: body.user.id, dedupeKey: `summary-saved:${who.id}:${trigger}` },
      });
      return ack();
    } catch (error) {
      if (error instanceof SummaryValidationError) return ack(fieldErrorsAnswer(who.locale, error.fieldErrors, FIELD_BLOCK, SUMMARY_BLOCKS.date));
      return ack({ response_action: 'errors', errors: { [SUMMARY_BLOCKS.date]: errorText(who.locale, error) } });
    }
  });
}
