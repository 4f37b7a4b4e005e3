/** Slack handlers of incidents (INC-1..4): /incident, the report modal, the card's buttons and their modals. */
import type { WebClient } from '@slack/web-api';
import { DateTime } from 'luxon';
import {
  acknowledgeIncident,
  excuseOutageWindow,
  fileIncident,
  fileSickLeaveForSubject,
  IncidentValidationError,
  incidentView,
  markSafe,
  resolveIncident,
  updateIncident,
  type IncidentDeps,
} from '../../../features/incidents/incident-service.ts';
import { orgRepository } from '../../../features/org/org-repository.ts';
import { INCIDENT_TYPES, isIncidentType } from '../../../policy/incidents/index.ts';
import { AppError } from '../../../shared/errors.ts';
import { DEFAULT_LOCALE, t, type Locale } from '../../../shared/i18n/index.ts';
import { teamsIncidentRenderer } from '../../teams/cards/incident-cards.ts';
import { incidentModal, resolveModal, slackIncidentRenderer, updateModal } from '../blocks/incident-blocks.ts';
import { COMMANDS, INCIDENT_ACTIONS, INCIDENT_BLOCKS, INCIDENT_VIEWS, INPUT } from '../ids.ts';
import type { SlackContext } from './context.ts';
import { slackLeaveDeps } from './leave.ts';
import { fieldErrorsAnswer } from './modal-errors.ts';

/** State values of the incident modals (time pickers and the user select beside the usual elements). */
type Values = Record<string, Record<string, { value?: string | null; selected_date?: string | null; selected_time?: string | null; selected_user?: string | null; selected_option?: { value: string } | null }>>;

/** Which modal block shows the error of each field of the report. */
const REPORT_FIELD_BLOCK: Record<string, string> = {
  type: INCIDENT_BLOCKS.type,
  occurredAt: INCIDENT_BLOCKS.occurredTime,
  description: INCIDENT_BLOCKS.description,
  recoveryAt: INCIDENT_BLOCKS.recoveryTime,
  subject: INCIDENT_BLOCKS.subject,
};

const USAGE = `/incident [${INCIDENT_TYPES.join('|')}]`;

/** How incidents reach Slack: cards rendered as Block Kit, people addressed by their Slack id; the cards kept on Teams are updated with the Teams renderer. */
export function slackIncidentDeps(ctx: Pick<SlackContext, 'prisma' | 'policy' | 'clock'>): IncidentDeps {
  return {
    prisma: ctx.prisma(),
    policy: ctx.policy,
    clock: ctx.clock,
    messenger: { platform: 'slack', render: slackIncidentRenderer, targetOf: (p) => p.slackId },
    also: [{ platform: 'teams', render: teamsIncidentRenderer, targetOf: () => null }],
  };
}

