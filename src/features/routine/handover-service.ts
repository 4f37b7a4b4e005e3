/**
 * Shift handover (交接班) of complaint handlers: the outgoing handler files it
 * (tickets received, handled, open with their state, notes); the incoming
 * handler (the next complaint handler rostered, policy/routine/handover.ts)
 * gets it by DM and acknowledges it; `handover-check` flags an unacknowledged
 * one to the complaint managers, once (a conditional update on flagged_at).
 */
import { DateTime } from 'luxon';
import type { Policy, RoleKey } from '../../policy/config/schema.ts';
import { handoverState, parseOpenTickets, pickIncoming, type OpenTicket } from '../../policy/routine/index.ts';
import { recordAudit } from '../../shared/audit.ts';
import { dateColumn, type PrismaClient, type Tx } from '../../shared/db/types.ts';
import { AppError } from '../../shared/errors.ts';
import { DEFAULT_LOCALE, isLocale, type Locale } from '../../shared/i18n/index.ts';
import { enqueue, type OutboxInput } from '../../shared/outbox/outbox.ts';
import { addressed, ALL_PLATFORMS, peopleAddresses, type PlatformsOn } from '../org/reach.ts';
import { schedulesOn } from './routine-facts.ts';
import type { HandoverView, RoutineRenderers } from './routine-view.ts';

export const HANDOVER_ROLES: readonly RoleKey[] = ['complaint_handler'];
export const HANDOVER_TEXT_MAX = 2000;
export const incomingKey = (id: number) => `routine:handover:${id}:incoming`;
export const flagKey = (id: number, managerId: string) => `routine:handover:${id}:flag:${managerId}`;

const localeOf = (value: string): Locale => (isLocale(value) ? value : DEFAULT_LOCALE);

export interface HandoverForm {
  ticketsReceived: string | null;
  ticketsHandled: string | null;
  openTickets: string | null;
  notes: string | null;
}

/** A form count: a whole number 0–100000, or a bad_input naming the field. */
function countOf(field: 'ticketsReceived' | 'ticketsHandled', value: string | null): number {
  const text = (value ?? '').trim();
  if (!/^\d{1,6}$/.test(text) || Number(text) > 100_000) throw new AppError('bad_input', 'routine.handover.bad_count', `bad ${field}`, { details: { field } });
  return Number(text);
}

function fmt(policy: Policy, at: Date | null): string | null {
  return at ? DateTime.fromJSDate(at).setZone(policy.center.timeZone).toFormat('yyyy-MM-dd HH:mm') : null;
}

async function viewOf(tx: Tx, policy: Policy, row: { id: number; fromId: string; toId: string | null; filedAt: Date; incomingStartsAt: Date | null; ticketsReceived: number; ticketsHandled: number; openTickets: unknown; notes: string }): Promise<HandoverView> {
  const people = await tx.employee.findMany({ where: { id: { in: [row.fromId, ...(row.toId ? [row.toId] : [])] } } });
  const name = (id: string) => people.find((p) => p.id === id)?.name ?? id;
  return {
    id: row.id,
    fromName: name(row.fromId),
    toName: row.toId ? name(row.toId) : null,
    filedAt: fmt(policy, row.filedAt)!,
    incomingStartsAt: fmt(policy, row.incomingStartsAt),
    ticketsReceived: row.ticketsReceived,
    ticketsHandled: row.ticketsHandled,
    openTickets: row.openTickets as OpenTicket[],
    notes: row.notes,
  };
}

/** Files a handover and DMs the incoming handler (when there is one) in one transaction. */
export async function fileHandover(
  prisma: PrismaClient,
  policy: Policy,
  args: HandoverForm & { actorId: string; now: DateTime; channel: string },
  render: RoutineRenderers,
  on: PlatformsOn = ALL_PLATFORMS,
): Promise<{ id: number; incoming: { name: string; startsAt: string } | null }> {
  const ticketsReceived = countOf('ticketsReceived', args.ticketsReceived);
  const ticketsHandled = countOf('ticketsHandled', args.ticketsHandled);
  const notes = (args.notes ?? '').trim();
  const openText = (args.openTickets ?? '').trim();
  if (notes.length > HANDOVER_TEXT_MAX || openText.length > HANDOVER_TEXT_MAX) {
    throw new AppError('bad_input', 'routine.handover.too_long', 'too long', { details: { field: notes.length > HANDOVER_TEXT_MAX ? 'notes' : 'openTickets', max: HANDOVER_TEXT_MAX } });
  }
  const openTickets = parseOpenTickets(openText);
  const local = args.now.setZone(policy.center.timeZone);
  const today = local.toISODate()!;
  const tomorrow = local.plus({ days: 1 }).toISODate()!;
  return prisma.$transaction(async (tx) => {
    const actor = await tx.employee.findUnique({ where: { id: args.actorId } });
    if (!actor?.active || !(HANDOVER_ROLES as readonly string[]).includes(actor.role)) throw new AppError('forbidden', 'routine.handover.handlers_only', `${args.actorId} may not file a handover`);
    const handlers = await tx.employee.findMany({ where: { role: { in: [...HANDOVER_ROLES] }, active: true, id: { not: actor.id } }, orderBy: { id: 'asc' } });
    const people = handlers.map((h) => ({ id: h.id, role: h.role as RoleKey }));
    const schedules = [...(await schedulesOn(tx, policy, people, today)), ...(await schedulesOn(tx, policy, people, tomorrow))];
    const incoming = pickIncoming(
      handlers.map((h) => ({ employeeId: h.id, segments: schedules.filter((s) => s.employeeId === h.id && s.kind === 'working').flatMap((s) => s.segments) })),
      actor.id,
      local,
    );
    const row = await tx.shiftHandover.create({
      data: {
        fromId: actor.id,
        toId: incoming?.employeeId ?? null,
        date: dateColumn(today),
        incomingStartsAt: incoming?.startsAt.toJSDate() ?? null,
        ticketsReceived,
        ticketsHandled,
        openTickets: openTickets as unknown as object,
        notes,
        filedAt: args.now.toJSDate(),
        channel: args.channel,
      },
    });
    const view = await viewOf(tx, policy, row);
    if (incoming) {
      const to = handlers.find((h) => h.id === incoming.employeeId)!;
      const addresses = (await peopleAddresses(tx, [to.id], on)).get(to.id) ?? [];
      await enqueue(tx, addressed(addresses, 'dm', (p) => render[p].handoverIncoming(localeOf(to.locale), view), incomingKey(row.id)));
    }
    await recordAudit(tx, [{ actor: actor.id, action: 'routine.handover.file', entity: 'shift_handover', entityId: String(row.id), details: { to: incoming?.employeeId ?? null }, at: args.now.toJSDate() }]);
    return { id: row.id, incoming: incoming ? { name: view.toName!, startsAt: view.incomingStartsAt! } : null };
  });
}

