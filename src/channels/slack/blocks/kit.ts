/** Small Block Kit pieces shared by the pure block builders. */
import { INPUT } from '../ids.ts';

export interface PlainText {
  type: 'plain_text';
  text: string;
  emoji?: boolean;
}

/** Plain text with emoji shortcodes shown as emoji. */
export const plain = (text: string) => ({ type: 'plain_text' as const, text, emoji: true });
export const mrkdwn = (text: string) => ({ type: 'mrkdwn' as const, text });
/** A select, radio or checkbox option. */
export const option = (text: string, value: string) => ({ text: plain(text), value });

/** Slack's elements of input blocks. */
export type InputElementType =
  | 'plain_text_input'
  | 'rich_text_input'
  | 'number_input'
  | 'email_text_input'
  | 'url_text_input'
  | 'datepicker'
  | 'timepicker'
  | 'datetimepicker'
  | 'static_select'
  | 'external_select'
  | 'users_select'
  | 'conversations_select'
  | 'channels_select'
  | 'multi_static_select'
  | 'multi_external_select'
  | 'multi_users_select'
  | 'multi_conversations_select'
  | 'multi_channels_select'
  | 'radio_buttons'
  | 'checkboxes'
  | 'file_input';

/** The element of an input block, without its action id (always `INPUT`). */
export type InputElement = { type: InputElementType; action_id?: never };

/**
 * An input block of a modal: its element answers under `INPUT`, so a handler
 * reads `state.values[blockId][INPUT]`. `optional` is given as passed (absent
 * when not passed).
 */
export function input<E extends InputElement>(blockId: string, label: PlainText, element: E, options: { optional?: boolean; hint?: PlainText } = {}) {
  const { type, ...rest } = element;
  const answered: { type: E['type']; action_id: string } & Omit<E, 'type'> = { type, action_id: INPUT, ...rest };
  return {
    type: 'input' as const,
    block_id: blockId,
    ...(options.optional === undefined ? {} : { optional: options.optional }),
    label,
    ...(options.hint ? { hint: options.hint } : {}),
    element: answered,
  };
}
