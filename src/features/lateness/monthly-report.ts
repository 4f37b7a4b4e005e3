/**
 * LATE-9: on the first working day of the next month (on or after
 * `lateness.monthlyReportDay`, ≤ 10) the team leaders get the month's lateness,
 * early leave, absenteeism, excused events and deductions by direct message.
 */
import type { DateTime } from 'luxon';
import type { Policy } from '../../policy/config/schema.ts';
import { monthlyReportDate } from '../../policy/lateness/index.ts';
import type { PrismaClient } from '../../shared/db/types.ts';
import { formatFen } from '../../shared/format.ts';
import { isLocale, t, type Locale } from '../../shared/i18n/index.ts';
import { enqueue, type OutboxInput } from '../../shared/outbox/outbox.ts';
import { orgRepository } from '../org/org-repository.ts';
import { latenessReport } from './lateness-report.ts';

/** Enqueues the report of the month before `at` when `at` is its report day; returns the leaders messaged. */
export async function sendMonthlyLatenessReports(prisma: PrismaClient, policy: Policy, at: DateTime): Promise<string[]> {
  const local = at.setZone(policy.center.timeZone);
  const month = local.minus({ months: 1 }).toFormat('yyyy-MM');
  if (monthlyReportDate(month, policy) !== local.toISODate()) return [];
  const rows = await latenessReport({ prisma, policy, clock: { now: () => local } }, month);
  const leaders = await orgRepository(prisma).activeInRoles(['team_leader'], 'slack');
  const messages: OutboxInput[] = [];
  for (const leader of leaders) {
    const target = leader.chatIdentities[0]?.externalId;
    if (!target) continue;
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
    messages.push({ platform: 'slack', kind: 'dm', target, payload: { text }, dedupeKey: `lateness-report:${month}:${leader.id}` });
  }
  await prisma.$transaction((tx) => enqueue(tx, messages));
  return messages.map((m) => m.dedupeKey.split(':')[2]!);
}
