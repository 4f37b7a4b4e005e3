/**
 * Teams handlers of the exam score form (TRAIN-3): `exam` answers organizers
 * with the form card; its Submit records the score with the same use case as
 * Slack (recordExamScore): the card becomes the receipt, or comes back with
 * the problem beside its field and nothing stored.
 */
import { recordExamScore } from '../../../features/training/exam-scores.ts';
import { examFormChoices, isTrainingOrganizer } from '../../../features/training/training-roles.ts';
import { AppError } from '../../../shared/errors.ts';
import { t } from '../../../shared/i18n/index.ts';
import { examFormCard, examSavedCard, type ExamFormValues } from '../cards/exam-cards.ts';
import { TEAMS_COMMANDS, TRAINING_INPUTS, VERBS } from '../ids.ts';
import { replyCard, replyText, type InvokeAnswer, type TeamsContext } from './context.ts';

const str = (v: unknown) => (typeof v === 'string' ? v : '');

export function registerExamHandlers(ctx: TeamsContext): void {
  ctx.commands.set(TEAMS_COMMANDS.exam, async ({ turn, who }) => {
    if (!(await isTrainingOrganizer(ctx.prisma(), ctx.policy, who.id))) return replyText(turn, t(who.locale, 'training.error.organizers_only'));
    const choices = await examFormChoices(ctx.prisma(), ctx.policy, ctx.clock.now());
    return replyCard(turn, examFormCard({ locale: who.locale, ...choices }), t(who.locale, 'training.exam.modal_title'));
  });

  ctx.verbs.set(VERBS.examSubmit, async ({ who, data }): Promise<InvokeAnswer> => {
    const values: ExamFormValues = { employee: str(data[TRAINING_INPUTS.examEmployee]), month: str(data[TRAINING_INPUTS.examMonth]), score: str(data[TRAINING_INPUTS.examScore]) };
    try {
      const r = await recordExamScore(ctx.prisma(), ctx.policy, { actorId: who.id, employeeId: values.employee!, month: values.month!, score: values.score!, source: 'teams' });
      return { card: examSavedCard(who.locale, t(who.locale, 'training.exam.saved', { name: r.name, month: values.month!.trim(), score: r.score })) };
    } catch (error) {
      const at = error instanceof AppError && error.code === 'bad_input' ? error.details.field : undefined;
      if (!at) return { message: ctx.errorText(who.locale, error) };
      const input = at === 'month' ? TRAINING_INPUTS.examMonth : at === 'score' ? TRAINING_INPUTS.examScore : TRAINING_INPUTS.examEmployee;
      const choices = await examFormChoices(ctx.prisma(), ctx.policy, ctx.clock.now());
      return { card: examFormCard({ locale: who.locale, ...choices, values, errors: { [input]: ctx.errorText(who.locale, error) } }) };
    }
  });
}
