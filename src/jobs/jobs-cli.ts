/** What `banzhang jobs list` and `banzhang jobs run` print (the commands themselves are in src/cli/main.ts). */
import { DateTime } from 'luxon';
import { pino } from 'pino';
import { AppError } from '../shared/errors.ts';
import { t, type Locale } from '../shared/i18n/index.ts';
import { createLogger, type Logger } from '../shared/logger.ts';
import type { RegisteredJob } from './job.ts';
import type { SlotResult } from './run-slot.ts';

/** How a slot is shown: local time in the job's zone, with its offset. */
export function showSlot(slot: DateTime, timeZone: string): string {
  return slot.setZone(timeZone).toFormat('yyyy-MM-dd HH:mm ZZ');
}

const WIDE = /[\u1100-\u115F\u2E80-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6]/u;
const width = (s: string) => [...s].reduce((n, ch) => n + (WIDE.test(ch) ? 2 : 1), 0);
const pad = (s: string, w: number) => s + ' '.repeat(Math.max(0, w - width(s)));

/** The `jobs list` table: name, cron, time zone, next run after `now` (in the job's zone), description. */
export function jobsTable(jobs: Iterable<RegisteredJob>, now: DateTime, locale: Locale): string[] {
  const header = (['jobs.list.name', 'jobs.list.cron', 'jobs.list.zone', 'jobs.list.next', 'jobs.list.description'] as const).map((key) => t(locale, key));
  const rows = [...jobs].map((job) => {
    const next = job.schedule.nextAfter(now);
    return [job.name, job.cron, job.timeZone, next ? showSlot(next, job.timeZone) : t(locale, 'jobs.list.never'), t(locale, job.description)];
  });
  const widths = header.map((h, i) => Math.max(width(h), ...rows.map((r) => width(r[i] ?? ''))));
  const line = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : pad(c, widths[i] ?? 0))).join('  ').trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)];
}

/** `--at`: an ISO-8601 instant; without an offset it is read in the job's zone. Throws bad_input (exit 2). */
export function parseAt(at: string, timeZone: string): DateTime {
  const parsed = DateTime.fromISO(at.trim(), { zone: timeZone });
  if (!parsed.isValid) throw new AppError('bad_input', 'jobs.bad_at', `--at "${at}" is not an ISO-8601 instant`, { details: { at } });
  return parsed;
}

/** The line `jobs run` prints for a result, and the exit code (0, or 1 when the job failed). */
export function describeRun(result: SlotResult, job: RegisteredJob, locale: Locale): { line: string; failed: boolean } {
  const params = { job: job.name, slot: showSlot(result.slot, job.timeZone), owner: result.owner, status: result.status ?? '' };
  switch (result.outcome) {
    case 'finished':
      return { line: t(locale, 'jobs.run_finished', params), failed: false };
    case 'failed':
      return { line: t(locale, 'jobs.run_failed', { ...params, error: (result.error ?? '').split('\n')[0] ?? '' }), failed: true };
    case 'already-done':
      return { line: t(locale, 'jobs.run_already_done', params), failed: false };
    case 'already-claimed':
      return { line: t(locale, 'jobs.run_already_claimed', params), failed: false };
    case 'lost-lease':
      return { line: t(locale, 'jobs.run_lost_lease', params), failed: true };
  }
}

/** The logger of `jobs run`: JSON lines on stderr, so that stdout stays the command's answer. */
export function stderrLogger(level: string): Logger {
  return createLogger(level, pino.destination({ dest: 2, sync: true }));
}
