/**
 * Slack handlers of suggestions (SUGG-1..3): /suggest and its form; the team
 * leader's Forward / Return, the center manager's Rate, the owner's Mark done.
 * A wrong person or a second click gets an ephemeral explanation; nothing changes.
 */
import type { WebClient } from '@slack/web-api';
import { orgRepository } from '../../../features/org/org-repository.ts';
import {
  checkStep,
  completeSuggestion,
  formDefaults,
  listSuggestions,
  rateSuggestion,
  reviewSuggestion,
  submitSuggestion,
  SuggestionValidationError,
  type SuggestionDeps,
} from '../../../features/suggestions/suggestion-service.ts';
import type { FieldError } from '../../../policy/suggestions/index.ts';
import { AppError } from '../../../shared/errors.ts';
import { DEFAULT_LOCALE, t, type Locale } from '../../../shared/i18n/index.ts';
import { rateModal, returnModal, slackSuggestionRenderer, statusLabel, suggestionModal } from '../blocks/suggestion-blocks.ts';
import { COMMANDS, INPUT, SUGGESTION_ACTIONS, SUGGESTION_BLOCKS, SUGGESTION_VIEWS } from '../ids.ts';
import type { SlackContext, StateValues } from './context.ts';
import { fieldErrorsAnswer } from './modal-errors.ts';

/** Which modal block shows the error of each field. */
const FIELD_BLOCK: Record<FieldError['field'], string> = {
  title: SUGGESTION_BLOCKS.title,
  currentPractice: SUGGESTION_BLOCKS.currentPractice,
  proposal: SUGGESTION_BLOCKS.proposal,
  remarks: SUGGESTION_BLOCKS.remarks,
  source: SUGGESTION_BLOCKS.source,
  grade: SUGGESTION_BLOCKS.grade,
  adopted: SUGGESTION_BLOCKS.adopted,
  ownerId: SUGGESTION_BLOCKS.owner,
  deadline: SUGGESTION_BLOCKS.deadline,
  comment: SUGGESTION_BLOCKS.comment,
};

type Values = Record<string, Record<string, StateValues[string][string] & { selected_user?: string | null }>>;

export function slackSuggestionDeps(ctx: Pick<SlackContext, 'prisma' | 'policy' | 'clock'>): SuggestionDeps {
  return {
    prisma: ctx.prisma(),
    policy: ctx.policy,
    clock: ctx.clock,
    channel: 'slack',
    messenger: { platform: 'slack', render: slackSuggestionRenderer, targetOf: (p) => p.slackId },
  };
}

