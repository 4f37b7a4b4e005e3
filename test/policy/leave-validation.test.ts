import { DateTime } from 'luxon';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Policy } from '../../src/policy/config/schema.ts';
import {
  chargeableDays,
  leavesOverlap,
  sickProofDeadline,
  sickProofOverdue,
  validateLeaveRequest,
  type ExistingLeave,
  type LeaveValidation,
} from '../../src/policy/leave/validation.ts';
import type { LeaveRequestInput } from '../../src/policy/leave/types.ts';
import { daySchedule } from '../../src/policy/working-time.ts';
import { policyFrom, preset, utc } from './helpers.ts';

let basic: Policy;
beforeAll(async () => {
  basic = await preset('outbound-basic');
});

const shanghai = (iso: string) => DateTime.fromISO(iso, { zone: 'Asia/Shanghai' });
/** Monday 2026-03-02, 10:00 in the center (Asia/Shanghai). */
const NOW = shanghai('2026-03-02T10:00');

const request = (more: Partial<LeaveRequestInput> = {}): LeaveRequestInput => ({
  employeeId: 'a1',
  type: 'personal',
  startDate: '2026-03-04',
  endDate: '2026-03-04',
  part: 'full',
  reason: 'family matter',
  emergency: false,
  proof: 'none',
  ...more,
});

function validate(
  req: LeaveRequestInput,
  { now = NOW, existing = [] as ExistingLeave[], policy = basic }: { now?: DateTime; existing?: ExistingLeave[]; policy?: Policy } = {},
): LeaveValidation {
  const schedule = (date: string) => daySchedule({ employee: { id: req.employeeId, role: 'outbound_agent' }, date, policy });
  const workingDays = chargeableDays({ startDate: req.startDate, endDate: req.endDate, part: req.part, schedule });
  return validateLeaveRequest({ request: req, now, policy, workingDays, existing });
}

const keys = (v: LeaveValidation) => (v.ok ? [] : v.errors.map((e) => `${e.field}:${e.messageKey}`));

describe('LEAVE-1 types and days', () => {
  it('LEAVE-1: a valid personal leave is accepted without flags', () => {
    expect(validate(request())).toEqual({ ok: true, flags: [] });
  });

  it('LEAVE-1: an end before the start is refused', () => {
    expect(validate(request({ startDate: '2026-03-05', endDate: '2026-03-04' }))).toEqual({
      ok: false,
      errors: [
        { field: 'endDate', messageKey: 'leave.error.end_before_start', params: { startDate: '2026-03-05', endDate: '2026-03-04' } },
      ],
    });
  });

  it('LEAVE-1: a half day only on one date', () => {
    expect(keys(validate(request({ endDate: '2026-03-05', part: 'morning' })))).toEqual(['part:leave.error.half_day_one_date']);
    expect(validate(request({ part: 'afternoon' }))).toEqual({ ok: true, flags: [] });
  });

  it('LEAVE-1: dates that are not real dates are refused, and nothing is checked on them', () => {
    expect(validate(request({ startDate: '2026-02-30', endDate: '2026-13-01' }))).toEqual({
      ok: false,
      errors: [
        { field: 'startDate', messageKey: 'leave.error.invalid_date', params: { date: '2026-02-30' } },
        { field: 'endDate', messageKey: 'leave.error.invalid_date', params: { date: '2026-13-01' } },
      ],
    });
  });

  it('LEAVE-1: an unknown type, part or proof state is refused (input that escaped the payload schema)', () => {
    const bad = request({ type: 'holiday' as never, part: 'evening' as never, proof: 'maybe' as never });
    expect(keys(validate(bad))).toEqual(['type:leave.error.unknown_type', 'part:leave.error.unknown_part', 'proof:leave.error.unknown_proof']);
  });

  it('LEAVE-1: a leave with no working day in it (a weekend) is refused', () => {
    expect(validate(request({ startDate: '2026-03-07', endDate: '2026-03-08' }))).toEqual({
      ok: false,
      errors: [{ field: 'startDate', messageKey: 'leave.error.no_working_day', params: { startDate: '2026-03-07', endDate: '2026-03-08' } }],
    });
    const holiday = policyFrom({ calendar: { holidays: [{ date: '2026-03-04' }] } });
    expect(keys(validate(request(), { policy: holiday }))).toEqual(['startDate:leave.error.no_working_day']);
  });

  it('LEAVE-1: every error is collected, not just the first', () => {
    const v = validate(request({ startDate: '2026-03-01', endDate: '2026-02-27', part: 'morning', reason: '  ' }));
    expect(keys(v)).toEqual([
      'endDate:leave.error.end_before_start',
      'part:leave.error.half_day_one_date',
      'reason:leave.error.reason_required',
      'startDate:leave.error.retroactive',
    ]);
  });
});

