/** Pure Block Kit builders and texts of training (TRAIN-1..3): reminder, plan, exam form, attendance, record. */
import type { RollEntry, SessionRoll } from '../../../features/training/training-facts.ts';
import type { TrainingRecord } from '../../../features/training/training-record.ts';
import type { PlanReminderView } from '../../../features/training/training-plan.ts';
import type { TrainingReminderView } from '../../../features/training/training-service.ts';
import type { TrainingExcuse } from '../../../policy/training/attendance.ts';
import { DEFAULT_LOCALE, segmentLabel, t, type Locale, type MessageKey } from '../../../shared/i18n/index.ts';
import { TRAINING_ACTIONS, TRAINING_BLOCKS, TRAINING_VIEWS } from '../ids.ts';
import { input } from './kit.ts';

/** Plain text as training has always sent it (no `emoji` flag). */
const plain = (text: string) => ({ type: 'plain_text' as const, text });

/** TRAIN-1: the reminder posted to the training channel, with the Check in button (value: the session id). */
export function slackTrainingReminder(view: TrainingReminderView, locale: Locale = DEFAULT_LOCALE): { text: string; blocks: unknown[] } {
  const title = t(locale, 'training.reminder.title', { date: view.date, time: view.time });
  const topic = view.topic ? t(locale, 'training.reminder.topic', { topic: view.topic }) : t(locale, 'training.reminder.no_topic');
  const body = t(locale, 'training.reminder.body', { time: view.time, minutes: view.durationMinutes });
  return {
    text: `${title}\n${topic}\n${body}`,
    blocks: [
      { type: 'header', text: plain(title) },
      { type: 'section', text: { type: 'mrkdwn', text: `*${topic}*\n${body}` } },
      {
        type: 'actions',
        elements: [{ type: 'button', style: 'primary', action_id: TRAINING_ACTIONS.checkIn, text: plain(t(locale, 'training.reminder.check_in')), value: String(view.sessionId) }],
      },
    ],
  };
}

/** TRAIN-2: the DM to a plan owner, with the button that opens the plan form (value: the week's Monday). */
export function slackPlanReminder(view: PlanReminderView): { text: string; blocks: unknown[] } {
  const text = t(view.locale, 'training.plan.reminder', { week: view.weekStart });
  return {
    text,
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text } },
      { type: 'actions', elements: [{ type: 'button', style: 'primary', action_id: TRAINING_ACTIONS.openPlan, text: plain(t(view.locale, 'training.plan.button')), value: view.weekStart }] },
    ],
  };
}

/** TRAIN-2: the plan form; `private_metadata` carries the week. */
export function planModal(locale: Locale, weekStart: string, current?: string) {
  return {
    type: 'modal' as const,
    callback_id: TRAINING_VIEWS.plan,
    private_metadata: JSON.stringify({ weekStart }),
    title: plain(t(locale, 'training.plan.modal_title')),
    submit: plain(t(locale, 'training.modal.submit')),
    close: plain(t(locale, 'training.modal.cancel')),
    blocks: [
      { type: 'context', elements: [{ type: 'mrkdwn', text: t(locale, 'training.plan.modal_week', { week: weekStart }) }] },
      input(TRAINING_BLOCKS.planText, plain(t(locale, 'training.plan.modal_text')), {
        type: 'plain_text_input',
        multiline: true,
        max_length: 3000,
        ...(current ? { initial_value: current } : {}),
      }),
    ],
  };
}

/**
 * TRAIN-3: the exam form for organizers: an employee select (when the org fits
 * Slack's 100 options, else an id field), the month and the score.
 */
export function examModal(locale: Locale, employees: ReadonlyArray<{ id: string; name: string }>, month: string) {
  const employee =
    employees.length > 0 && employees.length <= 100
      ? input(TRAINING_BLOCKS.examEmployee, plain(t(locale, 'training.exam.employee')), {
          type: 'static_select',
          options: employees.map((e) => ({ text: plain(`${e.name} (${e.id})`.slice(0, 75)), value: e.id })),
        })
      : input(TRAINING_BLOCKS.examEmployee, plain(t(locale, 'training.exam.employee_id')), { type: 'plain_text_input', max_length: 64 });
  return {
    type: 'modal' as const,
    callback_id: TRAINING_VIEWS.exam,
    title: plain(t(locale, 'training.exam.modal_title')),
    submit: plain(t(locale, 'training.modal.submit')),
    close: plain(t(locale, 'training.modal.cancel')),
    blocks: [
      employee,
      input(TRAINING_BLOCKS.examMonth, plain(t(locale, 'training.exam.month')), { type: 'plain_text_input', initial_value: month, max_length: 7 }),
      input(TRAINING_BLOCKS.examScore, plain(t(locale, 'training.exam.score')), { type: 'plain_text_input', max_length: 6 }),
    ],
  };
}

