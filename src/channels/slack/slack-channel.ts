/**
 * The Slack channel: @slack/bolt in HTTP mode, mounted on banzhang's own HTTP
 * server at POST /slack/events. Bolt verifies the v0 signature (and refuses a
 * timestamp older than 5 minutes); handlers ack first, identify the employee by
 * Slack user id, call a use case and render its view-model with pure builders.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type http from 'node:http';
import { EventEmitter } from 'node:events';
import { parse as parseQuery } from 'node:querystring';
import { App, HTTPReceiver, LogLevel, type Logger as BoltLogger, type RespondArguments, type RespondFn } from '@slack/bolt';
import type { Policy } from '../../policy/config/schema.ts';
import { BodyTooLargeError, MAX_BODY_BYTES, readBody, type HttpServer } from '../../server/http-server.ts';
import type { Metrics } from '../../server/metrics.ts';
import type { Clock } from '../../shared/clock.ts';
import type { PrismaClient } from '../../shared/db/types.ts';
import { DEFAULT_LOCALE, t, type Locale } from '../../shared/i18n/index.ts';
import type { Logger } from '../../shared/logger.ts';
import { registerClockHandlers } from './handlers/clock.ts';
import { registerHomeHandlers } from './handlers/home.ts';
import { registerIncidentHandlers } from './handlers/incidents.ts';
import { slackContext } from './handlers/context.ts';
import { registerLatenessHandlers } from './handlers/lateness.ts';
import { registerLeaveHandlers } from './handlers/leave.ts';
import { registerMeetingsHandlers } from './handlers/meetings.ts';
import { registerQualityHandlers } from './handlers/quality.ts';
import { registerOtherCommands } from './handlers/other.ts';
import { registerPayHandlers } from './handlers/pay.ts';
import { registerPerformanceHandlers } from './handlers/performance.ts';
import { registerRoutineHandlers } from './handlers/routine.ts';
import { registerSuggestionHandlers } from './handlers/suggestions.ts';
import { registerTrainingHandlers } from './handlers/training.ts';
import { COMMANDS } from './ids.ts';

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

/**
 * Bolt's messages about a body it could not parse quote the body (a JSON
 * parser's excerpt: the start of a leave reason, say); only the kind of
 * problem is kept.
 */
export function scrubBoltMessage(message: string): string {
  return message.replace(/\b(Malformed request body|Failed to parse and verify the request data|Failed to parse the request body|Error details)\b.*$/s, '$1 (details withheld: they quote the request)');
}

/** Bolt's logger interface over pino; nothing Bolt logs at info carries message bodies. */
function boltLogger(logger: Logger): BoltLogger {
  const child = logger.child({ component: 'slack' });
  const text = (msg: unknown[]) => scrubBoltMessage(msg.map(String).join(' '));
  return {
    debug: (...msg) => child.debug(text(msg)),
    info: (...msg) => child.info(text(msg)),
    warn: (...msg) => child.warn(text(msg)),
    error: (...msg) => child.error(text(msg)),
    setLevel: () => undefined,
    getLevel: () => LogLevel.INFO,
    setName: () => undefined,
  };
}

/**
 * A slash command (acked at once) not answered by then (the database hangs)
 * gets `common.try_again` on its response_url, inside Slack's 3 s; its real
 * answer, if it comes later, replaces it. Also the receiver's deadline for a
 * form that has not acked itself (then "try again" as the form's error).
 */
export const COMMAND_ACK_DEADLINE_MS = 2500;
/** How many Slack users' locales are remembered for those answers (the oldest are forgotten first). */
const REMEMBERED_LOCALES = 10_000;

/**
 * Whether a body parses (as Bolt parses it: a form's `payload` as JSON, else
 * the form, else JSON) to a plain object with the fields Bolt reads before any
 * listener runs of the right type (`user.id`, an event's `event`): Bolt
 * throws on those outside any handler. Unparseable bodies count as objects
 * here: Bolt verifies their signature and answers 400 itself.
 */
