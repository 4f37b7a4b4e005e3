/**
 * Pure Block Kit builders of the team leader's daily routine (issue 11): the
 * MEET-1 pre-shift brief with its Check in button, the post-shift report
 * (draft with its button, sent), the handover to the incoming handler with
 * Acknowledge, the unacknowledged-handover flag; the report and handover modals.
 * The message texts (`*Text` functions) are shared with the Teams cards.
 */
import type { BriefView, HandoverView, RoutineRenderer, ShiftReportView } from '../../../features/routine/routine-view.ts';
import type { IncidentFact, TeamFigures } from '../../../policy/routine/index.ts';
import { segmentLabel, t, type Locale, type MessageKey } from '../../../shared/i18n/index.ts';
import { ROUTINE_ACTIONS, ROUTINE_BLOCKS, ROUTINE_VIEWS } from '../ids.ts';
import { input, plain } from './kit.ts';
import { escapeMrkdwn as esc } from './mrkdwn.ts';

const list = (locale: Locale, items: readonly string[]) => items.join(t(locale, 'routine.list_sep'));
const SECTION_MAX = 3000;
const section = (text: string) => ({ type: 'section' as const, text: { type: 'mrkdwn' as const, text: text.length > SECTION_MAX ? `${text.slice(0, SECTION_MAX - 1)}…` : text } });
/** A text of many lines as sections within Slack's 3,000 characters each (lines kept whole). */
function sections(text: string) {
  const chunks: string[] = [];
  for (const line of text.split('\n')) {
    const last = chunks.length - 1;
    if (last >= 0 && chunks[last]!.length + 1 + line.length <= SECTION_MAX) chunks[last] += `\n${line}`;
    else chunks.push(line);
  }
  return chunks.map(section);
}
const button = (actionId: string, text: string, value: string, primary = true) => ({
  type: 'button' as const,
  action_id: actionId,
  ...(primary ? { style: 'primary' as const } : {}),
  text: plain(text),
  value,
});

export function figuresText(locale: Locale, f: TeamFigures): string {
  if (f.agents === 0) return t(locale, 'routine.no_figures');
  const line = t(locale, 'routine.figures', {
    agents: f.agents,
    calls: f.callsMade,
    connected: f.callsConnected,
    rate: f.connectRate === null ? t(locale, 'routine.rate_none') : `${f.connectRate}%`,
    questionnaires: f.questionnaires,
    target: f.target,
    perAgent: f.targetPerAgent,
    orders: f.orders,
    issues: f.customerIssues,
  });
  const below = f.belowTarget.map((b) => `${esc(b.name)} ${b.questionnaires}`);
  return below.length ? `${line}\n${t(locale, 'routine.below_target', { list: list(locale, below) })}` : line;
}

const incidentText = (locale: Locale, i: IncidentFact) =>
  t(locale, 'routine.incident', { id: i.id, type: t(locale, `incidents.type.${i.type}` as MessageKey), status: t(locale, `incidents.status.${i.status}` as MessageKey), time: i.occurredAt });
const minutesText = (locale: Locale, xs: ReadonlyArray<{ name: string; minutes: number }>) => list(locale, xs.map((x) => t(locale, 'routine.minutes', { name: esc(x.name), minutes: x.minutes })));

