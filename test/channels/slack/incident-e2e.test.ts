/**
 * Incidents end to end over HTTP (INC-1..4 with their attendance links), on both
 * databases: signed Slack requests to banzhang's real server, the fake Slack Web API.
 *
 * - INC-4: filed at 10:00; `jobs run incident-escalation --at` 10:09 does
 *   nothing, 10:10 alerts the center manager, 10:11 does not alert again.
 * - Fire: the roll call lists exactly the people clocked in at that minute (not
 *   those on leave, not those clocked out, not those who came later) and the
 *   post updates as they say they are safe; only the person may answer.
 * - Outage 08:00–08:40 resolved and excused in bulk: the lateness of the agents
 *   who clocked in during it costs nothing in the lateness report; the excuse
 *   is in the audit log.
 *
 * The job runs through the real CLI on PostgreSQL; on the embedded database
 * (owned by the running server) through the scheduler's runSlot, the path
 * `jobs run` takes, on the server's own database. `report lateness` likewise.
 */
import path from 'node:path';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { slackLeaveRenderer } from '../../../src/channels/slack/blocks/leave-blocks.ts';
import { importClock } from '../../../src/features/clock/clock-import.ts';
import { latenessReport } from '../../../src/features/lateness/lateness-report.ts';
import { decideLeave, fileLeave } from '../../../src/features/leave/leave-service.ts';
import { createScheduler, jobsFor } from '../../../src/jobs/index.ts';
import { describeRun } from '../../../src/jobs/jobs-cli.ts';
import { createLogger } from '../../../src/shared/logger.ts';
import { DB_KINDS, postgresReachable, type DbKind } from '../../support/databases.ts';
import { runCli } from '../../support/process.ts';
import { startSlackHarness, type SlackHarness } from '../../support/slack-harness.ts';

const ORG = path.join(import.meta.dirname, '../../fixtures/org-leave.yaml');
// Monday 2026-06-01, 10:00 in Shanghai (summer: morning 08:00–12:00); the program's clock runs on from there.
const CLOCK = '2026-06-01T10:00:00+08:00';
const zone = 'Asia/Shanghai';

async function runJob(h: SlackHarness, kind: DbKind, name: string, at: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  if (kind === 'postgres') return runCli(['jobs', 'run', name, '--at', at], h.cliEnv);
  const policy = h.app.policy;
  const scheduler = createScheduler({ prisma: h.db.prisma, policy, jobs: jobsFor(policy), clock: h.app.clock, logger: createLogger('warn'), owner: 'test:jobs-run', chat: { slack: true, teams: false } });
  const job = scheduler.jobs.get(name)!;
  const report = describeRun(await scheduler.runSlot(name, DateTime.fromISO(at, { zone: job.timeZone }), { trigger: 'manual' }), job, 'en');
  return { code: report.failed ? 1 : 0, stdout: report.failed ? '' : report.line, stderr: report.failed ? report.line : '' };
}

/** `banzhang report lateness --month … --format json`: the real CLI on PostgreSQL; the same use case in-process on the embedded database. */
async function latenessRows(h: SlackHarness, kind: DbKind, month: string): Promise<Array<Record<string, string | number>>> {
  if (kind === 'postgres') {
    const run = await runCli(['report', 'lateness', '--month', month, '--format', 'json'], h.cliEnv);
    expect(run.code, run.stderr).toBe(0);
    return JSON.parse(run.stdout) as Array<Record<string, string | number>>;
  }
  const rows = await latenessReport({ prisma: h.db.prisma, policy: h.app.policy, clock: h.app.clock }, month);
  return rows.map((r) => ({ employee_id: r.person.id, late_minutes: r.month.lateMinutes, excused_events: r.month.excused.length, deduction_fen: r.month.totalFen }));
}

function reportValues(v: { type: string; time: string; description: string; date?: string; subject?: string; recoveryTime?: string }) {
  return {
    incident_type: { value: { type: 'static_select', selected_option: { value: v.type } } },
    incident_occurred_date: { value: { type: 'datepicker', selected_date: v.date ?? '2026-06-01' } },
    incident_occurred_time: { value: { type: 'timepicker', selected_time: v.time } },
    incident_description: { value: { type: 'plain_text_input', value: v.description } },
    incident_actions: { value: { type: 'plain_text_input', value: null } },
    incident_subject: { value: { type: 'users_select', selected_user: v.subject ?? null } },
    incident_recovery_date: { value: { type: 'datepicker', selected_date: v.recoveryTime ? '2026-06-01' : null } },
    incident_recovery_time: { value: { type: 'timepicker', selected_time: v.recoveryTime ?? null } },
  };
}

