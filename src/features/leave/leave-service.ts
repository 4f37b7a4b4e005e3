/**
 * The leave use cases (LEAVE-1..8): file, decide, report back, and the overdue
 * sweep. Each runs in one transaction: the state change, the audit entries and
 * the messages to send (outbox) are stored together or not at all.
 */
import { DateTime } from 'luxon';
import type { Policy } from '../../policy/config/schema.ts';
import { chargeableDays, leaveCost } from '../../policy/leave/cost.ts';
import { datesBetween } from '../../policy/leave/dates.ts';
import { returnFromLeave, returnOverdue } from '../../policy/leave/return.ts';
import { approverFor } from '../../policy/leave/routing.ts';
import type { LeaveRequestInput } from '../../policy/leave/types.ts';
import { sickProofOverdue, validateLeaveRequest } from '../../policy/leave/validation.ts';
import { daySchedule, restDayAllowance, type DaySchedule, type RosterEntry } from '../../policy/working-time.ts';
import { recordAudit } from '../../shared/audit.ts';
import type { Clock } from '../../shared/clock.ts';
import { dateColumn, isoDateOf, type PrismaClient, type Tx } from '../../shared/db/types.ts';
import { AppError } from '../../shared/errors.ts';
import { enqueue, type OutboxInput } from '../../shared/outbox/outbox.ts';
import { keyOn } from '../org/reach.ts';
import { leaveRepository, type EmployeeView, type LeaveRepository, type LeaveRequest } from './leave-repository.ts';
import type { LeaveCardView, LeaveRenderer } from './leave-view.ts';

export interface LeaveDeps {
  prisma: PrismaClient;
  policy: Policy;
  clock: Clock;
  /** The platform the messages go out on and how they look there. */
  messenger: { platform: 'slack' | 'teams'; render: LeaveRenderer; targetOf(person: EmployeeView): string | null };
  /** Other platforms a DM also goes to (the sweeps' notices, features/org/reach.ts); their keys end `:<platform>`. */
  alsoTo?: Array<LeaveDeps['messenger']>;
  source: string;
}

const card = (id: number) => `leave:${id}:card`;

/** A request refused by LEAVE-1..3: every problem, by field, as i18n keys. */
export class LeaveValidationError extends AppError {
  constructor(readonly fieldErrors: Array<{ field: string; messageKey: string; params?: Record<string, string | number> }>) {
    super('bad_input', 'leave.error.invalid', `leave request refused: ${fieldErrors.map((e) => e.messageKey).join(', ')}`);
  }
}

function today(policy: Policy, clock: Clock): string {
  return clock.now().setZone(policy.center.timeZone).toISODate()!;
}

function scheduleOf(person: EmployeeView, policy: Policy, roster: RosterEntry[]): (date: string) => DaySchedule {
  return (date) =>
    daySchedule({
      employee: { id: person.id, role: person.role },
      date,
      policy,
      roster: roster.find((r) => r.employeeId === person.id && r.date === date),
    });
}


/** LEAVE-7: rest days of the month not yet used (rostered rest and approved rest leave count as used). */
function unusedRestDays(person: EmployeeView, policy: Policy, month: string, roster: RosterEntry[], leave: LeaveRequest[]): number {
  const allowance = restDayAllowance(person.role, policy);
  if (allowance.per !== 'month') return 0; // a weekly allowance has no month's pool to offset against
  const used = new Set(roster.filter((r) => r.employeeId === person.id && r.kind === 'rest' && r.date.startsWith(month)).map((r) => r.date));
  for (const l of leave) {
    if (l.employeeId !== person.id || l.type !== 'rest' || l.status !== 'approved') continue;
    for (const d of datesBetween(isoDateOf(l.startDate), isoDateOf(l.endDate))) if (d.startsWith(month)) used.add(d);
  }
  return Math.max(0, allowance.count - used.size);
}

