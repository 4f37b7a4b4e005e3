/** A submitted suggestion's view-model, for the card builders' tests of both channels. */
import type { SuggestionView } from '../../src/features/suggestions/suggestion-view.ts';

export const submittedSuggestion: SuggestionView = {
  id: 7,
  title: '缩短开场白',
  currentPractice: '开场白约 40 秒',
  proposal: '压缩到 15 秒',
  remarks: '参考投诉记录',
  source: 'customer_feedback',
  submittedOn: '2026-11-23',
  submitter: { id: 'E001', name: '张三' },
  department: '外呼一组',
  position: 'outbound_agent',
  status: 'submitted',
  reviewer: { name: '班长' },
  reviewedAt: null,
  reviewComment: null,
  rater: null,
  ratedAt: null,
  grade: null,
  adopted: null,
  ratingComment: null,
  owner: null,
  deadline: null,
  doneAt: null,
  doneNote: null,
};
