import { beforeAll, describe, expect, it } from 'vitest';
import type { Policy } from '../../src/policy/config/schema.ts';
import { approverFor, type RouteResult } from '../../src/policy/leave/routing.ts';
import type { LeaveType, OrgPerson } from '../../src/policy/leave/types.ts';
import { policyFrom, preset } from './helpers.ts';
import { defaultOrg, person } from './leave-helpers.ts';

let basic: Policy;
beforeAll(async () => {
  basic = await preset('outbound-basic');
});

function route(
  requesterId: string,
  type: LeaveType = 'personal',
  { org = defaultOrg(), absent = [] as string[], policy = basic }: { org?: OrgPerson[]; absent?: string[]; policy?: Policy } = {},
): RouteResult {
  const requester = org.find((p) => p.id === requesterId);
  if (!requester) throw new Error(requesterId);
  return approverFor({ requester, type, org, policy, isAbsent: (id) => absent.includes(id) });
}

const plain = (approverId: string, reason: string, notifyOnApproval: string[] = []): RouteResult => ({
  ok: true,
  approverId,
  reason: reason as 'role-rule',
  skipped: [],
  approverAbsent: false,
  notifyOnApproval,
});

describe('LEAVE-4 approval routing, the default table', () => {
  it.each([
    ['a1', 'dh'],
    ['ch1', 'dh'],
    ['ts', 'dh'],
    ['om', 'tl'],
    ['cpm', 'tl'],
    ['tl', 'cm'],
  ])('LEAVE-4: the leave of %s goes to %s by the role rule', (requester, approver) => {
    expect(route(requester)).toEqual(plain(approver, 'role-rule'));
  });

  it('LEAVE-4: a dept_head’s leave goes to the general manager, and hr is notified on approval', () => {
    expect(route('dh')).toEqual(plain('gm', 'role-rule', ['hr1']));
    expect(route('dh', 'sick')).toEqual(plain('gm', 'role-rule', ['hr1']));
  });

  it('LEAVE-4: every active hr person is notified, an inactive one is not', () => {
    const org = [...defaultOrg(), person('hr0', 'hr', 'gm'), person('hr2', 'hr', 'gm', { active: false })];
    expect(route('dh', 'personal', { org })).toEqual(plain('gm', 'role-rule', ['hr0', 'hr1']));
  });

  it('LEAVE-4: roles without a rule (center manager, hr) go to their manager', () => {
    expect(route('cm')).toEqual(plain('gm', 'manager-fallback'));
    expect(route('hr1')).toEqual(plain('gm', 'manager-fallback'));
  });

  it('LEAVE-4: the general manager has no rule and no manager: no approver', () => {
    expect(route('gm')).toEqual({ ok: false, error: 'no_approver' });
  });

  it('LEAVE-4: a role with no rule in a custom table falls back to the manager', () => {
    const policy = policyFrom({ leave: { approval: { byRole: { dept_head: 'general_manager' } } } });
    expect(route('a1', 'personal', { policy })).toEqual(plain('om', 'manager-fallback'));
  });
});

describe('LEAVE-4 meeting leave', () => {
  it.each(['a1', 'ch1', 'ts', 'om', 'cpm', 'dh', 'cm'])('LEAVE-4: meeting leave of %s goes to the team leader', (id) => {
    const result = route(id, 'meeting');
    expect(result.ok && result.approverId).toBe('tl');
    expect(result.ok && result.reason).toBe('type-rule');
  });

  it('LEAVE-4: the team leader never approves their own meeting leave: it goes to the center manager', () => {
    expect(route('tl', 'meeting')).toEqual(plain('cm', 'role-rule'));
  });

  it('LEAVE-4: a team leader’s meeting leave goes to their own approver even when a second team leader exists', () => {
    const org = [...defaultOrg(), person('tl2', 'team_leader', 'cm')];
    expect(route('tl', 'meeting', { org })).toEqual(plain('cm', 'role-rule'));
  });
});

