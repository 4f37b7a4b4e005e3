/**
 * MEET-1 ad-hoc meetings, pure: the announcement form (topic, time, place,
 * attendees, host) and the rule that it is announced at least
 * `meetings.adHocNoticeDays` ahead (a day = 24 hours from now); when the
 * reminder is due (`meetings.reminderMinutesBefore`, default 15); who was
 * absent without leave.
 */
import { DateTime } from 'luxon';
import type { Policy } from '../config/schema.ts';

export const TOPIC_MAX = 200;
export const PLACE_MAX = 200;
export const MINUTES_MAX = 3000;

export interface MeetingFieldError {
  field: 'topic' | 'date' | 'time' | 'place' | 'attendees' | 'host' | 'minutes';
  messageKey: string;
  params?: Record<string, string | number>;
}

export interface MeetingFormInput {
  topic?: string | null;
  /** Local date "YYYY-MM-DD" and time "HH:mm" in the center's zone. */
  date?: string | null;
  time?: string | null;
  place?: string | null;
  hostId?: string | null;
  attendeeIds?: readonly string[] | null;
}

export interface MeetingForm {
  topic: string;
  startsAt: DateTime;
  place: string;
  hostId: string;
  attendeeIds: string[];
}

/** MEET-1: checks the form; a meeting less than adHocNoticeDays ahead of `now` is refused with the rule. */
export function validateMeetingForm(input: MeetingFormInput, now: DateTime, policy: Policy): { ok: true; form: MeetingForm } | { ok: false; errors: MeetingFieldError[] } {
  const errors: MeetingFieldError[] = [];
  const zone = policy.center.timeZone;
  const topic = (input.topic ?? '').trim();
  const place = (input.place ?? '').trim();
  if (!topic) errors.push({ field: 'topic', messageKey: 'meetings.adhoc.error.topic_required' });
  else if ([...topic].length > TOPIC_MAX) errors.push({ field: 'topic', messageKey: 'meetings.adhoc.error.too_long', params: { max: TOPIC_MAX } });
  if (!place) errors.push({ field: 'place', messageKey: 'meetings.adhoc.error.place_required' });
  else if ([...place].length > PLACE_MAX) errors.push({ field: 'place', messageKey: 'meetings.adhoc.error.too_long', params: { max: PLACE_MAX } });
  if (!input.hostId) errors.push({ field: 'host', messageKey: 'meetings.adhoc.error.host_required' });
  const attendeeIds = [...new Set(input.attendeeIds ?? [])];
  if (attendeeIds.length === 0) errors.push({ field: 'attendees', messageKey: 'meetings.adhoc.error.attendees_required' });
  let startsAt: DateTime | null = null;
  if (!input.date || !/^\d{4}-\d{2}-\d{2}$/.test(input.date)) errors.push({ field: 'date', messageKey: 'meetings.adhoc.error.date_required' });
  else if (!input.time || !/^([01]\d|2[0-3]):[0-5]\d$/.test(input.time)) errors.push({ field: 'time', messageKey: 'meetings.adhoc.error.time_required' });
  else {
    startsAt = DateTime.fromISO(`${input.date}T${input.time}`, { zone });
    if (!startsAt.isValid) {
      errors.push({ field: 'date', messageKey: 'meetings.adhoc.error.date_required' });
      startsAt = null;
    } else {
      const earliest = now.setZone(zone).plus({ days: policy.meetings.adHocNoticeDays });
      if (startsAt < earliest) {
        errors.push({ field: 'date', messageKey: 'meetings.adhoc.error.too_soon', params: { days: policy.meetings.adHocNoticeDays, earliest: earliest.toFormat('yyyy-MM-dd HH:mm') } });
      }
    }
  }
  if (errors.length || !startsAt) return { ok: false, errors };
  return { ok: true, form: { topic, startsAt, place, hostId: input.hostId!, attendeeIds } };
}

/** MEET-1: the reminder is due from reminderMinutesBefore before the start until the start, once. */
export function meetingReminderDue(m: { startsAt: DateTime; remindedAt: DateTime | null }, now: DateTime, policy: Policy): boolean {
  if (m.remindedAt) return false;
  const from = m.startsAt.minus({ minutes: policy.meetings.reminderMinutesBefore });
  return now >= from && now < m.startsAt;
}

export type AttendeeResponse = 'invited' | 'attending' | 'leave';

/**
 * MEET-1: the attendees recorded absent who had no leave for the meeting (no
 * approved leave request: none, still pending, rejected or withdrawn). Sorted by id.
 */
export function absenteesWithoutLeave(attendees: ReadonlyArray<{ employeeId: string; present: boolean | null; response: AttendeeResponse; leaveStatus: string | null }>): string[] {
  return attendees
    .filter((a) => a.present === false && !(a.response === 'leave' && a.leaveStatus === 'approved'))
    .map((a) => a.employeeId)
    .sort();
}
