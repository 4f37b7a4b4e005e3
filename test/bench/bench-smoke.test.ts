/**
 * The bench cannot rot: `npm run bench -- --smoke` runs all four parts of the
 * bench (issue 9) at tiny sizes, through the real programs. This checks the
 * table's shape and the facts that must hold at any size: every ack answered
 * as expected and stored, every report row there, no tally duplicated or lost.
 * Never the timings (the machine is shared: no timed assertions).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseTable, SUMMARY_HEADER, type BenchResults } from '../../bench/report.ts';
import type * as BenchRun from '../../bench/run.ts';
import { SMOKE } from '../../bench/sizes.ts';
import { postgresReachable } from '../support/databases.ts';
import { childEnv, REPO } from '../support/process.ts';

// Type-checks the bench's entry point with the rest of the code (it is not imported: importing it runs the bench).
export type { BenchRun };

const out = mkdtempSync(path.join(tmpdir(), 'bz-bench-smoke-test-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

function runSmoke(): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'bench/run.ts', '--smoke', '--out', out], { cwd: REPO, env: childEnv({}), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const number = /^\d[\d,]*(\.\d+)?$/;
const triple = /^\d+(\.\d+)? \/ \d+(\.\d+)? \/ \d+(\.\d+)?$/;
const withParen = /^\d+(\.\d+)? \([\d,]+(\.\d+)?\)$/;
const met = /^(yes|no|—) \/ (yes|no|—)$/;

describe.skipIf(!postgresReachable)('npm run bench -- --smoke', () => {
  it('bench smoke: the four parts run and print the summary table; every ack answered and stored, every report row there, no tally duplicated or lost', { timeout: 600_000 }, async () => {
    const run = await runSmoke();
    expect(run.code, run.stderr).toBe(0);

    const { header, rows } = parseTable(run.stdout);
    expect(header).toEqual([...SUMMARY_HEADER]);
    expect(rows.map((r) => r[0])).toEqual(['1', '1', '2', '2', '2', '3', '3', '4']);
    for (const row of rows) {
      expect(row).toHaveLength(SUMMARY_HEADER.length);
      expect(row[5]).toMatch(met);
    }
    const [ack, ratio, month1, month2, growth, fan, faults, idle] = rows as string[][];
    expect(ack![1]).toContain(`${SMOKE.ack.requests} × /clock in at ${SMOKE.ack.concurrency} concurrent`);
    for (const cell of [ack![2], ack![3]]) expect(cell).toMatch(triple);
    for (const cell of [ratio![2], ratio![3], growth![2], growth![3], idle![2], idle![3]]) expect(cell).toMatch(number);
    for (const cell of [month1![2], month1![3], month2![2], month2![3], fan![2], fan![3]]) expect(cell).toMatch(withParen);
    expect(month1![1]).toContain(`${SMOKE.monthEnd.sizes[0]} staff`);
    expect(month2![1]).toContain(`${SMOKE.monthEnd.sizes[1]} staff`);
    // Zero duplicates and zero losses on both databases (the 429 count is reported, not judged).
    expect(faults![2]).toMatch(/^0 \/ 0 \/ \d+$/);
    expect(faults![3]).toMatch(/^0 \/ 0 \/ \d+$/);
    expect(faults![5]).toBe('yes / yes');

    // latest.md: the machine, then the same table.
    const latest = readFileSync(path.join(out, 'latest.md'), 'utf8');
    expect(latest).toMatch(/Machine: \d+ cores \(.*\), [\d.]+ GiB, Node v\d+/);
    expect(latest).toContain(run.stdout.trim());

    // The facts behind the table.
    const results = JSON.parse(readFileSync(path.join(out, 'latest.json'), 'utf8')) as BenchResults;
    expect(results.mode).toBe('smoke');
    for (const r of results.ack.rows) expect(r.ok, `${r.target} answered as expected`).toBe(SMOKE.ack.requests);
    expect(results.ack.storedEvents).toBe(SMOKE.ack.requests);
    expect(results.monthEnd).toHaveLength(4);
    for (const m of results.monthEnd) {
      expect(SMOKE.monthEnd.sizes).toContain(m.data.staff);
      expect(m.measured.latenessRows).toBe(m.data.staff);
      expect(m.measured.payRows).toBe(m.data.staff);
      expect(m.measured.rankedRows).toBeGreaterThan(0);
      expect(m.data.clockEvents).toBeGreaterThan(m.data.staff * 20);
    }
    // Same data, same figures on both databases.
    for (const staff of SMOKE.monthEnd.sizes) {
      const [emb, pg] = (['embedded', 'postgres'] as const).map((kind) => results.monthEnd.find((m) => m.kind === kind && m.data.staff === staff)!.measured);
      expect(emb!.lateMinutes).toBe(pg!.lateMinutes);
      expect(emb!.netEffectFen).toBe(pg!.netEffectFen);
    }
    expect(results.idle.map((i) => i.kind)).toEqual(['embedded', 'postgres']);
    for (const i of results.idle) expect(i.rssMb).toBeGreaterThan(0);
    for (const f of results.fanOut) {
      expect(f.all.channels).toBe(SMOKE.fanOut.channels);
      expect(f.all.messages).toBe(SMOKE.fanOut.channels * SMOKE.fanOut.days);
      expect([f.all.duplicates, f.all.losses, f.all.unsent, f.alone.duplicates, f.alone.losses]).toEqual([0, 0, 0, 0, 0]);
      // Slack's pace: never two tallies in one channel within a second.
      expect(f.all.minGapSeconds).toBeGreaterThanOrEqual(1);
    }
  });
});
