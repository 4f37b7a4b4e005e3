/**
 * MEET-2 end to end: a running banzhang with a fake Slack Web API. On
 * 2026-12-02 the complaint and outbound managers get their reminder at 09:00
 * (once), the outbound manager clicks "Mark as submitted" (a signed button
 * click), and after 15:00 the team leader gets exactly one flag naming only the
 * complaint manager; a later slot flags nothing new.
 *
 * PostgreSQL: `jobs run report-deadlines --at …` through the real CLI. Embedded:
 * the database belongs to the running server, so the slot is run in this
 * process through the scheduler's runSlot (the path `jobs run` takes).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScheduler, jobsFor } from '../../../src/jobs/index.ts';
import { createLogger } from '../../../src/shared/logger.ts';
import { DB_KINDS, postgresReachable } from '../../support/databases.ts';
import { runCli } from '../../support/process.ts';
import { startSlackHarness, type SlackHarness } from '../../support/slack-harness.ts';

const ORG = `center: { name: 张家界移动外呼中心, timeZone: Asia/Shanghai }
teams: [{ id: office, name: 中心办公室, channel: C0OFF }]
employees:
  - { id: M001, name: 投诉经理, role: complaint_manager, team: office, manager: M400, hireDate: 2020-01-01, locale: zh-CN, slack: UM001 }
  - { id: M002, name: Outbound Boss, role: outbound_manager, team: office, manager: M400, hireDate: 2020-01-01, locale: en, slack: UM002 }
  - { id: M400, name: 班长, role: team_leader, team: office, hireDate: 2019-05-01, locale: zh-CN, slack: UM400 }
`;
// Wednesday 2026-12-02, 08:50 in Shanghai: the server's catch-up at start runs the 08:45 slot, before the reminders.
const CLOCK = '2026-12-02T08:50:00+08:00';

for (const kind of DB_KINDS) {
  describe.skipIf(kind === 'postgres' && !postgresReachable)(`MEET-2 report deadlines over Slack [${kind}]`, () => {
    let h: SlackHarness;
    let dir: string;
    beforeAll(async () => {
      dir = mkdtempSync(path.join(tmpdir(), 'bz-meet-'));
      const orgFile = path.join(dir, 'org.yaml');
      writeFileSync(orgFile, ORG);
      h = await startSlackHarness(kind, { clock: CLOCK, orgFile });
    });
    afterAll(async () => {
      await h?.close();
      if (dir) rmSync(dir, { recursive: true, force: true });
    });

    const runJob = async (at: string): Promise<string> => {
      if (kind === 'postgres') {
        const r = await runCli(['jobs', 'run', 'report-deadlines', '--at', at], h.cliEnv);
        expect(r.code, r.stderr).toBe(0);
        return r.stdout.includes(': finished.') ? 'finished' : r.stdout.includes('already done') ? 'already-done' : r.stdout;
      }
      const { policy, clock } = h.app;
      const scheduler = createScheduler({ prisma: h.db.prisma, policy, jobs: jobsFor(policy), clock, logger: createLogger('warn'), owner: 'test:in-process', chat: { slack: true, teams: false } });
      return (await scheduler.runSlot('report-deadlines', DateTime.fromISO(at), { trigger: 'manual' })).outcome;
    };
    const dmsTo = (channel: string) => h.fake.calls('chat.postMessage').filter((c) => c.body.channel === channel);
    const settle = () => new Promise((r) => setTimeout(r, 1500));

    it('MEET-2: reminders at 09:00 once each; Mark as submitted by the outbound manager; after 15:00 one flag to the team leader naming only the complaint manager', async () => {
      expect(await runJob('2026-12-02T09:00+08:00')).toBe('finished');
      const reminders = await h.fake.waitFor('chat.postMessage', 2, 20_000);
      expect(reminders.map((c) => c.body.channel).sort()).toEqual(['DUM001', 'DUM002']);
      expect(String(dmsTo('DUM001')[0]!.body.text)).toBe('提醒：你的月度报告须在今天（2026-12-02）15:00 前提交。提交后请在此标记。');
      expect(String(dmsTo('DUM002')[0]!.body.text)).toContain('your monthly report is due today, 2026-12-02, by 15:00');
      expect(await runJob('2026-12-02T09:05+08:00')).toBe('finished');
      await settle();
      expect(h.fake.calls('chat.postMessage')).toHaveLength(2);

      const button = (dmsTo('DUM002')[0]!.body.blocks as Array<{ elements?: Array<{ action_id: string; value: string; text: { text: string } }> }>).flatMap((b) => b.elements ?? [])[0]!;
      expect(button.action_id).toBe('report_mark_submitted');
      expect(button.text.text).toBe('Mark as submitted');
      // Someone else's button: refused, in the clicker's locale; nothing changes.
      await h.click('UM001', 'report_mark_submitted', button.value, 'DUM002');
      const refused = await h.fake.waitFor('chat.postEphemeral', 1);
      expect(refused[0]!.body).toMatchObject({ channel: 'DUM002', user: 'UM001', text: '只有 Outbound Boss 本人可以标记该报告为已提交。' });
      await h.click('UM002', 'report_mark_submitted', button.value);
      const answers = await h.fake.waitFor('chat.postEphemeral', 2);
      expect(answers[1]!.body.user).toBe('UM002');
      expect(String(answers[1]!.body.text)).toMatch(/^Marked as submitted at 2026-12-02 08:5\d: the monthly report due 2026-12-02 15:00\./);
      await h.click('UM002', 'report_mark_submitted', button.value);
      const again = await h.fake.waitFor('chat.postEphemeral', 3);
      expect(String(again[2]!.body.text)).toMatch(/^This report was already marked as submitted at 2026-12-02 08:5\d; nothing changed\.$/);
      const rows = await h.db.prisma.reportDeadline.findMany({ orderBy: { employeeId: 'asc' } });
      expect(rows.map((r) => [r.employeeId, r.submittedAt !== null])).toEqual([
        ['M001', false],
        ['M002', true],
      ]);

      expect(await runJob('2026-12-02T15:00+08:00')).toBe('finished');
      expect(await runJob('2026-12-02T15:05+08:00')).toBe('finished');
      const flags = await h.fake.waitFor('chat.postMessage', 3, 20_000);
      const toLeader = flags.filter((c) => c.body.channel === 'DUM400');
      expect(toLeader).toHaveLength(1);
      expect(String(toLeader[0]!.body.text)).toBe('报告逾期：投诉管理员 投诉经理 截止 2026-12-02 15:00 的月度报告尚未标记为已提交。');
      expect(JSON.stringify(toLeader[0]!.body)).not.toContain('Outbound Boss');

      expect(await runJob('2026-12-02T15:05+08:00')).toBe('already-done');
      expect(await runJob('2026-12-02T15:10+08:00')).toBe('finished');
      await settle();
      expect(dmsTo('DUM400')).toHaveLength(1);
      expect(h.fake.calls('chat.postMessage')).toHaveLength(3);
      const audit = await h.db.prisma.auditLog.findMany({ where: { entity: 'report_deadline' }, orderBy: { id: 'asc' } });
      expect(audit.map((a) => `${a.actor} ${a.action}`)).toEqual(['system report_deadline.open', 'system report_deadline.open', 'M002 report_deadline.submit', 'system report_deadline.flag_late']);
    });
  });
}
