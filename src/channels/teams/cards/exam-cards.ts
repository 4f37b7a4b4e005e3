/**
 * TRAIN-3 on Teams: the exam score form for organizers (the counterpart of
 * Slack's exam modal: an employee choice when the org has at most 100 active
 * employees, else an id field; the month; the score) and the receipt. Pure.
 */
import { t, type Locale } from '../../../shared/i18n/index.ts';
import { TRAINING_INPUTS, VERBS } from '../ids.ts';
import { adaptiveCard, execute, heading, textBlock, type AdaptiveCard } from './adaptive.ts';
import { problemsBanner, withError, type FormErrors } from './form.ts';

export type ExamFormValues = Partial<Record<'employee' | 'month' | 'score', string>>;

export function examFormCard(args: { locale: Locale; employees: ReadonlyArray<{ id: string; name: string }>; month: string; values?: ExamFormValues; errors?: FormErrors }): AdaptiveCard {
  const l = args.locale;
  const v = args.values ?? {};
  const employee =
    args.employees.length > 0 && args.employees.length <= 100
      ? {
          type: 'Input.ChoiceSet',
          id: TRAINING_INPUTS.examEmployee,
          label: t(l, 'training.exam.employee'),
          style: 'filtered',
          isRequired: true,
          choices: args.employees.map((e) => ({ title: `${e.name} (${e.id})`, value: e.id })),
          ...(v.employee ? { value: v.employee } : {}),
        }
      : { type: 'Input.Text', id: TRAINING_INPUTS.examEmployee, label: t(l, 'training.exam.employee_id'), isRequired: true, maxLength: 64, ...(v.employee ? { value: v.employee } : {}) };
  return adaptiveCard(
    [
      heading(t(l, 'training.exam.modal_title')),
      ...problemsBanner(l, args.errors),
      ...withError(args.errors, employee),
      ...withError(args.errors, { type: 'Input.Text', id: TRAINING_INPUTS.examMonth, label: t(l, 'training.exam.month'), isRequired: true, maxLength: 7, value: v.month ?? args.month }),
      ...withError(args.errors, { type: 'Input.Text', id: TRAINING_INPUTS.examScore, label: t(l, 'training.exam.score'), isRequired: true, maxLength: 6, ...(v.score ? { value: v.score } : {}) }),
    ],
    [execute({ id: 'examSubmit', title: t(l, 'training.modal.submit'), verb: VERBS.examSubmit, style: 'positive' })],
    t(l, 'training.exam.modal_title'),
  );
}

/** What the submitted form turns into: the score recorded (a new form comes with `exam` again). */
export function examSavedCard(locale: Locale, text: string): AdaptiveCard {
  return adaptiveCard([heading(t(locale, 'training.exam.modal_title')), textBlock(text)]);
}
