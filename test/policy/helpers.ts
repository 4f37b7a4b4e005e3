import type { DateTime } from 'luxon';
import { loadPolicy, parsePolicy } from '../../src/policy/config/load.ts';
import type { Policy, PolicyInput } from '../../src/policy/config/schema.ts';
import type { Segment } from '../../src/policy/working-time.ts';

export async function preset(name: 'outbound-basic' | 'mobile-outbound-center'): Promise<Policy> {
  const loaded = await loadPolicy(name);
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.errors));
  return loaded.policy;
}

export function policyFrom(input: PolicyInput): Policy {
  const parsed = parsePolicy(input);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.policy;
}

export const utc = (d: DateTime): string | null => d.toUTC().toISO({ suppressMilliseconds: true });

/** A segment as UTC instants: [name, start, end, clock-in from, clock-in to, ...phases as "name start end"]. */
export function describeSegment(s: Segment): Record<string, unknown> {
  return {
    name: s.name,
    start: utc(s.start),
    end: utc(s.end),
    clockIn: [utc(s.clockIn.from), utc(s.clockIn.to)],
    phases: s.phases.map((p) => `${p.name} ${utc(p.start)} ${utc(p.end)}`),
  };
}
