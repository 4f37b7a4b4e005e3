/**
 * `banzhang clock import FILE` (interfaces.md section 5): a punch-clock export,
 * CSV `employee_id,timestamp,direction[,source]`. A timestamp is ISO-8601 with an
 * offset, or local time in the center's zone. Duplicates (already stored, or twice
 * in the file) are skipped and counted; a bad file is refused whole, nothing stored.
 */
import { DateTime } from 'luxon';
import type { Policy } from '../../policy/config/schema.ts';
import { recordAudit } from '../../shared/audit.ts';
import { parseCsv } from '../../shared/csv.ts';
import { LONG_TRANSACTION, type PrismaClient } from '../../shared/db/types.ts';
import { fileRefused } from '../../shared/errors.ts';
import { checkRows } from '../../shared/import-rows.ts';
import { clockDedupeKey, clockRepository, type NewClockEvent } from './clock-repository.ts';

export interface ClockImportResult {
  imported: number;
  duplicates: number;
}

const SOURCE = /^[a-z][a-z0-9_-]{0,31}$/;

/** An instant from a punch-clock timestamp: with an offset as given, without one in the center's zone. */
export function parsePunchTime(text: string, timeZone: string): DateTime | null {
  const trimmed = text.trim();
  if (!/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:?\d{2})?$/.test(trimmed)) return null;
  const iso = trimmed.replace(' ', 'T');
  const hasOffset = /(Z|[+-]\d{2}:?\d{2})$/.test(iso);
  const parsed = hasOffset ? DateTime.fromISO(iso, { setZone: true }) : DateTime.fromISO(iso, { zone: timeZone });
  if (!parsed.isValid) return null;
  // A local time that does not exist (skipped by a DST change) is refused rather than shifted.
  if (!hasOffset && parsed.toFormat("yyyy-MM-dd'T'HH:mm") !== iso.slice(0, 16)) return null;
  return parsed;
}

export async function importClock(
  prisma: PrismaClient,
  text: string,
  options: { actor: string; file: string; policy: Policy },
): Promise<ClockImportResult> {
  const csv = parseCsv(text, { required: ['employee_id', 'timestamp', 'direction'], optional: ['source'] });
  if (!csv.ok) throw fileRefused(options.file, csv.problems);
  return prisma.$transaction(async (tx) => {
    const known = new Set((await tx.employee.findMany({ select: { id: true } })).map((e) => e.id));
    const events = checkRows(options.file, csv.rows, (row): NewClockEvent | undefined => {
      const { values, bad } = row;
      const at = parsePunchTime(values.timestamp ?? '', options.policy.center.timeZone);
      const direction = (values.direction ?? '').toLowerCase();
      const source = values.source ? values.source.toLowerCase() : 'import';
      const employeeId = row.employee(known);
      if (!at) bad('timestamp', `must be ISO-8601 with an offset, or local time YYYY-MM-DDTHH:mm[:ss] (got ${JSON.stringify(values.timestamp ?? '')})`);
      if (direction !== 'in' && direction !== 'out') bad('direction', `must be in or out (got ${JSON.stringify(values.direction ?? '')})`);
      if (!SOURCE.test(source)) bad('source', `must be a short lower-case word (got ${JSON.stringify(values.source)})`);
      return at ? { employeeId, at: at.toJSDate(), direction: direction as 'in' | 'out', source, recordedBy: options.actor } : undefined;
    });

    const repo = clockRepository(tx);
    const unique = new Map<string, NewClockEvent>();
    for (const e of events) if (!unique.has(clockDedupeKey(e))) unique.set(clockDedupeKey(e), e);
    const imported = await repo.insertMany([...unique.values()]);
    const result = { imported, duplicates: events.length - imported };
    await recordAudit(tx, [{ actor: options.actor, action: 'clock.import', entity: 'clock_event', entityId: options.file, details: { ...result, rows: events.length } }]);
    return result;
  }, LONG_TRANSACTION);
}
