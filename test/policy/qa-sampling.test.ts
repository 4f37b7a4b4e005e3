/** PERF-9 QA sampling, scoring and the policy keys behind them (pure). */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parsePolicyYaml, type PolicyError } from '../../src/policy/config/load.ts';
import { DEFAULT_QA_BLACKLIST } from '../../src/policy/config/schema.ts';
import { monthScores } from '../../src/policy/performance/month.ts';
import { qaAverage, qaDayIndex, qaDaySamples, qaMonthSamples, qaPoints, qaScore } from '../../src/policy/performance/qa.ts';
import { policyFrom, preset } from './helpers.ts';

const policy = policyFrom({});
const FULL = { greeting_closing: 5, tone: 5, polite_phrases: 5, attention_listening: 5, accuracy: 5, questionnaire_completeness: 5 };

/** Running counts along the month's list: the largest gap between two agents at any prefix. */
function worstGap(samples: ReadonlyArray<{ agentId: string }>, agents: readonly string[]): number {
  const count = new Map(agents.map((a) => [a, 0]));
  let worst = 0;
  for (const s of samples) {
    count.set(s.agentId, count.get(s.agentId)! + 1);
    const values = [...count.values()];
    worst = Math.max(worst, Math.max(...values) - Math.min(...values));
  }
  return worst;
}

describe('PERF-9 sampling', () => {
  it('PERF-9 sampling evenness: over a month every agent gets samplesPerAgent × working days, never more than 1 ahead of another at any prefix', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 9 }), fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 23 }), (n, k, days) => {
        const agents = Array.from({ length: n }, (_, i) => `E${String(i).padStart(3, '0')}`);
        const month = Array.from({ length: days }, (_, d) => ({ date: `2026-11-${String(d + 1).padStart(2, '0')}`, agentIds: [...agents].reverse() }));
        const samples = qaMonthSamples(month, k);
        for (const a of agents) expect(samples.filter((s) => s.agentId === a)).toHaveLength(k * days);
        expect(worstGap(samples, agents)).toBeLessThanOrEqual(1);
        // Each (agent, date, number) once.
        expect(new Set(samples.map((s) => `${s.agentId}|${s.date}|${s.sampleNo}`)).size).toBe(samples.length);
        // Who opens the day's list rotates: each agent first on ⌊days/n⌋ or ⌈days/n⌉ days.
        const firsts = agents.map((a) => month.filter((d) => samples.find((s) => s.date === d.date)!.agentId === a).length);
        expect(Math.max(...firsts) - Math.min(...firsts)).toBeLessThanOrEqual(1);
      }),
      { numRuns: 150 },
    );
  });

  it('PERF-9 sampling evenness: an agent off some days gets samplesPerAgent × their own working days', () => {
    const month = [
      { date: '2026-11-02', agentIds: ['E001', 'E002', 'E003'] },
      { date: '2026-11-03', agentIds: ['E001', 'E003'] },
      { date: '2026-11-04', agentIds: ['E002', 'E003'] },
    ];
    const samples = qaMonthSamples(month, 2);
    expect(samples.filter((s) => s.agentId === 'E001')).toHaveLength(4);
    expect(samples.filter((s) => s.agentId === 'E002')).toHaveLength(4);
    expect(samples.filter((s) => s.agentId === 'E003')).toHaveLength(6);
    // The day's list in rounds: every agent's first sample before anyone's second.
    expect(qaDaySamples(['E002', 'E001'], 2, 0)).toEqual([
      { agentId: 'E001', sampleNo: 1 },
      { agentId: 'E002', sampleNo: 1 },
      { agentId: 'E001', sampleNo: 2 },
      { agentId: 'E002', sampleNo: 2 },
    ]);
    expect(qaDaySamples(['E002', 'E001'], 1, 1)).toEqual([{ agentId: 'E002', sampleNo: 1 }, { agentId: 'E001', sampleNo: 1 }]);
    expect(qaDaySamples([], 2, 0)).toEqual([]);
    expect(() => qaDaySamples(['E001'], 0, 0)).toThrow(RangeError);
  });

  it('PERF-9: the day index counts the earlier sampling days of the same month only', () => {
    expect(qaDayIndex('2026-11-04', ['2026-10-30', '2026-11-02', '2026-11-03', '2026-11-05'])).toBe(2);
    expect(qaDayIndex('2026-11-02', ['2026-10-30'])).toBe(0);
  });
});

