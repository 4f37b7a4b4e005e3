/**
 * Month end at scale, one step per process so that each measurement has its
 * own peak RSS (run by bench/month-end.ts; not meant to be run by hand):
 *
 *   generate --staff N (--url URL | --dir DIR)   a center of N staff and one month of facts, in bulk
 *   measure  (--url URL | --dir DIR)             times latenessReport + payReport + monthlyRanking
 *   digest   (--url URL | --dir DIR)             a hash of the three reports' rows (to compare two versions of the code)
 *
 * Prints one JSON line (its answer) on stdout.
 */
import { createHash } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { DateTime } from 'luxon';
import type { Prisma } from '../src/generated/prisma/client.ts';
import { latenessReport } from '../src/features/lateness/lateness-report.ts';
import { payReport } from '../src/features/pay/pay-report.ts';
import { monthlyRanking } from '../src/features/performance/ranking.ts';
import { loadPolicy } from '../src/policy/config/load.ts';
import type { Policy } from '../src/policy/config/schema.ts';
import { daySchedule } from '../src/policy/working-time.ts';
import { openDatabase, type Database } from '../src/shared/db/database.ts';
import { dateColumn } from '../src/shared/db/types.ts';
import { generateOrg } from './lib/org.ts';
import { seeded } from './lib/stats.ts';

/** October 2026: 22 working days (Monday to Friday, no holiday in the preset), winter schedule. */
export const MONTH = '2026-10';
/** The month-end run: the first working day of the next month, 09:00 center time. */
export const RUN_AT = '2026-11-02T09:00:00+08:00';
const ZONE = 'Asia/Shanghai';
const BATCH = 2000;

export interface GenerateResult {
  staff: number;
  clockEvents: number;
  leaves: number;
  summaries: number;
  trainingCheckIns: number;
  explanations: number;
  rosterRestDays: number;
  seconds: number;
}

export interface MeasureResult {
  latenessSeconds: number;
  paySeconds: number;
  rankingSeconds: number;
  totalSeconds: number;
  /** process.resourceUsage().maxRSS of this process, in MB. */
  peakRssMb: number;
  latenessRows: number;
  payRows: number;
  rankedRows: number;
  /** Sums that tie the run to its data (a wrong derivation changes them). */
  lateMinutes: number;
  netEffectFen: number;
}

function args(): Record<string, string> {
  const out: Record<string, string> = {};
  const argv = process.argv.slice(3);
  for (let i = 0; i < argv.length; i += 2) out[argv[i]!.replace(/^--/, '')] = argv[i + 1]!;
  return out;
}

async function open(a: Record<string, string>): Promise<Database> {
  if (a.url) return openDatabase({ kind: 'postgres', url: a.url });
  if (a.dir) return openDatabase({ kind: 'embedded', dataDir: a.dir });
  throw new Error('--url or --dir is required');
}

async function policyOf(): Promise<Policy> {
  const loaded = await loadPolicy('outbound-basic');
  if (!loaded.ok) throw new Error('outbound-basic preset does not load');
  return loaded.policy;
}

/** A local wall-clock time of a date in the center (UTC+8, no DST) as a Date. */
const at = (date: string, hh: number, mm: number, ss: number) =>
  new Date(Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)), hh - 8, mm, ss));

async function inBatches<T>(rows: T[], insert: (batch: T[]) => Promise<unknown>, size = BATCH): Promise<void> {
  for (let i = 0; i < rows.length; i += size) await insert(rows.slice(i, i + size));
}

/**
 * A COPY-like bulk insert for the big tables: one statement per 20,000 rows,
 * one array parameter per column (`INSERT … SELECT * FROM unnest(…)`), on both
 * PostgreSQL and the embedded database.
 */
async function unnestInsert<T>(db: Database, table: string, columns: Array<[column: string, type: string, value: (row: T) => unknown]>, rows: T[]): Promise<void> {
  const names = columns.map(([c]) => `"${c}"`).join(', ');
  const params = columns.map(([, type], i) => `$${i + 1}::${type}[]`).join(', ');
  const sql = `INSERT INTO "${table}" (${names}) SELECT * FROM unnest(${params})`;
  await inBatches(
    rows,
    (batch) => db.prisma.$executeRawUnsafe(sql, ...columns.map(([, , value]) => batch.map((row) => value(row)))),
    20_000,
  );
}

