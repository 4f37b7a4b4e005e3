/**
 * Pure Adaptive Card builders of incidents on Teams (INC-1..4): the report
 * form, the update and resolve forms, and the incident card posted to the
 * incidents channel and sent to the team leader (and, after INC-4, the center
 * manager), kept and updated in place. The texts are the incidents area's
 * i18n messages, as on Slack; the view is the feature's (incident-view.ts).
 */
import type { CardAudience, IncidentRenderer, IncidentView } from '../../../features/incidents/incident-view.ts';
import { INCIDENT_TYPES, OUTAGE_CLASSIFICATIONS, type IncidentType } from '../../../policy/incidents/index.ts';
import { isLocale, segmentLabel, t, type Locale, type MessageKey } from '../../../shared/i18n/index.ts';
import type { OutboxPayload } from '../../../shared/outbox/transport.ts';
import { classificationLabel, rollCallSummary, timelineLine, typeLabel } from '../../slack/blocks/incident-blocks.ts';
import { INCIDENT_INPUTS, VERBS } from '../ids.ts';
import { adaptiveCard, container, execute, factSet, heading, textBlock, type AdaptiveCard, type CardElement } from './adaptive.ts';

const loc = (locale: string): Locale => (isLocale(locale) ? locale : 'zh-CN');

/** People on the roll call with their own I'm safe button; the rest are listed by name. */
export const ROLL_CALL_BUTTONS = 38;
const TIMELINE_SHOWN = 12;

const title = (l: Locale, v: Pick<IncidentView, 'id' | 'type'>) => t(l, 'incidents.card.title', { id: v.id, type: typeLabel(l, v.type) });
const problem = (text: string): CardElement => textBlock(text, { color: 'Attention', weight: 'Bolder' });

/** What the report form had, to show it again after a refusal. */
export interface IncidentFormValues {
  type?: string;
  occurredDate?: string;
  occurredTime?: string;
  description?: string;
  actions?: string;
  subject?: string;
  recoveryDate?: string;
  recoveryTime?: string;
}

/** INC-2: the report form (`incident [type]`), the time defaulting to now (center time); `people` to name the person taken ill. */
export function incidentFormCard(args: {
  locale: string;
  type?: IncidentType;
  today: string;
  time: string;
  people: Array<{ id: string; name: string }>;
  values?: IncidentFormValues;
  errors?: string[];
}): AdaptiveCard {
  const l = loc(args.locale);
  const v = args.values ?? {};
  const type = v.type || args.type;
  const body: CardElement[] = [
    heading(t(l, 'incidents.modal.title')),
    ...(args.errors ?? []).map(problem),
    {
      type: 'Input.ChoiceSet',
      id: INCIDENT_INPUTS.type,
      label: t(l, 'incidents.modal.type'),
      style: 'compact',
      isRequired: true,
      choices: INCIDENT_TYPES.map((x) => ({ title: typeLabel(l, x), value: x })),
      ...(type ? { value: type } : {}),
    },
    { type: 'Input.Date', id: INCIDENT_INPUTS.occurredDate, label: t(l, 'incidents.modal.occurred_date'), isRequired: true, value: v.occurredDate || args.today },
    { type: 'Input.Time', id: INCIDENT_INPUTS.occurredTime, label: t(l, 'incidents.modal.occurred_time'), isRequired: true, value: v.occurredTime || args.time },
    { type: 'Input.Text', id: INCIDENT_INPUTS.description, label: t(l, 'incidents.modal.description'), isMultiline: true, isRequired: true, maxLength: 2000, ...(v.description ? { value: v.description } : {}) },
    { type: 'Input.Text', id: INCIDENT_INPUTS.actions, label: t(l, 'incidents.modal.actions'), isMultiline: true, maxLength: 2000, ...(v.actions ? { value: v.actions } : {}) },
    ...(args.people.length > 0
      ? [
          {
            type: 'Input.ChoiceSet',
            id: INCIDENT_INPUTS.subject,
            label: t(l, 'incidents.modal.subject'),
            style: 'filtered',
            choices: args.people.map((p) => ({ title: p.name, value: p.id })),
            ...(v.subject ? { value: v.subject } : {}),
          },
          textBlock(t(l, 'incidents.modal.subject_hint'), { isSubtle: true, size: 'Small', spacing: 'None' }),
        ]
      : []),
    { type: 'Input.Date', id: INCIDENT_INPUTS.recoveryDate, label: t(l, 'incidents.modal.recovery_date'), ...(v.recoveryDate ? { value: v.recoveryDate } : {}) },
    { type: 'Input.Time', id: INCIDENT_INPUTS.recoveryTime, label: t(l, 'incidents.modal.recovery_time'), ...(v.recoveryTime ? { value: v.recoveryTime } : {}) },
  ];
  return adaptiveCard(body, [execute({ id: 'incidentSubmit', title: t(l, 'incidents.modal.submit'), verb: VERBS.incidentSubmit, data: { form: 'incident' }, style: 'positive' })], t(l, 'incidents.modal.title'));
}

