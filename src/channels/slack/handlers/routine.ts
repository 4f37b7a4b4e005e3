/**
 * Slack handlers of the team leader's daily routine (issue 11): `/banzhang
 * brief <note>` (MEET-1 notes), the brief's Check in button, the post-shift
 * report's button and modal (Send), `/banzhang handover` and its modal, the
 * incoming handler's Acknowledge. Answers are ephemeral, in the user's locale.
 */
import type { WebClient } from '@slack/web-api';
import { acknowledgeHandover, addBriefNote, briefCheckIn, fileHandover, reportToSend, sendReport, type RoutineRenderers } from '../../../features/routine/index.ts';
import { AppError } from '../../../shared/errors.ts';
import { DEFAULT_LOCALE, t, type Locale } from '../../../shared/i18n/index.ts';
import { teamsRoutineRenderer } from '../../teams/cards/routine-cards.ts';
import { doneView, handoverModal, reportModal, slackRoutineRenderer } from '../blocks/routine-blocks.ts';
import { INPUT, ROUTINE_ACTIONS, ROUTINE_BLOCKS, ROUTINE_VIEWS } from '../ids.ts';
import type { SlackContext, StateValues, Who } from './context.ts';
import { parseMetadata } from './metadata.ts';

const notInOrg = () => new AppError('not_in_org', 'common.not_in_org', 'not in org');

/** The routine's renderers on both platforms (a message to someone on Teams reads as a text card). */
export const ROUTINE_RENDERERS: RoutineRenderers = { slack: slackRoutineRenderer, teams: teamsRoutineRenderer };

/** "teamId|date" of a brief or report button. */
function teamAndDate(value: string | undefined): { teamId: string; date: string } {
  const [teamId = '', date = ''] = (value ?? '').split('|');
  return { teamId, date };
}

