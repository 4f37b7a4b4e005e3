/**
 * `banzhang <command>` (interfaces.md section 4). Exit 0 on success, 1 when the
 * work failed, 2 on bad usage or bad input (naming file, line and field).
 */
import { readFile, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { Command, CommanderError } from 'commander';
import { policyFromSettings, startApp } from '../app.ts';
import { importClock } from '../features/clock/clock-import.ts';
import { INCIDENT_COLUMNS, incidentsReport } from '../features/incidents/incident-report.ts';
import { importOrg } from '../features/org/org-import.ts';
import { importKpis } from '../features/performance/kpi-import.ts';
import { RANKING_COLUMNS, rankingReport } from '../features/performance/ranking.ts';
import { importSummaries } from '../features/performance/summary-import.ts';
import { importExamScores } from '../features/training/exam-scores.ts';
import { PAY_COLUMNS, payReport } from '../features/pay/pay-report.ts';
import { SUGGESTION_COLUMNS, suggestionReport } from '../features/suggestions/suggestion-report.ts';
import { LATENESS_COLUMNS, latenessReport } from '../features/lateness/lateness-report.ts';
import { importRoster } from '../features/roster/roster-import.ts';
import { DAILY_REPORT_COLUMNS, dailyReports } from '../features/routine/shift-report-service.ts';
import { createScheduler, jobNamed, jobsFor, registerJobs } from '../jobs/index.ts';
import { describeRun, jobsTable, parseAt, stderrLogger } from '../jobs/jobs-cli.ts';
import { formatPolicy, loadPolicy } from '../policy/config/load.ts';
import type { Policy } from '../policy/config/schema.ts';
import { clockFromSetting } from '../shared/clock.ts';
import { openDatabase, targetFromSettings, type Database } from '../shared/db/database.ts';
import { AppError, formatProblems } from '../shared/errors.ts';
import { localeFromEnv, t, type Locale, type MessageKey } from '../shared/i18n/index.ts';
import { createLogger } from '../shared/logger.ts';
import { formatReport, REPORT_FORMATS, reportWorkbook, type ReportColumn, type ReportFormat } from '../shared/report-format.ts';
import { loadSettings, SettingsError, type Settings } from '../shared/settings.ts';
import { EXIT, processIo, type CliIo } from './output.ts';

export async function main(argv: string[], io: CliIo = processIo): Promise<number> {
  const locale = localeFromEnv(io.env);
  const say = (key: MessageKey, params?: Record<string, string | number>) => io.out(t(locale, key, params));
  let exitCode: number = EXIT.ok;

  const program = new Command('banzhang')
    .description('班长 banzhang: the team leader\'s assistant for a call-center floor')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.out(s.trimEnd()), writeErr: (s) => io.err(s.trimEnd()) })
    .showHelpAfterError();

  program
    .command('serve')
    .description('serve HTTP (health, readiness, metrics, chat endpoints), run the scheduled jobs and send the outbox')
    .action(async () => {
      exitCode = await serve(loadSettings(io.env), io, locale);
    });

  const db = program.command('db').description('database maintenance');
  db.command('migrate')
    .description('apply pending migrations to DATABASE_URL, or to the embedded database when it is unset')
    .action(async () => {
      const settings = loadSettings(io.env);
      const database = await openDatabase(targetFromSettings(settings));
      try {
        const applied = await database.migrate();
        if (applied.length === 0) say('db.migrate_none');
        else say('db.migrate_applied', { count: applied.length, names: applied.join(', ') });
      } finally {
        await database.close();
      }
    });

  const org = program.command('org').description('the org: people, roles, teams (policy.md ORG)');
  org
    .command('import')
    .argument('<file>', 'org file (YAML, interfaces.md section 5)')
    .description('import an org file: upsert by employee id, deactivate active: false; a bad file is refused whole')
    .action(async (file: string) => {
      const text = await readInput(file);
      await withDatabase(loadSettings(io.env), async (database) => {
        const result = await importOrg(database.prisma, text, { actor: 'cli', file });
        say('org.import_result', { created: result.created, updated: result.updated, deactivated: result.deactivated, unchanged: result.unchanged });
        if (result.noChange) say('org.import_no_change', { file });
      });
    });

  /** An import that applies the policy: reads the file, loads settings and policy, opens the database. */
  const policyImport =
    (work: (database: Database, options: { text: string; file: string; policy: Policy }) => Promise<void>) => async (file: string) => {
      const text = await readInput(file);
      const settings = loadSettings(io.env);
      const policy = await policyFromSettings(settings);
      await withDatabase(settings, (database) => work(database, { text, file, policy }));
    };

  const roster = program.command('roster').description('the roster: shifts and rest days per employee and date (TIME-5)');
  roster
    .command('import')
    .argument('<file>', 'CSV with header employee_id,date,segments (segment names joined by +, or rest)')
    .description('import roster entries; each overrides the schedule profile for that employee and date')
    .action(
      policyImport(async (database, { text, file, policy }) => {
        say('roster.import_result', { ...(await importRoster(database.prisma, text, { actor: 'cli', file, policy })) });
      }),
    );

  const clock = program.command('clock').description('clock events (policy.md LATE-1)');
  clock
    .command('import')
    .argument('<file>', 'punch-clock export: CSV employee_id,timestamp,direction[,source]')
    .description('import clock events; duplicates are skipped and counted; a bad file is refused whole')
    .action(
      policyImport(async (database, { text, file, policy }) => {
        const result = await importClock(database.prisma, text, { actor: 'cli', file, policy });
        say('clock.import_result', { imported: result.imported, duplicates: result.duplicates });
      }),
    );

  const summary = program.command('summary').description('daily work summaries (policy.md PERF-1)');
  summary
    .command('import')
    .argument('<file>', 'CSV employee_id,date,calls_made,calls_connected,questionnaires_completed,orders[,customer_issues][,call_type]')
    .description("import the dialer's daily summaries; a day already filed is replaced (audited); a bad file is refused whole")
    .action(
      policyImport(async (database, { text, file, policy }) => {
        say('summary.import_result', { ...(await importSummaries(database.prisma, text, { actor: 'cli', file, policy })) });
      }),
    );

  const kpi = program.command('kpi').description('complaint KPIs of complaint handlers and their manager (policy.md PERF-6)');
  kpi
    .command('import')
    .argument('<file>', 'CSV employee_id,month,delay_rate,feedback_timeliness,satisfaction,repeat_rate,redispatch_rate[,misses] (percent)')
    .description("import the month's complaint KPIs; misses like satisfaction:human-error;repeatRate:unsolvable:4; a month already recorded is replaced (audited); a bad file is refused whole")
    .action(
      policyImport(async (database, { text, file, policy }) => {
        say('performance.kpi_import_result', { ...(await importKpis(database.prisma, text, { actor: 'cli', file, policy })) });
      }),
    );

  const exam = program.command('exam').description('monthly business exam scores (policy.md TRAIN-3, PERF-4)');
  exam
    .command('import')
    .argument('<file>', 'CSV employee_id,month,score (month YYYY-MM; score 0-100, decimals allowed)')
    .description("import exam scores; a month's score already recorded is replaced (audited); a bad file is refused whole")
    .action(async (file: string) => {
      const text = await readInput(file);
      await withDatabase(loadSettings(io.env), async (database) => {
        say('training.exam.import_result', { ...(await importExamScores(database.prisma, text, { actor: 'cli', file })) });
      });
    });

  const report = program.command('report').description('monthly and daily reports');
  /** A monthly report: the same options, formats and output for every kind (interfaces.md section 4). */
  function monthlyReport<Row>(
    name: string,
    description: string,
    load: (deps: { prisma: Database['prisma']; policy: Policy; clock: ReturnType<typeof clockFromSetting> }, period: string) => Promise<Row[]>,
    columns: ReportColumn<Row>[],
    /** A report of one day (`--date`) instead of a month. */
    period: 'month' | 'date' = 'month',
  ) {
    report
      .command(name)
      .requiredOption(period === 'month' ? '--month <YYYY-MM>' : '--date <YYYY-MM-DD>', `the ${period === 'month' ? 'month' : 'day'} reported`)
      .option('--format <format>', `output format: ${REPORT_FORMATS.join(', ')}`, 'table')
      .option('--out <file>', 'write to a file instead of standard output (required for xlsx)')
      .description(description)
      .action(async (options: { month?: string; date?: string; format: string; out?: string }) => {
        const when = (period === 'month' ? options.month : options.date) ?? '';
        if (!(REPORT_FORMATS as readonly string[]).includes(options.format)) {
          throw new AppError('bad_input', 'common.bad_input', `bad format ${options.format}`, { details: { reason: `--format must be one of ${REPORT_FORMATS.join(', ')}` } });
        }
        if (options.format === 'xlsx' && !options.out) {
          throw new AppError('bad_input', 'common.bad_input', 'xlsx needs --out', { details: { reason: '--format xlsx writes a file: give --out FILE' } });
        }
        const settings = loadSettings(io.env);
        const policy = await policyFromSettings(settings);
        await withDatabase(settings, async (database) => {
          const rows = await load({ prisma: database.prisma, policy, clock: clockFromSetting(settings.BANZHANG_CLOCK) }, when);
          if (options.format === 'xlsx') {
            await writeFile(options.out!, await reportWorkbook(rows, columns, `${name} ${when}`));
            return;
          }
          const text = formatReport(rows, columns, options.format as Exclude<ReportFormat, 'xlsx'>);
          if (options.out) await writeFile(options.out, `${text}\n`, 'utf8');
          else io.out(text);
        });
      });
  }
  monthlyReport('lateness', "the month's lateness, early leave and absenteeism per employee, with deductions (LATE-3..6, LATE-9)", latenessReport, LATENESS_COLUMNS);
  monthlyReport('pay', "each employee's pay effects of the month with rule ids and sources (PAY-1..8)", payReport, PAY_COLUMNS);
  monthlyReport('ranking', "the month-end ranking per ranked role: rank, score and every line with its rule id (PERF-2..8)", rankingReport, RANKING_COLUMNS);
  monthlyReport('suggestions', "the suggestions adopted in the month, to reward the next month (SUGG-3)", suggestionReport, SUGGESTION_COLUMNS);
  monthlyReport('incidents', "the month's incidents: type, times, who acknowledged and resolved, outage classification and duration, roll call, timeline size (INC-1..4)", incidentsReport, INCIDENT_COLUMNS);
  monthlyReport('daily', "the post-shift reports (班后总结) of a day: figures, lateness, problems and measures, who it was sent to (issue 11)", (deps, date) => dailyReports(deps.prisma, deps.policy, date), DAILY_REPORT_COLUMNS, 'date');

  const policy = program.command('policy').description('the floor rules (policy.md)');
  policy
    .command('check')
    .argument('[file]', 'policy YAML file or preset name (outbound-basic, mobile-outbound-center); default BANZHANG_POLICY')
    .description('validate a policy file or preset and print the effective policy')
    .action(async (file: string | undefined) => {
      const ref = file ?? loadSettings(io.env).BANZHANG_POLICY;
      const loaded = await loadPolicy(ref);
      if (!loaded.ok) {
        io.err(t(locale, 'policy.invalid', { source: ref, count: loaded.errors.length }));
        for (const e of loaded.errors) io.err(`  ${e.path || '(file)'}${e.line ? ` (line ${e.line})` : ''}: ${e.message}`);
        exitCode = EXIT.usage;
        return;
      }
      say('policy.valid', { source: loaded.source });
      io.out(formatPolicy(loaded.policy));
    });

  const jobs = program.command('jobs').description('scheduled jobs (docs/jobs.md)');
  jobs
    .command('list')
    .description('every scheduled job: cron expression, time zone and next run (on the program clock, BANZHANG_CLOCK)')
    .action(async () => {
      const settings = loadSettings(io.env);
      const registry = registerJobs(jobsFor(await policyFromSettings(settings)));
      for (const line of jobsTable(registry.values(), clockFromSetting(settings.BANZHANG_CLOCK).now(), locale)) io.out(line);
    });
  jobs
    .command('run')
    .argument('<name>', 'job name (see jobs list)')
    .requiredOption('--at <iso>', 'the slot: an ISO-8601 instant, truncated to the minute; without an offset, center time')
    .description('run one job for one slot, exactly as the cron would; a slot already run is not run again')
    .action(async (name: string, options: { at: string }) => {
      const settings = loadSettings(io.env);
      const policy = await policyFromSettings(settings);
      const registry = registerJobs(jobsFor(policy));
      const job = jobNamed(registry, name);
      const at = parseAt(options.at, job.timeZone);
      if (!job.schedule.matches(at)) say('jobs.run_off_schedule', { slot: at.toFormat('yyyy-MM-dd HH:mm ZZ'), cron: job.cron, zone: job.timeZone });
      await withDatabase(settings, async (database) => {
        const scheduler = createScheduler({
          prisma: database.prisma,
          policy,
          jobs: [...registry.values()],
          clock: clockFromSetting(settings.BANZHANG_CLOCK),
          logger: stderrLogger(io.env.LOG_LEVEL ? settings.LOG_LEVEL : 'warn'),
          owner: `cli:${hostname()}:${process.pid}`,
          chat: { slack: settings.slackEnabled, teams: settings.teamsEnabled },
        });
        const report = describeRun(await scheduler.runSlot(name, at, { trigger: 'manual' }), job, locale);
        (report.failed ? io.err : io.out)(report.line);
        if (report.failed) exitCode = EXIT.failure;
      });
    });

  try {
    await program.parseAsync(argv, { from: 'user' });
    return exitCode;
  } catch (error) {
    return reportError(error, io, locale);
  }
}

