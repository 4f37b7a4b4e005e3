/**
 * The Teams channel (docs/teams.md): botbuilder's CloudAdapter at
 * POST /api/messages on banzhang's own HTTP server.
 *
 * Every activity's token is checked first (bot-auth.ts): without a valid one
 * the answer is 401 and nothing is stored or done. Then, in order: the
 * conversation reference is stored (conversation-store.ts), a redelivered
 * activity is dropped by its id (processed_delivery), the sender is identified
 * by AAD object id, and the activity is dispatched: a message to the command
 * words registered by the handler modules, an `adaptiveCard/action` invoke to
 * the card verbs (its answer is the HTTP response), an install to the help.
 *
 * botbuilder is in maintenance: it is used only inside src/channels/teams, so a
 * move to the newer Teams SDK touches only this folder.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ActivityTypes, CloudAdapter, TurnContext, type Activity } from 'botbuilder';
import { z } from 'zod';
import type { Policy } from '../../policy/config/schema.ts';
import type { HttpServer } from '../../server/http-server.ts';
import type { Metrics } from '../../server/metrics.ts';
import type { Clock } from '../../shared/clock.ts';
import type { PrismaClient } from '../../shared/db/types.ts';
import { DEFAULT_LOCALE, t } from '../../shared/i18n/index.ts';
import type { Logger } from '../../shared/logger.ts';
import type { Transport } from '../../shared/outbox/transport.ts';
import { createTeamsAuth, type TeamsAuth, type TeamsAuthSettings } from './bot-auth.ts';
import { commandWords } from './commands.ts';
import { conversationOf, conversationStore } from './conversation-store.ts';
import { registerClockHandlers } from './handlers/clock.ts';
import { invokeBody, replyText, teamsContext, type TeamsContext } from './handlers/context.ts';
import { registerHelp, unhandledText } from './handlers/help.ts';
import { registerIncidentHandlers } from './handlers/incidents.ts';
import { registerLatenessHandlers } from './handlers/lateness.ts';
import { registerLeaveHandlers } from './handlers/leave.ts';
import { registerMeetingsHandlers } from './handlers/meetings.ts';
import { registerRoutineHandlers } from './handlers/routine.ts';
import { registerExamHandlers } from './handlers/exam.ts';
import { registerPayHandlers } from './handlers/pay.ts';
import { registerPlanHandlers } from './handlers/plan.ts';
import { registerRecordHandlers } from './handlers/record.ts';
import { registerSuggestionHandlers } from './handlers/suggestions.ts';
import { registerSummaryHandlers } from './handlers/summary.ts';
import { registerTrainingHandlers } from './handlers/training.ts';
import { createTeamsTransport } from './teams-transport.ts';
import { unreachableReporter } from './unreachable.ts';

export interface TeamsChannelDeps {
  settings: TeamsAuthSettings;
  http: HttpServer;
  prisma: () => PrismaClient;
  policy: Policy;
  clock: Clock;
  logger: Logger;
  metrics: Metrics;
}

export interface TeamsChannel {
  auth: TeamsAuth;
  /** The outbox transport of this channel (call once the database is open). */
  transport(args: { prisma: PrismaClient; slackEnabled: boolean }): Transport;
}

const MAX_BODY_BYTES = 1024 * 1024;

/** The fields banzhang reads of every activity; anything else passes through. */
const activityShape = z
  .object({
    type: z.string().min(1),
    id: z.string().optional(),
    serviceUrl: z.string().min(1),
    channelId: z.string().min(1),
    conversation: z.object({ id: z.string().min(1) }).passthrough(),
    from: z.object({ id: z.string().min(1) }).passthrough(),
  })
  .passthrough();

interface Invoked {
  action?: { type?: string; verb?: string; data?: Record<string, unknown> };
}

/** CloudAdapter whose authentication step is kept apart, so that a refused token is a 401 whatever the reason. */
class TeamsAdapter extends CloudAdapter {
  authenticate(activity: Activity, authHeader: string) {
    return this.botFrameworkAuthentication.authenticateRequest(activity, authHeader);
  }

  run(auth: Awaited<ReturnType<TeamsAdapter['authenticate']>>, activity: Activity, logic: (turn: TurnContext) => Promise<void>) {
    return this.processActivity(auth, activity, logic);
  }
}

/** Every first word handled on Teams once the handlers are registered (the manifest test compares its command list). */
export function registerTeamsHandlers(ctx: TeamsContext): void {
  registerHelp(ctx);
  registerLeaveHandlers(ctx);
  registerClockHandlers(ctx);
  registerLatenessHandlers(ctx);
  registerIncidentHandlers(ctx);
  registerTrainingHandlers(ctx);
  registerMeetingsHandlers(ctx);
  registerRoutineHandlers(ctx);
  registerSummaryHandlers(ctx);
  registerSuggestionHandlers(ctx);
  registerRecordHandlers(ctx);
  registerPayHandlers(ctx);
  registerPlanHandlers(ctx);
  registerExamHandlers(ctx);
}

