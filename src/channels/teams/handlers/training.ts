/**
 * Teams handlers of training (TRAIN-1): the weekly study reminder's Check in
 * (the same use case and once-only guarantee as on Slack; the answer shows to
 * the clicker only) and `training topic TEXT | attendance [YYYY-MM-DD]` for
 * organizers, with the same use cases and answers as Slack's `/banzhang training`
 * (the attendance sheet, typed in a channel, goes to the personal chat).
 */
import { attendanceOf, checkIn, setTopic } from '../../../features/training/training-service.ts';
import { t } from '../../../shared/i18n/index.ts';
import { attendanceText } from '../../slack/blocks/training-blocks.ts';
import { TEAMS_COMMANDS, VERBS } from '../ids.ts';
import { replyText, type TeamsContext } from './context.ts';
import { answerPrivately } from './private.ts';

export function registerTrainingHandlers(ctx: TeamsContext): void {
  ctx.verbs.set(VERBS.trainingCheckIn, async ({ who, data }) => {
    const sessionId = Number(data.sessionId);
    if (!Number.isInteger(sessionId)) return { message: t(who.locale, 'teams.card_outdated') };
    try {
      const result = await checkIn(ctx.prisma(), ctx.policy, { sessionId, employeeId: who.id, at: ctx.clock.now(), source: 'teams' });
      const params = { date: result.date, time: result.checkedInAt.toFormat('HH:mm') };
      return { message: t(who.locale, result.outcome === 'checked-in' ? 'training.check_in.done' : 'training.check_in.already', params) };
    } catch (error) {
      return { message: ctx.errorText(who.locale, error) };
    }
  });

  // TRAIN-1: organizers set the topic and read the attendance (the topic is the rest of the words as typed).
  ctx.commands.set(TEAMS_COMMANDS.training, async ({ turn, who, args }) => {
    const [sub = '', ...words] = args;
    const argument = words.join(' ');
    try {
      if (sub.toLowerCase() === 'topic') {
        const r = await setTopic(ctx.prisma(), ctx.policy, { actorId: who.id, topic: argument, now: ctx.clock.now() });
        return await replyText(
          turn,
          r.replaced
            ? t(who.locale, 'training.topic.set_replacing', { date: r.date, time: r.time, topic: argument, replaced: r.replaced })
            : t(who.locale, 'training.topic.set', { date: r.date, time: r.time, topic: argument }),
        );
      }
      if (sub.toLowerCase() === 'attendance' && words.length <= 1) {
        const roll = await attendanceOf(ctx.prisma(), ctx.policy, { actorId: who.id, now: ctx.clock.now(), ...(words[0] ? { date: words[0] } : {}) });
        return await answerPrivately(ctx, turn, who, { text: attendanceText(who.locale, roll) }, 'attendance');
      }
      return await replyText(turn, t(who.locale, 'training.usage'));
    } catch (error) {
      return replyText(turn, ctx.errorText(who.locale, error));
    }
  });
}