async function buildCardView(repo: LeaveRepository, policy: Policy, request: LeaveRequest, people?: EmployeeView[]): Promise<LeaveCardView> {
  const everyone = people ?? (await repo.people());
  const byId = new Map(everyone.map((p) => [p.id, p]));
  const requester = byId.get(request.employeeId)!;
  const date = isoDateOf(request.startDate);
  const team = everyone.filter((p) => p.teamId === requester.teamId && p.active && p.id !== requester.id);
  const roster = await repo.rosterEntries(team.map((p) => p.id), date, date);
  const leaves = await repo.openLeaveBetween(date, date, team.map((p) => p.id));
  const othersOff: LeaveCardView['coverage']['othersOff'] = [];
  const remaining = new Map<string, { working: number; scheduled: number }>();
  for (const p of team) {
    const day = scheduleOf(p, policy, roster)(date);
    if (day.kind === 'rest') othersOff.push({ name: p.name, why: 'rest' });
    const onLeave = leaves.some((l) => l.employeeId === p.id);
    if (onLeave) othersOff.push({ name: p.name, why: 'leave' });
    if (day.kind !== 'working') continue;
    for (const s of day.segments) {
      const r = remaining.get(s.name) ?? { working: 0, scheduled: 0 };
      r.scheduled++;
      if (!onLeave) r.working++;
      remaining.set(s.name, r);
    }
  }
  const decider = request.decidedById ? byId.get(request.decidedById) : undefined;
  const lines = (request.costLines as LeaveCardView['cost']['lines'] | null) ?? [];
  return {
    requestId: request.id,
    employee: { id: requester.id, name: requester.name },
    type: request.type as LeaveCardView['type'],
    startDate: date,
    endDate: isoDateOf(request.endDate),
    part: request.part as LeaveCardView['part'],
    reason: request.reason,
    emergency: request.emergency,
    proof: request.proof as LeaveCardView['proof'],
    flags: request.flags,
    cost: { totalFen: request.costFen, losesFullAttendance: request.losesFullAttendance, fullAttendanceFen: policy.pay.fullAttendanceBonusFen, lines },
    coverage: { date, othersOff, remaining: [...remaining].map(([segment, r]) => ({ segment, ...r })) },
    approverName: byId.get(request.approverId)?.name ?? request.approverId,
    escalatedFrom: request.escalatedFromId ? { name: byId.get(request.escalatedFromId)?.name ?? request.escalatedFromId } : null,
    status: request.status as LeaveCardView['status'],
    decidedBy: decider && request.decidedAt ? { name: decider.name, at: request.decidedAt.toISOString() } : null,
    decisionNote: request.decisionNote,
  };
}

function message(deps: LeaveDeps, to: EmployeeView, dedupeKey: string, rendered: { text: string; blocks?: unknown[] }, renderOn?: (render: LeaveRenderer) => { text: string; blocks?: unknown[] }): OutboxInput[] {
  const target = deps.messenger.targetOf(to);
  const first: OutboxInput[] = target ? [{ platform: deps.messenger.platform, kind: 'dm', target, payload: rendered, dedupeKey }] : [];
  const others = (renderOn ? (deps.alsoTo ?? []) : []).flatMap((m): OutboxInput[] => {
    const to2 = m.targetOf(to);
    return to2 && m.platform !== deps.messenger.platform ? [{ platform: m.platform, kind: 'dm', target: to2, payload: renderOn!(m.render), dedupeKey: keyOn(dedupeKey, m.platform) }] : [];
  });
  return [...first, ...others];
}

