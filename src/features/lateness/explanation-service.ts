/**
 * LATE-5: a clock-in 30 or more minutes late (or a clock-out 30 or more early)
 * asks the employee for an explanation at once; the explanation goes to their
 * leave approver (LEAVE-4), who accepts or rejects it, once. Whether the event
 * then counts as ordinary lateness or absenteeism is the pure rules' decision
 * (src/policy/lateness/day.ts), from the explanation's status and submission time.
 */
import { DateTime } from 'luxon';
import type { Policy, RoleKey } from '../../policy/config/schema.ts';
import { approverFor } from '../../policy/leave/routing.ts';
import { recordAudit } from '../../shared/audit.ts';
import type { Clock } from '../../shared/clock.ts';
import { dateColumn, isoDateOf, type PrismaClient, type Tx } from '../../shared/db/types.ts';
import { AppError } from '../../shared/errors.ts';
import { enqueue } from '../../shared/outbox/outbox.ts';
import { leaveRepository, type EmployeeView } from '../leave/leave-repository.ts';

export interface ExplanationView {
  id: number;
  employee: { id: string; name: string };
  date: string;
  segment: string;
  kind: 'late' | 'early';
  minutes: number;
  status: 'requested' | 'submitted' | 'accepted' | 'rejected';
  text: string | null;
  decidedBy: string | null;
}

export interface ExplanationRenderer {
  request(view: ExplanationView, locale: string): { text: string; blocks?: unknown[] };
  approvalCard(view: ExplanationView, locale: string): { text: string; blocks?: unknown[] };
  decided(view: ExplanationView, locale: string): { text: string; blocks?: unknown[] };
}

export interface ExplanationDeps {
  prisma: PrismaClient;
  policy: Policy;
  clock: Clock;
  messenger: { platform: 'slack' | 'teams'; render: ExplanationRenderer; targetOf(person: EmployeeView): string | null };
}

type Row = Awaited<ReturnType<Tx['latenessExplanation']['findUniqueOrThrow']>>;

function view(row: Row, people: EmployeeView[]): ExplanationView {
  const name = (id: string | null) => (id ? (people.find((p) => p.id === id)?.name ?? id) : null);
  return {
    id: row.id,
    employee: { id: row.employeeId, name: name(row.employeeId)! },
    date: isoDateOf(row.date),
    segment: row.segment,
    kind: row.kind as ExplanationView['kind'],
    minutes: row.minutes,
    status: row.status as ExplanationView['status'],
    text: row.text,
    decidedBy: name(row.decidedById),
  };
}

function dm(deps: ExplanationDeps, person: EmployeeView | undefined, dedupeKey: string, payload: { text: string; blocks?: unknown[] }) {
  const target = person ? deps.messenger.targetOf(person) : null;
  return target ? [{ platform: deps.messenger.platform, kind: 'dm' as const, target, payload, dedupeKey }] : [];
}

/** Asks for an explanation of one event (once per employee, date, segment and kind). */
export async function requestExplanation(
  deps: ExplanationDeps,
  tx: Tx,
  args: { employeeId: string; date: string; segment: string; kind: 'late' | 'early'; minutes: number },
): Promise<number | null> {
  const repo = leaveRepository(tx);
  const people = await repo.people();
  const person = people.find((p) => p.id === args.employeeId);
  if (!person) return null;
  // LEAVE-4 routing, around an approver absent on the day of the event.
  const absent = await repo.absentOn(args.date);
  const route = approverFor({ requester: person, type: 'personal', org: people, policy: deps.policy, isAbsent: (id) => absent.has(id) });
  const existing = await tx.latenessExplanation.findUnique({
    where: { employeeId_date_segment_kind: { employeeId: args.employeeId, date: dateColumn(args.date), segment: args.segment, kind: args.kind } },
  });
  if (existing) return null;
  const row = await tx.latenessExplanation.create({
    data: { ...args, date: dateColumn(args.date), approverId: route.ok ? route.approverId : null, createdAt: deps.clock.now().toJSDate() },
  });
  await recordAudit(tx, [{ actor: 'system', action: 'explanation.request', entity: 'lateness_explanation', entityId: String(row.id), details: { ...args } }]);
  await enqueue(tx, dm(deps, person, `expl:${row.id}:request`, deps.messenger.render.request(view(row, people), person.locale)));
  return row.id;
}

