/** Slack handlers of the leave feature (LEAVE-1..8): /leave, the leave modal, Approve / Reject. */
import type { WebClient } from '@slack/web-api';
import { decideLeave, fileLeave, listLeave, LeaveValidationError, reportReturn, type LeaveDeps } from '../../../features/leave/leave-service.ts';
import { DAY_PARTS, LEAVE_TYPES, type DayPart, type LeaveRequestInput, type LeaveType } from '../../../policy/leave/types.ts';
import { AppError } from '../../../shared/errors.ts';
import { formatDates } from '../../../shared/format.ts';
import { DEFAULT_LOCALE, t, type MessageKey } from '../../../shared/i18n/index.ts';
import { leaveModal, rejectModal, slackLeaveRenderer } from '../blocks/leave-blocks.ts';
import { ACTIONS, COMMANDS, INPUT, LEAVE_BLOCKS, VIEWS } from '../ids.ts';
import type { SlackContext, StateValues } from './context.ts';
import { fieldErrorsAnswer } from './modal-errors.ts';
import { parseMetadata } from './metadata.ts';

/** Which modal block shows the error of each field of the leave request. */
const LEAVE_FIELD_BLOCK: Record<string, string> = {
  type: LEAVE_BLOCKS.type,
  startDate: LEAVE_BLOCKS.startDate,
  endDate: LEAVE_BLOCKS.endDate,
  part: LEAVE_BLOCKS.part,
  reason: LEAVE_BLOCKS.reason,
  proof: LEAVE_BLOCKS.proof,
  emergency: LEAVE_BLOCKS.emergency,
};

/** How leave reaches Slack: filed from Slack, cards rendered as Block Kit, people addressed by their Slack id. */
export function slackLeaveDeps(ctx: Pick<SlackContext, 'prisma' | 'policy' | 'clock'>): LeaveDeps {
  return {
    prisma: ctx.prisma(),
    policy: ctx.policy,
    clock: ctx.clock,
    source: 'slack',
    messenger: { platform: 'slack', render: slackLeaveRenderer, targetOf: (p) => p.slackId },
  };
}

