/**
 * Slack handlers of MEET-1 ad-hoc meetings: `/banzhang meeting` and its
 * modal (refused with the rule on the date field when less than a day ahead,
 * nothing stored); the invitation's Attend and Request leave (a meeting leave
 * through the leave feature: LEAVE-4 → the team leader); the host's Record
 * attendance button and modal. Answers are ephemeral, in the user's locale.
 */
import type { WebClient } from '@slack/web-api';
import { DateTime } from 'luxon';
import {
  announceMeeting,
  answerMeeting,
  MeetingValidationError,
  meetingForAttendance,
  recordAttendance,
  type MeetingDeps,
} from '../../../features/meetings/meeting-service.ts';
import { orgRepository } from '../../../features/org/org-repository.ts';
import { AppError } from '../../../shared/errors.ts';
import { DEFAULT_LOCALE, t, type MessageKey } from '../../../shared/i18n/index.ts';
import { teamsMeetingRenderer } from '../../teams/cards/meeting-cards.ts';
import { announceModal, attendanceModal, slackMeetingRenderer } from '../blocks/meeting-blocks.ts';
import { INPUT, MEETING_ACTIONS, MEETING_BLOCKS, MEETING_VIEWS } from '../ids.ts';
import type { SlackContext, StateValues } from './context.ts';
import { slackLeaveDeps } from './leave.ts';
import { parseMetadata } from './metadata.ts';
import { fieldErrorsAnswer } from './modal-errors.ts';

const FIELD_BLOCK: Record<string, string> = {
  topic: MEETING_BLOCKS.topic,
  date: MEETING_BLOCKS.date,
  time: MEETING_BLOCKS.time,
  place: MEETING_BLOCKS.place,
  attendees: MEETING_BLOCKS.attendees,
  host: MEETING_BLOCKS.host,
  minutes: MEETING_BLOCKS.minutes,
};

type Values = Record<string, Record<string, StateValues[string][string] & { selected_user?: string | null; selected_users?: string[] | null; selected_time?: string | null }>>;