/** The employee explains; the approver gets a card with Accept / Reject. */
export async function submitExplanation(deps: ExplanationDeps, args: { id: number; employeeId: string; text: string }): Promise<ExplanationView> {
  const text = args.text.trim();
  if (!text) throw new AppError('bad_input', 'explanation.error.empty', 'empty explanation');
  return deps.prisma.$transaction(async (tx: Tx) => {
    const at = deps.clock.now().toJSDate();
    const { count } = await tx.latenessExplanation.updateMany({
      where: { id: args.id, employeeId: args.employeeId, status: 'requested' },
      data: { status: 'submitted', text, submittedAt: at },
    });
    const row = await tx.latenessExplanation.findUnique({ where: { id: args.id } });
    if (!row || row.employeeId !== args.employeeId) throw new AppError('not_found', 'explanation.error.not_found', `explanation ${args.id} not found`, { details: { id: args.id } });
    if (count === 0) throw new AppError('conflict', 'explanation.error.already_submitted', `explanation ${args.id} is ${row.status}`);
    const people = await leaveRepository(tx).people();
    await recordAudit(tx, [{ actor: args.employeeId, action: 'explanation.submit', entity: 'lateness_explanation', entityId: String(row.id), at }]);
    const approver = people.find((p) => p.id === row.approverId);
    await enqueue(tx, dm(deps, approver, `expl:${row.id}:card`, deps.messenger.render.approvalCard(view(row, people), approver?.locale ?? 'zh-CN')));
    return view(row, people);
  });
}

/** The routed approver accepts or rejects, once; the employee is told. */
export async function decideExplanation(
  deps: ExplanationDeps,
  args: { id: number; actorId: string; decision: 'accepted' | 'rejected' },
): Promise<ExplanationView> {
  return deps.prisma.$transaction(async (tx: Tx) => {
    const at = deps.clock.now().toJSDate();
    const { count } = await tx.latenessExplanation.updateMany({
      where: { id: args.id, status: 'submitted', approverId: args.actorId },
      data: { status: args.decision, decidedById: args.actorId, decidedAt: at },
    });
    const row = await tx.latenessExplanation.findUnique({ where: { id: args.id } });
    if (!row) throw new AppError('not_found', 'explanation.error.not_found', `explanation ${args.id} not found`, { details: { id: args.id } });
    const people = await leaveRepository(tx).people();
    if (count === 0) {
      if (row.status === 'accepted' || row.status === 'rejected') {
        throw new AppError('conflict', 'explanation.error.already_decided', `explanation ${row.id} already ${row.status}`, {
          details: { by: people.find((p) => p.id === row.decidedById)?.name ?? '?', at: row.decidedAt ? DateTime.fromJSDate(row.decidedAt).setZone(deps.policy.center.timeZone).toFormat('yyyy-MM-dd HH:mm') : '?' },
        });
      }
      throw new AppError('forbidden', 'explanation.error.not_your_decision', `${args.actorId} may not decide explanation ${row.id}`);
    }
    await recordAudit(tx, [{ actor: args.actorId, action: `explanation.${args.decision === 'accepted' ? 'accept' : 'reject'}`, entity: 'lateness_explanation', entityId: String(row.id), at }]);
    const v = view(row, people);
    const approver = people.find((p) => p.id === args.actorId);
    const employee = people.find((p) => p.id === row.employeeId);
    const target = approver ? deps.messenger.targetOf(approver) : null;
    await enqueue(tx, [
      ...(target ? [{ platform: deps.messenger.platform, kind: 'update' as const, target, updateOf: `expl:${row.id}:card`, dedupeKey: `expl:${row.id}:card:decided`, payload: deps.messenger.render.approvalCard(v, approver!.locale) }] : []),
      ...dm(deps, employee, `expl:${row.id}:decided`, deps.messenger.render.decided(v, employee?.locale ?? 'zh-CN')),
    ]);
    return v;
  });
}

export type { RoleKey };
