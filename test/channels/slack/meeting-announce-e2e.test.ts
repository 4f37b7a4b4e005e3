/**
 * MEET-1 ad-hoc meetings end to end over HTTP: `/banzhang meeting` and its
 * modal, the invitations' Attend / Request leave, the `meeting-reminders` job
 * through the scheduler's slot path, the host's attendance; signed Slack
 * requests, the fake Slack Web API, the embedded database and PostgreSQL.
 */
import path from 'node:path';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScheduler, jobsFor, type Scheduler } from '../../../src/jobs/index.ts';
import { createLogger } from '../../../src/shared/logger.ts';
import { DB_KINDS, postgresReachable } from '../../support/databases.ts';
import { startSlackHarness, type SlackHarness } from '../../support/slack-harness.ts';

const ORG = path.join(import.meta.dirname, '../../fixtures/matrix-org.yaml');
// Monday 2026-11-23, 10:00 in Shanghai.
const CLOCK = '2026-11-23T10:00:00+08:00';

type Call = { method: string; body: Record<string, unknown> };
const json = (call: Call | undefined) => JSON.stringify(call?.body ?? {});

function meetingValues(v: { topic: string; date: string; time: string; place: string; attendees: string[]; host: string }) {
  return {
    meeting_topic: { value: { type: 'plain_text_input', value: v.topic } },
    meeting_date: { value: { type: 'datepicker', selected_date: v.date } },
    meeting_time: { value: { type: 'timepicker', selected_time: v.time } },
    meeting_place: { value: { type: 'plain_text_input', value: v.place } },
    meeting_attendees: { value: { type: 'multi_users_select', selected_users: v.attendees } },
    meeting_host: { value: { type: 'users_select', selected_user: v.host } },
  };
}

