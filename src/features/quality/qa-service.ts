/**
 * PERF-9 QA sampling and scoring, the use cases.
 *
 * - `runQaSampling` (job `qa-sampling`, each day at perf.qa.samplingTime): the
 *   sampled roles' employees working that day (TIME rules with the roster, not
 *   on full-day leave: features/performance/agent-days.ts) get
 *   perf.qa.samplesPerAgent samples each (policy/performance/qa.ts: in rounds,
 *   the first agent rotating with the month's sampling day); the rows are
 *   stored once (unique agent, date, number) and every scorer (perf.qa.scorerRoles,
 *   the outbound manager) gets the day's list by DM with a Score button per
 *   sample. A slot run again stores and sends nothing new (outbox keys per date).
 * - `scoreSample`: only a scorer; the checklist and the ticked blacklist
 *   phrases give the score (qaScore); a second scoring replaces the first and
 *   is audited with the previous score; the agent is told each time by DM.
 * - `qaAveragesOf`: the month's average per agent, for the ranking lines.
 */
import { DateTime } from 'luxon';
import type { Policy, QaChecklistKey, RoleKey } from '../../policy/config/schema.ts';
import { qaAverage, qaDaySamples, qaScore } from '../../policy/performance/qa.ts';
import { recordAudit } from '../../shared/audit.ts';
import type { Clock } from '../../shared/clock.ts';
import { dateColumn, isoDateOf, type PrismaClient, type Tx } from '../../shared/db/types.ts';
import { AppError } from '../../shared/errors.ts';
import { enqueue, type OutboxInput, type OutboxPlatform } from '../../shared/outbox/outbox.ts';
import type { OutboxPayload } from '../../shared/outbox/transport.ts';
import { addressed, ALL_PLATFORMS, peopleAddresses, type PlatformsOn } from '../org/reach.ts';
import { agentDays, isPerfWorkingDay } from '../performance/agent-days.ts';

export interface QaSampleView {
  id: number;
  agentId: string;
  agentName: string;
  date: string;
  sampleNo: number;
  /** Null until scored. */
  score: number | null;
}

export interface QaScoreView extends QaSampleView {
  score: number;
  checklistScore: number;
  deduction: number;
  points: Record<QaChecklistKey, number>;
  /** The ticked phrases (policy data). */
  blacklist: Array<{ id: string; zh: string; en: string }>;
  scorerName: string;
  /** The previous score when this one replaced it. */
  replaced: number | null;
}

/** How the messages look on a platform (Slack: channels/slack/blocks/quality-blocks.ts). */
export interface QaRenderer {
  samplingList(locale: string, v: { date: string; samples: QaSampleView[]; part: number; parts: number }): OutboxPayload;
  agentScore(locale: string, v: QaScoreView): OutboxPayload;
}

export type QaRenderers = Partial<Record<OutboxPlatform, QaRenderer>>;

/** A scorer's list is cut into messages of this many samples (a Slack message holds at most 50 blocks). */
export const SAMPLES_PER_MESSAGE = 40;

export class QaValidationError extends AppError {
  constructor(readonly fieldErrors: Array<{ field: string; messageKey: string; params?: Record<string, string | number> }>) {
    super('bad_input', 'quality.error.invalid', `qa score refused: ${fieldErrors.map((e) => `${e.field}:${e.messageKey}`).join(', ')}`);
  }
}

const onlyRendered = (renders: QaRenderers, on: PlatformsOn): PlatformsOn => ({ slack: on.slack && !!renders.slack, teams: on.teams && !!renders.teams });

