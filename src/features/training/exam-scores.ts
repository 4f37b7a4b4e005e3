/**
 * TRAIN-3: monthly exam scores (业务考试), one per employee and month, kept in
 * the training record and used by PERF-4. Two ways in: `banzhang exam import
 * FILE` (CSV `employee_id,month,score`) and the organizers' exam form. A score
 * already recorded for that month is replaced (audited with what it replaced);
 * the same score again changes nothing. A bad file is refused whole with every
 * bad row listed; nothing is stored.
 */
import { recordAudit, type AuditEntry } from '../../shared/audit.ts';
import { parseCsv } from '../../shared/csv.ts';
import { LONG_TRANSACTION, type PrismaClient, type Tx } from '../../shared/db/types.ts';
import { AppError, fileRefused } from '../../shared/errors.ts';
import { checkRows } from '../../shared/import-rows.ts';
import type { Policy } from '../../policy/config/schema.ts';
import { requireRole } from './training-service.ts';

export interface ExamImportResult {
  created: number;
  replaced: number;
  unchanged: number;
}

/** "YYYY-MM" with a real month, or an explanation. */
export function checkMonth(raw: string): string | undefined {
  return /^\d{4}-(0[1-9]|1[0-2])$/.test(raw) ? undefined : `must be a month YYYY-MM (got ${JSON.stringify(raw)})`;
}

/** A score from 0 to 100, decimals allowed, or an explanation. */
export function parseScore(raw: string): { ok: true; score: number } | { ok: false; why: string } {
  if (!/^\d{1,3}(\.\d{1,2})?$/.test(raw)) return { ok: false, why: `must be a number from 0 to 100, at most 2 decimals (got ${JSON.stringify(raw)})` };
  const score = Number(raw);
  return score <= 100 ? { ok: true, score } : { ok: false, why: `must be at most 100 (got ${raw})` };
}

interface ScoreRow {
  employeeId: string;
  month: string;
  score: number;
}

/** Upserts scores by (month, employee); audits each change. */
async function storeScores(tx: Tx, rows: ScoreRow[], meta: { actor: string; source: string }): Promise<ExamImportResult> {
  const existing = rows.length ? await tx.examScore.findMany({ where: { OR: rows.map((r) => ({ month: r.month, employeeId: r.employeeId })) } }) : [];
  const byKey = new Map(existing.map((e) => [`${e.month}|${e.employeeId}`, e]));
  const result: ExamImportResult = { created: 0, replaced: 0, unchanged: 0 };
  const audit: AuditEntry[] = [];
  for (const r of rows) {
    const before = byKey.get(`${r.month}|${r.employeeId}`);
    if (before && before.score === r.score) {
      result.unchanged++;
      continue;
    }
    const data = { score: r.score, source: meta.source, recordedBy: meta.actor };
    await tx.examScore.upsert({
      where: { month_employeeId: { month: r.month, employeeId: r.employeeId } },
      create: { month: r.month, employeeId: r.employeeId, ...data },
      update: data,
    });
    if (before) result.replaced++;
    else result.created++;
    audit.push({
      actor: meta.actor,
      action: before ? 'exam.replace' : 'exam.create',
      entity: 'exam_score',
      entityId: `${r.month}:${r.employeeId}`,
      details: before ? { score: r.score, source: meta.source, replaced: before.score } : { score: r.score, source: meta.source },
    });
  }
  await recordAudit(tx, audit);
  return result;
}

/** TRAIN-3: `banzhang exam import FILE`. */
export async function importExamScores(prisma: PrismaClient, text: string, options: { actor: string; file: string }): Promise<ExamImportResult> {
  const csv = parseCsv(text, { required: ['employee_id', 'month', 'score'] });
  if (!csv.ok) throw fileRefused(options.file, csv.problems);
  return prisma.$transaction(async (tx) => {
    const known = new Set((await tx.employee.findMany({ select: { id: true } })).map((e) => e.id));
    const rows = checkRows(options.file, csv.rows, (row): ScoreRow | undefined => {
      const employeeId = row.employee(known);
      const month = row.values.month ?? '';
      const monthProblem = checkMonth(month);
      if (monthProblem) row.bad('month', monthProblem);
      const score = parseScore(row.values.score ?? '');
      if (!score.ok) row.bad('score', score.why);
      row.unique(`${employeeId}|${month}`, 'month', `${employeeId} in ${month}`);
      return score.ok ? { employeeId, month, score: score.score } : undefined;
    });
    return storeScores(tx, rows, { actor: options.actor, source: 'import' });
  }, LONG_TRANSACTION);
}

/** Which form field a problem of `recordExamScore` belongs to. */
export type ExamField = 'employee' | 'month' | 'score';

/** TRAIN-3: an organizer records one score from the exam form. Errors carry `details.field`. */
export async function recordExamScore(
  prisma: PrismaClient,
  policy: Policy,
  args: { actorId: string; employeeId: string; month: string; score: string; source: string },
): Promise<{ outcome: 'created' | 'replaced' | 'unchanged'; name: string; score: number }> {
  const employeeId = args.employeeId.trim();
  const month = args.month.trim();
  return prisma.$transaction(async (tx) => {
    await requireRole(tx, args.actorId, policy.training.organizerRoles, 'record exam scores');
    const employee = employeeId ? await tx.employee.findUnique({ where: { id: employeeId } }) : null;
    if (!employee) throw new AppError('bad_input', 'training.error.unknown_employee', `unknown employee ${employeeId}`, { details: { id: employeeId || '—', field: 'employee' } });
    if (checkMonth(month)) throw new AppError('bad_input', 'training.error.bad_month', `bad month ${month}`, { details: { month, field: 'month' } });
    const score = parseScore(args.score.trim());
    if (!score.ok) throw new AppError('bad_input', 'training.error.bad_score', `bad score ${args.score}`, { details: { score: args.score, field: 'score' } });
    const result = await storeScores(tx, [{ employeeId: employee.id, month, score: score.score }], { actor: args.actorId, source: args.source });
    const outcome = result.created ? 'created' : result.replaced ? 'replaced' : 'unchanged';
    return { outcome, name: employee.name, score: score.score };
  });
}
