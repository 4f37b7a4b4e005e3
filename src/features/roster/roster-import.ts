/**
 * TIME-5: the roster (排班) as a CSV import: `employee_id,date,segments`, where
 * segments is `rest` or segment names of the policy joined by `+` (e.g. `early`,
 * `morning+afternoon`). An entry overrides the profile for that employee and date;
 * importing the same entry again changes nothing. A bad file is refused whole.
 */
import type { Policy } from '../../policy/config/schema.ts';
import { parseRosterValue, type RosterEntry, type RosterValue } from '../../policy/working-time.ts';
import { recordAudit, type AuditEntry } from '../../shared/audit.ts';
import { parseCsv } from '../../shared/csv.ts';
import { dateColumn, isoDateOf, LONG_TRANSACTION, type PrismaClient } from '../../shared/db/types.ts';
import { fileRefused } from '../../shared/errors.ts';
import { checkRows } from '../../shared/import-rows.ts';
import { isRealDate } from '../../policy/config/schema.ts';

export interface RosterImportResult {
  created: number;
  updated: number;
  unchanged: number;
}

interface RosterRow {
  line: number;
  employeeId: string;
  date: string;
  value: RosterValue;
}

export async function importRoster(
  prisma: PrismaClient,
  text: string,
  options: { actor: string; file: string; policy: Policy },
): Promise<RosterImportResult> {
  const csv = parseCsv(text, { required: ['employee_id', 'date', 'segments'] });
  if (!csv.ok) throw fileRefused(options.file, csv.problems);

  return prisma.$transaction(async (tx) => {
    const employees = new Set((await tx.employee.findMany({ select: { id: true } })).map((e) => e.id));
    const rows = checkRows(options.file, csv.rows, (row): RosterRow | undefined => {
      const { line, values, bad } = row;
      const employeeId = row.employee(employees);
      const date = values.date ?? '';
      if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || !isRealDate(date)) bad('date', `must be a date YYYY-MM-DD (got ${JSON.stringify(date)})`);
      const parsed = parseRosterValue(values.segments ?? '', options.policy);
      if (!parsed.ok) bad('segments', parsed.error);
      row.unique(`${employeeId}|${date}`, 'date', `${employeeId} on ${date}`);
      return parsed.ok ? { line, employeeId, date, value: parsed.value } : undefined;
    });

    const result: RosterImportResult = { created: 0, updated: 0, unchanged: 0 };
    const audit: AuditEntry[] = [];
    const existing = rows.length
      ? await tx.rosterEntry.findMany({ where: { OR: rows.map((r) => ({ employeeId: r.employeeId, date: dateColumn(r.date) })) } })
      : [];
    const byKey = new Map(existing.map((e) => [`${e.employeeId}|${isoDateOf(e.date)}`, e]));
    for (const row of rows) {
      const before = byKey.get(`${row.employeeId}|${row.date}`);
      const segments = row.value.kind === 'segments' ? row.value.segments : [];
      if (before && before.kind === row.value.kind && before.segments.join('+') === segments.join('+')) {
        result.unchanged++;
        continue;
      }
      const data = { kind: row.value.kind, segments, createdBy: options.actor };
      await tx.rosterEntry.upsert({
        where: { employeeId_date: { employeeId: row.employeeId, date: dateColumn(row.date) } },
        create: { employeeId: row.employeeId, date: dateColumn(row.date), ...data },
        update: data,
      });
      if (before) result.updated++;
      else result.created++;
      audit.push({
        actor: options.actor,
        action: before ? 'roster.update' : 'roster.create',
        entity: 'roster_entry',
        entityId: `${row.employeeId}:${row.date}`,
        details: { kind: row.value.kind, segments, ...(before ? { before: { kind: before.kind, segments: before.segments } } : {}) },
      });
    }
    await recordAudit(tx, audit);
    return result;
  }, LONG_TRANSACTION);
}

/** A stored roster row in the form the working-time engine takes. */
export function rosterEntryOf(row: { employeeId: string; date: Date; kind: string; segments: string[] }): RosterEntry {
  const date = isoDateOf(row.date);
  return row.kind === 'rest'
    ? { employeeId: row.employeeId, date, kind: 'rest' }
    : { employeeId: row.employeeId, date, kind: 'segments', segments: row.segments };
}

/** The roster entry of one employee and date, if any. */
export async function rosterEntryFor(prisma: PrismaClient, employeeId: string, date: string): Promise<RosterEntry | undefined> {
  const row = await prisma.rosterEntry.findUnique({ where: { employeeId_date: { employeeId, date: dateColumn(date) } } });
  return row ? rosterEntryOf(row) : undefined;
}
