/**
 * Teams handlers of incidents (INC-1..4): `incident [type]` answers the report
 * form; its Submit files the report (the team leader's card and the incidents
 * channel's post, kept and updated in place); the card's Acknowledge, Update,
 * Resolve (their forms replace the card for the clicker), I'm safe (only the
 * person named), Sick leave and Excuse. The same use cases as on Slack
 * (src/features/incidents/incident-service.ts) with a Teams messenger.
 */
import type { TurnContext } from 'botbuilder';
import { DateTime } from 'luxon';
import { z } from 'zod';
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
import type { CardAudience, IncidentView } from '../../../features/incidents/incident-view.ts';
import { orgRepository } from '../../../features/org/org-repository.ts';
import { INCIDENT_TYPES, isIncidentType, type IncidentType } from '../../../policy/incidents/index.ts';
import { AppError } from '../../../shared/errors.ts';
import { t, type MessageKey } from '../../../shared/i18n/index.ts';
import { slackIncidentRenderer } from '../../slack/blocks/incident-blocks.ts';
import type { AdaptiveCard } from '../cards/adaptive.ts';
import { incidentCard, incidentFiledCard, incidentFormCard, incidentResolveCard, incidentUpdateCard, teamsIncidentRenderer, type IncidentFormValues } from '../cards/incident-cards.ts';
import { INCIDENT_INPUTS, TEAMS_COMMANDS, VERBS } from '../ids.ts';
import { replyCard, replyText, type InvokeAnswer, type TeamsContext, type Who } from './context.ts';
import { teamsLeaveDeps } from './leave.ts';

const USAGE = `incident [${INCIDENT_TYPES.join('|')}]`;

/** How incidents reach Teams: Adaptive Cards, people by AAD object id; the cards kept on Slack are updated with Slack's renderer. */
export function teamsIncidentDeps(ctx: Pick<TeamsContext, 'prisma' | 'policy' | 'clock'>): IncidentDeps {
  return {
    prisma: ctx.prisma(),
    policy: ctx.policy,
    clock: ctx.clock,
    messenger: { platform: 'teams', render: teamsIncidentRenderer, targetOf: (p) => p.teamsId },
    also: [{ platform: 'slack', render: slackIncidentRenderer, targetOf: () => null }],
  };
}

const str = z.string().optional();
const formData = z.object(Object.fromEntries(Object.values(INCIDENT_INPUTS).map((id) => [id, str])) as Record<(typeof INCIDENT_INPUTS)[keyof typeof INCIDENT_INPUTS], typeof str>);

const incidentIdOf = (data: Record<string, unknown>): number | null => {
  const id = Number(data.incidentId);
  return Number.isInteger(id) && id > 0 ? id : null;
};

/** The card seen where it was clicked: the channel's post (with the roll call buttons) or a person's card. */
const audienceOf = (turn: TurnContext): CardAudience => (turn.activity.conversation?.conversationType === 'channel' ? 'channel' : 'leader');

