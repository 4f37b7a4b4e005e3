/**
 * Pure Block Kit builders of incidents (INC-1..4): the report modal, the
 * update and resolve modals, and the card posted to the incidents channel and
 * sent to the team leader (and, after INC-4, the center manager).
 */
import type { CardAudience, IncidentRenderer, IncidentView, TimelineEntry } from '../../../features/incidents/incident-view.ts';
import { INCIDENT_TYPES, OUTAGE_CLASSIFICATIONS, type IncidentType, type OutageClassification } from '../../../policy/incidents/index.ts';
import { isLocale, segmentLabel, t, type Locale, type MessageKey } from '../../../shared/i18n/index.ts';
import { INCIDENT_ACTIONS, INCIDENT_BLOCKS, INCIDENT_VIEWS } from '../ids.ts';
import { input, mrkdwn, option, plain } from './kit.ts';

const loc = (locale: string): Locale => (isLocale(locale) ? locale : 'zh-CN');
const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** People on the roll call with their own section and button; the rest are listed by name (Slack allows 50 blocks a message). */
export const ROLL_CALL_BUTTONS = 38;
const TIMELINE_SHOWN = 12;
/** The free-text element of the description, actions and note fields. */
const NOTE = { type: 'plain_text_input' as const, multiline: true, max_length: 2000 };

export const typeLabel = (l: Locale, type: IncidentType) => t(l, `incidents.type.${type}` as MessageKey);
export const classificationLabel = (l: Locale, c: OutageClassification) => t(l, `incidents.classification.${c}` as MessageKey);

function typeSelect(l: Locale, initial?: IncidentType) {
  const typeOption = (type: IncidentType) => option(typeLabel(l, type), type);
  return { type: 'static_select' as const, options: INCIDENT_TYPES.map(typeOption), ...(initial ? { initial_option: typeOption(initial) } : {}) };
}

function classificationSelect(l: Locale, initial: OutageClassification | null) {
  const o = (c: OutageClassification) => option(classificationLabel(l, c), c);
  return { type: 'static_select' as const, options: OUTAGE_CLASSIFICATIONS.map(o), ...(initial ? { initial_option: o(initial) } : {}) };
}

/** INC-2: the `/incident` modal, the type preset when given; the time defaults to now (center time). */
export function incidentModal(args: { locale: string; type?: IncidentType; today: string; time: string }) {
  const l = loc(args.locale);
  return {
    type: 'modal' as const,
    callback_id: INCIDENT_VIEWS.report,
    title: plain(t(l, 'incidents.modal.title')),
    submit: plain(t(l, 'incidents.modal.submit')),
    close: plain(t(l, 'incidents.modal.cancel')),
    blocks: [
      input(INCIDENT_BLOCKS.type, plain(t(l, 'incidents.modal.type')), typeSelect(l, args.type)),
      input(INCIDENT_BLOCKS.occurredDate, plain(t(l, 'incidents.modal.occurred_date')), { type: 'datepicker', initial_date: args.today }),
      input(INCIDENT_BLOCKS.occurredTime, plain(t(l, 'incidents.modal.occurred_time')), { type: 'timepicker', initial_time: args.time }),
      input(INCIDENT_BLOCKS.description, plain(t(l, 'incidents.modal.description')), NOTE),
      input(INCIDENT_BLOCKS.actions, plain(t(l, 'incidents.modal.actions')), NOTE, { optional: true }),
      input(INCIDENT_BLOCKS.subject, plain(t(l, 'incidents.modal.subject')), { type: 'users_select' }, { optional: true, hint: plain(t(l, 'incidents.modal.subject_hint')) }),
      input(INCIDENT_BLOCKS.recoveryDate, plain(t(l, 'incidents.modal.recovery_date')), { type: 'datepicker' }, { optional: true }),
      input(INCIDENT_BLOCKS.recoveryTime, plain(t(l, 'incidents.modal.recovery_time')), { type: 'timepicker' }, { optional: true }),
    ],
  };
}

/** The incident an update or resolve modal is about, in bold. */
const heading = (l: Locale, view: IncidentView) => ({ type: 'section', text: mrkdwn(`*${t(l, 'incidents.card.title', { id: view.id, type: typeLabel(l, view.type) })}*`) });

/** INC-3: an update for the timeline; an outage not yet resolved can be judged here. */
export function updateModal(view: IncidentView, locale: string) {
  const l = loc(locale);
  return {
    type: 'modal' as const,
    callback_id: INCIDENT_VIEWS.update,
    private_metadata: String(view.id),
    title: plain(clip(t(l, 'incidents.update.title'), 24)),
    submit: plain(t(l, 'incidents.modal.submit')),
    close: plain(t(l, 'incidents.modal.cancel')),
    blocks: [
      heading(l, view),
      ...(view.outage ? [input(INCIDENT_BLOCKS.classification, plain(t(l, 'incidents.update.classification')), classificationSelect(l, view.classification), { optional: true })] : []),
      input(INCIDENT_BLOCKS.note, plain(t(l, 'incidents.update.note')), NOTE, { optional: view.outage }),
    ],
  };
}

