/** English messages of the meetings area (keys start with "meetings."); zh-CN beside it must define the same keys. */
export const meetingsEn = {
  'meetings.jobs.report_deadlines': 'MEET-2: monthly report deadlines: a reminder from 09:00 on the day, and each late report flagged once to the team leaders',

  'meetings.deadline.reminder': 'Reminder: your monthly report is due today, {date}, by {time}. When you have handed it in, mark it here.',
  'meetings.deadline.mark_submitted': 'Mark as submitted',
  'meetings.deadline.marked': 'Marked as submitted at {time}: the monthly report due {due}. Thank you.',
  'meetings.deadline.marked_late': 'Marked as submitted at {time}, after the deadline {due}: recorded as late.',
  'meetings.deadline.already_marked': 'This report was already marked as submitted at {time}; nothing changed.',
  'meetings.deadline.not_yours': 'Only {name} can mark this report as submitted.',
  'meetings.deadline.not_found': 'This report deadline does not exist.',
  'meetings.deadline.late_flag': 'Late report: {role} {name} has not marked the monthly report due {due} as submitted.',

  'meetings.role.center_manager': 'center manager',
  'meetings.role.general_manager': 'general manager',
  'meetings.role.dept_head': 'department head',
  'meetings.role.hr': 'HR',
  'meetings.role.team_leader': 'team leader',
  'meetings.role.outbound_manager': 'outbound manager',
  'meetings.role.complaint_manager': 'complaint manager',
  'meetings.role.training_supervisor': 'training supervisor',
  'meetings.role.outbound_agent': 'outbound agent',
  'meetings.role.complaint_handler': 'complaint handler',
} as const;
