/** Types of render.js (plain JS, served as is to the browser; imported by the unit tests). */
export interface RenderContext {
  people?: Array<{ user: string; name: string }>;
  conversations?: Array<{ id: string; name: string }>;
  texts?: Record<string, string>;
  /** block id → error text (a modal's response_action: errors). */
  errors?: Record<string, string>;
}
export function escapeHtml(value: unknown): string;
export function mrkdwn(text: string, ctx?: RenderContext): string;
export function text(object: unknown, ctx?: RenderContext): string;
export function element(el: Record<string, unknown>, blockId: string | undefined, ctx?: RenderContext, live?: boolean): string;
export function block(b: Record<string, unknown>, ctx?: RenderContext): string;
export function renderBlocks(blocks: unknown, ctx?: RenderContext, fallbackText?: string): string;
export function renderModal(view: { id: string; title?: unknown; submit?: unknown; close?: unknown; blocks: unknown[]; errors?: Record<string, string> }, ctx?: RenderContext): string;
export function collectState(root: unknown): Record<string, Record<string, Record<string, unknown>>>;
