import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parsePolicyYaml } from '../../src/policy/config/load.ts';
import { cli } from '../support/cli.ts';

function errorsOf(text: string) {
  const result = parsePolicyYaml(text);
  if (result.ok) throw new Error(`expected the policy to be refused: ${text}`);
  return result.errors.map((e) => e.path);
}

describe('routine policy keys (issue 11)', () => {
  it('MEET-1 defaults: the brief 15 minutes before the first segment, a handover flagged 15 minutes into the shift', () => {
    const empty = parsePolicyYaml('{}');
    expect(empty.ok && empty.policy.routine).toEqual({ briefLeadMinutes: 15, handoverGraceMinutes: 15 });
    const set = parsePolicyYaml('routine: { briefLeadMinutes: 0, handoverGraceMinutes: 240 }');
    expect(set.ok && set.policy.routine).toEqual({ briefLeadMinutes: 0, handoverGraceMinutes: 240 });
  });

  it.each([
    ['briefLeadMinutes', -1],
    ['briefLeadMinutes', 7.5],
    ['briefLeadMinutes', 241],
    ['briefLeadMinutes', '"15"'],
    ['handoverGraceMinutes', 0],
    ['handoverGraceMinutes', -5],
    ['handoverGraceMinutes', 1.5],
    ['handoverGraceMinutes', 1000],
  ])('policy check refuses routine.%s = %s', (key, value) => {
    expect(errorsOf(`routine: { ${key}: ${value} }`)).toEqual([`routine.${key}`]);
  });

  it('an unknown routine key is refused (typo caught)', () => {
    expect(errorsOf('routine: { briefLeadMinute: 10 }')).toEqual(['routine.briefLeadMinute']);
  });

  it('banzhang policy check: a bad routine key exits 2 naming the key and its line', async () => {
    const file = join(await mkdtemp(join(tmpdir(), 'bz-routine-')), 'policy.yaml');
    await writeFile(file, 'routine:\n  briefLeadMinutes: -5\n  handoverGraceMinutes: 15\n', 'utf8');
    const r = await cli(['policy', 'check', file]);
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n').slice(1)).toEqual([expect.stringMatching(/^  routine\.briefLeadMinutes \(line 2\): /)]);
    await writeFile(file, 'routine:\n  briefLeadMinutes: 20\n', 'utf8');
    const ok = await cli(['policy', 'check', file]);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toContain('briefLeadMinutes: 20');
  });
});