/** LEAVE-1..4, LEAVE-8: files a request, routes it and sends the approver the card. */
export async function fileLeave(deps: LeaveDeps, input: LeaveRequestInput, extra: { proofFileId?: string } = {}): Promise<{ request: LeaveRequest; view: LeaveCardView; approver: EmployeeView }> {
  const { policy } = deps;
  return deps.prisma.$transaction(async (tx: Tx) => {
    const repo = leaveRepository(tx);
    const people = await repo.people();
    const requester = people.find((p) => p.id === input.employeeId && p.active);
    if (!requester) throw new AppError('not_in_org', 'common.not_in_org', `employee ${input.employeeId} is not in the org`);
    const month = input.startDate.slice(0, 7);
    const monthStart = `${month}-01`;
    const rangeEnd = input.endDate > input.startDate ? input.endDate : input.startDate;
    const roster = await repo.rosterEntries(people.map((p) => p.id), monthStart < input.startDate ? monthStart : input.startDate, rangeEnd);
    const schedule = scheduleOf(requester, policy, roster);
    const workingDays = input.endDate >= input.startDate ? chargeableDays({ startDate: input.startDate, endDate: input.endDate, part: input.part, schedule }) : [];
    const mine = await repo.openLeaveBetween(input.startDate, rangeEnd, [requester.id]);
    const validation = validateLeaveRequest({
      request: input,
      now: deps.clock.now(),
      policy,
      workingDays,
      existing: mine.map((l) => ({ id: String(l.id), startDate: isoDateOf(l.startDate), endDate: isoDateOf(l.endDate), part: l.part as LeaveRequestInput['part'], status: l.status as 'pending' | 'approved' })),
    });
    if (!validation.ok) throw new LeaveValidationError(validation.errors);

    const absentOnStart = await repo.absentOn(input.startDate);
    const route = approverFor({ requester, type: input.type, org: people, policy, isAbsent: (id) => absentOnStart.has(id) });
    if (!route.ok) throw new AppError('conflict', 'leave.error.no_approver', `no approver for ${requester.id}`);
    const approver = people.find((p) => p.id === route.approverId)!;

    const monthLeave = await repo.openLeaveBetween(monthStart, DateTime.fromISO(monthStart).endOf('month').toISODate()!, [requester.id]);
    const cost = leaveCost({ type: input.type, days: workingDays, person: requester, policy, unusedRestDaysInMonth: unusedRestDays(requester, policy, month, roster, monthLeave) });
    const request = await repo.create({
      employeeId: requester.id,
      type: input.type,
      startDate: dateColumn(input.startDate),
      endDate: dateColumn(input.endDate),
      part: input.part,
      reason: input.reason ?? '',
      emergency: input.emergency,
      proof: input.proof,
      proofFileId: extra.proofFileId ?? null,
      proofReceivedAt: input.proof === 'attached' ? deps.clock.now().toJSDate() : null,
      flags: validation.flags,
      approverId: approver.id,
      routeReason: route.reason,
      escalatedFromId: route.escalatedFrom?.approverId ?? null,
      costFen: cost.totalFen,
      losesFullAttendance: cost.losesFullAttendance,
      costLines: cost.lines.map((l) => ({ ruleId: l.ruleId, date: l.date, kind: l.kind, amountFen: l.amountFen })),
      source: deps.source,
      createdAt: deps.clock.now().toJSDate(),
    });
    const view = await buildCardView(repo, policy, request, people);
    await recordAudit(tx, [
      { actor: requester.id, action: 'leave.file', entity: 'leave_request', entityId: String(request.id), details: { type: input.type, startDate: input.startDate, endDate: input.endDate, part: input.part, approverId: approver.id, routeReason: route.reason, escalatedFromId: route.escalatedFrom?.approverId ?? null, flags: validation.flags, costFen: cost.totalFen } },
    ]);
    await enqueue(tx, [
      ...message(deps, approver, card(request.id), deps.messenger.render.approvalCard(view, approver.locale)),
      ...message(deps, requester, `leave:${request.id}:filed`, deps.messenger.render.filedNotice({ ...view }, requester.locale)),
    ]);
    return { request, view, approver };
  });
}