describe('PERF-9 scoring', () => {
  it('PERF-9 score with blacklist: full marks are 100; each ticked phrase takes blacklistPenalty off; never below 0', () => {
    expect(qaScore({ points: FULL, blacklist: [] }, policy)).toMatchObject({ ok: true, score: 100, checklistScore: 100, deduction: 0 });
    expect(qaScore({ points: FULL, blacklist: ['dont-know'] }, policy)).toMatchObject({ ok: true, score: 90, deduction: 10, blacklist: ['dont-know'] });
    expect(qaScore({ points: FULL, blacklist: ['dont-know', 'busy', 'dont-know'] }, policy)).toMatchObject({ ok: true, score: 80, deduction: 20 });
    // 4+4+3+5+4+5 = 25 of 30 → 83.33 → 83; two phrases → 63.
    const mixed = { greeting_closing: 4, tone: 4, polite_phrases: 3, attention_listening: 5, accuracy: 4, questionnaire_completeness: 5 };
    expect(qaScore({ points: mixed, blacklist: ['cannot', 'rule'] }, policy)).toMatchObject({ ok: true, checklistScore: 83, score: 63 });
    const zero = Object.fromEntries(Object.keys(FULL).map((k) => [k, 0]));
    expect(qaScore({ points: zero, blacklist: ['cannot'] }, policy)).toMatchObject({ ok: true, score: 0 });
    // A heavier penalty from the policy.
    expect(qaScore({ points: FULL, blacklist: ['cannot'] }, policyFrom({ perf: { qa: { blacklistPenalty: 25 } } }))).toMatchObject({ ok: true, score: 75 });
  });

  it('PERF-9 score: points out of range, a missing item and an unknown phrase are refused field by field', () => {
    const r = qaScore({ points: { ...FULL, tone: 6, accuracy: -1, polite_phrases: null }, blacklist: ['nope'] }, policy);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map((e) => e.field)).toEqual(['tone', 'polite_phrases', 'accuracy', 'blacklist']);
    expect(r.errors[0]).toEqual({ field: 'tone', messageKey: 'quality.error.points', params: { max: 5 } });
  });

  it('PERF-9: the month average, and the ranking points only when perf.qa.weight > 0', () => {
    expect(qaAverage([])).toBeNull();
    expect(qaAverage([90, 80, 85])).toBe(85);
    expect(qaPoints(85, policy)).toBe(0);
    const weighted = policyFrom({ perf: { qa: { weight: 20 } } });
    expect(qaPoints(85, weighted)).toBe(3);
    expect(qaPoints(100, weighted)).toBe(0);
    expect(qaPoints(0, weighted)).toBe(20);
  });
});

describe('PERF-9 policy keys', () => {
  const paths = (errors: PolicyError[]) => errors.map((e) => e.path);
  const errorsOf = (text: string) => {
    const r = parsePolicyYaml(text);
    return r.ok ? [] : r.errors;
  };

  it('PERF-9: the defaults: 2 samples per agent, 10 points per phrase, weight 0, the 16 phrases of the manual', async () => {
    expect(policy.perf.qa).toMatchObject({ samplesPerAgent: 2, samplingTime: '08:30', blacklistPenalty: 10, weight: 0, scorerRoles: ['outbound_manager'], sampledRoles: ['outbound_agent'] });
    expect(policy.perf.qa.blacklist).toHaveLength(16);
    expect(policy.perf.qa.blacklist.map((b) => b.zh)).toContain('你问我，我问谁');
    // The preset spells the blacklist out as policy data, equal to the default.
    const basic = await preset('outbound-basic');
    expect(basic.perf.qa.blacklist).toEqual(DEFAULT_QA_BLACKLIST.map((b) => ({ ...b })));
    expect(basic.meetings.reminderMinutesBefore).toBe(15);
  });

  it('PERF-9: policy check refuses bad values with their paths', () => {
    expect(paths(errorsOf('perf: { qa: { samplesPerAgent: 0 } }'))).toEqual(['perf.qa.samplesPerAgent']);
    expect(paths(errorsOf('perf: { qa: { samplesPerAgent: 1.5 } }'))).toEqual(['perf.qa.samplesPerAgent']);
    expect(paths(errorsOf('perf: { qa: { blacklistPenalty: 101 } }'))).toEqual(['perf.qa.blacklistPenalty']);
    expect(paths(errorsOf('perf: { qa: { weight: -1 } }'))).toEqual(['perf.qa.weight']);
    expect(paths(errorsOf('perf: { qa: { checklist: { tone: 0 } } }'))).toEqual(['perf.qa.checklist.tone']);
    expect(paths(errorsOf('perf: { qa: { samplingTime: "25:00" } }'))).toEqual(['perf.qa.samplingTime']);
    expect(paths(errorsOf('perf: { qa: { blacklist: [{ id: a, zh: 不行, en: no }, { id: a, zh: 不知道, en: dunno }] } }'))).toEqual(['perf.qa.blacklist']);
    expect(paths(errorsOf('meetings: { reminderMinutesBefore: 0 }'))).toEqual(['meetings.reminderMinutesBefore']);
    expect(errorsOf('perf: { qa: { weight: 10, blacklistPenalty: 5, samplesPerAgent: 3 } }')).toEqual([]);
  });
});

describe('PERF-9 on the ranking', () => {
  const employee = (id: string, qa?: { average: number; count: number }) => ({ employeeId: id, role: 'outbound_agent' as const, workingDays: [], ordersByMonth: {}, unexcusedTrainingAbsences: 0, qa });
  const input = { month: '2026-11', employees: [employee('E001', { average: 85, count: 4 }), employee('E002')], exams: [] };

  it('PERF-9: the QA average is a 0-point line by default (information), and costs points when perf.qa.weight > 0', () => {
    const rows = monthScores(input, policy)[0]!.rows;
    const e1 = rows.find((r) => r.employeeId === 'E001')!;
    expect(e1.lines.filter((l) => l.kind === 'qa-average')).toEqual([expect.objectContaining({ ruleId: 'PERF-9', points: 0, params: { average: 85, count: 4 } })]);
    expect(rows.find((r) => r.employeeId === 'E002')!.lines.some((l) => l.kind === 'qa-average')).toBe(false);
    expect(e1.score).toBe(rows.find((r) => r.employeeId === 'E002')!.score);
    const weighted = monthScores(input, policyFrom({ perf: { qa: { weight: 20 } } }))[0]!.rows;
    const w1 = weighted.find((r) => r.employeeId === 'E001')!;
    expect(w1.lines.find((l) => l.kind === 'qa-average')!.points).toBe(3);
    expect(w1.score).toBe(weighted.find((r) => r.employeeId === 'E002')!.score - 3);
  });
});
