/**
 * Teams handlers of the routine (issue 11): Check in on the pre-shift brief
 * (MEET-1) and Acknowledge on a shift handover, with the same use cases and
 * once-only guarantees as on Slack; the answer shows to the clicker only.
 */
import { acknowledgeHandover, addBriefNote, briefCheckIn } from '../../../features/routine/index.ts';
import { t } from '../../../shared/i18n/index.ts';
import { TEAMS_COMMANDS, VERBS } from '../ids.ts';
import { replyText, type TeamsContext } from './context.ts';

export function registerRoutineHandlers(ctx: TeamsContext): void {
  // MEET-1: `brief <note>`, a team leader's note for the next brief (the same use case as Slack's `/banzhang brief`).
  ctx.commands.set(TEAMS_COMMANDS.brief, async ({ turn, who, args }) => {
    const text = args.join(' ').trim();
    if (!text) return void (await replyText(turn, t(who.locale, 'routine.brief.usage')));
    try {
      const r = await addBriefNote(ctx.prisma(), ctx.policy, { actorId: who.id, text, now: ctx.clock.now() });
      await replyText(turn, t(who.locale, 'routine.brief.note_saved', { date: r.date, count: r.count }));
    } catch (error) {
      await replyText(turn, ctx.errorText(who.locale, error));
    }
  });

  ctx.verbs.set(VERBS.briefCheckIn, async ({ who, data }) => {
    const teamId = typeof data.teamId === 'string' ? data.teamId : '';
    const date = typeof data.date === 'string' ? data.date : '';
    if (!teamId || !/^\d{4}-\d{2}-\d{2}$/.test(date)) return { message: t(who.locale, 'teams.card_outdated') };
    try {
      const r = await briefCheckIn(ctx.prisma(), ctx.policy, { teamId, date, employeeId: who.id, at: ctx.clock.now(), source: 'teams' });
      return { message: r.outcome === 'checked-in' ? t(who.locale, 'routine.check_in.done', { date, time: r.time }) : t(who.locale, 'routine.check_in.already', { time: r.time }) };
    } catch (error) {
      return { message: ctx.errorText(who.locale, error) };
    }
  });

  ctx.verbs.set(VERBS.handoverAcknowledge, async ({ who, data }) => {
    const id = Number(data.handoverId);
    if (!Number.isInteger(id)) return { message: t(who.locale, 'teams.card_outdated') };
    try {
      const r = await acknowledgeHandover(ctx.prisma(), ctx.policy, { id, actorId: who.id, now: ctx.clock.now() });
      return { message: t(who.locale, r.outcome === 'acknowledged' ? 'routine.handover.acknowledged' : 'routine.handover.already', { time: r.time, from: r.from }) };
    } catch (error) {
      return { message: ctx.errorText(who.locale, error) };
    }
  });
}
