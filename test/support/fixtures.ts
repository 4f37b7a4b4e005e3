/** Shared test inputs: the org fixtures and the built-in presets, loaded once per test file. */
import { readFileSync } from 'node:fs';
import { loadPolicy } from '../../src/policy/config/load.ts';
import type { Policy } from '../../src/policy/config/schema.ts';

export const fixturePath = (name: string) => new URL(`../fixtures/${name}`, import.meta.url);
/** A floor with agents, two dept heads, a general manager, HR, a team leader and a center manager, with Slack ids. */
export const LEAVE_ORG = readFileSync(fixturePath('org-leave.yaml'), 'utf8');

export async function preset(name: 'outbound-basic' | 'mobile-outbound-center'): Promise<Policy> {
  const loaded = await loadPolicy(name);
  if (!loaded.ok) throw new Error(`preset ${name}: ${JSON.stringify(loaded.errors)}`);
  return loaded.policy;
}

export const OUTBOUND_BASIC: Policy = await preset('outbound-basic');
