/** The ranking's words: every line kind reads fully in both languages (PERF-2..PERF-8). */
import { describe, expect, it } from 'vitest';
import { lineText, slackRankingRenderer } from '../../../src/channels/slack/blocks/ranking-blocks.ts';
import type { AdoptedSuggestion } from '../../../src/features/suggestions/index.ts';
import { LINE_KINDS, type ScoreLine } from '../../../src/policy/performance/month.ts';
import { LOCALES } from '../../../src/shared/i18n/index.ts';

const SAMPLES: ScoreLine[] = [
  { ruleId: 'PERF-2', employeeId: 'a', date: '2026-11-03', points: 2, note: '', kind: 'shortfall', params: { done: 58, target: 60, short: 2, filed: 'yes' } },
  { ruleId: 'PERF-2', employeeId: 'a', date: '2026-11-18', points: 60, note: '', kind: 'shortfall', params: { done: 0, target: 60, short: 60, filed: 'no' } },
  { ruleId: 'PERF-3', employeeId: 'a', points: -40, note: '', kind: 'volume-place', params: { place: 1, weighted: 1848, perDay: 88, points: 40 } },
  { ruleId: 'PERF-3', employeeId: 'a', points: 0, note: '', kind: 'volume-below-floor', params: { perDay: 48, floor: 50 } },
  { ruleId: 'PERF-4', employeeId: 'a', points: 6, note: '', kind: 'exam-average', params: { score: 78, below: 6, average: 84.67 } },
  { ruleId: 'PERF-4', employeeId: 'a', points: 6, note: '', kind: 'exam-band', params: { score: 78, band: 2, top: 95 } },
  { ruleId: 'PERF-5', employeeId: 'a', points: 5, note: '', kind: 'training-absence', params: { count: 1 } },
  { ruleId: 'PERF-6', employeeId: 'a', points: 2, note: '', kind: 'complaint-kpi', params: { kpi: 'delayRate', value: 7.5, limit: 5, steps: 2 } },
  { ruleId: 'PERF-6', employeeId: 'a', points: 20, note: '', kind: 'complaint-miss', params: { kpi: 'satisfaction', cause: 'human-error' } },
  { ruleId: 'PERF-8', employeeId: 'a', points: 0, note: '', kind: 'interview', params: { months: '2026-10, 2026-11' } },
  { ruleId: 'PERF-9', employeeId: 'a', points: 0, note: '', kind: 'qa-average', params: { average: 92.5, count: 4 } },
];

describe('ranking blocks', () => {
  it('PERF-7: every kind of line is said in words, with its rule id, effect and date, in both languages', () => {
    expect(new Set(SAMPLES.map((s) => s.kind))).toEqual(new Set(LINE_KINDS));
    for (const locale of LOCALES) {
      for (const line of SAMPLES) {
        const text = lineText(locale, line);
        expect(text, `${locale} ${line.kind}`).not.toMatch(/[{}]|performance\./);
        expect(text.startsWith(line.date ? `${line.ruleId} ${line.date} ` : `${line.ruleId} `)).toBe(true);
      }
    }
    expect(lineText('en', SAMPLES[8]!)).toBe('PERF-6 -20: customer satisfaction missed: human error');
    expect(lineText('zh-CN', SAMPLES[1]!)).toBe('PERF-2 2026-11-18 -60：未填写每日工作总结：按问卷完成 0/60 计');
    expect(lineText('en', SAMPLES[2]!)).toBe('PERF-3 +40: volume place 1: 1848 weighted questionnaires, 88 a working day; +40');
    expect(lineText('en', SAMPLES[10]!)).toBe('PERF-9 0: QA average 92.5 over 4 scored call(s) (PERF-9)');
  });

  it('PERF-7: the channel post lists rank, name and score per role, and no money', () => {
    const post = slackRankingRenderer.channel({
      month: '2026-11',
      locale: 'zh-CN',
      rankings: [
        {
          role: 'outbound_agent',
          flagged: [],
          rows: [
            { rank: 1, employeeId: 'a', name: '甲', role: 'outbound_agent', score: 120, lines: [] },
            { rank: 1, employeeId: 'b', name: '乙', role: 'outbound_agent', score: 120, lines: [] },
            { rank: 3, employeeId: 'c', name: '丙', role: 'outbound_agent', score: 90, lines: [] },
          ],
        },
      ],
      rewards: [],
    });
    expect(post.text).toBe('2026-11 月度排名\n\n*外呼员*\n1. 甲 — 120 分\n1. 乙 — 120 分\n3. 丙 — 90 分');
    expect(JSON.stringify(post.blocks)).not.toMatch(/¥|元/);
  });

  it('SUGG-3: the post lists the suggestions adopted the month before, for reward, with typed text escaped', () => {
    const reward: AdoptedSuggestion = {
      id: 7, title: 'Shorter script <!channel>', source: 'training', submitterId: 'a', submitterName: '甲', department: '外呼一组', grade: 'A',
      adoptedOn: '2026-10-20', raterId: 'm', raterName: '经理', ownerId: 'a', ownerName: '甲', deadline: '2026-11-30', status: 'adopted', doneOn: null,
    };
    const post = slackRankingRenderer.channel({ month: '2026-11', locale: 'en', rankings: [], rewards: [reward] });
    expect(post.text).toContain('Suggestions adopted in 2026-10, for reward');
    expect(post.text).toContain('• #7 Shorter script &lt;!channel&gt;: 甲 (grade A)');
    expect(JSON.stringify(post.blocks)).not.toContain('<!channel>');
  });
});