for (const kind of DB_KINDS) {
  describe.skipIf(kind === 'postgres' && !postgresReachable)(`incidents over Slack [${kind}]`, () => {
    let h: SlackHarness;
    beforeAll(async () => {
      h = await startSlackHarness(kind, { clock: CLOCK, orgFile: ORG });
    });
    afterAll(async () => h?.close());
    beforeEach(async () => {
      await h.db.prisma.$executeRawUnsafe(
        'TRUNCATE incident, incident_update, incident_roll_call, lateness_excuse, clock_event, leave_request, outbox_message, processed_delivery RESTART IDENTITY CASCADE',
      );
      await h.db.prisma.auditLog.deleteMany({});
      h.fake.reset();
    });

    // Other features' jobs may post too (the server's own scheduler runs): look at incident cards only.
    const posts = (channel: string) => h.fake.calls('chat.postMessage').filter((c) => c.body.channel === channel && JSON.stringify(c.body).includes('突发事件 #'));
    /** Waits for the first incident card posted to each channel. */
    const cardsTo = async (...channels: string[]) => {
      await expect.poll(() => channels.every((c) => posts(c).length > 0), { timeout: 15_000 }).toBe(true);
      return channels.map((c) => posts(c)[0]!);
    };
    const updates = (channel: string) => h.fake.calls('chat.update').filter((c) => c.body.channel === channel && JSON.stringify(c.body).includes('突发事件 #'));
    const updated = (...channels: string[]) => expect.poll(() => channels.every((c) => updates(c).length > 0), { timeout: 15_000 }).toBe(true);
    const ephemeralTo = (user: string) => h.fake.calls('chat.postEphemeral').filter((c) => c.body.user === user).map((c) => String(c.body.text));
    const text = (call: { body: Record<string, unknown> } | undefined) => JSON.stringify(call?.body ?? {});
    const settle = () => new Promise((r) => setTimeout(r, 1500));

    it('INC-4: filed at 10:00; jobs run incident-escalation at 10:09 does nothing, 10:10 alerts the center manager, 10:11 not again', async () => {
      // INC-1: /incident with a type word opens the form with it preset; a word that is no type answers the usage, in the user's locale.
      expect(await (await h.command('U0002', '/incident', 'flood')).text()).toBe('Use: /incident [fire|illness|terminal-outage|power-outage|network-outage|press|other]');
      expect(await (await h.command('U0001', '/incident', 'fire drill')).text()).toContain('用法：/incident [fire|');
      await h.command('U0001', '/incident', 'power-outage');
      const modal = (await h.fake.waitFor('views.open', 1))[0]!.body.view as { callback_id: string; blocks: Array<{ block_id: string; element: { initial_option?: { value: string }; initial_time?: string } }> };
      expect(modal.callback_id).toBe('incident_report');
      expect(modal.blocks.find((b) => b.block_id === 'incident_type')!.element.initial_option!.value).toBe('power-outage');
      expect(modal.blocks.find((b) => b.block_id === 'incident_occurred_time')!.element.initial_time).toBe('10:00');

      // INC-2: a report without a description is refused on its field; the full one is filed.
      const incomplete = await h.submitView('U0001', 'incident_report', reportValues({ type: 'power-outage', time: '10:00', description: '' }));
      expect(JSON.parse(await incomplete.text())).toEqual({ response_action: 'errors', errors: { incident_description: '请填写事件经过。' } });
      expect(await (await h.submitView('U0001', 'incident_report', reportValues({ type: 'power-outage', time: '10:00', description: '三楼停电，外呼终端全部断电' }))).text()).toBe('');

      // The team leader at once by DM, and the incidents channel, with the checklist and the buttons.
      const first = await cardsTo('C0INC', 'DU0400');
      await settle();
      expect(h.fake.calls('chat.postMessage').filter((c) => JSON.stringify(c.body).includes('突发事件 #')).map((c) => c.body.channel).sort()).toEqual(['C0INC', 'DU0400']);
      for (const card of first) {
        expect(text(card)).toContain('突发事件 #1：停电');
        expect(text(card)).toContain('判断是省级系统故障还是本地终端故障');
        expect(text(card)).toContain('incident_acknowledge');
      }
      const incident = await h.db.prisma.incident.findFirstOrThrow();
      expect(DateTime.fromJSDate(incident.filedAt).setZone(zone).toFormat('HH:mm')).toBe('10:00');

      const r09 = await runJob(h, kind, 'incident-escalation', '2026-06-01T10:09+08:00');
      expect(r09.code, r09.stderr).toBe(0);
      await settle();
      expect(posts('DU0500')).toHaveLength(0);
      expect((await h.db.prisma.incident.findFirstOrThrow()).escalatedAt).toBeNull();

      const r10 = await runJob(h, kind, 'incident-escalation', '2026-06-01T10:10+08:00');
      expect(r10.code, r10.stderr).toBe(0);
      const alert = await cardsTo('DU0500');
      expect(text(alert[0])).toContain('10 分钟内无人确认收到，已于 2026-06-01 10:10 通知中心经理');
      expect(text(alert[0])).toContain('incident_acknowledge');
      // The cards already out say so too, updated in place.
      await updated('C0INC', 'DU0400');
      expect(text(updates('C0INC')[0])).toContain('通知中心经理');

      const r11 = await runJob(h, kind, 'incident-escalation', '2026-06-01T10:11+08:00');
      expect(r11.code, r11.stderr).toBe(0);
      await settle();
      expect(posts('DU0500')).toHaveLength(1);
      const escalated = await h.db.prisma.incident.findFirstOrThrow();
      expect(DateTime.fromJSDate(escalated.escalatedAt!).setZone(zone).toFormat('HH:mm')).toBe('10:10');
      const audit = await h.db.prisma.auditLog.findMany({ where: { action: 'incident.escalate' } });
      expect(audit.map((a) => `${a.actor} ${a.entityId}`)).toEqual(['system 1']);

      // INC-3: the team leader acknowledges; a second click, by anyone, changes nothing and says who did.
      await h.click('U0400', 'incident_acknowledge', '1');
      await expect.poll(async () => (await h.db.prisma.incident.findFirstOrThrow()).status, { timeout: 10_000 }).toBe('acknowledged');
      await h.click('U0500', 'incident_acknowledge', '1');
      await expect.poll(() => ephemeralTo('U0500'), { timeout: 10_000 }).toEqual([expect.stringMatching(/^突发事件 #1 已由 班长 于 2026-06-01 10:0\d 确认收到。$/)]);
      // INC-3: an update for the timeline, the outage judged at the same time.
      await h.click('U0400', 'incident_update', '1');
      const form = (await h.fake.waitFor('views.open', 2))[1]!.body.view as { callback_id: string; private_metadata: string; blocks: Array<{ block_id: string }> };
      expect([form.callback_id, form.private_metadata]).toEqual(['incident_update_modal', '1']);
      expect(form.blocks.map((b) => b.block_id)).toEqual(expect.arrayContaining(['incident_classification', 'incident_note']));
      const note = {
        incident_classification: { value: { type: 'static_select', selected_option: { value: 'local-terminal' } } },
        incident_note: { value: { type: 'plain_text_input', value: '电工已到场' } },
      };
      expect(await (await h.submitView('U0400', 'incident_update_modal', note, { private_metadata: form.private_metadata })).text()).toBe('');
      await expect.poll(() => text(updates('C0INC').at(-1)), { timeout: 15_000 }).toContain('电工已到场');
      expect(text(updates('C0INC').at(-1))).toContain('判断为：本地终端故障');
      const timeline = await h.db.prisma.incidentUpdate.findMany({ orderBy: { id: 'asc' } });
      expect(timeline.map((u) => `${u.kind} ${u.actorId}`)).toEqual(['filed E001', 'escalated system', 'acknowledged E400', 'classified E400', 'note E400']);
    });

    it('Fire: the roll call lists exactly the people clocked in at that minute (not on leave, not clocked out) and updates on "I\'m safe"', async () => {
      const policy = h.app.policy;
      const punches = [
        'employee_id,timestamp,direction',
        'E001,2026-06-01 07:58,in', // on the floor
        'E002,2026-06-01 07:59,in',
        'E002,2026-06-01 09:30,out', // left before the fire
        'E003,2026-06-01 07:56,in', // clocked in, but on approved leave for the day
        'E400,2026-06-01 07:50,in', // the team leader, on the floor
        'E100,2026-06-01 08:00:30,in', // another team, on the floor
        'E500,2026-06-01 10:05,in', // came after the fire
      ];
      await importClock(h.db.prisma, punches.join('\n'), { actor: 'test', file: 'p.csv', policy });
      const leaveDeps = { prisma: h.db.prisma, policy, clock: { now: () => DateTime.fromISO('2026-05-29T09:00', { zone }) }, source: 'test', messenger: { platform: 'slack' as const, render: slackLeaveRenderer, targetOf: () => null } };
      const { request, approver } = await fileLeave(leaveDeps, { employeeId: 'E003', type: 'personal', startDate: '2026-06-01', endDate: '2026-06-01', part: 'full', reason: '家事', emergency: false, proof: 'none' });
      await decideLeave(leaveDeps, { requestId: request.id, actorId: approver.id, decision: 'approved' });

      expect(await (await h.submitView('U0001', 'incident_report', reportValues({ type: 'fire', time: '10:00', description: '茶水间冒烟' }))).text()).toBe('');
      const cards = await cardsTo('C0INC', 'DU0400');
      const post = cards[0]!;
      const leaderCard = cards[1]!;
      expect(text(post)).toContain('人员清点：3 人中 0 人已报平安');
      const blocks = post.body.blocks as Array<{ accessory?: { action_id: string; value: string } }>;
      const safeButtons = blocks.flatMap((b) => (b.accessory?.action_id === 'incident_safe' ? [b.accessory.value] : []));
      expect(safeButtons).toEqual(['1:E001', '1:E100', '1:E400']);
      const rollCall = await h.db.prisma.incidentRollCall.findMany({ orderBy: { employeeId: 'asc' } });
      expect(rollCall.map((r) => r.employeeId)).toEqual(['E001', 'E100', 'E400']);
      expect(text(post)).toContain('保持冷静');
      expect(text(post)).toContain('走楼梯，切勿乘坐电梯');
      // The team leader sees who is unaccounted for.
      expect(text(leaderCard)).toContain('未报平安：张三, 部门负责人, 班长');

      // Only the person may answer for themselves.
      await h.click('U0002', 'incident_safe', '1:E001', 'C0INC');
      await expect.poll(() => ephemeralTo('U0002'), { timeout: 10_000 }).toEqual(['Only the person named on the roll call can say they are safe.']);
      expect((await h.db.prisma.incidentRollCall.findFirstOrThrow({ where: { employeeId: 'E001' } })).safeAt).toBeNull();

      await h.click('U0001', 'incident_safe', '1:E001', 'C0INC');
      await expect.poll(() => ephemeralTo('U0001'), { timeout: 10_000 }).toEqual(['谢谢，已记录你已安全。']);
      await updated('C0INC', 'DU0400');
      const afterSafe = updates('C0INC').at(-1)!;
      expect(text(afterSafe)).toContain('人员清点：3 人中 1 人已报平安');
      expect(text(afterSafe)).toMatch(/张三 — 已安全（10:0\d）/);
      const updatedButtons = (afterSafe.body.blocks as Array<{ accessory?: { action_id: string; value: string } }>).flatMap((b) => (b.accessory?.action_id === 'incident_safe' ? [b.accessory.value] : []));
      expect(updatedButtons).toEqual(['1:E100', '1:E400']);
      expect(text(updates('DU0400').at(-1))).toContain('未报平安：部门负责人, 班长');

      // A second answer changes nothing.
      await h.click('U0001', 'incident_safe', '1:E001', 'C0INC');
      await expect.poll(() => ephemeralTo('U0001').length, { timeout: 10_000 }).toBe(2);
      expect(ephemeralTo('U0001')[1]).toMatch(/^你已于 10:0\d 报过平安。$/);
      const safe = await h.db.prisma.incidentRollCall.findMany({ where: { safeAt: { not: null } } });
      expect(safe.map((r) => r.employeeId)).toEqual(['E001']);
      const timeline = await h.db.prisma.incidentUpdate.findMany({ orderBy: { id: 'asc' } });
      expect(timeline.map((u) => `${u.kind} ${u.actorId}`)).toEqual(['filed E001', 'safe E001']);
    });

    it('Outage 08:00–08:40 resolved with the bulk excuse: the lateness of the agents who clocked in during it costs nothing; the excuse is audited', async () => {
      const policy = h.app.policy;
      const punches = ['employee_id,timestamp,direction', 'E001,2026-06-01 08:05,in', 'E002,2026-06-01 08:25,in'];
      await importClock(h.db.prisma, punches.join('\n'), { actor: 'test', file: 'p.csv', policy });
      const before = await latenessRows(h, kind, '2026-06');
      const e002 = before.find((r) => r.employee_id === 'E002')!;
      expect([e002.late_minutes, e002.deduction_fen]).toEqual([25, 2500]); // LATE-4: over the 10 free minutes, every minute 1 yuan

      expect(await (await h.submitView('U0001', 'incident_report', reportValues({ type: 'network-outage', time: '08:00', description: '外呼系统无法登录' }))).text()).toBe('');
      await cardsTo('C0INC', 'DU0400');

      // INC-3: the team leader resolves with the recovery time and the classification.
      await h.click('U0400', 'incident_resolve', '1');
      const modal = (await h.fake.waitFor('views.open', 1))[0]!.body.view as { callback_id: string; private_metadata: string; blocks: Array<{ block_id: string }> };
      expect(modal.callback_id).toBe('incident_resolve_modal');
      expect(modal.blocks.map((b) => b.block_id)).toContain('incident_classification');
      const resolveValues = (classification: string | null) => ({
        incident_recovery_date: { value: { type: 'datepicker', selected_date: '2026-06-01' } },
        incident_recovery_time: { value: { type: 'timepicker', selected_time: '08:40' } },
        incident_classification: { value: { type: 'static_select', selected_option: classification ? { value: classification } : null } },
        incident_note: { value: { type: 'plain_text_input', value: '省公司系统恢复' } },
      });
      const unjudged = await h.submitView('U0400', 'incident_resolve_modal', resolveValues(null), { private_metadata: modal.private_metadata });
      expect(JSON.parse(await unjudged.text())).toEqual({ response_action: 'errors', errors: { incident_classification: '请先判断故障：省级系统还是本地终端。' } });
      expect(await (await h.submitView('U0400', 'incident_resolve_modal', resolveValues('provincial-system'), { private_metadata: modal.private_metadata })).text()).toBe('');
      await updated('C0INC');
      const resolvedCard = text(updates('C0INC').at(-1));
      expect(resolvedCard).toContain('处理完毕');
      expect(resolvedCard).toContain('2026-06-01 08:40 (40 分钟)');
      expect(resolvedCard).toContain('省级系统故障');
      expect(resolvedCard).toContain('incident_excuse');

      // An agent may not excuse; the team leader does, once.
      await h.click('U0001', 'incident_excuse', '1', 'C0INC');
      await expect.poll(() => ephemeralTo('U0001'), { timeout: 10_000 }).toEqual(['只有话务班长或中心经理可以执行此操作。']);
      await h.click('U0400', 'incident_excuse', '1', 'C0INC');
      await expect.poll(() => ephemeralTo('U0400'), { timeout: 10_000 }).toEqual(['突发事件 #1 故障期间的迟到、早退已免责。']);
      await h.click('U0500', 'incident_excuse', '1', 'C0INC');
      await expect.poll(() => ephemeralTo('U0500'), { timeout: 10_000 }).toEqual(['突发事件 #1 的故障期间已免责。']);
      await expect.poll(() => text(updates('C0INC').at(-1)), { timeout: 15_000 }).toContain('故障期间的迟到、早退已免责');

      const after = await latenessRows(h, kind, '2026-06');
      for (const id of ['E001', 'E002']) {
        const row = after.find((r) => r.employee_id === id)!;
        expect([row.late_minutes, row.excused_events, row.deduction_fen], id).toEqual([0, 1, 0]);
      }
      const excuses = await h.db.prisma.latenessExcuse.findMany();
      expect(excuses).toHaveLength(1);
      expect(excuses[0]).toMatchObject({ employeeId: null, incidentId: '1', excusedById: 'E400', reason: '突发事件 #1（网络故障）2026-06-01 08:00–08:40' });
      const audit = await h.db.prisma.auditLog.findMany({ where: { action: 'lateness.excuse' } });
      expect(audit).toHaveLength(1);
      expect(audit[0]!.actor).toBe('E400');
      expect(audit[0]!.details).toMatchObject({ incidentId: '1', from: '2026-06-01T08:00:00.000+08:00', to: '2026-06-01T08:40:00.000+08:00' });
      const timeline = await h.db.prisma.incidentUpdate.findMany({ orderBy: { id: 'asc' } });
      expect(timeline.map((u) => `${u.kind} ${u.actorId}`)).toEqual(['filed E001', 'classified E400', 'resolved E400', 'excused E400']);

      // The monthly record: `banzhang report incidents --month` (the real CLI on PostgreSQL).
      if (kind === 'postgres') {
        const run = await runCli(['report', 'incidents', '--month', '2026-06', '--format', 'csv'], h.cliEnv);
        expect(run.code, run.stderr).toBe(0);
        const [header, row] = run.stdout.trim().split('\n');
        expect(header).toMatch(/^id,type,status,occurred_at,filed_at,recorder,subject,acknowledged_by,acknowledged_at,escalated_at,classification,recovery_at,duration_minutes,resolved_by,resolved_at,/);
        expect(row).toMatch(/^1,network-outage,resolved,2026-06-01 08:00,2026-06-01 10:0\d,张三,,班长,2026-06-01 10:0\d,,provincial-system,2026-06-01 08:40,40,班长,/);
      }
    });
  });
}
