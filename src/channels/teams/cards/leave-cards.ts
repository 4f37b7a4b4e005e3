/**
 * Pure Adaptive Card builders of the leave feature on Teams: view-model in,
 * card JSON out (snapshot-tested and validated in test/channels/teams/cards.test.ts).
 * The texts are the leave area's i18n messages, as on Slack.
 */
import type { LeaveCardView, LeaveRenderer, Rendered } from '../../../features/leave/leave-view.ts';
import type { LeaveType } from '../../../policy/leave/types.ts';
import { formatDates, formatFen } from '../../../shared/format.ts';
import { isLocale, segmentLabel, t, type Locale, type MessageKey } from '../../../shared/i18n/index.ts';
import { LEAVE_INPUTS, VERBS } from '../ids.ts';
import { adaptiveCard, container, execute, factSet, heading, textBlock, type AdaptiveCard, type CardElement } from './adaptive.ts';

const TYPES: LeaveType[] = ['personal', 'sick', 'rest', 'meeting'];
const PARTS = ['full', 'morning', 'afternoon'] as const;

const loc = (locale: string): Locale => (isLocale(locale) ? locale : 'zh-CN');

/** What the employee typed, to show the form again with it after a refusal. */
export interface LeaveFormValues {
  type?: string;
  start?: string;
  end?: string;
  part?: string;
  reason?: string;
  emergency?: boolean;
}

/** LEAVE-1..3 form errors by field of the request (the use case's names), as text already in the user's locale. */
export type LeaveFormErrors = Partial<Record<'type' | 'startDate' | 'endDate' | 'part' | 'reason' | 'emergency' | 'proof', string[]>>;

const FIELD_INPUT: Record<keyof LeaveFormErrors, string> = {
  type: LEAVE_INPUTS.type,
  startDate: LEAVE_INPUTS.start,
  endDate: LEAVE_INPUTS.end,
  part: LEAVE_INPUTS.part,
  reason: LEAVE_INPUTS.reason,
  emergency: LEAVE_INPUTS.emergency,
  proof: LEAVE_INPUTS.emergency,
};

/** The leave form (the Teams counterpart of Slack's /leave modal), type preset when given. */
export function leaveFormCard(args: { locale: string; type?: LeaveType; today: string; proofGraceDays: number; values?: LeaveFormValues; errors?: LeaveFormErrors }): AdaptiveCard {
  const l = loc(args.locale);
  const v = args.values ?? {};
  const errorsAfter = (inputId: string): CardElement[] =>
    Object.entries(args.errors ?? {})
      .filter(([field]) => FIELD_INPUT[field as keyof LeaveFormErrors] === inputId)
      .flatMap(([, texts]) => texts ?? [])
      .map((text) => textBlock(text, { color: 'Attention', size: 'Small', spacing: 'None' }));
  const type = v.type ?? args.type;
  const body: CardElement[] = [heading(t(l, 'leave.modal.title'))];
  if (args.errors && Object.values(args.errors).some((e) => e && e.length > 0)) {
    body.push(textBlock(t(l, 'teams.leave.form_problems'), { color: 'Attention', weight: 'Bolder' }));
  }
  body.push(
    {
      type: 'Input.ChoiceSet',
      id: LEAVE_INPUTS.type,
      label: t(l, 'leave.modal.type'),
      style: 'compact',
      isRequired: true,
      choices: TYPES.map((x) => ({ title: t(l, `leave.type.${x}`), value: x })),
      ...(type ? { value: type } : {}),
    },
    ...errorsAfter(LEAVE_INPUTS.type),
    { type: 'Input.Date', id: LEAVE_INPUTS.start, label: t(l, 'leave.modal.start'), isRequired: true, value: v.start || args.today },
    ...errorsAfter(LEAVE_INPUTS.start),
    { type: 'Input.Date', id: LEAVE_INPUTS.end, label: t(l, 'leave.modal.end'), ...(v.end ? { value: v.end } : {}) },
    ...errorsAfter(LEAVE_INPUTS.end),
    {
      type: 'Input.ChoiceSet',
      id: LEAVE_INPUTS.part,
      label: t(l, 'leave.modal.part'),
      style: 'expanded',
      isRequired: true,
      choices: PARTS.map((p) => ({ title: t(l, `leave.part.${p}`), value: p })),
      value: v.part || 'full',
    },
    ...errorsAfter(LEAVE_INPUTS.part),
    { type: 'Input.Text', id: LEAVE_INPUTS.reason, label: t(l, 'leave.modal.reason'), isMultiline: true, maxLength: 500, ...(v.reason ? { value: v.reason } : {}) },
    ...errorsAfter(LEAVE_INPUTS.reason),
    {
      type: 'Input.Toggle',
      id: LEAVE_INPUTS.emergency,
      label: t(l, 'leave.modal.emergency'),
      title: t(l, 'teams.leave.emergency_on'),
      valueOn: 'yes',
      valueOff: 'no',
      value: v.emergency ? 'yes' : 'no',
    },
    ...errorsAfter(LEAVE_INPUTS.emergency),
    textBlock(t(l, 'teams.leave.proof_hint', { days: args.proofGraceDays }), { isSubtle: true, size: 'Small' }),
  );
  return adaptiveCard(body, [execute({ id: 'leaveSubmit', title: t(l, 'leave.modal.submit'), verb: VERBS.leaveSubmit, data: { form: 'leave' } })], t(l, 'leave.modal.title'));
}

