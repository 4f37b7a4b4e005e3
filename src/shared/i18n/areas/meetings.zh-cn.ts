/** meetings 区域的简体中文消息（键以 "meetings." 开头），与英文目录键一致。 */
import type { meetingsEn } from './meetings.en.ts';

export const meetingsZhCN: Record<keyof typeof meetingsEn, string> = {
  'meetings.jobs.report_deadlines': 'MEET-2：月度报告截止提醒：截止当天 09:00 起提醒，逾期未交的报告通知话务班长一次',

  'meetings.deadline.reminder': '提醒：你的月度报告须在今天（{date}）{time} 前提交。提交后请在此标记。',
  'meetings.deadline.mark_submitted': '标记为已提交',
  'meetings.deadline.marked': '已于 {time} 标记为已提交：截止 {due} 的月度报告。谢谢。',
  'meetings.deadline.marked_late': '已于 {time} 标记为已提交，晚于截止时间 {due}：记为逾期提交。',
  'meetings.deadline.already_marked': '该报告已于 {time} 标记为已提交，无需重复操作。',
  'meetings.deadline.not_yours': '只有 {name} 本人可以标记该报告为已提交。',
  'meetings.deadline.not_found': '找不到该报告截止记录。',
  'meetings.deadline.late_flag': '报告逾期：{role} {name} 截止 {due} 的月度报告尚未标记为已提交。',

  'meetings.role.center_manager': '中心经理',
  'meetings.role.general_manager': '总经理',
  'meetings.role.dept_head': '语音部负责人',
  'meetings.role.hr': '人力资源',
  'meetings.role.team_leader': '话务班长',
  'meetings.role.outbound_manager': '外呼管理员',
  'meetings.role.complaint_manager': '投诉管理员',
  'meetings.role.training_supervisor': '培训督导',
  'meetings.role.outbound_agent': '外呼员',
  'meetings.role.complaint_handler': '投诉处理员',
};
