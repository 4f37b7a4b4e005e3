/**
 * Teams handlers of lateness: LATE-5 explanations (the employee's Explain, the
 * routed approver's Accept / Reject) and LATE-7 excuses (a manager's Excuse on
 * the tally, then the reason). The same use cases as on Slack
 * (src/features/lateness), with a Teams messenger.
 */
import { excuseLateness } from '../../../features/lateness/excuse-service.ts';
import { decideExplanation, submitExplanation, type ExplanationDeps } from '../../../features/lateness/explanation-service.ts';
import { AppError } from '../../../shared/errors.ts';
import { t } from '../../../shared/i18n/index.ts';
import { excusedCard, excuseFormCard, explanationApprovalCard, explanationSentCard, teamsExplanationRenderer } from '../cards/explanation-cards.ts';
import { LATENESS_INPUTS, VERBS } from '../ids.ts';
import type { InvokeAnswer, TeamsContext } from './context.ts';

/** How LATE-5 explanations are asked and decided on Teams (also used by `clock`). */
export function teamsExplanationDeps(ctx: Pick<TeamsContext, 'prisma' | 'policy' | 'clock'>): ExplanationDeps {
  return { prisma: ctx.prisma(), policy: ctx.policy, clock: ctx.clock, messenger: { platform: 'teams', render: teamsExplanationRenderer, targetOf: (p) => p.teamsId } };
}

const positiveId = (value: unknown): number | null => {
  const id = Number(value);
  return Number.isInteger(id) && id > 0 ? id : null;
};
const textOf = (value: unknown) => (typeof value === 'string' ? value : '');
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export function registerLatenessHandlers(ctx: TeamsContext): void {
  const deps = () => teamsExplanationDeps(ctx);

  // LATE-5: the employee explains; the card becomes a receipt, the approver gets Accept / Reject.
  ctx.verbs.set(VERBS.explanationSubmit, async ({ who, data }): Promise<InvokeAnswer> => {
    const id = positiveId(data.explanationId);
    if (id === null) return { message: t(who.locale, 'teams.card_outdated') };
    try {
      const view = await submitExplanation(deps(), { id, employeeId: who.id, text: textOf(data[LATENESS_INPUTS.explanation]) });
      return { card: explanationSentCard(view, who.locale) };
    } catch (error) {
      // An empty box (Teams checks isRequired first) or a second try: said to the clicker, the card stays.
      return { message: ctx.errorText(who.locale, error) };
    }
  });

  // LATE-5: only the routed approver decides, once; the card shows the decision, the employee is told.
  for (const [verb, decision] of [[VERBS.explanationAccept, 'accepted'], [VERBS.explanationReject, 'rejected']] as const) {
    ctx.verbs.set(verb, async ({ who, data }): Promise<InvokeAnswer> => {
      const id = positiveId(data.explanationId);
      if (id === null) return { message: t(who.locale, 'teams.card_outdated') };
      try {
        return { card: explanationApprovalCard(await decideExplanation(deps(), { id, actorId: who.id, decision }), who.locale).card };
      } catch (error) {
        return { message: ctx.errorText(who.locale, error) };
      }
    });
  }

  // LATE-7: Excuse on a tally line opens the form (for the clicker); its Submit excuses with the reason.
  const target = async (data: Record<string, unknown>) => {
    const employeeId = textOf(data.employeeId);
    const date = textOf(data.date);
    if (!employeeId || !ISO_DATE.test(date)) return null;
    const person = await ctx.prisma().employee.findUnique({ where: { id: employeeId } });
    return person ? { employeeId, date, name: person.name } : null;
  };
  ctx.verbs.set(VERBS.excuseForm, async ({ who, data }): Promise<InvokeAnswer> => {
    const to = await target(data);
    return to ? { card: excuseFormCard(who.locale, to) } : { message: t(who.locale, 'teams.card_outdated') };
  });
  ctx.verbs.set(VERBS.excuseSubmit, async ({ who, data }): Promise<InvokeAnswer> => {
    const to = await target(data);
    if (!to) return { message: t(who.locale, 'teams.card_outdated') };
    const reason = textOf(data[LATENESS_INPUTS.excuseReason]).trim();
    try {
      await excuseLateness(ctx.prisma(), { actorId: who.id, reason, scope: { employeeId: to.employeeId, date: to.date }, at: ctx.clock.now() });
      return { card: excusedCard(who.locale, { name: to.name, date: to.date, reason }) };
    } catch (error) {
      if (error instanceof AppError && error.code === 'bad_input') return { card: excuseFormCard(who.locale, to, ctx.errorText(who.locale, error)) };
      return { message: ctx.errorText(who.locale, error) };
    }
  });
}