function reportError(error: unknown, io: CliIo, locale: Locale): number {
  if (error instanceof CommanderError) {
    // Help and version are not errors; anything else commander refuses is bad usage.
    return error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.exitCode === 0 ? EXIT.ok : EXIT.usage;
  }
  if (error instanceof SettingsError) {
    io.err(t(locale, 'cli.settings_invalid', { variable: error.variable, problem: error.problem }));
    return EXIT.usage;
  }
  if (error instanceof AppError) {
    const params = Object.fromEntries(Object.entries(error.details).map(([k, v]) => [k, String(v)]));
    io.err(t(locale, error.messageKey as MessageKey, params));
    if (error.problems.length > 0) io.err(formatProblems(String(error.details.file ?? ''), error.problems));
    return error.code === 'bad_file' || error.code === 'bad_input' ? EXIT.usage : EXIT.failure;
  }
  io.err(`banzhang: ${error instanceof Error ? error.message : String(error)}`);
  return EXIT.failure;
}

async function readInput(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    throw new AppError('bad_input', 'cli.file_unreadable', `cannot read ${file}`, {
      details: { file, reason: (error as NodeJS.ErrnoException).code ?? String(error) },
    });
  }
}

/** Opens the database for a one-off command; the embedded one is migrated first, as `serve` would. */
async function withDatabase(settings: Settings, work: (database: Database) => Promise<void>): Promise<void> {
  const target = targetFromSettings(settings);
  const database = await openDatabase(target);
  try {
    if (target.kind !== 'postgres') await database.migrate();
    else {
      const pending = await database.pendingMigrations();
      if (pending.length > 0) {
        throw new AppError('conflict', 'cli.migrations_pending', `${pending.length} migration(s) pending`, {
          details: { count: pending.length },
        });
      }
    }
    await work(database);
  } finally {
    await database.close();
  }
}

async function serve(settings: Settings, io: CliIo, locale: Locale): Promise<number> {
  const logger = createLogger(settings.LOG_LEVEL);
  const app = await startApp(settings, logger);
  io.err(t(locale, 'serve.listening', { port: app.port }));
  if (!settings.slackEnabled && !settings.teamsEnabled) io.err(t(locale, 'serve.channels_off'));
  const stopped = new Promise<string>((resolve) => {
    for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => resolve(signal));
  });
  const failed = app.ready.then(
    () => new Promise<never>(() => undefined),
    (error: unknown) => error,
  );
  const outcome = await Promise.race([stopped, failed]);
  await app.close();
  if (typeof outcome === 'string') {
    logger.info({ signal: outcome }, 'stopped');
    return EXIT.ok;
  }
  return reportError(outcome, io, locale);
}
