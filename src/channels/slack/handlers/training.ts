/**
 * Slack handlers of training: the check-in button (TRAIN-1), `/banzhang training
 * topic|attendance` (TRAIN-1), the weekly plan button, form and `/banzhang plan`
 * (TRAIN-2), the exam form `/banzhang exam` and `/banzhang record` (TRAIN-3).
 */
import type { WebClient } from '@slack/web-api';
import { recordExamScore } from '../../../features/training/exam-scores.ts';
import { planWeekOf, submitPlan } from '../../../features/training/training-plan.ts';
import { trainingRecord } from '../../../features/training/training-record.ts';
import { attendanceOf, checkIn, setTopic } from '../../../features/training/training-service.ts';
import { currentPlan, examFormChoices, isPlanOwner as isPlanOwnerOf, isTrainingOrganizer } from '../../../features/training/training-roles.ts';
import { AppError } from '../../../shared/errors.ts';
import { DEFAULT_LOCALE, t } from '../../../shared/i18n/index.ts';
import { attendanceText, examModal, examSavedView, planModal, recordText } from '../blocks/training-blocks.ts';
import { TRAINING_ACTIONS, TRAINING_BLOCKS, TRAINING_VIEWS, INPUT } from '../ids.ts';
import type { SlackContext, StateValues, Who } from './context.ts';
import { parseMetadata } from './metadata.ts';

const notInOrg = () => new AppError('not_in_org', 'common.not_in_org', 'not in org');