/** MEET-1: the brief's text (mrkdwn), one fact a line. */
export function briefText(locale: Locale, v: BriefView): string {
  const lines = [t(locale, 'routine.brief.title', { team: esc(v.teamName), date: v.date }), t(locale, 'routine.brief.yesterday', { date: v.yesterday.date, figures: figuresText(locale, v.yesterday) })];
  lines.push(v.late.length ? t(locale, 'routine.brief.late', { list: minutesText(locale, v.late) }) : t(locale, 'routine.brief.no_late'));
  if (v.absent.length) lines.push(t(locale, 'routine.brief.absent', { list: list(locale, v.absent.map(esc)) }));
  if (v.onLeave.length) lines.push(t(locale, 'routine.brief.on_leave', { list: list(locale, v.onLeave.map((l) => t(locale, 'routine.brief.leave_item', { name: esc(l.name), type: t(locale, `leave.type.${l.type}` as MessageKey) }))) }));
  if (v.resting.length) lines.push(t(locale, 'routine.brief.resting', { list: list(locale, v.resting.map(esc)) }));
  if (!v.onLeave.length && !v.resting.length) lines.push(t(locale, 'routine.brief.nobody_out'));
  lines.push(t(locale, 'routine.brief.coverage'));
  for (const c of v.coverage) lines.push(t(locale, 'routine.brief.coverage_line', { time: c.time, segment: segmentLabel(locale, c.segment), count: c.working, names: list(locale, c.names.map(esc)) }));
  lines.push(v.incidents.length ? t(locale, 'routine.brief.incidents', { list: list(locale, v.incidents.map((i) => incidentText(locale, i))) }) : t(locale, 'routine.brief.no_incidents'));
  if (v.events.length) lines.push(t(locale, 'routine.brief.events', { list: list(locale, v.events.map((e) => t(locale, `routine.brief.event.${e.kind}` as MessageKey, { time: e.time, title: esc(e.title) }).trim())) }));
  if (v.notes.length) {
    lines.push(t(locale, 'routine.brief.notes'));
    for (const n of v.notes) lines.push(t(locale, 'routine.brief.note', { text: esc(n.text), author: esc(n.author) }));
  } else lines.push(t(locale, 'routine.brief.no_notes'));
  return lines.join('\n');
}

/** The post-shift report's text: the draft (without problems and measures) or the sent report. */
export function reportText(locale: Locale, v: ShiftReportView, sent: boolean): string {
  const lines = [
    sent ? t(locale, 'routine.report.sent_title', { team: esc(v.teamName), date: v.date, leader: esc(v.leaderName) }) : t(locale, 'routine.report.draft_title', { team: esc(v.teamName), date: v.date }),
    t(locale, 'routine.report.figures', { figures: figuresText(locale, v.figures) }),
    v.qa.length ? t(locale, 'routine.report.qa', { list: list(locale, v.qa.map((q) => t(locale, 'routine.report.qa_item', { name: esc(q.name), score: q.score }))) }) : t(locale, 'routine.report.no_qa'),
    v.late.length ? t(locale, 'routine.report.late', { list: minutesText(locale, v.late) }) : t(locale, 'routine.report.no_late'),
  ];
  if (v.absent.length) lines.push(t(locale, 'routine.report.absent', { list: list(locale, v.absent.map(esc)) }));
  lines.push(v.incidents.length ? t(locale, 'routine.report.incidents', { list: list(locale, v.incidents.map((i) => incidentText(locale, i))) }) : t(locale, 'routine.report.no_incidents'));
  lines.push(
    v.suggestions.length
      ? t(locale, 'routine.report.suggestions', { list: list(locale, v.suggestions.map((s) => t(locale, 'routine.report.suggestion_item', { id: s.id, title: esc(s.title), name: esc(s.submitter) }))) })
      : t(locale, 'routine.report.no_suggestions'),
  );
  if (sent) lines.push(t(locale, 'routine.report.problems', { text: esc(v.problems) }), t(locale, 'routine.report.measures', { text: esc(v.measures) }));
  else lines.push(t(locale, 'routine.report.draft_hint'));
  return lines.join('\n');
}

export function handoverText(locale: Locale, v: HandoverView): string {
  const lines = [
    t(locale, 'routine.handover.incoming', { from: esc(v.fromName), filed: v.filedAt, received: v.ticketsReceived, handled: v.ticketsHandled }),
    ...(v.openTickets.length ? [t(locale, 'routine.handover.open_tickets'), ...v.openTickets.map((o) => t(locale, 'routine.handover.open_ticket', { ref: esc(o.ref), state: esc(o.state) }))] : [t(locale, 'routine.handover.no_open')]),
  ];
  if (v.notes) lines.push(t(locale, 'routine.handover.notes', { text: esc(v.notes) }));
  return lines.join('\n');
}

export function handoverFlagText(locale: Locale, v: HandoverView & { graceMinutes: number }): string {
  return v.toName
    ? t(locale, 'routine.handover.flag', { to: esc(v.toName), from: esc(v.fromName), filed: v.filedAt, grace: v.graceMinutes, start: v.incomingStartsAt ?? '' })
    : t(locale, 'routine.handover.flag_no_incoming', { from: esc(v.fromName), filed: v.filedAt });
}

