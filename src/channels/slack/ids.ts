/**
 * Every id Slack and banzhang share: slash commands, action ids, view
 * callback ids and block ids. The manifest test checks the commands against
 * manifests/slack/manifest.yaml.
 */
export const COMMANDS = {
  leave: '/leave',
  clock: '/clock',
  summary: '/summary',
  suggest: '/suggest',
  incident: '/incident',
  banzhang: '/banzhang',
} as const;

export const ACTIONS = {
  leaveApprove: 'leave_approve',
  leaveReject: 'leave_reject',
  leaveReturn: 'leave_return',
  explain: 'lateness_explain',
  explanationAccept: 'explanation_accept',
  explanationReject: 'explanation_reject',
  excuse: 'lateness_excuse',
} as const;

export const VIEWS = {
  leaveRequest: 'leave_request',
  leaveReject: 'leave_reject',
  explanation: 'lateness_explanation',
  excuse: 'lateness_excuse',
} as const;

/** Input blocks of the leave modal; each has one element whose action id is `value`. */
export const LEAVE_BLOCKS = {
  type: 'leave_type',
  startDate: 'leave_start',
  endDate: 'leave_end',
  part: 'leave_part',
  reason: 'leave_reason',
  emergency: 'leave_emergency',
  proof: 'leave_proof',
  rejectReason: 'reject_reason',
  explanationText: 'explanation_text',
  excuseReason: 'excuse_reason',
} as const;

/** The action id of the single element inside each input block. */
export const INPUT = 'value';
