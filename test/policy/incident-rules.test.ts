/** INC-1..INC-4 as pure rules, and the attendance links (roll call, staffing gap, sick leave from a moment). */
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import {
  checkIncidentAction,
  checklistOf,
  clockedInAt,
  escalationDue,
  INCIDENT_TYPES,
  isIncidentType,
  isOutage,
  onLeaveAt,
  outageMinutes,
  rollCallAt,
  shouldEscalate,
  sickLeavePartFrom,
  staffingGap,
  validateIncidentReport,
  type IncidentState,
} from '../../src/policy/incidents/index.ts';
import { daySchedule } from '../../src/policy/working-time.ts';
import { en } from '../../src/shared/i18n/en.ts';
import { zhCN } from '../../src/shared/i18n/zh-cn.ts';
import { OUTBOUND_BASIC as policy, preset } from '../support/fixtures.ts';

const zone = 'Asia/Shanghai';
const at = (iso: string) => DateTime.fromISO(iso, { zone });
const now = at('2026-11-23T10:00:30');
// Monday 23 November 2026, winter: morning 08:00–12:00, afternoon 14:30–17:30.
const segments = daySchedule({ employee: { id: 'A', role: 'outbound_agent' }, date: '2026-11-23', policy }).segments;

const incident = (over: Partial<IncidentState> = {}): IncidentState => ({
  type: 'network-outage',
  status: 'open',
  recorderId: 'A1',
  occurredAt: at('2026-11-23T08:00'),
  classification: null,
  recoveryAt: null,
  subjectId: null,
  sickLeaveFiled: false,
  excused: false,
  ...over,
});
const leader = { id: 'TL', role: 'team_leader' as const, active: true };
const manager = { id: 'CM', role: 'center_manager' as const, active: true };
const agent = { id: 'A1', role: 'outbound_agent' as const, active: true };

describe('INC-1 types', () => {
  it('INC-1: seven types; the three outages (terminal, power, network) are outages, the others not', () => {
    expect(INCIDENT_TYPES).toEqual(['fire', 'illness', 'terminal-outage', 'power-outage', 'network-outage', 'press', 'other']);
    expect(INCIDENT_TYPES.filter(isOutage)).toEqual(['terminal-outage', 'power-outage', 'network-outage']);
    expect(isIncidentType('flood')).toBe(false);
    expect(isIncidentType('fire')).toBe(true);
  });
});

describe('INC-2 report and checklist', () => {
  it('INC-2: the fire checklist: stay calm, 119, stairs not lifts, the fire-safety officer — in both languages', () => {
    const keys = checklistOf('fire');
    expect(keys).toHaveLength(4);
    expect(keys.map((k) => en[k as keyof typeof en]).join(' ')).toMatch(/calm.*119.*stairs.*lifts.*fire-safety officer/);
    expect(keys.map((k) => zhCN[k as keyof typeof zhCN]).join(' ')).toMatch(/冷静.*119.*楼梯.*电梯.*消防安全员/);
  });

  it('INC-2: illness: family, 120, report up, cover from the roster; outages: record, judge provincial vs local; press and other: none', () => {
    expect(checklistOf('illness').map((k) => en[k as keyof typeof en]).join(' ')).toMatch(/family.*120.*Report up.*roster/);
    for (const type of ['terminal-outage', 'power-outage', 'network-outage'] as const) {
      expect(checklistOf(type).map((k) => zhCN[k as keyof typeof zhCN]).join(' ')).toMatch(/记录.*省级系统.*本地终端/);
    }
    expect(checklistOf('press')).toEqual([]);
    expect(checklistOf('other')).toEqual([]);
  });

  it('INC-2: a report needs type, time it happened (not in the future), description; illness names the person; recovery not before it happened', () => {
    expect(validateIncidentReport({ type: 'fire', occurredAt: at('2026-11-23T10:00'), description: 'smoke in room 3' }, now)).toEqual([]);
    const bad = validateIncidentReport({ type: 'flood', occurredAt: null, description: '  ' }, now).map((e) => `${e.field}:${e.messageKey}`);
    expect(bad).toEqual(['type:incidents.error.unknown_type', 'occurredAt:incidents.error.occurred_required', 'description:incidents.error.description_required']);
    expect(validateIncidentReport({ type: 'fire', occurredAt: at('2026-11-23T10:01'), description: 'x' }, now).map((e) => e.field)).toEqual(['occurredAt']);
    expect(validateIncidentReport({ type: 'illness', occurredAt: at('2026-11-23T09:00'), description: 'fainted' }, now).map((e) => e.messageKey)).toEqual(['incidents.error.subject_required']);
    expect(validateIncidentReport({ type: 'illness', occurredAt: at('2026-11-23T09:00'), description: 'fainted', subjectId: 'A1' }, now)).toEqual([]);
    expect(
      validateIncidentReport({ type: 'power-outage', occurredAt: at('2026-11-23T09:00'), description: 'dark', recoveryAt: at('2026-11-23T08:59') }, now).map((e) => e.messageKey),
    ).toEqual(['incidents.error.recovery_before_occurred']);
  });
});