export function registerLeaveHandlers(ctx: SlackContext): void {
  const { app, identify, errorText } = ctx;
  const leaveDeps = () => slackLeaveDeps(ctx);

  app.command(COMMANDS.leave, async ({ command, ack, client }) => {
    const who = await identify(command.user_id);
    if (!who) return ack(t(DEFAULT_LOCALE, 'common.not_in_org'));
    const [sub, ...extra] = command.text.trim().split(/\s+/).filter(Boolean);
    const usage = '/leave [sick|personal|rest|meeting|list|return]';
    if (extra.length > 0) return ack(t(who.locale, 'slack.bad_argument', { arg: extra.join(' '), usage }));
    if (sub === undefined || (LEAVE_TYPES as readonly string[]).includes(sub)) {
      await ack();
      const today = ctx.clock.now().setZone(ctx.policy.center.timeZone).toISODate()!;
      await client.views.open({
        trigger_id: command.trigger_id,
        view: leaveModal({ locale: who.locale, ...(sub ? { type: sub as LeaveType } : {}), proofGraceDays: ctx.policy.leave.sick.proofGraceDays, today }),
      });
      return;
    }
    if (sub === 'list') {
      const { mine, waiting } = await listLeave(ctx.prisma(), who.id);
      const line = (l: (typeof mine)[number]) =>
        t(who.locale, 'leave.list.line', {
          id: l.id,
          type: t(who.locale, `leave.type.${l.type}` as MessageKey),
          dates: formatDates(l.startDate.toISOString().slice(0, 10), l.endDate.toISOString().slice(0, 10)),
          status: t(who.locale, `leave.status.${l.status}` as MessageKey),
        });
      const parts = [mine.length ? [t(who.locale, 'leave.list.mine'), ...mine.map(line)].join('\n') : t(who.locale, 'leave.list.none')];
      if (waiting.length) parts.push([t(who.locale, 'leave.list.waiting'), ...waiting.map((l) => `${line(l)} — ${l.employee.name}`)].join('\n'));
      return ack(parts.join('\n\n'));
    }
    if (sub === 'return') {
      try {
        const done = await reportReturn(leaveDeps(), who.id);
        return ack(
          done.endsEarly
            ? t(who.locale, 'leave.returned_early', { id: done.request.id, count: done.unusedDays.length })
            : t(who.locale, 'leave.returned', { id: done.request.id }),
        );
      } catch (error) {
        return ack(errorText(who.locale, error));
      }
    }
    return ack(t(who.locale, 'slack.bad_argument', { arg: sub, usage }));
  });

  app.view(VIEWS.leaveRequest, async ({ ack, body, view }) => {
    const who = await identify(body.user.id);
    if (!who) return ack({ response_action: 'errors', errors: { [LEAVE_BLOCKS.type]: t(DEFAULT_LOCALE, 'common.not_in_org') } });
    const values = view.state.values as StateValues;
    const v = (block: string) => values[block]?.[INPUT];
    const type = v(LEAVE_BLOCKS.type)?.selected_option?.value ?? '';
    const startDate = v(LEAVE_BLOCKS.startDate)?.selected_date ?? '';
    const part = v(LEAVE_BLOCKS.part)?.selected_option?.value ?? 'full';
    const files = v(LEAVE_BLOCKS.proof)?.files ?? [];
    const input: LeaveRequestInput = {
      employeeId: who.id,
      type: ((LEAVE_TYPES as readonly string[]).includes(type) ? type : 'personal') as LeaveType,
      startDate,
      endDate: v(LEAVE_BLOCKS.endDate)?.selected_date || startDate,
      part: ((DAY_PARTS as readonly string[]).includes(part) ? part : 'full') as DayPart,
      reason: v(LEAVE_BLOCKS.reason)?.value?.trim() ?? '',
      emergency: (v(LEAVE_BLOCKS.emergency)?.selected_options ?? []).some((o) => o.value === 'yes'),
      proof: files.length > 0 ? 'attached' : type === 'sick' ? 'follows' : 'none',
    };
    try {
      await fileLeave(leaveDeps(), input, files[0] ? { proofFileId: files[0].id } : {});
      await ack();
    } catch (error) {
      if (error instanceof LeaveValidationError) return ack(fieldErrorsAnswer(who.locale, error.fieldErrors, LEAVE_FIELD_BLOCK, LEAVE_BLOCKS.type));
      return ack({ response_action: 'errors', errors: { [LEAVE_BLOCKS.type]: errorText(who.locale, error) } });
    }
  });

  const decide = async (clicker: string, channel: string | undefined, client: WebClient, requestId: number, decision: 'approved' | 'rejected', note: string | null) => {
    const who = await identify(clicker);
    const locale = who?.locale ?? DEFAULT_LOCALE;
    try {
      if (!who) throw new AppError('not_in_org', 'common.not_in_org', 'not in org');
      await decideLeave(leaveDeps(), { requestId, actorId: who.id, decision, note });
      return null;
    } catch (error) {
      const text = errorText(locale, error);
      if (channel) await client.chat.postEphemeral({ channel, user: clicker, text });
      return text;
    }
  };

  app.action(ACTIONS.leaveApprove, async ({ ack, body, action, client }) => {
    await ack();
    const requestId = Number((action as { value?: string }).value);
    const channel = (body as { channel?: { id: string } }).channel?.id;
    await decide(body.user.id, channel, client, requestId, 'approved', null);
  });

  app.action(ACTIONS.leaveReject, async ({ ack, body, action, client }) => {
    await ack();
    const who = await identify(body.user.id);
    const requestId = Number((action as { value?: string }).value);
    await client.views.open({
      trigger_id: (body as { trigger_id: string }).trigger_id,
      view: { ...rejectModal({ locale: who?.locale ?? DEFAULT_LOCALE, requestId }), private_metadata: JSON.stringify({ requestId, channel: (body as { channel?: { id: string } }).channel?.id ?? null }) },
    });
  });

  app.view(VIEWS.leaveReject, async ({ ack, body, view, client }) => {
    const meta = parseMetadata<{ requestId?: number; channel?: string | null }>(view.private_metadata);
    const note = (view.state.values as StateValues)[LEAVE_BLOCKS.rejectReason]?.[INPUT]?.value?.trim() ?? '';
    const problem = await decide(body.user.id, undefined, client, Number(meta.requestId), 'rejected', note || null);
    if (problem) return ack({ response_action: 'errors', errors: { [LEAVE_BLOCKS.rejectReason]: problem } });
    return ack();
  });
}
