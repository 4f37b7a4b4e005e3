import { beforeAll, describe, expect, it } from 'vitest';
import type { Policy } from '../../src/policy/config/schema.ts';
import { monthScores, monthsEndingWith, type MonthEmployeeInput } from '../../src/policy/performance/month.ts';
import { policyFrom, preset } from './helpers.ts';

let basic: Policy;
beforeAll(async () => {
  basic = await preset('outbound-basic');
});

const days = (...completed: Array<number | null>) =>
  completed.map((n, i) => ({ date: `2026-03-0${i + 2}`, summary: n === null ? null : { questionnairesCompleted: n, callType: null } }));
const agent = (employeeId: string, workingDays: MonthEmployeeInput['workingDays'], extra: Partial<MonthEmployeeInput> = {}): MonthEmployeeInput => ({
  employeeId,
  role: 'outbound_agent',
  workingDays,
  ordersByMonth: {},
  unexcusedTrainingAbsences: 0,
  ...extra,
});

describe('month scores (PERF-2..PERF-8 composed)', () => {
  const input = () => ({
    month: '2026-03',
    employees: [
      agent('a1', days(62, 60, 58), { ordersByMonth: { '2026-02': 10, '2026-03': 12 } }),
      agent('a2', days(60, 60, null), { ordersByMonth: { '2026-02': 3, '2026-03': 2 } }),
      agent('a3', days(55, 55, 55), { ordersByMonth: { '2026-02': 3, '2026-03': 5 }, unexcusedTrainingAbsences: 1 }),
      {
        employeeId: 'c1',
        role: 'complaint_handler' as const,
        workingDays: days(null, null, null),
        ordersByMonth: { '2026-02': 0, '2026-03': 0 },
        unexcusedTrainingAbsences: 0,
        complaint: {
          kpis: { delayRatePct: 7, feedbackTimelinessPct: 100, satisfactionPct: 85, repeatRatePct: 1, redispatchRatePct: 0.5 },
          misses: [{ kpi: 'satisfaction' as const, cause: 'human-error' as const }],
        },
      },
    ],
    exams: [
      { employeeId: 'a1', score: 90 },
      { employeeId: 'a2', score: 80 },
      { employeeId: 'c1', score: 70 },
    ],
  });

  it('PERF-7: every line of every rule, scores from 100, one ranking per ranked role', () => {
    const result = monthScores(input(), basic);
    expect(result.map((r) => r.role)).toEqual(['outbound_agent', 'complaint_handler']);
    const agents = result[0]!.rows;
    // a1: 100 − 2 (58 on the 4th) + 40 (volume place 1, 180 = 60/day)
    // a3: 100 − 15 (three days at 55) + 38 (place 2, 55/day) − 5 (one absence)
    // a2: 100 − 60 (4th not filed) − 3 (exam band 1; 80 is the average); 40/day is below the floor
    expect(agents.map((r) => `${r.rank} ${r.employeeId} ${r.score}`)).toEqual(['1 a1 138', '2 a3 118', '3 a2 37']);
    const a2 = agents.find((r) => r.employeeId === 'a2')!;
    expect(a2.lines.map((l) => `${l.ruleId} ${l.date ?? ''} ${l.points} ${l.kind}`)).toEqual([
      'PERF-2 2026-03-04 60 shortfall',
      'PERF-3  0 volume-below-floor',
      'PERF-4  3 exam-band',
      'PERF-8  0 interview',
    ]);
    expect(a2.lines[0]!.params).toEqual({ done: 0, target: 60, short: 60, filed: 'no' });
    // c1: the complaint handler has no volume or orders lines (perf.volumeRoles): 100 − 10 (exam 10 below) − 6 (band 2) − 2 (delay 7%) − 20 (human error)
    const c1 = result[1]!.rows[0]!;
    expect(c1.score).toBe(62);
    expect(c1.lines.map((l) => `${l.ruleId} ${l.points} ${l.kind}`)).toEqual([
      'PERF-4 10 exam-average',
      'PERF-4 6 exam-band',
      'PERF-6 2 complaint-kpi',
      'PERF-6 20 complaint-miss',
    ]);
    expect(result[1]!.flagged).toEqual([]);
  });

  it('PERF-2: a working day without a summary counts as 0 questionnaires; a day at target costs nothing', () => {
    const [agents] = monthScores({ month: '2026-03', employees: [agent('a', days(60, null, 59))], exams: [] }, basic);
    expect(agents!.rows[0]!.lines.filter((l) => l.ruleId === 'PERF-2').map((l) => `${l.date} ${l.points} ${l.params.filed}`)).toEqual([
      '2026-03-03 60 no',
      '2026-03-04 1 yes',
    ]);
  });

  it('PERF-3: the average divides by every working day, filed or not; weights by call type', () => {
    const weighted = policyFrom({ perf: { callTypeWeights: { marketing: 2 } } });
    const marketing = (n: number) => ({ questionnairesCompleted: n, callType: 'marketing' });
    const employees = [
      agent('a', [{ date: '2026-03-02', summary: marketing(60) }, { date: '2026-03-03', summary: null }]), // 120 weighted / 2 days = 60
      agent('b', [{ date: '2026-03-02', summary: { questionnairesCompleted: 70, callType: null } }, { date: '2026-03-03', summary: null }]), // 70 / 2 = 35
    ];
    const rows = monthScores({ month: '2026-03', employees, exams: [] }, weighted)[0]!.rows;
    const volume = (id: string) => rows.find((r) => r.employeeId === id)!.lines.find((l) => l.ruleId === 'PERF-3')!;
    expect(volume('a')).toMatchObject({ points: -40, kind: 'volume-place', params: { place: 1, weighted: 120, perDay: 60 } });
    expect(volume('b')).toMatchObject({ points: 0, kind: 'volume-below-floor', params: { perDay: 35, floor: 50 } });
  });

  it('PERF-4: an employee without an exam score has no exam line', () => {
    const rows = monthScores(input(), basic)[0]!.rows;
    expect(rows.find((r) => r.employeeId === 'a3')!.lines.some((l) => l.ruleId === 'PERF-4')).toBe(false);
  });

  it('PERF-5: each unexcused training absence costs perf.trainingAbsencePoints', () => {
    const rows = monthScores(input(), basic)[0]!.rows;
    expect(rows.find((r) => r.employeeId === 'a3')!.lines.filter((l) => l.ruleId === 'PERF-5')).toMatchObject([{ points: 5, kind: 'training-absence', params: { count: 1 } }]);
  });

  it('PERF-6: KPI lines and the evaluator\'s miss lines, only for employees with KPIs', () => {
    const result = monthScores(input(), basic);
    expect(result[0]!.rows.flatMap((r) => r.lines).some((l) => l.ruleId === 'PERF-6')).toBe(false);
    expect(result[1]!.rows[0]!.lines.filter((l) => l.ruleId === 'PERF-6').map((l) => l.params)).toEqual([
      { kpi: 'delayRate', value: 7, limit: 5, steps: 2 },
      { kpi: 'satisfaction', cause: 'human-error' },
    ]);
  });

  it('PERF-7: equal scores share a rank and the next rank skips', () => {
    const employees = [agent('x', days(70, 70)), agent('y', days(60, 60)), agent('z', days(60, 60)), agent('w', days(50, 40))];
    // x 140 total: place 1, +40 → 140; y and z 120: place 2, +38 → 138 each; w 90 / 2 = 45 below the floor, 10 + 20 short → 70
    const rows = monthScores({ month: '2026-03', employees, exams: [] }, basic)[0]!.rows;
    expect(rows.map((r) => `${r.rank} ${r.employeeId} ${r.score}`)).toEqual(['1 x 140', '2 y 138', '2 z 138', '4 w 70']);
  });

  it('PERF-8: the fewest orders in this month and the one before flags the agent, with a 0-point line', () => {
    const agents = monthScores(input(), basic)[0]!;
    expect(agents.flagged).toEqual(['a2']);
    expect(agents.rows.find((r) => r.employeeId === 'a2')!.lines.find((l) => l.ruleId === 'PERF-8')).toMatchObject({ points: 0, kind: 'interview', params: { months: '2026-02, 2026-03' } });
    // Without the previous month's orders nobody is flagged.
    const noHistory = input();
    for (const e of noHistory.employees) delete e.ordersByMonth['2026-02'];
    expect(monthScores(noHistory, basic)[0]!.flagged).toEqual([]);
  });

  it('PERF-8: the months counted end with the month, across a year end', () => {
    expect(monthsEndingWith('2026-01', 2)).toEqual(['2025-12', '2026-01']);
    expect(monthsEndingWith('2026-03', 3)).toEqual(['2026-01', '2026-02', '2026-03']);
  });
});
