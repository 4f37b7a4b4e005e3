/**
 * The Slack channel: @slack/bolt in HTTP mode, mounted on banzhang's own HTTP
 * server at POST /slack/events. Bolt verifies the v0 signature (and refuses a
 * timestamp older than 5 minutes); handlers ack first, identify the employee by
 * Slack user id, call a use case and render its view-model with pure builders.
 */
import { App, HTTPReceiver, LogLevel, type Logger as BoltLogger } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { clockStatus, recordClock } from '../../features/clock/clock-service.ts';
import { excuseLateness } from '../../features/lateness/excuse-service.ts';
import { decideExplanation, submitExplanation, type ExplanationDeps } from '../../features/lateness/explanation-service.ts';
import { orgRepository } from '../../features/org/org-repository.ts';
import { decideLeave, fileLeave, listLeave, LeaveValidationError, reportReturn, type LeaveDeps } from '../../features/leave/leave-service.ts';
import type { Policy } from '../../policy/config/schema.ts';
import { DAY_PARTS, LEAVE_TYPES, type DayPart, type LeaveRequestInput, type LeaveType } from '../../policy/leave/types.ts';
import type { HttpServer } from '../../server/http-server.ts';
import type { Metrics } from '../../server/metrics.ts';
import type { Clock } from '../../shared/clock.ts';
import type { PrismaClient } from '../../shared/db/types.ts';
import { AppError } from '../../shared/errors.ts';
import { formatDates } from '../../shared/format.ts';
import { DEFAULT_LOCALE, isLocale, t, type Locale, type MessageKey } from '../../shared/i18n/index.ts';
import type { Logger } from '../../shared/logger.ts';
import { explanationModal, slackExplanationRenderer } from './blocks/explanation-blocks.ts';
import { excuseModal } from './blocks/tally-blocks.ts';
import { leaveModal, rejectModal, slackLeaveRenderer } from './blocks/leave-blocks.ts';
import { ACTIONS, COMMANDS, INPUT, LEAVE_BLOCKS, VIEWS } from './ids.ts';

export interface SlackChannelDeps {
  signingSecret: string;
  botToken: string;
  apiUrl?: string | undefined;
  http: HttpServer;
  prisma: () => PrismaClient;
  policy: Policy;
  clock: Clock;
  logger: Logger;
  metrics: Metrics;
}

/** Bolt's logger interface over pino; nothing Bolt logs at info carries message bodies. */
function boltLogger(logger: Logger): BoltLogger {
  const child = logger.child({ component: 'slack' });
  return {
    debug: (...msg) => child.debug(msg.map(String).join(' ')),
    info: (...msg) => child.info(msg.map(String).join(' ')),
    warn: (...msg) => child.warn(msg.map(String).join(' ')),
    error: (...msg) => child.error(msg.map(String).join(' ')),
    setLevel: () => undefined,
    getLevel: () => LogLevel.INFO,
    setName: () => undefined,
  };
}

/** Slack's state values of one input block (the element inside has action id INPUT). */
type StateValues = Record<string, Record<string, {
  value?: string | null;
  selected_date?: string | null;
  selected_option?: { value: string } | null;
  selected_options?: Array<{ value: string }>;
  files?: Array<{ id: string }>;
}>>;

const LEAVE_FIELD_BLOCK: Record<string, string> = {
  type: LEAVE_BLOCKS.type,
  startDate: LEAVE_BLOCKS.startDate,
  endDate: LEAVE_BLOCKS.endDate,
  part: LEAVE_BLOCKS.part,
  reason: LEAVE_BLOCKS.reason,
  proof: LEAVE_BLOCKS.proof,
  emergency: LEAVE_BLOCKS.emergency,
};

