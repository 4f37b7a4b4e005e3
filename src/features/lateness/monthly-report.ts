/**
 * LATE-9: on the first working day of the next month (on or after
 * `lateness.monthlyReportDay`, ≤ 10) the team leaders get the month's lateness,
 * early leave, absenteeism, excused events and deductions by direct message,
 * on every platform that is on where they have an identity (features/org/reach.ts;
 * outbox key `lateness-report:<month>:<leader>`, `…:teams` on Teams).
 */
import type { DateTime } from 'luxon';
import type { Policy } from '../../policy/config/schema.ts';
import { monthlyReportDate } from '../../policy/lateness/index.ts';
import type { PrismaClient } from '../../shared/db/types.ts';
import { formatFen } from '../../shared/format.ts';
import { isLocale, t, type Locale } from '../../shared/i18n/index.ts';
import { enqueue, type OutboxInput, type OutboxPlatform } from '../../shared/outbox/outbox.ts';
import type { OutboxPayload } from '../../shared/outbox/transport.ts';
import { orgRepository } from '../org/org-repository.ts';
import { addressed, ALL_PLATFORMS, peopleAddresses, type PlatformsOn } from '../org/reach.ts';
import { latenessReport } from './lateness-report.ts';

/** How the report's text reads on a platform (Teams: a text card); a platform not given gets the text as is. */
export type ReportTextRenderers = Partial<Record<OutboxPlatform, (payload: { text: string }) => OutboxPayload>>;

/** Enqueues the report of the month before `at` when `at` is its report day; returns the leaders messaged. */
export async function sendMonthlyLatenessReports(
  prisma: PrismaClient,
  policy: Policy,
  at: DateTime,
  render: ReportTextRenderers = {},
  on: PlatformsOn = ALL_PLATFORMS,
): Promise<string[]> {
  const local = at.setZone(policy.center.timeZone);
  const month = local.minus({ months: 1 }).toFormat('yyyy-MM');
  if (monthlyReportDate(month, policy) !== local.toISODate()) return [];
  const rows = await latenessReport({ prisma, policy, clock: { now: () => local } }, month);
  const leaders = await orgRepository(prisma).activeInRoles(['team_leader'], 'slack');
  const addresses = await peopleAddresses(prisma, leaders.map((l) => l.id), on);
  const messages: OutboxInput[] = [];
  const told: string[] = [];
  for (const leader of leaders) {
    const to = addresses.get(leader.id) ?? [];
    if (to.length === 0) continue;
    const l: Locale = isLocale(leader.locale) ? leader.locale : 'zh-CN';
    const lines = rows.map((r) =>
      t(l, 'report.lateness_line', {
        name: r.person.name,
        late: r.month.lateMinutes,
        early: r.month.earlyMinutes,
        absent: r.month.absenteeismDays,
        excused: r.month.excused.length,
        amount: formatFen(r.month.totalFen),
      }),
    );
    const text = [t(l, 'report.lateness_title', { month }), ...lines].join('\n');
    messages.push(...addressed(to, 'dm', (p) => render[p]?.({ text }) ?? { text }, `lateness-report:${month}:${leader.id}`));
    told.push(leader.id);
  }
  await prisma.$transaction((tx) => enqueue(tx, messages));
  return told;
}
