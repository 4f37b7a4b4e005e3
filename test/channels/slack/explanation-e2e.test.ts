/** LATE-5 over Slack end to end: 35 minutes late → explanation asked → approver rejects → absenteeism in the report. */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { latenessReport } from '../../../src/features/lateness/lateness-report.ts';
import { loadPolicy } from '../../../src/policy/config/load.ts';
import { DB_KINDS, postgresReachable } from '../../support/databases.ts';
import { startSlackHarness, type SlackHarness } from '../../support/slack-harness.ts';

const ORG = path.join(import.meta.dirname, '../../fixtures/org-leave.yaml');
const loaded = await loadPolicy('outbound-basic');
if (!loaded.ok) throw new Error('preset');

for (const kind of DB_KINDS) {
  describe.skipIf(kind === 'postgres' && !postgresReachable)(`LATE-5 explanation over Slack [${kind}]`, () => {
    let h: SlackHarness;
    beforeAll(async () => {
      h = await startSlackHarness(kind, { clock: '2026-11-23T08:35:00+08:00', orgFile: ORG });
    });
    afterAll(async () => h?.close());

    it('LATE-5: a 35-minute-late clock-in asks for an explanation; the approver rejects it; the report shows absenteeism', async () => {
      const answer = await (await h.command('U0002', '/clock', 'in')).text();
      expect(answer).toContain('35 minute(s) late');
      expect(answer).toContain('you will be asked for an explanation');
      const ask = (await h.fake.waitFor('chat.postMessage', 1))[0]!;
      expect(ask.body.channel).toBe('DU0002');
      expect(JSON.stringify(ask.body)).toContain('35 minute(s) late for the morning segment on 2026-11-23');
      const explanation = await h.db.prisma.latenessExplanation.findFirstOrThrow({ where: { employeeId: 'E002' } });
      expect(explanation).toMatchObject({ status: 'requested', approverId: 'E100', minutes: 35, kind: 'late', segment: 'morning' });

      await h.click('U0002', 'lateness_explain', String(explanation.id));
      const modal = (await h.fake.waitFor('views.open', 1))[0]!.body.view as { callback_id: string; private_metadata: string };
      expect(modal.callback_id).toBe('lateness_explanation');
      const submitted = await h.submitView('U0002', 'lateness_explanation', { explanation_text: { value: { type: 'plain_text_input', value: 'the bus broke down' } } }, { private_metadata: modal.private_metadata });
      expect(await submitted.text()).toBe('');
      const card = (await h.fake.waitFor('chat.postMessage', 2))[1]!;
      expect(card.body.channel).toBe('DU0100');
      expect(JSON.stringify(card.body)).toContain('Explanation: the bus broke down');

      // Only the routed approver decides; then once.
      await h.click('U0001', 'explanation_reject', String(explanation.id));
      expect(String((await h.fake.waitFor('chat.postEphemeral', 1))[0]!.body.text)).toContain('只有指定的审批人');
      await h.click('U0100', 'explanation_reject', String(explanation.id));
      await h.fake.waitFor('chat.update', 1);
      expect(JSON.stringify(h.fake.calls('chat.update')[0]!.body)).toContain('Rejected by 部门负责人');
      await h.click('U0100', 'explanation_accept', String(explanation.id));
      expect(String((await h.fake.waitFor('chat.postEphemeral', 2))[1]!.body.text)).toContain('already decided by 部门负责人');
      const told = (await h.fake.waitFor('chat.postMessage', 3))[2]!;
      expect(told.body.channel).toBe('DU0002');
      expect(JSON.stringify(told.body)).toContain('counts as absence without leave');

      const report = await latenessReport({ prisma: h.db.prisma, policy: loaded.policy, clock: h.app.clock }, '2026-11');
      const e002 = report.find((r) => r.person.id === 'E002')!;
      // (The earlier days of November have no clock events at all: LATE-6 absent days.)
      expect(e002.month.absenteeismDates).toContain('2026-11-23');
      expect(e002.month.absentDays).not.toContain('2026-11-23');
      expect(e002.month.lateMinutes).toBe(0);
      // LATE-5: one day's base pay, 1200 yuan / 21.75 = 55.17 yuan, instead of 35 minutes.
      expect(e002.month.lines.filter((l) => l.ruleId === 'LATE-5').map((l) => `${l.date} ${l.amountFen}`)).toEqual(['2026-11-23 5517']);
    });
  });
}