export function registerSuggestionHandlers(ctx: SlackContext): void {
  const { app, identify, errorText } = ctx;
  const deps = () => slackSuggestionDeps(ctx);

  /** Field errors as Slack's modal errors, in the user's locale; anything else on `fallbackBlock`. */
  const modalErrors = (locale: Locale, error: unknown, fallbackBlock: string) => {
    if (error instanceof SuggestionValidationError) return fieldErrorsAnswer(locale, error.fieldErrors, FIELD_BLOCK, fallbackBlock);
    return { response_action: 'errors' as const, errors: { [fallbackBlock]: errorText(locale, error) } };
  };

  const ephemeral = async (client: WebClient, channel: string | undefined, user: string, text: string) => {
    if (channel) await client.chat.postEphemeral({ channel, user, text });
  };

  app.command(COMMANDS.suggest, async ({ command, ack, client }) => {
    const who = await identify(command.user_id);
    if (!who) return ack(t(DEFAULT_LOCALE, 'common.not_in_org'));
    const words = command.text.trim().split(/\s+/).filter(Boolean);
    if (words.length === 0) {
      await ack();
      const filled = await formDefaults(deps(), who.id);
      await client.views.open({ trigger_id: command.trigger_id, view: suggestionModal({ locale: who.locale, ...filled }) });
      return;
    }
    if (words.length === 1 && words[0] === 'list') {
      const { mine, waiting } = await listSuggestions(deps(), who.id);
      const line = (v: (typeof mine)[number]) => t(who.locale, 'suggestions.list.line', { id: v.id, title: v.title, status: statusLabel(who.locale, v.status) });
      const parts = [mine.length ? [t(who.locale, 'suggestions.list.mine'), ...mine.map(line)].join('\n') : t(who.locale, 'suggestions.list.none')];
      if (waiting.length) parts.push([t(who.locale, 'suggestions.list.waiting'), ...waiting.map((v) => `${line(v)} — ${v.submitter.name}`)].join('\n'));
      return ack(parts.join('\n\n'));
    }
    return ack(t(who.locale, 'slack.bad_argument', { arg: words.join(' '), usage: '/suggest [list]' }));
  });

  // SUGG-1: the form is submitted.
  app.view(SUGGESTION_VIEWS.form, async ({ ack, body, view }) => {
    const who = await identify(body.user.id);
    if (!who) return ack({ response_action: 'errors', errors: { [SUGGESTION_BLOCKS.title]: t(DEFAULT_LOCALE, 'common.not_in_org') } });
    const v = (block: string) => (view.state.values as Values)[block]?.[INPUT];
    try {
      await submitSuggestion(deps(), {
        submitterId: who.id,
        title: v(SUGGESTION_BLOCKS.title)?.value ?? null,
        currentPractice: v(SUGGESTION_BLOCKS.currentPractice)?.value ?? null,
        proposal: v(SUGGESTION_BLOCKS.proposal)?.value ?? null,
        remarks: v(SUGGESTION_BLOCKS.remarks)?.value ?? null,
        source: v(SUGGESTION_BLOCKS.source)?.selected_option?.value ?? null,
      });
      return ack();
    } catch (error) {
      return ack(modalErrors(who.locale, error, SUGGESTION_BLOCKS.title));
    }
  });

  const clickContext = (body: unknown, action: unknown) => ({
    id: Number((action as { value?: string }).value),
    channel: (body as { channel?: { id: string } }).channel?.id,
    triggerId: (body as { trigger_id: string }).trigger_id,
  });

  /** A button that takes its step at once (Forward, Mark done). */
  const stepButton = (actionId: string, take: (who: { id: string }, id: number) => Promise<unknown>) =>
    app.action(actionId, async ({ ack, body, action, client }) => {
      await ack();
      const { id, channel } = clickContext(body, action);
      const who = await identify(body.user.id);
      try {
        if (!who) throw new AppError('not_in_org', 'common.not_in_org', 'not in org');
        await take(who, id);
      } catch (error) {
        await ephemeral(client, channel, body.user.id, errorText(who?.locale ?? DEFAULT_LOCALE, error));
      }
    });

  // SUGG-2: the team leader forwards to the center manager.
  stepButton(SUGGESTION_ACTIONS.forward, (who, id) => reviewSuggestion(deps(), { id, actorId: who.id, decision: 'forward' }));
  // SUGG-2: the owner marks it done.
  stepButton(SUGGESTION_ACTIONS.done, (who, id) => completeSuggestion(deps(), { id, actorId: who.id }));

  /** A button that opens a modal, only when the clicker may take the step now; otherwise an ephemeral says why. */
  const modalButton = (actionId: string, step: 'return' | 'rate', modal: (who: { locale: Locale }, view: { id: number; title: string }, channel: string | null) => object) =>
    app.action(actionId, async ({ ack, body, action, client }) => {
      await ack();
      const { id, channel, triggerId } = clickContext(body, action);
      const who = await identify(body.user.id);
      try {
        if (!who) throw new AppError('not_in_org', 'common.not_in_org', 'not in org');
        const view = await checkStep(deps(), { id, actorId: who.id, step });
        await client.views.open({ trigger_id: triggerId, view: modal(who, view, channel ?? null) as Parameters<WebClient['views']['open']>[0]['view'] });
      } catch (error) {
        await ephemeral(client, channel, body.user.id, errorText(who?.locale ?? DEFAULT_LOCALE, error));
      }
    });

  modalButton(SUGGESTION_ACTIONS.return, 'return', (who, v, channel) => returnModal({ locale: who.locale, id: v.id, channel }));
  modalButton(SUGGESTION_ACTIONS.rate, 'rate', (who, v, channel) =>
    rateModal({ locale: who.locale, id: v.id, title: v.title, grades: ctx.policy.suggestions.grades, today: ctx.clock.now().setZone(ctx.policy.center.timeZone).toISODate()!, channel }),
  );

  const metaOf = (privateMetadata: string) => {
    try {
      return JSON.parse(privateMetadata || '{}') as { id?: number };
    } catch {
      return {};
    }
  };

  app.view(SUGGESTION_VIEWS.return, async ({ ack, body, view }) => {
    const who = await identify(body.user.id);
    const locale = who?.locale ?? DEFAULT_LOCALE;
    const comment = (view.state.values as Values)[SUGGESTION_BLOCKS.comment]?.[INPUT]?.value ?? null;
    try {
      if (!who) throw new AppError('not_in_org', 'common.not_in_org', 'not in org');
      await reviewSuggestion(deps(), { id: Number(metaOf(view.private_metadata).id), actorId: who.id, decision: 'return', comment });
      return ack();
    } catch (error) {
      return ack(modalErrors(locale, error, SUGGESTION_BLOCKS.comment));
    }
  });

  app.view(SUGGESTION_VIEWS.rate, async ({ ack, body, view }) => {
    const who = await identify(body.user.id);
    const locale = who?.locale ?? DEFAULT_LOCALE;
    const v = (block: string) => (view.state.values as Values)[block]?.[INPUT];
    const adopted = v(SUGGESTION_BLOCKS.adopted)?.selected_option?.value;
    const ownerSlack = v(SUGGESTION_BLOCKS.owner)?.selected_user ?? null;
    try {
      if (!who) throw new AppError('not_in_org', 'common.not_in_org', 'not in org');
      // The owner is picked as a Slack user; one outside the org is named so that the rating refuses it.
      const owner = ownerSlack ? await orgRepository(ctx.prisma()).employeeByChatIdentity('slack', ownerSlack) : null;
      await rateSuggestion(deps(), {
        id: Number(metaOf(view.private_metadata).id),
        actorId: who.id,
        grade: v(SUGGESTION_BLOCKS.grade)?.selected_option?.value ?? null,
        adopted: adopted === 'yes' ? true : adopted === 'no' ? false : null,
        ownerId: owner?.id ?? (ownerSlack ? `slack:${ownerSlack}` : null),
        deadline: v(SUGGESTION_BLOCKS.deadline)?.selected_date ?? null,
        comment: v(SUGGESTION_BLOCKS.comment)?.value ?? null,
      });
      return ack();
    } catch (error) {
      return ack(modalErrors(locale, error, SUGGESTION_BLOCKS.grade));
    }
  });
}
