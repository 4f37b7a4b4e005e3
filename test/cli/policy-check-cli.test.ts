import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { cli } from '../support/cli.ts';

describe('banzhang policy check', () => {
  it('prints the mobile-outbound-center preset as its effective policy', async () => {
    const result = await cli(['policy', 'check', 'mobile-outbound-center']);
    expect(result.code).toBe(0);
    const [headline, ...rest] = result.stdout.split('\n');
    expect(headline).toBe('Policy preset mobile-outbound-center is valid. Effective policy:');
    const printed = parse(rest.join('\n'));
    expect(printed.leave.offsetAgainstRestDays).toBe(true);
    expect(printed.schedule.roleProfiles.complaint_handler).toBe('complaint');
    expect(printed.lateness.earlyLeavePerMinute).toBe(2);
  });

  it('a broken policy file prints every error with its path and exits 2', async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'bz-policy-')), 'broken.yaml');
    writeFileSync(file, 'lateness:\n  allowanceMode: most\n  monthlyReportDay: 11\ncenter:\n  timeZone: Mars/Olympus\nleave:\n  sick: { proofGraceDay: 3 }\n');
    const result = await cli(['policy', 'check', file]);
    expect(result.code).toBe(2);
    const lines = result.stderr.split('\n');
    expect(lines[0]).toBe(`Policy ${file} has 4 error(s):`);
    expect(lines.slice(1).map((l) => l.trim().split(' ')[0])).toEqual([
      'center.timeZone',
      'lateness.allowanceMode',
      'lateness.monthlyReportDay',
      'leave.sick.proofGraceDay',
    ]);
    expect(result.stdout).toBe('');
  });

  it('an unknown preset or a missing file is refused with exit 2', async () => {
    const unknown = await cli(['policy', 'check', 'no-such-preset']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('no-such-preset');
  });
});
