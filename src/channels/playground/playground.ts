/**
 * The playground (docs/playground.md): a third channel adapter that lets
 * anyone try banzhang in a browser at `/` without Slack or Teams.
 *
 * It drives a DEDICATED banzhang instance (the real Slack channel, use cases,
 * outbox and jobs) on its own embedded database under
 * `<BANZHANG_DATA_DIR>/playground`, with a demo org imported at start, a
 * settable demo clock, and SLACK_API_URL pointed at a local in-memory
 * workspace (workspace.ts). The page's commands, clicks and modal submissions
 * become slash commands and interactions signed as Slack signs them and posted
 * to that instance's /slack/events; what the bot sends back lands in the
 * workspace, and the page reads it (server-sent events say when).
 *
 * The demo starts on the first request (a server that nobody opens the
 * playground of starts nothing more). In `auto` mode only loopback clients
 * are answered.
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { DateTime } from 'luxon';
import type { App } from '../../app.ts';
import { importOrg } from '../../features/org/org-import.ts';
import { parseOrgFile, type ParsedOrg } from '../../features/org/org-file.ts';
import { createScheduler, jobNamed, jobsFor, registerJobs, type RegisteredJob } from '../../jobs/index.ts';
import { describeRun, parseAt } from '../../jobs/jobs-cli.ts';
import type { Policy } from '../../policy/config/schema.ts';
import { isLoopback, mountDashboard } from '../../server/dashboard/dashboard.ts';
import { readBody, type HttpServer } from '../../server/http-server.ts';
import { settableClock, type Clock, type SettableClock } from '../../shared/clock.ts';
import type { Database } from '../../shared/db/database.ts';
import { AppError } from '../../shared/errors.ts';
import { DEFAULT_LOCALE, isLocale, t, type Locale, type MessageKey } from '../../shared/i18n/index.ts';
import { playgroundEn } from '../../shared/i18n/areas/playground.en.ts';
import type { Logger } from '../../shared/logger.ts';
import { loadSettings, type Settings } from '../../shared/settings.ts';
import { interactionBody, parseCommandLine, signedHeaders, slashCommandBody } from './slack-requests.ts';
import { startWorkspace, type Block, type PlaygroundView, type Workspace } from './workspace.ts';

const HERE = path.dirname(new URL(import.meta.url).pathname);
const STATIC_DIR = path.join(HERE, 'static');
const DEMO_ORG_DIR = path.join(HERE, 'demo-org');

export type PlaygroundMode = 'off' | 'loopback' | 'open';

/** BANZHANG_PLAYGROUND: on → for anyone; auto → loopback only, when no chat platform is configured; off → never. */
export function playgroundMode(settings: Pick<Settings, 'BANZHANG_PLAYGROUND' | 'slackEnabled' | 'teamsEnabled'>): PlaygroundMode {
  if (settings.BANZHANG_PLAYGROUND === 'on') return 'open';
  if (settings.BANZHANG_PLAYGROUND === 'off') return 'off';
  return settings.slackEnabled || settings.teamsEnabled ? 'off' : 'loopback';
}

/** The demo org file for a preset: demo-org/<preset>.yaml, else demo-org/demo-org.yaml. */
export function demoOrgFile(policy: string): string {
  const own = path.join(DEMO_ORG_DIR, `${path.basename(policy, '.yaml')}.yaml`);
  return existsSync(own) ? own : path.join(DEMO_ORG_DIR, 'demo-org.yaml');
}

export type StartApp = (settings: Settings, logger: Logger, options: { clock?: Clock; host?: string }) => Promise<App>;

export interface PlaygroundDeps {
  http: HttpServer;
  settings: Settings;
  logger: Logger;
  mode: Exclude<PlaygroundMode, 'off'>;
  /** startApp (passed in: app.ts mounts the playground). */
  start: StartApp;
  /** The policy of BANZHANG_POLICY (the demo instance loads the same; the demo dashboard needs it before the demo starts). */
  policy: Policy;
}

/** Where the manager's dashboard over the demo database lives (docs/dashboard.md). */
export const DEMO_DASHBOARD_PATH = '/playground/dashboard';