export async function generate(a: Record<string, string>): Promise<GenerateResult> {
  const started = performance.now();
  const staff = Number(a.staff);
  const policy = await policyOf();
  const db = await open(a); // migrated already: a copy of the bench's template (bench/lib/databases.ts)
  const prisma = db.prisma;
  const random = seeded(Number(a.seed ?? 7));
  const chance = (p: number) => random() < p;
  const between = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));

  const org = generateOrg(staff);
  await prisma.center.create({ data: { id: 1, name: '基准测试呼叫中心', timeZone: ZONE, channels: { incidents: 'C0INC', rankings: 'C0RANK', training: 'C0TRAIN' } } });
  await prisma.team.createMany({ data: org.teams.map((t) => ({ id: t.id, name: t.name, channel: t.channel })) });
  await inBatches(org.employees, (batch) =>
    prisma.employee.createMany({
      data: batch.map((e) => ({
        id: e.id,
        name: e.name,
        role: e.role,
        teamId: e.team,
        managerId: null,
        hireDate: dateColumn(e.hireDate),
        probationEnd: dateColumn(DateTime.fromISO(e.hireDate).plus({ months: 2 }).toISODate()!),
        locale: e.locale,
      })),
    }),
  );
  await inBatches(org.employees, (batch) => prisma.chatIdentity.createMany({ data: batch.map((e) => ({ platform: 'slack', externalId: e.slack, employeeId: e.id })) }));
  const deptHeads = org.employees.filter((e) => e.role === 'dept_head').map((e) => e.id);

  const first = DateTime.fromISO(`${MONTH}-01`, { zone: ZONE });
  const dates: string[] = [];
  for (let d = first; d.month === first.month; d = d.plus({ days: 1 })) dates.push(d.toISODate()!);
  const working = dates.filter((date) => daySchedule({ employee: { id: 'x', role: 'outbound_agent' }, date, policy }).kind === 'working');
  const fridays = working.filter((date) => DateTime.fromISO(date, { zone: ZONE }).weekday === 5);
  const sessions = [];
  for (const date of fridays) sessions.push(await prisma.trainingSession.create({ data: { date: dateColumn(date), startsAt: at(date, 16, 30, 0), topic: '业务学习' } }));

  const ranked = new Set<string>(policy.perf.rankedRoles);
  const events: Prisma.ClockEventCreateManyInput[] = [];
  const leaves: Prisma.LeaveRequestCreateManyInput[] = [];
  const summaries: Prisma.DailySummaryCreateManyInput[] = [];
  const explanations: Prisma.LatenessExplanationCreateManyInput[] = [];
  const roster: Prisma.RosterEntryCreateManyInput[] = [];
  const checkIns: Prisma.TrainingAttendanceCreateManyInput[] = [];
  const exams: Prisma.ExamScoreCreateManyInput[] = [];
  const kpis: Prisma.ComplaintKpiCreateManyInput[] = [];
  const dailyBase = 120000 / 21.75;

  for (const e of org.employees) {
    const off = new Set<string>();
    // TIME-4: some agents take rest days (公休) through the roster.
    if (ranked.has(e.role) && chance(0.3)) {
      for (let k = between(1, 2); k > 0; k--) {
        const date = working[between(0, working.length - 1)]!;
        if (off.has(date)) continue;
        off.add(date);
        roster.push({ employeeId: e.id, date: dateColumn(date), kind: 'rest', segments: [], createdBy: 'bench' });
      }
    }
    // LEAVE-8: one approved leave of one or two days for some.
    if (chance(0.15)) {
      const i = between(0, working.length - 2);
      const days = working.slice(i, i + between(1, 2)).filter((d) => !off.has(d));
      if (days.length > 0) {
        const type = chance(0.6) ? 'personal' : 'sick';
        const rate = type === 'personal' ? 1 : 0.1;
        const costLines = days.map((date) => ({ ruleId: 'LEAVE-8', date, kind: `${type}-day`, amountFen: Math.round(dailyBase * rate) }));
        leaves.push({
          employeeId: e.id,
          type,
          startDate: dateColumn(days[0]!),
          endDate: dateColumn(days[days.length - 1]!),
          part: 'full',
          reason: type === 'sick' ? '发烧' : '家中有事',
          proof: type === 'sick' ? 'attached' : 'none',
          flags: [],
          approverId: deptHeads[0] ?? e.id,
          routeReason: 'role-rule',
          status: 'approved',
          decidedById: deptHeads[0] ?? e.id,
          decidedAt: at(days[0]!, 9, 0, 0),
          costFen: costLines.reduce((s, l) => s + l.amountFen, 0),
          losesFullAttendance: type === 'personal',
          costLines,
          source: 'slack',
        });
        for (const d of days) off.add(d);
      }
    }
    for (const date of working) {
      if (off.has(date) || date < e.hireDate) continue;
      if (chance(0.01)) continue; // absent: no clock event that day (LATE-6)
      const push = (time: Date, direction: 'in' | 'out') =>
        events.push({ employeeId: e.id, at: time, direction, source: 'import', dedupeKey: `bench:${e.id}:${time.toISOString()}:${direction}`, recordedBy: 'cli' });
      const r = random();
      let late = 0;
      if (r < 0.92) push(at(date, 7, between(50, 59), between(0, 59)), 'in');
      else if (r < 0.99) push(at(date, 8, (late = between(1, 15)), between(0, 59)), 'in');
      else {
        late = between(30, 50);
        push(at(date, 8, late, between(0, 59)), 'in');
        // LATE-5: half of the long ones were explained and accepted.
        if (chance(0.5)) {
          explanations.push({
            employeeId: e.id,
            date: dateColumn(date),
            segment: 'morning',
            kind: 'late',
            minutes: late,
            status: 'accepted',
            text: '地铁故障',
            submittedAt: at(date, 10, 0, 0),
            approverId: deptHeads[0] ?? null,
            decidedById: deptHeads[0] ?? null,
            decidedAt: at(date, 11, 0, 0),
          });
        }
      }
      push(chance(0.95) ? at(date, 14, between(20, 29), between(0, 59)) : at(date, 14, 30 + between(1, 10), between(0, 59)), 'in');
      push(chance(0.97) ? at(date, 17, between(30, 45), between(0, 59)) : at(date, 17, 30 - between(1, 20), between(0, 59)), 'out');
      if (ranked.has(e.role)) {
        summaries.push({
          employeeId: e.id,
          date: dateColumn(date),
          callsMade: between(300, 500),
          callsConnected: between(150, 300),
          questionnairesCompleted: between(40, 80),
          orders: between(10, 30),
          customerIssues: between(0, 3),
          source: 'import',
          recordedBy: 'cli',
        });
      }
    }
    if (ranked.has(e.role)) {
      for (const s of sessions) {
        const date = s.date.toISOString().slice(0, 10);
        if (!off.has(date) && chance(0.9)) checkIns.push({ sessionId: s.id, employeeId: e.id, checkedInAt: at(date, 16, between(20, 35), 0), source: 'slack' });
      }
      exams.push({ month: MONTH, employeeId: e.id, score: between(600, 1000) / 10, source: 'import', recordedBy: 'cli' });
    }
    if (e.role === 'complaint_handler') {
      kpis.push({
        month: MONTH,
        employeeId: e.id,
        delayRate: between(0, 80) / 10,
        feedbackTimeliness: between(980, 1000) / 10,
        satisfaction: between(750, 1000) / 10,
        repeatRate: between(0, 20) / 10,
        redispatchRate: between(0, 10) / 10,
        recordedBy: 'cli',
      });
    }
  }

  await inBatches(roster, (batch) => prisma.rosterEntry.createMany({ data: batch }));
  await inBatches(leaves, (batch) => prisma.leaveRequest.createMany({ data: batch }));
  const iso = (d: Date | string) => (d instanceof Date ? d.toISOString() : d);
  await unnestInsert(
    db,
    'clock_event',
    [
      ['employee_id', 'text', (r: Prisma.ClockEventCreateManyInput) => r.employeeId],
      ['at', 'timestamptz', (r) => iso(r.at)],
      ['direction', 'text', (r) => r.direction],
      ['source', 'text', (r) => r.source],
      ['dedupe_key', 'text', (r) => r.dedupeKey],
      ['recorded_by', 'text', (r) => r.recordedBy],
    ],
    events,
  );
  await inBatches(explanations, (batch) => prisma.latenessExplanation.createMany({ data: batch }));
  const now = new Date().toISOString();
  await unnestInsert(
    db,
    'daily_summary',
    [
      ['employee_id', 'text', (r: Prisma.DailySummaryCreateManyInput) => r.employeeId],
      ['date', 'date', (r) => iso(r.date).slice(0, 10)],
      ['calls_made', 'int', (r) => r.callsMade],
      ['calls_connected', 'int', (r) => r.callsConnected],
      ['questionnaires_completed', 'int', (r) => r.questionnairesCompleted],
      ['orders', 'int', (r) => r.orders],
      ['customer_issues', 'int', (r) => r.customerIssues],
      ['source', 'text', (r) => r.source],
      ['recorded_by', 'text', (r) => r.recordedBy],
      ['updated_at', 'timestamptz', () => now],
    ],
    summaries,
  );
  await inBatches(checkIns, (batch) => prisma.trainingAttendance.createMany({ data: batch }));
  await inBatches(exams, (batch) => prisma.examScore.createMany({ data: batch }));
  await inBatches(kpis, (batch) => prisma.complaintKpi.createMany({ data: batch }));
  if (db.kind === 'postgres') await prisma.$executeRawUnsafe('ANALYZE');
  await db.close();
  return {
    staff: org.employees.length,
    clockEvents: events.length,
    leaves: leaves.length,
    summaries: summaries.length,
    trainingCheckIns: checkIns.length,
    explanations: explanations.length,
    rosterRestDays: roster.length,
    seconds: (performance.now() - started) / 1000,
  };
}