export function registerRoutineHandlers(ctx: SlackContext): void {
  const { app, identify, errorText, policy, clock } = ctx;

  const ephemeral = async (client: WebClient, body: unknown, text: string) => {
    const channel = (body as { channel?: { id: string } }).channel?.id;
    const user = (body as { user: { id: string } }).user.id;
    if (channel) await client.chat.postEphemeral({ channel, user, text });
  };

  // MEET-1: a team leader's note for the next brief.
  ctx.subcommands.set('brief', async ({ ack, who, rest }) => {
    if (!rest.trim()) return ack(t(who.locale, 'routine.brief.usage'));
    try {
      const r = await addBriefNote(ctx.prisma(), policy, { actorId: who.id, text: rest, now: clock.now() });
      return await ack(t(who.locale, 'routine.brief.note_saved', { date: r.date, count: r.count }));
    } catch (error) {
      return ack(errorText(who.locale, error));
    }
  });

  /** A button whose answer is one ephemeral line in the clicker's locale (the work's text, or why it was refused). */
  const answerButton = (actionId: string, work: (who: Who, value: string) => Promise<string>) =>
    app.action(actionId, async ({ ack, body, action, client }) => {
      await ack();
      const who = await identify(body.user.id);
      let text: string;
      try {
        if (!who) throw notInOrg();
        text = await work(who, (action as { value?: string }).value ?? '');
      } catch (error) {
        text = errorText(who?.locale ?? DEFAULT_LOCALE, error);
      }
      await ephemeral(client, body, text);
    });

  // MEET-1: check in to the pre-shift meeting from the brief.
  answerButton(ROUTINE_ACTIONS.briefCheckIn, async (who, value) => {
    const key = teamAndDate(value);
    const r = await briefCheckIn(ctx.prisma(), policy, { ...key, employeeId: who.id, at: clock.now(), source: 'slack' });
    return r.outcome === 'checked-in' ? t(who.locale, 'routine.check_in.done', { date: key.date, time: r.time }) : t(who.locale, 'routine.check_in.already', { time: r.time });
  });

  // Post-shift report: the leader's button opens the modal (others are told why not).
  app.action(ROUTINE_ACTIONS.reportOpen, async ({ ack, body, action, client }) => {
    await ack();
    const who = await identify(body.user.id);
    const locale = who?.locale ?? DEFAULT_LOCALE;
    const key = teamAndDate((action as { value?: string }).value);
    try {
      if (!who) throw notInOrg();
      const r = await reportToSend(ctx.prisma(), policy, { ...key, actorId: who.id });
      const channel = (body as { channel?: { id: string } }).channel?.id ?? null;
      await client.views.open({ trigger_id: (body as { trigger_id: string }).trigger_id, view: reportModal(locale, { ...key, ...r, channel }) });
    } catch (error) {
      await ephemeral(client, body, errorText(locale, error));
    }
  });

  app.view(ROUTINE_VIEWS.report, async ({ ack, body, view }) => {
    const who = await identify(body.user.id);
    const locale: Locale = who?.locale ?? DEFAULT_LOCALE;
    const values = view.state.values as StateValues;
    const meta = parseMetadata<{ teamId: string; date: string }>(view.private_metadata);
    try {
      if (!who) throw notInOrg();
      const r = await sendReport(
        ctx.prisma(),
        policy,
        {
          teamId: String(meta.teamId ?? ''),
          date: String(meta.date ?? ''),
          actorId: who.id,
          problems: values[ROUTINE_BLOCKS.problems]?.[INPUT]?.value ?? null,
          measures: values[ROUTINE_BLOCKS.measures]?.[INPUT]?.value ?? null,
          now: clock.now(),
        },
        ROUTINE_RENDERERS,
      );
      const people = await ctx.prisma().employee.findMany({ where: { id: { in: r.to } }, select: { id: true, name: true } });
      const names = r.to.map((id) => ({ name: people.find((p) => p.id === id)?.name ?? id }));
      const team = await ctx.prisma().team.findUnique({ where: { id: String(meta.teamId) } });
      const text = t(locale, 'routine.report.modal.sent', { team: team?.name ?? '', date: String(meta.date), to: names.map((n) => n.name).join(t(locale, 'routine.list_sep')) });
      return await ack({ response_action: 'update', view: doneView(locale, 'routine.report.modal.title', text) });
    } catch (error) {
      const field = error instanceof AppError ? error.details.field : undefined;
      return ack({ response_action: 'errors', errors: { [field === 'measures' ? ROUTINE_BLOCKS.measures : ROUTINE_BLOCKS.problems]: errorText(locale, error) } });
    }
  });

  // Shift handover: the outgoing complaint handler's form.
  ctx.subcommands.set('handover', async ({ ack, who, command, client }) => {
    const me = await ctx.prisma().employee.findUnique({ where: { id: who.id } });
    if (me?.role !== 'complaint_handler') return ack(t(who.locale, 'routine.handover.handlers_only'));
    await ack();
    await client.views.open({ trigger_id: command.trigger_id, view: handoverModal(who.locale) });
  });

  app.view(ROUTINE_VIEWS.handover, async ({ ack, body, view }) => {
    const who = await identify(body.user.id);
    const locale: Locale = who?.locale ?? DEFAULT_LOCALE;
    const v = (block: string) => (view.state.values as StateValues)[block]?.[INPUT]?.value ?? null;
    try {
      if (!who) throw notInOrg();
      const r = await fileHandover(
        ctx.prisma(),
        policy,
        { actorId: who.id, ticketsReceived: v(ROUTINE_BLOCKS.received), ticketsHandled: v(ROUTINE_BLOCKS.handled), openTickets: v(ROUTINE_BLOCKS.open), notes: v(ROUTINE_BLOCKS.notes), now: clock.now(), channel: 'slack' },
        ROUTINE_RENDERERS,
      );
      const text = r.incoming ? t(locale, 'routine.handover.filed', { name: r.incoming.name, start: r.incoming.startsAt }) : t(locale, 'routine.handover.filed_no_incoming');
      return await ack({ response_action: 'update', view: doneView(locale, 'routine.handover.modal.title', text) });
    } catch (error) {
      const field = error instanceof AppError ? error.details.field : undefined;
      const block = field === 'ticketsHandled' ? ROUTINE_BLOCKS.handled : field === 'notes' ? ROUTINE_BLOCKS.notes : field === 'openTickets' ? ROUTINE_BLOCKS.open : ROUTINE_BLOCKS.received;
      return ack({ response_action: 'errors', errors: { [block]: errorText(locale, error) } });
    }
  });

  // The incoming handler acknowledges.
  answerButton(ROUTINE_ACTIONS.handoverAcknowledge, async (who, value) => {
    const r = await acknowledgeHandover(ctx.prisma(), policy, { id: Number(value), actorId: who.id, now: clock.now() });
    return t(who.locale, r.outcome === 'acknowledged' ? 'routine.handover.acknowledged' : 'routine.handover.already', { time: r.time, from: r.from });
  });
}