describe('INC-3 who may act, in which state', () => {
  it('INC-3: the team leader acknowledges an open incident once; an agent may not; the center manager may', () => {
    expect(checkIncidentAction(incident(), leader, 'acknowledge', { now })).toEqual({ ok: true, next: 'acknowledged' });
    expect(checkIncidentAction(incident(), manager, 'acknowledge', { now })).toEqual({ ok: true, next: 'acknowledged' });
    expect(checkIncidentAction(incident(), agent, 'acknowledge', { now })).toEqual({ ok: false, messageKey: 'incidents.error.not_allowed' });
    expect(checkIncidentAction(incident({ status: 'acknowledged' }), leader, 'acknowledge', { now })).toEqual({ ok: false, messageKey: 'incidents.error.already_acknowledged' });
    expect(checkIncidentAction(incident(), { ...leader, active: false }, 'acknowledge', { now }).ok).toBe(false);
  });

  it('INC-3: only an outage is classified, as provincial system or local terminal, before it is resolved', () => {
    expect(checkIncidentAction(incident(), leader, 'classify', { now, classification: 'provincial-system' }).ok).toBe(true);
    expect(checkIncidentAction(incident(), leader, 'classify', { now, classification: 'the moon' })).toEqual({ ok: false, messageKey: 'incidents.error.classification_required' });
    expect(checkIncidentAction(incident({ type: 'fire' }), leader, 'classify', { now, classification: 'local-terminal' })).toEqual({ ok: false, messageKey: 'incidents.error.not_an_outage' });
    expect(checkIncidentAction(incident({ status: 'resolved' }), leader, 'classify', { now, classification: 'local-terminal' })).toEqual({ ok: false, messageKey: 'incidents.error.already_resolved' });
  });

  it('INC-3: resolving needs the recovery time (between the time it happened and now) and, for an outage, its classification', () => {
    const recovery = at('2026-11-23T08:40');
    expect(checkIncidentAction(incident(), leader, 'resolve', { now, recoveryAt: recovery })).toEqual({ ok: false, messageKey: 'incidents.error.classification_required' });
    expect(checkIncidentAction(incident(), leader, 'resolve', { now, recoveryAt: recovery, classification: 'provincial-system' })).toEqual({ ok: true, next: 'resolved' });
    expect(checkIncidentAction(incident({ classification: 'local-terminal', status: 'acknowledged' }), leader, 'resolve', { now, recoveryAt: recovery }).ok).toBe(true);
    expect(checkIncidentAction(incident({ type: 'fire' }), leader, 'resolve', { now, recoveryAt: null })).toEqual({ ok: false, messageKey: 'incidents.error.recovery_required' });
    expect(checkIncidentAction(incident({ type: 'fire' }), leader, 'resolve', { now, recoveryAt: at('2026-11-23T07:59') })).toEqual({ ok: false, messageKey: 'incidents.error.recovery_before_occurred' });
    expect(checkIncidentAction(incident({ type: 'fire' }), leader, 'resolve', { now, recoveryAt: at('2026-11-23T10:01') })).toEqual({ ok: false, messageKey: 'incidents.error.recovery_in_future' });
    expect(checkIncidentAction(incident({ type: 'fire', status: 'resolved' }), leader, 'resolve', { now, recoveryAt: recovery })).toEqual({ ok: false, messageKey: 'incidents.error.already_resolved' });
    expect(checkIncidentAction(incident({ type: 'fire' }), agent, 'resolve', { now, recoveryAt: recovery })).toEqual({ ok: false, messageKey: 'incidents.error.not_allowed' });
  });

  it('INC-3: the recorder and the acting roles add updates until it is resolved; others may not', () => {
    expect(checkIncidentAction(incident(), agent, 'note', { now }).ok).toBe(true); // A1 recorded it
    expect(checkIncidentAction(incident(), { ...agent, id: 'A2' }, 'note', { now })).toEqual({ ok: false, messageKey: 'incidents.error.not_allowed' });
    expect(checkIncidentAction(incident({ status: 'resolved' }), leader, 'note', { now }).ok).toBe(false);
  });

  it('INC-3: the outage window is excused once, after it is resolved; the sick leave once, for an illness that names someone; safe only from the roll call', () => {
    const resolved = incident({ status: 'resolved', recoveryAt: at('2026-11-23T08:40'), classification: 'provincial-system' });
    expect(checkIncidentAction(incident(), leader, 'excuse', { now })).toEqual({ ok: false, messageKey: 'incidents.error.not_resolved' });
    expect(checkIncidentAction(resolved, leader, 'excuse', { now }).ok).toBe(true);
    expect(checkIncidentAction({ ...resolved, excused: true }, leader, 'excuse', { now })).toEqual({ ok: false, messageKey: 'incidents.error.already_excused' });
    expect(checkIncidentAction(resolved, agent, 'excuse', { now }).ok).toBe(false);
    const ill = incident({ type: 'illness', subjectId: 'A2' });
    expect(checkIncidentAction(ill, leader, 'sick-leave', { now }).ok).toBe(true);
    expect(checkIncidentAction({ ...ill, sickLeaveFiled: true }, leader, 'sick-leave', { now })).toEqual({ ok: false, messageKey: 'incidents.error.sick_leave_done' });
    expect(checkIncidentAction(incident(), leader, 'sick-leave', { now })).toEqual({ ok: false, messageKey: 'incidents.error.not_an_illness' });
    expect(checkIncidentAction(incident({ type: 'fire' }), agent, 'safe', { now, onRollCall: true }).ok).toBe(true);
    expect(checkIncidentAction(incident({ type: 'fire' }), agent, 'safe', { now, onRollCall: false }).ok).toBe(false);
  });

  it("INC-3: an outage's duration in whole minutes; none until it recovers", () => {
    expect(outageMinutes(at('2026-11-23T08:00'), at('2026-11-23T08:40'))).toBe(40);
    expect(outageMinutes(at('2026-11-23T08:00:50'), at('2026-11-23T08:40:10'))).toBe(40);
    expect(outageMinutes(at('2026-11-23T08:00'), null)).toBeNull();
  });
});