export function registerAdHocMeetingHandlers(ctx: SlackContext): void {
  const { app, identify, errorText, policy, clock } = ctx;
  const deps = (): MeetingDeps => ({ prisma: ctx.prisma(), policy, clock, renders: { slack: slackMeetingRenderer, teams: teamsMeetingRenderer }, channel: 'slack' });
  const ephemeral = async (client: WebClient, channel: string | undefined, user: string, text: string) => {
    if (channel) await client.chat.postEphemeral({ channel, user, text });
  };

  ctx.subcommands.set('meeting', async ({ ack, who, rest, command, client }) => {
    if (rest.trim()) return ack(t(who.locale, 'meetings.adhoc.usage'));
    await ack();
    const tomorrow = clock.now().setZone(policy.center.timeZone).plus({ days: 1 }).toISODate()!;
    await client.views.open({
      trigger_id: command.trigger_id,
      view: announceModal({ locale: who.locale, hostSlackId: command.user_id, tomorrow, days: policy.meetings.adHocNoticeDays, zone: policy.center.timeZone }) as Parameters<WebClient['views']['open']>[0]['view'],
    });
  });

  app.view(MEETING_VIEWS.announce, async ({ ack, body, view }) => {
    const who = await identify(body.user.id);
    const locale = who?.locale ?? DEFAULT_LOCALE;
    const v = (block: string) => (view.state.values as Values)[block]?.[INPUT];
    try {
      if (!who) throw new AppError('not_in_org', 'common.not_in_org', 'not in org');
      // Slack users → employees; one outside the org is named so that the use case refuses it.
      const org = orgRepository(ctx.prisma());
      const employeeOf = async (slackId: string) => (await org.employeeByChatIdentity('slack', slackId))?.id ?? `slack:${slackId}`;
      const hostSlack = v(MEETING_BLOCKS.host)?.selected_user ?? null;
      const attendees = await Promise.all((v(MEETING_BLOCKS.attendees)?.selected_users ?? []).map(employeeOf));
      const meeting = await announceMeeting(deps(), {
        actorId: who.id,
        topic: v(MEETING_BLOCKS.topic)?.value ?? null,
        date: v(MEETING_BLOCKS.date)?.selected_date ?? null,
        time: v(MEETING_BLOCKS.time)?.selected_time ?? null,
        place: v(MEETING_BLOCKS.place)?.value ?? null,
        hostId: hostSlack ? await employeeOf(hostSlack) : null,
        attendeeIds: attendees,
      });
      ctx.logger.debug({ meetingId: meeting.id }, 'meeting announced');
      return ack();
    } catch (error) {
      if (error instanceof MeetingValidationError) return ack(fieldErrorsAnswer(locale, error.fieldErrors, FIELD_BLOCK, MEETING_BLOCKS.topic));
      return ack({ response_action: 'errors', errors: { [MEETING_BLOCKS.topic]: errorText(locale, error) } });
    }
  });

  const answer = (actionId: string, kind: 'attending' | 'leave') =>
    app.action(actionId, async ({ ack, body, action, client }) => {
      await ack();
      const channel = (body as { channel?: { id: string } }).channel?.id;
      const who = await identify(body.user.id);
      const locale = who?.locale ?? DEFAULT_LOCALE;
      try {
        if (!who) throw new AppError('not_in_org', 'common.not_in_org', 'not in org');
        const meetingId = Number((action as { value?: string }).value);
        // The leave's reason names the meeting, in the attendee's locale.
        const done = await answerMeeting(
          { ...deps(), leave: slackLeaveDeps(ctx) },
          { meetingId, actorId: who.id, answer: kind },
          (m) => t(locale, 'meetings.adhoc.leave_reason', { topic: m.topic, at: m.startsAt }),
        );
        const p = { topic: done.meeting.topic, at: done.meeting.startsAt };
        const text =
          done.outcome === 'already'
            ? t(locale, `meetings.adhoc.answered.already_${done.previous === 'leave' ? 'leave' : 'attending'}` as MessageKey, p)
            : done.outcome === 'leave'
              ? t(locale, 'meetings.adhoc.answered.leave', { ...p, approver: done.leave!.approverName, id: done.leave!.requestId })
              : t(locale, 'meetings.adhoc.answered.attending', p);
        await ephemeral(client, channel, body.user.id, text);
      } catch (error) {
        await ephemeral(client, channel, body.user.id, errorText(locale, error));
      }
    });
  answer(MEETING_ACTIONS.attend, 'attending');
  answer(MEETING_ACTIONS.requestLeave, 'leave');

  app.action(MEETING_ACTIONS.recordAttendance, async ({ ack, body, action, client }) => {
    await ack();
    const channel = (body as { channel?: { id: string } }).channel?.id;
    const who = await identify(body.user.id);
    try {
      if (!who) throw new AppError('not_in_org', 'common.not_in_org', 'not in org');
      const meeting = await meetingForAttendance({ prisma: ctx.prisma(), policy, clock }, { meetingId: Number((action as { value?: string }).value), actorId: who.id });
      await client.views.open({ trigger_id: (body as { trigger_id: string }).trigger_id, view: attendanceModal({ locale: who.locale, meeting, channel: channel ?? null }) as Parameters<WebClient['views']['open']>[0]['view'] });
    } catch (error) {
      await ephemeral(client, channel, body.user.id, errorText(who?.locale ?? DEFAULT_LOCALE, error));
    }
  });

  app.view(MEETING_VIEWS.attendance, async ({ ack, body, view, client }) => {
    const who = await identify(body.user.id);
    const locale = who?.locale ?? DEFAULT_LOCALE;
    const v = (block: string) => (view.state.values as Values)[block]?.[INPUT];
    const meta = parseMetadata<{ id: number; channel: string | null }>(view.private_metadata);
    try {
      if (!who) throw new AppError('not_in_org', 'common.not_in_org', 'not in org');
      const done = await recordAttendance(deps(), {
        meetingId: Number(meta.id),
        actorId: who.id,
        presentIds: (v(MEETING_BLOCKS.present)?.selected_options ?? []).map((o) => o.value),
        minutes: v(MEETING_BLOCKS.minutes)?.value ?? null,
      });
      await ack();
      const present = done.meeting.attendees.filter((a) => a.present).length;
      await ephemeral(client, meta.channel ?? undefined, body.user.id, t(locale, 'meetings.adhoc.attendance_recorded', { topic: done.meeting.topic, present, absent: done.absentees.length }));
    } catch (error) {
      if (error instanceof MeetingValidationError) return ack(fieldErrorsAnswer(locale, error.fieldErrors, FIELD_BLOCK, MEETING_BLOCKS.present));
      return ack({ response_action: 'errors', errors: { [MEETING_BLOCKS.present]: errorText(locale, error) } });
    }
  });
}