export interface Person {
  user: string;
  id: string;
  name: string;
  role: string;
  team: string;
}

export interface Demo {
  app: App;
  db: Database;
  workspace: Workspace;
  clock: SettableClock;
  org: ParsedOrg;
  people: Person[];
  jobs: Map<string, RegisteredJob>;
  eventsUrl: string;
  secret: string;
  close(): Promise<void>;
}

/** Starts the dedicated instance, its workspace and demo org. */
export async function startDemo(deps: Omit<PlaygroundDeps, 'http' | 'mode' | 'policy'>): Promise<Demo> {
  const orgFile = demoOrgFile(deps.settings.BANZHANG_POLICY);
  const orgText = await readFile(orgFile, 'utf8');
  const parsed = parseOrgFile(orgText);
  if (!parsed.ok) throw new Error(`demo org ${orgFile}: ${parsed.problems.map((p) => `${p.field} ${p.message}`).join('; ')}`);
  const org = parsed.org;
  const workspace = await startWorkspace();
  const secret = randomBytes(24).toString('hex');
  const settings = loadSettings({
    PORT: '0',
    SLACK_SIGNING_SECRET: secret,
    SLACK_BOT_TOKEN: workspace.token,
    SLACK_API_URL: workspace.apiUrl,
    BANZHANG_POLICY: deps.settings.BANZHANG_POLICY,
    BANZHANG_DATA_DIR: path.join(deps.settings.BANZHANG_DATA_DIR, 'playground'),
    BANZHANG_SCHEDULER: 'off',
    BANZHANG_PLAYGROUND: 'off',
    LOG_LEVEL: deps.settings.LOG_LEVEL,
  });
  const clock = settableClock(DateTime.utc());
  const logger = deps.logger.child({ component: 'playground' });
  let app: App | undefined;
  try {
    app = await deps.start(settings, logger, { clock, host: '127.0.0.1' });
    const db = await app.ready;
    await importOrg(db.prisma, orgText, { actor: 'system:playground', file: path.basename(orgFile) });
    const teamName = new Map(org.teams.map((team) => [team.id, team.name]));
    for (const team of org.teams) if (team.channel) workspace.addChannel(team.channel, `# ${team.name}`);
    for (const [name, id] of Object.entries(org.channels ?? {})) if (typeof id === 'string') workspace.addChannel(id, `# ${name}`);
    const people = org.employees
      .filter((e) => e.slack && e.active !== false)
      .map((e) => ({ user: e.slack!, id: e.id, name: e.name, role: e.role, team: teamName.get(e.team) ?? e.team }));
    for (const person of people) workspace.dmOf(person.user);
    const started = app;
    return {
      app: started,
      db,
      workspace,
      clock,
      org,
      people,
      jobs: registerJobs(jobsFor(started.policy)),
      eventsUrl: `http://127.0.0.1:${started.port}/slack/events`,
      secret,
      async close() {
        await started.close();
        await workspace.close();
      },
    };
  } catch (error) {
    await app?.close().catch(() => undefined);
    await workspace.close();
    throw error;
  }
}

const STATIC_FILES: Record<string, string> = {
  '/': 'index.html',
  '/playground/app.js': 'app.js',
  '/playground/render.js': 'render.js',
  '/playground/style.css': 'style.css',
};
const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8' };

class BadRequest extends Error {}

/** Every `playground.*` message of a locale (the page's text). */
export function pageTexts(locale: Locale): Record<string, string> {
  return Object.fromEntries(Object.keys(playgroundEn).map((key) => [key.slice('playground.'.length), t(locale, key as MessageKey)]));
}

