/**
 * Assembles the process of `banzhang serve` (interfaces.md section 1): settings,
 * policy, database, HTTP server, and the start-up org import.
 */
import { readFile } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { hostname } from 'node:os';
import { mountPlayground, playgroundMode } from './channels/playground/playground.ts';
import { createSlackChannel } from './channels/slack/slack-channel.ts';
import { createSlackTransport } from './channels/slack/slack-transport.ts';
import type { TeamsChannel } from './channels/teams/teams-channel.ts';
import { syncHolidays } from './features/calendar/holiday-sync.ts';
import { importOrg } from './features/org/org-import.ts';
import { createScheduler, jobsFor, type Scheduler } from './jobs/index.ts';
import { loadPolicy } from './policy/config/load.ts';
import type { Policy } from './policy/config/schema.ts';
import { mountDashboard } from './server/dashboard/dashboard.ts';
import { createHttpServer, type HttpServer } from './server/http-server.ts';
import { createMetrics, type Metrics } from './server/metrics.ts';
import { createOutboxSender, type OutboxSender } from './shared/outbox/sender.ts';
import { clockFromSetting, type Clock } from './shared/clock.ts';
import { openDatabase, targetFromSettings, type Database } from './shared/db/database.ts';
import type { Logger } from './shared/logger.ts';
import { SettingsError, type Settings } from './shared/settings.ts';

const MIGRATION_POLL_MS = 1000;

export interface App {
  readonly port: number;
  readonly http: HttpServer;
  readonly policy: Policy;
  readonly clock: Clock;
  readonly metrics: Metrics;
  /** Resolves once the database is open and migrated (rejects if that failed). */
  readonly ready: Promise<Database>;
  close(): Promise<void>;
}

/** Loads the policy named by BANZHANG_POLICY or throws a SettingsError (exit 2). */
export async function policyFromSettings(settings: Settings): Promise<Policy> {
  const loaded = await loadPolicy(settings.BANZHANG_POLICY);
  if (!loaded.ok) {
    const first = loaded.errors[0];
    const more = loaded.errors.length > 1 ? ` (and ${loaded.errors.length - 1} more; run banzhang policy check)` : '';
    throw new SettingsError('BANZHANG_POLICY', `${first ? `${first.path ? `${first.path}: ` : ''}${first.message}` : 'invalid policy'}${more}`);
  }
  return loaded.policy;
}

/** `clock`: instead of BANZHANG_CLOCK's; `host`: the interface to listen on (default all). The playground's instance sets both. */
export interface StartOptions {
  clock?: Clock;
  host?: string;
}