function typeText(l: Locale, type: LeaveType) {
  return t(l, `leave.type.${type}` as MessageKey);
}

function datesText(l: Locale, v: LeaveCardView) {
  return `${formatDates(v.startDate, v.endDate)}${v.part === 'full' ? '' : ` (${t(l, `leave.part.${v.part}`)})`}`;
}

/** What the filed form turns into for the employee: a short receipt (the approver's decision comes as a message). */
export function leaveSubmittedCard(v: LeaveCardView, locale: string): AdaptiveCard {
  const l = loc(locale);
  return adaptiveCard([
    heading(t(l, 'leave.card.title', { id: v.requestId })),
    textBlock(t(l, 'teams.leave.submitted', { type: typeText(l, v.type), id: v.requestId, dates: datesText(l, v), approver: v.approverName ?? '' })),
  ]);
}

/** LEAVE-5: the approver's card with cost and coverage; after the decision, the same card shows it (no buttons). */
export function approvalCard(v: LeaveCardView, locale: string): Rendered & { card: AdaptiveCard } {
  const l = loc(locale);
  const title = t(l, 'leave.card.title', { id: v.requestId });
  const cost = [
    v.cost.totalFen > 0 ? t(l, 'leave.card.cost_total', { amount: formatFen(v.cost.totalFen) }) : t(l, 'leave.card.cost_free'),
    v.cost.losesFullAttendance ? t(l, 'leave.card.loses_full_attendance', { amount: formatFen(v.cost.fullAttendanceFen) }) : t(l, 'leave.card.keeps_full_attendance'),
  ].join('; ');
  const coverage = [
    v.coverage.othersOff.length === 0
      ? t(l, 'leave.card.nobody_else_off')
      : t(l, 'leave.card.others_off', { names: v.coverage.othersOff.map((o) => `${o.name} (${t(l, o.why === 'rest' ? 'leave.type.rest' : 'leave.status.approved')})`).join(', ') }),
    ...v.coverage.remaining.map((r) => t(l, 'leave.card.segment_remaining', { ...r, segment: segmentLabel(l, r.segment) })),
  ];
  const notes = [
    ...v.flags.map((f) => t(l, `leave.flag.${f}` as MessageKey)),
    ...(v.type === 'sick' ? [t(l, `leave.proof.${v.proof}`)] : []),
    ...(v.escalatedFrom ? [t(l, 'leave.card.escalated', { name: v.escalatedFrom.name })] : []),
  ];
  const body: CardElement[] = [
    heading(title),
    factSet([
      [t(l, 'leave.card.who'), v.employee.name],
      [t(l, 'leave.card.type'), typeText(l, v.type)],
      [t(l, 'leave.card.dates'), datesText(l, v)],
      [t(l, 'leave.card.reason'), v.reason || '—'],
    ]),
    ...notes.map((n) => textBlock(`⚠ ${n}`, { color: 'Warning', spacing: 'Small' })),
    container([textBlock(t(l, 'leave.card.cost'), { weight: 'Bolder' }), textBlock(cost, { spacing: 'None' })]),
    container([textBlock(t(l, 'leave.card.coverage', { date: v.coverage.date }), { weight: 'Bolder' }), ...coverage.map((c) => textBlock(c, { spacing: 'None' }))]),
  ];
  let actions: CardElement[] = [];
  if (v.status === 'pending') {
    body.push({ type: 'Input.Text', id: LEAVE_INPUTS.rejectReason, label: t(l, 'teams.leave.reject_reason'), isMultiline: true, maxLength: 500 });
    const data = { requestId: v.requestId };
    actions = [
      execute({ id: 'leaveApprove', title: t(l, 'leave.card.approve'), verb: VERBS.leaveApprove, data, style: 'positive' }),
      execute({ id: 'leaveReject', title: t(l, 'leave.card.reject'), verb: VERBS.leaveReject, data, style: 'destructive' }),
    ];
  } else if (v.decidedBy) {
    const key = v.status === 'approved' ? 'leave.card.approved_by' : 'leave.card.rejected_by';
    const decided = `${v.status === 'approved' ? '✔' : '✖'} ${t(l, key, { name: v.decidedBy.name, at: v.decidedBy.at.slice(0, 16).replace('T', ' ') + 'Z' })}`;
    body.push(textBlock(decided, { weight: 'Bolder', color: v.status === 'approved' ? 'Good' : 'Attention' }));
    if (v.decisionNote) body.push(textBlock(t(l, 'leave.card.note', { note: v.decisionNote }), { spacing: 'None' }));
  }
  const text = `${title}: ${v.employee.name}, ${typeText(l, v.type)} ${datesText(l, v)}`;
  return { text, card: adaptiveCard(body, actions, text) };
}