export function mountPlayground(deps: PlaygroundDeps): { demo(): Promise<Demo>; close(): Promise<void> } {
  let starting: Promise<Demo> | undefined;
  let current: Demo | undefined;
  let closed = false;
  const streams = new Set<ServerResponse>();
  const demo = () => {
    if (closed) return Promise.reject(new Error('playground closed'));
    starting ??= startDemo(deps).then((d) => {
      current = d;
      let pending: NodeJS.Timeout | undefined;
      d.workspace.onChange(() => {
        pending ??= setTimeout(() => {
          pending = undefined;
          for (const res of streams) res.write('data: changed\n\n');
        }, 50);
      });
      return d;
    });
    starting.catch((error: unknown) => {
      deps.logger.error({ err: error }, 'playground failed to start');
      starting = undefined;
    });
    return starting;
  };

  const send = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
    res.end(JSON.stringify(body));
  };
  const guard = (handler: (req: IncomingMessage, res: ServerResponse) => Promise<void>) => async (req: IncomingMessage, res: ServerResponse) => {
    if (deps.mode === 'loopback' && !isLoopback(req.socket.remoteAddress)) {
      res.writeHead(403, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('playground: loopback only (BANZHANG_PLAYGROUND=on opens it)\n');
      return;
    }
    try {
      await handler(req, res);
    } catch (error) {
      if (error instanceof BadRequest) return send(res, 400, { error: error.message });
      if (error instanceof AppError) return send(res, 400, { error: error.message });
      throw error;
    }
  };
  const jsonBody = async (req: IncomingMessage): Promise<Record<string, unknown>> => {
    try {
      const parsed: unknown = JSON.parse((await readBody(req)).toString('utf8') || '{}');
      if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
    } catch {
      // answered below
    }
    throw new BadRequest('expected a JSON object');
  };
  const text = (body: Record<string, unknown>, key: string): string => {
    const value = body[key];
    if (typeof value !== 'string' || value === '') throw new BadRequest(`${key} missing`);
    return value;
  };
  const personOf = (d: Demo, user: string) => {
    const person = d.people.find((p) => p.user === user);
    if (!person) throw new BadRequest('unknown demo person');
    return person;
  };
  const localeOf = async (d: Demo, person: Person): Promise<Locale> => {
    const row = await d.db.prisma.employee.findUnique({ where: { id: person.id }, select: { locale: true } });
    return isLocale(row?.locale) ? row.locale : DEFAULT_LOCALE;
  };

  /** POSTs a signed body to the instance; the answer's JSON (or text), if any. */
  const deliver = async (d: Demo, body: string): Promise<{ status: number; json?: Record<string, unknown>; text?: string }> => {
    const res = await fetch(d.eventsUrl, { method: 'POST', headers: signedHeaders(d.secret, body), body });
    const raw = await res.text();
    if (raw === '') return { status: res.status };
    try {
      const parsed: unknown = JSON.parse(raw);
      if (typeof parsed === 'object' && parsed !== null) return { status: res.status, json: parsed as Record<string, unknown> };
    } catch {
      // plain text
    }
    return { status: res.status, text: raw };
  };

  // The manager's dashboard over the demo database (starts the demo if needed; 503 until it is up).
  mountDashboard(deps.http, {
    path: DEMO_DASHBOARD_PATH,
    policy: deps.policy,
    clock: { now: () => current?.clock.now() ?? DateTime.utc() },
    auth: { token: deps.settings.BANZHANG_DASHBOARD_TOKEN },
    db: () => {
      if (!current) {
        void demo().catch(() => undefined);
        throw new Error('the playground is starting');
      }
      return current.db.prisma;
    },
  });

  for (const [route, file] of Object.entries(STATIC_FILES)) {
    deps.http.route('GET', route, guard(async (_req, res) => {
      const content = await readFile(path.join(STATIC_DIR, file));
      res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
      res.end(content);
    }));
  }

  deps.http.route('GET', '/playground/api/events', guard(async (req, res) => {
    await demo();
    res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', connection: 'keep-alive' });
    res.write(': playground events\n\n');
    streams.add(res);
    req.once('close', () => streams.delete(res));
  }));

  deps.http.route('GET', '/playground/api/state', guard(async (req, res) => {
    const d = await demo();
    const query = new URL(req.url ?? '/', 'http://localhost').searchParams;
    const person = d.people.find((p) => p.user === query.get('user')) ?? d.people[0]!;
    const locale = await localeOf(d, person);
    const visible = d.workspace.conversations().filter((c) => c.kind === 'channel' || c.user === person.user);
    const conversation = visible.find((c) => c.id === query.get('conversation')) ?? visible.find((c) => c.user === person.user)!;
    const modal: PlaygroundView | undefined = d.workspace.modals(person.user).at(-1);
    const zone = d.app.policy.center.timeZone;
    const now = d.clock.now();
    send(res, 200, {
      locale,
      texts: pageTexts(locale),
      person: person.user,
      people: d.people.map((p) => ({ ...p, roleName: t(locale, `playground.role.${p.role}` as MessageKey) })),
      conversations: visible.map((c) => ({ id: c.id, kind: c.kind, name: c.kind === 'dm' ? t(locale, 'playground.dm_with_bot') : c.name, count: d.workspace.messages(c.id).length })),
      conversation: conversation.id,
      messages: d.workspace.messages(conversation.id),
      ephemerals: d.workspace.ephemerals(person.user).filter((e) => e.channel === conversation.id).slice(-5),
      modal: modal ?? null,
      home: d.workspace.home(person.user) ?? null,
      clock: { local: now.setZone(zone).toFormat("yyyy-MM-dd'T'HH:mm"), zone, weekday: now.setZone(zone).setLocale(locale === 'en' ? 'en' : 'zh-CN').toFormat('cccc') },
      jobs: [...d.jobs.values()].map((job) => ({ name: job.name, cron: job.cron, description: t(locale, job.description), next: job.schedule.nextAfter(now.minus({ minutes: 1 }))?.setZone(zone).toFormat("yyyy-MM-dd'T'HH:mm") ?? null })),
      dashboard: DEMO_DASHBOARD_PATH,
    });
  }));

  deps.http.route('POST', '/playground/api/command', guard(async (req, res) => {
    const d = await demo();
    const body = await jsonBody(req);
    const person = personOf(d, text(body, 'user'));
    const channel = typeof body.conversation === 'string' && body.conversation ? body.conversation : d.workspace.dmOf(person.user);
    const parsed = parseCommandLine(text(body, 'text'));
    if (!parsed) throw new BadRequest('a command starts with /');
    const answer = await deliver(d, slashCommandBody({
      ...parsed,
      user: person.user,
      channel,
      triggerId: d.workspace.trigger(person.user),
      responseUrl: d.workspace.responseUrl(person.user, channel),
    }));
    const content = answer.json ?? (answer.text ? { text: answer.text } : undefined);
    if (content && (typeof content.text === 'string' || Array.isArray(content.blocks))) {
      d.workspace.addEphemeral(person.user, channel, { text: String(content.text ?? ''), ...(Array.isArray(content.blocks) ? { blocks: content.blocks as Block[] } : {}) });
    }
    send(res, 200, { status: answer.status });
  }));

  deps.http.route('POST', '/playground/api/action', guard(async (req, res) => {
    const d = await demo();
    const body = await jsonBody(req);
    const person = personOf(d, text(body, 'user'));
    const action = body.action;
    if (typeof action !== 'object' || action === null) throw new BadRequest('action missing');
    const actions = [{ ...(action as Record<string, unknown>), action_ts: String(Date.now() / 1000) }];
    const base = { type: 'block_actions', user: { id: person.user, name: person.user.toLowerCase(), team_id: 'TPLAYGROUND' }, trigger_id: d.workspace.trigger(person.user), actions };
    let payload: Record<string, unknown>;
    if (typeof body.viewId === 'string') {
      const view = d.workspace.modals(person.user).find((v) => v.id === body.viewId);
      if (!view) throw new BadRequest('no such open view');
      payload = { ...base, container: { type: 'view', view_id: view.id }, view: { ...view, state: { values: body.values ?? {} } } };
    } else {
      const channel = text(body, 'conversation');
      const message = d.workspace.messages(channel).find((m) => m.ts === body.ts) ?? d.workspace.ephemerals(person.user).find((m) => m.ts === body.ts);
      if (!message) throw new BadRequest('no such message');
      const ephemeral = !d.workspace.messages(channel).includes(message as never);
      payload = {
        ...base,
        container: { type: 'message', message_ts: message.ts, channel_id: channel, is_ephemeral: ephemeral },
        channel: { id: channel, name: channel },
        message: { type: 'message', ts: message.ts, text: message.text, blocks: message.blocks ?? [] },
        response_url: d.workspace.responseUrl(person.user, channel),
      };
    }
    const answer = await deliver(d, interactionBody(payload));
    send(res, 200, { status: answer.status });
  }));

  deps.http.route('POST', '/playground/api/submit', guard(async (req, res) => {
    const d = await demo();
    const body = await jsonBody(req);
    const person = personOf(d, text(body, 'user'));
    const view = d.workspace.modals(person.user).find((v) => v.id === body.viewId);
    if (!view) throw new BadRequest('no such open view');
    const { errors: _shown, ...sent } = view;
    const answer = await deliver(d, interactionBody({
      type: 'view_submission',
      user: { id: person.user, name: person.user.toLowerCase(), team_id: 'TPLAYGROUND' },
      trigger_id: d.workspace.trigger(person.user),
      view: { ...sent, team_id: 'TPLAYGROUND', state: { values: body.values ?? {} }, root_view_id: view.id, previous_view_id: null },
      response_urls: [],
    }));
    if (answer.status === 200) d.workspace.applySubmissionAnswer(person.user, view.id, answer.json ?? null);
    send(res, 200, { status: answer.status, answer: answer.json ?? null });
  }));

  deps.http.route('POST', '/playground/api/close', guard(async (req, res) => {
    const d = await demo();
    const body = await jsonBody(req);
    d.workspace.closeView(personOf(d, text(body, 'user')).user, text(body, 'viewId'));
    send(res, 200, {});
  }));

  deps.http.route('POST', '/playground/api/clock', guard(async (req, res) => {
    const d = await demo();
    const body = await jsonBody(req);
    const at = DateTime.fromISO(text(body, 'local'), { zone: d.app.policy.center.timeZone });
    if (!at.isValid) throw new BadRequest('local must be an ISO date and time');
    d.clock.set(at);
    send(res, 200, { now: d.clock.now().toISO() });
  }));

  deps.http.route('POST', '/playground/api/job', guard(async (req, res) => {
    const d = await demo();
    const body = await jsonBody(req);
    const job = jobNamed(d.jobs, text(body, 'name'));
    const at = typeof body.at === 'string' && body.at ? parseAt(body.at, job.timeZone) : d.clock.now();
    const locale = isLocale(body.locale) ? body.locale : DEFAULT_LOCALE;
    const scheduler = createScheduler({
      prisma: d.db.prisma,
      policy: d.app.policy,
      jobs: [...d.jobs.values()],
      clock: d.clock,
      logger: deps.logger.child({ component: 'playground' }),
      owner: 'playground',
      chat: { slack: true, teams: false },
    });
    const result = await scheduler.runSlot(job.name, at, { trigger: 'manual' });
    const report = describeRun(result, job, locale);
    send(res, 200, { outcome: result.outcome, line: report.line });
  }));

  deps.http.route('POST', '/playground/api/locale', guard(async (req, res) => {
    const d = await demo();
    const body = await jsonBody(req);
    const person = personOf(d, text(body, 'user'));
    const locale = body.locale;
    if (!isLocale(locale)) throw new BadRequest('locale must be zh-CN or en');
    await d.db.prisma.employee.update({ where: { id: person.id }, data: { locale } });
    for (const res of streams) res.write('data: changed\n\n');
    send(res, 200, { locale });
  }));

  deps.http.route('GET', '/playground/files', guard(async (req, res) => {
    const d = await demo();
    const file = d.workspace.file(new URL(req.url ?? '/', 'http://localhost').searchParams.get('id') ?? '');
    if (!file) return send(res, 404, { error: 'no such file' });
    res.writeHead(200, { 'content-type': file.mimetype, 'cache-control': 'no-store' });
    res.end(file.bytes);
  }));

  return {
    demo,
    async close() {
      closed = true;
      for (const res of streams) res.end();
      streams.clear();
      const running = await starting?.catch(() => undefined);
      await running?.close();
    },
  };
}