describe('LEAVE-2 personal leave: a reason, asked before it starts', () => {
  it('LEAVE-2: personal leave without a reason is refused; other types need none', () => {
    expect(validate(request({ reason: undefined }))).toEqual({
      ok: false,
      errors: [{ field: 'reason', messageKey: 'leave.error.reason_required' }],
    });
    expect(validate(request({ type: 'rest', reason: undefined }))).toEqual({ ok: true, flags: [] });
  });

  it('LEAVE-2: a personal leave starting today (center time) or earlier is retroactive and refused', () => {
    expect(validate(request({ startDate: '2026-03-02', endDate: '2026-03-02' }))).toEqual({
      ok: false,
      errors: [{ field: 'startDate', messageKey: 'leave.error.retroactive', params: { startDate: '2026-03-02', today: '2026-03-02' } }],
    });
    expect(keys(validate(request({ startDate: '2026-02-27', endDate: '2026-03-03' })))).toEqual(['startDate:leave.error.retroactive']);
    // An afternoon half day asked for the same morning is retroactive too.
    expect(keys(validate(request({ startDate: '2026-03-02', endDate: '2026-03-02', part: 'afternoon' })))).toEqual([
      'startDate:leave.error.retroactive',
    ]);
  });

  it('LEAVE-2: tomorrow is in time, and "today" is the center’s date, not UTC’s', () => {
    expect(validate(request({ startDate: '2026-03-03', endDate: '2026-03-03' }))).toEqual({ ok: true, flags: [] });
    // 2026-03-01T17:00Z is already 2026-03-02 01:00 in Shanghai: a leave on 03-02 starts today.
    const lateUtc = DateTime.fromISO('2026-03-01T17:00:00Z', { zone: 'utc' });
    expect(keys(validate(request({ startDate: '2026-03-02', endDate: '2026-03-02' }), { now: lateUtc }))).toEqual([
      'startDate:leave.error.retroactive',
    ]);
    // 2026-03-01T15:59Z is still 2026-03-01 in Shanghai: 03-02 is tomorrow.
    const earlier = DateTime.fromISO('2026-03-01T15:59:00Z', { zone: 'utc' });
    expect(validate(request({ startDate: '2026-03-02', endDate: '2026-03-02' }), { now: earlier })).toEqual({ ok: true, flags: [] });
  });

  it('LEAVE-2: an emergency retroactive personal leave is accepted and flagged for the approver', () => {
    expect(validate(request({ startDate: '2026-03-02', endDate: '2026-03-03', emergency: true }))).toEqual({
      ok: true,
      flags: ['emergency-retroactive'],
    });
    // An emergency mark on a leave in the future changes nothing.
    expect(validate(request({ emergency: true }))).toEqual({ ok: true, flags: [] });
  });

  it('LEAVE-2: sick leave may start today', () => {
    expect(validate(request({ type: 'sick', startDate: '2026-03-02', endDate: '2026-03-02', proof: 'attached' }))).toEqual({
      ok: true,
      flags: [],
    });
  });
});

