/** MEET-1 ad-hoc meetings: the announcement form, the one-day notice, the reminder window, absentees (pure). */
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { absenteesWithoutLeave, meetingReminderDue, validateMeetingForm } from '../../src/policy/meetings/index.ts';
import { policyFrom } from './helpers.ts';

const policy = policyFrom({});
const zone = 'Asia/Shanghai';
// Monday 2026-11-23 10:00 in Shanghai.
const now = DateTime.fromISO('2026-11-23T10:00', { zone });
const form = { topic: '十二月外呼计划', place: '三楼会议室', hostId: 'E400', attendeeIds: ['E001', 'E002', 'E001'] };

describe('MEET-1 ad-hoc meetings', () => {
  it('MEET-1 one day ahead: exactly 24 hours ahead is accepted, a minute less is refused with the rule and the earliest time', () => {
    const ok = validateMeetingForm({ ...form, date: '2026-11-24', time: '10:00' }, now, policy);
    expect(ok.ok).toBe(true);
    if (ok.ok) {
      expect(ok.form.startsAt.toUTC().toISO()).toBe('2026-11-24T02:00:00.000Z');
      expect(ok.form.attendeeIds).toEqual(['E001', 'E002']);
    }
    const soon = validateMeetingForm({ ...form, date: '2026-11-24', time: '09:59' }, now, policy);
    expect(soon).toEqual({ ok: false, errors: [{ field: 'date', messageKey: 'meetings.adhoc.error.too_soon', params: { days: 1, earliest: '2026-11-24 10:00' } }] });
    const inTwoHours = validateMeetingForm({ ...form, date: '2026-11-23', time: '12:00' }, now, policy);
    expect(inTwoHours.ok).toBe(false);
    const past = validateMeetingForm({ ...form, date: '2026-11-20', time: '12:00' }, now, policy);
    expect(past.ok).toBe(false);
    // Two days' notice from the policy.
    const twoDays = policyFrom({ meetings: { adHocNoticeDays: 2 } });
    expect(validateMeetingForm({ ...form, date: '2026-11-24', time: '15:00' }, now, twoDays).ok).toBe(false);
    expect(validateMeetingForm({ ...form, date: '2026-11-25', time: '10:00' }, now, twoDays).ok).toBe(true);
  });

  it('MEET-1 one day ahead: the day is 24 hours across a DST change in a DST zone (New York, 2026-11-01)', () => {
    const ny = policyFrom({ center: { timeZone: 'America/New_York' } });
    const before = DateTime.fromISO('2026-10-31T12:00', { zone: 'America/New_York' });
    expect(validateMeetingForm({ ...form, date: '2026-11-01', time: '12:00' }, before, ny).ok).toBe(true);
    expect(validateMeetingForm({ ...form, date: '2026-11-01', time: '11:59' }, before, ny).ok).toBe(false);
  });

  it('MEET-1: every missing field is named', () => {
    const r = validateMeetingForm({ topic: ' ', place: '', hostId: null, attendeeIds: [], date: null, time: null }, now, policy);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.map((e) => e.field)).toEqual(['topic', 'place', 'host', 'attendees', 'date']);
    const noTime = validateMeetingForm({ ...form, date: '2026-11-25', time: null }, now, policy);
    expect(noTime.ok ? [] : noTime.errors.map((e) => e.field)).toEqual(['time']);
  });

  it('MEET-1: the reminder is due 15 minutes before the start, until the start, once', () => {
    const startsAt = DateTime.fromISO('2026-11-24T10:00', { zone });
    expect(meetingReminderDue({ startsAt, remindedAt: null }, startsAt.minus({ minutes: 16 }), policy)).toBe(false);
    expect(meetingReminderDue({ startsAt, remindedAt: null }, startsAt.minus({ minutes: 15 }), policy)).toBe(true);
    expect(meetingReminderDue({ startsAt, remindedAt: null }, startsAt.minus({ minutes: 1 }), policy)).toBe(true);
    expect(meetingReminderDue({ startsAt, remindedAt: null }, startsAt, policy)).toBe(false);
    expect(meetingReminderDue({ startsAt, remindedAt: startsAt.minus({ minutes: 15 }) }, startsAt.minus({ minutes: 10 }), policy)).toBe(false);
  });

  it('MEET-1: absentees without leave: absent and no approved meeting leave', () => {
    expect(
      absenteesWithoutLeave([
        { employeeId: 'E003', present: false, response: 'attending', leaveStatus: null },
        { employeeId: 'E001', present: false, response: 'leave', leaveStatus: 'approved' },
        { employeeId: 'E002', present: false, response: 'leave', leaveStatus: 'rejected' },
        { employeeId: 'E004', present: true, response: 'invited', leaveStatus: null },
        { employeeId: 'E005', present: null, response: 'invited', leaveStatus: null },
      ]),
    ).toEqual(['E002', 'E003']);
  });
});
