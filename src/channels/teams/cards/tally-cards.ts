/**
 * LATE-8 on Teams: the daily tally posted to a team's Teams channel, one
 * container a person (late, early, absent, pending and excused events, month
 * to date against the allowance). No money. Pure. LATE-7: a person with an
 * event to excuse has an Excuse button (the form opens for the manager who clicks).
 */
import type { TeamTally } from '../../../features/lateness/daily-tally.ts';
import { DEFAULT_LOCALE, segmentLabel, t, type Locale } from '../../../shared/i18n/index.ts';
import type { OutboxPayload } from '../../../shared/outbox/transport.ts';
import { adaptiveCard, container, heading, textBlock } from './adaptive.ts';
import { excuseButton } from './explanation-cards.ts';

export function teamsTally(tally: TeamTally, locale: Locale = DEFAULT_LOCALE): OutboxPayload {
  const mins = (xs: Array<{ segment: string; minutes: number }>) => xs.map((x) => t(locale, 'tally.minutes', { segment: segmentLabel(locale, x.segment), minutes: x.minutes })).join(', ');
  const detail = (l: TeamTally['lines'][number]) => {
    const parts: string[] = [];
    if (l.late.length) parts.push(t(locale, 'tally.late', { detail: mins(l.late) }));
    if (l.early.length) parts.push(t(locale, 'tally.early', { detail: mins(l.early) }));
    if (l.absent) parts.push(t(locale, 'tally.absent'));
    if (l.pending.length) parts.push(t(locale, 'tally.pending', { detail: mins(l.pending) }));
    if (l.excused.length) parts.push(t(locale, 'tally.excused', { detail: l.excused.map((x) => `${segmentLabel(locale, x.segment)}: ${x.reason}`).join('; ') }));
    parts.push(t(locale, 'tally.month', { month: l.monthLateMinutes, allowance: tally.allowanceMinutes }));
    return parts.join('; ');
  };
  const title = t(locale, 'tally.title', { team: tally.teamName, date: tally.date });
  const excusable = (l: TeamTally['lines'][number]) => l.late.length > 0 || l.early.length > 0 || l.absent || l.pending.length > 0;
  const people = tally.lines.map((l) =>
    container([textBlock(l.name, { weight: 'Bolder' }), textBlock(detail(l), { spacing: 'None' }), ...(excusable(l) ? [excuseButton(locale, { employeeId: l.employeeId, date: tally.date })] : [])], { separator: true }),
  );
  const text = [title, ...(tally.lines.length ? tally.lines.map((l) => `• ${l.name} — ${detail(l)}`) : [t(locale, 'tally.all_on_time')])].join('\n');
  return { text, card: adaptiveCard([heading(title), ...(people.length ? people : [textBlock(t(locale, 'tally.all_on_time'))])]) };
}