export async function startApp(settings: Settings, logger: Logger, options: StartOptions = {}): Promise<App> {
  const policy = await policyFromSettings(settings);
  if (settings.BANZHANG_ORG) {
    // Fail fast on a missing org file, before anything is opened.
    await readFile(settings.BANZHANG_ORG, 'utf8').catch((error: NodeJS.ErrnoException) => {
      throw new SettingsError('BANZHANG_ORG', `cannot read ${settings.BANZHANG_ORG}: ${error.code ?? error.message}`);
    });
  }
  const clock = options.clock ?? clockFromSetting(settings.BANZHANG_CLOCK);
  const metrics = createMetrics();

  let database: Database | undefined; // set once open, migrated and through the start-up work
  let opened: Database | undefined;
  let notReady = 'database not open yet';
  let closing = false;
  const http = createHttpServer({
    logger,
    metrics,
    readiness: {
      async check() {
        if (!database) return notReady;
        return (await database.ping()) ? null : 'database does not answer';
      },
    },
  });
  // The channels get the database through this, once it is open (start-up opens it after listening).
  const prismaWhenReady = () => {
    if (!database) throw new Error(`database not ready: ${notReady}`);
    return database.prisma;
  };
  // The manager's dashboard (docs/dashboard.md): loopback only unless BANZHANG_DASHBOARD_TOKEN is set.
  mountDashboard(http, { db: prismaWhenReady, policy, clock, auth: { token: settings.BANZHANG_DASHBOARD_TOKEN } });
  if (settings.slackEnabled) {
    createSlackChannel({
      signingSecret: settings.SLACK_SIGNING_SECRET!,
      botToken: settings.SLACK_BOT_TOKEN!,
      apiUrl: settings.SLACK_API_URL,
      http,
      prisma: prismaWhenReady,
      policy,
      clock,
      logger,
      metrics,
    });
  }
  let teams: TeamsChannel | undefined;
  if (settings.teamsEnabled) {
    // botbuilder (~30 MB) only when Teams is configured.
    const { createTeamsChannel } = await import('./channels/teams/teams-channel.ts');
    teams = createTeamsChannel({
      settings: {
        appId: settings.MICROSOFT_APP_ID!,
        password: settings.MICROSOFT_APP_PASSWORD,
        tenantId: settings.MICROSOFT_APP_TENANT_ID,
        appType: settings.MICROSOFT_APP_TYPE,
        openIdMetadataUrl: settings.BOTFRAMEWORK_OPENID_METADATA_URL,
        tokenIssuer: settings.BOTFRAMEWORK_TOKEN_ISSUER,
        loginUrl: settings.BOTFRAMEWORK_LOGIN_URL,
        oauthScope: settings.BOTFRAMEWORK_OAUTH_SCOPE,
      },
      http,
      prisma: prismaWhenReady,
      policy,
      clock,
      logger,
      metrics,
    });
  }
  let sender: OutboxSender | undefined;
  let scheduler: Scheduler | undefined;
  // The playground at / (docs/playground.md): its own banzhang instance, started on its first request.
  const playgroundAt = playgroundMode(settings);
  const playground = playgroundAt === 'off' ? undefined : mountPlayground({ http, settings, logger, mode: playgroundAt, start: startApp, policy });
  const port = await http.listen(settings.PORT, options.host);
  logger.info({ port, database: settings.DATABASE_URL ? 'postgres' : 'embedded', policy: settings.BANZHANG_POLICY }, 'listening');

  const ready = (async () => {
    const target = targetFromSettings(settings);
    const db = await openDatabase(target);
    opened = db;
    if (target.kind === 'embedded') {
      notReady = 'applying migrations';
      const applied = await db.migrate();
      if (applied.length > 0) logger.info({ applied }, 'migrations applied');
    }
    // PostgreSQL is migrated by `banzhang db migrate` (several processes may share it): wait for it.
    for (let pending = await db.pendingMigrations(); pending.length > 0; pending = await db.pendingMigrations()) {
      if (!notReady.includes('pending')) logger.warn({ pending }, 'migrations pending; waiting for `banzhang db migrate`');
      notReady = `${pending.length} migration(s) pending: run banzhang db migrate`;
      await sleep(MIGRATION_POLL_MS);
      if (closing) throw new Error('stopped while waiting for migrations');
    }
    notReady = 'start-up work running';
    const holidays = await syncHolidays(db.prisma, policy);
    if (holidays.changed > 0) logger.info({ changed: holidays.changed }, 'holiday table mirrors the policy calendar');
    if (settings.BANZHANG_ORG) {
      const text = await readFile(settings.BANZHANG_ORG, 'utf8');
      const result = await importOrg(db.prisma, text, { actor: 'system:BANZHANG_ORG', file: settings.BANZHANG_ORG });
      logger.info({ ...result }, 'org imported at start');
    }
    database = db;
    if ((settings.slackEnabled || teams) && !closing) {
      sender = createOutboxSender({
        prisma: db.prisma,
        transports: {
          ...(settings.slackEnabled ? { slack: createSlackTransport({ token: settings.SLACK_BOT_TOKEN!, apiUrl: settings.SLACK_API_URL, logger }) } : {}),
          ...(teams ? { teams: teams.transport({ prisma: db.prisma, slackEnabled: settings.slackEnabled }) } : {}),
        },
        logger,
        metrics,
        owner: `${hostname()}:${process.pid}:${port}`,
        ...(settings.BANZHANG_OUTBOX_LEASE_SECONDS ? { leaseMs: settings.BANZHANG_OUTBOX_LEASE_SECONDS * 1000 } : {}),
      });
      sender.start();
    }
    if (settings.BANZHANG_SCHEDULER && !closing) {
      scheduler = createScheduler({
        prisma: db.prisma,
        policy,
        jobs: jobsFor(policy),
        clock,
        logger,
        metrics,
        owner: `${hostname()}:${process.pid}:${port}`,
        chat: { slack: settings.slackEnabled, teams: settings.teamsEnabled },
        leaseMs: settings.BANZHANG_JOB_LEASE_SECONDS && settings.BANZHANG_JOB_LEASE_SECONDS * 1000,
        sweepEveryMs: settings.BANZHANG_JOB_SWEEP_SECONDS && settings.BANZHANG_JOB_SWEEP_SECONDS * 1000,
        testPauseMs: settings.BANZHANG_TEST_JOB_PAUSE_MS,
      });
      scheduler.start();
    } else if (!settings.BANZHANG_SCHEDULER) logger.info('scheduler off (BANZHANG_SCHEDULER=off)');
    logger.info({ clock: clock.now().toISO() }, 'ready');
    return db;
  })();
  // A failure is reported by whoever awaits `ready`; this only keeps it from being unhandled.
  ready.catch(() => undefined);

  return {
    port,
    http,
    policy,
    clock,
    metrics,
    ready,
    async close() {
      closing = true;
      await http.close();
      await playground?.close();
      // Start-up finishes first, so that no sender or scheduler starts after the stop.
      await ready.catch(() => undefined);
      await sender?.stop();
      await scheduler?.stop();
      await opened?.close();
    },
  };
}
