/**
 * What every Slack handler module shares: the Bolt app, the channel's
 * dependencies, who a Slack user is in the org, and how an error reads in the
 * user's locale. Handlers live one module per feature beside this file.
 */
import type { AllMiddlewareArgs, App, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { orgRepository } from '../../../features/org/org-repository.ts';
import type { Policy } from '../../../policy/config/schema.ts';
import type { Clock } from '../../../shared/clock.ts';
import type { PrismaClient } from '../../../shared/db/types.ts';
import { AppError } from '../../../shared/errors.ts';
import { DEFAULT_LOCALE, isLocale, t, type Locale, type MessageKey } from '../../../shared/i18n/index.ts';
import type { Logger } from '../../../shared/logger.ts';

export interface SlackContext {
  app: App;
  prisma: () => PrismaClient;
  policy: Policy;
  clock: Clock;
  logger: Logger;
  /** The active employee behind a Slack user id, with a known locale; null when not in the org. */
  identify(slackUserId: string): Promise<{ id: string; name: string; locale: Locale } | null>;
  /** An error as the user reads it (AppError → its message; anything else is logged and answered generically). */
  errorText(locale: Locale, error: unknown): string;
  /**
   * `/banzhang WORD …` sub-commands, one feature each (`training`, `record`, …):
   * a feature registers its first word here; other.ts dispatches. The handler acks.
   */
  subcommands: Map<string, BanzhangSubcommand>;
}

export type Who = { id: string; name: string; locale: Locale };

/** A `/banzhang WORD rest…` handler: Bolt's command arguments, the identified employee and the words after WORD. */
export type BanzhangSubcommand = (
  args: SlackCommandMiddlewareArgs & AllMiddlewareArgs & { who: Who; rest: string },
) => Promise<void>;

/** Slack's state values of one input block (the element inside has action id INPUT). */
export type StateValues = Record<string, Record<string, {
  value?: string | null;
  selected_date?: string | null;
  selected_option?: { value: string } | null;
  selected_options?: Array<{ value: string }>;
  files?: Array<{ id: string }>;
}>>;

export function slackContext(
  args: Omit<SlackContext, 'identify' | 'errorText' | 'subcommands'>,
  /** Filled with each identified user's locale: the channel answers in it when the database is out. */
  locales?: { set(slackUserId: string, locale: Locale): unknown },
): SlackContext {
  return {
    ...args,
    subcommands: new Map(),
    async identify(slackUserId) {
      const employee = await orgRepository(args.prisma()).employeeByChatIdentity('slack', slackUserId);
      if (!employee || !employee.active) return null;
      const locale = (isLocale(employee.locale) ? employee.locale : DEFAULT_LOCALE) as Locale;
      locales?.set(slackUserId, locale);
      return { ...employee, locale };
    },
    errorText(locale, error) {
      if (error instanceof AppError) {
        const params = Object.fromEntries(Object.entries(error.details).map(([k, v]) => [k, String(v)]));
        if (error.messageKey === 'leave.already_decided' && typeof error.details.status === 'string') {
          params.status = t(locale, `leave.status.${error.details.status}` as MessageKey);
        }
        return t(locale, error.messageKey as MessageKey, params);
      }
      args.logger.error({ err: error }, 'slack handler failed');
      return t(locale, 'common.internal_error');
    },
  };
}
