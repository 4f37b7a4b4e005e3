/** MEET-1 ad-hoc meetings, the use cases on both databases: notice, answers, the reminder, attendance and who counts as absent without leave. */
import { readFileSync } from 'node:fs';
import { DateTime } from 'luxon';
import { expect, it } from 'vitest';
import { slackLeaveRenderer } from '../../src/channels/slack/blocks/leave-blocks.ts';
import { slackMeetingRenderer } from '../../src/channels/slack/blocks/meeting-blocks.ts';
import { decideLeave, type LeaveDeps } from '../../src/features/leave/leave-service.ts';
import { announceMeeting, answerMeeting, MeetingValidationError, recordAttendance, runMeetingReminders, type MeetingDeps } from '../../src/features/meetings/meeting-service.ts';
import { importOrg } from '../../src/features/org/org-import.ts';
import type { Clock } from '../../src/shared/clock.ts';
import { AppError } from '../../src/shared/errors.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { fixturePath, OUTBOUND_BASIC as policy } from '../support/fixtures.ts';

const ORG = readFileSync(fixturePath('matrix-org.yaml'), 'utf8');
const zone = 'Asia/Shanghai';
const at = (iso: string): Clock => ({ now: () => DateTime.fromISO(iso, { zone }) });

describeEachDatabase('MEET-1 meeting service', (current) => {
  const deps = (clock: Clock): MeetingDeps => ({ prisma: current().db.prisma, policy, clock, renders: { slack: slackMeetingRenderer }, channel: 'test' });
  const leaveDeps = (clock: Clock): LeaveDeps => ({ prisma: current().db.prisma, policy, clock, messenger: { platform: 'slack', render: slackLeaveRenderer, targetOf: (p) => p.slackId }, source: 'test' });
  const monday = at('2026-11-23T10:00');
  const form = { actorId: 'E500', topic: '季度总结', date: '2026-11-24', time: '15:00', place: '会议室', hostId: 'E500', attendeeIds: ['E001', 'E002', 'E003', 'E500'] };

  it('MEET-1 one day ahead: a meeting 23 hours ahead stores nothing; one 29 hours ahead is stored without the host among the attendees', async () => {
    const prisma = current().db.prisma;
    await importOrg(prisma, ORG, { actor: 'test', file: 'org.yaml' });
    const early = await announceMeeting(deps(monday), { ...form, time: '09:00' }).catch((e: unknown) => e);
    expect(early).toBeInstanceOf(MeetingValidationError);
    expect((early as MeetingValidationError).fieldErrors).toEqual([{ field: 'date', messageKey: 'meetings.adhoc.error.too_soon', params: { days: 1, earliest: '2026-11-24 10:00' } }]);
    expect(await prisma.meeting.count()).toBe(0);
    expect(await prisma.outboxMessage.count()).toBe(0);
    const stranger = await announceMeeting(deps(monday), { ...form, attendeeIds: ['E001', 'E999'] }).catch((e: unknown) => e);
    expect((stranger as MeetingValidationError).fieldErrors.map((e) => e.field)).toEqual(['attendees']);
    const v = await announceMeeting(deps(monday), form);
    expect(v.attendees.map((a) => a.id)).toEqual(['E001', 'E002', 'E003']);
    expect((await prisma.outboxMessage.findMany({ orderBy: { id: 'asc' } })).map((m) => m.dedupeKey)).toEqual([`meeting:${v.id}:host`, ...['E001', 'E002', 'E003'].map((id) => `meeting:${v.id}:invite:${id}`)]);
  });

  it('MEET-1: approved meeting leave is not absence; rejected leave and no answer are; the reminder goes once, not to those with leave pending or approved', async () => {
    const prisma = current().db.prisma;
    await importOrg(prisma, ORG, { actor: 'test', file: 'org.yaml' });
    const v = await announceMeeting(deps(monday), form);
    // Li Si and Wang Wu request meeting leave: both to the team leader (LEAVE-4), who approves one and rejects the other.
    const li = await answerMeeting({ ...deps(monday), leave: leaveDeps(monday) }, { meetingId: v.id, actorId: 'E002', answer: 'leave' });
    const wang = await answerMeeting({ ...deps(monday), leave: leaveDeps(monday) }, { meetingId: v.id, actorId: 'E003', answer: 'leave' });
    expect([li.leave!.approverName, wang.leave!.approverName]).toEqual(['班长', '班长']);
    expect((await prisma.leaveRequest.findUniqueOrThrow({ where: { id: li.leave!.requestId } })).part).toBe('afternoon');
    await decideLeave(leaveDeps(monday), { requestId: li.leave!.requestId, actorId: 'E400', decision: 'approved' });
    await decideLeave(leaveDeps(monday), { requestId: wang.leave!.requestId, actorId: 'E400', decision: 'rejected', note: '必须参加' });
    await answerMeeting({ ...deps(monday), leave: leaveDeps(monday) }, { meetingId: v.id, actorId: 'E001', answer: 'attending' });

    // The reminder: 14:45 on the day, once; not to Li Si (leave approved), but to Wang Wu (leave rejected).
    const start = DateTime.fromISO('2026-11-24T15:00', { zone });
    expect(await runMeetingReminders(prisma, policy, start.minus({ minutes: 20 }), { slack: slackMeetingRenderer })).toEqual([]);
    expect(await runMeetingReminders(prisma, policy, start.minus({ minutes: 15 }), { slack: slackMeetingRenderer })).toEqual([v.id]);
    expect(await runMeetingReminders(prisma, policy, start.minus({ minutes: 10 }), { slack: slackMeetingRenderer })).toEqual([]);
    expect((await prisma.outboxMessage.findMany({ where: { dedupeKey: { contains: ':reminder:' } } })).map((m) => m.dedupeKey).sort()).toEqual([`meeting:${v.id}:reminder:E001`, `meeting:${v.id}:reminder:E003`, `meeting:${v.id}:reminder:E500`]);

    // Attendance: nobody came. Zhang San (no leave) and Wang Wu (leave rejected) are absent without leave; Li Si is not.
    const after = at('2026-11-24T16:00');
    const notHost = await recordAttendance(deps(after), { meetingId: v.id, actorId: 'E400', presentIds: [], minutes: null }).catch((e: unknown) => e);
    expect(notHost).toBeInstanceOf(AppError);
    expect((notHost as AppError).messageKey).toBe('meetings.adhoc.error.host_only');
    const done = await recordAttendance(deps(after), { meetingId: v.id, actorId: 'E500', presentIds: [], minutes: '  ' });
    expect(done.absentees).toEqual(['E001', 'E003']);
    const listed = await prisma.outboxMessage.findMany({ where: { dedupeKey: { contains: ':absentees:' } } });
    expect(listed.map((m) => [m.dedupeKey, (m.payload as { text: string }).text])).toEqual([[`meeting:${v.id}:absentees:E400`, '会议“季度总结”（2026-11-24 15:00）无假缺席：张三、王五。']]);
    expect((await prisma.meeting.findUniqueOrThrow({ where: { id: v.id } })).minutes).toBeNull();
    const again = await recordAttendance(deps(after), { meetingId: v.id, actorId: 'E500', presentIds: ['E001'], minutes: null }).catch((e: unknown) => e);
    expect((again as AppError).messageKey).toBe('meetings.adhoc.error.attendance_recorded');
    expect((await prisma.meetingAttendee.findMany({ where: { meetingId: v.id }, orderBy: { employeeId: 'asc' } })).map((a) => a.present)).toEqual([false, false, false]);
  });
});