export function isObjectBody(text: string, contentType: string | undefined): boolean {
  let parsed: unknown;
  try {
    if (contentType === 'application/x-www-form-urlencoded') {
      const form = parseQuery(text);
      parsed = typeof form.payload === 'string' ? JSON.parse(form.payload) : form;
    } else parsed = JSON.parse(text);
  } catch {
    return true;
  }
  const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
  if (!isObject(parsed)) return false;
  if ('user' in parsed && !(isObject(parsed.user) && typeof parsed.user.id === 'string')) return false;
  if (parsed.type === 'event_callback' && !isObject(parsed.event)) return false;
  // Interactions (the form's `payload`): who clicked, and what, as Slack always sends them.
  if (typeof parsed.type === 'string' && !('command' in parsed) && parsed.type !== 'event_callback' && parsed.type !== 'url_verification') {
    if (!isObject(parsed.user)) return false;
    if (parsed.type === 'block_actions' && !(Array.isArray(parsed.actions) && parsed.actions.every(isObject))) return false;
    if (parsed.type === 'view_submission' || parsed.type === 'view_closed') {
      const view = parsed.view;
      if (!isObject(view) || typeof view.callback_id !== 'string' || !isObject(view.state) || !isObject(view.state.values)) return false;
    }
  }
  return true;
}

/**
 * Emits `settled` with the trigger id of a slash command or button click once
 * its listeners are done (answered, failed or dropped as a repeat). Those are
 * acknowledged at once, so their HTTP answer says nothing about the work:
 * the test harness waits on this. Nothing listens in production.
 */
export const slackRequestsSettled = new EventEmitter();
slackRequestsSettled.setMaxListeners(0);

/** Per request, in Bolt's shared `context`: how a command's answer reaches the user once it was acked empty. */
const DEFERRED = Symbol('banzhang.deferredAnswer');
interface DeferredAnswer {
  /** Sends the listener's answer (what it would have acked) to the response_url; only the first answer counts. */
  answer(message: string | RespondArguments | undefined): Promise<void>;
}

/** The first input block of a submitted view, where a form-level error can be shown; undefined when it has none. */
function firstBlockId(payload: Record<string, unknown>): string | undefined {
  const view = payload.view as { state?: { values?: Record<string, unknown> } } | undefined;
  const values = view?.state?.values;
  return values && typeof values === 'object' ? Object.keys(values)[0] : undefined;
}

