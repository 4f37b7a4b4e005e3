import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { handoverFlagAt, handoverState, parseOpenTickets, pickIncoming } from '../../src/policy/routine/index.ts';
import { policyFrom } from './helpers.ts';

const zone = 'Asia/Shanghai';
const policy = policyFrom({ center: { timeZone: zone } });
const at = (iso: string) => DateTime.fromISO(iso, { zone });
const seg = (from: string, to: string) => ({ start: at(from), end: at(to) });

describe('handover timing', () => {
  it('handover timing: flagged routine.handoverGraceMinutes after the incoming shift starts, not a minute before; never twice; acknowledged never', () => {
    const h = { filedAt: at('2026-11-23T15:55'), incomingStartsAt: at('2026-11-23T16:00'), acknowledgedAt: null, flaggedAt: null };
    expect(handoverFlagAt(h, policy).toISO()).toBe(at('2026-11-23T16:15').toISO());
    expect(handoverState(h, at('2026-11-23T16:14'), policy)).toBe('waiting');
    expect(handoverState(h, at('2026-11-23T16:15'), policy)).toBe('flag-now');
    expect(handoverState({ ...h, flaggedAt: at('2026-11-23T16:15') }, at('2026-11-23T16:20'), policy)).toBe('flagged');
    expect(handoverState({ ...h, acknowledgedAt: at('2026-11-23T16:30') }, at('2026-11-23T17:00'), policy)).toBe('acknowledged');
    const grace40 = policyFrom({ center: { timeZone: zone }, routine: { handoverGraceMinutes: 40 } });
    expect(handoverState(h, at('2026-11-23T16:39'), grace40)).toBe('waiting');
    expect(handoverState(h, at('2026-11-23T16:40'), grace40)).toBe('flag-now');
  });

  it('handover timing: without an incoming handler, the grace counts from the filing', () => {
    const h = { filedAt: at('2026-11-23T23:50'), incomingStartsAt: null, acknowledgedAt: null, flaggedAt: null };
    expect(handoverState(h, at('2026-11-24T00:04'), policy)).toBe('waiting');
    expect(handoverState(h, at('2026-11-24T00:05'), policy)).toBe('flag-now');
  });

  it('handover timing: the incoming handler is the other handler with the earliest shift not yet ended (a shift under way counts; ties by id)', () => {
    const filed = at('2026-11-23T15:55');
    const candidates = [
      { employeeId: 'H1', segments: [seg('2026-11-23T08:00', '2026-11-23T16:00')] },
      { employeeId: 'H3', segments: [seg('2026-11-23T16:00', '2026-11-24T00:00')] },
      { employeeId: 'H2', segments: [seg('2026-11-23T08:00', '2026-11-23T12:00'), seg('2026-11-24T00:00', '2026-11-24T08:00')] },
    ];
    expect(pickIncoming(candidates, 'H1', filed)).toEqual({ employeeId: 'H3', startsAt: at('2026-11-23T16:00') });
    // H3 leaving at midnight: H2's night shift is next.
    expect(pickIncoming(candidates, 'H3', at('2026-11-23T23:55'))).toEqual({ employeeId: 'H2', startsAt: at('2026-11-24T00:00') });
    // Overlap: a shift already under way at filing is taken; ties go to the lower id.
    const tie = [
      { employeeId: 'H9', segments: [seg('2026-11-23T15:30', '2026-11-23T23:30')] },
      { employeeId: 'H4', segments: [seg('2026-11-23T15:30', '2026-11-23T23:30')] },
    ];
    expect(pickIncoming(tie, 'H1', filed)).toEqual({ employeeId: 'H4', startsAt: at('2026-11-23T15:30') });
    expect(pickIncoming([{ employeeId: 'H1', segments: [seg('2026-11-23T16:00', '2026-11-23T20:00')] }], 'H1', filed)).toBeNull();
  });

  it('open tickets are read one a line, "REF state" or "REF: state"', () => {
    expect(parseOpenTickets('T-101 waiting for the customer\n\n  T-102：已派单  \nT-103')).toEqual([
      { ref: 'T-101', state: 'waiting for the customer' },
      { ref: 'T-102', state: '已派单' },
      { ref: 'T-103', state: '' },
    ]);
  });
});