/** The incoming handler acknowledges, once; anybody else is refused. */
export async function acknowledgeHandover(prisma: PrismaClient, policy: Policy, args: { id: number; actorId: string; now: DateTime }): Promise<{ outcome: 'acknowledged' | 'already'; time: string; from: string }> {
  return prisma.$transaction(async (tx) => {
    const row = await tx.shiftHandover.findUnique({ where: { id: args.id } });
    if (!row) throw new AppError('not_found', 'routine.handover.not_found', `no handover ${args.id}`);
    const from = (await tx.employee.findUnique({ where: { id: row.fromId } }))?.name ?? row.fromId;
    if (row.toId !== args.actorId) throw new AppError('forbidden', 'routine.handover.incoming_only', `${args.actorId} is not the incoming handler`, { details: { from } });
    const updated = await tx.shiftHandover.updateMany({ where: { id: row.id, toId: args.actorId, acknowledgedAt: null }, data: { acknowledgedAt: args.now.toJSDate() } });
    if (updated.count === 0) {
      const again = await tx.shiftHandover.findUniqueOrThrow({ where: { id: row.id } });
      return { outcome: 'already' as const, time: fmt(policy, again.acknowledgedAt)!, from };
    }
    await recordAudit(tx, [{ actor: args.actorId, action: 'routine.handover.acknowledge', entity: 'shift_handover', entityId: String(row.id), at: args.now.toJSDate() }]);
    return { outcome: 'acknowledged' as const, time: fmt(policy, args.now.toJSDate())!, from };
  });
}

/** As of the job's slot: each handover whose grace has run out unacknowledged is flagged to the complaint managers, once. */
export async function checkHandovers(prisma: PrismaClient, policy: Policy, slot: DateTime, render: RoutineRenderers, on: PlatformsOn = ALL_PLATFORMS): Promise<number[]> {
  const candidates = await prisma.shiftHandover.findMany({ where: { acknowledgedAt: null, flaggedAt: null }, orderBy: { id: 'asc' } });
  const flagged: number[] = [];
  for (const c of candidates) {
    const state = handoverState(
      { filedAt: DateTime.fromJSDate(c.filedAt), incomingStartsAt: c.incomingStartsAt ? DateTime.fromJSDate(c.incomingStartsAt) : null, acknowledgedAt: null, flaggedAt: null },
      slot,
      policy,
    );
    if (state !== 'flag-now') continue;
    const done = await prisma.$transaction(async (tx) => {
      const won = await tx.shiftHandover.updateMany({ where: { id: c.id, acknowledgedAt: null, flaggedAt: null }, data: { flaggedAt: slot.toJSDate() } });
      if (won.count === 0) return false;
      const managers = await tx.employee.findMany({ where: { role: 'complaint_manager', active: true }, orderBy: { id: 'asc' } });
      const view = { ...(await viewOf(tx, policy, c)), graceMinutes: policy.routine.handoverGraceMinutes };
      const addresses = await peopleAddresses(tx, managers.map((m) => m.id), on);
      const messages: OutboxInput[] = managers.flatMap((m) => addressed(addresses.get(m.id) ?? [], 'dm', (p) => render[p].handoverFlag(localeOf(m.locale), view), flagKey(c.id, m.id)));
      await enqueue(tx, messages);
      await recordAudit(tx, [{ actor: 'system', action: 'routine.handover.flag', entity: 'shift_handover', entityId: String(c.id), details: { managers: managers.map((m) => m.id) }, at: slot.toJSDate() }]);
      return true;
    });
    if (done) flagged.push(c.id);
  }
  return flagged;
}
