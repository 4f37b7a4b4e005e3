/**
 * Fault: a crash during a job (issue 9). Three real `banzhang serve` processes
 * share one PostgreSQL database and a fake Slack; they race for the 17:35 slot
 * of daily-lateness-tally (LATE-8). The winner is killed with SIGKILL while it
 * holds the slot (BANZHANG_TEST_JOB_PAUSE_MS keeps it there after the work,
 * before its end is recorded); once its short lease (BANZHANG_JOB_LEASE_SECONDS)
 * has expired another process's sweep takes the slot over and finishes it. The
 * tally reaches each team channel once.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syncHolidays } from '../../src/features/calendar/holiday-sync.ts';
import { importClock } from '../../src/features/clock/clock-import.ts';
import { importOrg } from '../../src/features/org/org-import.ts';
import { loadPolicy } from '../../src/policy/config/load.ts';
import { createTestDatabase, postgresReachable, type TestDatabase } from '../support/databases.ts';
import { startFakeSlack, type FakeSlack } from '../support/fake-slack.ts';
import { startServe, type Served } from '../support/process.ts';

interface LogLine {
  msg?: string;
  job?: string;
  slot?: string;
  trigger?: string;
  owner?: string;
}
const logLines = (served: Served): LogLine[] =>
  served
    .output()
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as LogLine);

const JOB = 'daily-lateness-tally';
const SLOT = new Date('2026-11-23T09:35:00.000Z'); // 17:35 center time

describe.skipIf(!postgresReachable)('fault: a process killed while it runs a job slot [postgres]', () => {
  let tdb: TestDatabase;
  let fake: FakeSlack;
  const processes: Served[] = [];

  beforeAll(async () => {
    tdb = await createTestDatabase('postgres');
    fake = await startFakeSlack();
    const loaded = await loadPolicy('outbound-basic');
    if (!loaded.ok) throw new Error('preset');
    const prisma = tdb.db.prisma;
    await syncHolidays(prisma, loaded.policy);
    await importOrg(prisma, readFileSync(new URL('../fixtures/org-leave.yaml', import.meta.url), 'utf8'), { actor: 'test', file: 'org-leave.yaml' });
    const punches = ['employee_id,timestamp,direction', 'E002,2026-11-23 08:04,in', 'E002,2026-11-23 14:30,in', 'E002,2026-11-23 17:30,out', 'E001,2026-11-23 07:59,in', 'E001,2026-11-23 14:29,in', 'E001,2026-11-23 17:31,out'];
    await importClock(prisma, punches.join('\n'), { actor: 'test', file: 'p.csv', policy: loaded.policy });
  });
  afterAll(async () => {
    for (const p of processes) if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill('SIGKILL');
    await Promise.all(processes.map((p) => p.stop()));
    await fake?.close();
    await tdb?.drop();
  });

  it('the holder of the slot is killed -9 mid-run; another process takes the slot over after the lease and finishes it; each team channel gets its tally once', async () => {
    const env = {
      DATABASE_URL: tdb.url!,
      BANZHANG_CLOCK: '2026-11-23T17:34:50+08:00',
      SLACK_SIGNING_SECRET: 'fault-secret',
      SLACK_BOT_TOKEN: 'xoxb-fault',
      SLACK_API_URL: fake.url,
      BANZHANG_JOB_LEASE_SECONDS: '6',
      BANZHANG_JOB_SWEEP_SECONDS: '2',
      BANZHANG_TEST_JOB_PAUSE_MS: '3000',
      LOG_LEVEL: 'info',
    };
    processes.push(...(await Promise.all([env, env, env].map((e) => startServe(e)))));
    const prisma = tdb.db.prisma;

    // The three race for 17:35; one holds it (running, paused after its work).
    let holder: Served | undefined;
    let heldBy = '';
    await expect
      .poll(
        async () => {
          const row = await prisma.jobRun.findUnique({ where: { name_slot: { name: JOB, slot: SLOT } } });
          if (row?.status !== 'running') return row?.status ?? 'none';
          // job_run.owner is host:pid:port.
          const pid = Number(row.owner.split(':').at(-2));
          holder = processes.find((p) => p.child.pid === pid);
          heldBy = row.owner;
          if (!holder) return `running by an unknown owner ${row.owner}`;
          // Mid-run: its work is done (the tallies are enqueued), its end not yet recorded.
          return logLines(holder).some((l) => l.job === JOB && l.slot === SLOT.toISOString() && l.msg?.startsWith('job pausing')) ? 'running' : 'claimed';
        },
        { timeout: 45_000, interval: 100 },
      )
      .toBe('running');
    holder!.child.kill('SIGKILL');
    await holder!.stop();
    expect(logLines(holder!).some((l) => l.job === JOB && l.slot === SLOT.toISOString() && l.msg === 'job finished')).toBe(false);
    expect((await prisma.jobRun.findUnique({ where: { name_slot: { name: JOB, slot: SLOT } } }))?.owner).toBe(heldBy);

    // Another process finishes it once the dead one's lease has expired.
    await expect
      .poll(async () => (await prisma.jobRun.findUnique({ where: { name_slot: { name: JOB, slot: SLOT } } }))?.status, { timeout: 45_000, interval: 250 })
      .toBe('finished');
    const row = (await prisma.jobRun.findUnique({ where: { name_slot: { name: JOB, slot: SLOT } } }))!;
    expect(row.owner).not.toBe(heldBy);
    expect(row.error).toBeNull();
    const survivors = processes.filter((p) => p !== holder);
    const takers = survivors.flatMap(logLines).filter((l) => l.job === JOB && l.slot === SLOT.toISOString() && l.msg === 'job started');
    expect(takers.map((l) => l.trigger)).toEqual(['retry']);
    expect(survivors.flatMap(logLines).filter((l) => l.job === JOB && l.slot === SLOT.toISOString() && l.msg === 'job finished')).toHaveLength(1);

    // The posts: one per team channel, whichever process sent them; nothing more after a while.
    const toChannel = (c: { body: Record<string, unknown> }) => ['C0OUTA', 'C0OFF'].includes(String(c.body.channel));
    await fake.waitFor('chat.postMessage', 2, 30_000, { okOnly: true, where: toChannel });
    await new Promise((r) => setTimeout(r, 2500));
    const posts = fake.calls('chat.postMessage').filter((c) => c.ok && toChannel(c));
    expect(posts.map((p) => String(p.body.channel)).sort()).toEqual(['C0OFF', 'C0OUTA']);
    const keys = await prisma.outboxMessage.findMany({ where: { dedupeKey: { startsWith: 'tally:' } }, select: { dedupeKey: true, status: true } });
    expect(keys.map((k) => `${k.dedupeKey} ${k.status}`).sort()).toEqual(['tally:office:2026-11-23 sent', 'tally:outbound-a:2026-11-23 sent']);
  }, 90_000); // a loaded 2-core machine: generous; the waits inside have their own deadlines
});