export function registerIncidentHandlers(ctx: SlackContext): void {
  const { app, identify, errorText } = ctx;
  const deps = () => slackIncidentDeps(ctx);
  const leaveDeps = () => slackLeaveDeps(ctx);
  const zone = ctx.policy.center.timeZone;
  const nowLocal = () => ctx.clock.now().setZone(zone);
  /** A date and a time picked in the modal, read in the center's zone (null when either is missing). */
  const instant = (date: string | null | undefined, time: string | null | undefined) => (date && time ? DateTime.fromISO(`${date}T${time}`, { zone }) : null);

  app.command(COMMANDS.incident, async ({ command, ack, client }) => {
    const who = await identify(command.user_id);
    if (!who) return ack(t(DEFAULT_LOCALE, 'common.not_in_org'));
    const words = command.text.trim().split(/\s+/).filter(Boolean);
    const [word] = words;
    if (words.length > 1 || (word !== undefined && !isIncidentType(word.toLowerCase()))) return ack(t(who.locale, 'incidents.usage', { usage: USAGE }));
    await ack();
    const now = nowLocal();
    await client.views.open({
      trigger_id: command.trigger_id,
      view: incidentModal({ locale: who.locale, ...(word ? { type: word.toLowerCase() as (typeof INCIDENT_TYPES)[number] } : {}), today: now.toISODate()!, time: now.toFormat('HH:mm') }),
    });
  });

  app.view(INCIDENT_VIEWS.report, async ({ ack, body, view }) => {
    const who = await identify(body.user.id);
    if (!who) return ack({ response_action: 'errors', errors: { [INCIDENT_BLOCKS.type]: t(DEFAULT_LOCALE, 'common.not_in_org') } });
    const v = (block: string) => (view.state.values as Values)[block]?.[INPUT];
    const subjectSlack = v(INCIDENT_BLOCKS.subject)?.selected_user ?? null;
    const subject = subjectSlack ? await orgRepository(ctx.prisma()).employeeByChatIdentity('slack', subjectSlack) : null;
    if (subjectSlack && !subject?.active) return ack({ response_action: 'errors', errors: { [INCIDENT_BLOCKS.subject]: t(who.locale, 'incidents.error.unknown_subject') } });
    try {
      await fileIncident(deps(), {
        recorderId: who.id,
        type: v(INCIDENT_BLOCKS.type)?.selected_option?.value ?? '',
        occurredAt: instant(v(INCIDENT_BLOCKS.occurredDate)?.selected_date, v(INCIDENT_BLOCKS.occurredTime)?.selected_time),
        description: v(INCIDENT_BLOCKS.description)?.value ?? '',
        actionsTaken: v(INCIDENT_BLOCKS.actions)?.value ?? '',
        recoveryAt: instant(v(INCIDENT_BLOCKS.recoveryDate)?.selected_date, v(INCIDENT_BLOCKS.recoveryTime)?.selected_time),
        subjectId: subject?.id ?? null,
        channel: 'slack',
      });
      return ack();
    } catch (error) {
      if (error instanceof IncidentValidationError) return ack(fieldErrorsAnswer(who.locale, error.fieldErrors, REPORT_FIELD_BLOCK, INCIDENT_BLOCKS.type));
      return ack({ response_action: 'errors', errors: { [INCIDENT_BLOCKS.type]: errorText(who.locale, error) } });
    }
  });

  /** A button of the card: ack, identify, do it; a refusal (or a confirmation) is answered ephemerally where it was clicked. */
  const onClick = (actionId: string, work: (who: { id: string; locale: Locale }, value: string, client: WebClient, triggerId: string) => Promise<string | null>) =>
    app.action(actionId, async ({ ack, body, action, client }) => {
      await ack();
      const who = await identify(body.user.id);
      const locale = who?.locale ?? DEFAULT_LOCALE;
      const channel = (body as { channel?: { id: string } }).channel?.id;
      let answer: string | null;
      try {
        if (!who) throw new AppError('not_in_org', 'common.not_in_org', 'not in org');
        answer = await work(who, (action as { value?: string }).value ?? '', client, (body as { trigger_id: string }).trigger_id);
      } catch (error) {
        answer = errorText(locale, error);
      }
      if (answer && channel) await client.chat.postEphemeral({ channel, user: body.user.id, text: answer });
    });

  onClick(INCIDENT_ACTIONS.acknowledge, async (who, value) => {
    await acknowledgeIncident(deps(), { incidentId: Number(value), actorId: who.id });
    return null;
  });
  onClick(INCIDENT_ACTIONS.update, async (who, value, client, triggerId) => {
    const view = await incidentView(ctx.prisma(), ctx.policy, Number(value));
    await client.views.open({ trigger_id: triggerId, view: updateModal(view, who.locale) });
    return null;
  });
  onClick(INCIDENT_ACTIONS.resolve, async (who, value, client, triggerId) => {
    const view = await incidentView(ctx.prisma(), ctx.policy, Number(value));
    const now = nowLocal();
    await client.views.open({ trigger_id: triggerId, view: resolveModal(view, who.locale, { today: now.toISODate()!, time: now.toFormat('HH:mm') }) });
    return null;
  });
  onClick(INCIDENT_ACTIONS.sickLeave, async (who, value) => {
    const done = await fileSickLeaveForSubject(deps(), leaveDeps(), { incidentId: Number(value), actorId: who.id });
    const params = { id: done.view.id, leave: done.leaveId, approver: done.view.sickLeave?.approver ?? '' };
    return done.approved ? t(who.locale, 'incidents.sick_leave.approved', params) : t(who.locale, 'incidents.sick_leave.filed', params);
  });
  onClick(INCIDENT_ACTIONS.excuse, async (who, value) => {
    const view = await excuseOutageWindow(deps(), { incidentId: Number(value), actorId: who.id });
    return t(who.locale, 'incidents.excuse.done', { id: view.id });
  });
  onClick(INCIDENT_ACTIONS.safe, async (who, value) => {
    const [incidentId, employeeId] = value.split(':');
    // The button names its person: anyone else clicking it is refused (a person answers only for themselves).
    if (employeeId !== who.id) throw new AppError('forbidden', 'incidents.error.not_on_roll_call', `${who.id} clicked the safe button of ${employeeId}`);
    await markSafe(deps(), { incidentId: Number(incidentId), actorId: who.id });
    return t(who.locale, 'incidents.safe.done');
  });

  app.view(INCIDENT_VIEWS.update, async ({ ack, body, view }) => {
    const who = await identify(body.user.id);
    const locale = who?.locale ?? DEFAULT_LOCALE;
    const v = (block: string) => (view.state.values as Values)[block]?.[INPUT];
    try {
      if (!who) throw new AppError('not_in_org', 'common.not_in_org', 'not in org');
      await updateIncident(deps(), {
        incidentId: Number(view.private_metadata),
        actorId: who.id,
        text: v(INCIDENT_BLOCKS.note)?.value ?? '',
        classification: v(INCIDENT_BLOCKS.classification)?.selected_option?.value ?? null,
      });
      return ack();
    } catch (error) {
      return ack({ response_action: 'errors', errors: { [INCIDENT_BLOCKS.note]: errorText(locale, error) } });
    }
  });

  app.view(INCIDENT_VIEWS.resolve, async ({ ack, body, view }) => {
    const who = await identify(body.user.id);
    const locale = who?.locale ?? DEFAULT_LOCALE;
    const v = (block: string) => (view.state.values as Values)[block]?.[INPUT];
    try {
      if (!who) throw new AppError('not_in_org', 'common.not_in_org', 'not in org');
      await resolveIncident(deps(), {
        incidentId: Number(view.private_metadata),
        actorId: who.id,
        recoveryAt: instant(v(INCIDENT_BLOCKS.recoveryDate)?.selected_date, v(INCIDENT_BLOCKS.recoveryTime)?.selected_time),
        classification: v(INCIDENT_BLOCKS.classification)?.selected_option?.value ?? null,
        text: v(INCIDENT_BLOCKS.note)?.value ?? '',
      });
      return ack();
    } catch (error) {
      const block = error instanceof AppError && error.messageKey === 'incidents.error.classification_required' ? INCIDENT_BLOCKS.classification : INCIDENT_BLOCKS.recoveryTime;
      return ack({ response_action: 'errors', errors: { [block]: errorText(locale, error) } });
    }
  });
}