/** One slot of the `qa-sampling` job: the day's samples stored and sent to the scorers. */
export async function runQaSampling(prisma: PrismaClient, policy: Policy, at: DateTime, renders: QaRenderers, on: PlatformsOn = ALL_PLATFORMS): Promise<{ date: string; created: number; samples: number; scorers: string[] }> {
  const zone = policy.center.timeZone;
  const date = at.setZone(zone).toISODate()!;
  const qa = policy.perf.qa;
  return prisma.$transaction(async (tx) => {
    const agents = await tx.employee.findMany({ where: { active: true, role: { in: [...qa.sampledRoles] }, hireDate: { lte: dateColumn(date) } }, orderBy: { id: 'asc' } });
    const days = await agentDays(tx, policy, agents, date, date);
    const working = agents.filter((a) => (days.get(a.id) ?? []).some(isPerfWorkingDay));
    const monthStart = `${date.slice(0, 7)}-01`;
    const earlier = await tx.qaSample.findMany({ where: { date: { gte: dateColumn(monthStart), lt: dateColumn(date) } }, distinct: ['date'], select: { date: true } });
    const slots = qaDaySamples(working.map((a) => a.id), qa.samplesPerAgent, earlier.length);
    const created = await tx.qaSample.createMany({ data: slots.map((s) => ({ agentId: s.agentId, date: dateColumn(date), sampleNo: s.sampleNo })), skipDuplicates: true });
    const rows = await tx.qaSample.findMany({ where: { date: dateColumn(date) } });
    const rowOf = new Map(rows.map((r) => [`${r.agentId}|${r.sampleNo}`, r]));
    const nameOf = new Map(agents.map((a) => [a.id, a.name]));
    // The list in the order of the rule (rounds, rotated); rows of an earlier run of the day that the rule no longer picks follow.
    const ordered = [...slots.map((s) => rowOf.get(`${s.agentId}|${s.sampleNo}`)!), ...rows.filter((r) => !slots.some((s) => s.agentId === r.agentId && s.sampleNo === r.sampleNo))];
    const views: QaSampleView[] = ordered.map((r) => ({ id: r.id, agentId: r.agentId, agentName: nameOf.get(r.agentId) ?? r.agentId, date, sampleNo: r.sampleNo, score: r.score }));
    const scorers = await tx.employee.findMany({ where: { active: true, role: { in: [...qa.scorerRoles] } }, orderBy: { id: 'asc' } });
    if (created.count > 0) {
      await recordAudit(tx, [{ actor: 'system', action: 'qa.sample', entity: 'qa_sample', entityId: date, details: { date, samples: created.count, agents: working.map((a) => a.id) }, at: at.toJSDate() }]);
    }
    if (views.length === 0) return { date, created: created.count, samples: 0, scorers: [] };
    const addresses = await peopleAddresses(tx, scorers.map((s) => s.id), onlyRendered(renders, on));
    const parts = Math.ceil(views.length / SAMPLES_PER_MESSAGE);
    const messages: OutboxInput[] = [];
    for (const scorer of scorers) {
      for (let part = 1; part <= parts; part++) {
        const chunk = views.slice((part - 1) * SAMPLES_PER_MESSAGE, part * SAMPLES_PER_MESSAGE);
        messages.push(...addressed(addresses.get(scorer.id) ?? [], 'dm', (p) => renders[p]!.samplingList(scorer.locale, { date, samples: chunk, part, parts }), `qa-sampling:${date}:${scorer.id}:${part}`));
      }
    }
    await enqueue(tx, messages);
    return { date, created: created.count, samples: views.length, scorers: scorers.map((s) => s.id) };
  });
}

async function scorerOrRefuse(tx: Tx, policy: Policy, actorId: string) {
  const actor = await tx.employee.findUnique({ where: { id: actorId } });
  if (!actor?.active) throw new AppError('not_in_org', 'common.not_in_org', `employee ${actorId} is not in the org`);
  if (!policy.perf.qa.scorerRoles.includes(actor.role as RoleKey)) throw new AppError('forbidden', 'quality.error.scorers_only', `${actorId} may not score QA samples`);
  return actor;
}

async function sampleOrRefuse(tx: Tx, sampleId: number) {
  const row = Number.isInteger(sampleId) && sampleId > 0 ? await tx.qaSample.findUnique({ where: { id: sampleId } }) : null;
  if (!row) throw new AppError('not_found', 'quality.error.not_found', `qa sample ${sampleId} not found`, { details: { id: String(sampleId) } });
  return row;
}

