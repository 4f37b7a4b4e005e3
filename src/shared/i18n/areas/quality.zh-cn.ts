/** quality 区域的简体中文消息（PERF-9 质检抽样；键以 "quality." 开头），与英文目录键一致。 */
import type { qualityEn } from './quality.en.ts';

export const qualityZhCN: Record<keyof typeof qualityEn, string> = {
  'quality.jobs.qa_sampling': 'PERF-9：每日质检抽样（今日上班的每名外呼员抽 perf.qa.samplesPerAgent 个电话）发给外呼管理员',

  'quality.sampling.title': '{date} 质检抽样：共 {count} 个电话待评分',
  'quality.sampling.part': '（第 {part}/{parts} 部分）',
  'quality.sampling.line': '{name}：{date} 第 {n} 个电话',
  'quality.sampling.scored': '已评 {score}/100',
  'quality.sampling.how': '电话以“坐席当天第 N 个电话”表示（系统没有通话记录）。请按 PERF-9 质检项逐个评分。',
  'quality.sampling.score_on_slack': '评分请在 Slack 上进行（该列表的“评分”按钮）。',
  'quality.sampling.score_button': '评分',

  'quality.modal.title': '质检评分',
  'quality.modal.submit': '保存评分',
  'quality.modal.cancel': '取消',
  'quality.modal.intro': '{name} · {date} · 第 {n} 个电话',
  'quality.modal.rescore': '已评 {score}/100：重新评分将替换原分数（变更留痕）。',
  'quality.modal.blacklist': '服务忌语：听到的每一句请勾选（每句扣 {penalty} 分）',
  'quality.modal.blacklist_more': '服务忌语（续）',

  'quality.checklist.greeting_closing': '标准的欢迎语及结束语（0–{max}）',
  'quality.checklist.tone': '语调及音质（0–{max}）',
  'quality.checklist.polite_phrases': '礼貌及服务用语（0–{max}）',
  'quality.checklist.attention_listening': '专心及聆听技巧（0–{max}）',
  'quality.checklist.accuracy': '信息的准确性（0–{max}）',
  'quality.checklist.questionnaire_completeness': '问卷的完整性（0–{max}）',

  'quality.score.notice': '你 {date} 第 {n} 个电话的质检得分：{score}/100（质检项 {checklist}，服务忌语扣 {deduction}），评分人 {scorer}。',
  'quality.score.phrases': '听到的服务忌语：{phrases}',
  'quality.score.replaced': '此分数替换之前的 {previous} 分。',

  'quality.error.invalid': '评分不完整，请看各项提示。',
  'quality.error.points': '请给 0 到 {max} 分。',
  'quality.error.blacklist': '未知的服务忌语：{ids}。',
  'quality.error.scorers_only': '只有外呼管理员可以质检评分（PERF-9）。',
  'quality.error.not_found': '质检样本 {id} 不存在。',
  'quality.error.try_again': '该样本刚被他人评分，请重新打开。',
};
