/**
 * The manager's dashboard (issue 10) over HTTP on both databases: the lateness
 * heatmap equals a table computed here from the rules (LATE-2, LATE-4) and, on
 * PostgreSQL, `banzhang report lateness --month M --format json` run on the
 * same database; the leave coverage per segment, the ranking and the page in
 * both locales; who may see it (loopback only, or the token).
 */
import { networkInterfaces } from 'node:os';
import { DateTime } from 'luxon';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadPolicy } from '../../src/policy/config/load.ts';
import type { Policy } from '../../src/policy/config/schema.ts';
import { accessDenied, isLoopback, mountDashboard, pageLocale } from '../../src/server/dashboard/dashboard.ts';
import { createHttpServer, type HttpServer } from '../../src/server/http-server.ts';
import { createMetrics } from '../../src/server/metrics.ts';
import { createLogger } from '../../src/shared/logger.ts';
import { cli } from '../support/cli.ts';
import { dateColumn } from '../../src/shared/db/types.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { id, LEAVE_DAY, MONTH, PENDING_DAY, PEOPLE, seedFloor, WORKING_DAYS } from './floor.ts';

const logger = createLogger('silent');

async function startServer(mount: (http: HttpServer) => void, host = '127.0.0.1'): Promise<{ http: HttpServer; base: string }> {
  const http = createHttpServer({ logger, metrics: createMetrics(), readiness: { check: async () => null } });
  mount(http);
  const port = await http.listen(0, host);
  return { http, base: `http://127.0.0.1:${port}` };
}

let policy: Policy;
beforeEach(async () => {
  const loaded = await loadPolicy('outbound-basic');
  if (!loaded.ok) throw new Error('policy');
  policy = loaded.policy;
});