describe('LEAVE-4 who among several, and only active people', () => {
  it('LEAVE-4: the holder up the requester’s management chain wins over the same team and the lowest id', () => {
    const org = [
      person('gm', 'general_manager', null),
      person('dh0', 'dept_head', 'gm', { teamId: 'x' }),
      person('dh1', 'dept_head', 'gm', { teamId: 't9' }),
      person('dh2', 'dept_head', 'gm', { teamId: 't1' }),
      person('om', 'outbound_manager', 'dh1'),
      person('a1', 'outbound_agent', 'om'),
    ];
    expect(route('a1', 'personal', { org })).toEqual(plain('dh1', 'role-rule'));
  });

  it('LEAVE-4: outside the chain, the holder in the same team wins over the lowest id', () => {
    const org = [
      person('dh0', 'dept_head', null, { teamId: 'x' }),
      person('dh2', 'dept_head', null, { teamId: 't1' }),
      person('a1', 'outbound_agent', null),
    ];
    expect(route('a1', 'personal', { org })).toEqual(plain('dh2', 'role-rule'));
  });

  it('LEAVE-4: otherwise the lowest id', () => {
    const org = [
      person('dh9', 'dept_head', null, { teamId: 'x' }),
      person('dh3', 'dept_head', null, { teamId: 'y' }),
      person('a1', 'outbound_agent', null),
    ];
    expect(route('a1', 'personal', { org })).toEqual(plain('dh3', 'role-rule'));
  });

  it('LEAVE-4: inactive approvers are skipped: the other holder of the role, else the manager', () => {
    const inactive = defaultOrg().map((p) => (p.id === 'dh' ? { ...p, active: false } : p));
    expect(route('a1', 'personal', { org: [...inactive, person('dh2', 'dept_head', 'gm')] })).toEqual(plain('dh2', 'role-rule'));
    expect(route('a1', 'personal', { org: inactive })).toEqual(plain('om', 'manager-fallback'));
  });

  it('LEAVE-4: the manager fallback walks past inactive managers', () => {
    const org = defaultOrg().map((p) => (p.id === 'gm' ? { ...p, active: false } : p));
    org.push(person('owner', 'general_manager', null));
    const cm = org.find((p) => p.id === 'cm')!;
    cm.managerId = 'gm';
    org.find((p) => p.id === 'gm')!.managerId = 'owner';
    expect(route('cm', 'personal', { org })).toEqual(plain('owner', 'manager-fallback'));
  });
});

describe('LEAVE-4 absent approvers', () => {
  it('LEAVE-4: an absent dept_head: the agent’s leave goes to the general manager and says why', () => {
    expect(route('a1', 'personal', { absent: ['dh'] })).toEqual({
      ok: true,
      approverId: 'gm',
      reason: 'role-rule',
      escalatedFrom: { approverId: 'dh', why: 'absent' },
      skipped: [{ approverId: 'dh', why: 'absent' }],
      approverAbsent: false,
      notifyOnApproval: [],
    });
  });

  it('LEAVE-4: two absents in a row: team leader and center manager absent, the outbound manager’s leave goes to the general manager', () => {
    expect(route('om', 'personal', { absent: ['tl', 'cm'] })).toEqual({
      ok: true,
      approverId: 'gm',
      reason: 'manager-fallback',
      escalatedFrom: { approverId: 'tl', why: 'absent' },
      skipped: [
        { approverId: 'tl', why: 'absent' },
        { approverId: 'cm', why: 'absent' },
      ],
      approverAbsent: false,
      notifyOnApproval: [],
    });
  });

  it('LEAVE-4: an absent team leader and a meeting leave: escalated as a non-meeting leave of the team leader', () => {
    const result = route('a1', 'meeting', { absent: ['tl'] });
    expect(result.ok && [result.approverId, result.escalatedFrom]).toEqual(['cm', { approverId: 'tl', why: 'absent' }]);
  });

  it('LEAVE-4: the escalation never goes back to the requester and never loops', () => {
    // The general manager's manager is (oddly) the dept_head who asks.
    const org = defaultOrg().map((p) => (p.id === 'gm' ? { ...p, managerId: 'dh' } : p));
    expect(route('dh', 'personal', { org, absent: ['gm'] })).toEqual({
      ok: true,
      approverId: 'gm',
      reason: 'role-rule',
      skipped: [],
      approverAbsent: true,
      notifyOnApproval: ['hr1'],
    });
  });

  it('LEAVE-4: the requester’s own absence changes nothing', () => {
    expect(route('a1', 'personal', { absent: ['a1'] })).toEqual(plain('dh', 'role-rule'));
  });
});
