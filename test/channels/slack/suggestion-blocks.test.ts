import { describe, expect, it } from 'vitest';
import { digest, ownerCard, rateModal, ratingCard, returnModal, reviewCard, submitterNotice, suggestionModal } from '../../../src/channels/slack/blocks/suggestion-blocks.ts';
import type { SuggestionView } from '../../../src/features/suggestions/suggestion-view.ts';
import { submittedSuggestion } from '../../support/suggestion-fixture.ts';

const view: SuggestionView = submittedSuggestion;
const rated: SuggestionView = { ...view, status: 'adopted', reviewedAt: '2026-11-23 10:05', rater: { name: '中心经理' }, ratedAt: '2026-11-24 09:30', grade: 'B', adopted: true, owner: { name: 'Li Si' }, deadline: '2026-11-30' };
const buttons = (r: { blocks?: unknown[] }) => JSON.stringify(r.blocks).match(/"action_id":"suggestion_\w+"/g) ?? [];

describe('suggestion Block Kit builders', () => {
  it('SUGG-1: the form shows what comes from the org and asks for the rest; the review card in both languages', () => {
    const modal = suggestionModal({ locale: 'zh-CN', date: '2026-11-23', department: '外呼一组', name: '张三', position: 'outbound_agent' });
    expect(modal.blocks.map((b) => (b as { block_id?: string }).block_id ?? b.type)).toEqual(['context', 'suggestion_title', 'suggestion_current', 'suggestion_proposal', 'suggestion_remarks', 'suggestion_source']);
    expect(JSON.stringify(modal)).toContain('2026-11-23 · 外呼一组 · 张三 · 外呼员');
    expect(JSON.stringify(modal)).toContain('改善方案');
    expect(reviewCard(view, 'zh-CN')).toMatchSnapshot();
    expect(reviewCard(view, 'en')).toMatchSnapshot();
  });

  it('SUGG-2: each card has its buttons only while it is that card\'s step; after it, the card says who did what', () => {
    expect(buttons(reviewCard(view, 'en'))).toEqual(['"action_id":"suggestion_forward"', '"action_id":"suggestion_return"']);
    expect(buttons(reviewCard(rated, 'en'))).toEqual([]);
    expect(buttons(ratingCard({ ...view, status: 'forwarded', reviewedAt: '2026-11-23 10:05', rater: { name: '中心经理' } }, 'en'))).toEqual(['"action_id":"suggestion_rate"']);
    expect(buttons(ratingCard(rated, 'en'))).toEqual([]);
    expect(buttons(ownerCard(rated, 'en'))).toEqual(['"action_id":"suggestion_done"']);
    expect(buttons(ownerCard({ ...rated, status: 'done', doneAt: '2026-11-29 16:00' }, 'en'))).toEqual([]);
    const text = JSON.stringify(ratingCard(rated, 'en').blocks);
    expect(text).toContain('Forwarded by 班长 at 2026-11-23 10:05');
    expect(text).toContain('Rated B and adopted by 中心经理 at 2026-11-24 09:30');
    expect(text).toContain('Owner: Li Si; deadline 2026-11-30');
    expect(JSON.stringify(reviewCard({ ...view, status: 'forwarded', reviewer: null, rater: { name: '中心经理' } }, 'zh-CN').blocks)).toContain('直接呈中心经理评定');
    // What people typed cannot mention @channel or smuggle a link into a card.
    const typed = JSON.stringify(reviewCard({ ...view, proposal: 'tell <!channel> & see <http://x|here>' }, 'en').blocks);
    expect(typed).toContain('tell &lt;!channel&gt; &amp; see &lt;http://x|here&gt;');
    expect(typed).not.toContain('<!channel>');
  });

  it('SUGG-2: the rate modal offers the policy\'s grades; both modals carry the suggestion id', () => {
    const modal = rateModal({ locale: 'en', id: 7, title: 'x', grades: ['一等', '二等'], today: '2026-11-23', channel: 'D1' });
    expect(JSON.parse(modal.private_metadata)).toEqual({ id: 7, channel: 'D1' });
    const grade = modal.blocks.find((b) => (b as { block_id?: string }).block_id === 'suggestion_grade') as { element: { options: Array<{ value: string }> } };
    expect(grade.element.options.map((o) => o.value)).toEqual(['一等', '二等']);
    expect(JSON.parse(returnModal({ locale: 'zh-CN', id: 7, channel: null }).private_metadata)).toEqual({ id: 7, channel: null });
  });

  it('SUGG-2: the submitter\'s notices and the weekly list', () => {
    expect(submitterNotice(rated, 'adopted', 'en').text).toBe('Your suggestion #7 “缩短开场白” was rated B and adopted by 中心经理. Owner: Li Si; deadline 2026-11-30.');
    expect(submitterNotice({ ...rated, status: 'returned', reviewComment: '请补充数据' }, 'returned', 'zh-CN').text).toBe('你的合理化建议 #7「缩短开场白」被 班长 退回。\n意见：请补充数据');
    expect(digest({ toReview: [view], toRate: [] }, 'en').text).toBe('*Weekly reminder: suggestions waiting for you*\n\nTo review:\n• #7 “缩短开场白” — 张三, 2026-11-23');
  });
});
