/** English messages of the Teams channel (keys start with "teams."); zh-CN beside it must define the same keys. */
export const teamsEn = {
  'teams.help':
    'banzhang on Teams (type the words to me here, or @mention me in a channel):\n• leave [sick|personal|rest|meeting] — request leave\n• leave list — my requests and those waiting for me\n• leave return — report back from leave\n• clock in|out|status — clock in or out, or see today\n• incident [fire|illness|power-outage|…] — report an incident\n• summary — the daily work summary form\n• suggest [list] — the suggestion form, or my suggestions and those waiting for me\n• record [employee id] — training record\n• pay [YYYY-MM] — my pay statement\n• training topic TEXT | attendance [YYYY-MM-DD] — study session (organizers)\n• plan — the training plan of the week (the outbound and complaint managers)\n• exam — record an exam score (organizers)\n• help — this help',
  'teams.not_yet': '"{command}" is not available on Teams yet (it works on Slack). Type help for what works here.',
  'teams.unknown_command': 'Unknown command "{word}". Type help for the list.',
  'teams.bad_argument': 'Unknown argument "{arg}". Use: {usage}',
  'teams.already_handled': 'This was already handled; nothing changed.',
  'teams.card_outdated': 'This card is out of date; nothing changed.',
  'teams.sent_privately': 'Sent to your personal chat with banzhang (a channel is not the place for it).',
  'teams.form_problems': 'Not saved; please correct:',
  'teams.suggestion.owner_id': 'Owner (employee id, e.g. E001; when adopted)',

  'teams.leave.proof_hint': 'On Teams the medical proof is not attached to the form: hand it to your approver within {days} days (LEAVE-3).',
  'teams.leave.emergency_on': 'Yes',
  'teams.leave.form_problems': 'The request was not filed:',
  'teams.leave.submitted': 'Filed: {type} request #{id} ({dates}), sent to {approver}. You will be told here when it is decided.',
  'teams.leave.reject_reason': 'Reason for the employee (needed to reject)',
  'teams.leave.reject_needs_reason': 'Write a reason for the employee, then press Reject.',

  'teams.explanation.sent': 'Sent to your approver; you will be told here when it is decided.',

  'teams.unreachable_person':
    'banzhang cannot reach {name} on Teams yet: the banzhang app is not installed for them. Ask them to install it (or to send banzhang a message); until then the messages for them are not delivered.',
  'teams.unreachable_channel':
    'banzhang cannot post to the Teams channel of {team} yet: add the banzhang app to that team; until then its posts are not delivered.',
} as const;
