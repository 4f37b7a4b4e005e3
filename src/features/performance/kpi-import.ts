/**
 * PERF-6 inputs: `banzhang kpi import FILE` — the month's complaint KPIs of
 * complaint handlers and their manager, in percent: CSV
 * `employee_id,month,delay_rate,feedback_timeliness,satisfaction,repeat_rate,redispatch_rate[,misses]`.
 * `misses` is the evaluator's choice per missed KPI, `;`-separated:
 * `satisfaction:human-error;repeatRate:unsolvable:4` (KPI as in the header or
 * camelCase; an unsolvable miss may name its points within
 * perf.unsolvablePoints, else the minimum).
 * One row per employee and month: a second import replaces it (audited with
 * what it replaced); the same figures again change nothing. A bad file is
 * refused whole with every bad row listed; nothing is stored.
 */
import type { Prisma } from '../../generated/prisma/client.ts';
import type { Policy } from '../../policy/config/schema.ts';
import { COMPLAINT_KPIS, type ComplaintKpi, type ComplaintMiss } from '../../policy/performance/complaint.ts';
import { recordAudit, type AuditEntry } from '../../shared/audit.ts';
import { parseCsv } from '../../shared/csv.ts';
import { LONG_TRANSACTION, type PrismaClient } from '../../shared/db/types.ts';
import { fileRefused } from '../../shared/errors.ts';
import { checkRows } from '../../shared/import-rows.ts';

export interface KpiImportResult {
  created: number;
  replaced: number;
  unchanged: number;
}

/** PERF-6 applies to complaint handlers and their manager. */
export const KPI_ROLES = ['complaint_handler', 'complaint_manager'] as const;

const COLUMNS = [
  ['delay_rate', 'delayRate'],
  ['feedback_timeliness', 'feedbackTimeliness'],
  ['satisfaction', 'satisfaction'],
  ['repeat_rate', 'repeatRate'],
  ['redispatch_rate', 'redispatchRate'],
] as const;

const KPI_NAMES = new Map<string, ComplaintKpi>([...COLUMNS.map(([c, k]) => [c, k] as const), ...COMPLAINT_KPIS.map((k) => [k, k] as const)]);

/** Parses the `misses` cell; returns the misses or the reason it is wrong. */
export function parseMisses(cell: string, policy: Policy): { ok: true; misses: ComplaintMiss[] } | { ok: false; error: string } {
  const text = cell.trim();
  if (text === '') return { ok: true, misses: [] };
  const { min, max } = policy.perf.unsolvablePoints;
  const misses: ComplaintMiss[] = [];
  for (const part of text.split(';').map((p) => p.trim())) {
    if (part === '') continue;
    const [name = '', cause = '', points, ...extra] = part.split(':').map((x) => x.trim());
    const kpi = KPI_NAMES.get(name);
    if (!kpi) return { ok: false, error: `"${part}": unknown KPI "${name}" (expected ${COMPLAINT_KPIS.join(', ')})` };
    if (misses.some((m) => m.kpi === kpi)) return { ok: false, error: `"${part}": ${kpi} is given twice` };
    if (extra.length > 0) return { ok: false, error: `"${part}": expected KPI:human-error or KPI:unsolvable[:points]` };
    if (cause === 'human-error') {
      if (points !== undefined) return { ok: false, error: `"${part}": a human-error miss costs perf.humanErrorPoints; give no points` };
      misses.push({ kpi, cause });
    } else if (cause === 'unsolvable') {
      if (points === undefined) misses.push({ kpi, cause });
      else if (!/^\d+$/.test(points) || Number(points) < min || Number(points) > max)
        return { ok: false, error: `"${part}": an unsolvable miss costs ${min}–${max} points (got ${points})` };
      else misses.push({ kpi, cause, points: Number(points) });
    } else return { ok: false, error: `"${part}": cause must be human-error or unsolvable (got "${cause}")` };
  }
  return { ok: true, misses };
}

