/**
 * The manager's dashboard (issue 10, docs/dashboard.md), mounted on any
 * banzhang HTTP server and any database:
 *
 *   mountDashboard(http, { db, policy, clock, auth: { token } })
 *
 * - `db`: an open Database (or anything with `prisma`), or a getter that
 *   returns the PrismaClient and throws while the database is not ready (503).
 * - `auth.token`: unset → loopback clients only (403 for any other); set →
 *   every client must send it, `Authorization: Bearer <token>` or `?token=`
 *   (401 without or with a wrong one).
 * - `path`: where it lives (default `/dashboard`; a demo can mount its own
 *   at another path over another database).
 *
 * Routes (GET): `<path>` the page (`?month=YYYY-MM`, `?lang=zh-CN|en`, else
 * Accept-Language); `<path>/api` every section as JSON; `<path>/api/<section>`
 * one section (lateness, leave, ranking, training, suggestions, incidents);
 * `<path>/assets/…` the page's CSS and scripts (ECharts' browser build from
 * node_modules).
 */
import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import { timingSafeEqual } from 'node:crypto';
import type { Policy } from '../../policy/config/schema.ts';
import type { Clock } from '../../shared/clock.ts';
import type { PrismaClient } from '../../shared/db/types.ts';
import { AppError } from '../../shared/errors.ts';
import { isLocale, t, type Locale, type MessageKey } from '../../shared/i18n/index.ts';
import { currentMonth, dashboardData, dashboardSection, DASHBOARD_SECTIONS, monthRange, type DashboardDeps } from '../../features/dashboard/dashboard-data.ts';
import type { HttpServer } from '../http-server.ts';
import { dashboardPage } from './dashboard-page.ts';

export interface DashboardOptions {
  db: { prisma: PrismaClient } | (() => PrismaClient);
  policy: Policy;
  clock: Clock;
  auth: { token?: string | undefined };
  /** Default `/dashboard`. */
  path?: string;
}

