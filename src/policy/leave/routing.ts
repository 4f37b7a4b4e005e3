/**
 * LEAVE-4: who approves a leave request.
 *
 * 1. The approver role: `leave.approval.byType[type]` (default: meeting →
 *    team_leader), then `leave.approval.byRole[role]` (the default table), and
 *    where neither matches, or nobody active holds the role, the requester's
 *    manager ("manager-fallback": the first active person up the managerId
 *    chain).
 * 2. Nobody approves their own request: a type rule naming the requester's
 *    own role does not apply to them (a team leader's meeting leave goes to the
 *    team leader's own approver, the center manager), and the requester is
 *    never a candidate.
 * 3. Only active people approve. When several active people hold the approver
 *    role, the choice is: the nearest one up the requester's management chain
 *    (walking managerId upward), else one in the requester's team, else the
 *    lowest id (plain string order).
 * 4. When the chosen approver is absent that day (`isAbsent`), the request goes
 *    to the approver's own approver: the same rules applied to the approver as
 *    the requester of a non-meeting leave (role rule, then manager), repeated
 *    while absent, never to the requester nor to anyone already passed over.
 *    Reading: it is the approver's own approver, as policy.md says, not
 *    another holder of the same role. If nobody is left to escalate to, the
 *    request stays with the last absent approver and `approverAbsent` says so
 *    (a request must land somewhere; the approver decides on return).
 * 5. On approval, the active holders of `leave.approval.notifyOnApproval
 *    [requester.role]` are notified (default: a dept_head's leave is filed with
 *    hr), whatever the leave type; the requester is never among them.
 */
import type { Policy } from '../config/schema.ts';
import type { LeaveType, OrgPerson, RoleKey } from './types.ts';

export type RouteReason = 'role-rule' | 'type-rule' | 'manager-fallback';

export interface RouteSkip {
  approverId: string;
  why: 'absent';
}

export type RouteResult =
  | {
      ok: true;
      approverId: string;
      /** Why this approver: for an escalated request, why the last one in the chain was chosen. */
      reason: RouteReason;
      /** The approver first chosen, when they were absent and the request went up. */
      escalatedFrom?: RouteSkip;
      /** Every approver passed over, in order (empty when nobody was). */
      skipped: RouteSkip[];
      /** True when every approver up the chain is absent: the request stays with the last one. */
      approverAbsent: boolean;
      /** Ids to notify when the request is approved (sorted). */
      notifyOnApproval: string[];
    }
  | { ok: false; error: 'no_approver' };

export interface ApproverForInput {
  requester: OrgPerson;
  type: LeaveType;
  org: readonly OrgPerson[];
  policy: Policy;
  /** Whether the employee is absent on the day that matters (the day the request is routed). */
  isAbsent: (employeeId: string) => boolean;
}

export function approverFor({ requester, type, org, policy, isAbsent }: ApproverForInput): RouteResult {
  const byId = new Map(org.map((p) => [p.id, p]));
  const excluded = new Set<string>([requester.id]);

  const first = resolveApprover(requester, type, byId, org, policy, excluded);
  if (!first) return { ok: false, error: 'no_approver' };

  let current = first;
  const skipped: RouteSkip[] = [];
  let approverAbsent = false;
  while (isAbsent(current.person.id)) {
    excluded.add(current.person.id);
    const next = resolveApprover(current.person, undefined, byId, org, policy, excluded);
    if (!next) {
      approverAbsent = true;
      break;
    }
    skipped.push({ approverId: current.person.id, why: 'absent' });
    current = next;
  }

  const notifyRoles = policy.leave.approval.notifyOnApproval[requester.role] ?? [];
  const notifyOnApproval = org
    .filter((p) => p.active && p.id !== requester.id && notifyRoles.includes(p.role))
    .map((p) => p.id)
    .sort(compareIds);

  return {
    ok: true,
    approverId: current.person.id,
    reason: current.reason,
    ...(skipped[0] ? { escalatedFrom: skipped[0] } : {}),
    skipped,
    approverAbsent,
    notifyOnApproval,
  };
}

/** The approver role for a person and leave type (undefined type: a non-meeting leave, role rule only). */
export function approverRole(
  person: Pick<OrgPerson, 'role'>,
  type: LeaveType | undefined,
  policy: Policy,
): { role: RoleKey; reason: 'type-rule' | 'role-rule' } | undefined {
  const byType = type ? policy.leave.approval.byType[type] : undefined;
  if (byType && byType !== person.role) return { role: byType, reason: 'type-rule' };
  const byRole = policy.leave.approval.byRole[person.role];
  if (byRole && byRole !== person.role) return { role: byRole, reason: 'role-rule' };
  return undefined;
}

// ------------------------------------------------------------------ helpers

interface Choice {
  person: OrgPerson;
  reason: RouteReason;
}

function resolveApprover(
  person: OrgPerson,
  type: LeaveType | undefined,
  byId: ReadonlyMap<string, OrgPerson>,
  org: readonly OrgPerson[],
  policy: Policy,
  excluded: ReadonlySet<string>,
): Choice | undefined {
  const rule = approverRole(person, type, policy);
  if (rule) {
    const candidates = org.filter((p) => p.active && p.role === rule.role && p.id !== person.id && !excluded.has(p.id));
    const chosen = pick(person, candidates, byId);
    if (chosen) return { person: chosen, reason: rule.reason };
  }
  // No rule, or nobody active holds the role: the first active manager up the chain.
  for (const manager of managementChain(person, byId))
    if (manager.active && !excluded.has(manager.id)) return { person: manager, reason: 'manager-fallback' };
  return undefined;
}

/** The person's managers, nearest first; stops at a missing id or a cycle. */
function managementChain(person: OrgPerson, byId: ReadonlyMap<string, OrgPerson>): OrgPerson[] {
  const chain: OrgPerson[] = [];
  const seen = new Set<string>([person.id]);
  for (let id = person.managerId; id !== null && !seen.has(id); ) {
    seen.add(id);
    const manager = byId.get(id);
    if (!manager) break;
    chain.push(manager);
    id = manager.managerId;
  }
  return chain;
}

/** Among candidates: nearest in the management chain, then same team, then lowest id. */
function pick(person: OrgPerson, candidates: readonly OrgPerson[], byId: ReadonlyMap<string, OrgPerson>): OrgPerson | undefined {
  if (candidates.length === 0) return undefined;
  const ids = new Set(candidates.map((c) => c.id));
  const inChain = managementChain(person, byId).find((m) => ids.has(m.id));
  if (inChain) return inChain;
  const sorted = [...candidates].sort((a, b) => compareIds(a.id, b.id));
  return sorted.find((c) => c.teamId === person.teamId) ?? sorted[0];
}

function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
