import type { OrgPerson, RoleKey } from '../../src/policy/leave/types.ts';

/** A person of the test org: active, team t1, hired 2024-11-24, default base pay, unless told otherwise. */
export function person(id: string, role: RoleKey, managerId: string | null, more: Partial<OrgPerson> = {}): OrgPerson {
  return { id, role, managerId, teamId: 't1', active: true, hireDate: '2024-11-24', basePayFen: null, ...more };
}

/** One person of each role, in one management chain (policy.md ORG). */
export function defaultOrg(): OrgPerson[] {
  return [
    person('gm', 'general_manager', null, { teamId: 'office' }),
    person('cm', 'center_manager', 'gm', { teamId: 'office' }),
    person('hr1', 'hr', 'gm', { teamId: 'office' }),
    person('dh', 'dept_head', 'gm', { teamId: 'office' }),
    person('tl', 'team_leader', 'cm'),
    person('om', 'outbound_manager', 'tl'),
    person('cpm', 'complaint_manager', 'tl', { teamId: 't2' }),
    person('ts', 'training_supervisor', 'dh'),
    person('a1', 'outbound_agent', 'om'),
    person('ch1', 'complaint_handler', 'cpm', { teamId: 't2' }),
  ];
}
