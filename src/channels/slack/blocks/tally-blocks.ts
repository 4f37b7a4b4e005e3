/** Pure Block Kit builders of the LATE-8 daily tally and the LATE-7 excuse modal. */
import type { TeamTally } from '../../../features/lateness/daily-tally.ts';
import { DEFAULT_LOCALE, segmentLabel, t, type Locale } from '../../../shared/i18n/index.ts';
import { ACTIONS, INPUT, LEAVE_BLOCKS, VIEWS } from '../ids.ts';

export function slackTally(tally: TeamTally, locale: Locale = DEFAULT_LOCALE): { text: string; blocks: unknown[] } {
  const mins = (xs: Array<{ segment: string; minutes: number }>) => xs.map((x) => t(locale, 'tally.minutes', { segment: segmentLabel(locale, x.segment), minutes: x.minutes })).join(', ');
  const lineText = (l: TeamTally['lines'][number]) => {
    const parts: string[] = [];
    if (l.late.length) parts.push(t(locale, 'tally.late', { detail: mins(l.late) }));
    if (l.early.length) parts.push(t(locale, 'tally.early', { detail: mins(l.early) }));
    if (l.absent) parts.push(t(locale, 'tally.absent'));
    if (l.pending.length) parts.push(t(locale, 'tally.pending', { detail: mins(l.pending) }));
    if (l.excused.length) parts.push(t(locale, 'tally.excused', { detail: l.excused.map((x) => `${segmentLabel(locale, x.segment)}: ${x.reason}`).join('; ') }));
    parts.push(t(locale, 'tally.month', { month: l.monthLateMinutes, allowance: tally.allowanceMinutes }));
    return `• *${l.name}* — ${parts.join('; ')}`;
  };
  const rows = tally.lines.map(lineText);
  const title = t(locale, 'tally.title', { team: tally.teamName, date: tally.date });
  const body = rows.length ? rows.join('\n') : t(locale, 'tally.all_on_time');
  // LATE-7: a manager excuses from the tally; one section a person (Slack allows 50 blocks a message).
  const people = tally.lines.slice(0, 48).map((l) => ({
    type: 'section',
    text: { type: 'mrkdwn', text: lineText(l) },
    ...(l.late.length || l.early.length || l.absent || l.pending.length
      ? { accessory: { type: 'button', action_id: ACTIONS.excuse, text: { type: 'plain_text', text: t(locale, 'tally.excuse_button') }, value: JSON.stringify({ employeeId: l.employeeId, date: tally.date }) } }
      : {}),
  }));
  const blocks = [{ type: 'header', text: { type: 'plain_text', text: title } }, ...(people.length ? people : [{ type: 'section', text: { type: 'mrkdwn', text: body } }])];
  return { text: `${title}\n${body}`, blocks };
}

/** The excuse modal: a manager gives the reason (LATE-7). */
export function excuseModal(locale: Locale, target: { employeeId: string; date: string; name: string }) {
  return {
    type: 'modal' as const,
    callback_id: VIEWS.excuse,
    private_metadata: JSON.stringify({ employeeId: target.employeeId, date: target.date }),
    title: { type: 'plain_text' as const, text: t(locale, 'excuse.modal_title') },
    submit: { type: 'plain_text' as const, text: t(locale, 'leave.modal.submit') },
    close: { type: 'plain_text' as const, text: t(locale, 'leave.modal.cancel') },
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: t(locale, 'excuse.modal_what', { name: target.name, date: target.date }) } },
      { type: 'input', block_id: LEAVE_BLOCKS.excuseReason, label: { type: 'plain_text' as const, text: t(locale, 'excuse.modal_reason') }, element: { type: 'plain_text_input', action_id: INPUT, max_length: 500 } },
    ],
  };
}