/** The leave use case's messages on Teams: the approver's card, plain-text notices. */
export const teamsLeaveRenderer: LeaveRenderer = {
  approvalCard,
  filedNotice: (v, locale) => {
    const l = loc(locale);
    return { text: t(l, 'leave.filed', { type: typeText(l, v.type), id: v.requestId, dates: datesText(l, v), approver: v.approverName ?? '' }) };
  },
  decidedNotice: (v, locale) => {
    const l = loc(locale);
    const key = v.status === 'approved' ? 'leave.decided.approved' : 'leave.decided.rejected';
    const base = t(l, key, { type: typeText(l, v.type), id: v.requestId, dates: datesText(l, v), name: v.decidedBy?.name ?? '' });
    return { text: v.decisionNote ? `${base}\n${t(l, 'leave.card.note', { note: v.decisionNote })}` : base };
  },
  hrNotice: (v, locale) => {
    const l = loc(locale);
    return { text: t(l, 'leave.hr_notice', { name: v.employee.name, type: typeText(l, v.type), dates: datesText(l, v), id: v.requestId }) };
  },
  proofOverdueNotice: (v, locale) => {
    const l = loc(locale);
    return { text: t(l, 'leave.proof_overdue_notice', { name: v.employee.name, dates: datesText(l, v), id: v.requestId }) };
  },
  returnOverdueNotice: (v, locale) => {
    const l = loc(locale);
    return { text: t(l, 'leave.return_overdue_notice', { name: v.employee.name, type: typeText(l, v.type), dates: datesText(l, v), id: v.requestId }) };
  },
};