export function createTeamsChannel(deps: TeamsChannelDeps): TeamsChannel {
  const logger = deps.logger.child({ component: 'teams' });
  const auth = createTeamsAuth(deps.settings);
  const adapter = new TeamsAdapter(auth.authentication);
  // No onTurnError: a failing turn rejects, and the HTTP server logs it and answers 500.
  const ctx = teamsContext({ prisma: deps.prisma, policy: deps.policy, clock: deps.clock, logger: deps.logger });
  registerTeamsHandlers(ctx);

  async function onMessage(turn: TurnContext): Promise<void> {
    const activity = turn.activity;
    const who = await ctx.identify(activity.from.aadObjectId);
    if (!who) return replyText(turn, t(DEFAULT_LOCALE, 'common.not_in_org'));
    const text = TurnContext.removeRecipientMention(activity) ?? activity.text ?? '';
    const [first = '', ...args] = commandWords(text);
    const word = first.toLowerCase();
    if (word === '' && activity.value !== undefined) return replyText(turn, t(who.locale, 'teams.card_outdated'));
    const handler = ctx.commands.get(word === '' ? 'help' : word);
    if (handler) return handler({ turn, who, args });
    return replyText(turn, unhandledText(who.locale, word));
  }

  async function onInvoke(turn: TurnContext): Promise<Record<string, unknown> | null> {
    const activity = turn.activity;
    if (activity.name !== 'adaptiveCard/action') return null;
    const who = await ctx.identify(activity.from.aadObjectId);
    if (!who) return invokeBody({ message: t(DEFAULT_LOCALE, 'common.not_in_org') });
    const action = (activity.value as Invoked | undefined)?.action;
    const handler = action?.verb ? ctx.verbs.get(action.verb) : undefined;
    if (!handler) return invokeBody({ message: t(who.locale, 'teams.card_outdated') });
    return invokeBody(await handler({ turn, who, data: action?.data ?? {} }));
  }

  async function onInstall(turn: TurnContext): Promise<void> {
    const activity = turn.activity;
    const botAdded = (activity.membersAdded ?? []).some((m) => m.id === activity.recipient?.id);
    if (!botAdded) return;
    const who = await ctx.identify(activity.from?.aadObjectId);
    await replyText(turn, t(who?.locale ?? DEFAULT_LOCALE, 'teams.help'));
  }

  async function logic(turn: TurnContext): Promise<void> {
    const activity = turn.activity;
    const prisma = deps.prisma();
    const conversation = conversationOf(activity);
    if (conversation) await conversationStore(prisma).save(conversation);
    if (activity.id) {
      try {
        await prisma.processedDelivery.create({ data: { key: `teams:${activity.type}:${activity.id}` } });
      } catch (error) {
        if ((error as { code?: string }).code !== 'P2002') throw error;
        logger.info({ activityId: activity.id, type: activity.type }, 'teams activity already handled; dropped');
        if (activity.type === ActivityTypes.Invoke) {
          const who = await ctx.identify(activity.from.aadObjectId);
          await turn.sendActivity({ type: ActivityTypes.InvokeResponse, value: { status: 200, body: invokeBody({ message: t(who?.locale ?? DEFAULT_LOCALE, 'teams.already_handled') }) } });
        }
        return;
      }
    }
    deps.metrics.acks.inc({ platform: 'teams' });
    switch (activity.type) {
      case ActivityTypes.Message:
        return onMessage(turn);
      case ActivityTypes.Invoke: {
        const body = await onInvoke(turn);
        await turn.sendActivity({ type: ActivityTypes.InvokeResponse, value: body ? { status: 200, body } : { status: 501 } });
        return;
      }
      case ActivityTypes.ConversationUpdate:
        return onInstall(turn);
      default:
        return;
    }
  }

  deps.http.route('POST', '/api/messages', async (req, res) => {
    const raw = await readBody(req);
    if (raw === null) return send(res, 413, { error: 'body too large' });
    let parsed: z.infer<typeof activityShape>;
    try {
      parsed = activityShape.parse(JSON.parse(raw));
    } catch {
      return send(res, 400, { error: 'not a Bot Framework activity' });
    }
    const activity = parsed as unknown as Activity;
    const authHeader = String(req.headers.authorization ?? '');
    let authResult: Awaited<ReturnType<TeamsAdapter['authenticate']>>;
    try {
      authResult = await adapter.authenticate(activity, authHeader);
    } catch (error) {
      const status = (error as { statusCode?: unknown }).statusCode;
      if (status === 500) {
        // The OpenID metadata or its keys could not be loaded: not the caller's fault.
        logger.error({ error: error instanceof Error ? error.message : String(error) }, 'teams: cannot check tokens (OpenID metadata unreachable)');
        return send(res, 503, { error: 'cannot check the token now' });
      }
      logger.warn({ reason: error instanceof Error ? error.message.slice(0, 200) : 'invalid token', type: activity.type }, 'teams: activity refused (401)');
      return send(res, 401, { error: 'unauthorized' });
    }
    const tenant = activity.conversation.tenantId ?? (activity.channelData as { tenant?: { id?: string } } | undefined)?.tenant?.id;
    if (deps.settings.tenantId && tenant !== deps.settings.tenantId) {
      logger.warn({ tenant }, 'teams: activity from another tenant refused (403)');
      return send(res, 403, { error: 'wrong tenant' });
    }
    if (typeof activity.timestamp === 'string') activity.timestamp = new Date(activity.timestamp);
    const invoke = await adapter.run(authResult, activity, logic);
    if (invoke) return send(res, invoke.status, invoke.body);
    return send(res, 200, undefined);
  });

  return {
    auth,
    transport: ({ prisma, slackEnabled }) => {
      const store = conversationStore(prisma);
      return createTeamsTransport({
        appId: deps.settings.appId,
        tokens: auth.tokens,
        store,
        reportUnreachable: unreachableReporter({ prisma, logger: deps.logger, slackEnabled }),
        logger: deps.logger,
      });
    },
  };
}

async function readBody(req: IncomingMessage): Promise<string | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) return null;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function send(res: ServerResponse, status: number, body: unknown): void {
  if (body === undefined) {
    res.writeHead(status);
    res.end();
    return;
  }
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}
