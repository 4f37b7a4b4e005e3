/**
 * Teams handlers of the weekly training plan (TRAIN-2): `plan` and the
 * reminder's button answer with the form card of the week (the plan sent
 * before shown to edit), only for the plan owners; the form's Submit stores it
 * with the same use case as Slack (submitPlan): the card becomes the receipt,
 * or comes back with the problem and nothing stored.
 */
import { currentPlan, isPlanOwner } from '../../../features/training/training-roles.ts';
import { planWeekOf, submitPlan } from '../../../features/training/training-plan.ts';
import { AppError } from '../../../shared/errors.ts';
import { t } from '../../../shared/i18n/index.ts';
import { planFormCard, planReceivedCard } from '../cards/training-plan-cards.ts';
import { TEAMS_COMMANDS, TRAINING_INPUTS, VERBS } from '../ids.ts';
import { replyCard, replyText, type InvokeAnswer, type TeamsContext, type Who } from './context.ts';

const isDate = (v: unknown): v is string => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v);

export function registerPlanHandlers(ctx: TeamsContext): void {
  const form = async (who: Who, weekStart: string) => planFormCard({ locale: who.locale, weekStart, content: await currentPlan(ctx.prisma(), who.id, weekStart) });

  ctx.commands.set(TEAMS_COMMANDS.plan, async ({ turn, who }) => {
    if (!(await isPlanOwner(ctx.prisma(), ctx.policy, who.id))) return replyText(turn, t(who.locale, 'training.error.plan_owners_only'));
    return replyCard(turn, await form(who, planWeekOf(ctx.clock.now(), ctx.policy)), t(who.locale, 'training.plan.modal_title'));
  });

  ctx.verbs.set(VERBS.planOpen, async ({ who, data }): Promise<InvokeAnswer> => {
    if (!(await isPlanOwner(ctx.prisma(), ctx.policy, who.id))) return { message: t(who.locale, 'training.error.plan_owners_only') };
    return { card: await form(who, isDate(data.weekStart) ? data.weekStart : planWeekOf(ctx.clock.now(), ctx.policy)) };
  });

  ctx.verbs.set(VERBS.planSubmit, async ({ who, data }): Promise<InvokeAnswer> => {
    const content = typeof data[TRAINING_INPUTS.planText] === 'string' ? (data[TRAINING_INPUTS.planText] as string) : '';
    const weekStart = typeof data.weekStart === 'string' && data.weekStart ? data.weekStart : undefined;
    try {
      const r = await submitPlan(ctx.prisma(), ctx.policy, { employeeId: who.id, content, now: ctx.clock.now(), ...(weekStart ? { weekStart } : {}) });
      return { card: planReceivedCard(who.locale, r.weekStart, r.replaced) };
    } catch (error) {
      if (error instanceof AppError && error.code === 'bad_input' && weekStart) {
        return { card: planFormCard({ locale: who.locale, weekStart, content, errors: { [TRAINING_INPUTS.planText]: ctx.errorText(who.locale, error) } }) };
      }
      return { message: ctx.errorText(who.locale, error) };
    }
  });
}
