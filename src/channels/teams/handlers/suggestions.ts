/**
 * Teams handlers of suggestions (SUGG-1..3): `suggest` answers with the form
 * card, `suggest list` with my suggestions and those waiting for me; the team
 * leader's Forward / Return, the center manager's Rate and the owner's Mark
 * done, with the same use cases as Slack (src/features/suggestions). Return and
 * Rate first check that the clicker may take the step now (as Slack does
 * before its modal opens), then show their form in place of the card. A wrong
 * person or a second click gets a message saying why; nothing changes. Each
 * card is updated in place by the outbox (the activity id stored when it was sent).
 */
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
import { t, type Locale } from '../../../shared/i18n/index.ts';
import type { SuggestionView } from '../../../features/suggestions/suggestion-view.ts';
import { activeEmployeeChoices } from '../../../features/training/training-roles.ts';
import { statusLabel } from '../../slack/blocks/suggestion-blocks.ts';
import { formErrors } from '../cards/form.ts';
import {
  rateFormCard,
  returnFormCard,
  suggestionFiledCard,
  suggestionFormCard,
  teamsOwnerCard,
  teamsRatingCard,
  teamsReviewCard,
  teamsSuggestionRenderer,
  type RateFormValues,
  type SuggestionFormValues,
} from '../cards/suggestion-cards.ts';
import { SUGGESTION_INPUTS, TEAMS_COMMANDS, VERBS } from '../ids.ts';
import { replyCard, replyText, type InvokeAnswer, type TeamsContext, type Who } from './context.ts';
import { answerPrivately } from './private.ts';

/** Which input shows the error of each field. */
const FIELD_INPUT: Record<FieldError['field'], string> = SUGGESTION_INPUTS;

const str = (v: unknown) => (typeof v === 'string' ? v : '');
const idOf = (data: Record<string, unknown>) => Number(data.id);

/** How the suggestion use cases send their messages on Teams. */
export function teamsSuggestionDeps(ctx: Pick<TeamsContext, 'prisma' | 'policy' | 'clock'>): SuggestionDeps {
  return {
    prisma: ctx.prisma(),
    policy: ctx.policy,
    clock: ctx.clock,
    channel: 'teams',
    messenger: { platform: 'teams', render: teamsSuggestionRenderer, targetOf: (p) => p.teamsId },
  };
}