describe('INC-4 escalation', () => {
  const filed = at('2026-11-23T10:00:40');
  it('INC-4: filed at 10:00:40, not acknowledged: due at 10:10 (whole minutes); not at 10:09; never twice; never once acknowledged', () => {
    expect(escalationDue(filed, policy).toFormat('HH:mm:ss')).toBe('10:10:00');
    const open = { status: 'open' as const, filedAt: filed, escalatedAt: null };
    expect(shouldEscalate(open, at('2026-11-23T10:09'), policy)).toBe(false);
    expect(shouldEscalate(open, at('2026-11-23T10:10'), policy)).toBe(true);
    expect(shouldEscalate(open, at('2026-11-23T10:25'), policy)).toBe(true);
    expect(shouldEscalate({ ...open, escalatedAt: at('2026-11-23T10:10') }, at('2026-11-23T10:11'), policy)).toBe(false);
    expect(shouldEscalate({ ...open, status: 'acknowledged' }, at('2026-11-23T10:11'), policy)).toBe(false);
    expect(shouldEscalate({ ...open, status: 'resolved' }, at('2026-11-23T10:11'), policy)).toBe(false);
  });

  it('INC-4: the timeout comes from incidents.ackTimeoutMinutes', async () => {
    const base = await preset('outbound-basic');
    const five = { ...base, incidents: { ackTimeoutMinutes: 5 } };
    expect(escalationDue(filed, five).toFormat('HH:mm')).toBe('10:05');
    expect(shouldEscalate({ status: 'open', filedAt: filed, escalatedAt: null }, at('2026-11-23T10:05'), five)).toBe(true);
  });
});