describeEachDatabase('dashboard', (current) => {
  const clock = { now: () => DateTime.fromISO('2026-12-05T10:00:00+08:00') };
  let server: { http: HttpServer; base: string } | undefined;
  afterEach(async () => {
    await server?.http.close();
    server = undefined;
  });

  const seed = () => seedFloor(current().db.prisma, policy);

  it('LATE-9, LATE-4: the heatmap is each person × working day in minutes late, and each total is report lateness late_minutes', async () => {
    const expected = await seed();
    server = await startServer((http) => mountDashboard(http, { db: current().db, policy, clock, auth: {} }));
    const res = await fetch(`${server.base}/dashboard/api/lateness?month=${MONTH}`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { month: string; lateness: { days: string[]; people: Array<{ id: string; lateMinutes: number; byDay: Record<string, number> }> } };
    expect(body.month).toBe(MONTH);
    expect(body.lateness.days).toEqual(WORKING_DAYS);
    expect(new Map(body.lateness.people.map((p) => [p.id, p.byDay]))).toEqual(expected);
    for (const p of body.lateness.people) expect(p.lateMinutes).toBe(Object.values(p.byDay).reduce((a, b) => a + b, 0));
    // Both ways of the data: someone late on many days, and A003's day on leave is empty.
    expect(body.lateness.people.find((p) => p.id === id(3))!.byDay[LEAVE_DAY]).toBeUndefined();

    if (current().kind === 'postgres') {
      // The same month through the command line, on the same database.
      const report = await cli(['report', 'lateness', '--month', MONTH, '--format', 'json'], { DATABASE_URL: current().url!, BANZHANG_CLOCK: clock.now().toISO()! });
      expect(report.code, report.stderr).toBe(0);
      const rows = JSON.parse(report.stdout) as Array<{ employee_id: string; late_minutes: number }>;
      expect(rows).toHaveLength(PEOPLE);
      expect(new Map(body.lateness.people.map((p) => [p.id, Object.values(p.byDay).reduce((a, b) => a + b, 0)]))).toEqual(new Map(rows.map((r) => [r.employee_id, r.late_minutes])));
    }
  });

  it('leave: pending and approved requests of the month, and coverage per segment counts the approved leave only', async () => {
    await seed();
    server = await startServer((http) => mountDashboard(http, { db: current().db, policy, clock, auth: {} }));
    const body = (await (await fetch(`${server.base}/dashboard/api/leave?month=${MONTH}`)).json()) as {
      leave: { requests: Array<{ employeeId: string; status: string; startDate: string }>; coverage: Array<{ date: string; segments: Array<{ segment: string; scheduled: number; working: number }> }> };
    };
    expect(body.leave.requests.map((r) => [r.employeeId, r.status, r.startDate])).toEqual([
      [id(3), 'approved', LEAVE_DAY],
      [id(4), 'pending', PENDING_DAY],
    ]);
    const on = (date: string) => body.leave.coverage.find((c) => c.date === date)!.segments;
    expect(on(LEAVE_DAY)).toEqual([
      { segment: 'morning', scheduled: PEOPLE, working: PEOPLE - 1 },
      { segment: 'afternoon', scheduled: PEOPLE, working: PEOPLE - 1 },
    ]);
    expect(on(PENDING_DAY).every((s) => s.working === PEOPLE)).toBe(true);
    expect(body.leave.coverage.map((c) => c.date)).toEqual(WORKING_DAYS);
  });

  it('PERF-7: the ranking section lists every ranked agent with score and lines; the page draws it and the heatmap, zh-CN or en', async () => {
    await seed();
    server = await startServer((http) => mountDashboard(http, { db: current().db, policy, clock, auth: {} }));
    const all = (await (await fetch(`${server.base}/dashboard/api?month=${MONTH}`)).json()) as {
      ranking: Array<{ role: string; rows: Array<{ employeeId: string; name: string; score: number; lines: unknown[] }> }>;
      lateness: { people: Array<{ id: string; lateMinutes: number }> };
      suggestions: unknown[];
      incidents: unknown[];
    };
    expect(all.ranking.map((r) => r.role)).toEqual(['outbound_agent']);
    expect(all.ranking[0]!.rows.map((r) => r.employeeId).sort()).toEqual(Array.from({ length: PEOPLE }, (_, i) => id(i)));
    expect(all.suggestions).toEqual([]);
    expect(all.incidents).toEqual([]);

    const en = await fetch(`${server.base}/dashboard?month=${MONTH}&lang=en`);
    expect(en.status).toBe(200);
    expect(en.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await en.text();
    expect(html).toContain('<html lang="en">');
    expect(html).toContain(`Lateness ${MONTH}`);
    // Each chart is an inline SVG followed by its table; the heatmap table's total column is the month's late minutes.
    expect((html.match(/<svg /g) ?? []).length).toBe(3); // heatmap, coverage, ranking (no training session)
    const a000 = all.lateness.people.find((p) => p.id === id(0))!;
    expect(html).toMatch(new RegExp(`<th scope="row">员工0</th><td>t1</td>.*?<td><strong>${a000.lateMinutes}</strong></td>`));
    for (const r of all.ranking[0]!.rows) expect(html).toContain(`${r.name}`);

    const zh = await (await fetch(`${server.base}/dashboard?month=${MONTH}`, { headers: { 'accept-language': 'zh-CN,zh;q=0.9' } })).text();
    expect(zh).toContain('<html lang="zh-CN">');
    expect(zh).toContain(`${MONTH} 迟到`);

    const bad = await fetch(`${server.base}/dashboard?month=2026-13&lang=en`);
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('--month must be YYYY-MM');
    const css = await fetch(`${server.base}/dashboard/assets/echarts.min.js`);
    expect(css.status).toBe(200);
    expect((await css.text()).length).toBeGreaterThan(100_000);
  });

  it('training attendance of the month\'s sessions; open suggestions and incidents only (a done suggestion and a resolved incident are left out)', async () => {
    await seed();
    const prisma = current().db.prisma;
    const session = await prisma.trainingSession.create({ data: { date: dateColumn('2026-11-27'), startsAt: DateTime.fromISO('2026-11-27T16:30', { zone: 'Asia/Shanghai' }).toJSDate(), topic: '话术复盘' } });
    await prisma.trainingAttendance.createMany({ data: [id(0), id(1)].map((employeeId) => ({ sessionId: session.id, employeeId, checkedInAt: DateTime.fromISO('2026-11-27T16:31', { zone: 'Asia/Shanghai' }).toJSDate(), source: 'slack' })) });
    const suggestion = (title: string, status: string) =>
      prisma.suggestion.create({
        data: { submitterId: id(2), title, currentPractice: 'now', proposal: 'better', source: 'training', submittedOn: dateColumn('2026-11-03'), submitterName: '员工2', teamId: 't1', department: '一组', position: 'outbound_agent', status, reviewerId: id(1), channel: 'slack' },
      });
    await suggestion('<b>open</b> idea', 'submitted');
    await suggestion('finished idea', 'done');
    const incident = (status: string) =>
      prisma.incident.create({ data: { type: 'power-outage', occurredAt: DateTime.fromISO('2026-11-28T09:15', { zone: 'Asia/Shanghai' }).toJSDate(), description: 'x', recorderId: id(5), filedAt: new Date(), status, channel: 'slack' } });
    const open = await incident('acknowledged');
    await incident('resolved');
    server = await startServer((http) => mountDashboard(http, { db: current().db, policy, clock, auth: {} }));
    const get = async (s: string) => (await (await fetch(`${server!.base}/dashboard/api/${s}?month=${MONTH}`)).json()) as Record<string, unknown>;
    const training = (await get('training')).training as { sessions: Array<{ date: string; topic: string; attended: string[]; missed: string[]; excused: string[] }> };
    expect(training.sessions).toHaveLength(1);
    expect(training.sessions[0]!).toMatchObject({ date: '2026-11-27', topic: '话术复盘', attended: ['员工0', '员工1'] });
    expect([...training.sessions[0]!.missed, ...training.sessions[0]!.excused].sort()).toEqual(['员工2', '员工3', '员工4', '员工5']);
    expect(((await get('suggestions')).suggestions as Array<{ title: string; waitingOn: string }>).map((x) => [x.title, x.waitingOn])).toEqual([['<b>open</b> idea', '员工1']]);
    expect(((await get('incidents')).incidents as Array<{ id: number; occurredAt: string; recorderName: string }>).map((x) => [x.id, x.occurredAt, x.recorderName])).toEqual([[open.id, '2026-11-28T09:15:00+08:00', '员工5']]);
    const html = await (await fetch(`${server.base}/dashboard?month=${MONTH}&lang=en`)).text();
    expect((html.match(/<svg /g) ?? []).length).toBe(4); // + training
    expect(html).toContain('&lt;b&gt;open&lt;/b&gt; idea');
    expect(html).not.toContain('finished idea');
    expect(html).toContain('2026-11-28 09:15');
  });
});

describe('dashboard access', () => {
  const clock = { now: () => DateTime.fromISO('2026-12-05T10:00:00+08:00') };
  const noDb = () => {
    throw new Error('not ready');
  };

  it('loopback addresses are 127.0.0.0/8 and ::1 (also IPv4-mapped); nothing else', () => {
    for (const a of ['127.0.0.1', '127.1.2.3', '::1', '::ffff:127.0.0.1']) expect(isLoopback(a), a).toBe(true);
    for (const a of ['10.0.0.5', '192.168.1.2', '::ffff:10.0.0.5', 'fe80::1', '1.127.0.0', '', undefined]) expect(isLoopback(a), String(a)).toBe(false);
  });

  it('without a token only loopback clients get in (403); with one every client must send it (401)', () => {
    const req = (remoteAddress: string, headers: Record<string, string> = {}, url = '/dashboard') => ({ socket: { remoteAddress }, headers, url });
    expect(accessDenied(req('127.0.0.1'), {})).toBeNull();
    expect(accessDenied(req('10.1.2.3'), {})).toBe(403);
    const auth = { token: 's3cret-token' };
    expect(accessDenied(req('10.1.2.3'), auth)).toBe(401);
    expect(accessDenied(req('127.0.0.1'), auth)).toBe(401);
    expect(accessDenied(req('10.1.2.3', { authorization: 'Bearer wrong' }), auth)).toBe(401);
    expect(accessDenied(req('10.1.2.3', { authorization: 'Bearer s3cret-token' }), auth)).toBeNull();
    expect(accessDenied(req('10.1.2.3', {}, '/dashboard?token=s3cret-token'), auth)).toBeNull();
    expect(accessDenied(req('10.1.2.3', {}, '/dashboard?token=s3cret-toke'), auth)).toBe(401);
  });

  it('over HTTP: no token → 401 with WWW-Authenticate, in the reader language; the token opens it (503 while the database is not ready)', async () => {
    const server = await startServer((http) => mountDashboard(http, { db: noDb, policy, clock, auth: { token: 'tok-123' } }));
    try {
      const none = await fetch(`${server.base}/dashboard/api/lateness`, { headers: { 'accept-language': 'en' } });
      expect(none.status).toBe(401);
      expect(none.headers.get('www-authenticate')).toMatch(/^Bearer/);
      expect(await none.text()).toContain('sign-in token');
      expect((await fetch(`${server.base}/dashboard`)).status).toBe(401);
      expect((await fetch(`${server.base}/dashboard/assets/dashboard.css`)).status).toBe(401);
      const withToken = await fetch(`${server.base}/dashboard/api/lateness`, { headers: { authorization: 'Bearer tok-123' } });
      expect(withToken.status).toBe(503);
      expect((await fetch(`${server.base}/dashboard/assets/dashboard.css?token=tok-123`)).status).toBe(200);
    } finally {
      await server.http.close();
    }
  });

  const external = Object.values(networkInterfaces())
    .flat()
    .find((i) => i && i.family === 'IPv4' && !i.internal)?.address;
  it.skipIf(!external)('over HTTP: a client that is not on loopback gets 403 when no token is set', async () => {
    const server = await startServer((http) => mountDashboard(http, { db: noDb, policy, clock, auth: {} }), '0.0.0.0');
    try {
      const port = new URL(server.base).port;
      const far = await fetch(`http://${external}:${port}/dashboard`, { headers: { 'accept-language': 'en' } });
      expect(far.status).toBe(403);
      expect(await far.text()).toContain('this computer only');
      expect((await fetch(`http://${external}:${port}/dashboard/api`)).status).toBe(403);
      expect((await fetch(`${server.base}/dashboard/api`)).status).toBe(503); // loopback passes the check
    } finally {
      await server.http.close();
    }
  });

  it('the page language: ?lang= first, then Accept-Language, zh-CN by default', () => {
    expect(pageLocale({ url: '/dashboard?lang=en', headers: { 'accept-language': 'zh-CN' } })).toBe('en');
    expect(pageLocale({ url: '/dashboard', headers: { 'accept-language': 'en-GB,en;q=0.8' } })).toBe('en');
    expect(pageLocale({ url: '/dashboard', headers: { 'accept-language': 'fr, zh-TW;q=0.5' } })).toBe('zh-CN');
    expect(pageLocale({ url: '/dashboard', headers: {} })).toBe('zh-CN');
  });
});
