/** The incident card's Block Kit (pure): within Slack's 50 blocks with a big roll call, buttons by state, in the reader's locale. */
import { describe, expect, it } from 'vitest';
import { incidentCard, ROLL_CALL_BUTTONS } from '../../../src/channels/slack/blocks/incident-blocks.ts';
import type { IncidentView } from '../../../src/features/incidents/incident-view.ts';
import { checklistOf } from '../../../src/policy/incidents/index.ts';

const base: IncidentView = {
  id: 7,
  type: 'fire',
  status: 'open',
  outage: false,
  occurredAt: '2026-06-01 10:00',
  filedAt: '2026-06-01 10:01',
  description: 'smoke in the pantry',
  actionsTaken: '',
  recoveryAt: null,
  durationMinutes: null,
  recorder: { id: 'E001', name: 'Zhang San' },
  subject: null,
  acknowledged: null,
  escalated: null,
  classification: null,
  resolved: null,
  checklist: checklistOf('fire'),
  timeline: [{ at: '2026-06-01 10:01', actor: 'Zhang San', kind: 'filed', text: '' }],
  rollCall: null,
  staffing: null,
  sickLeave: null,
  excused: false,
};
const actionIds = (blocks: unknown[]) =>
  (blocks as Array<{ type: string; elements?: Array<{ action_id?: string }> }>).filter((b) => b.type === 'actions').flatMap((b) => (b.elements ?? []).map((e) => e.action_id));

describe('incident card', () => {
  it('INC-2: a fire roll call of 45 keeps to 50 blocks: the first ones each with their button, the rest listed by name', () => {
    const rollCall = Array.from({ length: 45 }, (_, i) => ({ employeeId: `E${String(i).padStart(3, '0')}`, name: `P${i}`, safeAt: i === 0 ? '10:02' : null }));
    const channel = incidentCard({ ...base, rollCall }, 'en', 'channel');
    expect(channel.blocks.length).toBeLessThanOrEqual(50);
    const buttons = (channel.blocks as Array<{ accessory?: { action_id: string; value: string } }>).filter((b) => b.accessory?.action_id === 'incident_safe');
    expect(buttons).toHaveLength(ROLL_CALL_BUTTONS - 1); // P0 is safe already: no button
    expect(buttons[0]!.accessory!.value).toBe('7:E001');
    expect(JSON.stringify(channel.blocks)).toContain(`… and ${45 - ROLL_CALL_BUTTONS} more: P${ROLL_CALL_BUTTONS}`);
    expect(channel.text).toContain('Roll call: 1 of 45 safe');
    // The team leader's card lists who is unaccounted for, without anyone's button.
    const leader = incidentCard({ ...base, rollCall: rollCall.slice(0, 3) }, 'zh-CN', 'leader');
    expect(JSON.stringify(leader.blocks)).toContain('未报平安：P1, P2');
    expect(JSON.stringify(leader.blocks)).not.toContain('incident_safe');
  });

  it('INC-3: the buttons follow the state: acknowledge while open; update and resolve until resolved; the excuse once a resolved outage is not excused', () => {
    expect(actionIds(incidentCard(base, 'en', 'leader').blocks)).toEqual(['incident_acknowledge', 'incident_update', 'incident_resolve']);
    expect(actionIds(incidentCard({ ...base, status: 'acknowledged' }, 'en', 'leader').blocks)).toEqual(['incident_update', 'incident_resolve']);
    const outage = { ...base, type: 'network-outage' as const, outage: true, checklist: checklistOf('network-outage'), status: 'resolved' as const, recoveryAt: '2026-06-01 08:40', durationMinutes: 40, classification: 'provincial-system' as const };
    expect(actionIds(incidentCard(outage, 'en', 'channel').blocks)).toEqual(['incident_excuse']);
    expect(actionIds(incidentCard({ ...outage, excused: true }, 'en', 'channel').blocks)).toEqual([]);
    expect(JSON.stringify(incidentCard(outage, 'en', 'channel').blocks)).toContain('2026-06-01 08:40 (40 min)');
    const ill = { ...base, type: 'illness' as const, subject: { id: 'E002', name: 'Li Si' }, checklist: checklistOf('illness') };
    expect(actionIds(incidentCard(ill, 'en', 'leader').blocks)).toContain('incident_sick_leave');
    expect(actionIds(incidentCard({ ...ill, sickLeave: { id: 3, approver: 'Head', status: 'pending' } }, 'en', 'leader').blocks)).not.toContain('incident_sick_leave');
  });
});
