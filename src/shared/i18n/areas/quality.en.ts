/** English messages of the quality area (PERF-9 QA sampling; keys start with "quality."); zh-CN beside it must define the same keys. */
export const qualityEn = {
  'quality.jobs.qa_sampling': 'PERF-9: the day\'s QA samples (perf.qa.samplesPerAgent calls per outbound agent working today) sent to the outbound manager',

  'quality.sampling.title': 'QA sampling for {date}: {count} calls to score',
  'quality.sampling.part': '(part {part} of {parts})',
  'quality.sampling.line': '{name}: call no. {n} of {date}',
  'quality.sampling.scored': 'scored {score}/100',
  'quality.sampling.how': 'A call is the agent\'s Nth call of the day (we hold no call records). Score each on the PERF-9 checklist.',
  'quality.sampling.score_on_slack': 'Scoring is done on Slack (the Score button of this list there).',
  'quality.sampling.score_button': 'Score',

  'quality.modal.title': 'QA score',
  'quality.modal.submit': 'Save score',
  'quality.modal.cancel': 'Cancel',
  'quality.modal.intro': '{name} · {date} · call no. {n}',
  'quality.modal.rescore': 'Already scored {score}/100: a new score replaces it (the change is audited).',
  'quality.modal.blacklist': 'Service-phrase blacklist (服务忌语): tick each phrase heard (−{penalty} each)',
  'quality.modal.blacklist_more': 'Service-phrase blacklist, continued',

  'quality.checklist.greeting_closing': 'Greeting and closing (0–{max})',
  'quality.checklist.tone': 'Tone and voice (0–{max})',
  'quality.checklist.polite_phrases': 'Polite and service phrases (0–{max})',
  'quality.checklist.attention_listening': 'Attention and listening (0–{max})',
  'quality.checklist.accuracy': 'Accuracy of information (0–{max})',
  'quality.checklist.questionnaire_completeness': 'Questionnaire completeness (0–{max})',

  'quality.score.notice': 'QA score of your call no. {n} on {date}: {score}/100 (checklist {checklist}, −{deduction} for blacklist phrases), scored by {scorer}.',
  'quality.score.phrases': 'Blacklist phrases heard: {phrases}',
  'quality.score.replaced': 'This replaces the earlier score {previous}.',

  'quality.error.invalid': 'The score is not complete; see the fields.',
  'quality.error.points': 'Give 0 to {max} points.',
  'quality.error.blacklist': 'Unknown blacklist phrase: {ids}.',
  'quality.error.scorers_only': 'Only the outbound manager scores QA samples (PERF-9).',
  'quality.error.not_found': 'QA sample {id} does not exist.',
  'quality.error.try_again': 'This sample was scored by someone else just now; open it again.',
} as const;
