import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { briefDue, reportDue, selectBriefContent, teamFigures, type BriefInput } from '../../src/policy/routine/index.ts';
import { daySchedule, type RosterEntry, type RosterValue } from '../../src/policy/working-time.ts';
import { policyFrom } from './helpers.ts';

const policy = policyFrom({ center: { timeZone: 'Asia/Shanghai' } });
const zone = 'Asia/Shanghai';
// Monday 2026-11-23 (winter): the standard profile works 08:00–12:00 and 14:30–17:30.
const DATE = '2026-11-23';
const at = (hhmm: string) => DateTime.fromISO(`${DATE}T${hhmm}`, { zone });
const members = [
  { id: 'A1', name: 'Ann' },
  { id: 'B2', name: 'Bo' },
  { id: 'C3', name: 'Cai' },
  { id: 'D4', name: 'Dee' },
];
const schedule = (id: string, roster?: RosterValue) =>
  daySchedule({ employee: { id, role: 'outbound_agent' }, date: DATE, policy, ...(roster ? { roster: { employeeId: id, date: DATE, ...roster } as RosterEntry } : {}) });

function input(over: Partial<BriefInput> = {}): BriefInput {
  return {
    date: DATE,
    yesterday: '2026-11-22',
    members,
    summaries: [],
    lateness: [],
    schedules: members.map((m) => schedule(m.id)),
    leave: [],
    incidents: [],
    events: [],
    notes: [],
    policy,
    ...over,
  };
}

describe('MEET-1 brief content selection', () => {
  it('MEET-1 brief content selection: yesterday’s figures are the sums of the members’ summaries, connect rate connected/made, the PERF-2 target per agent who filed', () => {
    const summaries = [
      { employeeId: 'A1', callsMade: 200, callsConnected: 120, questionnairesCompleted: 64, orders: 3, customerIssues: 1 },
      { employeeId: 'B2', callsMade: 150, callsConnected: 61, questionnairesCompleted: 52, orders: 1, customerIssues: 0 },
      // Not a member of the team: left out.
      { employeeId: 'Z9', callsMade: 999, callsConnected: 999, questionnairesCompleted: 999, orders: 99, customerIssues: 9 },
    ];
    const brief = selectBriefContent(input({ summaries }));
    expect(brief.yesterday).toEqual({
      date: '2026-11-22',
      agents: 2,
      callsMade: 350,
      callsConnected: 181,
      connectRate: 51.7,
      questionnaires: 116,
      orders: 4,
      customerIssues: 1,
      targetPerAgent: 60,
      target: 120,
      belowTarget: [{ name: 'Bo', questionnaires: 52 }],
    });
  });

  it('MEET-1 brief content selection: no summaries gives zero figures and no connect rate', () => {
    const f = teamFigures('2026-11-22', [], new Map(), policy);
    expect([f.agents, f.callsMade, f.connectRate, f.target, f.belowTarget]).toEqual([0, 0, null, 0, []]);
  });

  it('MEET-1 brief content selection: leave and rest today, coverage per segment without those away (a morning half day takes the first segment)', () => {
    const brief = selectBriefContent(
      input({
        schedules: [schedule('A1'), schedule('B2'), schedule('C3', { kind: 'rest' }), schedule('D4')],
        leave: [
          { employeeId: 'B2', type: 'sick', part: 'full' },
          { employeeId: 'D4', type: 'personal', part: 'morning' },
          { employeeId: 'Z9', type: 'personal', part: 'full' },
        ],
      }),
    );
    expect(brief.onLeave).toEqual([
      { name: 'Bo', type: 'sick', part: 'full' },
      { name: 'Dee', type: 'personal', part: 'morning' },
    ]);
    expect(brief.resting).toEqual(['Cai']);
    expect(brief.coverage).toEqual([
      { segment: 'morning', time: '08:00–12:00', working: 1, names: ['Ann'] },
      { segment: 'afternoon', time: '14:30–17:30', working: 2, names: ['Ann', 'Dee'] },
    ]);
  });

  it('MEET-1 brief content selection: a rest-type leave counts as rest, not leave; yesterday’s lateness and absences of members only, excused ones not given', () => {
    const brief = selectBriefContent(
      input({
        leave: [{ employeeId: 'A1', type: 'rest', part: 'full' }],
        lateness: [
          { employeeId: 'B2', minutes: 7, absent: false },
          { employeeId: 'C3', minutes: 0, absent: true },
          { employeeId: 'D4', minutes: 0, absent: false },
          { employeeId: 'Z9', minutes: 30, absent: true },
        ],
      }),
    );
    expect(brief.onLeave).toEqual([]);
    expect(brief.resting).toEqual(['Ann']);
    expect(brief.coverage.map((c) => c.working)).toEqual([3, 3]);
    expect(brief.late).toEqual([{ name: 'Bo', minutes: 7 }]);
    expect(brief.absent).toEqual(['Cai']);
  });

  it('MEET-1 brief content selection: incidents by id, events by time, notes in the order written', () => {
    const brief = selectBriefContent(
      input({
        incidents: [
          { id: 7, type: 'power-outage', status: 'acknowledged', occurredAt: '2026-11-22 15:00' },
          { id: 3, type: 'other', status: 'open', occurredAt: '2026-11-21 09:00' },
        ],
        events: [
          { kind: 'meeting', time: '16:00', title: 'Q4' },
          { kind: 'training', time: '09:00', title: 'scripts' },
        ],
        notes: [
          { author: 'Lead', text: 'second campaign starts' },
          { author: 'Lead', text: 'check headsets' },
        ],
      }),
    );
    expect(brief.incidents.map((i) => i.id)).toEqual([3, 7]);
    expect(brief.events.map((e) => e.time)).toEqual(['09:00', '16:00']);
    expect(brief.notes.map((n) => n.text)).toEqual(['second campaign starts', 'check headsets']);
  });

  it('MEET-1 brief timing: due from the first segment start minus routine.briefLeadMinutes, for half an hour; nobody working, never', () => {
    const schedules = members.map((m) => schedule(m.id));
    expect(briefDue(schedules, at('07:44'), policy).due).toBe(false);
    expect(briefDue(schedules, at('07:45'), policy)).toEqual({ due: true, postAt: at('07:45') });
    expect(briefDue(schedules, at('08:14'), policy).due).toBe(true);
    expect(briefDue(schedules, at('08:15'), policy).due).toBe(false);
    const lead30 = policyFrom({ center: { timeZone: zone }, routine: { briefLeadMinutes: 30 } });
    expect(briefDue(schedules, at('07:30'), lead30).due).toBe(true);
    expect(briefDue(schedules, at('07:29'), lead30).due).toBe(false);
    const resting = members.map((m) => schedule(m.id, { kind: 'rest' }));
    expect(briefDue(resting, at('07:45'), policy)).toEqual({ due: false, postAt: null });
  });

  it('post-shift report timing: due once the last segment of the team has ended', () => {
    const schedules = [schedule('A1', { kind: 'segments', segments: ['morning'] }), schedule('B2')];
    expect(reportDue(schedules, at('17:29'))).toBe(false);
    expect(reportDue(schedules, at('17:30'))).toBe(true);
    expect(reportDue([schedule('A1', { kind: 'segments', segments: ['morning'] })], at('12:00'))).toBe(true);
    expect(reportDue([schedule('A1', { kind: 'rest' })], at('23:00'))).toBe(false);
  });
});
