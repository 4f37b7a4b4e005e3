/**
 * The month-end ranking scenario's floor (test/fixtures/perf-org.yaml with
 * perf-policy.yaml): six outbound agents (two with equal figures) and a
 * complaint handler, their November (and October, for PERF-8) as CSV, and the
 * ranking computed by this file's own arithmetic (not the production
 * functions). Shared by the Slack and the Teams ranking tests.
 */
import { DateTime } from 'luxon';

export const ZONE = 'Asia/Shanghai';

export const WEIGHTS: Record<string, number> = { survey: 1, marketing: 1.5 };
export const NOVEMBER: string[] = [];
for (let d = DateTime.fromISO('2026-11-01', { zone: ZONE }); d.month === 11; d = d.plus({ days: 1 })) if (d.weekday <= 5) NOVEMBER.push(d.toISODate()!);

export interface Agent {
  id: string;
  name: string;
  /** Questionnaires completed on a working day; null: no summary filed. */
  q(date: string): number | null;
  callType: string;
  ordersPerDay: number;
  octoberOrders: number;
  leave?: string;
  exam?: number;
  missedTraining?: boolean;
}
export const AGENTS: Agent[] = [
  { id: 'A1', name: 'Alice', q: () => 65, callType: '', ordersPerDay: 3, octoberOrders: 30, exam: 90 },
  { id: 'A2', name: '李二', q: () => 65, callType: 'survey', ordersPerDay: 3, octoberOrders: 30, exam: 90 }, // A1's equal
  { id: 'A3', name: '张三', q: (d) => (d === '2026-11-18' ? null : d === '2026-11-03' || d === '2026-11-04' ? 58 : 62), callType: 'marketing', ordersPerDay: 2, octoberOrders: 20, exam: 85 },
  { id: 'A4', name: '李四', q: () => 60, callType: '', ordersPerDay: 2, octoberOrders: 25, leave: '2026-11-10', exam: 78 },
  { id: 'A5', name: '王五', q: () => 57, callType: '', ordersPerDay: 2, octoberOrders: 22, exam: 95, missedTraining: true },
  { id: 'A6', name: '赵六', q: () => 49, callType: '', ordersPerDay: 1, octoberOrders: 5 },
];
export const C1 = { id: 'C1', name: 'Carol', exam: 70, kpis: { delay: 7.5, feedback: 99.7, satisfaction: 79, repeat: 1.25, redispatch: 0.5 }, unsolvableSatisfaction: 4 };

export const summariesCsv = () => {
  const rows = ['employee_id,date,calls_made,calls_connected,questionnaires_completed,orders,customer_issues,call_type'];
  for (const a of AGENTS) {
    rows.push(`${a.id},2026-10-15,300,200,60,${a.octoberOrders},0,`);
    for (const date of NOVEMBER) {
      const q = a.q(date);
      if (q === null || date === a.leave) continue;
      rows.push(`${a.id},${date},${q * 3},${q * 2},${q},${a.ordersPerDay},1,${a.callType}`);
    }
  }
  return rows.join('\n');
};
export const examCsv = () => ['employee_id,month,score', ...AGENTS.filter((a) => a.exam !== undefined).map((a) => `${a.id},2026-11,${a.exam}`), `C1,2026-11,${C1.exam}`].join('\n');
export const kpiCsv = () =>
  [
    'employee_id,month,delay_rate,feedback_timeliness,satisfaction,repeat_rate,redispatch_rate,misses',
    `C1,2026-11,${C1.kpis.delay},${C1.kpis.feedback},${C1.kpis.satisfaction},${C1.kpis.repeat},${C1.kpis.redispatch},satisfaction:unsolvable:${C1.unsolvableSatisfaction}`,
  ].join('\n');

export interface Expected {
  id: string;
  name: string;
  role: 'outbound_agent' | 'complaint_handler';
  score: number;
  rank: number;
  lineCount: number;
}

/** The month by its own arithmetic: 100 − 1 a questionnaire short a working day + 40, 38, … by weighted volume − exam − 5 an absence − KPIs. */
export function expectedRanking(): { rows: Expected[]; flagged: string[] } {
  const scores = [...AGENTS.flatMap((a) => (a.exam !== undefined ? [a.exam] : [])), C1.exam];
  const average = scores.reduce((s, x) => s + x, 0) / scores.length;
  const top = Math.max(...scores);
  const exam = (s: number | undefined) => {
    if (s === undefined) return { points: 0, lines: 0 };
    const below = Math.max(0, Math.floor(average - s));
    const band = Math.floor(top / 10) - Math.floor(s / 10);
    return { points: below + 3 * band, lines: (below > 0 ? 1 : 0) + (band > 0 ? 1 : 0) };
  };
  const agents = AGENTS.map((a) => {
    const days = NOVEMBER.filter((d) => d !== a.leave);
    let short = 0;
    let shortDays = 0;
    let weighted = 0;
    for (const d of days) {
      const q = a.q(d) ?? 0;
      if (q < 60) {
        short += 60 - q;
        shortDays++;
      }
      weighted += q * (WEIGHTS[a.callType] ?? 1);
    }
    return { a, days, short, shortDays, weighted, eligible: weighted / days.length >= 50, orders: days.filter((d) => a.q(d) !== null).length * a.ordersPerDay };
  });
  const rows: Expected[] = agents.map((x) => {
    const place = 1 + agents.filter((y) => y.eligible && y.weighted > x.weighted).length;
    const volume = x.eligible ? Math.max(0, 40 - 2 * (place - 1)) : 0;
    const e = exam(x.a.exam);
    const training = x.a.missedTraining ? 5 : 0;
    return {
      id: x.a.id,
      name: x.a.name,
      role: 'outbound_agent',
      score: 100 - x.short + volume - e.points - training,
      rank: 0,
      lineCount: x.shortDays + 1 /* PERF-3 */ + e.lines + (training ? 1 : 0),
    };
  });
  const fewestNov = Math.min(...agents.map((x) => x.orders));
  const fewestOct = Math.min(...AGENTS.map((a) => a.octoberOrders));
  const flagged = agents.filter((x) => x.orders === fewestNov && x.a.octoberOrders === fewestOct).map((x) => x.a.id);
  for (const r of rows) {
    r.rank = 1 + rows.filter((o) => o.score > r.score).length;
    if (flagged.includes(r.id)) r.lineCount++;
  }
  const steps = (amount: number, step: number) => (amount <= 0 ? 0 : Math.floor(amount / step + 1e-9));
  const k = C1.kpis;
  const kpiSteps = [steps(k.delay - 5, 1), steps(100 - k.feedback, 0.1), steps(80 - k.satisfaction, 1), steps(k.repeat - 1, 0.1), steps(k.redispatch - 0.5, 0.1)];
  const e = exam(C1.exam);
  rows.push({
    id: 'C1',
    name: C1.name,
    role: 'complaint_handler',
    score: 100 - e.points - kpiSteps.reduce((s, x) => s + x, 0) - C1.unsolvableSatisfaction,
    rank: 1,
    lineCount: e.lines + kpiSteps.filter((x) => x > 0).length + 1,
  });
  return { rows, flagged };
}
