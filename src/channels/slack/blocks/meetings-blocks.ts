/**
 * Pure Block Kit builders of MEET-2: the report-deadline reminder (with its
 * "Mark as submitted" button) and the late-report flag to the team leaders.
 */
import type { ReportDeadlineRenderer } from '../../../features/meetings/report-deadlines.ts';
import { ROLE_KEYS } from '../../../policy/config/schema.ts';
import { isLocale, t, type Locale, type MessageKey } from '../../../shared/i18n/index.ts';
import { MEETINGS_ACTIONS } from '../ids.ts';
import { escapeMrkdwn } from './mrkdwn.ts';

const loc = (locale: string): Locale => (isLocale(locale) ? locale : 'zh-CN');

/** A role as the floor says it (glossary.md); an unknown key is shown as written. */
export function roleLabel(locale: Locale, role: string): string {
  return (ROLE_KEYS as readonly string[]).includes(role) ? t(locale, `meetings.role.${role}` as MessageKey) : role;
}

export const slackReportDeadlineRenderer: ReportDeadlineRenderer = {
  reminder(locale, v) {
    const l = loc(locale);
    const text = t(l, 'meetings.deadline.reminder', { date: v.date, time: v.time });
    return {
      text,
      blocks: [
        { type: 'section', text: { type: 'mrkdwn', text } },
        {
          type: 'actions',
          block_id: `report_deadline_${v.deadlineId}`,
          elements: [
            {
              type: 'button',
              action_id: MEETINGS_ACTIONS.markSubmitted,
              style: 'primary',
              text: { type: 'plain_text', text: t(l, 'meetings.deadline.mark_submitted'), emoji: true },
              value: String(v.deadlineId),
            },
          ],
        },
      ],
    };
  },
  lateFlag(locale, v) {
    const l = loc(locale);
    const text = t(l, 'meetings.deadline.late_flag', { role: roleLabel(l, v.role), name: escapeMrkdwn(v.name), due: v.due });
    return { text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }] };
  },
};
