/** PERF-9 and MEET-1 on Teams: the sampling list, the agent's score and the meeting messages as valid text cards, in the reader's locale. */
import { describe, expect, it } from 'vitest';
import { teamsMeetingRenderer } from '../../src/channels/teams/cards/meeting-cards.ts';
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

  it('MEET-1: the invitation and the host notice say the answer is on Slack; the reminder and the absentees read as on Slack', () => {
    const v = { id: 3, topic: '季度总结', startsAt: '2026-11-24 15:00', place: '会议室', host: { id: 'E500', name: '中心经理' }, attendees: [{ id: 'E001', name: '张三', response: 'invited' as const, present: null }], minutes: null };
    const invite = teamsMeetingRenderer.invitation('en', v);
    expect(validateCard(invite.card)).toEqual([]);
    expect(invite.text).toContain('Meeting: 季度总结');
    expect(invite.text).toContain('When: 2026-11-24 15:00');
    expect(invite.text).toContain('request meeting leave on Slack');
    expect(teamsMeetingRenderer.hostNotice('zh-CN', v).text).toContain('会议开始后请在 Slack 上记录出席情况');
    expect(teamsMeetingRenderer.reminder('zh-CN', v).text).toBe('提醒：会议“季度总结”将于 2026-11-24 15:00 在 会议室 开始（主持人 中心经理）。');
    const absent = teamsMeetingRenderer.absentees('zh-CN', { meeting: v, names: ['张三'] });
    expect(validateCard(absent.card)).toEqual([]);
    expect(absent.text).toBe('会议“季度总结”（2026-11-24 15:00）无假缺席：张三。');
  });
});
