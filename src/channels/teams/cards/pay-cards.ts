/** PAY-8 on Teams: an employee's statement by DM (every line with its rule, totals, notes), in their locale. Pure; the lines read as on Slack (describePayEvent). */
import type { PayStatementView } from '../../../features/pay/pay-statement-view.ts';
import { formatFen } from '../../../shared/format.ts';
import { isLocale, t, type Locale } from '../../../shared/i18n/index.ts';
import type { OutboxPayload } from '../../../shared/outbox/transport.ts';
import { describePayEvent } from '../../slack/blocks/pay-blocks.ts';
import { adaptiveCard, heading, textBlock } from './adaptive.ts';

export function teamsPayStatement(locale: string, v: PayStatementView): OutboxPayload {
  const l: Locale = isLocale(locale) ? locale : 'zh-CN';
  const title = t(l, 'pay.statement.title', { month: v.month, name: v.name });
  const lines = v.lines.map((x) => t(l, 'pay.statement.line', { rule: x.ruleId, amount: formatFen(x.amountFen), what: describePayEvent(l, x.event) }));
  const totals = t(l, 'pay.statement.totals', { earnings: formatFen(v.earningsFen), deductions: formatFen(v.deductionsFen), net: formatFen(v.netEffectFen) });
  const notes = [...(v.through ? [t(l, 'pay.statement.so_far', { date: v.through })] : []), ...(v.pendingEvents > 0 ? [t(l, 'pay.statement.pending', { count: v.pendingEvents })] : [])];
  // At most 90 line blocks; the rest joined in the last one.
  const lineBlocks = lines.length > 90 ? [...lines.slice(0, 89), lines.slice(89).join('\n\n')] : lines;
  return {
    text: [title, ...notes, ...lines, totals].join('\n'),
    card: adaptiveCard([
      heading(title),
      ...notes.map((n) => textBlock(n, { isSubtle: true, size: 'Small' })),
      ...lineBlocks.map((x) => textBlock(x, { spacing: 'Small' })),
      textBlock(totals, { weight: 'Bolder', separator: true }),
      textBlock(t(l, 'pay.statement.footer'), { isSubtle: true, size: 'Small' }),
    ]),
  };
}
