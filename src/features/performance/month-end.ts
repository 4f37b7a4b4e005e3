/**
 * PERF-7, PERF-8 at month end: once the month's ranking is due
 * (`rankingPostTime`), the ranking goes to the center's rankings channel (rank,
 * name, score per role; no money), every ranked employee gets their own score
 * with every line by DM, and the agents PERF-8 flags go by DM to every active
 * training supervisor and department head. The post also lists the
 * suggestions adopted the month before, for reward (SUGG-3). All through the outbox with keys
 * per month (`ranking:<month>:…`), so a slot run again sends nothing new.
 *
 * Reading: the job acts on the day the ranking is due, from its due time on
 * (a slot of that day that was missed is caught up the same day); a day later
 * it does not post a month it never posted.
 */
import { DateTime } from 'luxon';
import type { Policy, RoleKey } from '../../policy/config/schema.ts';
import { rankingPostTime } from '../../policy/performance/ranking-time.ts';
import { recordAudit } from '../../shared/audit.ts';
import { LONG_TRANSACTION, type PrismaClient } from '../../shared/db/types.ts';
import { DEFAULT_LOCALE, isLocale, type Locale } from '../../shared/i18n/index.ts';
import { enqueue, type OutboxInput, type OutboxPlatform } from '../../shared/outbox/outbox.ts';
import type { OutboxPayload } from '../../shared/outbox/transport.ts';
import { addressed, ALL_PLATFORMS, centerChannelAddresses, personAddresses, type PlatformsOn } from '../org/reach.ts';
import { suggestionsForRankingPost, type AdoptedSuggestion } from '../suggestions/index.ts';
import { agentDays, type AgentDay } from './agent-days.ts';
import { rankingOf, type RankingRow, type RoleRanking } from './ranking.ts';

export interface MonthEndRenderer {
  /** The channel post: every role's ranking (rank, name, score), and the suggestions adopted the month before, for reward (SUGG-3). */
  channel(view: { month: string; rankings: RoleRanking[]; rewards: AdoptedSuggestion[]; locale: Locale }): { text: string; blocks?: unknown[] };
  /** One employee's own score with every line. */
  own(view: { month: string; row: RankingRow; rankedIn: number; locale: Locale }): { text: string; blocks?: unknown[] };
  /** PERF-8: the flagged agents, to a training supervisor or department head. */
  interview(view: { month: string; flagged: Array<{ employeeId: string; name: string; role: RoleKey; months: string }>; locale: Locale }): { text: string; blocks?: unknown[] };
  /**
   * The ranking chart as a post of its own right after the channel post
   * (Slack: a PNG file, `ranking:<month>:chart`); a platform without it carries
   * the chart in its channel post (Teams: an image in the card) or not at all.
   */
  chart?(view: { month: string; rankings: RoleRanking[]; locale: Locale }): OutboxPayload;
}

export type MonthEndOutcome =
  | { posted: false; reason: 'not-due' | 'already-posted'; month: string; dueAt: DateTime | null }
  | { posted: true; month: string; dueAt: DateTime; channel: string | null; messages: number; flagged: string[] };

/** The month whose ranking a slot may post: the slot's own month, or the previous one when posting on the 1st. */
export function rankingMonthOf(policy: Policy, at: DateTime): string {
  const local = at.setZone(policy.center.timeZone);
  return (policy.perf.rankingPostOn === 'first-day-next-month' ? local.minus({ months: 1 }) : local).toFormat('yyyy-MM');
}

