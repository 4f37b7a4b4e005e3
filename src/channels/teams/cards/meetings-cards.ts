/** MEET-2 on Teams: the report-deadline reminder with Mark as submitted (Action.Execute, the deadline row id) and the late flag to team leaders. Pure. */
import type { ReportDeadlineRenderer } from '../../../features/meetings/report-deadlines.ts';
import { isLocale, t, type Locale } from '../../../shared/i18n/index.ts';
import { roleLabel } from '../../slack/blocks/meetings-blocks.ts';
import { VERBS } from '../ids.ts';
import { adaptiveCard, execute, textBlock } from './adaptive.ts';

const loc = (locale: string): Locale => (isLocale(locale) ? locale : 'zh-CN');

export const teamsReportDeadlineRenderer: ReportDeadlineRenderer = {
  reminder(locale, v) {
    const l = loc(locale);
    const text = t(l, 'meetings.deadline.reminder', { date: v.date, time: v.time });
    return {
      text,
      card: adaptiveCard(
        [textBlock(text)],
        [execute({ id: 'reportSubmitted', title: t(l, 'meetings.deadline.mark_submitted'), verb: VERBS.reportSubmitted, data: { deadlineId: v.deadlineId }, style: 'positive' })],
      ),
    };
  },
  lateFlag(locale, v) {
    const l = loc(locale);
    const text = t(l, 'meetings.deadline.late_flag', { role: roleLabel(l, v.role), name: v.name, due: v.due });
    return { text, card: adaptiveCard([textBlock(text)]) };
  },
};
