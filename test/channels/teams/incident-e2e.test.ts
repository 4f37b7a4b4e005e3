/**
 * Incidents on Teams end to end over HTTP (INC-1..4), on both databases:
 * activities posted to banzhang's real server as Teams posts them, the fake Bot
 * Connector. The scenarios of test/channels/slack/incident-e2e.test.ts on Teams:
 *
 * - An outage filed from the form card (a refused form comes back with the
 *   problem), the team leader's card and the incidents channel's post; an agent
 *   may not acknowledge; INC-4 alerts the center manager on Teams with a card
 *   kept and updated; the leader acknowledges, updates, cannot resolve without
 *   judging the outage, resolves; every card is updated in place.
 * - Fire: the roll call's I'm safe buttons in the channel, only the person's own.
 * - Illness: the one-click sick leave for the person taken ill.
 */
import path from 'node:path';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { validateCard } from '../../../src/channels/teams/cards/validate.ts';
import { importClock } from '../../../src/features/clock/clock-import.ts';
import { createScheduler, jobsFor } from '../../../src/jobs/index.ts';
import { createLogger } from '../../../src/shared/logger.ts';
import { DB_KINDS, postgresReachable } from '../../support/databases.ts';
import { personalConversationId as dm, type FakeTeamsCall } from '../../support/fake-teams.ts';
import { startTeamsHarness, textOf, type TeamsHarness } from '../../support/teams-harness.ts';

const ORG = path.join(import.meta.dirname, 'fixtures/org-teams-incidents.yaml');
// Monday 2026-06-01, 10:00 in Shanghai (summer: morning 08:00–12:00); the program's clock runs on from there.
const CLOCK = '2026-06-01T10:00:00+08:00';
const INCIDENTS = '19:incidents@thread.tacv2';
const aad = (n: string) => `00000000-0000-0000-0000-000000000${n.padStart(3, '0')}`;

type Card = { body: Array<Record<string, unknown>>; actions?: Array<Record<string, unknown>> };
const cardOf = (call: FakeTeamsCall | undefined): Card => (call?.body.attachments as Array<{ content: Card }>)[0]!.content;
/** Every Action.Execute of a card (its actions and those of its ActionSets), as `verb data`. */
const buttonsOf = (card: unknown): string[] => {
  const out: string[] = [];
  const walk = (v: unknown) => {
    if (Array.isArray(v)) return v.forEach(walk);
    if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      // The data's keys in a fixed order (a stored card's JSON may come back with its keys reordered).
      if (o.type === 'Action.Execute') out.push(`${String(o.verb)} ${JSON.stringify(Object.fromEntries(Object.entries(o.data as object).sort(([a], [b]) => b.localeCompare(a))))}`);
      Object.values(o).forEach(walk);
    }
  };
  walk(card);
  return out;
};

const report = (v: { type: string; time: string; description: string; subject?: string }) => ({
  form: 'incident',
  incidentType: v.type,
  incidentOccurredDate: '2026-06-01',
  incidentOccurredTime: v.time,
  incidentDescription: v.description,
  incidentActions: '',
  incidentSubject: v.subject ?? '',
  incidentRecoveryDate: '',
  incidentRecoveryTime: '',
});

