/**
 * Pure Block Kit builders of the pay statement (PAY-8): the view-model of
 * features/pay/pay-statement-view.ts in, a Slack message out, in the reader's
 * locale. Tested by content in test/channels/slack/pay-blocks.test.ts.
 */
import type { PayEvent, PayStatementView } from '../../../features/pay/pay-statement-view.ts';
import { formatFen } from '../../../shared/format.ts';
import { isLocale, segmentLabel, t, type Locale, type MessageKey } from '../../../shared/i18n/index.ts';
import { escapeMrkdwn } from './mrkdwn.ts';

const plain = (text: string) => ({ type: 'plain_text' as const, text, emoji: true });
const mrkdwn = (text: string) => ({ type: 'mrkdwn' as const, text });
/** A section's text is limited to 3000 characters: lines are packed below that. */
const SECTION_LIMIT = 2900;

const leaveType = (l: Locale, type: string) => {
  const key = `leave.type.${type}`;
  return ['personal', 'sick', 'rest', 'meeting'].includes(type) ? t(l, key as MessageKey) : type;
};

/** One line's source event in words. */
export function describePayEvent(l: Locale, e: PayEvent): string {
  switch (e.type) {
    case 'quota':
      return t(l, e.met ? 'pay.line.quota_met' : e.outage ? 'pay.line.quota_outage' : 'pay.line.quota_not_met', { orders: e.orders, quota: e.quota });
    case 'role-base':
      return t(l, 'pay.line.role_base');
    case 'subsidy':
      return t(l, 'pay.line.subsidy');
    case 'full-attendance':
      return t(l, 'pay.line.full_attendance');
    case 'full-attendance-lost-leave':
      return t(l, 'pay.line.full_attendance_lost_leave', { id: e.leaveId, type: leaveType(l, e.leaveType) });
    case 'full-attendance-lost-absenteeism':
      return t(l, 'pay.line.full_attendance_lost_absent');
    case 'seniority':
      return t(l, e.onProbation ? 'pay.line.seniority_probation' : e.capped ? 'pay.line.seniority_capped' : 'pay.line.seniority', { periods: e.periods, months: e.periodMonths });
    case 'commission':
      return t(l, e.aboveQuota ? 'pay.line.commission_above' : 'pay.line.commission_all', { orders: e.orders, rate: formatFen(e.perOrderFen) });
    case 'top-commission':
      return t(l, 'pay.line.top_commission');
    case 'insurance':
      return t(l, e.applies ? 'pay.line.insurance_yes' : 'pay.line.insurance_no');
    case 'early-leave':
      return t(l, 'pay.line.early_leave', { date: e.date, segment: segmentLabel(l, e.segment), minutes: e.minutes });
    case 'late-month': {
      const month = t(l, 'pay.line.late_month', { month: e.month, minutes: e.minutes, allowance: e.allowance });
      const events = e.events.map((x) => t(l, 'pay.line.late_event', { date: x.date, segment: segmentLabel(l, x.segment), minutes: x.minutes }));
      return [month, ...events].join('; ');
    }
    case 'absenteeism':
      return t(l, 'pay.line.absenteeism', { date: e.date, segment: e.segment ? ` ${segmentLabel(l, e.segment)}` : '', minutes: e.minutes });
    case 'absent-day':
      return t(l, 'pay.line.absent_day', { date: e.date });
    case 'leave': {
      const params = { id: e.leaveId, type: leaveType(l, e.leaveType), date: e.date };
      if (e.fraction === null || e.ratePercent === null) return t(l, 'pay.line.leave', params);
      return t(l, 'pay.line.leave_rate', {
        ...params,
        part: t(l, e.fraction === 1 ? 'pay.part.full' : 'pay.part.half'),
        rate: e.ratePercent,
        daily: formatFen(e.dailyBaseFen),
      });
    }
  }
}

/** The statement as one Slack message (text for notifications, blocks to read). */
export function payStatementMessage(locale: string, v: PayStatementView): { text: string; blocks: unknown[] } {
  const l: Locale = isLocale(locale) ? locale : 'zh-CN';
  const title = t(l, 'pay.statement.title', { month: v.month, name: v.name });
  const lines = v.lines.map((x) => t(l, 'pay.statement.line', { rule: x.ruleId, amount: formatFen(x.amountFen), what: escapeMrkdwn(describePayEvent(l, x.event)) }));
  const totals = t(l, 'pay.statement.totals', { earnings: formatFen(v.earningsFen), deductions: formatFen(v.deductionsFen), net: formatFen(v.netEffectFen) });
  const notes = [
    ...(v.through ? [t(l, 'pay.statement.so_far', { date: v.through })] : []),
    ...(v.pendingEvents > 0 ? [t(l, 'pay.statement.pending', { count: v.pendingEvents })] : []),
  ];

  const sections: string[] = [];
  for (const line of lines) {
    const last = sections.at(-1);
    if (last !== undefined && last.length + 1 + line.length <= SECTION_LIMIT) sections[sections.length - 1] = `${last}\n${line}`;
    else sections.push(line.slice(0, SECTION_LIMIT));
  }
  const blocks: unknown[] = [
    { type: 'header', text: plain(title.slice(0, 150)) },
    ...(notes.length ? [{ type: 'context', elements: notes.map(mrkdwn) }] : []),
    ...sections.map((text) => ({ type: 'section', text: mrkdwn(text) })),
    { type: 'divider' },
    { type: 'section', text: mrkdwn(`*${totals}*`) },
    { type: 'context', elements: [mrkdwn(t(l, 'pay.statement.footer'))] },
  ];
  // `text` is read as mrkdwn too (notifications): the name is escaped there; the header block is plain text.
  const text = [escapeMrkdwn(title), ...notes, ...lines, totals].join('\n');
  return { text, blocks };
}
