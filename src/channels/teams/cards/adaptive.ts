/**
 * Small pure helpers that build Adaptive Card JSON (schema 1.5, the highest
 * Teams renders; Action.Execute needs 1.4 or later). Only the element and
 * action types that validate.ts allows are built here.
 */
export const CARD_VERSION = '1.5';
export const CARD_SCHEMA = 'http://adaptivecards.io/schemas/adaptive-card.json';

export type CardElement = Record<string, unknown>;

export interface AdaptiveCard extends Record<string, unknown> {
  type: 'AdaptiveCard';
  $schema: string;
  version: string;
  body: CardElement[];
  actions?: CardElement[];
}

export function adaptiveCard(body: CardElement[], actions: CardElement[] = [], fallbackText?: string): AdaptiveCard {
  return {
    type: 'AdaptiveCard',
    $schema: CARD_SCHEMA,
    version: CARD_VERSION,
    body,
    ...(actions.length > 0 ? { actions } : {}),
    ...(fallbackText ? { fallbackText } : {}),
    msteams: { width: 'Full' },
  };
}

export const textBlock = (text: string, options: Record<string, unknown> = {}): CardElement => ({ type: 'TextBlock', text, wrap: true, ...options });

export const heading = (text: string): CardElement => textBlock(text, { size: 'Medium', weight: 'Bolder' });

export const factSet = (facts: Array<[string, string]>): CardElement => ({ type: 'FactSet', facts: facts.map(([title, value]) => ({ title, value })) });

export const container = (items: CardElement[], options: Record<string, unknown> = {}): CardElement => ({ type: 'Container', items, ...options });

export function execute(args: { id: string; title: string; verb: string; data?: Record<string, unknown>; style?: 'positive' | 'destructive' }): CardElement {
  return { type: 'Action.Execute', id: args.id, title: args.title, verb: args.verb, data: args.data ?? {}, ...(args.style ? { style: args.style } : {}) };
}