export const slackRoutineRenderer: RoutineRenderer = {
  brief(locale, v) {
    const text = briefText(locale, v);
    return {
      text,
      blocks: [
        ...sections(text),
        { type: 'context', elements: [{ type: 'mrkdwn', text: t(locale, 'routine.brief.check_in_hint') }] },
        { type: 'actions', block_id: `routine_brief_${v.teamId}_${v.date}`, elements: [button(ROUTINE_ACTIONS.briefCheckIn, t(locale, 'routine.brief.check_in'), `${v.teamId}|${v.date}`)] },
      ],
    };
  },
  reportDraft(locale, v) {
    const text = reportText(locale, v, false);
    return {
      text,
      blocks: [...sections(text), { type: 'actions', block_id: `routine_report_${v.teamId}_${v.date}`, elements: [button(ROUTINE_ACTIONS.reportOpen, t(locale, 'routine.report.open'), `${v.teamId}|${v.date}`)] }],
    };
  },
  reportSent(locale, v) {
    const text = reportText(locale, v, true);
    return { text, blocks: sections(text) };
  },
  handoverIncoming(locale, v) {
    const text = handoverText(locale, v);
    return { text, blocks: [...sections(text), { type: 'actions', block_id: `routine_handover_${v.id}`, elements: [button(ROUTINE_ACTIONS.handoverAcknowledge, t(locale, 'routine.handover.acknowledge'), String(v.id))] }] };
  },
  handoverFlag(locale, v) {
    const text = handoverFlagText(locale, v);
    return { text, blocks: [section(text)] };
  },
};

/** The post-shift report's modal: problems found and measures taken; Send delivers it. */
export function reportModal(locale: Locale, r: { teamId: string; date: string; teamName: string; problems: string; measures: string; channel: string | null }) {
  const area = (block: string, label: MessageKey, initial: string) =>
    input(block, plain(t(locale, label)), { type: 'plain_text_input', multiline: true, max_length: 2000, ...(initial ? { initial_value: initial } : {}) });
  return {
    type: 'modal' as const,
    callback_id: ROUTINE_VIEWS.report,
    private_metadata: JSON.stringify({ teamId: r.teamId, date: r.date, channel: r.channel }),
    title: plain(t(locale, 'routine.report.modal.title')),
    submit: plain(t(locale, 'routine.report.modal.submit')),
    close: plain(t(locale, 'routine.report.modal.cancel')),
    blocks: [
      { type: 'context', elements: [{ type: 'mrkdwn', text: `${esc(r.teamName)} · ${r.date}` }] },
      area(ROUTINE_BLOCKS.problems, 'routine.report.modal.problems', r.problems),
      area(ROUTINE_BLOCKS.measures, 'routine.report.modal.measures', r.measures),
    ],
  };
}

/** What a routine modal shows once done (the report sent, the handover filed). */
export function doneView(locale: Locale, title: 'routine.report.modal.title' | 'routine.handover.modal.title', text: string) {
  return { type: 'modal' as const, title: plain(t(locale, title)), close: plain(t(locale, 'routine.report.modal.cancel')), blocks: [section(text)] };
}

/** The shift handover form. */
export function handoverModal(locale: Locale) {
  const field = (block: string, label: MessageKey, element: Record<string, unknown>, optional = false) =>
    input(block, plain(t(locale, label)), { type: 'plain_text_input', ...element }, optional ? { optional: true } : {});
  return {
    type: 'modal' as const,
    callback_id: ROUTINE_VIEWS.handover,
    title: plain(t(locale, 'routine.handover.modal.title')),
    submit: plain(t(locale, 'routine.handover.modal.submit')),
    close: plain(t(locale, 'routine.handover.modal.cancel')),
    blocks: [
      field(ROUTINE_BLOCKS.received, 'routine.handover.modal.received', { max_length: 6 }),
      field(ROUTINE_BLOCKS.handled, 'routine.handover.modal.handled', { max_length: 6 }),
      field(ROUTINE_BLOCKS.open, 'routine.handover.modal.open', { multiline: true, max_length: 2000 }, true),
      field(ROUTINE_BLOCKS.notes, 'routine.handover.modal.notes', { multiline: true, max_length: 2000 }, true),
    ],
  };
}
