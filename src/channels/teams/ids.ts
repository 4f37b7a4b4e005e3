/**
 * Every id of the Teams channel in one place: the command words typed to the
 * bot, the verbs of the cards' Action.Execute buttons and the ids of their inputs.
 */

/** First words handled on Teams (handlers register them; the manifest's command list must match, see manifests/teams). */
export const TEAMS_COMMANDS = {
  help: 'help',
  leave: 'leave',
  clock: 'clock',
  summary: 'summary',
  suggest: 'suggest',
  record: 'record',
  pay: 'pay',
  training: 'training',
  plan: 'plan',
  exam: 'exam',
  incident: 'incident',
  /** MEET-1: a team leader's note for the next pre-shift brief. */
  brief: 'brief',
} as const;

/** Slack's command words not yet on Teams: they answer so, honestly (interfaces.md section 3 lists them). */
export const NOT_YET_ON_TEAMS: readonly string[] = [];

/** `verb` of each Action.Execute (the invoke `adaptiveCard/action` carries it back). */
export const VERBS = {
  leaveSubmit: 'leave.submit',
  leaveApprove: 'leave.approve',
  leaveReject: 'leave.reject',
  /** TRAIN-1: Check in on the weekly study reminder (data: sessionId). */
  trainingCheckIn: 'training.checkIn',
  /** MEET-2: Mark as submitted on a report deadline reminder (data: deadlineId). */
  reportSubmitted: 'meetings.reportSubmitted',
  /** Issue 11: Check in on the pre-shift brief (data: teamId, date); Acknowledge on a shift handover (data: handoverId). */
  briefCheckIn: 'routine.briefCheckIn',
  handoverAcknowledge: 'routine.handoverAcknowledge',
  /** PERF-1: the summary reminder's button opens the form (data: date); the form's Submit. */
  summaryOpen: 'summary.open',
  summarySubmit: 'summary.submit',
  /** SUGG-1: the suggestion form's Submit. */
  suggestionSubmit: 'suggestion.submit',
  /** SUGG-2: the team leader's Forward; Return opens the comment form, whose Submit returns (data: id). */
  suggestionForward: 'suggestion.forward',
  suggestionReturn: 'suggestion.return',
  suggestionReturnSubmit: 'suggestion.returnSubmit',
  /** SUGG-2: the center manager's Rate opens the rating form, whose Submit rates (data: id). */
  suggestionRate: 'suggestion.rate',
  suggestionRateSubmit: 'suggestion.rateSubmit',
  /** SUGG-2: the owner's Mark done (data: id). */
  suggestionDone: 'suggestion.done',
  /** TRAIN-2: the plan reminder's button opens the form (data: weekStart); the form's Submit. */
  planOpen: 'training.planOpen',
  planSubmit: 'training.planSubmit',
  /** TRAIN-3: the exam score form's Submit. */
  examSubmit: 'training.examSubmit',
  /** LATE-5: the employee's explanation (data: explanationId) and the approver's decision. */
  explanationSubmit: 'explanation.submit',
  explanationAccept: 'explanation.accept',
  explanationReject: 'explanation.reject',
  /** LATE-7: Excuse on the tally (data: employeeId, date) opens the form; its Submit excuses. */
  excuseForm: 'lateness.excuseForm',
  excuseSubmit: 'lateness.excuse',
  /** INC-1..4: the report form's Submit and the incident card's steps (data: incidentId). */
  incidentSubmit: 'incident.submit',
  incidentAcknowledge: 'incident.acknowledge',
  incidentUpdateForm: 'incident.updateForm',
  incidentUpdate: 'incident.update',
  incidentResolveForm: 'incident.resolveForm',
  incidentResolve: 'incident.resolve',
  incidentSafe: 'incident.safe',
  incidentSickLeave: 'incident.sickLeave',
  incidentExcuse: 'incident.excuse',
  /** Back from a step's form to the incident card. */
  incidentCard: 'incident.card',
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

/** Input ids of the daily summary form card (PERF-1). */
export const SUMMARY_INPUTS = {
  date: 'summaryDate',
  callsMade: 'summaryCallsMade',
  callsConnected: 'summaryCallsConnected',
  questionnairesCompleted: 'summaryQuestionnaires',
  orders: 'summaryOrders',
  customerIssues: 'summaryCustomerIssues',
  callType: 'summaryCallType',
} as const;

/** Input ids of the suggestion form, Return and Rate cards (SUGG-1, SUGG-2). */
export const SUGGESTION_INPUTS = {
  title: 'suggestionTitle',
  currentPractice: 'suggestionCurrentPractice',
  proposal: 'suggestionProposal',
  remarks: 'suggestionRemarks',
  source: 'suggestionSource',
  grade: 'suggestionGrade',
  adopted: 'suggestionAdopted',
  ownerId: 'suggestionOwner',
  deadline: 'suggestionDeadline',
  comment: 'suggestionComment',
} as const;

/** Input ids of the training plan (TRAIN-2) and exam score (TRAIN-3) form cards. */
export const TRAINING_INPUTS = {
  planText: 'planText',
  examEmployee: 'examEmployee',
  examMonth: 'examMonth',
  examScore: 'examScore',
} as const;

/** Input ids of the LATE-5 explanation and LATE-7 excuse forms. */
export const LATENESS_INPUTS = {
  explanation: 'explanationText',
  excuseReason: 'excuseReason',
} as const;

/** Input ids of the incident report, update and resolve forms. */
export const INCIDENT_INPUTS = {
  type: 'incidentType',
  occurredDate: 'incidentOccurredDate',
  occurredTime: 'incidentOccurredTime',
  description: 'incidentDescription',
  actions: 'incidentActions',
  subject: 'incidentSubject',
  recoveryDate: 'incidentRecoveryDate',
  recoveryTime: 'incidentRecoveryTime',
  classification: 'incidentClassification',
  note: 'incidentNote',
} as const;
