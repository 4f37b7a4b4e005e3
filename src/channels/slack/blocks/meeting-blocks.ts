/**
 * Pure Block Kit builders of MEET-1 ad-hoc meetings: the announcement modal,
 * the invitation (Attend / Request leave), the host's notice (Record
 * attendance), the reminder, the absentee list to a team leader and the
 * attendance modal. MEET-2's builders are in meetings-blocks.ts.
 */
import type { MeetingRenderer, MeetingView } from '../../../features/meetings/meeting-service.ts';
import { MINUTES_MAX, PLACE_MAX, TOPIC_MAX } from '../../../policy/meetings/index.ts';
import { isLocale, t, type Locale } from '../../../shared/i18n/index.ts';
import { MEETING_ACTIONS, MEETING_BLOCKS, MEETING_VIEWS } from '../ids.ts';
import { input, mrkdwn, option, plain } from './kit.ts';
import { escapeMrkdwn } from './mrkdwn.ts';

const loc = (locale: string): Locale => (isLocale(locale) ? locale : 'zh-CN');
const modalTitle = (text: string) => plain([...text].slice(0, 24).join(''));

/** MEET-1: `/banzhang meeting`: topic, date and time (center time), place, attendees, host (the caller by default). */
export function announceModal(args: { locale: string; hostSlackId: string; tomorrow: string; days: number; zone: string }) {
  const l = loc(args.locale);
  const text = (block: string, label: string, max: number) => input(block, plain(label), { type: 'plain_text_input', max_length: max });
  return {
    type: 'modal' as const,
    callback_id: MEETING_VIEWS.announce,
    title: modalTitle(t(l, 'meetings.adhoc.modal.title')),
    submit: plain(t(l, 'meetings.adhoc.modal.submit')),
    close: plain(t(l, 'meetings.adhoc.modal.cancel')),
    blocks: [
      { type: 'context', elements: [mrkdwn(t(l, 'meetings.adhoc.modal.rule', { days: args.days, zone: args.zone }))] },
      text(MEETING_BLOCKS.topic, t(l, 'meetings.adhoc.field.topic'), TOPIC_MAX),
      input(MEETING_BLOCKS.date, plain(t(l, 'meetings.adhoc.field.date')), { type: 'datepicker', initial_date: args.tomorrow }),
      input(MEETING_BLOCKS.time, plain(t(l, 'meetings.adhoc.field.time')), { type: 'timepicker' }),
      text(MEETING_BLOCKS.place, t(l, 'meetings.adhoc.field.place'), PLACE_MAX),
      input(MEETING_BLOCKS.attendees, plain(t(l, 'meetings.adhoc.field.attendees')), { type: 'multi_users_select' }),
      input(MEETING_BLOCKS.host, plain(t(l, 'meetings.adhoc.field.host')), { type: 'users_select', initial_user: args.hostSlackId }),
    ],
  };
}

const details = (l: Locale, v: MeetingView) =>
  t(l, 'meetings.adhoc.card.details', { at: v.startsAt, place: escapeMrkdwn(v.place), host: escapeMrkdwn(v.host.name), attendees: v.attendees.map((a) => escapeMrkdwn(a.name)).join('、') });

const button = (actionId: string, text: string, id: number, style?: 'primary' | 'danger') => ({ type: 'button', action_id: actionId, text: plain(text), value: String(id), ...(style ? { style } : {}) });

function card(l: Locale, v: MeetingView, intro: string, actions: unknown[]) {
  const title = t(l, 'meetings.adhoc.card.title', { topic: v.topic });
  return {
    text: `${title}\n${t(l, 'meetings.adhoc.card.details', { at: v.startsAt, place: v.place, host: v.host.name, attendees: v.attendees.map((a) => a.name).join('、') })}`,
    blocks: [
      { type: 'header', text: plain([...title].slice(0, 150).join('')) },
      { type: 'section', text: mrkdwn(details(l, v)) },
      { type: 'context', elements: [mrkdwn(intro)] },
      ...(actions.length ? [{ type: 'actions', block_id: `meeting_${v.id}`, elements: actions }] : []),
    ],
  };
}

const notice = (text: string) => ({ text, blocks: [{ type: 'section', text: mrkdwn(escapeMrkdwn(text)) }] });

export const slackMeetingRenderer: MeetingRenderer = {
  invitation(locale, v) {
    const l = loc(locale);
    return card(l, v, t(l, 'meetings.adhoc.card.invited'), [
      button(MEETING_ACTIONS.attend, t(l, 'meetings.adhoc.card.attend'), v.id, 'primary'),
      button(MEETING_ACTIONS.requestLeave, t(l, 'meetings.adhoc.card.request_leave'), v.id),
    ]);
  },
  hostNotice(locale, v) {
    const l = loc(locale);
    return card(l, v, t(l, 'meetings.adhoc.card.host', { count: v.attendees.length }), [button(MEETING_ACTIONS.recordAttendance, t(l, 'meetings.adhoc.card.record_attendance'), v.id, 'primary')]);
  },
  reminder(locale, v) {
    return notice(t(loc(locale), 'meetings.adhoc.reminder', { topic: v.topic, at: v.startsAt, place: v.place, host: v.host.name }));
  },
  absentees(locale, v) {
    return notice(t(loc(locale), 'meetings.adhoc.absentees', { topic: v.meeting.topic, at: v.meeting.startsAt, names: v.names.join('、') }));
  },
};

/** MEET-1: the host's attendance modal: who was present (the attendees not on leave preselected) and the minutes. */
export function attendanceModal(args: { locale: string; meeting: MeetingView; channel: string | null }) {
  const l = loc(args.locale);
  const options = args.meeting.attendees.map((a) => option(a.name, a.id));
  const initial = args.meeting.attendees.filter((a) => a.response !== 'leave').map((a) => option(a.name, a.id));
  return {
    type: 'modal' as const,
    callback_id: MEETING_VIEWS.attendance,
    private_metadata: JSON.stringify({ id: args.meeting.id, channel: args.channel }),
    title: modalTitle(t(l, 'meetings.adhoc.card.record_attendance')),
    submit: plain(t(l, 'meetings.adhoc.modal.save')),
    close: plain(t(l, 'meetings.adhoc.modal.cancel')),
    blocks: [
      { type: 'section', text: mrkdwn(`*${escapeMrkdwn(t(l, 'meetings.adhoc.card.title', { topic: args.meeting.topic }))}* · ${args.meeting.startsAt}`) },
      input(MEETING_BLOCKS.present, plain(t(l, 'meetings.adhoc.field.present')), { type: 'multi_static_select', options, ...(initial.length ? { initial_options: initial } : {}) }, { optional: true }),
      input(MEETING_BLOCKS.minutes, plain(t(l, 'meetings.adhoc.field.minutes')), { type: 'plain_text_input', multiline: true, max_length: MINUTES_MAX }, { optional: true }),
    ],
  };
}