for (const kind of DB_KINDS) {
  describe.skipIf(kind === 'postgres' && !postgresReachable)(`MEET-1 ad-hoc meetings over Slack [${kind}]`, () => {
    let h: SlackHarness;
    let scheduler: Scheduler;
    beforeAll(async () => {
      h = await startSlackHarness(kind, { clock: CLOCK, orgFile: ORG });
      scheduler = createScheduler({ prisma: h.db.prisma, policy: h.app.policy, jobs: jobsFor(h.app.policy), clock: h.app.clock, logger: createLogger('warn'), owner: 'test' });
    });
    afterAll(async () => h?.close());

    const dmsTo = (channel: string) => h.fake.calls('chat.postMessage').filter((c) => c.body.channel === channel);
    const waitForDm = async (channel: string, match: (text: string) => boolean): Promise<string> =>
      json((await h.fake.waitFor('chat.postMessage', 1, 15_000, { where: (c) => c.body.channel === channel && match(json(c)) }))[0]);
    const ephemeralTo = async (user: string, n: number) => String((await h.fake.waitFor('chat.postEphemeral', n, 15_000, { where: (c) => c.body.user === user }))[n - 1]!.body.text);
    const runJob = (at: string) => scheduler.runSlot('meeting-reminders', DateTime.fromISO(at, { setZone: true }), { trigger: 'manual' });

    it('MEET-1: a meeting in 2 hours is refused with the rule; one for tomorrow is announced, a leave request goes to the team leader, the reminder is sent once, absentees go to the team leader', async () => {
      // /banzhang meeting opens the form, the caller as host.
      expect((await h.command('U0600', '/banzhang', 'meeting')).status).toBe(200);
      const form = (await h.fake.waitFor('views.open', 1))[0]!.body.view as Record<string, unknown>;
      expect(form.callback_id).toBe('meeting_announce');
      expect(JSON.stringify(form)).toContain('MEET-1：会议须至少提前 1 天通知');
      expect(JSON.stringify(form)).toContain('"initial_user":"U0600"');

      // MEET-1 one day ahead: in 2 hours is refused with the rule, in the user's locale; nothing stored.
      const base = { topic: '十二月外呼计划', place: '三楼会议室', attendees: ['U0001', 'U0002', 'U0900'], host: 'U0600' };
      const refused = JSON.parse(await (await h.submitView('U0600', 'meeting_announce', meetingValues({ ...base, date: '2026-11-23', time: '12:00' }))).text()) as { response_action: string; errors: Record<string, string> };
      expect(refused.response_action).toBe('errors');
      expect(refused.errors.meeting_date).toMatch(/^MEET-1：会议须至少提前 1 天通知；目前最早可定在 2026-11-24 10:0\d。$/);
      const refusedEn = JSON.parse(await (await h.submitView('U0002', 'meeting_announce', meetingValues({ ...base, date: '2026-11-23', time: '12:00', host: 'U0002', attendees: ['U0001'] }))).text()) as { errors: Record<string, string> };
      expect(refusedEn.errors.meeting_date).toContain('MEET-1: meetings are announced at least 1 day(s) ahead');
      expect(await h.db.prisma.meeting.count()).toBe(0);
      expect(await h.db.prisma.outboxMessage.count({ where: { dedupeKey: { startsWith: 'meeting:' } } })).toBe(0);

      // Tomorrow 10:30: announced; each attendee invited with Attend / Request leave, the host told.
      expect(await (await h.submitView('U0600', 'meeting_announce', meetingValues({ ...base, date: '2026-11-24', time: '10:30' }))).text()).toBe('');
      const meeting = await h.db.prisma.meeting.findFirstOrThrow({ include: { attendees: { orderBy: { employeeId: 'asc' } } } });
      expect(meeting).toMatchObject({ topic: '十二月外呼计划', place: '三楼会议室', hostId: 'E600', createdById: 'E600' });
      expect(meeting.startsAt.toISOString()).toBe('2026-11-24T02:30:00.000Z');
      expect(meeting.attendees.map((a) => a.employeeId)).toEqual(['E001', 'E002', 'E900']);
      const invite = await waitForDm('DU0001', (t) => t.includes('meeting_attend'));
      for (const text of ['会议：十二月外呼计划', '时间：2026-11-24 10:30', '地点：三楼会议室', '主持人：外呼管理员', 'meeting_request_leave']) expect(invite).toContain(text);
      expect(await waitForDm('DU0900', (t) => t.includes('meeting_attend'))).toContain('Meeting: 十二月外呼计划');
      expect(await waitForDm('DU0600', (t) => t.includes('meeting_record_attendance'))).toContain('已通知 3 人');

      // The complaint handler requests leave: a meeting leave, routed by LEAVE-4 to the team leader (not to their manager, the complaint manager).
      await h.click('U0900', 'meeting_request_leave', String(meeting.id));
      expect(await ephemeralTo('U0900', 1)).toContain('was sent to 班长 for approval');
      const leave = await h.db.prisma.leaveRequest.findFirstOrThrow({ where: { employeeId: 'E900' } });
      expect(leave).toMatchObject({ type: 'meeting', approverId: 'E400', status: 'pending' });
      expect(leave.reason).toBe('Meeting leave: 十二月外呼计划 (2026-11-24 10:30)');
      expect(await waitForDm('DU0400', (t) => t.includes('leave_approve'))).toContain('投诉处理员');
      expect(await h.db.prisma.meetingAttendee.findUniqueOrThrow({ where: { meetingId_employeeId: { meetingId: meeting.id, employeeId: 'E900' } } })).toMatchObject({ response: 'leave', leaveRequestId: leave.id });
      // A second click changes nothing.
      await h.click('U0900', 'meeting_request_leave', String(meeting.id));
      expect(await ephemeralTo('U0900', 2)).toContain('You already requested leave');
      expect(await h.db.prisma.leaveRequest.count({ where: { employeeId: 'E900' } })).toBe(1);
      // Zhang San attends; someone not invited is told.
      await h.click('U0001', 'meeting_attend', String(meeting.id));
      expect(await ephemeralTo('U0001', 1)).toBe('已确认参加“十二月外呼计划”（2026-11-24 10:30）。');
      await h.click('U0003', 'meeting_attend', String(meeting.id));
      expect(await ephemeralTo('U0003', 1)).toBe('你不在本次会议的参会人员中。');

      // The reminder: not at 10:10, once from 10:15, to the host and the attendees without leave.
      expect(await runJob('2026-11-24T10:10:00+08:00')).toMatchObject({ outcome: 'finished' });
      expect(await h.db.prisma.meeting.count({ where: { remindedAt: { not: null } } })).toBe(0);
      expect(await runJob('2026-11-24T10:15:00+08:00')).toMatchObject({ outcome: 'finished' });
      expect(await runJob('2026-11-24T10:20:00+08:00')).toMatchObject({ outcome: 'finished' });
      expect(await waitForDm('DU0001', (t) => t.includes('提醒'))).toContain('提醒：会议“十二月外呼计划”将于 2026-11-24 10:30 在 三楼会议室 开始（主持人 外呼管理员）。');
      await waitForDm('DU0600', (t) => t.includes('提醒'));
      await waitForDm('DU0002', (t) => t.includes('Reminder'));
      const reminders = await h.db.prisma.outboxMessage.findMany({ where: { dedupeKey: { startsWith: `meeting:${meeting.id}:reminder:` } } });
      expect(reminders.map((r) => r.dedupeKey).sort()).toEqual(['E001', 'E002', 'E600'].map((id) => `meeting:${meeting.id}:reminder:${id}`));
      expect(dmsTo('DU0900').filter((c) => json(c).includes('Reminder'))).toHaveLength(0);

      // Attendance: only the host, and only once the meeting has started.
      await h.click('U0001', 'meeting_record_attendance', String(meeting.id));
      expect(await ephemeralTo('U0001', 2)).toBe('只有主持人 外呼管理员 可以记录出席。');
      await h.click('U0600', 'meeting_record_attendance', String(meeting.id));
      expect(await ephemeralTo('U0600', 1)).toBe('会议于 2026-11-24 10:30 开始，开始后才能记录出席。');
      // The harness clock cannot jump a day: the meeting is moved into the past, as if it had taken place.
      await h.db.prisma.meeting.update({ where: { id: meeting.id }, data: { startsAt: new Date(Date.parse(meeting.createdAt.toISOString()) - 3_600_000) } });
      await h.click('U0600', 'meeting_record_attendance', String(meeting.id));
      const attendance = (await h.fake.waitFor('views.open', 2))[1]!.body.view as { callback_id: string; private_metadata: string };
      expect(attendance.callback_id).toBe('meeting_attendance');
      // Li Si (no leave) did not come; the complaint handler (leave still pending) did not come either.
      const saved = await h.submitView('U0600', 'meeting_attendance', {
        meeting_present: { value: { type: 'multi_static_select', selected_options: [{ value: 'E001' }] } },
        meeting_minutes: { value: { type: 'plain_text_input', value: '十二月起每天外呼 60 个' } },
      }, { private_metadata: attendance.private_metadata });
      expect(await saved.text()).toBe('');
      expect(await h.db.prisma.meeting.findUniqueOrThrow({ where: { id: meeting.id } })).toMatchObject({ minutes: '十二月起每天外呼 60 个' });
      const absentees = await waitForDm('DU0400', (t) => t.includes('无假缺席'));
      expect(absentees).toContain('无假缺席：Li Si、投诉处理员。');
      expect(await h.db.prisma.outboxMessage.count({ where: { dedupeKey: { startsWith: `meeting:${meeting.id}:absentees:` } } })).toBe(1);
      // Recorded once.
      await h.click('U0600', 'meeting_record_attendance', String(meeting.id));
      expect(await ephemeralTo('U0600', 3)).toMatch(/^出席已于 2026-11-23 10:\d\d 记录，未做更改。$/);
    }, 90_000);
  });
}
