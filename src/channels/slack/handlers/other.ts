/** `/banzhang` (help and the sub-commands features register). */
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
  // Every command of interfaces.md section 3 now has its feature's handler (/incident: handlers/incidents.ts).
}