/** LEAVE-5: approve or reject, once, by the routed approver only. */
export async function decideLeave(
  deps: LeaveDeps,
  args: { requestId: number; actorId: string; decision: 'approved' | 'rejected'; note?: string | null },
): Promise<LeaveCardView> {
  return deps.prisma.$transaction(async (tx: Tx) => {
    const repo = leaveRepository(tx);
    const at = deps.clock.now().toJSDate();
    const won = await repo.decideOnce(args.requestId, args.actorId, args.decision, args.note ?? null, at);
    const request = await repo.byId(args.requestId);
    if (!request) throw new AppError('not_found', 'leave.error.not_found', `leave request ${args.requestId} not found`, { details: { id: args.requestId } });
    const people = await repo.people();
    const byId = new Map(people.map((p) => [p.id, p]));
    if (!won) {
      if (request.status !== 'pending') {
        throw new AppError('conflict', 'leave.already_decided', `leave request ${request.id} was already ${request.status}`, {
          details: {
            by: byId.get(request.decidedById ?? '')?.name ?? request.decidedById ?? '?',
            at: request.decidedAt ? DateTime.fromJSDate(request.decidedAt).setZone(deps.policy.center.timeZone).toFormat('yyyy-MM-dd HH:mm') : '?',
            status: request.status,
          },
        });
      }
      throw new AppError('forbidden', 'leave.not_your_approval', `${args.actorId} is not the approver of leave ${request.id}`);
    }
    const view = await buildCardView(repo, deps.policy, request, people);
    const requester = byId.get(request.employeeId)!;
    const approver = byId.get(args.actorId)!;
    await recordAudit(tx, [
      { actor: args.actorId, action: `leave.${args.decision === 'approved' ? 'approve' : 'reject'}`, entity: 'leave_request', entityId: String(request.id), details: { note: args.note ?? null }, at },
    ]);
    const messages: OutboxInput[] = [];
    const target = deps.messenger.targetOf(approver);
    if (target) {
      messages.push({ platform: deps.messenger.platform, kind: 'update', target, updateOf: card(request.id), payload: deps.messenger.render.approvalCard(view, approver.locale), dedupeKey: `${card(request.id)}:decided` });
    }
    messages.push(...message(deps, requester, `leave:${request.id}:decided`, deps.messenger.render.decidedNotice(view, requester.locale)));
    if (args.decision === 'approved') {
      const route = approverFor({ requester, type: request.type as LeaveRequestInput['type'], org: people, policy: deps.policy, isAbsent: () => false });
      for (const id of route.ok ? route.notifyOnApproval : []) {
        const hr = byId.get(id);
        if (hr) messages.push(...message(deps, hr, `leave:${request.id}:hr:${id}`, deps.messenger.render.hrNotice(view, hr.locale)));
      }
    }
    await enqueue(tx, messages);
    return view;
  });
}

/** LEAVE-6: the employee reports back; returning early ends the leave that day. */
export async function reportReturn(deps: LeaveDeps, employeeId: string): Promise<{ request: LeaveRequest; endsEarly: boolean; unusedDays: string[] }> {
  const date = today(deps.policy, deps.clock);
  return deps.prisma.$transaction(async (tx: Tx) => {
    const repo = leaveRepository(tx);
    const leave = await repo.lastUnreturned(employeeId, date);
    if (!leave) throw new AppError('not_found', 'leave.error.nothing_to_return', `no approved leave to return from for ${employeeId}`);
    const people = await repo.people();
    const person = people.find((p) => p.id === employeeId)!;
    const roster = await repo.rosterEntries([employeeId], isoDateOf(leave.startDate), isoDateOf(leave.endDate) > date ? isoDateOf(leave.endDate) : date);
    const result = returnFromLeave({
      leave: { startDate: isoDateOf(leave.startDate), endDate: isoDateOf(leave.endDate), part: leave.part as LeaveRequestInput['part'] },
      returnDate: date,
      schedule: scheduleOf(person, deps.policy, roster),
    });
    const updated = await repo.markReturned(leave.id, date, result.effectiveEndDate);
    await recordAudit(tx, [
      { actor: employeeId, action: 'leave.return', entity: 'leave_request', entityId: String(leave.id), details: { returnedOn: date, effectiveEndDate: result.effectiveEndDate, unusedDays: result.unusedDays } },
    ]);
    return { request: updated, endsEarly: result.endsEarly, unusedDays: result.unusedDays };
  });
}