export function createSlackChannel(deps: SlackChannelDeps): { app: App } {
  const logger = boltLogger(deps.logger);
  // Slack user id → locale, learnt at each identify: when the database is out, the user is still answered in their language.
  const locales = new Map<string, Locale>();
  /**
   * Answers a slash command whose listener failed before its ack (the
   * database is out) or did not ack in time: "try again" in the user's
   * locale, zh-CN for a user not seen yet. False for anything else (Bolt's
   * default answer then) or when an answer was already sent.
   */
  const tryAgainText = (user: string | undefined) => t(locales.get(user ?? '') ?? DEFAULT_LOCALE, 'common.try_again');
  const answerTryAgain = (request: IncomingMessage, response: ServerResponse, why: string): boolean => {
    if (response.headersSent) return false;
    const raw = (request as IncomingMessage & { rawBody?: Buffer }).rawBody;
    const form = new URLSearchParams(raw ? raw.toString('utf8') : '');
    const command = form.get('command');
    if (command) {
      deps.logger.warn({ command, why }, 'slash command answered with "try again"');
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ response_type: 'ephemeral', text: tryAgainText(form.get('user_id') ?? '') }));
      return true;
    }
    // A form submitted while the database is out: "try again" on its first field, the form stays open with what was typed.
    let payload: Record<string, unknown> | undefined;
    try {
      const parsed: unknown = JSON.parse(form.get('payload') ?? '');
      if (typeof parsed === 'object' && parsed !== null) payload = parsed as Record<string, unknown>;
    } catch {
      return false;
    }
    const block = payload?.type === 'view_submission' ? firstBlockId(payload) : undefined;
    if (!payload || !block) return false;
    deps.logger.warn({ callbackId: String((payload.view as { callback_id?: unknown }).callback_id ?? ''), why }, 'form answered with "try again"');
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ response_action: 'errors', errors: { [block]: tryAgainText((payload.user as { id?: string } | undefined)?.id) } }));
    return true;
  };
  const receiver = new HTTPReceiver({
    signingSecret: deps.signingSecret,
    endpoints: '/slack/events',
    logger,
    // Ack first: listeners call ack() themselves before slow work.
    processBeforeResponse: false,
    // A listener that threw before its ack (app.error rethrows): a command gets "try again", the rest a 500.
    // Always false: Bolt must not ack (write) again after us.
    processEventErrorHandler: async ({ request, response, error }) => {
      if (!answerTryAgain(request, response, 'error') && !response.headersSent) {
        deps.logger.error({ err: error }, 'slack request failed before its ack');
        response.writeHead(500);
        response.end();
      }
      return false;
    },
    unhandledRequestTimeoutMillis: COMMAND_ACK_DEADLINE_MS,
    unhandledRequestHandler: ({ request, response }) => {
      if (answerTryAgain(request, response, 'deadline') || response.headersSent) return;
      deps.logger.error('a Slack request was not acknowledged in time');
      response.writeHead(404);
      response.end();
    },
    // A chunked body over the limit is refused with 413 while it is read (http-server.ts refuses a declared one).
    bodyLimit: MAX_BODY_BYTES,
  });
  const app = new App({
    token: deps.botToken,
    receiver,
    logger,
    // No auth.test at start: banzhang comes up without reaching Slack.
    tokenVerificationEnabled: false,
    clientOptions: { ...(deps.apiUrl ? { slackApiUrl: deps.apiUrl } : {}), retryConfig: { retries: 2 } },
  });
  deps.http.route('POST', '/slack/events', async (req, res) => {
    // The body is read here, up to the limit, and handed to Bolt already read
    // (Bolt reuses `rawBody`). A body that parses to something other than an
    // object (`null`, a number, a list) is refused with 400: Bolt would throw on
    // it outside any handler and never answer.
    let raw: Buffer;
    try {
      raw = await readBody(req, MAX_BODY_BYTES);
    } catch (error) {
      if (!(error instanceof BodyTooLargeError)) throw error;
      deps.logger.warn({ limit: error.limit }, 'slack request body too large; refused');
      res.writeHead(413, { connection: 'close' }).end();
      return;
    }
    if (!isObjectBody(raw.toString('utf8'), req.headers['content-type'])) {
      deps.logger.warn('slack request body is not an object; refused');
      res.writeHead(400).end();
      return;
    }
    (req as http.IncomingMessage & { rawBody?: Buffer }).rawBody = raw;
    receiver.requestListener(req, res);
  });

  // Ack first (issue 9): a slash command or a button click is acknowledged at
  // once, before any database work; the command's answer then goes to its
  // response_url (ephemeral), a click's to the clicker as before. Forms
  // (view_submission) still ack themselves: their errors are the ack's body.
  // A failure, or no answer within COMMAND_ACK_DEADLINE_MS (the database
  // hangs), reaches the user as "try again" in their locale.
  app.use(async (args) => {
    const body = args.body as Record<string, unknown>;
    const isCommand = typeof body.command === 'string';
    if (!isCommand && body.type !== 'block_actions') return args.next();
    await (args as unknown as { ack: () => Promise<void> }).ack();
    const respond = (args as unknown as { respond?: RespondFn }).respond;
    const user = isCommand ? String(body.user_id ?? '') : (body.user as { id?: string } | undefined)?.id;
    const channel = (body.channel as { id?: string } | undefined)?.id ?? (typeof body.channel_id === 'string' ? body.channel_id : undefined);
    let answered = false;
    let triedAgain = false;
    const send = async (message: string | RespondArguments) => {
      answered = true;
      if (respond) await respond(message);
      else if (!isCommand && channel && user) await args.client.chat.postEphemeral({ channel, user, text: typeof message === 'string' ? message : String(message.text ?? '') });
    };
    const tryAgain = async (why: string) => {
      if (answered) return;
      triedAgain = true;
      deps.logger.warn({ command: isCommand ? body.command : undefined, why }, 'slack request answered with "try again"');
      await send({ response_type: 'ephemeral', text: tryAgainText(user) }).catch((error: unknown) => deps.logger.warn({ err: error }, 'could not send "try again"'));
    };
    const deferred: DeferredAnswer = {
      async answer(message) {
        if (message === undefined || (typeof message === 'string' && message === '')) return;
        if (answered && !triedAgain) return;
        if (triedAgain) {
          // Slow, not failed (a loaded database): the real answer replaces the "try again" shown at the deadline.
          deps.logger.info({ command: body.command }, 'answer after "try again": replaces it');
          triedAgain = false;
          await send({ ...(typeof message === 'string' ? { text: message } : message), replace_original: true });
          return;
        }
        await send(message);
      },
    };
    (args.context as unknown as Record<symbol, unknown>)[DEFERRED] = deferred;
    const deadline = isCommand ? setTimeout(() => void tryAgain('deadline'), COMMAND_ACK_DEADLINE_MS) : undefined;
    try {
      await args.next();
    } catch (error) {
      deps.logger.error({ err: error }, 'slack request failed after its ack');
      await tryAgain('error');
    } finally {
      clearTimeout(deadline);
      slackRequestsSettled.emit('settled', typeof body.trigger_id === 'string' ? body.trigger_id : undefined);
    }
  });

  // Idempotency: a Slack retry (X-Slack-Retry-Num) or a repeated delivery of the
  // same interaction is acknowledged and dropped here (processed_delivery table).
  app.use(async (args) => {
    const body = args.body as Record<string, unknown>;
    const trigger = typeof body.trigger_id === 'string' ? body.trigger_id : undefined;
    const actionId = Array.isArray(body.actions) ? String((body.actions[0] as { action_id?: string })?.action_id ?? '') : '';
    const key = typeof body.event_id === 'string' ? `slack:event:${body.event_id}` : trigger ? `slack:${String(body.type ?? 'command')}:${trigger}:${actionId}` : undefined;
    if (key) {
      try {
        // A key is text the database can store (no NUL) of a sane length, whatever the payload held.
        await deps.prisma().processedDelivery.create({ data: { key: key.replace(/\0/g, '\uFFFD').slice(0, 512) } });
      } catch (error) {
        if ((error as { code?: string }).code !== 'P2002') throw error;
        deps.logger.info({ key, retryNum: args.context.retryNum }, 'slack delivery already handled; dropped');
        if (!(DEFERRED in args.context) && 'ack' in args && typeof args.ack === 'function') await (args.ack as () => Promise<void>)();
        return;
      }
    }
    deps.metrics.acks.inc({ platform: 'slack' });
    await args.next();
  });

  const remember = {
    set(user: string, locale: Locale) {
      locales.delete(user);
      locales.set(user, locale);
      if (locales.size > REMEMBERED_LOCALES) locales.delete(locales.keys().next().value!);
    },
  };
  const ctx = slackContext({ app: deferringAcks(app), prisma: deps.prisma, policy: deps.policy, clock: deps.clock, logger: deps.logger }, remember);
  registerLeaveHandlers(ctx);
  registerClockHandlers(ctx);
  registerLatenessHandlers(ctx);
  registerIncidentHandlers(ctx);
  registerSuggestionHandlers(ctx);
  registerTrainingHandlers(ctx);
  registerPayHandlers(ctx);
  registerMeetingsHandlers(ctx);
  registerQualityHandlers(ctx);
  registerPerformanceHandlers(ctx);
  registerRoutineHandlers(ctx);
  registerOtherCommands(ctx);
  registerHomeHandlers(ctx);

  app.error(async (error) => {
    deps.logger.error({ err: error }, 'slack listener error');
    // To the receiver, which answers a request not yet acknowledged (processEventErrorHandler above).
    throw error;
  });

  return { app };
}

