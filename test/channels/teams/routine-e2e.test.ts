/**
 * Issue 11 routine over Teams end to end (activities posted to the real
 * server, the fake Bot Connector, both databases): the MEET-1 brief reaches a
 * team's Teams channel once as a card with Check in (once per member, members
 * only); a shift handover reaches the incoming handler's personal chat with
 * Acknowledge (theirs only). Jobs run through the scheduler's own slot path.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateCard } from '../../../src/channels/teams/cards/validate.ts';
import { ROUTINE_RENDERERS } from '../../../src/channels/slack/handlers/routine.ts';
import { fileHandover } from '../../../src/features/routine/index.ts';
import { createScheduler, jobsFor } from '../../../src/jobs/index.ts';
import { createLogger } from '../../../src/shared/logger.ts';
import { DB_KINDS, postgresReachable } from '../../support/databases.ts';
import { personalConversationId as dm, type FakeTeamsCall } from '../../support/fake-teams.ts';
import { startTeamsHarness, textOf, type TeamsHarness } from '../../support/teams-harness.ts';

const CHANNEL = '19:outbound-a@thread.tacv2';
const aad = (n: string) => `00000000-0000-0000-0000-${n.padStart(12, '0')}`;
const ORG = `center: { name: 张家界移动外呼中心, timeZone: Asia/Shanghai }
teams:
  - { id: outbound-a, name: 外呼一组, channel: "${CHANNEL}" }
  - { id: complaints, name: 投诉组 }
employees:
  - { id: E001, name: 张三, role: outbound_agent, team: outbound-a, manager: E400, hireDate: 2025-03-01, locale: zh-CN, teams: ${aad('1')} }
  - { id: E400, name: 班长, role: team_leader, team: outbound-a, hireDate: 2019-05-01, locale: zh-CN, teams: ${aad('400')} }
  - { id: H001, name: 投诉甲, role: complaint_handler, team: complaints, hireDate: 2022-01-01, locale: zh-CN, teams: ${aad('1001')} }
  - { id: H002, name: Handler Two, role: complaint_handler, team: complaints, hireDate: 2022-01-01, locale: en, teams: ${aad('1002')} }
`;
type Card = { body: Array<Record<string, unknown>>; actions?: Array<Record<string, unknown>> };
const cardOf = (call: FakeTeamsCall): Card => (call.body.attachments as Array<{ content: Card }>)[0]!.content;

for (const kind of DB_KINDS) {
  describe.skipIf(kind === 'postgres' && !postgresReachable)(`team leader's routine over Teams [${kind}]`, () => {
    let h: TeamsHarness;
    let dir: string;
    beforeAll(async () => {
      dir = mkdtempSync(path.join(tmpdir(), 'bz-routine-teams-'));
      writeFileSync(path.join(dir, 'org.yaml'), ORG);
      // Tuesday 2026-11-24, 07:30 in Shanghai: a quarter of an hour before the brief.
      h = await startTeamsHarness(kind, { clock: '2026-11-24T07:30:00+08:00', orgFile: path.join(dir, 'org.yaml') });
      // banzhang is in the team's channel (someone spoke to it there), and Handler Two has its personal chat.
      expect((await h.sayInChannel(aad('400'), CHANNEL, 'help')).status).toBe(200);
      expect((await h.say(aad('1002'), 'help')).status).toBe(200);
    });
    afterAll(async () => {
      await h?.close();
      if (dir) rmSync(dir, { recursive: true, force: true });
    });

    const press = async (n: string, verb: string, data: Record<string, unknown>) => {
      const answer = await h.invoke(aad(n), verb, data);
      expect(answer.status).toBe(200);
      return String(answer.body.value);
    };
    const sendsTo = (conversation: string, match: RegExp) => h.fake.calls('send').filter((c) => c.status < 300 && c.conversationId === conversation && match.test(textOf(c.body)));
    const runJob = async (name: string, at: string) => {
      const policy = h.app.policy;
      const scheduler = createScheduler({ prisma: h.db.prisma, policy, jobs: jobsFor(policy), clock: h.app.clock, logger: createLogger('warn'), owner: 'test:jobs-run', chat: { slack: false, teams: true } });
      return (await scheduler.runSlot(name, DateTime.fromISO(at, { setZone: true }), { trigger: 'manual' })).outcome;
    };

    it('MEET-1: `brief <note>` from the team leader on Teams is stored for today\'s brief (same use case as Slack); an empty note answers the usage', async () => {
      expect((await h.say(aad('400'), 'brief')).status).toBe(200);
      const repliesTo = (match: RegExp) => h.fake.calls('reply').filter((c) => c.status < 300 && c.conversationId === dm(aad('400')) && match.test(textOf(c.body)));
      await expect.poll(() => repliesTo(/用法/).length, { timeout: 15_000 }).toBe(1);
      expect((await h.say(aad('400'), 'brief 今天重点：问卷完整性')).status).toBe(200);
      await expect.poll(() => repliesTo(/2026-11-24/).length, { timeout: 15_000 }).toBe(1);
      expect(textOf(repliesTo(/2026-11-24/)[0]!.body)).toMatch(/2026-11-24.*1/);
    });

    it('MEET-1: the brief reaches the Teams channel once with Check in (once, members only); a handover reaches the incoming handler with Acknowledge (theirs only)', async () => {
      expect(await runJob('pre-shift-brief', '2026-11-24T07:45+08:00')).toBe('finished');
      expect(await runJob('pre-shift-brief', '2026-11-24T07:50+08:00')).toBe('finished');
      await expect.poll(() => sendsTo(CHANNEL, /班前会/).length, { timeout: 15_000 }).toBe(1);
      const card = cardOf(sendsTo(CHANNEL, /班前会/)[0]!);
      expect(validateCard(card)).toEqual([]);
      expect(textOf(card)).toContain('外呼一组 · 班前会 · 2026-11-24');
      expect(textOf(card)).toContain('今天重点：问卷完整性');
      expect(card.actions).toEqual([expect.objectContaining({ verb: 'routine.briefCheckIn', data: { teamId: 'outbound-a', date: '2026-11-24' } })]);
      const data = { teamId: 'outbound-a', date: '2026-11-24' };
      expect(await press('1', 'routine.briefCheckIn', data)).toMatch(/^已于 07:3\d 签到 2026-11-24 的班前会。$/);
      expect(await press('1', 'routine.briefCheckIn', data)).toMatch(/^你已于 07:3\d 签到，无需重复。$/);
      expect(await press('1001', 'routine.briefCheckIn', data)).toBe('只有 外呼一组 的成员可以签到该班组的班前会。');
      expect((await h.db.prisma.briefCheckIn.findMany()).map((r) => `${r.employeeId} ${r.source}`)).toEqual(['E001 teams']);

      const filed = await fileHandover(
        h.db.prisma,
        h.app.policy,
        { actorId: 'H001', ticketsReceived: '4', ticketsHandled: '3', openTickets: 'T-9 waiting', notes: null, now: h.app.clock.now(), channel: 'slack' },
        ROUTINE_RENDERERS,
      );
      expect(filed.incoming?.name).toBe('Handler Two');
      await expect.poll(() => sendsTo(dm(aad('1002')), /Shift handover/).length, { timeout: 15_000 }).toBe(1);
      const handover = cardOf(sendsTo(dm(aad('1002')), /Shift handover/)[0]!);
      expect(validateCard(handover)).toEqual([]);
      expect(handover.actions).toEqual([expect.objectContaining({ verb: 'routine.handoverAcknowledge', data: { handoverId: filed.id } })]);
      expect(await press('1001', 'routine.handoverAcknowledge', { handoverId: filed.id })).toBe('只有接班人可以确认 投诉甲 的交接班。');
      expect(await press('1002', 'routine.handoverAcknowledge', { handoverId: filed.id })).toMatch(/^Acknowledged at 2026-11-24 07:3\d: the handover from 投诉甲\.$/);
      expect((await h.db.prisma.shiftHandover.findUniqueOrThrow({ where: { id: filed.id } })).acknowledgedAt).not.toBeNull();
    });
  });
}