/** The Score button: only a scorer may open the form; the sample as the form shows it. */
export async function sampleForScoring(deps: { prisma: PrismaClient; policy: Policy }, args: { sampleId: number; actorId: string }): Promise<QaSampleView & { points: Partial<Record<QaChecklistKey, number>>; blacklist: string[] }> {
  return deps.prisma.$transaction(async (tx) => {
    await scorerOrRefuse(tx, deps.policy, args.actorId);
    const row = await sampleOrRefuse(tx, args.sampleId);
    const agent = await tx.employee.findUnique({ where: { id: row.agentId } });
    return {
      id: row.id,
      agentId: row.agentId,
      agentName: agent?.name ?? row.agentId,
      date: isoDateOf(row.date),
      sampleNo: row.sampleNo,
      score: row.score,
      points: (row.points as Partial<Record<QaChecklistKey, number>> | null) ?? {},
      blacklist: row.blacklist,
    };
  });
}

/** PERF-9: scores a sample (or re-scores it: the new score replaces the old, audited); the agent is told by DM. */
export async function scoreSample(
  deps: { prisma: PrismaClient; policy: Policy; clock: Clock; renders: QaRenderers; on?: PlatformsOn },
  args: { sampleId: number; actorId: string; points: Partial<Record<string, number | null>>; blacklist: readonly string[] },
): Promise<QaScoreView> {
  const result = qaScore({ points: args.points, blacklist: args.blacklist }, deps.policy);
  if (!result.ok) throw new QaValidationError(result.errors);
  const now = deps.clock.now();
  return deps.prisma.$transaction(async (tx) => {
    const scorer = await scorerOrRefuse(tx, deps.policy, args.actorId);
    const row = await sampleOrRefuse(tx, args.sampleId);
    // Conditional on the row as read: a concurrent scoring of the same sample makes this one try again.
    const won = await tx.qaSample.updateMany({
      where: { id: row.id, scoredAt: row.scoredAt },
      data: { score: result.score, points: result.points, blacklist: result.blacklist, scoredById: scorer.id, scoredAt: now.toJSDate() },
    });
    if (won.count !== 1) throw new AppError('conflict', 'quality.error.try_again', `qa sample ${row.id} scored concurrently`);
    const agent = await tx.employee.findUniqueOrThrow({ where: { id: row.agentId } });
    const rescore = row.scoredAt !== null;
    await recordAudit(tx, [
      {
        actor: scorer.id,
        action: rescore ? 'qa.rescore' : 'qa.score',
        entity: 'qa_sample',
        entityId: String(row.id),
        details: { agentId: row.agentId, date: isoDateOf(row.date), sampleNo: row.sampleNo, score: result.score, points: result.points, blacklist: result.blacklist, ...(rescore ? { previous: { score: row.score, by: row.scoredById, at: row.scoredAt!.toISOString() } } : {}) },
        at: now.toJSDate(),
      },
    ]);
    const view: QaScoreView = {
      id: row.id,
      agentId: row.agentId,
      agentName: agent.name,
      date: isoDateOf(row.date),
      sampleNo: row.sampleNo,
      score: result.score,
      checklistScore: result.checklistScore,
      deduction: result.deduction,
      points: result.points,
      blacklist: deps.policy.perf.qa.blacklist.filter((b) => result.blacklist.includes(b.id)),
      scorerName: scorer.name,
      replaced: rescore ? row.score : null,
    };
    const addresses = await peopleAddresses(tx, [agent.id], onlyRendered(deps.renders, deps.on ?? ALL_PLATFORMS));
    await enqueue(tx, addressed(addresses.get(agent.id) ?? [], 'dm', (p) => deps.renders[p]!.agentScore(agent.locale, view), `qa:${row.id}:score:${now.toMillis()}`));
    return view;
  });
}

/** PERF-9: the month's ("YYYY-MM") QA average and count of scored samples per agent. */
export async function qaAveragesOf(tx: Tx, month: string): Promise<Map<string, { average: number; count: number }>> {
  const first = DateTime.fromISO(`${month}-01`, { zone: 'utc' });
  const rows = await tx.qaSample.findMany({
    where: { date: { gte: dateColumn(first.toISODate()!), lte: dateColumn(first.endOf('month').toISODate()!) }, score: { not: null } },
    select: { agentId: true, score: true },
  });
  const byAgent = new Map<string, number[]>();
  for (const r of rows) byAgent.set(r.agentId, [...(byAgent.get(r.agentId) ?? []), r.score!]);
  return new Map([...byAgent].map(([id, scores]) => [id, { average: qaAverage(scores)!, count: scores.length }]));
}