/** `digest`: a hash of every row of the three reports (to prove two versions of the code agree); not timed. */
async function digest(a: Record<string, string>): Promise<{ digest: string }> {
  const policy = await policyOf();
  const db = await open(a);
  const now = DateTime.fromISO(RUN_AT, { setZone: true });
  const deps = { prisma: db.prisma, policy, clock: { now: () => now } };
  const hash = createHash('sha256');
  hash.update(JSON.stringify(await latenessReport(deps, MONTH)));
  hash.update(JSON.stringify(await payReport(deps, MONTH)));
  hash.update(JSON.stringify(await monthlyRanking(deps, MONTH)));
  await db.close();
  return { digest: hash.digest('hex') };
}

export async function measure(a: Record<string, string>): Promise<MeasureResult> {
  const policy = await policyOf();
  const db = await open(a);
  const now = DateTime.fromISO(RUN_AT, { setZone: true });
  const deps = { prisma: db.prisma, policy, clock: { now: () => now } };
  // Each report as its own command would run it: the previous one's rows are let go before the next starts.
  const t0 = performance.now();
  const lateness = await latenessReport(deps, MONTH).then((rows) => ({ rows: rows.length, lateMinutes: rows.reduce((s, r) => s + r.month.lateMinutes, 0) }));
  const t1 = performance.now();
  const pay = await payReport(deps, MONTH).then((rows) => ({ rows: rows.length, netEffectFen: rows.reduce((s, r) => s + r.statement.netEffectFen, 0) }));
  const t2 = performance.now();
  const ranked = await monthlyRanking(deps, MONTH).then((roles) => roles.reduce((s, r) => s + r.rows.length, 0));
  const t3 = performance.now();
  const peakRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
  await db.close();
  return {
    latenessSeconds: (t1 - t0) / 1000,
    paySeconds: (t2 - t1) / 1000,
    rankingSeconds: (t3 - t2) / 1000,
    totalSeconds: (t3 - t0) / 1000,
    peakRssMb,
    latenessRows: lateness.rows,
    payRows: pay.rows,
    rankedRows: ranked,
    lateMinutes: lateness.lateMinutes,
    netEffectFen: pay.netEffectFen,
  };
}

// Run as a script (not when imported by the smoke run).
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const mode = process.argv[2];
  const result = mode === 'generate' ? await generate(args()) : mode === 'measure' ? await measure(args()) : mode === 'digest' ? await digest(args()) : undefined;
  if (!result) throw new Error(`unknown mode ${mode}: generate, measure or digest`);
  process.stdout.write(`${JSON.stringify(result)}\n`);
}
