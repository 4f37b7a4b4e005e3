/**
 * PAY-8 over Teams end to end (the scenario of test/channels/slack/pay-e2e.test.ts
 * on the same org, its identities on Teams): November's punches and summaries,
 * a sick day approved by the routed approver on Teams, the month-end statements
 * reaching each Teams user once as a card in their locale, and `pay [YYYY-MM]`
 * answering one's own statement only; typed in a channel, it goes to the
 * personal chat (Teams has no ephemeral answer). Both databases.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateCard } from '../../../src/channels/teams/cards/validate.ts';
import { teamsLeaveRenderer } from '../../../src/channels/teams/cards/leave-cards.ts';
import { importClock } from '../../../src/features/clock/clock-import.ts';
import { fileLeave } from '../../../src/features/leave/leave-service.ts';
import { PAY_COLUMNS, payReport } from '../../../src/features/pay/pay-report.ts';
import { importSummaries } from '../../../src/features/performance/summary-import.ts';
import { createScheduler, jobsFor } from '../../../src/jobs/index.ts';
import { createLogger } from '../../../src/shared/logger.ts';
import { formatReport } from '../../../src/shared/report-format.ts';
import { DB_KINDS, postgresReachable } from '../../support/databases.ts';
import { personalConversationId as dm, type FakeTeamsCall } from '../../support/fake-teams.ts';
import { PAY_SUMMARIES, PAY_ZONE, punchCsv } from '../../support/pay-floor.ts';
import { aadOf, writeTeamsOrg } from '../../support/teams-org.ts';
import { startTeamsHarness, textOf, type TeamsHarness } from '../../support/teams-harness.ts';

const zone = PAY_ZONE;
// Tuesday 2026-12-01 08:00 in Shanghai, before the 09:00 slot of the statements.
const CLOCK = '2026-12-01T08:00:00+08:00';
const SUMMARIES = PAY_SUMMARIES;
const CHANNEL = '19:c0outa@thread.tacv2';

type Card = { body: Array<Record<string, unknown>> };
const cardOf = (call: FakeTeamsCall): Card => (call.body.attachments as Array<{ content: Card }>)[0]!.content;

for (const kind of DB_KINDS) {
  describe.skipIf(kind === 'postgres' && !postgresReachable)(`pay statements over Teams [${kind}]`, () => {
    let h: TeamsHarness;
    const dir = mkdtempSync(path.join(tmpdir(), 'bz-teams-pay-'));
    beforeAll(async () => {
      writeTeamsOrg(path.join(import.meta.dirname, '../../fixtures/pay-org.yaml'), path.join(dir, 'pay-org.yaml'));
      h = await startTeamsHarness(kind, { clock: CLOCK, orgFile: path.join(dir, 'pay-org.yaml') });
    });
    afterAll(async () => {
      await h?.close();
      rmSync(dir, { recursive: true, force: true });
    });

    const statements = () => h.fake.calls('send').filter((c) => c.status < 300 && /Pay statement|薪资明细/.test(textOf(c.body)));
    const say = async (id: string, text: string) => {
      const inChat = (c: FakeTeamsCall) => c.conversationId === dm(aadOf(id));
      const before = h.fake.calls('reply').filter(inChat).length;
      expect((await h.say(aadOf(id), text)).status).toBe(200);
      return (await h.fake.waitFor('reply', before + 1, { where: inChat }))[before]!;
    };

    it('PAY-8: month-end statements reach each Teams user once, in their locale; `pay` shows only one’s own; in a channel it goes to the personal chat', async () => {
      const prisma = h.db.prisma;
      const { policy, clock } = h.app;
      await importClock(prisma, punchCsv(), { actor: 'cli', file: 'punches.csv', policy });
      await importSummaries(prisma, SUMMARIES, { actor: 'cli', file: 'summaries.csv' });
      // The sick day (proof attached), approved on Teams by the routed approver (agent → dept head).
      const leaveDeps = { prisma, policy, clock: { now: () => DateTime.fromISO('2026-11-09T18:00', { zone }) }, source: 'test', messenger: { platform: 'teams' as const, render: teamsLeaveRenderer, targetOf: () => null } };
      const { request } = await fileLeave(leaveDeps, { employeeId: 'P001', type: 'sick', startDate: '2026-11-10', endDate: '2026-11-10', part: 'full', emergency: false, proof: 'attached' });
      expect(request.approverId).toBe('P100');
      expect((await h.invoke(aadOf('P100'), 'leave.approve', { requestId: request.id })).status).toBe(200);
      expect((await prisma.leaveRequest.findUniqueOrThrow({ where: { id: request.id } })).status).toBe('approved');
      const report = JSON.parse(formatReport(await payReport({ prisma, policy, clock }, '2026-11'), PAY_COLUMNS, 'json')) as Array<Record<string, string | number>>;
      const p1 = report.find((r) => r.employee_id === 'P001')!;
      expect(p1.net_effect_fen).toBe(120000 + 10000 + 20000 + 5000 + 5000 - 1200 - 552); // the hand computation of the Slack test

      // Installed for P001 (the tenant is known): banzhang can open chats with the others.
      await h.install(aadOf('P001'));
      const scheduler = createScheduler({ prisma, policy, jobs: jobsFor(policy), clock, logger: createLogger('warn'), owner: 'test:in-process', chat: { slack: false, teams: true } });
      const run = async (at: string) => (await scheduler.runSlot('month-end-pay-statements', DateTime.fromISO(at, { zone }), { trigger: 'manual' })).outcome;
      expect(await run('2026-12-01T09:00+08:00')).toBe('finished');
      await expect.poll(() => statements().length, { timeout: 20_000 }).toBe(3);
      expect(statements().map((c) => c.conversationId).sort()).toEqual(['P001', 'P002', 'P100'].map((id) => dm(aadOf(id))).sort());
      const cardTo = (id: string) => cardOf(statements().find((c) => c.conversationId === dm(aadOf(id)))!);
      const zhang = cardTo('P001');
      expect(validateCard(zhang)).toEqual([]);
      expect(zhang.body[0]!.text).toBe('2026-11 薪资明细 — 张三');
      for (const line of ['¥1200.00 — 底薪：已达保底量（成单 450 ≥ 400）', '¥200.00 — 工龄奖', '¥50.00 — 当月提成冠军奖', `-¥5.52 — 假条 #${request.id} 病假 2026-11-10，全天：日底薪 ¥55.17 的 10%`, '收入 ¥1600.00 · 扣款 ¥17.52 · 合计 ¥1582.48']) {
        expect(textOf(zhang)).toContain(line);
      }
      expect(textOf(zhang)).not.toContain('Li Si');
      const li = cardTo('P002');
      expect(li.body[0]!.text).toBe('Pay statement 2026-11 — Li Si');
      expect(textOf(li)).toContain('¥20.00 — commission: 20 orders above the quota × ¥1.00');
      expect(textOf(li)).not.toContain('张三');
      expect(textOf(cardTo('P100'))).toContain('¥3000.00 — base pay');
      expect(await run('2026-12-01T09:00+08:00')).toBe('already-done');
      expect(await run('2026-12-01T09:01+08:00')).toBe('finished');
      await new Promise((r) => setTimeout(r, 1500));
      expect(statements()).toHaveLength(3);

      // `pay`: one's own statement only, as a card in the personal chat.
      const own = cardOf(await say('P002', 'pay 2026-11'));
      expect(validateCard(own)).toEqual([]);
      expect(own.body[0]!.text).toBe('Pay statement 2026-11 — Li Si');
      expect(textOf(own)).not.toContain('张三');
      const soFar = cardOf(await say('P001', 'pay'));
      expect(soFar.body[0]!.text).toBe('2026-12 薪资明细 — 张三');
      expect(textOf(soFar)).toContain('当月截至 2026-12-01 的数据，并非最终结果');
      for (const [text, answer] of [
        ['pay P001', 'Use /banzhang pay for this month so far, or /banzhang pay YYYY-MM.'],
        ['pay 2026-11 P001', 'Use /banzhang pay for this month so far, or /banzhang pay YYYY-MM.'],
        ['pay 2027-01', '2027-01 has not started yet.'],
        ['pay 2026-07', 'There is no statement of 2026-07 for you (not employed in that month).'],
      ] as const) {
        expect((await say('P002', text)).body.text, text).toBe(answer);
      }

      // In a channel: nothing of it there; the card goes to the personal chat.
      const sent = statements().length;
      expect((await h.sayInChannel(aadOf('P002'), CHANNEL, 'pay 2026-11')).status).toBe(200);
      const inChannel = (await h.fake.waitFor('reply', 1, { where: (c) => c.conversationId?.startsWith(CHANNEL) ?? false }))[0]!;
      expect(inChannel.body.text).toBe('Sent to your personal chat with banzhang (a channel is not the place for it).');
      expect(textOf(inChannel.body)).not.toContain('¥');
      await expect.poll(() => statements().length, { timeout: 15_000 }).toBe(sent + 1);
      const privately = statements().at(-1)!;
      expect(privately.conversationId).toBe(dm(aadOf('P002')));
      expect(cardOf(privately).body[0]!.text).toBe('Pay statement 2026-11 — Li Si');
    });
  });
}