/** What the filed form turns into for the one who filed it. */
export function incidentFiledCard(v: IncidentView, locale: string): AdaptiveCard {
  const l = loc(locale);
  return adaptiveCard([heading(title(l, v)), textBlock(t(l, 'incidents.filed', { id: v.id }))]);
}

function classificationChoice(l: Locale, v: IncidentView, required: boolean): CardElement {
  return {
    type: 'Input.ChoiceSet',
    id: INCIDENT_INPUTS.classification,
    label: t(l, 'incidents.update.classification'),
    style: 'expanded',
    ...(required ? { isRequired: true } : {}),
    choices: OUTAGE_CLASSIFICATIONS.map((c) => ({ title: classificationLabel(l, c), value: c })),
    ...(v.classification ? { value: v.classification } : {}),
  };
}

const back = (l: Locale, v: IncidentView) => execute({ id: 'incidentBack', title: t(l, 'incidents.modal.cancel'), verb: VERBS.incidentCard, data: { incidentId: v.id } });

/** INC-3: an update for the timeline; an outage not yet resolved can be judged here. */
export function incidentUpdateCard(v: IncidentView, locale: string, error?: string): AdaptiveCard {
  const l = loc(locale);
  return adaptiveCard(
    [
      heading(t(l, 'incidents.update.title')),
      textBlock(title(l, v), { weight: 'Bolder' }),
      ...(error ? [problem(error)] : []),
      ...(v.outage ? [classificationChoice(l, v, false)] : []),
      { type: 'Input.Text', id: INCIDENT_INPUTS.note, label: t(l, 'incidents.update.note'), isMultiline: true, maxLength: 2000, ...(v.outage ? {} : { isRequired: true }) },
    ],
    [execute({ id: 'incidentUpdate', title: t(l, 'incidents.modal.submit'), verb: VERBS.incidentUpdate, data: { incidentId: v.id }, style: 'positive' }), back(l, v)],
  );
}

/** INC-3: resolve with the recovery time (default: the one given, else now), an outage judged. */
export function incidentResolveCard(v: IncidentView, locale: string, now: { today: string; time: string }, error?: string): AdaptiveCard {
  const l = loc(locale);
  const [date, time] = v.recoveryAt ? v.recoveryAt.split(' ') : [now.today, now.time];
  return adaptiveCard(
    [
      heading(t(l, 'incidents.resolve.title')),
      textBlock(title(l, v), { weight: 'Bolder' }),
      ...(error ? [problem(error)] : []),
      { type: 'Input.Date', id: INCIDENT_INPUTS.recoveryDate, label: t(l, 'incidents.resolve.recovery_date'), isRequired: true, value: date },
      { type: 'Input.Time', id: INCIDENT_INPUTS.recoveryTime, label: t(l, 'incidents.resolve.recovery_time'), isRequired: true, value: time },
      ...(v.outage ? [classificationChoice(l, v, true)] : []),
      { type: 'Input.Text', id: INCIDENT_INPUTS.note, label: t(l, 'incidents.resolve.note'), isMultiline: true, maxLength: 2000 },
    ],
    [execute({ id: 'incidentResolve', title: t(l, 'incidents.modal.submit'), verb: VERBS.incidentResolve, data: { incidentId: v.id }, style: 'positive' }), back(l, v)],
  );
}

function rollCall(l: Locale, v: IncidentView, audience: CardAudience): CardElement[] {
  if (!v.rollCall) return [];
  const safe = v.rollCall.filter((r) => r.safeAt !== null);
  const summary = rollCallSummary(l, v.rollCall);
  const out: CardElement[] = [container([textBlock(t(l, 'incidents.rollcall.title', { safe: safe.length, total: v.rollCall.length }), { weight: 'Bolder' }), textBlock(summary, { spacing: 'None' })], { separator: true })];
  if (audience !== 'channel') return out;
  // Everyone on the roll call answers for themselves, from the channel's post: one button a person, their name on it.
  for (const r of v.rollCall.slice(0, ROLL_CALL_BUTTONS)) {
    const line = `${r.safeAt ? '✅' : '❔'} ${r.name} — ${r.safeAt ? t(l, 'incidents.rollcall.safe', { at: r.safeAt }) : t(l, 'incidents.rollcall.unaccounted')}`;
    out.push(
      r.safeAt
        ? textBlock(line, { spacing: 'Small' })
        : container([
            textBlock(line, { spacing: 'Small' }),
            { type: 'ActionSet', actions: [execute({ id: `safe-${r.employeeId}`, title: `${t(l, 'incidents.button.safe')} (${r.name})`, verb: VERBS.incidentSafe, data: { incidentId: v.id, employeeId: r.employeeId }, style: 'positive' })] },
          ]),
    );
  }
  const rest = v.rollCall.slice(ROLL_CALL_BUTTONS);
  if (rest.length > 0) out.push(textBlock(t(l, 'incidents.rollcall.more', { count: rest.length, names: rest.map((r) => `${r.name}${r.safeAt ? ' ✓' : ''}`).join(', ') }), { isSubtle: true }));
  return out;
}