export async function importKpis(prisma: PrismaClient, text: string, options: { actor: string; file: string; policy: Policy }): Promise<KpiImportResult> {
  const csv = parseCsv(text, { required: ['employee_id', 'month', ...COLUMNS.map(([c]) => c)], optional: ['misses'] });
  if (!csv.ok) throw fileRefused(options.file, csv.problems);
  return prisma.$transaction(async (tx) => {
    const roles = new Map((await tx.employee.findMany({ select: { id: true, role: true } })).map((e) => [e.id, e.role]));
    type Row = { employeeId: string; month: string; values: Record<ComplaintKpi, number>; misses: ComplaintMiss[] };
    const rows = checkRows(options.file, csv.rows, (row): Row | undefined => {
      const { values, bad } = row;
      const employeeId = row.employee(roles);
      const month = values.month ?? '';
      const role = roles.get(employeeId);
      if (role !== undefined && !(KPI_ROLES as readonly string[]).includes(role)) bad('employee_id', `${employeeId} is a ${role}; PERF-6 KPIs are for ${KPI_ROLES.join(' and ')}`);
      if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) bad('month', `must be a month YYYY-MM (got ${JSON.stringify(month)})`);
      const kpis = {} as Record<ComplaintKpi, number>;
      for (const [column, kpi] of COLUMNS) {
        const raw = values[column] ?? '';
        const n = Number(raw);
        if (!/^\d{1,3}(\.\d{1,4})?$/.test(raw) || n > 100) bad(column, `must be a percentage 0–100 (got ${JSON.stringify(raw)})`);
        else kpis[kpi] = n;
      }
      const misses = parseMisses(values.misses ?? '', options.policy);
      if (!misses.ok) bad('misses', misses.error);
      row.unique(`${employeeId}|${month}`, 'month', `${employeeId} in ${month}`);
      return misses.ok ? { employeeId, month, values: kpis, misses: misses.misses } : undefined;
    });

    const existing = rows.length ? await tx.complaintKpi.findMany({ where: { OR: rows.map((r) => ({ employeeId: r.employeeId, month: r.month })) } }) : [];
    const byKey = new Map(existing.map((e) => [`${e.employeeId}|${e.month}`, e]));
    const result: KpiImportResult = { created: 0, replaced: 0, unchanged: 0 };
    const audit: AuditEntry[] = [];
    for (const r of rows) {
      const before = byKey.get(`${r.employeeId}|${r.month}`);
      const figures = { ...r.values, misses: r.misses };
      const beforeFigures = before && {
        delayRate: before.delayRate,
        feedbackTimeliness: before.feedbackTimeliness,
        satisfaction: before.satisfaction,
        repeatRate: before.repeatRate,
        redispatchRate: before.redispatchRate,
        misses: before.misses,
      };
      if (beforeFigures && sameKpis(beforeFigures, figures)) {
        result.unchanged++;
        continue;
      }
      const data = { ...r.values, misses: r.misses as unknown as Prisma.InputJsonValue, recordedBy: options.actor };
      await tx.complaintKpi.upsert({
        where: { month_employeeId: { month: r.month, employeeId: r.employeeId } },
        create: { month: r.month, employeeId: r.employeeId, ...data },
        update: data,
      });
      result[before ? 'replaced' : 'created']++;
      audit.push({
        actor: options.actor,
        action: before ? 'complaint_kpi.replace' : 'complaint_kpi.create',
        entity: 'complaint_kpi',
        entityId: `${r.employeeId}:${r.month}`,
        details: (beforeFigures ? { ...figures, replaced: beforeFigures } : figures) as unknown as Prisma.InputJsonValue,
      });
    }
    await recordAudit(tx, audit);
    return result;
  }, LONG_TRANSACTION);
}

type KpiFigures = Record<ComplaintKpi, number> & { misses: unknown };
const missText = (misses: unknown) =>
  ((misses as ComplaintMiss[] | null) ?? []).map((m) => `${m.kpi}:${m.cause}:${m.points ?? ''}`).join(';');
/** Same figures and misses (a jsonb column does not keep key order, so misses are compared field by field). */
function sameKpis(a: KpiFigures, b: KpiFigures): boolean {
  return COMPLAINT_KPIS.every((k) => a[k] === b[k]) && missText(a.misses) === missText(b.misses);
}