/** The modal shown after a score was recorded (replaces the form). */
export function examSavedView(locale: Locale, text: string) {
  return {
    type: 'modal' as const,
    title: plain(t(locale, 'training.exam.modal_title')),
    close: plain(t(locale, 'training.modal.close')),
    blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }],
  };
}

/** Why someone was excused, in words. */
export function excuseText(locale: Locale, excuse: TrainingExcuse): string {
  switch (excuse.kind) {
    case 'leave': {
      const type = t(locale, `leave.type.${excuse.leaveType}` as MessageKey);
      return excuse.part === 'full'
        ? t(locale, 'training.excuse.leave', { type })
        : t(locale, 'training.excuse.leave_part', { type, part: t(locale, `leave.part.${excuse.part}` as MessageKey) });
    }
    case 'shift':
      return t(locale, 'training.excuse.shift', { segment: segmentLabel(locale, excuse.segment) });
    case 'rest':
      return t(locale, excuse.detail === 'holiday' ? 'training.excuse.holiday' : excuse.detail === 'roster-rest' ? 'training.excuse.rest' : 'training.excuse.off');
  }
}

/** TRAIN-1: the attendance of one session, for organizers. */
export function attendanceText(locale: Locale, roll: SessionRoll): string {
  const sep = locale === 'en' ? ', ' : '、';
  const list = (names: string[]) => (names.length ? names.join(sep) : t(locale, 'training.attendance.none'));
  const attended = roll.entries.flatMap((e) => (e.status === 'attended' ? [t(locale, 'training.attendance.person_time', { name: e.name, time: e.checkedInAt.toFormat('HH:mm') })] : []));
  const missed = roll.entries.flatMap((e) => (e.status === 'missed' ? [e.name] : []));
  const excused = roll.entries.flatMap((e) => (e.status === 'excused' ? [t(locale, 'training.attendance.person_why', { name: e.name, why: excuseText(locale, e.excuse) })] : []));
  return [
    t(locale, 'training.attendance.title', { date: roll.session.date, time: roll.session.startsAt.toFormat('HH:mm'), topic: roll.session.topic ?? t(locale, 'training.no_topic') }),
    t(locale, 'training.attendance.attended', { count: attended.length, names: list(attended) }),
    t(locale, 'training.attendance.missed', { count: missed.length, names: list(missed) }),
    t(locale, 'training.attendance.excused', { count: excused.length, names: list(excused) }),
  ].join('\n');
}

/** TRAIN-3: the training record (培训档案). */
export function recordText(locale: Locale, record: TrainingRecord): string {
  const sessionLine = ({ session, entry }: { session: SessionRoll['session']; entry: RollEntry }) => {
    const base = { date: session.date, topic: session.topic ?? t(locale, 'training.no_topic') };
    if (entry.status === 'attended') return t(locale, 'training.record.attended', { ...base, time: entry.checkedInAt.toFormat('HH:mm') });
    if (entry.status === 'missed') return t(locale, 'training.record.missed', base);
    return t(locale, 'training.record.excused', { ...base, why: excuseText(locale, entry.excuse) });
  };
  return [
    t(locale, 'training.record.title', { name: record.employee.name, id: record.employee.id }),
    t(locale, 'training.record.exams'),
    ...(record.exams.length ? record.exams.map((e) => t(locale, 'training.record.exam_line', { month: e.month, score: e.score })) : [t(locale, 'training.record.no_exams')]),
    t(locale, 'training.record.sessions'),
    ...(record.sessions.length ? record.sessions.map(sessionLine) : [t(locale, 'training.record.no_sessions')]),
  ].join('\n');
}
