/** Teams handler of the weekly study reminder's Check in (TRAIN-1): the same use case and once-only guarantee as on Slack; the answer shows to the clicker only. */
import { checkIn } from '../../../features/training/training-service.ts';
import { t } from '../../../shared/i18n/index.ts';
import { VERBS } from '../ids.ts';
import type { TeamsContext } from './context.ts';

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
}
