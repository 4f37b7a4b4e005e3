/**
 * A text-only message as an Adaptive Card: the first line is the heading, every
 * other line a wrapped TextBlock. Slack's mrkdwn marks (`*bold*`, `&amp;`) are
 * turned into the Markdown subset a TextBlock renders (`**bold**`, `&`). Pure.
 */
import { adaptiveCard, heading, textBlock } from './adaptive.ts';
import type { OutboxPayload } from '../../../shared/outbox/transport.ts';

/** Slack mrkdwn → TextBlock Markdown: bold, escaped entities, `<url|label>` links. */
export function fromMrkdwn(text: string): string {
  return text
    .replace(/<([^|>\s]+)\|([^>]+)>/g, '[$2]($1)')
    .replace(/(^|[\s(•])\*([^*\n]+)\*(?=$|[\s).,:;!?，。：；])/gm, '$1**$2**')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/** The card of a message's text (blank lines dropped; at most 100 blocks, the rest joined in the last one). */
export function textCard(text: string): OutboxPayload {
  const lines = fromMrkdwn(text)
    .split('\n')
    .map((l) => l.trimEnd())
    .filter((l) => l.trim() !== '');
  const [first = text, ...rest] = lines;
  const body = rest.length > 99 ? [...rest.slice(0, 98), rest.slice(98).join('\n')] : rest;
  const plain = text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
  return { text: plain, card: adaptiveCard([heading(first), ...body.map((l) => textBlock(l))]) };
}

/** A Slack renderer's message, for Teams: its text as a card (the blocks, Slack's own, are dropped). */
export const teamsTextOf = (payload: { text: string }): OutboxPayload => textCard(payload.text);
