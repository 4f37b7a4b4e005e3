/**
 * LATE-8 through the real command line: `jobs run daily-lateness-tally --at …`
 * against the database a running banzhang uses; its outbox posts one message per
 * team channel to the fake Slack, with the right people; the same slot again
 * posts nothing. PostgreSQL only: the embedded database belongs to the running
 * server (a second process is refused, see serve.test.ts).
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importClock } from '../../../src/features/clock/clock-import.ts';
import { loadPolicy } from '../../../src/policy/config/load.ts';
import { postgresReachable } from '../../support/databases.ts';
import { runCli } from '../../support/process.ts';
import { startSlackHarness, type SlackHarness } from '../../support/slack-harness.ts';

const ORG = path.join(import.meta.dirname, '../../fixtures/org-leave.yaml');
const loaded = await loadPolicy('outbound-basic');
if (!loaded.ok) throw new Error('preset');

describe.skipIf(!postgresReachable)('daily tally over Slack [postgres]', () => {
  let h: SlackHarness;
  beforeAll(async () => {
    // Before the 17:35 slot: the server's own catch-up at start finds nothing of the day to tally yet.
    h = await startSlackHarness('postgres', { clock: '2026-11-23T17:20:00+08:00', orgFile: ORG });
  });
  afterAll(async () => h?.close());

  it('LATE-8: jobs run daily-lateness-tally posts one message per team channel with its own people; again, nothing', async () => {
    const punches = ['employee_id,timestamp,direction', 'E002,2026-11-23 08:04,in', 'E002,2026-11-23 14:30,in', 'E002,2026-11-23 17:30,out', 'E001,2026-11-23 07:59,in', 'E001,2026-11-23 14:29,in', 'E001,2026-11-23 17:31,out'];
    await importClock(h.db.prisma, punches.join('\n'), { actor: 'test', file: 'p.csv', policy: loaded.policy });
    const run = await runCli(['jobs', 'run', 'daily-lateness-tally', '--at', '2026-11-23T17:35+08:00'], h.cliEnv);
    expect(run.code, run.stderr).toBe(0);
    // Only channel posts: the server's own scheduler runs too (e.g. the PERF-1 summary reminder DMs agents at 17:20).
    const toChannel = (c: { body: Record<string, unknown> }) => String(c.body.channel).startsWith('C');
    const posts = await h.fake.waitFor('chat.postMessage', 2, 15_000, { where: toChannel });
    const byChannel = new Map(posts.map((p) => [String(p.body.channel), JSON.stringify(p.body)]));
    expect([...byChannel.keys()].sort()).toEqual(['C0OFF', 'C0OUTA']);
    const team = byChannel.get('C0OUTA')!;
    expect(team).toContain('Li Si');
    expect(team).toContain('迟到 上午班 4 分钟');
    expect(team).toContain('王五'); // no clock-in at all: absent
    expect(team).not.toContain('张三'); // on time: not listed
    expect(team).not.toContain('部门负责人'); // another team's member
    expect(team).not.toContain('¥');

    const again = await runCli(['jobs', 'run', 'daily-lateness-tally', '--at', '2026-11-23T17:35+08:00'], h.cliEnv);
    expect(again.code).toBe(0);
    const later = await runCli(['jobs', 'run', 'daily-lateness-tally', '--at', '2026-11-23T18:05+08:00'], h.cliEnv);
    expect(later.code).toBe(0);
    await new Promise((r) => setTimeout(r, 1500));
    expect(h.fake.calls('chat.postMessage').filter(toChannel)).toHaveLength(2);

    // LATE-7 from the tally: an agent may not excuse; the team leader may, with a reason.
    const blocks = posts.find((p) => p.body.channel === 'C0OUTA')!.body.blocks as Array<{ accessory?: { action_id: string; value: string } }>;
    const buttons = blocks.flatMap((b) => (b.accessory?.action_id === 'lateness_excuse' ? [b.accessory.value] : []));
    expect(buttons).toHaveLength(3); // Li Si (late); 王五 and 班长 (no clock-in: absent)
    const value = buttons.find((v) => v.includes('E002'))!;
    await h.click('U0002', 'lateness_excuse', value, 'C0OUTA');
    const modal = (await h.fake.waitFor('views.open', 1))[0]!.body.view as { callback_id: string; private_metadata: string };
    expect(modal.callback_id).toBe('lateness_excuse');
    const self = await h.submitView('U0002', 'lateness_excuse', { excuse_reason: { value: { type: 'plain_text_input', value: 'I was busy' } } }, { private_metadata: modal.private_metadata });
    expect(JSON.parse(await self.text())).toMatchObject({ response_action: 'errors' });
    const ok = await h.submitView('U0400', 'lateness_excuse', { excuse_reason: { value: { type: 'plain_text_input', value: 'dialer outage' } } }, { private_metadata: modal.private_metadata });
    expect(await ok.text()).toBe('');
    const excuses = await h.db.prisma.latenessExcuse.findMany();
    expect(excuses.map((x) => `${x.employeeId} ${x.date?.toISOString().slice(0, 10)} ${x.excusedById} ${x.reason}`)).toEqual([`${JSON.parse(value).employeeId} 2026-11-23 E400 dialer outage`]);
  });
});