export function createSlackChannel(deps: SlackChannelDeps): { app: App } {
  const logger = boltLogger(deps.logger);
  const receiver = new HTTPReceiver({
    signingSecret: deps.signingSecret,
    endpoints: '/slack/events',
    logger,
    // Ack first: listeners call ack() themselves before slow work.
    processBeforeResponse: false,
  });
  const app = new App({
    token: deps.botToken,
    receiver,
    logger,
    // No auth.test at start: banzhang comes up without reaching Slack.
    tokenVerificationEnabled: false,
    clientOptions: { ...(deps.apiUrl ? { slackApiUrl: deps.apiUrl } : {}), retryConfig: { retries: 2 } },
  });
  deps.http.route('POST', '/slack/events', (req, res) => receiver.requestListener(req, res));

  const leaveDeps = (): LeaveDeps => ({
    prisma: deps.prisma(),
    policy: deps.policy,
    clock: deps.clock,
    source: 'slack',
    messenger: { platform: 'slack', render: slackLeaveRenderer, targetOf: (p) => p.slackId },
  });

  const explanationDeps = (): ExplanationDeps => ({
    prisma: deps.prisma(),
    policy: deps.policy,
    clock: deps.clock,
    messenger: { platform: 'slack', render: slackExplanationRenderer, targetOf: (p) => p.slackId },
  });

  async function identify(slackUserId: string) {
    const employee = await orgRepository(deps.prisma()).employeeByChatIdentity('slack', slackUserId);
    return employee && employee.active ? { ...employee, locale: (isLocale(employee.locale) ? employee.locale : DEFAULT_LOCALE) as Locale } : null;
  }

  function errorText(locale: Locale, error: unknown): string {
    if (error instanceof AppError) {
      const params = Object.fromEntries(Object.entries(error.details).map(([k, v]) => [k, String(v)]));
      if (error.messageKey === 'leave.already_decided' && typeof error.details.status === 'string') {
        params.status = t(locale, `leave.status.${error.details.status}` as MessageKey);
      }
      return t(locale, error.messageKey as MessageKey, params);
    }
    deps.logger.error({ err: error }, 'slack handler failed');
    return t(locale, 'common.internal_error');
  }

  // Idempotency: a Slack retry (X-Slack-Retry-Num) or a repeated delivery of the
  // same interaction is acknowledged and dropped here (processed_delivery table).
  app.use(async (args) => {
    const body = args.body as Record<string, unknown>;
    const trigger = typeof body.trigger_id === 'string' ? body.trigger_id : undefined;
    const actionId = Array.isArray(body.actions) ? String((body.actions[0] as { action_id?: string })?.action_id ?? '') : '';
    const key = typeof body.event_id === 'string' ? `slack:event:${body.event_id}` : trigger ? `slack:${String(body.type ?? 'command')}:${trigger}:${actionId}` : undefined;
    if (key) {
      try {
        await deps.prisma().processedDelivery.create({ data: { key } });
      } catch (error) {
        if ((error as { code?: string }).code !== 'P2002') throw error;
        deps.logger.info({ key, retryNum: args.context.retryNum }, 'slack delivery already handled; dropped');
        if ('ack' in args && typeof args.ack === 'function') await (args.ack as () => Promise<void>)();
        return;
      }
    }
    deps.metrics.acks.inc({ platform: 'slack' });
    await args.next();
  });

  app.command(COMMANDS.leave, async ({ command, ack, client }) => {
    const who = await identify(command.user_id);
    if (!who) return ack(t(DEFAULT_LOCALE, 'common.not_in_org'));
    const [sub, ...extra] = command.text.trim().split(/\s+/).filter(Boolean);
    const usage = '/leave [sick|personal|rest|meeting|list|return]';
    if (extra.length > 0) return ack(t(who.locale, 'slack.bad_argument', { arg: extra.join(' '), usage }));
    if (sub === undefined || (LEAVE_TYPES as readonly string[]).includes(sub)) {
      await ack();
      const today = deps.clock.now().setZone(deps.policy.center.timeZone).toISODate()!;
      await client.views.open({
        trigger_id: command.trigger_id,
        view: leaveModal({ locale: who.locale, ...(sub ? { type: sub as LeaveType } : {}), proofGraceDays: deps.policy.leave.sick.proofGraceDays, today }),
      });
      return;
    }
    if (sub === 'list') {
      const { mine, waiting } = await listLeave(deps.prisma(), who.id);
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
      if (error instanceof LeaveValidationError) {
        const errors: Record<string, string> = {};
        for (const e of error.fieldErrors) {
          const block = LEAVE_FIELD_BLOCK[e.field] ?? LEAVE_BLOCKS.type;
          const text = t(who.locale, e.messageKey as MessageKey, Object.fromEntries(Object.entries(e.params ?? {}).map(([k, x]) => [k, String(x)])));
          errors[block] = errors[block] ? `${errors[block]} ${text}` : text;
        }
        return ack({ response_action: 'errors', errors });
      }
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
    const meta = JSON.parse(view.private_metadata || '{}') as { requestId?: number; channel?: string | null };
    const note = (view.state.values as StateValues)[LEAVE_BLOCKS.rejectReason]?.[INPUT]?.value?.trim() ?? '';
    const problem = await decide(body.user.id, undefined, client, Number(meta.requestId), 'rejected', note || null);
    if (problem) return ack({ response_action: 'errors', errors: { [LEAVE_BLOCKS.rejectReason]: problem } });
    return ack();
  });

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
    const target = JSON.parse((action as { value?: string }).value ?? '{}') as { employeeId?: string; date?: string };
    const person = target.employeeId ? await deps.prisma().employee.findUnique({ where: { id: target.employeeId } }) : null;
    if (!person || !target.date) return;
    await client.views.open({
      trigger_id: (body as { trigger_id: string }).trigger_id,
      view: excuseModal(locale, { employeeId: person.id, date: target.date, name: person.name }),
    });
  });

  app.view(VIEWS.excuse, async ({ ack, body, view }) => {
    const who = await identify(body.user.id);
    const locale = who?.locale ?? DEFAULT_LOCALE;
    const target = JSON.parse(view.private_metadata || '{}') as { employeeId: string; date: string };
    const reason = (view.state.values as StateValues)[LEAVE_BLOCKS.excuseReason]?.[INPUT]?.value ?? '';
    try {
      if (!who) throw new AppError('not_in_org', 'common.not_in_org', 'not in org');
      await excuseLateness(deps.prisma(), { actorId: who.id, reason, scope: { employeeId: target.employeeId, date: target.date }, at: deps.clock.now() });
      return ack();
    } catch (error) {
      return ack({ response_action: 'errors', errors: { [LEAVE_BLOCKS.excuseReason]: errorText(locale, error) } });
    }
  });

  // The other commands of interfaces.md section 3 come with later features; until
  // then they answer honestly instead of failing silently.
  app.command(COMMANDS.clock, async ({ command, ack }) => {
    const who = await identify(command.user_id);
    if (!who) return ack(t(DEFAULT_LOCALE, 'common.not_in_org'));
    const sub = command.text.trim().toLowerCase();
    const l = who.locale;
    const clockDeps = { prisma: deps.prisma(), policy: deps.policy, clock: deps.clock, source: 'slack', explanations: explanationDeps().messenger };
    try {
      if (sub === 'in' || sub === 'out') {
        const a = await recordClock(clockDeps, who.id, sub);
        const head = a.unmatched
          ? t(l, a.unmatched === 'outside' ? 'clock.outside' : 'clock.superseded', { time: a.time })
          : a.minutes === 0
            ? t(l, sub === 'in' ? 'clock.in_on_time' : 'clock.out_on_time', { time: a.time, segment: a.segment ?? '' })
            : t(l, sub === 'in' ? 'clock.in_late' : 'clock.out_early', { time: a.time, segment: a.segment ?? '', minutes: a.minutes });
        const lines = [head, ...(a.needsExplanation ? [t(l, 'clock.needs_explanation')] : []), t(l, 'clock.month', { month: a.monthLateMinutes, allowance: a.allowanceMinutes })];
        return ack(lines.join('\n'));
      }
      if (sub === 'status') {
        const s = await clockStatus(clockDeps, who.id);
        const lines =
          s.segments.length === 0
            ? [t(l, 'clock.status_off', { date: s.date })]
            : [
                t(l, 'clock.status_day', { date: s.date }),
                ...s.segments.map((x) =>
                  x.onLeave
                    ? t(l, 'clock.status_on_leave', { segment: x.name, start: x.start, end: x.end })
                    : t(l, 'clock.status_segment', { segment: x.name, start: x.start, end: x.end, in: x.clockIn ?? '—', out: x.clockOut ?? '—' }),
                ),
              ];
        lines.push(t(l, 'clock.month', { month: s.monthLateMinutes, allowance: s.allowanceMinutes }));
        return ack(lines.join('\n'));
      }
      return ack(t(l, 'clock.usage'));
    } catch (error) {
      return ack(errorText(l, error));
    }
  });

  for (const command of [COMMANDS.summary, COMMANDS.suggest, COMMANDS.incident, COMMANDS.banzhang]) {
    app.command(command, async ({ command: c, ack }) => {
      const who = await identify(c.user_id);
      if (!who) return ack(t(DEFAULT_LOCALE, 'common.not_in_org'));
      if (command === COMMANDS.banzhang && (c.text.trim() === '' || c.text.trim() === 'help')) return ack(t(who.locale, 'slack.help'));
      return ack(t(who.locale, 'slack.not_available_yet', { command }));
    });
  }

  app.error(async (error) => {
    deps.logger.error({ err: error }, 'slack listener error');
  });

  return { app };
}

/** Every slash command the Slack channel registers (checked against the manifest). */
export const REGISTERED_COMMANDS: readonly string[] = Object.values(COMMANDS);
/** Web API methods the Slack channel calls itself (the outbox transport lists its own). */
export const CHANNEL_METHODS_USED = ['views.open', 'chat.postEphemeral'] as const;