for (const kind of DB_KINDS) {
  describe.skipIf(kind === 'postgres' && !postgresReachable)(`incidents over Teams [${kind}]`, () => {
    let h: TeamsHarness;
    beforeAll(async () => {
      h = await startTeamsHarness(kind, { clock: CLOCK, orgFile: ORG });
    });
    afterAll(async () => h?.close());
    beforeEach(async () => {
      await h.db.prisma.$executeRawUnsafe(
        'TRUNCATE incident, incident_update, incident_roll_call, lateness_excuse, lateness_explanation, clock_event, leave_request, outbox_message, processed_delivery, conversation_reference RESTART IDENTITY CASCADE',
      );
      await h.db.prisma.auditLog.deleteMany({});
      h.fake.reset();
      // banzhang is in the incidents channel's team (someone @mentioned it there once).
      expect((await h.sayInChannel(aad('400'), INCIDENTS, 'help')).status).toBe(200);
    });

    const incidentSends = (conversation: string) => h.fake.calls('send').filter((c) => c.status < 300 && c.conversationId === conversation && textOf(c.body).includes('突发事件 #'));
    const sentTo = async (...conversations: string[]) => {
      await expect.poll(() => conversations.every((c) => incidentSends(c).length > 0), { timeout: 15_000 }).toBe(true);
      return conversations.map((c) => incidentSends(c)[0]!);
    };
    const updatesOf = (conversation: string) => h.fake.calls('update').filter((c) => c.status < 300 && c.conversationId === conversation);
    const lastUpdate = (conversation: string, match: string) =>
      expect.poll(() => textOf(updatesOf(conversation).at(-1)?.body), { timeout: 15_000 }).toContain(match);
    const settle = () => new Promise((r) => setTimeout(r, 1200));
    const runEscalation = async (at: string) => {
      const policy = h.app.policy;
      const scheduler = createScheduler({ prisma: h.db.prisma, policy, jobs: jobsFor(policy), clock: h.app.clock, logger: createLogger('warn'), owner: 'test:jobs-run', chat: { slack: false, teams: true } });
      return (await scheduler.runSlot('incident-escalation', DateTime.fromISO(at, { setZone: true }), { trigger: 'manual' })).outcome;
    };

    it('INC-1..4: an outage filed from the form card reaches the team leader and the incidents channel; an agent may not acknowledge; INC-4 escalates on Teams; acknowledged, updated, resolved only once judged (INC-3), every card updated in place', async () => {
      // INC-1: a word that is no type answers the usage; a type presets the form, the time now.
      const replies = (who: string) => h.fake.calls('reply').filter((c) => c.conversationId === dm(who));
      await h.say(aad('2'), 'incident flood');
      await expect.poll(() => textOf(replies(aad('2')).at(-1)?.body), { timeout: 10_000 }).toContain('Use: incident [fire|illness|terminal-outage|power-outage|network-outage|press|other]');
      await h.say(aad('1'), 'incident power-outage');
      await expect.poll(() => replies(aad('1')).length, { timeout: 10_000 }).toBe(1);
      const formCard = cardOf(replies(aad('1'))[0]);
      expect(validateCard(formCard)).toEqual([]);
      expect(formCard.body.find((e) => e.id === 'incidentType')!.value).toBe('power-outage');
      expect(formCard.body.find((e) => e.id === 'incidentOccurredTime')!.value).toBe('10:00');
      expect(formCard.actions![0]).toMatchObject({ type: 'Action.Execute', verb: 'incident.submit' });

      // INC-2: without a description the form comes back with the problem, nothing stored; the full one is filed.
      const refused = await h.invoke(aad('1'), 'incident.submit', report({ type: 'power-outage', time: '10:00', description: '' }));
      expect(textOf(refused.body.value)).toContain('请填写事件经过。');
      expect(textOf(refused.body.value)).toContain('incident.submit');
      expect(await h.db.prisma.incident.count()).toBe(0);
      const filed = await h.invoke(aad('1'), 'incident.submit', report({ type: 'power-outage', time: '10:00', description: '三楼停电，外呼终端全部断电' }));
      expect(textOf(filed.body.value)).toContain('突发事件 #1 已提交，已通知话务班长。');

      const [post, leaderCard] = await sentTo(INCIDENTS, dm(aad('400')));
      for (const card of [cardOf(post), cardOf(leaderCard)]) {
        expect(validateCard(card)).toEqual([]);
        expect(textOf(card)).toContain('突发事件 #1：停电');
        expect(textOf(card)).toContain('判断是省级系统故障还是本地终端故障');
        expect(buttonsOf(card)).toEqual(['incident.acknowledge {"incidentId":1}', 'incident.updateForm {"incidentId":1}', 'incident.resolveForm {"incidentId":1}']);
      }
      const stored = await h.db.prisma.incident.findFirstOrThrow();
      expect(stored.channel).toBe('teams');
      expect((stored.cards as Array<{ key: string; platform: string }>).map((c) => `${c.platform} ${c.key}`)).toEqual(['teams incident:1:post:teams', 'teams incident:1:dm:E400:teams']);

      // INC-3: an agent may not acknowledge; nothing changes.
      const intruder = await h.invoke(aad('1'), 'incident.acknowledge', { incidentId: 1 });
      expect(intruder.body.value).toBe('只有话务班长或中心经理可以执行此操作。');
      expect((await h.db.prisma.incident.findFirstOrThrow()).status).toBe('open');

      // INC-4: 10:09 nothing; 10:10 the center manager gets the card (kept, with the buttons) on Teams, the cards out say so.
      expect(await runEscalation('2026-06-01T10:09+08:00')).toBe('finished');
      await settle();
      expect(incidentSends(dm(aad('500')))).toHaveLength(0);
      expect(await runEscalation('2026-06-01T10:10+08:00')).toBe('finished');
      const [alert] = await sentTo(dm(aad('500')));
      expect(textOf(alert!.body)).toContain('10 分钟内无人确认收到，已于 2026-06-01 10:10 通知中心经理');
      expect(buttonsOf(cardOf(alert))).toContain('incident.acknowledge {"incidentId":1}');
      await lastUpdate(INCIDENTS, '通知中心经理');
      await lastUpdate(dm(aad('400')), '通知中心经理');
      expect(await runEscalation('2026-06-01T10:11+08:00')).toBe('finished');
      await settle();
      expect(incidentSends(dm(aad('500')))).toHaveLength(1);

      // INC-3: the team leader acknowledges from their card: their card at once, every card updated; a second click says who did.
      const acked = await h.invoke(aad('400'), 'incident.acknowledge', { incidentId: 1 }, leaderCard!.response.id as string);
      expect(textOf(acked.body.value)).toMatch(/已由 班长 于 2026-06-01 10:\d\d 确认收到|班长/);
      expect(buttonsOf(acked.body.value)).not.toContain('incident.acknowledge {"incidentId":1}');
      await lastUpdate(dm(aad('500')), '班长');
      const again = await h.invoke(aad('500'), 'incident.acknowledge', { incidentId: 1 });
      expect(String(again.body.value)).toMatch(/^突发事件 #1 已由 班长 于 2026-06-01 10:\d\d 确认收到。$/);

      // INC-3: Update opens the form for the clicker; a note goes on the timeline.
      const updateForm = await h.invoke(aad('400'), 'incident.updateForm', { incidentId: 1 });
      expect(validateCard(updateForm.body.value)).toEqual([]);
      expect(textOf(updateForm.body.value)).toContain('incidentClassification');
      const noted = await h.invoke(aad('400'), 'incident.update', { incidentId: 1, incidentNote: '电工已到场', incidentClassification: '' });
      expect(textOf(noted.body.value)).toContain('电工已到场');
      await lastUpdate(INCIDENTS, '电工已到场');

      // INC-3: an outage is not resolved before it is judged: the form comes back with the problem.
      const resolveForm = await h.invoke(aad('400'), 'incident.resolveForm', { incidentId: 1 });
      expect(validateCard(resolveForm.body.value)).toEqual([]);
      const unjudged = await h.invoke(aad('400'), 'incident.resolve', { incidentId: 1, incidentRecoveryDate: '2026-06-01', incidentRecoveryTime: '10:00', incidentClassification: '', incidentNote: '' });
      expect(textOf(unjudged.body.value)).toContain('请先判断故障：省级系统还是本地终端。');
      expect((await h.db.prisma.incident.findFirstOrThrow()).status).toBe('acknowledged');
      const resolved = await h.invoke(aad('400'), 'incident.resolve', { incidentId: 1, incidentRecoveryDate: '2026-06-01', incidentRecoveryTime: '10:00', incidentClassification: 'local-terminal', incidentNote: '已恢复供电' });
      expect(textOf(resolved.body.value)).toContain('本地终端故障');
      expect(buttonsOf(resolved.body.value)).toEqual(['incident.excuse {"incidentId":1}']);
      await lastUpdate(INCIDENTS, '已恢复供电');
      const done = await h.db.prisma.incident.findFirstOrThrow();
      expect([done.status, done.classification, done.resolvedById]).toEqual(['resolved', 'local-terminal', 'E400']);
      expect(DateTime.fromJSDate(done.recoveryAt!).setZone('Asia/Shanghai').toFormat('HH:mm')).toBe('10:00');

      // LATE-7 through INC-3: the outage window excused in bulk, once.
      const excused = await h.invoke(aad('400'), 'incident.excuse', { incidentId: 1 });
      expect(excused.body.value).toBe('突发事件 #1 故障期间的迟到、早退已免责。');
      expect(await h.db.prisma.latenessExcuse.count()).toBe(1);

      const timeline = await h.db.prisma.incidentUpdate.findMany({ orderBy: { id: 'asc' } });
      expect(timeline.map((u) => `${u.kind} ${u.actorId}`)).toEqual(['filed E001', 'escalated system', 'acknowledged E400', 'note E400', 'classified E400', 'resolved E400', 'excused E400']);
      const audit = await h.db.prisma.auditLog.findMany({ where: { entity: 'incident' }, orderBy: { id: 'asc' } });
      expect(audit.map((a) => `${a.actor} ${a.action}`)).toEqual([
        'E001 incident.file',
        'system incident.escalate',
        'E400 incident.acknowledge',
        'E400 incident.note',
        'E400 incident.resolve',
        'E400 incident.excuse',
      ]);
    });

    it('INC-2 fire: the roll call in the channel has an I\'m safe button per person clocked in; only the person may answer, once; the cards update', async () => {
      const punches = ['employee_id,timestamp,direction', 'E001,2026-06-01 07:58,in', 'E002,2026-06-01 07:59,in', 'E002,2026-06-01 09:30,out', 'E400,2026-06-01 07:50,in', 'E500,2026-06-01 10:05,in'];
      await importClock(h.db.prisma, punches.join('\n'), { actor: 'test', file: 'p.csv', policy: h.app.policy });
      await h.invoke(aad('1'), 'incident.submit', report({ type: 'fire', time: '10:00', description: '茶水间冒烟' }));
      const [post, leaderCard] = await sentTo(INCIDENTS, dm(aad('400')));
      expect(textOf(post!.body)).toContain('人员清点：2 人中 0 人已报平安');
      expect(buttonsOf(cardOf(post)).filter((b) => b.startsWith('incident.safe'))).toEqual(['incident.safe {"incidentId":1,"employeeId":"E001"}', 'incident.safe {"incidentId":1,"employeeId":"E400"}']);
      expect(buttonsOf(cardOf(leaderCard)).filter((b) => b.startsWith('incident.safe'))).toEqual([]);
      expect(textOf(leaderCard!.body)).toContain('未报平安：张三, 班长');

      // Only the person named may answer.
      const intruder = await h.invokeInChannel(aad('2'), INCIDENTS, 'incident.safe', { incidentId: 1, employeeId: 'E001' }, post!.response.id as string);
      expect(intruder.body.value).toBe('Only the person named on the roll call can say they are safe.');
      expect((await h.db.prisma.incidentRollCall.findFirstOrThrow({ where: { employeeId: 'E001' } })).safeAt).toBeNull();

      const safe = await h.invokeInChannel(aad('1'), INCIDENTS, 'incident.safe', { incidentId: 1, employeeId: 'E001' }, post!.response.id as string);
      expect(textOf(safe.body.value)).toContain('人员清点：2 人中 1 人已报平安');
      expect(buttonsOf(safe.body.value).filter((b) => b.startsWith('incident.safe'))).toEqual(['incident.safe {"incidentId":1,"employeeId":"E400"}']);
      await lastUpdate(dm(aad('400')), '未报平安：班长');
      const twice = await h.invokeInChannel(aad('1'), INCIDENTS, 'incident.safe', { incidentId: 1, employeeId: 'E001' });
      expect(String(twice.body.value)).toMatch(/^你已于 10:\d\d 报过平安。$/);
      const rollCall = await h.db.prisma.incidentRollCall.findMany({ orderBy: { employeeId: 'asc' } });
      expect(rollCall.map((r) => `${r.employeeId} ${r.safeAt ? 'safe' : '?'}`)).toEqual(['E001 safe', 'E400 ?']);
    });

    it('INC-2 illness: the team leader files the sick leave of the person taken ill with one click (LEAVE-3 proof to follow), once', async () => {
      await h.invoke(aad('1'), 'incident.submit', report({ type: 'illness', time: '09:50', description: 'Li Si 晕倒', subject: 'E002' }));
      const [leaderCard] = await sentTo(dm(aad('400')));
      expect(buttonsOf(cardOf(leaderCard))).toContain('incident.sickLeave {"incidentId":1}');
      const agent = await h.invoke(aad('3'), 'incident.sickLeave', { incidentId: 1 });
      expect(agent.body.value).toBe('只有话务班长或中心经理可以执行此操作。');
      const filed = await h.invoke(aad('400'), 'incident.sickLeave', { incidentId: 1 });
      expect(String(filed.body.value)).toMatch(/^已由突发事件 #1 办理病假 #1/);
      const leave = await h.db.prisma.leaveRequest.findUniqueOrThrow({ where: { id: 1 } });
      expect([leave.employeeId, leave.type, leave.proof, leave.source]).toEqual(['E002', 'sick', 'follows', 'teams']);
      await lastUpdate(dm(aad('400')), '病假 #1');
      const twice = await h.invoke(aad('400'), 'incident.sickLeave', { incidentId: 1 });
      expect(String(twice.body.value)).toContain('突发事件 #1');
      expect(await h.db.prisma.leaveRequest.count()).toBe(1);
    });
  });
}