describe('LEAVE-3 sick leave proof', () => {
  it('LEAVE-3: sick leave without the proof is accepted and flagged proof-pending', () => {
    expect(validate(request({ type: 'sick', proof: 'follows' }))).toEqual({ ok: true, flags: ['sick-proof-pending'] });
    expect(validate(request({ type: 'sick', proof: 'none' }))).toEqual({ ok: true, flags: ['sick-proof-pending'] });
    expect(validate(request({ type: 'sick', proof: 'attached' }))).toEqual({ ok: true, flags: [] });
  });

  it('LEAVE-3: the proof is overdue once the 3 days after the filing day are over (center time)', () => {
    const filedAt = shanghai('2026-03-02T10:00');
    const overdue = (now: DateTime, proofReceivedAt: DateTime | null = null) =>
      sickProofOverdue({ filedAt, proof: 'follows', proofReceivedAt, now, policy: basic });
    expect(utc(sickProofDeadline(filedAt, basic))).toBe('2026-03-05T16:00:00Z'); // 2026-03-06 00:00 Shanghai
    expect(overdue(shanghai('2026-03-05T23:59:59'))).toBe(false);
    expect(overdue(shanghai('2026-03-06T00:00'))).toBe(true);
    expect(overdue(shanghai('2026-03-06T00:00'), shanghai('2026-03-05T09:00'))).toBe(false);
    // Proof received later than "now" has not arrived yet.
    expect(overdue(shanghai('2026-03-06T00:00'), shanghai('2026-03-07T09:00'))).toBe(true);
    expect(sickProofOverdue({ filedAt, proof: 'attached', now: shanghai('2026-04-01T00:00'), policy: basic })).toBe(false);
  });

  it('LEAVE-3: the grace days are a policy key, and the deadline is center midnight across DST', () => {
    const ny = policyFrom({ center: { timeZone: 'America/New_York' }, leave: { sick: { proofGraceDays: 3 } } });
    // Filed Friday 2026-03-06 (EST); DST starts 2026-03-08; overdue from Tuesday 03-10 00:00 EDT = 04:00Z.
    const filedAt = DateTime.fromISO('2026-03-06T23:30', { zone: 'America/New_York' });
    expect(utc(sickProofDeadline(filedAt, ny))).toBe('2026-03-10T04:00:00Z');
    const oneDay = policyFrom({ leave: { sick: { proofGraceDays: 1 } } });
    expect(utc(sickProofDeadline(shanghai('2026-03-02T23:00'), oneDay))).toBe('2026-03-03T16:00:00Z');
  });
});

describe('LEAVE-1 no overlap with my own leave', () => {
  const existing = (id: string, startDate: string, endDate: string, part: ExistingLeave['part'], status: ExistingLeave['status']) => ({
    id,
    startDate,
    endDate,
    part,
    status,
  });

  it('LEAVE-1: a request sharing a day with my pending or approved leave is refused, one error per leave', () => {
    const mine = [
      existing('L1', '2026-03-03', '2026-03-04', 'full', 'approved'),
      existing('L2', '2026-03-05', '2026-03-05', 'morning', 'pending'),
      existing('L3', '2026-03-04', '2026-03-06', 'full', 'rejected'),
      existing('L4', '2026-03-04', '2026-03-04', 'full', 'cancelled'),
    ];
    expect(validate(request({ startDate: '2026-03-04', endDate: '2026-03-05' }), { existing: mine })).toEqual({
      ok: false,
      errors: [
        { field: 'startDate', messageKey: 'leave.error.overlap', params: { leaveId: 'L1', startDate: '2026-03-03', endDate: '2026-03-04' } },
        { field: 'startDate', messageKey: 'leave.error.overlap', params: { leaveId: 'L2', startDate: '2026-03-05', endDate: '2026-03-05' } },
      ],
    });
  });

  it('LEAVE-1: a morning and an afternoon of the same day do not overlap; two mornings do', () => {
    const morning = [existing('L1', '2026-03-04', '2026-03-04', 'morning', 'approved')];
    expect(validate(request({ part: 'afternoon' }), { existing: morning })).toEqual({ ok: true, flags: [] });
    expect(keys(validate(request({ part: 'morning' }), { existing: morning }))).toEqual(['startDate:leave.error.overlap']);
    expect(keys(validate(request({ part: 'full' }), { existing: morning }))).toEqual(['startDate:leave.error.overlap']);
  });

  it('LEAVE-1: touching but not sharing a day is no overlap', () => {
    expect(leavesOverlap({ startDate: '2026-03-02', endDate: '2026-03-03', part: 'full' }, { startDate: '2026-03-04', endDate: '2026-03-06', part: 'full' })).toBe(false);
    expect(leavesOverlap({ startDate: '2026-03-02', endDate: '2026-03-04', part: 'full' }, { startDate: '2026-03-04', endDate: '2026-03-04', part: 'afternoon' })).toBe(true);
  });
});
