/**
 * What the form cards share: the use case's refusal of a form, field by field,
 * as text in the reader's locale keyed by the card's input ids (the same
 * mapping Slack's modals use), and the error lines shown under an input. Pure.
 */
import { fieldErrorsAnswer, type FormFieldError } from '../../slack/handlers/modal-errors.ts';
import { t, type Locale } from '../../../shared/i18n/index.ts';
import { textBlock, type CardElement } from './adaptive.ts';

/** Problems of a submitted form by input id, in the reader's locale. */
export type FormErrors = Readonly<Record<string, string>>;

/** A use case's field errors → text by input id (`inputOf` maps a field to its input; others go to `fallbackInput`). */
export function formErrors(locale: Locale, fieldErrors: readonly FormFieldError[], inputOf: Readonly<Record<string, string>>, fallbackInput: string): FormErrors {
  return fieldErrorsAnswer(locale, fieldErrors, inputOf, fallbackInput).errors;
}

/** The error line under an input (none without an error). */
export const errorAfter = (errors: FormErrors | undefined, inputId: string): CardElement[] =>
  errors?.[inputId] ? [textBlock(errors[inputId]!, { color: 'Attention', size: 'Small', spacing: 'None' })] : [];

/** The banner above a form sent back with problems (none without). */
export const problemsBanner = (locale: Locale, errors: FormErrors | undefined): CardElement[] =>
  errors && Object.keys(errors).length > 0 ? [textBlock(t(locale, 'teams.form_problems'), { color: 'Attention', weight: 'Bolder' })] : [];

/** An input followed by its error line. */
export const withError = (errors: FormErrors | undefined, input: CardElement & { id: string }): CardElement[] => [input, ...errorAfter(errors, input.id)];
