/**
 * Pure Block Kit builders of the leave feature: view-model in, Slack JSON out.
 * Snapshot-tested in test/channels/slack/leave-blocks.test.ts.
 */
import type { LeaveCardView, LeaveRenderer, Rendered } from '../../../features/leave/leave-view.ts';
import type { LeaveType } from '../../../policy/leave/types.ts';
import { formatDates, formatFen } from '../../../shared/format.ts';
import { isLocale, t, type Locale, type MessageKey } from '../../../shared/i18n/index.ts';
import { ACTIONS, LEAVE_BLOCKS, VIEWS } from '../ids.ts';
import { input, mrkdwn, option, plain } from './kit.ts';

const TYPES: LeaveType[] = ['personal', 'sick', 'rest', 'meeting'];
const PARTS = ['full', 'morning', 'afternoon'] as const;

const loc = (locale: string): Locale => (isLocale(locale) ? locale : 'zh-CN');

/** The `/leave` modal (LEAVE-1..3), with the type preset when given. */
export function leaveModal(args: { locale: string; type?: LeaveType; proofGraceDays: number; today: string }) {
  const l = loc(args.locale);
  const typeOption = (type: LeaveType) => option(t(l, `leave.type.${type}`), type);
  const partOption = (part: (typeof PARTS)[number]) => option(t(l, `leave.part.${part}`), part);
  return {
    type: 'modal' as const,
    callback_id: VIEWS.leaveRequest,
    title: plain(t(l, 'leave.modal.title')),
    submit: plain(t(l, 'leave.modal.submit')),
    close: plain(t(l, 'leave.modal.cancel')),
    blocks: [
      input(LEAVE_BLOCKS.type, plain(t(l, 'leave.modal.type')), {
        type: 'static_select',
        options: TYPES.map(typeOption),
        ...(args.type ? { initial_option: typeOption(args.type) } : {}),
      }),
      input(LEAVE_BLOCKS.startDate, plain(t(l, 'leave.modal.start')), { type: 'datepicker', initial_date: args.today }),
      input(LEAVE_BLOCKS.endDate, plain(t(l, 'leave.modal.end')), { type: 'datepicker' }, { optional: true }),
      input(LEAVE_BLOCKS.part, plain(t(l, 'leave.modal.part')), { type: 'radio_buttons', options: PARTS.map(partOption), initial_option: partOption('full') }),
      input(LEAVE_BLOCKS.reason, plain(t(l, 'leave.modal.reason')), { type: 'plain_text_input', multiline: true, max_length: 500 }, { optional: true }),
      input(LEAVE_BLOCKS.emergency, plain(t(l, 'leave.modal.emergency')), { type: 'checkboxes', options: [option(t(l, 'leave.flag.emergency-retroactive'), 'yes')] }, { optional: true }),
      input(LEAVE_BLOCKS.proof, plain(t(l, 'leave.modal.proof')), { type: 'file_input', max_files: 3 }, {
        optional: true,
        hint: plain(t(l, 'leave.modal.proof_hint', { days: args.proofGraceDays })),
      }),
    ],
  };
}

/** The reject modal: the approver gives the employee a reason. */
export function rejectModal(args: { locale: string; requestId: number }) {
  const l = loc(args.locale);
  return {
    type: 'modal' as const,
    callback_id: VIEWS.leaveReject,
    private_metadata: String(args.requestId),
    title: plain(t(l, 'leave.reject.title', { id: args.requestId }).slice(0, 24)),
    submit: plain(t(l, 'leave.reject.submit')),
    close: plain(t(l, 'leave.modal.cancel')),
    blocks: [
      input(LEAVE_BLOCKS.rejectReason, plain(t(l, 'leave.reject.reason')), { type: 'plain_text_input', multiline: true, max_length: 500 }),
    ],
  };
}

function typeText(l: Locale, type: LeaveType) {
  return t(l, `leave.type.${type}` as MessageKey);
}

function datesText(l: Locale, v: LeaveCardView) {
  return `${formatDates(v.startDate, v.endDate)}${v.part === 'full' ? '' : ` (${t(l, `leave.part.${v.part}`)})`}`;
}