/** INC-3: resolve with the recovery time (default now), an outage judged. */
export function resolveModal(view: IncidentView, locale: string, now: { today: string; time: string }) {
  const l = loc(locale);
  const [date, time] = view.recoveryAt ? view.recoveryAt.split(' ') : [now.today, now.time];
  return {
    type: 'modal' as const,
    callback_id: INCIDENT_VIEWS.resolve,
    private_metadata: String(view.id),
    title: plain(clip(t(l, 'incidents.resolve.title'), 24)),
    submit: plain(t(l, 'incidents.modal.submit')),
    close: plain(t(l, 'incidents.modal.cancel')),
    blocks: [
      heading(l, view),
      input(INCIDENT_BLOCKS.recoveryDate, plain(t(l, 'incidents.resolve.recovery_date')), { type: 'datepicker', initial_date: date }),
      input(INCIDENT_BLOCKS.recoveryTime, plain(t(l, 'incidents.resolve.recovery_time')), { type: 'timepicker', initial_time: time }),
      ...(view.outage ? [input(INCIDENT_BLOCKS.classification, plain(t(l, 'incidents.update.classification')), classificationSelect(l, view.classification))] : []),
      input(INCIDENT_BLOCKS.note, plain(t(l, 'incidents.resolve.note')), NOTE, { optional: true }),
    ],
  };
}

/** A timeline row as people read it (both platforms' cards). */
export function timelineLine(l: Locale, e: TimelineEntry): string {
  const what = t(l, `incidents.timeline.${e.kind}` as MessageKey, {
    text: e.text,
    classification: e.classification ? classificationLabel(l, e.classification) : '',
    recovery: e.recoveryAt ?? '',
    id: e.leaveId ?? '',
  });
  const note = e.kind === 'resolved' && e.text ? ` — ${e.text}` : '';
  return `${e.at.slice(11)} ${e.actor}: ${what}${note}`;
}

function statusText(l: Locale, v: IncidentView): string {
  const lines = [t(l, `incidents.status.${v.status}` as MessageKey)];
  if (v.acknowledged) lines.push(t(l, 'incidents.card.acknowledged_by', v.acknowledged));
  if (v.resolved) lines.push(t(l, 'incidents.card.resolved_by', v.resolved));
  return lines.join('\n');
}

/** Fire: who is still unaccounted for on the roll call, or that all are safe (both platforms' cards). */
export function rollCallSummary(l: Locale, rollCall: NonNullable<IncidentView['rollCall']>): string {
  const missing = rollCall.filter((r) => r.safeAt === null);
  if (rollCall.length === 0) return t(l, 'incidents.rollcall.nobody');
  return missing.length === 0 ? t(l, 'incidents.rollcall.all_safe') : t(l, 'incidents.rollcall.unaccounted_list', { names: missing.map((r) => r.name).join(', ') });
}

