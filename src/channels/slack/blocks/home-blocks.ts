/** Slack's App Home tab (issue 10): one person's summary as a `home` view. Pure. */
import type { HomeSummary } from '../../../features/dashboard/home-summary.ts';
import { t, type Locale, type MessageKey } from '../../../shared/i18n/index.ts';
import { escapeMrkdwn } from './mrkdwn.ts';

const section = (text: string) => ({ type: 'section', text: { type: 'mrkdwn', text: text.slice(0, 3000) } });
const header = (text: string) => ({ type: 'header', text: { type: 'plain_text', text: text.slice(0, 150), emoji: true } });
const context = (text: string) => ({ type: 'context', elements: [{ type: 'mrkdwn', text }] });
const list = (lines: string[], none: string) => (lines.length ? lines.map((l) => `• ${l}`).join('\n') : `_${none}_`);

export function homeView(l: Locale, s: HomeSummary): { type: 'home'; blocks: unknown[] } {
  const leaveType = (type: string) => t(l, `leave.type.${type}` as MessageKey);
  const leave = s.leave.map((x) =>
    t(l, 'dashboard.home.leave_line', { type: leaveType(x.type), from: x.startDate, to: x.endDate, part: t(l, `leave.part.${x.part}` as MessageKey), status: t(l, `leave.status.${x.status}` as MessageKey) }),
  );
  const approvals = [
    ...s.approvals.leave.map((x) => t(l, 'dashboard.home.approval_leave', { id: x.id, name: escapeMrkdwn(x.name), type: leaveType(x.type), from: x.startDate, to: x.endDate })),
    ...s.approvals.explanations.map((x) => t(l, 'dashboard.home.approval_explanation', { name: escapeMrkdwn(x.name), date: x.date })),
  ];
  const late = t(l, s.late.over ? 'dashboard.home.late_over' : 'dashboard.home.late', { minutes: s.late.minutes, allowance: s.late.allowance });
  return {
    type: 'home',
    blocks: [
      header(t(l, 'dashboard.home.title')),
      context(t(l, 'dashboard.home.as_of', { at: s.today })),
      { type: 'divider' },
      section(`*${t(l, 'dashboard.home.leave_title', { month: s.month })}*\n${list(leave, t(l, 'dashboard.home.leave_none'))}`),
      section(`*${t(l, 'dashboard.home.late_title')}*\n${late}`),
      section(`*${t(l, 'dashboard.home.approvals_title')}*${approvals.length ? ` (${approvals.length})` : ''}\n${list(approvals, t(l, 'dashboard.home.approvals_none'))}`),
    ],
  };
}

/** What someone outside the org sees in the tab. */
export function notInOrgHomeView(text: string): { type: 'home'; blocks: unknown[] } {
  return { type: 'home', blocks: [section(text)] };
}