/** 127.0.0.0/8 and ::1, also as IPv4-mapped IPv6. */
export function isLoopback(address: string | undefined): boolean {
  if (!address) return false;
  const v4 = address.startsWith('::ffff:') ? address.slice(7) : address;
  return v4 === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(v4);
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Who may see the dashboard: null when allowed, else the HTTP status to answer (401 no/wrong token, 403 not loopback). */
export function accessDenied(req: Pick<IncomingMessage, 'headers' | 'url'> & { socket: { remoteAddress?: string | undefined } }, auth: DashboardOptions['auth']): 401 | 403 | null {
  if (auth.token) {
    const bearer = /^Bearer\s+(\S+)$/i.exec(String(req.headers.authorization ?? ''))?.[1];
    const query = new URL(req.url ?? '/', 'http://localhost').searchParams.get('token') ?? undefined;
    const given = bearer ?? query;
    return given !== undefined && sameSecret(given, auth.token) ? null : 401;
  }
  return isLoopback(req.socket.remoteAddress) ? null : 403;
}

/** `?lang=` first, then the first Accept-Language that is English or Chinese; zh-CN by default. */
export function pageLocale(req: Pick<IncomingMessage, 'headers' | 'url'>): Locale {
  const lang = new URL(req.url ?? '/', 'http://localhost').searchParams.get('lang');
  if (lang && isLocale(lang)) return lang;
  for (const part of String(req.headers['accept-language'] ?? '').split(',')) {
    const tag = part.split(';')[0]!.trim().toLowerCase();
    if (tag.startsWith('en')) return 'en';
    if (tag.startsWith('zh')) return 'zh-CN';
  }
  return 'zh-CN';
}

const require = createRequire(import.meta.url);
const assets = new Map<string, { type: string; read: () => Buffer }>([
  ['echarts.min.js', { type: 'text/javascript; charset=utf-8', read: () => readFileSync(require.resolve('echarts/dist/echarts.min.js')) }],
  ['dashboard.js', { type: 'text/javascript; charset=utf-8', read: () => readFileSync(new URL('./assets/dashboard.js', import.meta.url)) }],
  ['dashboard.css', { type: 'text/css; charset=utf-8', read: () => readFileSync(new URL('./assets/dashboard.css', import.meta.url)) }],
]);

function send(res: ServerResponse, status: number, body: string | Buffer, type: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', 'x-content-type-options': 'nosniff', ...headers });
  res.end(body);
}

export function mountDashboard(server: Pick<HttpServer, 'route'>, options: DashboardOptions): void {
  const base = options.path ?? '/dashboard';
  const prisma = () => (typeof options.db === 'function' ? options.db() : options.db.prisma);
  const cache = new Map<string, Buffer>();

  /** Wraps a handler: access first, then the month, and errors in the reader's locale. */
  const guarded =
    (handle: (ctx: { req: IncomingMessage; res: ServerResponse; locale: Locale; month: string; deps: DashboardDeps; url: URL }) => Promise<void>) =>
    async (req: IncomingMessage, res: ServerResponse) => {
      const locale = pageLocale(req);
      const denied = accessDenied(req, options.auth);
      if (denied) {
        return send(res, denied, `${t(locale, denied === 401 ? 'dashboard.error.unauthorized' : 'dashboard.error.forbidden')}\n`, 'text/plain; charset=utf-8', denied === 401 ? { 'www-authenticate': 'Bearer realm="banzhang dashboard"' } : {});
      }
      const url = new URL(req.url ?? '/', 'http://localhost');
      let client: PrismaClient;
      try {
        client = prisma();
      } catch {
        return send(res, 503, `${t(locale, 'dashboard.error.not_ready')}\n`, 'text/plain; charset=utf-8');
      }
      const deps: DashboardDeps = { prisma: client, policy: options.policy, clock: options.clock };
      const month = url.searchParams.get('month') ?? currentMonth(deps);
      try {
        monthRange(deps, month);
        await handle({ req, res, locale, month, deps, url });
      } catch (error) {
        if (error instanceof AppError && error.code === 'bad_input') {
          return send(res, 400, `${t(locale, error.messageKey as MessageKey, error.details as Record<string, string>)}\n`, 'text/plain; charset=utf-8');
        }
        throw error;
      }
    };

  server.route(
    'GET',
    base,
    guarded(async ({ res, locale, month, deps, url }) => {
      const keep = new URLSearchParams();
      for (const k of ['lang', 'token']) {
        const v = url.searchParams.get(k);
        if (v) keep.set(k, v);
      }
      send(res, 200, dashboardPage(locale, await dashboardData(deps, month), { base, keep }), 'text/html; charset=utf-8');
    }),
  );
  server.route(
    'GET',
    `${base}/api`,
    guarded(async ({ res, month, deps }) => send(res, 200, JSON.stringify(await dashboardData(deps, month)), 'application/json; charset=utf-8')),
  );
  for (const name of DASHBOARD_SECTIONS) {
    server.route(
      'GET',
      `${base}/api/${name}`,
      guarded(async ({ res, month, deps }) => send(res, 200, JSON.stringify({ month, [name]: await dashboardSection(deps, name, month) }), 'application/json; charset=utf-8')),
    );
  }
  for (const [name, asset] of assets) {
    server.route('GET', `${base}/assets/${name}`, (req, res) => {
      const denied = accessDenied(req, options.auth);
      if (denied) return send(res, denied, `${t(pageLocale(req), denied === 401 ? 'dashboard.error.unauthorized' : 'dashboard.error.forbidden')}\n`, 'text/plain; charset=utf-8');
      let body = cache.get(name);
      if (!body) cache.set(name, (body = asset.read()));
      send(res, 200, body, asset.type, { 'cache-control': 'private, max-age=3600' });
    });
  }
}