export function registerTrainingHandlers(ctx: SlackContext): void {
  const { app, identify, errorText, policy, clock } = ctx;

  // TRAIN-1: the check-in button of the reminder; every answer is ephemeral, in the clicker's locale.
  app.action(TRAINING_ACTIONS.checkIn, async ({ ack, body, action, client }) => {
    await ack();
    const who = await identify(body.user.id);
    const locale = who?.locale ?? DEFAULT_LOCALE;
    const channel = (body as { channel?: { id: string } }).channel?.id;
    let text: string;
    try {
      if (!who) throw notInOrg();
      const result = await checkIn(ctx.prisma(), policy, { sessionId: Number((action as { value?: string }).value), employeeId: who.id, at: clock.now(), source: 'slack' });
      const params = { date: result.date, time: result.checkedInAt.toFormat('HH:mm') };
      text = t(locale, result.outcome === 'checked-in' ? 'training.check_in.done' : 'training.check_in.already', params);
    } catch (error) {
      text = errorText(locale, error);
    }
    if (channel) await client.chat.postEphemeral({ channel, user: body.user.id, text });
  });

  // TRAIN-1: organizers set the topic and read the attendance.
  ctx.subcommands.set('training', async ({ ack, who, rest }) => {
    const [sub = '', ...words] = rest.trim().split(/\s+/);
    const argument = rest.trim().slice(sub.length).trim();
    try {
      if (sub.toLowerCase() === 'topic') {
        const r = await setTopic(ctx.prisma(), policy, { actorId: who.id, topic: argument, now: clock.now() });
        return await ack(
          r.replaced
            ? t(who.locale, 'training.topic.set_replacing', { date: r.date, time: r.time, topic: argument, replaced: r.replaced })
            : t(who.locale, 'training.topic.set', { date: r.date, time: r.time, topic: argument }),
        );
      }
      if (sub.toLowerCase() === 'attendance' && words.length <= 1) {
        const roll = await attendanceOf(ctx.prisma(), policy, { actorId: who.id, now: clock.now(), ...(words[0] ? { date: words[0] } : {}) });
        return await ack(attendanceText(who.locale, roll));
      }
      return await ack(t(who.locale, 'training.usage'));
    } catch (error) {
      return ack(errorText(who.locale, error));
    }
  });

  // TRAIN-2: the plan form, from the reminder's button or `/banzhang plan`.
  const openPlan = async (client: WebClient, triggerId: string, who: Who, weekStart: string) => {
    const current = await currentPlan(ctx.prisma(), who.id, weekStart);
    await client.views.open({ trigger_id: triggerId, view: planModal(who.locale, weekStart, current) });
  };
  const isPlanOwner = (who: Who) => isPlanOwnerOf(ctx.prisma(), policy, who.id);

  app.action(TRAINING_ACTIONS.openPlan, async ({ ack, body, action, client }) => {
    await ack();
    const who = await identify(body.user.id);
    const channel = (body as { channel?: { id: string } }).channel?.id;
    const value = (action as { value?: string }).value ?? '';
    if (!who || !(await isPlanOwner(who))) {
      const locale = who?.locale ?? DEFAULT_LOCALE;
      if (channel) await client.chat.postEphemeral({ channel, user: body.user.id, text: t(locale, who ? 'training.error.plan_owners_only' : 'common.not_in_org') });
      return;
    }
    await openPlan(client, (body as { trigger_id: string }).trigger_id, who, /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : planWeekOf(clock.now(), policy));
  });

  ctx.subcommands.set('plan', async ({ ack, who, command, client }) => {
    if (!(await isPlanOwner(who))) return ack(t(who.locale, 'training.error.plan_owners_only'));
    await ack();
    await openPlan(client, command.trigger_id, who, planWeekOf(clock.now(), policy));
  });

  app.view(TRAINING_VIEWS.plan, async ({ ack, body, view }) => {
    const who = await identify(body.user.id);
    const locale = who?.locale ?? DEFAULT_LOCALE;
    const content = (view.state.values as StateValues)[TRAINING_BLOCKS.planText]?.[INPUT]?.value ?? '';
    const meta = parseMetadata<{ weekStart?: string }>(view.private_metadata);
    try {
      if (!who) throw notInOrg();
      await submitPlan(ctx.prisma(), policy, { employeeId: who.id, content, now: clock.now(), ...(meta.weekStart ? { weekStart: meta.weekStart } : {}) });
      return await ack();
    } catch (error) {
      return ack({ response_action: 'errors', errors: { [TRAINING_BLOCKS.planText]: errorText(locale, error) } });
    }
  });

  // TRAIN-3: organizers record an exam score in a form.
  const isOrganizer = (who: Who) => isTrainingOrganizer(ctx.prisma(), policy, who.id);
  ctx.subcommands.set('exam', async ({ ack, who, command, client }) => {
    if (!(await isOrganizer(who))) return ack(t(who.locale, 'training.error.organizers_only'));
    await ack();
    const { employees, month } = await examFormChoices(ctx.prisma(), policy, clock.now());
    await client.views.open({ trigger_id: command.trigger_id, view: examModal(who.locale, employees, month) });
  });

  app.view(TRAINING_VIEWS.exam, async ({ ack, body, view }) => {
    const who = await identify(body.user.id);
    const locale = who?.locale ?? DEFAULT_LOCALE;
    const values = view.state.values as StateValues;
    const field = (block: string) => {
      const v = values[block]?.[INPUT];
      return v?.selected_option?.value ?? v?.value ?? '';
    };
    const month = field(TRAINING_BLOCKS.examMonth);
    try {
      if (!who) throw notInOrg();
      const r = await recordExamScore(ctx.prisma(), policy, {
        actorId: who.id,
        employeeId: field(TRAINING_BLOCKS.examEmployee),
        month,
        score: field(TRAINING_BLOCKS.examScore),
        source: 'slack',
      });
      return await ack({ response_action: 'update', view: examSavedView(locale, t(locale, 'training.exam.saved', { name: r.name, month: month.trim(), score: r.score })) });
    } catch (error) {
      const at = error instanceof AppError ? error.details.field : undefined;
      const block = at === 'month' ? TRAINING_BLOCKS.examMonth : at === 'score' ? TRAINING_BLOCKS.examScore : TRAINING_BLOCKS.examEmployee;
      return ack({ response_action: 'errors', errors: { [block]: errorText(locale, error) } });
    }
  });

  // TRAIN-3: the training record, mine or (for managers and organizers) someone else's.
  ctx.subcommands.set('record', async ({ ack, who, rest }) => {
    const id = rest.trim().split(/\s+/)[0] ?? '';
    try {
      const record = await trainingRecord(ctx.prisma(), policy, { viewerId: who.id, now: clock.now(), ...(id ? { employeeId: id } : {}) });
      return await ack(recordText(who.locale, record));
    } catch (error) {
      return ack(errorText(who.locale, error));
    }
  });
}
