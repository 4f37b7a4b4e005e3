/**
 * What every Teams handler module shares: the channel's dependencies, who a
 * Teams user is in the org (AAD object id), how an error reads in the user's
 * locale, how to answer, and the registries of command words and card verbs
 * that teams-channel.ts dispatches. Handlers live one module per feature beside this file.
 */
import { ActivityTypes, TurnContext } from 'botbuilder';
import { orgRepository } from '../../../features/org/org-repository.ts';
import type { Policy } from '../../../policy/config/schema.ts';
import type { Clock } from '../../../shared/clock.ts';
import type { PrismaClient } from '../../../shared/db/types.ts';
import { AppError } from '../../../shared/errors.ts';
import { DEFAULT_LOCALE, isLocale, t, type Locale, type MessageKey } from '../../../shared/i18n/index.ts';
import type { Logger } from '../../../shared/logger.ts';
import type { AdaptiveCard } from '../cards/adaptive.ts';
import { ADAPTIVE_CARD_CONTENT_TYPE } from '../teams-transport.ts';

export type Who = { id: string; name: string; locale: Locale };

/** A command typed to the bot: `leave sick` → word `leave`, args `['sick']`. The handler answers in the chat. */
export type TeamsCommandHandler = (args: { turn: TurnContext; who: Who; args: string[] }) => Promise<void>;

/** What a card button (Action.Execute) answers: a card that replaces the clicked one, or a message shown to the clicker. */
export type InvokeAnswer = { card: AdaptiveCard } | { message: string };

/** An Action.Execute of a card: its `data` merged with the card's inputs, as Teams sends them. */
export type TeamsVerbHandler = (args: { turn: TurnContext; who: Who; data: Record<string, unknown> }) => Promise<InvokeAnswer>;

export interface TeamsContext {
  prisma: () => PrismaClient;
  policy: Policy;
  clock: Clock;
  logger: Logger;
  /** The active employee behind an AAD object id (the org file's `teams:`), with a known locale; null when not in the org. */
  identify(aadObjectId: string | undefined): Promise<Who | null>;
  /** An error as the user reads it (AppError → its message; anything else is logged and answered generically). */
  errorText(locale: Locale, error: unknown): string;
  /** First command words (`leave`, `clock`, `help`): a feature registers its own. */
  commands: Map<string, TeamsCommandHandler>;
  /** Card verbs (`leave.approve` …): a feature registers its own. */
  verbs: Map<string, TeamsVerbHandler>;
}

export function teamsContext(args: Pick<TeamsContext, 'prisma' | 'policy' | 'clock' | 'logger'>): TeamsContext {
  return {
    ...args,
    commands: new Map(),
    verbs: new Map(),
    async identify(aadObjectId) {
      if (!aadObjectId) return null;
      const employee = await orgRepository(args.prisma()).employeeByChatIdentity('teams', aadObjectId);
      return employee && employee.active ? { id: employee.id, name: employee.name, locale: isLocale(employee.locale) ? employee.locale : DEFAULT_LOCALE } : null;
    },
    errorText(locale, error) {
      if (error instanceof AppError) {
        const params = Object.fromEntries(Object.entries(error.details).map(([k, v]) => [k, String(v)]));
        if (error.messageKey === 'leave.already_decided' && typeof error.details.status === 'string') {
          params.status = t(locale, `leave.status.${error.details.status}` as MessageKey);
        }
        return t(locale, error.messageKey as MessageKey, params);
      }
      args.logger.error({ err: error }, 'teams handler failed');
      return t(locale, 'common.internal_error');
    },
  };
}

/** Answers in the chat with plain text (a reply to the user's message). */
export async function replyText(turn: TurnContext, text: string): Promise<void> {
  await turn.sendActivity({ type: ActivityTypes.Message, text, textFormat: 'plain' });
}

/** Answers in the chat with an Adaptive Card (`summary`: the text notifications show). */
export async function replyCard(turn: TurnContext, card: AdaptiveCard, summary: string): Promise<void> {
  await turn.sendActivity({ type: ActivityTypes.Message, summary, attachments: [{ contentType: ADAPTIVE_CARD_CONTENT_TYPE, content: card }] });
}

/** The body of the HTTP answer to an `adaptiveCard/action` invoke (Universal Actions response format). */
export function invokeBody(answer: InvokeAnswer): Record<string, unknown> {
  return 'card' in answer
    ? { statusCode: 200, type: ADAPTIVE_CARD_CONTENT_TYPE, value: answer.card }
    : { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: answer.message };
}