export function registerSuggestionHandlers(ctx: TeamsContext): void {
  const deps = () => teamsSuggestionDeps(ctx);
  const today = () => ctx.clock.now().setZone(ctx.policy.center.timeZone).toISODate()!;
  const fieldErrors = (locale: Locale, error: SuggestionValidationError, fallback: string) => formErrors(locale, error.fieldErrors, FIELD_INPUT, fallback);
  /** The Rate form: the owner picked among the active employees (as the exam form picks, TRAIN-3). */
  const rateForm = async (who: Who, view: SuggestionView, extra: Pick<Parameters<typeof rateFormCard>[0], 'values' | 'errors'> = {}) =>
    rateFormCard({ locale: who.locale, view, grades: ctx.policy.suggestions.grades, today: today(), owners: await activeEmployeeChoices(ctx.prisma()), ...extra });

  ctx.commands.set(TEAMS_COMMANDS.suggest, async ({ turn, who, args }) => {
    const words = args.map((a) => a.toLowerCase());
    try {
      if (words.length === 0) {
        const filled = await formDefaults(deps(), who.id);
        return await replyCard(turn, suggestionFormCard({ locale: who.locale, ...filled }), t(who.locale, 'suggestions.modal.title'));
      }
      if (words.length === 1 && words[0] === 'list') {
        const { mine, waiting } = await listSuggestions(deps(), who.id);
        const line = (v: (typeof mine)[number]) => t(who.locale, 'suggestions.list.line', { id: v.id, title: v.title, status: statusLabel(who.locale, v.status) });
        const parts = [mine.length ? [t(who.locale, 'suggestions.list.mine'), ...mine.map(line)].join('\n') : t(who.locale, 'suggestions.list.none')];
        if (waiting.length) parts.push([t(who.locale, 'suggestions.list.waiting'), ...waiting.map((v) => `${line(v)} — ${v.submitter.name}`)].join('\n'));
        return await answerPrivately(ctx, turn, who, { text: parts.join('\n\n') }, 'suggest-list');
      }
      return await replyText(turn, t(who.locale, 'teams.bad_argument', { arg: args.join(' '), usage: 'suggest [list]' }));
    } catch (error) {
      return replyText(turn, ctx.errorText(who.locale, error));
    }
  });

  // SUGG-1: the form is submitted: filed (the card shows it and where it went), or back with the problems.
  ctx.verbs.set(VERBS.suggestionSubmit, async ({ who, data }): Promise<InvokeAnswer> => {
    const values: SuggestionFormValues = {
      title: str(data[SUGGESTION_INPUTS.title]),
      currentPractice: str(data[SUGGESTION_INPUTS.currentPractice]),
      proposal: str(data[SUGGESTION_INPUTS.proposal]),
      remarks: str(data[SUGGESTION_INPUTS.remarks]),
      source: str(data[SUGGESTION_INPUTS.source]),
    };
    try {
      const view = await submitSuggestion(deps(), { submitterId: who.id, ...values, source: values.source || null });
      return { card: suggestionFiledCard(view, who.locale) };
    } catch (error) {
      if (error instanceof SuggestionValidationError) {
        const filled = await formDefaults(deps(), who.id);
        return { card: suggestionFormCard({ locale: who.locale, ...filled, values, errors: fieldErrors(who.locale, error, SUGGESTION_INPUTS.title) }) };
      }
      return { message: ctx.errorText(who.locale, error) };
    }
  });

  /** A step taken at once (Forward, Mark done): the clicker's card shows the decision; a refusal is a message. */
  const step = (verb: string, take: (who: Who, id: number) => Promise<InvokeAnswer>) =>
    ctx.verbs.set(verb, async ({ who, data }) => {
      try {
        return await take(who, idOf(data));
      } catch (error) {
        return { message: ctx.errorText(who.locale, error) };
      }
    });

  // SUGG-2: the team leader forwards to the center manager.
  step(VERBS.suggestionForward, async (who, id) => ({ card: teamsReviewCard(await reviewSuggestion(deps(), { id, actorId: who.id, decision: 'forward' }), who.locale).card }));
  // SUGG-2: the owner marks it done.
  step(VERBS.suggestionDone, async (who, id) => ({ card: teamsOwnerCard(await completeSuggestion(deps(), { id, actorId: who.id }), who.locale).card }));
  // SUGG-2: Return and Rate open their form in place of the card, only for the person whose step it is now.
  step(VERBS.suggestionReturn, async (who, id) => ({ card: returnFormCard({ locale: who.locale, view: await checkStep(deps(), { id, actorId: who.id, step: 'return' }) }) }));
  step(VERBS.suggestionRate, async (who, id) => ({ card: await rateForm(who, await checkStep(deps(), { id, actorId: who.id, step: 'rate' })) }));

  ctx.verbs.set(VERBS.suggestionReturnSubmit, async ({ who, data }): Promise<InvokeAnswer> => {
    const id = idOf(data);
    const comment = str(data[SUGGESTION_INPUTS.comment]);
    try {
      return { card: teamsReviewCard(await reviewSuggestion(deps(), { id, actorId: who.id, decision: 'return', comment }), who.locale).card };
    } catch (error) {
      if (error instanceof SuggestionValidationError) {
        const view = await checkStep(deps(), { id, actorId: who.id, step: 'return' });
        return { card: returnFormCard({ locale: who.locale, view, comment, errors: fieldErrors(who.locale, error, SUGGESTION_INPUTS.comment) }) };
      }
      return { message: ctx.errorText(who.locale, error) };
    }
  });

  ctx.verbs.set(VERBS.suggestionRateSubmit, async ({ who, data }): Promise<InvokeAnswer> => {
    const id = idOf(data);
    const values: RateFormValues = {
      grade: str(data[SUGGESTION_INPUTS.grade]),
      adopted: str(data[SUGGESTION_INPUTS.adopted]),
      ownerId: str(data[SUGGESTION_INPUTS.ownerId]).trim(),
      deadline: str(data[SUGGESTION_INPUTS.deadline]),
      comment: str(data[SUGGESTION_INPUTS.comment]),
    };
    try {
      const view = await rateSuggestion(deps(), {
        id,
        actorId: who.id,
        grade: values.grade || null,
        adopted: values.adopted === 'yes' ? true : values.adopted === 'no' ? false : null,
        // The owner is picked (or typed as an employee id): the rating refuses one not active in the org.
        ownerId: values.ownerId || null,
        deadline: values.deadline || null,
        comment: values.comment || null,
      });
      return { card: teamsRatingCard(view, who.locale).card };
    } catch (error) {
      if (error instanceof SuggestionValidationError) {
        const view = await checkStep(deps(), { id, actorId: who.id, step: 'rate' });
        return { card: await rateForm(who, view, { values, errors: fieldErrors(who.locale, error, SUGGESTION_INPUTS.grade) }) };
      }
      return { message: ctx.errorText(who.locale, error) };
    }
  });
}