/** The incident card: facts, checklist (INC-2), the attendance links, the timeline (INC-3) and the buttons for the next steps. */
export function incidentCard(v: IncidentView, locale: string, audience: CardAudience): { text: string; blocks: unknown[] } {
  const l = loc(locale);
  const title = t(l, 'incidents.card.title', { id: v.id, type: typeLabel(l, v.type) });
  const blocks: unknown[] = [{ type: 'header', text: plain(clip(title, 150)) }];
  if (v.escalated) blocks.push({ type: 'section', text: mrkdwn(t(l, 'incidents.card.escalated', { minutes: v.escalated.afterMinutes, at: v.escalated.at })) });
  const fields = [
    mrkdwn(`*${t(l, 'incidents.card.occurred')}*\n${v.occurredAt}`),
    mrkdwn(`*${t(l, 'incidents.card.status')}*\n${statusText(l, v)}`),
    mrkdwn(`*${t(l, 'incidents.card.recorder')}*\n${v.recorder.name}`),
    ...(v.subject ? [mrkdwn(`*${t(l, 'incidents.card.subject')}*\n${v.subject.name}`)] : []),
    ...(v.recoveryAt ? [mrkdwn(`*${t(l, 'incidents.card.recovery')}*\n${v.recoveryAt}${v.durationMinutes !== null ? ` (${t(l, 'incidents.card.duration', { minutes: v.durationMinutes })})` : ''}`)] : []),
    ...(v.outage ? [mrkdwn(`*${t(l, 'incidents.card.classification')}*\n${v.classification ? classificationLabel(l, v.classification) : t(l, 'incidents.card.not_classified')}`)] : []),
  ];
  blocks.push({ type: 'section', fields });
  const story = [`*${t(l, 'incidents.card.description')}*\n${v.description}`, ...(v.actionsTaken ? [`*${t(l, 'incidents.card.actions')}*\n${v.actionsTaken}`] : [])].join('\n');
  blocks.push({ type: 'section', text: mrkdwn(clip(story, 2900)) });
  if (v.checklist.length > 0) {
    blocks.push({ type: 'section', text: mrkdwn(`*${t(l, 'incidents.card.checklist')}*\n${v.checklist.map((k) => `• ${t(l, k as MessageKey)}`).join('\n')}`) });
  }

  if (v.rollCall) {
    const safe = v.rollCall.filter((r) => r.safeAt !== null);
    const head = `*${t(l, 'incidents.rollcall.title', { safe: safe.length, total: v.rollCall.length })}*`;
    const summary = rollCallSummary(l, v.rollCall);
    blocks.push({ type: 'section', text: mrkdwn(clip(`${head}\n${summary}`, 2900)) });
    if (audience === 'channel') {
      // Everyone on the roll call answers for themselves, from the channel's post.
      for (const r of v.rollCall.slice(0, ROLL_CALL_BUTTONS)) {
        blocks.push({
          type: 'section',
          text: mrkdwn(`${r.safeAt ? ':white_check_mark:' : ':grey_question:'} ${r.name} — ${r.safeAt ? t(l, 'incidents.rollcall.safe', { at: r.safeAt }) : t(l, 'incidents.rollcall.unaccounted')}`),
          ...(r.safeAt ? {} : { accessory: { type: 'button', action_id: INCIDENT_ACTIONS.safe, style: 'primary', text: plain(t(l, 'incidents.button.safe')), value: `${v.id}:${r.employeeId}` } }),
        });
      }
      const rest = v.rollCall.slice(ROLL_CALL_BUTTONS);
      if (rest.length > 0) {
        blocks.push({ type: 'context', elements: [mrkdwn(clip(t(l, 'incidents.rollcall.more', { count: rest.length, names: rest.map((r) => `${r.name}${r.safeAt ? ' ✓' : ''}`).join(', ') }), 2900))] });
      }
    }
  }

  if (v.staffing) {
    const lines = v.staffing.map((s) =>
      t(l, 'incidents.staffing.line', { segment: segmentLabel(l, s.segment), start: s.start, end: s.end, remaining: s.remaining, scheduled: s.scheduled, gap: s.scheduled - s.remaining }),
    );
    blocks.push({ type: 'section', text: mrkdwn(`*${t(l, 'incidents.staffing.title')}*\n${lines.length ? lines.join('\n') : t(l, 'incidents.staffing.none')}`) });
  }
  if (v.sickLeave) {
    blocks.push({ type: 'context', elements: [mrkdwn(t(l, 'incidents.card.sick_leave', { id: v.sickLeave.id, approver: v.sickLeave.approver, status: t(l, `leave.status.${v.sickLeave.status}` as MessageKey) }))] });
  }
  if (v.excused) blocks.push({ type: 'context', elements: [mrkdwn(`:white_check_mark: ${t(l, 'incidents.card.excused')}`)] });

  const shown = v.timeline.slice(-TIMELINE_SHOWN);
  blocks.push({ type: 'context', elements: [mrkdwn(clip(`*${t(l, 'incidents.card.timeline')}*\n${shown.map((e) => timelineLine(l, e)).join('\n')}`, 2900))] });

  const button = (actionId: string, text: string, style?: 'primary' | 'danger') => ({ type: 'button', action_id: actionId, text: plain(clip(text, 75)), value: String(v.id), ...(style ? { style } : {}) });
  const buttons = [
    ...(v.status === 'open' ? [button(INCIDENT_ACTIONS.acknowledge, t(l, 'incidents.button.acknowledge'), 'primary')] : []),
    ...(v.status !== 'resolved' ? [button(INCIDENT_ACTIONS.update, t(l, 'incidents.button.update')), button(INCIDENT_ACTIONS.resolve, t(l, 'incidents.button.resolve'))] : []),
    ...(v.type === 'illness' && v.subject && !v.sickLeave ? [button(INCIDENT_ACTIONS.sickLeave, t(l, 'incidents.button.sick_leave', { name: v.subject.name }))] : []),
    ...(v.outage && v.status === 'resolved' && !v.excused ? [button(INCIDENT_ACTIONS.excuse, t(l, 'incidents.button.excuse'))] : []),
  ];
  if (buttons.length > 0) blocks.push({ type: 'actions', block_id: `incident_${v.id}`, elements: buttons });

  const text = [title, v.occurredAt, t(l, `incidents.status.${v.status}` as MessageKey), ...(v.rollCall ? [t(l, 'incidents.rollcall.title', { safe: v.rollCall.filter((r) => r.safeAt).length, total: v.rollCall.length })] : [])].join(' · ');
  return { text, blocks };
}

export const slackIncidentRenderer: IncidentRenderer = { card: incidentCard };
