/**
 * PERF-1 over Teams end to end (the scenarios of test/channels/slack/summary-e2e.test.ts):
 * `summary` answers with the form card on today; a bad Submit comes back with
 * the errors beside the fields in the user's language and stores nothing; a
 * good one is stored (source teams) and the card becomes the confirmation with
 * the PERF-2 standing; a second one the same day replaces the first (audited);
 * a role that is not ranked is refused; the reminder's button opens the form.
 * Activities posted to the real server, the fake Bot Connector, both databases.
 */
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { validateCard } from '../../../src/channels/teams/cards/validate.ts';
import { DB_KINDS, postgresReachable } from '../../support/databases.ts';
import { personalConversationId as dm, type FakeTeamsCall } from '../../support/fake-teams.ts';
import { startTeamsHarness, textOf, type TeamsHarness } from '../../support/teams-harness.ts';

const ORG = path.join(import.meta.dirname, 'fixtures/org-teams.yaml');
// Wednesday 2026-11-25, 16:00 in Shanghai.
const CLOCK = '2026-11-25T16:00:00+08:00';
const AAD = (n: string) => `00000000-0000-0000-0000-000000000${n}`;

type Card = { body: Array<Record<string, unknown>>; actions?: Array<Record<string, unknown>> };
const cardOf = (call: FakeTeamsCall | undefined): Card => (call?.body.attachments as Array<{ content: Card }>)[0]!.content;
/** The error lines of a form card, by the input they follow. */
const errorsOf = (card: Card) => {
  const out: Record<string, string> = {};
  card.body.forEach((e, i) => {
    const next = card.body[i + 1];
    if (typeof e.id === 'string' && next?.type === 'TextBlock' && next.color === 'Attention') out[e.id] = String(next.text);
  });
  return out;
};

type Figures = { date: string; made: string; connected: string; completed: string; orders: string; issues?: string };
const values = (f: Figures) => ({
  summaryDate: f.date,
  summaryCallsMade: f.made,
  summaryCallsConnected: f.connected,
  summaryQuestionnaires: f.completed,
  summaryOrders: f.orders,
  summaryCustomerIssues: f.issues ?? '',
});