/** LEAVE-6 sweep: approved leaves whose return was not reported in time; the approver is told once. */
export async function flagOverdueReturns(deps: LeaveDeps): Promise<number[]> {
  const date = today(deps.policy, deps.clock);
  return deps.prisma.$transaction(async (tx: Tx) => {
    const repo = leaveRepository(tx);
    const candidates = await tx.leaveRequest.findMany({
      where: { status: 'approved', returnedOn: null, endDate: { lt: dateColumn(date) }, NOT: { flags: { has: 'return-overdue' } } },
    });
    if (candidates.length === 0) return [];
    const people = await repo.people();
    const flagged: number[] = [];
    for (const leave of candidates) {
      const person = people.find((p) => p.id === leave.employeeId)!;
      const end = isoDateOf(leave.endDate);
      const roster = await repo.rosterEntries([person.id], end, date);
      const overdue = returnOverdue({
        leave: { startDate: isoDateOf(leave.startDate), endDate: end, part: leave.part as LeaveRequestInput['part'] },
        reportedAt: null,
        today: date,
        schedule: scheduleOf(person, deps.policy, roster),
      });
      if (!overdue) continue;
      const updated = await tx.leaveRequest.update({ where: { id: leave.id }, data: { flags: { push: 'return-overdue' } } });
      const approver = people.find((p) => p.id === leave.approverId)!;
      const view = await buildCardView(repo, deps.policy, updated, people);
      await recordAudit(tx, [{ actor: 'system', action: 'leave.return_overdue', entity: 'leave_request', entityId: String(leave.id) }]);
      await enqueue(tx, message(deps, approver, `leave:${leave.id}:return-overdue`, deps.messenger.render.returnOverdueNotice(view, approver.locale), (r) => r.returnOverdueNotice(view, approver.locale)));
      flagged.push(leave.id);
    }
    return flagged;
  });
}

/**
 * LEAVE-3 sweep: sick leave filed without proof whose grace period
 * (`leave.sick.proofGraceDays`) has passed is flagged, and the approver told, once.
 */
export async function flagOverdueSickProofs(deps: LeaveDeps): Promise<number[]> {
  const now = deps.clock.now();
  return deps.prisma.$transaction(async (tx: Tx) => {
    const repo = leaveRepository(tx);
    const candidates = await tx.leaveRequest.findMany({
      where: { type: 'sick', proof: { not: 'attached' }, status: { in: ['pending', 'approved'] }, NOT: { flags: { has: 'sick-proof-overdue' } } },
      orderBy: { id: 'asc' },
    });
    const overdue = candidates.filter((l) =>
      sickProofOverdue({
        filedAt: DateTime.fromJSDate(l.createdAt),
        proof: l.proof as LeaveRequestInput['proof'],
        proofReceivedAt: l.proofReceivedAt ? DateTime.fromJSDate(l.proofReceivedAt) : null,
        now,
        policy: deps.policy,
      }),
    );
    if (overdue.length === 0) return [];
    const people = await repo.people();
    for (const leave of overdue) {
      const updated = await tx.leaveRequest.update({ where: { id: leave.id }, data: { flags: { push: 'sick-proof-overdue' } } });
      const approver = people.find((p) => p.id === leave.approverId)!;
      const view = await buildCardView(repo, deps.policy, updated, people);
      await recordAudit(tx, [{ actor: 'system', action: 'leave.sick_proof_overdue', entity: 'leave_request', entityId: String(leave.id) }]);
      await enqueue(tx, message(deps, approver, `leave:${leave.id}:proof-overdue`, deps.messenger.render.proofOverdueNotice(view, approver.locale), (r) => r.proofOverdueNotice(view, approver.locale)));
    }
    return overdue.map((l) => l.id);
  });
}

/** `/leave list`: my recent requests, and those waiting for me. */
export async function listLeave(prisma: PrismaClient, employeeId: string) {
  return prisma.$transaction(async (tx: Tx) => {
    const repo = leaveRepository(tx);
    return { mine: await repo.mine(employeeId), waiting: await repo.waitingFor(employeeId) };
  });
}

export { buildCardView };