export function registerIncidentHandlers(ctx: TeamsContext): void {
  const deps = () => teamsIncidentDeps(ctx);
  const zone = ctx.policy.center.timeZone;
  const nowLocal = () => ctx.clock.now().setZone(zone);
  const now = () => ({ today: nowLocal().toISODate()!, time: nowLocal().toFormat('HH:mm') });
  /** A date and a time of a form, read in the center's zone (null when either is missing or malformed). */
  const instant = (date: string | undefined, time: string | undefined) => {
    if (!date?.trim() || !time?.trim()) return null;
    const at = DateTime.fromISO(`${date.trim()}T${time.trim()}`, { zone });
    return at.isValid ? at : null;
  };
  const people = async () =>
    (await orgRepository(ctx.prisma()).employees())
      .filter((e) => e.active)
      .map((e) => ({ id: e.id, name: e.name }))
      .sort((a, b) => a.name.localeCompare(b.name));
  const form = async (who: Who, extra: { type?: IncidentType; values?: IncidentFormValues; errors?: string[] } = {}) =>
    incidentFormCard({ locale: who.locale, ...now(), people: await people(), ...extra });
  const errorText = (who: Who, error: unknown) => ctx.errorText(who.locale, error);

  ctx.commands.set(TEAMS_COMMANDS.incident, async ({ turn, who, args }) => {
    const words = args.map((a) => a.toLowerCase());
    if (words.length > 1 || (words[0] !== undefined && !isIncidentType(words[0]))) return replyText(turn, t(who.locale, 'incidents.usage', { usage: USAGE }));
    return replyCard(turn, await form(who, words[0] ? { type: words[0] as IncidentType } : {}), t(who.locale, 'incidents.modal.title'));
  });

  // INC-1, INC-2: the report is filed, or the form comes back with every problem.
  ctx.verbs.set(VERBS.incidentSubmit, async ({ who, data }): Promise<InvokeAnswer> => {
    const v = formData.parse(data);
    const values: IncidentFormValues = {
      type: v[INCIDENT_INPUTS.type] ?? '',
      occurredDate: v[INCIDENT_INPUTS.occurredDate] ?? '',
      occurredTime: v[INCIDENT_INPUTS.occurredTime] ?? '',
      description: v[INCIDENT_INPUTS.description] ?? '',
      actions: v[INCIDENT_INPUTS.actions] ?? '',
      subject: v[INCIDENT_INPUTS.subject] ?? '',
      recoveryDate: v[INCIDENT_INPUTS.recoveryDate] ?? '',
      recoveryTime: v[INCIDENT_INPUTS.recoveryTime] ?? '',
    };
    try {
      const view = await fileIncident(deps(), {
        recorderId: who.id,
        type: values.type!,
        occurredAt: instant(values.occurredDate, values.occurredTime),
        description: values.description!,
        actionsTaken: values.actions!,
        recoveryAt: instant(values.recoveryDate, values.recoveryTime),
        subjectId: values.subject || null,
        channel: 'teams',
      });
      return { card: incidentFiledCard(view, who.locale) };
    } catch (error) {
      if (error instanceof IncidentValidationError) {
        return { card: await form(who, { values, errors: error.fieldErrors.map((e) => t(who.locale, e.messageKey as MessageKey)) }) };
      }
      return { message: errorText(who, error) };
    }
  });

  /** A step of the card: its answer replaces the clicked card (a form, or the card as it now stands), or says why not. */
  const step = (verb: string, work: (args: { turn: TurnContext; who: Who; id: number; data: Record<string, unknown> }) => Promise<AdaptiveCard | string>) =>
    ctx.verbs.set(verb, async ({ turn, who, data }): Promise<InvokeAnswer> => {
      const id = incidentIdOf(data);
      if (id === null) return { message: t(who.locale, 'teams.card_outdated') };
      try {
        const answer = await work({ turn, who, id, data });
        return typeof answer === 'string' ? { message: answer } : { card: answer };
      } catch (error) {
        return { message: errorText(who, error) };
      }
    });
  const cardFor = (turn: TurnContext, who: Who, view: IncidentView) => incidentCard(view, who.locale, audienceOf(turn)).card;
  const current = (id: number) => incidentView(ctx.prisma(), ctx.policy, id);

  step(VERBS.incidentCard, async ({ turn, who, id }) => cardFor(turn, who, await current(id)));
  step(VERBS.incidentAcknowledge, async ({ turn, who, id }) => cardFor(turn, who, await acknowledgeIncident(deps(), { incidentId: id, actorId: who.id })));
  step(VERBS.incidentUpdateForm, async ({ who, id }) => incidentUpdateCard(await current(id), who.locale));
  step(VERBS.incidentResolveForm, async ({ who, id }) => incidentResolveCard(await current(id), who.locale, now()));

  // INC-3: a note and, for an outage, its classification; a refusal shows on the form.
  step(VERBS.incidentUpdate, async ({ turn, who, id, data }) => {
    const v = formData.parse(data);
    try {
      return cardFor(turn, who, await updateIncident(deps(), { incidentId: id, actorId: who.id, text: v[INCIDENT_INPUTS.note] ?? '', classification: v[INCIDENT_INPUTS.classification] || null }));
    } catch (error) {
      if (error instanceof AppError && error.code === 'bad_input') return incidentUpdateCard(await current(id), who.locale, errorText(who, error));
      throw error;
    }
  });

  // INC-3: resolved with the recovery time; an outage needs its classification.
  step(VERBS.incidentResolve, async ({ turn, who, id, data }) => {
    const v = formData.parse(data);
    try {
      const view = await resolveIncident(deps(), {
        incidentId: id,
        actorId: who.id,
        recoveryAt: instant(v[INCIDENT_INPUTS.recoveryDate], v[INCIDENT_INPUTS.recoveryTime]),
        classification: v[INCIDENT_INPUTS.classification] || null,
        text: v[INCIDENT_INPUTS.note] ?? '',
      });
      return cardFor(turn, who, view);
    } catch (error) {
      if (error instanceof AppError && error.code === 'bad_input') return incidentResolveCard(await current(id), who.locale, now(), errorText(who, error));
      throw error;
    }
  });

  // Fire: the button names its person; anyone else clicking it is refused (a person answers only for themselves).
  step(VERBS.incidentSafe, async ({ turn, who, id, data }) => {
    if (data.employeeId !== who.id) throw new AppError('forbidden', 'incidents.error.not_on_roll_call', `${who.id} clicked the safe button of ${String(data.employeeId)}`);
    const view = await markSafe(deps(), { incidentId: id, actorId: who.id });
    return audienceOf(turn) === 'channel' ? cardFor(turn, who, view) : t(who.locale, 'incidents.safe.done');
  });

  // Illness: the one-click sick leave for the person taken ill (LEAVE-3/4/5 through the leave use case).
  step(VERBS.incidentSickLeave, async ({ who, id }) => {
    const done = await fileSickLeaveForSubject(deps(), teamsLeaveDeps(ctx), { incidentId: id, actorId: who.id });
    const params = { id: done.view.id, leave: done.leaveId, approver: done.view.sickLeave?.approver ?? '' };
    return t(who.locale, done.approved ? 'incidents.sick_leave.approved' : 'incidents.sick_leave.filed', params);
  });

  // Outage, resolved: the LATE-7 excuse of its window.
  step(VERBS.incidentExcuse, async ({ who, id }) => {
    const view = await excuseOutageWindow(deps(), { incidentId: id, actorId: who.id });
    return t(who.locale, 'incidents.excuse.done', { id: view.id });
  });
}