for (const kind of DB_KINDS) {
  describe.skipIf(kind === 'postgres' && !postgresReachable)(`summary over Teams [${kind}]`, () => {
    let h: TeamsHarness;
    beforeAll(async () => {
      h = await startTeamsHarness(kind, { clock: CLOCK, orgFile: ORG });
    });
    afterAll(async () => h?.close());
    beforeEach(async () => {
      await h.db.prisma.$executeRawUnsafe('TRUNCATE daily_summary, outbox_message, processed_delivery RESTART IDENTITY CASCADE');
      await h.db.prisma.auditLog.deleteMany({ where: { entity: 'daily_summary' } });
      h.fake.reset();
    });

    const submit = async (aad: string, f: Figures) => {
      const answer = await h.invoke(aad, 'summary.submit', values(f));
      expect(answer.status).toBe(200);
      return answer.body;
    };

    it('PERF-1: "summary" answers with the form on today; a bad Submit gets the errors beside the fields and stores nothing; a good one is stored and confirmed with the PERF-2 standing', async () => {
      expect((await h.say(AAD('002'), 'summary')).status).toBe(200);
      const reply = (await h.fake.waitFor('reply', 1))[0]!;
      expect(reply.conversationId).toBe(dm(AAD('002')));
      const form = cardOf(reply);
      expect(validateCard(form)).toEqual([]);
      expect(form.body.filter((e) => typeof e.id === 'string').map((e) => e.id)).toEqual([
        'summaryDate',
        'summaryCallsMade',
        'summaryCallsConnected',
        'summaryQuestionnaires',
        'summaryOrders',
        'summaryCustomerIssues',
      ]); // no call type: the preset weighs none
      expect(form.body[1]!.value).toBe('2026-11-25');
      expect(form.actions![0]).toMatchObject({ type: 'Action.Execute', verb: 'summary.submit' });

      // Sunday, connected over made, completed not a number: one error per field, in English for Li Si.
      const bad = await submit(AAD('002'), { date: '2026-11-22', made: '50', connected: '60', completed: 'x', orders: '2' });
      const badCard = bad.value as Card;
      expect(validateCard(badCard)).toEqual([]);
      expect(errorsOf(badCard)).toEqual({
        summaryDate: '2026-11-22 is not one of your working days.',
        summaryCallsConnected: 'Connected (60) cannot exceed calls made (50).',
        summaryQuestionnaires: 'Enter a whole number of 0 or more (got "x").',
      });
      // What was typed comes back with the errors.
      expect(badCard.body.find((e) => e.id === 'summaryCallsMade')!.value).toBe('50');
      // completed over connected, in Chinese for 张三.
      const zh = await submit(AAD('001'), { date: '2026-11-25', made: '100', connected: '50', completed: '51', orders: '2' });
      expect(errorsOf(zh.value as Card)).toEqual({ summaryQuestionnaires: '问卷完成次数（51）不能多于接通次数（50）。' });
      expect(await h.db.prisma.dailySummary.count()).toBe(0);

      const good = await submit(AAD('002'), { date: '2026-11-24', made: '120', connected: '80', completed: '58', orders: '5', issues: '1' });
      expect(validateCard(good.value)).toEqual([]);
      expect(textOf(good.value)).toContain('Daily work summary for 2026-11-24 saved');
      expect(textOf(good.value)).toContain('58 of 60 questionnaires: 2 points.');
      const stored = await h.db.prisma.dailySummary.findMany();
      expect(stored.map((s) => `${s.employeeId} ${s.date.toISOString().slice(0, 10)} ${s.callsMade}/${s.callsConnected}/${s.questionnairesCompleted}/${s.orders}/${s.customerIssues} ${s.source} ${s.recordedBy}`)).toEqual([
        'E002 2026-11-24 120/80/58/5/1 teams E002',
      ]);
    });

    it('PERF-1: a second summary for the same day replaces the first, audited with what it replaced', async () => {
      expect(textOf((await submit(AAD('001'), { date: '2026-11-25', made: '120', connected: '80', completed: '58', orders: '5' })).value)).toContain('问卷完成 58/60：扣 2 分。');
      const second = await submit(AAD('001'), { date: '2026-11-25', made: '130', connected: '90', completed: '62', orders: '6' });
      expect(textOf(second.value)).toContain('2026-11-25 的每日工作总结已更新');
      expect(textOf(second.value)).toContain('问卷完成 62/60：已达标。');
      const rows = await h.db.prisma.dailySummary.findMany();
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ employeeId: 'E001', callsMade: 130, questionnairesCompleted: 62, customerIssues: 0, source: 'teams' });
      const audit = await h.db.prisma.auditLog.findMany({ where: { entity: 'daily_summary', entityId: 'E001:2026-11-25' }, orderBy: { id: 'asc' } });
      expect(audit.map((a) => `${a.action} ${a.actor}`)).toEqual(['summary.create E001', 'summary.replace E001']);
      expect((audit[1]!.details as { replaced: { callsMade: number; questionnairesCompleted: number } }).replaced).toMatchObject({ callsMade: 120, questionnairesCompleted: 58 });
    });

    it('PERF-1: a role that is not ranked is refused clearly, in its language; no form, and the form\'s Submit is refused too', async () => {
      await h.say(AAD('400'), 'summary');
      await h.say(AAD('100'), 'summary');
      const replies = await h.fake.waitFor('reply', 2);
      const byConversation = Object.fromEntries(replies.map((r) => [r.conversationId, r.body]));
      expect(byConversation[dm(AAD('400'))]!.text).toBe('只有参加月度排名的岗位需要填写每日工作总结；你的岗位（话务班长）不需要。');
      expect(byConversation[dm(AAD('100'))]!.text).toBe('Only the ranked roles file a daily work summary; your role (department head) does not.');
      expect(replies.every((r) => r.body.attachments === undefined)).toBe(true);
      const forced = await submit(AAD('400'), { date: '2026-11-25', made: '1', connected: '1', completed: '1', orders: '1' });
      expect(forced.value).toBe('只有参加月度排名的岗位需要填写每日工作总结；你的岗位（话务班长）不需要。');
      expect(await h.db.prisma.dailySummary.count()).toBe(0);
    });

    it('PERF-1 reminder: its button opens the form on the day it reminded of (today or earlier this month; a later day falls back to today)', async () => {
      const opened = await h.invoke(AAD('002'), 'summary.open', { date: '2026-11-24' });
      expect(opened.body.type).toBe('application/vnd.microsoft.card.adaptive');
      expect(validateCard(opened.body.value)).toEqual([]);
      expect((opened.body.value as Card).body.find((e) => e.id === 'summaryDate')!.value).toBe('2026-11-24');
      const future = await h.invoke(AAD('002'), 'summary.open', { date: '2026-11-30' });
      expect((future.body.value as Card).body.find((e) => e.id === 'summaryDate')!.value).toBe('2026-11-25');
      const notRanked = await h.invoke(AAD('400'), 'summary.open', { date: '2026-11-25' });
      expect(notRanked.body.value).toContain('只有参加月度排名的岗位');
    });
  });
}
