/**
 * Every id of the Teams channel in one place: the command words typed to the
 * bot, the verbs of the cards' Action.Execute buttons and the ids of their inputs.
 */

/** First words handled on Teams (handlers register them; the manifest's command list must match, see manifests/teams). */
export const TEAMS_COMMANDS = {
  help: 'help',
  leave: 'leave',
  clock: 'clock',
} as const;

/** Slack's command words not yet on Teams: they answer so, honestly (interfaces.md section 3 lists them). */
export const NOT_YET_ON_TEAMS = ['summary', 'suggest', 'incident', 'record', 'pay', 'training', 'plan', 'exam'] as const;

/** `verb` of each Action.Execute (the invoke `adaptiveCard/action` carries it back). */
export const VERBS = {
  leaveSubmit: 'leave.submit',
  leaveApprove: 'leave.approve',
  leaveReject: 'leave.reject',
  /** TRAIN-1: Check in on the weekly study reminder (data: sessionId). */
  trainingCheckIn: 'training.checkIn',
  /** MEET-2: Mark as submitted on a report deadline reminder (data: deadlineId). */
  reportSubmitted: 'meetings.reportSubmitted',
} as const;

/** Input ids of the leave form card. */
export const LEAVE_INPUTS = {
  type: 'leaveType',
  start: 'leaveStart',
  end: 'leaveEnd',
  part: 'leavePart',
  reason: 'leaveReason',
  emergency: 'leaveEmergency',
  rejectReason: 'rejectReason',
} as const;
