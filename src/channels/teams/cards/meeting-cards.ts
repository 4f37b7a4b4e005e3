/**
 * MEET-1 on Teams: the invitation, the host's notice, the reminder and the
 * absentee list as text cards (answering and recording attendance are on
 * Slack; the invitation and the host's notice say so). Pure.
 */
import type { MeetingRenderer, MeetingView } from '../../../features/meetings/meeting-service.ts';
import { isLocale, t, type Locale } from '../../../shared/i18n/index.ts';
import { slackMeetingRenderer } from '../../slack/blocks/meeting-blocks.ts';
import { textCard } from './text-card.ts';

const loc = (locale: string): Locale => (isLocale(locale) ? locale : 'zh-CN');
const details = (l: Locale, v: MeetingView) =>
  [t(l, 'meetings.adhoc.card.title', { topic: v.topic }), t(l, 'meetings.adhoc.card.details', { at: v.startsAt, place: v.place, host: v.host.name, attendees: v.attendees.map((a) => a.name).join('、') })].join('\n');

export const teamsMeetingRenderer: MeetingRenderer = {
  invitation(locale, v) {
    const l = loc(locale);
    return textCard([details(l, v), t(l, 'meetings.adhoc.card.answer_on_slack')].join('\n'));
  },
  hostNotice(locale, v) {
    const l = loc(locale);
    return textCard([details(l, v), t(l, 'meetings.adhoc.card.host_on_slack', { count: v.attendees.length })].join('\n'));
  },
  reminder: (locale, v) => textCard(slackMeetingRenderer.reminder(locale, v).text),
  absentees: (locale, v) => textCard(slackMeetingRenderer.absentees(locale, v).text),
};
