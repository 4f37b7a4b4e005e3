/** Teams 渠道的中文消息（键以 "teams." 开头），与 teams.en.ts 键和占位符一致。术语见 glossary.md。 */
import type { teamsEn } from './teams.en.ts';

export const teamsZhCN: Record<keyof typeof teamsEn, string> = {
  'teams.help':
    '班长 Teams 命令（在这里直接输入，或在频道中先 @班长）：\n• leave [sick|personal|rest|meeting] — 请假（病假、事假、公休、会议请假）\n• leave list — 我的假条及待我审批的假条\n• leave return — 销假\n• clock in|out|status — 上班打卡、下班打卡或查看今天\n• incident [fire|illness|power-outage|…] — 突发事件报告\n• summary — 填写每日工作总结\n• suggest [list] — 填写合理化建议，或查看我的建议及待我处理的建议\n• record [工号] — 培训档案\n• pay [YYYY-MM] — 我的薪资明细\n• training topic 主题 | attendance [YYYY-MM-DD] — 业务学习（组织者）\n• plan — 本周的周培训计划（外呼管理员、投诉管理员）\n• exam — 录入考试成绩（组织者）\n• help — 本帮助',
  'teams.not_yet': '“{command}”暂不支持在 Teams 上使用（Slack 上可用）。输入 help 查看 Teams 上可用的命令。',
  'teams.unknown_command': '无法识别的命令“{word}”。输入 help 查看命令列表。',
  'teams.bad_argument': '无法识别的参数“{arg}”。用法：{usage}',
  'teams.already_handled': '此操作已处理过，未做任何更改。',
  'teams.card_outdated': '此卡片已过期，未做任何更改。',
  'teams.sent_privately': '已发到你与班长的私聊中（不在频道中显示）。',
  'teams.form_problems': '未保存，请修改：',
  'teams.suggestion.owner_id': '负责人（工号，如 E001；采纳时必填）',

  'teams.leave.proof_hint': '在 Teams 上无法随表单上传病历或处方证明：请在 {days} 天内交给审批人（LEAVE-3）。',
  'teams.leave.emergency_on': '是',
  'teams.leave.form_problems': '假条未提交：',
  'teams.leave.submitted': '已提交：{type}申请 #{id}（{dates}），已发给 {approver} 审批。审批结果会在这里通知你。',
  'teams.leave.reject_reason': '驳回理由（驳回时必填）',
  'teams.leave.reject_needs_reason': '请先填写给员工的驳回理由，再点驳回。',

  'teams.explanation.sent': '已发给审批人；审批结果会在这里通知你。',

  'teams.unreachable_person': '班长暂时无法在 Teams 上联系 {name}：其尚未安装班长应用。请提醒其安装（或给班长发一条消息）；在此之前发给其的消息无法送达。',
  'teams.unreachable_channel': '班长暂时无法在 {team} 的 Teams 频道发消息：请把班长应用添加到该团队；在此之前该频道的消息无法送达。',
};
