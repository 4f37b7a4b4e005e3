/** pay 区域的简体中文消息（键以 "pay." 开头），与英文目录键一致。 */
import type { payEn } from './pay.en.ts';

export const payZhCN: Record<keyof typeof payEn, string> = {
  'pay.jobs.month_end_statements': 'PAY-8：每月第一个工作日私信每位员工上月的薪资明细',

  'pay.statement.title': '{month} 薪资明细 — {name}',
  'pay.statement.so_far': '当月截至 {date} 的数据，并非最终结果（保底量和提成按目前的成单计算）。',
  'pay.statement.line': '`{rule}` {amount} — {what}',
  'pay.statement.totals': '收入 {earnings} · 扣款 {deductions} · 合计 {net}',
  'pay.statement.pending': '{count} 条迟到/早退记录的情况说明尚待审核，暂不扣款。',
  'pay.statement.footer': '每一行注明所依据的制度条款和来源记录。工资以财务发放为准，此处为当月考勤与绩效的影响。如有疑问请联系话务班长。',

  'pay.line.quota_met': '底薪：已达保底量（成单 {orders} ≥ {quota}）',
  'pay.line.quota_not_met': '底薪：未达保底量（成单 {orders} < {quota}）',
  'pay.line.quota_outage': '底薪：未达保底量（成单 {orders} < {quota}），已记录的系统故障导致无法完成',
  'pay.line.subsidy': '故障补贴',
  'pay.line.role_base': '底薪',
  'pay.line.full_attendance': '全勤奖',
  'pay.line.full_attendance_lost_leave': '全勤奖取消：假条 #{id}（{type}）',
  'pay.line.full_attendance_lost_absent': '全勤奖取消：旷工',
  'pay.line.seniority': '工龄奖：工龄满 {periods} 个周期（每 {months} 个月）',
  'pay.line.seniority_capped': '工龄奖：工龄满 {periods} 个周期（每 {months} 个月），已达上限',
  'pay.line.seniority_probation': '工龄奖：工龄满 {periods} 个周期，但在试用期内，不发放',
  'pay.line.commission_above': '提成：超出保底量的 {orders} 单 × {rate}',
  'pay.line.commission_all': '提成：全部 {orders} 单 × {rate}（未达保底量）',
  'pay.line.top_commission': '当月提成冠军奖',
  'pay.line.insurance_yes': '试用期已满，缴纳社会保险和医疗保险',
  'pay.line.insurance_no': '试用期内，暂不缴纳社会保险和医疗保险',
  'pay.line.early_leave': '早退 {date} {segment}，{minutes} 分钟',
  'pay.line.late_month': '迟到 {month}：共 {minutes} 分钟，每月迟到免扣额度 {allowance} 分钟',
  'pay.line.late_event': '迟到 {date} {segment}，{minutes} 分钟',
  'pay.line.absenteeism': '旷工 {date}{segment}：迟到或早退 {minutes} 分钟，无通过的情况说明',
  'pay.line.absent_day': '旷工 {date}：未打卡且无批准的假',
  'pay.line.leave': '假条 #{id} {type} {date}',
  'pay.line.leave_rate': '假条 #{id} {type} {date}，{part}：日底薪 {daily} 的 {rate}%',
  'pay.part.full': '全天',
  'pay.part.half': '半天',

  'pay.usage': '用法：/banzhang pay 查看本月至今，或 /banzhang pay YYYY-MM。',
  'pay.future_month': '{month} 还没有开始。',
  'pay.no_statement': '你在 {month} 没有薪资明细（该月尚未入职）。',
};