/** The incident card: facts, checklist (INC-2), the attendance links, the timeline (INC-3) and the buttons for the next steps. */
export function incidentCard(v: IncidentView, locale: string, audience: CardAudience): OutboxPayload & { card: AdaptiveCard } {
  const l = loc(locale);
  const head = title(l, v);
  const status = [
    t(l, `incidents.status.${v.status}` as MessageKey),
    ...(v.acknowledged ? [t(l, 'incidents.card.acknowledged_by', v.acknowledged)] : []),
    ...(v.resolved ? [t(l, 'incidents.card.resolved_by', v.resolved)] : []),
  ].join('; ');
  const escalated = v.escalated ? t(l, 'incidents.card.escalated', { minutes: v.escalated.afterMinutes, at: v.escalated.at }).replace(/^:rotating_light:\s*/, '🚨 ') : null;
  const facts: Array<[string, string]> = [
    [t(l, 'incidents.card.occurred'), v.occurredAt],
    [t(l, 'incidents.card.status'), status],
    [t(l, 'incidents.card.recorder'), v.recorder.name],
    ...(v.subject ? [[t(l, 'incidents.card.subject'), v.subject.name] as [string, string]] : []),
    ...(v.recoveryAt
      ? [[t(l, 'incidents.card.recovery'), `${v.recoveryAt}${v.durationMinutes !== null ? ` (${t(l, 'incidents.card.duration', { minutes: v.durationMinutes })})` : ''}`] as [string, string]]
      : []),
    ...(v.outage ? [[t(l, 'incidents.card.classification'), v.classification ? classificationLabel(l, v.classification) : t(l, 'incidents.card.not_classified')] as [string, string]] : []),
  ];
  const body: CardElement[] = [
    heading(head),
    ...(escalated ? [textBlock(escalated, { color: 'Attention', weight: 'Bolder' })] : []),
    factSet(facts),
    container([textBlock(t(l, 'incidents.card.description'), { weight: 'Bolder' }), textBlock(v.description, { spacing: 'None' })]),
    ...(v.actionsTaken ? [container([textBlock(t(l, 'incidents.card.actions'), { weight: 'Bolder' }), textBlock(v.actionsTaken, { spacing: 'None' })])] : []),
    ...(v.checklist.length > 0
      ? [container([textBlock(t(l, 'incidents.card.checklist'), { weight: 'Bolder' }), textBlock(v.checklist.map((k) => `- ${t(l, k as MessageKey)}`).join('\n'), { spacing: 'None' })])]
      : []),
    ...rollCall(l, v, audience),
  ];
  if (v.staffing) {
    const lines = v.staffing.map((s) =>
      t(l, 'incidents.staffing.line', { segment: segmentLabel(l, s.segment), start: s.start, end: s.end, remaining: s.remaining, scheduled: s.scheduled, gap: s.scheduled - s.remaining }),
    );
    body.push(container([textBlock(t(l, 'incidents.staffing.title'), { weight: 'Bolder' }), textBlock(lines.length ? lines.join('\n') : t(l, 'incidents.staffing.none'), { spacing: 'None' })]));
  }
  if (v.sickLeave) body.push(textBlock(t(l, 'incidents.card.sick_leave', { id: v.sickLeave.id, approver: v.sickLeave.approver, status: t(l, `leave.status.${v.sickLeave.status}` as MessageKey) }), { isSubtle: true }));
  if (v.excused) body.push(textBlock(`✅ ${t(l, 'incidents.card.excused')}`, { color: 'Good' }));
  body.push(
    container([textBlock(t(l, 'incidents.card.timeline'), { weight: 'Bolder' }), textBlock(v.timeline.slice(-TIMELINE_SHOWN).map((e) => timelineLine(l, e)).join('\n'), { spacing: 'None', size: 'Small' })], { separator: true }),
  );

  const data = { incidentId: v.id };
  const button = (id: string, text: string, verb: string, style?: 'positive' | 'destructive') => execute({ id, title: text, verb, data, ...(style ? { style } : {}) });
  const actions = [
    ...(v.status === 'open' ? [button('incidentAcknowledge', t(l, 'incidents.button.acknowledge'), VERBS.incidentAcknowledge, 'positive')] : []),
    ...(v.status !== 'resolved'
      ? [button('incidentUpdateForm', t(l, 'incidents.button.update'), VERBS.incidentUpdateForm), button('incidentResolveForm', t(l, 'incidents.button.resolve'), VERBS.incidentResolveForm)]
      : []),
    ...(v.type === 'illness' && v.subject && !v.sickLeave ? [button('incidentSickLeave', t(l, 'incidents.button.sick_leave', { name: v.subject.name }), VERBS.incidentSickLeave)] : []),
    ...(v.outage && v.status === 'resolved' && !v.excused ? [button('incidentExcuse', t(l, 'incidents.button.excuse'), VERBS.incidentExcuse)] : []),
  ];
  const text = [head, v.occurredAt, t(l, `incidents.status.${v.status}` as MessageKey), ...(escalated ? [escalated] : []), v.description].join('\n');
  return { text, card: adaptiveCard(body, actions, head) };
}

export const teamsIncidentRenderer: IncidentRenderer = { card: incidentCard };
