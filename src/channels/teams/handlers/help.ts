/** `help` on Teams, and the honest answer for Slack's commands that are not on Teams yet. */
import { t } from '../../../shared/i18n/index.ts';
import { NOT_YET_ON_TEAMS, TEAMS_COMMANDS } from '../ids.ts';
import { replyText, type TeamsContext } from './context.ts';

export function registerHelp(ctx: TeamsContext): void {
  ctx.commands.set(TEAMS_COMMANDS.help, ({ turn, who }) => replyText(turn, t(who.locale, 'teams.help')));
}

/** The answer to a first word no handler took. */
export function unhandledText(locale: Parameters<typeof t>[0], word: string): string {
  return (NOT_YET_ON_TEAMS as readonly string[]).includes(word)
    ? t(locale, 'teams.not_yet', { command: word })
    : t(locale, 'teams.unknown_command', { word });
}
