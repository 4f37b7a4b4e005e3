/** PERF-9 on Teams: the sampling list and the agent's score as valid text cards, in the reader's locale. */
import { describe, expect, it } from 'vitest';
import { teamsQaRenderer } from '../../src/channels/teams/cards/quality-cards.ts';
import { validateCard } from '../../src/channels/teams/cards/validate.ts';

const samples = [
  { id: 1, agentId: 'E001', agentName: '张三', date: '2026-11-23', sampleNo: 1, score: null },
  { id: 2, agentId: 'E002', agentName: 'Li Si', date: '2026-11-23', sampleNo: 1, score: 90 },
];

describe('PERF-9 Teams cards', () => {
  it('PERF-9: the sampling list says where to score; the score card names the phrases heard', () => {
    const list = teamsQaRenderer.samplingList('zh-CN', { date: '2026-11-23', samples, part: 1, parts: 1 });
    expect(validateCard(list.card)).toEqual([]);
    expect(list.text).toContain('2026-11-23 质检抽样：共 2 个电话待评分');
    expect(list.text).toContain('Li Si：2026-11-23 第 1 个电话 · 已评 90/100');
    expect(list.text).toContain('评分请在 Slack 上进行');
    const score = teamsQaRenderer.agentScore('en', {
      ...samples[0]!,
      score: 80,
      checklistScore: 100,
      deduction: 20,
      points: { greeting_closing: 5, tone: 5, polite_phrases: 5, attention_listening: 5, accuracy: 5, questionnaire_completeness: 5 },
      blacklist: [{ id: 'dont-know', zh: '不知道', en: "I don't know" }],
      scorerName: '外呼管理员',
      replaced: 90,
    });
    expect(validateCard(score.card)).toEqual([]);
    expect(score.text).toContain('QA score of your call no. 1 on 2026-11-23: 80/100 (checklist 100, −20 for blacklist phrases)');
    expect(score.text).toContain("Blacklist phrases heard: 不知道 (I don't know)");
    expect(score.text).toContain('This replaces the earlier score 90.');
  });
});
