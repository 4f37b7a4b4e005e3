/**
 * TRAIN-2: the weekly training plan (周培训计划) is due from the plan owners
 * (`training.planRoles`: the outbound and complaint managers) on
 * `training.planDue.weekday` morning. The bot reminds each owner who has not
 * submitted yet at `reminderAt` (a DM with a button to the plan form), and at
 * `reportAt` tells each active team leader who has not submitted (or that all
 * have). A plan belongs to the week of its Monday; a second one replaces the
 * first (audited). Both messages go once per week and person (outbox keys),
 * on every platform that is on where the person has an identity
 * (features/org/reach.ts; Teams keys end `:teams`).
 */
import type { DateTime } from 'luxon';
import type { Policy } from '../../policy/config/schema.ts';
import { weekStartOf } from '../../policy/training/attendance.ts';
import { isWorkingDay } from '../../policy/working-time.ts';
import { recordAudit } from '../../shared/audit.ts';
import { dateColumn, type PrismaClient } from '../../shared/db/types.ts';
import { AppError } from '../../shared/errors.ts';
import { isLocale, t, type Locale } from '../../shared/i18n/index.ts';
import { enqueue, type OutboxInput, type OutboxPlatform } from '../../shared/outbox/outbox.ts';
import type { OutboxPayload } from '../../shared/outbox/transport.ts';
import { orgRepository } from '../org/org-repository.ts';
import { addressed, ALL_PLATFORMS, peopleAddresses, type PlatformsOn } from '../org/reach.ts';

export interface PlanReminderView {
  employeeId: string;
  name: string;
  locale: Locale;
  weekStart: string;
}

export type PlanReminderRenderer = (view: PlanReminderView) => { text: string; blocks?: unknown[] };

/** How a text-only message reads on a platform (Teams: a text card); a platform not given gets the text as is. */
export type TextRenderers = Partial<Record<OutboxPlatform, (payload: { text: string }) => OutboxPayload>>;

const localeOf = (value: string): Locale => (isLocale(value) ? value : 'zh-CN');

/** The plan owners: active employees of `training.planRoles`, with their Slack id. */
async function planOwners(prisma: PrismaClient, policy: Policy) {
  return orgRepository(prisma).activeInRoles(policy.training.planRoles, 'slack');
}

/** The week a local instant belongs to (its Monday, "YYYY-MM-DD"). */
export function planWeekOf(at: DateTime, policy: Policy): string {
  return weekStartOf(at.setZone(policy.center.timeZone).toISODate()!);
}

/** TRAIN-2 reminder, as of the slot: each owner who has not submitted this week's plan gets a DM (once a week). */
export async function sendPlanReminders(
  prisma: PrismaClient,
  policy: Policy,
  slot: DateTime,
  render: PlanReminderRenderer | Record<OutboxPlatform, PlanReminderRenderer>,
  on: PlatformsOn = ALL_PLATFORMS,
): Promise<string[]> {
  const date = slot.setZone(policy.center.timeZone).toISODate()!;
  if (!isWorkingDay(date, policy)) return [];
  const weekStart = weekStartOf(date);
  const owners = await planOwners(prisma, policy);
  const submitted = new Set((await prisma.trainingPlan.findMany({ where: { weekStart: dateColumn(weekStart) } })).map((p) => p.employeeId));
  const renderOn = (p: OutboxPlatform) => (typeof render === 'function' ? render : render[p]);
  const reminded: string[] = [];
  await prisma.$transaction(async (tx) => {
    const addresses = await peopleAddresses(tx, owners.map((o) => o.id), on);
    const messages: OutboxInput[] = [];
    for (const owner of owners) {
      const to = addresses.get(owner.id) ?? [];
      if (to.length === 0 || submitted.has(owner.id)) continue;
      const view = { employeeId: owner.id, name: owner.name, locale: localeOf(owner.locale), weekStart };
      messages.push(...addressed(to, 'dm', (p) => renderOn(p)(view), `training-plan:reminder:${weekStart}:${owner.id}`));
      reminded.push(owner.id);
    }
    await enqueue(tx, messages);
  });
  return reminded;
}

