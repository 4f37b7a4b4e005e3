/**
 * Slack handlers of PERF-9 QA scoring: the Score button of the outbound
 * manager's sampling list opens the checklist modal (only for a scorer: others
 * are told why, no modal); the modal's submission scores (or re-scores) the
 * sample; field errors come back on the modal in the user's locale.
 */
import type { WebClient } from '@slack/web-api';
import { QaValidationError, sampleForScoring, scoreSample } from '../../../features/quality/qa-service.ts';
import { QA_CHECKLIST_KEYS } from '../../../policy/config/schema.ts';
import { AppError } from '../../../shared/errors.ts';
import { DEFAULT_LOCALE } from '../../../shared/i18n/index.ts';
import { teamsQaRenderer } from '../../teams/cards/quality-cards.ts';
import { scoreModal, slackQaRenderer } from '../blocks/quality-blocks.ts';
import { INPUT, QUALITY_ACTIONS, QUALITY_BLOCKS, QUALITY_VIEWS } from '../ids.ts';
import type { SlackContext, StateValues } from './context.ts';
import { parseMetadata } from './metadata.ts';
import { fieldErrorsAnswer } from './modal-errors.ts';

export function registerQualityHandlers(ctx: SlackContext): void {
  const { app, identify, errorText, policy } = ctx;
  const blocks: Record<string, string> = Object.fromEntries(QA_CHECKLIST_KEYS.map((k) => [k, QUALITY_BLOCKS.item(k)]));
  blocks.blacklist = QUALITY_BLOCKS.blacklist(0);
  const firstBlock = QUALITY_BLOCKS.item(QA_CHECKLIST_KEYS[0]);

  app.action(QUALITY_ACTIONS.score, async ({ ack, body, action, client }) => {
    await ack();
    const channel = (body as { channel?: { id: string } }).channel?.id;
    const who = await identify(body.user.id);
    try {
      if (!who) throw new AppError('not_in_org', 'common.not_in_org', 'not in org');
      const sample = await sampleForScoring({ prisma: ctx.prisma(), policy }, { sampleId: Number((action as { value?: string }).value), actorId: who.id });
      const view = scoreModal({ locale: who.locale, policy, sample, channel: channel ?? null });
      await client.views.open({ trigger_id: (body as { trigger_id: string }).trigger_id, view: view as Parameters<WebClient['views']['open']>[0]['view'] });
    } catch (error) {
      if (channel) await client.chat.postEphemeral({ channel, user: body.user.id, text: errorText(who?.locale ?? DEFAULT_LOCALE, error) });
    }
  });

  app.view(QUALITY_VIEWS.score, async ({ ack, body, view }) => {
    const who = await identify(body.user.id);
    const locale = who?.locale ?? DEFAULT_LOCALE;
    const values = view.state.values as StateValues;
    const points: Record<string, number | null> = {};
    for (const key of QA_CHECKLIST_KEYS) {
      const picked = values[QUALITY_BLOCKS.item(key)]?.[INPUT]?.selected_option?.value;
      points[key] = picked !== undefined && /^\d+$/.test(picked) ? Number(picked) : null;
    }
    const ticked = Object.entries(values)
      .filter(([block]) => block.startsWith(QUALITY_BLOCKS.blacklist(0).replace(/0$/, '')))
      .flatMap(([, v]) => (v[INPUT]?.selected_options ?? []).map((o) => o.value));
    try {
      if (!who) throw new AppError('not_in_org', 'common.not_in_org', 'not in org');
      const id = Number(parseMetadata<{ id: number }>(view.private_metadata).id);
      await scoreSample({ prisma: ctx.prisma(), policy, clock: ctx.clock, renders: { slack: slackQaRenderer, teams: teamsQaRenderer } }, { sampleId: id, actorId: who.id, points, blacklist: ticked });
      return ack();
    } catch (error) {
      if (error instanceof QaValidationError) return ack(fieldErrorsAnswer(locale, error.fieldErrors, blocks, firstBlock));
      return ack({ response_action: 'errors', errors: { [firstBlock]: errorText(locale, error) } });
    }
  });
}