/** LEAVE-5: the approver's card with cost and coverage; after the decision, the same card shows it. */
export function approvalCard(v: LeaveCardView, locale: string): Rendered {
  const l = loc(locale);
  const title = t(l, 'leave.card.title', { id: v.requestId });
  const cost =
    (v.cost.totalFen > 0 ? t(l, 'leave.card.cost_total', { amount: formatFen(v.cost.totalFen) }) : t(l, 'leave.card.cost_free')) +
    '; ' +
    (v.cost.losesFullAttendance ? t(l, 'leave.card.loses_full_attendance', { amount: formatFen(v.cost.fullAttendanceFen) }) : t(l, 'leave.card.keeps_full_attendance'));
  const coverage = [
    v.coverage.othersOff.length === 0
      ? t(l, 'leave.card.nobody_else_off')
      : t(l, 'leave.card.others_off', { names: v.coverage.othersOff.map((o) => `${o.name} (${t(l, o.why === 'rest' ? 'leave.type.rest' : 'leave.status.approved')})`).join(', ') }),
    ...v.coverage.remaining.map((r) => t(l, 'leave.card.segment_remaining', r)),
  ].join('\n');
  const context = [
    ...v.flags.map((f) => `:warning: ${t(l, `leave.flag.${f}` as MessageKey)}`),
    ...(v.type === 'sick' ? [t(l, `leave.proof.${v.proof}`)] : []),
    ...(v.escalatedFrom ? [t(l, 'leave.card.escalated', { name: v.escalatedFrom.name })] : []),
  ];
  const blocks: unknown[] = [
    { type: 'header', text: plain(title) },
    {
      type: 'section',
      fields: [
        mrkdwn(`*${t(l, 'leave.card.who')}*\n${v.employee.name}`),
        mrkdwn(`*${t(l, 'leave.card.type')}*\n${typeText(l, v.type)}`),
        mrkdwn(`*${t(l, 'leave.card.dates')}*\n${datesText(l, v)}`),
        mrkdwn(`*${t(l, 'leave.card.reason')}*\n${v.reason || '—'}`),
      ],
    },
    ...(context.length ? [{ type: 'context', elements: context.map(mrkdwn) }] : []),
    { type: 'section', text: mrkdwn(`*${t(l, 'leave.card.cost')}*\n${cost}`) },
    { type: 'section', text: mrkdwn(`*${t(l, 'leave.card.coverage', { date: v.coverage.date })}*\n${coverage}`) },
  ];
  if (v.status === 'pending') {
    blocks.push({
      type: 'actions',
      block_id: `leave_${v.requestId}`,
      elements: [
        { type: 'button', action_id: ACTIONS.leaveApprove, style: 'primary', text: plain(t(l, 'leave.card.approve')), value: String(v.requestId) },
        { type: 'button', action_id: ACTIONS.leaveReject, style: 'danger', text: plain(t(l, 'leave.card.reject')), value: String(v.requestId) },
      ],
    });
  } else if (v.decidedBy) {
    const key = v.status === 'approved' ? 'leave.card.approved_by' : 'leave.card.rejected_by';
    blocks.push({
      type: 'context',
      elements: [mrkdwn(`${v.status === 'approved' ? ':white_check_mark:' : ':x:'} ${t(l, key, { name: v.decidedBy.name, at: v.decidedBy.at.slice(0, 16).replace('T', ' ') + 'Z' })}${v.decisionNote ? ` — ${t(l, 'leave.card.note', { note: v.decisionNote })}` : ''}`)],
    });
  }
  return { text: `${title}: ${v.employee.name}, ${typeText(l, v.type)} ${datesText(l, v)}`, blocks };
}

const notice = (text: string): Rendered => ({ text, blocks: [{ type: 'section', text: mrkdwn(text) }] });

export const slackLeaveRenderer: LeaveRenderer = {
  approvalCard,
  filedNotice: (v, locale) => {
    const l = loc(locale);
    return notice(t(l, 'leave.filed', { type: typeText(l, v.type), id: v.requestId, dates: datesText(l, v), approver: v.approverName ?? '' }));
  },
  decidedNotice: (v, locale) => {
    const l = loc(locale);
    const key = v.status === 'approved' ? 'leave.decided.approved' : 'leave.decided.rejected';
    const base = t(l, key, { type: typeText(l, v.type), id: v.requestId, dates: datesText(l, v), name: v.decidedBy?.name ?? '' });
    return notice(v.decisionNote ? `${base}\n${t(l, 'leave.card.note', { note: v.decisionNote })}` : base);
  },
  hrNotice: (v, locale) => {
    const l = loc(locale);
    return notice(t(l, 'leave.hr_notice', { name: v.employee.name, type: typeText(l, v.type), dates: datesText(l, v), id: v.requestId }));
  },
  proofOverdueNotice: (v, locale) => {
    const l = loc(locale);
    return notice(t(l, 'leave.proof_overdue_notice', { name: v.employee.name, dates: datesText(l, v), id: v.requestId }));
  },
  returnOverdueNotice: (v, locale) => {
    const l = loc(locale);
    return notice(t(l, 'leave.return_overdue_notice', { name: v.employee.name, type: typeText(l, v.type), dates: datesText(l, v), id: v.requestId }));
  },
};
