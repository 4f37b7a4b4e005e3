/**
 * PERF-1: storing daily work summaries, whoever files them (the `/summary`
 * form, `summary import`): one per employee and day; a second one replaces
 * the first, audited with what it replaced; the same figures again change
 * nothing. Runs inside the caller's transaction.
 */
import { recordAudit, type AuditEntry } from '../../shared/audit.ts';
import type { SummaryFigures } from '../../policy/performance/summary.ts';
import { dateColumn, isoDateOf, type Tx } from '../../shared/db/types.ts';

/** One employee's figures of one day. */
export interface SummaryRow extends SummaryFigures {
  employeeId: string;
  /** Local date "YYYY-MM-DD". */
  date: string;
}

export type SummaryOutcome = 'created' | 'replaced' | 'unchanged';

export interface SummaryStoreResult {
  created: number;
  replaced: number;
  unchanged: number;
}

/** Stores the rows (source 'import', 'slack', …; recordedBy and the audit's actor are `actor`). */
export async function storeSummaries(
  tx: Tx,
  rows: SummaryRow[],
  options: { source: string; actor: string },
): Promise<{ counts: SummaryStoreResult; outcomes: SummaryOutcome[] }> {
  const existing = rows.length
    ? await tx.dailySummary.findMany({ where: { OR: rows.map((r) => ({ employeeId: r.employeeId, date: dateColumn(r.date) })) } })
    : [];
  const byKey = new Map(existing.map((e) => [`${e.employeeId}|${isoDateOf(e.date)}`, e]));
  const counts: SummaryStoreResult = { created: 0, replaced: 0, unchanged: 0 };
  const outcomes: SummaryOutcome[] = [];
  const audit: AuditEntry[] = [];
  for (const r of rows) {
    const before = byKey.get(`${r.employeeId}|${r.date}`);
    const figures = {
      callsMade: r.callsMade,
      callsConnected: r.callsConnected,
      questionnairesCompleted: r.questionnairesCompleted,
      orders: r.orders,
      customerIssues: r.customerIssues,
      callType: r.callType,
    };
    if (before && Object.entries(figures).every(([k, v]) => before[k as keyof typeof figures] === v)) {
      counts.unchanged++;
      outcomes.push('unchanged');
      continue;
    }
    const data = { ...figures, source: options.source, recordedBy: options.actor };
    await tx.dailySummary.upsert({
      where: { employeeId_date: { employeeId: r.employeeId, date: dateColumn(r.date) } },
      create: { employeeId: r.employeeId, date: dateColumn(r.date), ...data },
      update: data,
    });
    counts[before ? 'replaced' : 'created']++;
    outcomes.push(before ? 'replaced' : 'created');
    audit.push({
      actor: options.actor,
      action: before ? 'summary.replace' : 'summary.create',
      entity: 'daily_summary',
      entityId: `${r.employeeId}:${r.date}`,
      details: before
        ? {
            ...figures,
            source: options.source,
            replaced: {
              callsMade: before.callsMade,
              callsConnected: before.callsConnected,
              questionnairesCompleted: before.questionnairesCompleted,
              orders: before.orders,
              customerIssues: before.customerIssues,
              callType: before.callType,
              source: before.source,
              recordedBy: before.recordedBy,
            },
          }
        : { ...figures, source: options.source },
    });
  }
  await recordAudit(tx, audit);
  return { counts, outcomes };
}