/** TRAIN-2 report, as of the slot: each active team leader gets the owners who have not submitted this week's plan. */
export async function sendPlanReport(
  prisma: PrismaClient,
  policy: Policy,
  slot: DateTime,
  render: TextRenderers = {},
  on: PlatformsOn = ALL_PLATFORMS,
): Promise<{ weekStart: string; missing: string[]; leaders: string[] }> {
  const date = slot.setZone(policy.center.timeZone).toISODate()!;
  const weekStart = weekStartOf(date);
  if (!isWorkingDay(date, policy)) return { weekStart, missing: [], leaders: [] };
  const owners = await planOwners(prisma, policy);
  const submitted = new Set((await prisma.trainingPlan.findMany({ where: { weekStart: dateColumn(weekStart) } })).map((p) => p.employeeId));
  const missing = owners.filter((o) => !submitted.has(o.id));
  const leaders = await orgRepository(prisma).activeInRoles(['team_leader'], 'slack');
  const told: string[] = [];
  await prisma.$transaction(async (tx) => {
    const addresses = await peopleAddresses(tx, leaders.map((l) => l.id), on);
    const messages: OutboxInput[] = [];
    for (const leader of leaders) {
      const to = addresses.get(leader.id) ?? [];
      if (to.length === 0) continue;
      const l = localeOf(leader.locale);
      const text = missing.length
        ? t(l, 'training.plan.report_missing', { week: weekStart, count: missing.length, names: missing.map((m) => `${m.name} (${m.id})`).join(l === 'en' ? ', ' : '、') })
        : t(l, 'training.plan.report_all', { week: weekStart, count: owners.length });
      messages.push(...addressed(to, 'dm', (p) => render[p]?.({ text }) ?? { text }, `training-plan:report:${weekStart}:${leader.id}`));
      told.push(leader.id);
    }
    await enqueue(tx, messages);
  });
  return { weekStart, missing: missing.map((m) => m.id), leaders: told };
}

/**
 * TRAIN-2: a plan owner submits the plan of a week (default: the week of
 * `now`). A second submission replaces the first; the audit log keeps what it
 * replaced. The owner gets a receipt by DM.
 */
export async function submitPlan(
  prisma: PrismaClient,
  policy: Policy,
  args: { employeeId: string; content: string; now: DateTime; weekStart?: string },
): Promise<{ weekStart: string; replaced: boolean }> {
  const content = args.content.trim();
  if (!content) throw new AppError('bad_input', 'training.error.plan_required', 'empty plan');
  const weekStart = args.weekStart ?? planWeekOf(args.now, policy);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(weekStart) || weekStartOf(weekStart) !== weekStart) {
    throw new AppError('bad_input', 'training.error.bad_date', `bad week ${weekStart}`, { details: { date: weekStart } });
  }
  return prisma.$transaction(async (tx) => {
    const owner = await tx.employee.findUnique({ where: { id: args.employeeId }, include: { chatIdentities: { where: { platform: 'slack' } } } });
    if (!owner?.active || !(policy.training.planRoles as readonly string[]).includes(owner.role)) {
      throw new AppError('forbidden', 'training.error.plan_owners_only', `${args.employeeId} owes no training plan`);
    }
    const key = { weekStart_employeeId: { weekStart: dateColumn(weekStart), employeeId: owner.id } };
    const before = await tx.trainingPlan.findUnique({ where: key });
    const submittedAt = args.now.toJSDate();
    await tx.trainingPlan.upsert({
      where: key,
      create: { weekStart: dateColumn(weekStart), employeeId: owner.id, content, submittedAt },
      update: { content, submittedAt },
    });
    await recordAudit(tx, [
      {
        actor: owner.id,
        action: before ? 'training.plan.replace' : 'training.plan.submit',
        entity: 'training_plan',
        entityId: `${weekStart}:${owner.id}`,
        details: before ? { content, replaced: before.content } : { content },
        at: submittedAt,
      },
    ]);
    const target = owner.chatIdentities[0]?.externalId;
    if (target) {
      const l = localeOf(owner.locale);
      await enqueue(tx, [
        {
          platform: 'slack',
          kind: 'dm',
          target,
          payload: { text: t(l, before ? 'training.plan.replaced' : 'training.plan.received', { week: weekStart }) },
          dedupeKey: `training-plan:receipt:${weekStart}:${owner.id}:${submittedAt.getTime()}`,
        },
      ]);
    }
    return { weekStart, replaced: before !== null };
  });
}