describe('attendance links', () => {
  const ev = (time: string, direction: 'in' | 'out') => ({ at: at(`2026-11-23T${time}`), direction });

  it('fire roll call: clocked in = last event of the day up to that minute is an in; on leave or clocked out is not on the floor', () => {
    const fire = at('2026-11-23T10:00');
    expect(clockedInAt([ev('07:58', 'in')], fire)).toBe(true);
    expect(clockedInAt([ev('07:58', 'in'), ev('09:30', 'out')], fire)).toBe(false);
    expect(clockedInAt([ev('10:00:45', 'in')], fire)).toBe(true); // the same minute
    expect(clockedInAt([ev('10:01', 'in')], fire)).toBe(false);
    expect(clockedInAt([{ at: at('2026-11-22T16:00'), direction: 'in' }], fire)).toBe(false); // yesterday
    const people = [
      { id: 'in', events: [ev('07:58', 'in')], segments, leave: [] },
      { id: 'out', events: [ev('07:58', 'in'), ev('09:30', 'out')], segments, leave: [] },
      { id: 'leave', events: [ev('07:58', 'in')], segments, leave: [{ part: 'morning' as const }] },
      { id: 'afternoon-leave', events: [ev('07:55', 'in')], segments, leave: [{ part: 'afternoon' as const }] },
      { id: 'none', events: [], segments, leave: [] },
    ];
    expect(rollCallAt(people, fire)).toEqual(['in', 'afternoon-leave']);
    expect(onLeaveAt(segments, [{ part: 'afternoon' }], at('2026-11-23T13:00'))).toBe(true); // between segments: the next one
    expect(onLeaveAt(segments, [{ part: 'morning' }], at('2026-11-23T13:00'))).toBe(false);
  });

  it('illness: the staffing gap of the rest of the day, per segment not yet ended, without the person taken ill', () => {
    const team = [
      { id: 'ill', segments, leave: [] },
      { id: 'b', segments, leave: [] },
      { id: 'c', segments, leave: [{ part: 'afternoon' as const }] },
      { id: 'd', segments: [], leave: [] }, // rest day
    ];
    const gap = staffingGap(team, 'ill', at('2026-11-23T10:30')).map((s) => `${s.segment} ${s.remaining}/${s.scheduled}`);
    expect(gap).toEqual(['morning 2/3', 'afternoon 1/3']);
    expect(staffingGap(team, 'ill', at('2026-11-23T15:00')).map((s) => `${s.segment} ${s.remaining}/${s.scheduled}`)).toEqual(['afternoon 1/3']);
    expect(staffingGap(team, 'ill', at('2026-11-23T18:00'))).toEqual([]);
  });

  it('illness: sick leave from the moment: the full day during the morning, the afternoon after it, nothing once the day is over', () => {
    expect(sickLeavePartFrom(segments, at('2026-11-23T10:30'))).toBe('full');
    expect(sickLeavePartFrom(segments, at('2026-11-23T12:30'))).toBe('afternoon');
    expect(sickLeavePartFrom(segments, at('2026-11-23T16:00'))).toBe('afternoon');
    expect(sickLeavePartFrom(segments, at('2026-11-23T17:30'))).toBeNull();
    expect(sickLeavePartFrom([], at('2026-11-23T10:30'))).toBeNull();
  });
});
