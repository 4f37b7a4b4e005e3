/**
 * LATE-9: the month's lateness, early leave and absenteeism per employee, with
 * the deductions (LATE-3..6) — `banzhang report lateness --month YYYY-MM`.
 */
import { DateTime } from 'luxon';
import type { Policy } from '../../policy/config/schema.ts';
import type { MonthLateness } from '../../policy/lateness/index.ts';
import type { Clock } from '../../shared/clock.ts';
import { LONG_TRANSACTION, type PrismaClient } from '../../shared/db/types.ts';
import { AppError } from '../../shared/errors.ts';
import { formatFen } from '../../shared/format.ts';
import type { ReportColumn } from '../../shared/report-format.ts';
import { deriveEach, monthOf, type LatenessPerson } from './lateness-inputs.ts';

export interface LatenessReportRow {
  person: LatenessPerson;
  month: MonthLateness;
}

export async function latenessReport(deps: { prisma: PrismaClient; policy: Policy; clock: Clock }, month: string): Promise<LatenessReportRow[]> {
  const first = DateTime.fromFormat(month, 'yyyy-MM', { zone: deps.policy.center.timeZone });
  if (!/^\d{4}-\d{2}$/.test(month) || !first.isValid) {
    throw new AppError('bad_input', 'common.bad_input', `bad month ${month}`, { details: { reason: `--month must be YYYY-MM (got ${month})` } });
  }
  const last = first.endOf('month').toISODate()!;
  // A center of 10,000 reads ~660,000 clock events: longer than Prisma's 5-second default, and derived a chunk at a time.
  return deps.prisma.$transaction(
    (tx) => deriveEach(tx, deps.policy, { from: first.toISODate()!, to: last, now: deps.clock.now() }, (p) => ({ person: p.person, month: monthOf(deps.policy, month, p) })),
    LONG_TRANSACTION,
  );
}

export const LATENESS_COLUMNS: ReportColumn<LatenessReportRow>[] = [
  { header: 'employee_id', value: (r) => r.person.id },
  { header: 'name', value: (r) => r.person.name },
  { header: 'team', value: (r) => r.person.teamId },
  { header: 'late_minutes', value: (r) => r.month.lateMinutes },
  { header: 'early_minutes', value: (r) => r.month.earlyMinutes },
  { header: 'absenteeism_days', value: (r) => r.month.absenteeismDays },
  { header: 'excused_events', value: (r) => r.month.excused.length },
  { header: 'pending_explanations', value: (r) => r.month.pending.length },
  { header: 'deduction_fen', value: (r) => r.month.totalFen },
  { header: 'deduction', value: (r) => formatFen(r.month.totalFen) },
  { header: 'rules', value: (r) => [...new Set(r.month.lines.filter((l) => l.amountFen > 0).map((l) => l.ruleId))].join(' ') },
];
