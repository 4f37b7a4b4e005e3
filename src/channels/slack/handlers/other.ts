/** Slack commands whose features have not landed yet, and /banzhang help. */
import { DEFAULT_LOCALE, t } from '../../../shared/i18n/index.ts';
import { COMMANDS } from '../ids.ts';
import type { SlackContext } from './context.ts';

export function registerOtherCommands(ctx: SlackContext): void {
  const { app, identify } = ctx;
  // The other commands of interfaces.md section 3 come with later features; until
  // then they answer honestly instead of failing silently.
  for (const command of [COMMANDS.summary, COMMANDS.suggest, COMMANDS.incident, COMMANDS.banzhang]) {
    app.command(command, async ({ command: c, ack }) => {
      const who = await identify(c.user_id);
      if (!who) return ack(t(DEFAULT_LOCALE, 'common.not_in_org'));
      if (command === COMMANDS.banzhang && (c.text.trim() === '' || c.text.trim() === 'help')) return ack(t(who.locale, 'slack.help'));
      return ack(t(who.locale, 'slack.not_available_yet', { command }));
    });
  }
}