/** One renderer, or one per platform (reach.ts: each recipient on each platform that is on). */
export async function postMonthEndRanking(
  prisma: PrismaClient,
  policy: Policy,
  at: DateTime,
  renderers: MonthEndRenderer | Record<OutboxPlatform, MonthEndRenderer>,
  on: PlatformsOn = ALL_PLATFORMS,
): Promise<MonthEndOutcome> {
  const rendererOn = (platform: OutboxPlatform): MonthEndRenderer => ('slack' in renderers ? renderers[platform] : renderers);
  const zone = policy.center.timeZone;
  const local = at.setZone(zone);
  const month = rankingMonthOf(policy, at);
  return prisma.$transaction(async (tx) => {
    const ranked = await tx.employee.findMany({ where: { active: true, role: { in: [...policy.perf.rankedRoles] } } });
    const first = `${month}-01`;
    const last = DateTime.fromISO(first, { zone }).endOf('month').toISODate()!;
    const days = policy.perf.rankingPostOn === 'last-working-day' ? await agentDays(tx, policy, ranked, first, last) : new Map<string, AgentDay[]>();
    const dueAt = rankingPostTime(month, policy, (date) => ranked.map((e) => (days.get(e.id) ?? []).find((d) => d.date === date)?.schedule).filter((s) => s !== undefined));
    if (!dueAt || local < dueAt || local.toISODate() !== dueAt.setZone(zone).toISODate()) return { posted: false, reason: 'not-due', month, dueAt };
    const done = await tx.auditLog.findFirst({ where: { entity: 'ranking', entityId: month, action: 'ranking.post' } });
    if (done) return { posted: false, reason: 'already-posted', month, dueAt };

    const rankings = await rankingOf(tx, policy, month, local);
    const rewards = await suggestionsForRankingPost(tx, month, zone);
    const center = await tx.center.findUnique({ where: { id: 1 } });
    const rankingChannels = centerChannelAddresses(center?.channels, 'rankings', on);
    const channel = rankingChannels[0]?.target;
    const messages: OutboxInput[] = [];
    if (rankings.length > 0) {
      messages.push(...addressed(rankingChannels, 'post', (p) => rendererOn(p).channel({ month, rankings, rewards, locale: DEFAULT_LOCALE }), `ranking:${month}:channel`));
      const charted = rankingChannels.filter((a) => rendererOn(a.platform).chart);
      messages.push(...addressed(charted, 'post', (p) => rendererOn(p).chart!({ month, rankings, locale: DEFAULT_LOCALE }), `ranking:${month}:chart`));
    }
    const people = await tx.employee.findMany({
      where: { OR: [{ id: { in: rankings.flatMap((r) => r.rows.map((x) => x.employeeId)) } }, { active: true, role: { in: ['training_supervisor', 'dept_head'] } }] },
      include: { chatIdentities: true },
      orderBy: { id: 'asc' },
    });
    const person = new Map(people.map((p) => [p.id, { addresses: personAddresses(p.chatIdentities, on), locale: (isLocale(p.locale) ? p.locale : DEFAULT_LOCALE) as Locale }]));
    for (const r of rankings) {
      for (const row of r.rows) {
        const p = person.get(row.employeeId);
        if (!p) continue;
        messages.push(...addressed(p.addresses, 'dm', (pl) => rendererOn(pl).own({ month, row, rankedIn: r.rows.length, locale: p.locale }), `ranking:${month}:own:${row.employeeId}`));
      }
    }
    const flagged = rankings.flatMap((r) =>
      r.rows
        .filter((row) => r.flagged.includes(row.employeeId))
        .map((row) => ({ employeeId: row.employeeId, name: row.name, role: r.role, months: String(row.lines.find((l) => l.ruleId === 'PERF-8')?.params.months ?? month) })),
    );
    if (flagged.length > 0) {
      for (const p of people.filter((x) => x.active && (x.role === 'training_supervisor' || x.role === 'dept_head'))) {
        const to = person.get(p.id)!;
        messages.push(...addressed(to.addresses, 'dm', (pl) => rendererOn(pl).interview({ month, flagged, locale: to.locale }), `ranking:${month}:interview:${p.id}`));
      }
    }
    await enqueue(tx, messages);
    await recordAudit(tx, [
      {
        actor: 'system:month-end-ranking',
        action: 'ranking.post',
        entity: 'ranking',
        entityId: month,
        details: {
          channel: typeof channel === 'string' ? channel : null,
          ranked: rankings.reduce((n, r) => n + r.rows.length, 0),
          messages: messages.length,
          flagged: flagged.map((f) => f.employeeId),
        },
      },
    ]);
    return { posted: true, month, dueAt, channel: typeof channel === 'string' && channel !== '' ? channel : null, messages: messages.length, flagged: flagged.map((f) => f.employeeId) };
  }, LONG_TRANSACTION);
}
