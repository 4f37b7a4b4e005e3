/** `/banzhang` (help and the sub-commands features register), and commands whose features have not landed yet. */
import { DEFAULT_LOCALE, t } from '../../../shared/i18n/index.ts';
import { COMMANDS } from '../ids.ts';
import type { SlackContext } from './context.ts';

export function registerOtherCommands(ctx: SlackContext): void {
  const { app, identify } = ctx;
  app.command(COMMANDS.banzhang, async (args) => {
    const who = await identify(args.command.user_id);
    if (!who) return args.ack(t(DEFAULT_LOCALE, 'common.not_in_org'));
    const text = args.command.text.trim();
    const [word = '', ...rest] = text.split(/\s+/);
    const handler = ctx.subcommands.get(word.toLowerCase());
    if (handler) return handler({ ...args, who, rest: rest.join(' ') });
    if (text === '' || text === 'help') return args.ack(t(who.locale, 'slack.help'));
    return args.ack(t(who.locale, 'slack.unknown_subcommand', { word }));
  });
  // The other commands of interfaces.md section 3 come with later features; until
  // then they answer honestly instead of failing silently.
  for (const command of [COMMANDS.incident]) {
    app.command(command, async ({ command: c, ack }) => {
      const who = await identify(c.user_id);
      if (!who) return ack(t(DEFAULT_LOCALE, 'common.not_in_org'));
      return ack(t(who.locale, 'slack.not_available_yet', { command }));
    });
  }
}
