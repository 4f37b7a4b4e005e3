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

/** TRAIN-1..3: the check-in button, the plan button, and the plan and exam modals. */
export const TRAINING_ACTIONS = {
  checkIn: 'training_check_in',
  openPlan: 'training_plan_open',
} as const;

export const TRAINING_VIEWS = {
  plan: 'training_plan',
  exam: 'training_exam',
} as const;

/** Input blocks of the training modals; each has one element whose action id is INPUT. */
export const TRAINING_BLOCKS = {
  planText: 'training_plan_text',
  examEmployee: 'training_exam_employee',
  examMonth: 'training_exam_month',
  examScore: 'training_exam_score',
} as const;

/** SUGG-1..3: actions, views and input blocks of the suggestion feature. */
export const SUGGESTION_ACTIONS = {
  forward: 'suggestion_forward',
  return: 'suggestion_return',
  rate: 'suggestion_rate',
  done: 'suggestion_done',
} as const;

export const SUGGESTION_VIEWS = {
  form: 'suggestion_form',
  return: 'suggestion_return',
  rate: 'suggestion_rate',
} as const;

export const SUGGESTION_BLOCKS = {
  title: 'suggestion_title',
  currentPractice: 'suggestion_current',
  proposal: 'suggestion_proposal',
  remarks: 'suggestion_remarks',
  source: 'suggestion_source',
  comment: 'suggestion_comment',
  grade: 'suggestion_grade',
  adopted: 'suggestion_adopted',
  owner: 'suggestion_owner',
  deadline: 'suggestion_deadline',
} as const;

/** MEET-2: the "Mark as submitted" button of a report-deadline reminder (value: the report_deadline id). */
export const MEETINGS_ACTIONS = {
  markSubmitted: 'report_mark_submitted',
} as const;

/** INC-1..4: the buttons of an incident card (value: the incident id; `safe`: "incidentId:employeeId"). */
export const INCIDENT_ACTIONS = {
  acknowledge: 'incident_acknowledge',
  update: 'incident_update',
  resolve: 'incident_resolve',
  sickLeave: 'incident_sick_leave',
  excuse: 'incident_excuse',
  safe: 'incident_safe',
} as const;

/** The incident modals (private_metadata: the incident id for update and resolve). */
export const INCIDENT_VIEWS = {
  report: 'incident_report',
  update: 'incident_update_modal',
  resolve: 'incident_resolve_modal',
} as const;

/** Input blocks of the incident modals; each has one element whose action id is INPUT. */
export const INCIDENT_BLOCKS = {
  type: 'incident_type',
  occurredDate: 'incident_occurred_date',
  occurredTime: 'incident_occurred_time',
  description: 'incident_description',
  actions: 'incident_actions',
  recoveryDate: 'incident_recovery_date',
  recoveryTime: 'incident_recovery_time',
  subject: 'incident_subject',
  note: 'incident_note',
  classification: 'incident_classification',
} as const;

/** PERF-1: the "Open the summary form" button of the summary reminder. */
export const PERF_ACTIONS = {
  openSummary: 'summary_open',
} as const;

export const PERF_VIEWS = {
  summary: 'daily_summary',
} as const;

/** Input blocks of the daily work summary modal; each has one element whose action id is INPUT. */
export const SUMMARY_BLOCKS = {
  date: 'summary_date',
  callsMade: 'summary_calls_made',
  callsConnected: 'summary_calls_connected',
  questionnairesCompleted: 'summary_questionnaires',
  orders: 'summary_orders',
  customerIssues: 'summary_customer_issues',
  callType: 'summary_call_type',
} as const;

/** PERF-9: the Score button of a QA sample (value: the qa_sample id) and its modal (private_metadata: { id }). */
export const QUALITY_ACTIONS = {
  score: 'qa_score',
} as const;

export const QUALITY_VIEWS = {
  score: 'qa_score',
} as const;

/** Input blocks of the QA modal: one per checklist item (`qa_item_<key>`), the blacklist in checkbox blocks of ten (`qa_blacklist_<n>`). */
export const QUALITY_BLOCKS = {
  item: (key: string) => `qa_item_${key}`,
  blacklist: (n: number) => `qa_blacklist_${n}`,
} as const;

/** MEET-1: the invitation's Attend / Request leave and the host's Record attendance (value: the meeting id). */
export const MEETING_ACTIONS = {
  attend: 'meeting_attend',
  requestLeave: 'meeting_request_leave',
  recordAttendance: 'meeting_record_attendance',
} as const;

export const MEETING_VIEWS = {
  announce: 'meeting_announce',
  attendance: 'meeting_attendance',
} as const;

/** Input blocks of the MEET-1 modals; each has one element whose action id is INPUT. */
export const MEETING_BLOCKS = {
  topic: 'meeting_topic',
  date: 'meeting_date',
  time: 'meeting_time',
  place: 'meeting_place',
  attendees: 'meeting_attendees',
  host: 'meeting_host',
  present: 'meeting_present',
  minutes: 'meeting_minutes',
} as const;

/** Issue 11 routine: the brief's check-in (value "teamId|date"), the report's send button (value "teamId|date"), the handover's acknowledge (value: its id). */
export const ROUTINE_ACTIONS = {
  briefCheckIn: 'routine_brief_check_in',
  reportOpen: 'routine_report_open',
  handoverAcknowledge: 'routine_handover_ack',
} as const;

export const ROUTINE_VIEWS = {
  report: 'routine_report',
  handover: 'routine_handover',
} as const;

/** Input blocks of the routine modals; each has one element whose action id is INPUT. */
export const ROUTINE_BLOCKS = {
  problems: 'routine_problems',
  measures: 'routine_measures',
  received: 'routine_received',
  handled: 'routine_handled',
  open: 'routine_open',
  notes: 'routine_notes',
} as const;