type Listener = (args: Record<string, unknown>) => Promise<unknown>;

/**
 * The Bolt app as handlers see it: a command's or a button's listener gets an
 * `ack` that, the request being acknowledged already, sends what it is given
 * to the response_url instead (a button's `ack()` does nothing).
 */
function deferringAcks(app: App): App {
  const wrap = (listener: Listener): Listener => (args) => {
    const deferred = (args.context as Record<symbol, DeferredAnswer | undefined>)[DEFERRED];
    if (!deferred) return listener(args);
    return listener({ ...args, ack: (message?: string | RespondArguments) => deferred.answer(message) });
  };
  const register = (method: 'command' | 'action') => (...params: unknown[]) => {
    const [name, ...listeners] = params;
    return (app[method] as (...p: unknown[]) => unknown)(name, ...listeners.map((l) => (typeof l === 'function' ? wrap(l as Listener) : l)));
  };
  const command = register('command');
  const action = register('action');
  return new Proxy(app, {
    get(target, prop, receiver) {
      if (prop === 'command') return command;
      if (prop === 'action') return action;
      const value: unknown = Reflect.get(target, prop, receiver);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

/** Every slash command the Slack channel registers (checked against the manifest). */
export const REGISTERED_COMMANDS: readonly string[] = Object.values(COMMANDS);
/** Web API methods the Slack channel calls itself (the outbox transport lists its own). */
export const CHANNEL_METHODS_USED = ['views.open', 'chat.postEphemeral', 'views.publish'] as const;
