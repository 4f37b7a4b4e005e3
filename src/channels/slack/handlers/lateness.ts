/** Slack handlers of lateness: LATE-5 explanations and LATE-7 excuses from the tally. */
import { excuseLateness } from '../../../features/lateness/excuse-service.ts';
import { decideExplanation, submitExplanation, type ExplanationDeps } from '../../../features/lateness/explanation-service.ts';
import { AppError } from '../../../shared/errors.ts';
import { DEFAULT_LOCALE } from '../../../shared/i18n/index.ts';
import { explanationModal, slackExplanationRenderer } from '../blocks/explanation-blocks.ts';
import { excuseModal } from '../blocks/tally-blocks.ts';
import { ACTIONS, INPUT, LEAVE_BLOCKS, VIEWS } from '../ids.ts';
import type { SlackContext, StateValues } from './context.ts';
import { parseMetadata } from './metadata.ts';

/** How LATE-5 explanations are asked and decided on Slack (also used by /clock). */
export function slackExplanationDeps(ctx: Pick<SlackContext, 'prisma' | 'policy' | 'clock'>): ExplanationDeps {
  return {
    prisma: ctx.prisma(),
    policy: ctx.policy,
    clock: ctx.clock,
    messenger: { platform: 'slack', render: slackExplanationRenderer, targetOf: (p) => p.slackId },
  };
}

export function registerLatenessHandlers(ctx: SlackContext): void {
  const { app, identify, errorText } = ctx;
  const explanationDeps = () => slackExplanationDeps(ctx);

  // LATE-5: the employee explains a lateness of 30 minutes or more; the approver decides once.
  app.action(ACTIONS.explain, async ({ ack, body, action, client }) => {
    await ack();
    const who = await identify(body.user.id);
    await client.views.open({
      trigger_id: (body as { trigger_id: string }).trigger_id,
      view: explanationModal(who?.locale ?? DEFAULT_LOCALE, Number((action as { value?: string }).value)),
    });
  });

  app.view(VIEWS.explanation, async ({ ack, body, view }) => {
    const who = await identify(body.user.id);
    const locale = who?.locale ?? DEFAULT_LOCALE;
    const text = (view.state.values as StateValues)[LEAVE_BLOCKS.explanationText]?.[INPUT]?.value ?? '';
    try {
      if (!who) throw new AppError('not_in_org', 'common.not_in_org', 'not in org');
      await submitExplanation(explanationDeps(), { id: Number(view.private_metadata), employeeId: who.id, text });
      return ack();
    } catch (error) {
      return ack({ response_action: 'errors', errors: { [LEAVE_BLOCKS.explanationText]: errorText(locale, error) } });
    }
  });

  for (const [actionId, decision] of [[ACTIONS.explanationAccept, 'accepted'], [ACTIONS.explanationReject, 'rejected']] as const) {
    app.action(actionId, async ({ ack, body, action, client }) => {
      await ack();
      const who = await identify(body.user.id);
      const locale = who?.locale ?? DEFAULT_LOCALE;
      try {
        if (!who) throw new AppError('not_in_org', 'common.not_in_org', 'not in org');
        await decideExplanation(explanationDeps(), { id: Number((action as { value?: string }).value), actorId: who.id, decision });
      } catch (error) {
        const channel = (body as { channel?: { id: string } }).channel?.id;
        if (channel) await client.chat.postEphemeral({ channel, user: body.user.id, text: errorText(locale, error) });
      }
    });
  }

  // LATE-7: a manager excuses a person's lateness of a day from the tally, with a reason.
  app.action(ACTIONS.excuse, async ({ ack, body, action, client }) => {
    await ack();
    const who = await identify(body.user.id);
    const locale = who?.locale ?? DEFAULT_LOCALE;
    const target = parseMetadata<{ employeeId?: string; date?: string }>((action as { value?: string }).value);
    const person = target.employeeId ? await ctx.prisma().employee.findUnique({ where: { id: target.employeeId } }) : null;
    if (!person || !target.date) return;
    await client.views.open({
      trigger_id: (body as { trigger_id: string }).trigger_id,
      view: excuseModal(locale, { employeeId: person.id, date: target.date, name: person.name }),
    });
  });

  app.view(VIEWS.excuse, async ({ ack, body, view }) => {
    const who = await identify(body.user.id);
    const locale = who?.locale ?? DEFAULT_LOCALE;
    const target = parseMetadata<{ employeeId: string; date: string }>(view.private_metadata);
    const reason = (view.state.values as StateValues)[LEAVE_BLOCKS.excuseReason]?.[INPUT]?.value ?? '';
    try {
      if (!who) throw new AppError('not_in_org', 'common.not_in_org', 'not in org');
      if (!target.employeeId || !target.date) return ack(); // not a modal banzhang opened: nothing to excuse
      await excuseLateness(ctx.prisma(), { actorId: who.id, reason, scope: { employeeId: target.employeeId, date: target.date }, at: ctx.clock.now() });
      return ack();
    } catch (error) {
      return ack({ response_action: 'errors', errors: { [LEAVE_BLOCKS.excuseReason]: errorText(locale, error) } });
    }
  });
}
