/** How a use case's refusal of a form, field by field, is shown in a Slack modal. */
import { t, type Locale, type MessageKey } from '../../../shared/i18n/index.ts';

/** One refused field: the i18n key of why, with its params. */
export interface FormFieldError {
  field: string;
  messageKey: string;
  params?: Record<string, string | number>;
}

/**
 * Slack's `errors` answer to a modal submission: each field error in the
 * reader's locale on the block of its field (`blockOf`, else `fallbackBlock`);
 * two errors on one block are joined by a space.
 */
export function fieldErrorsAnswer(locale: Locale, fieldErrors: readonly FormFieldError[], blockOf: Readonly<Record<string, string>>, fallbackBlock: string) {
  const errors: Record<string, string> = {};
  for (const e of fieldErrors) {
    const block = blockOf[e.field] ?? fallbackBlock;
    const text = t(locale, e.messageKey as MessageKey, e.params ?? {});
    errors[block] = errors[block] ? `${errors[block]} ${text}` : text;
  }
  return { response_action: 'errors' as const, errors };
}
