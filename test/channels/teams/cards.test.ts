/**
 * The Teams card builders are pure: view-model in, Adaptive Card JSON out.
 * Every card they build is snapshot-tested and passes the validator of the
 * rules the cards live by (cards/validate.ts), which is itself tested here.
 */
import { describe, expect, it } from 'vitest';
import { excusedCard, excuseFormCard, explanationApprovalCard, explanationRequestCard, explanationSentCard, teamsExplanationRenderer } from '../../../src/channels/teams/cards/explanation-cards.ts';
import { incidentCard, incidentFiledCard, incidentFormCard, incidentResolveCard, incidentUpdateCard } from '../../../src/channels/teams/cards/incident-cards.ts';
import type { IncidentView } from '../../../src/features/incidents/incident-view.ts';
import type { ExplanationView } from '../../../src/features/lateness/explanation-service.ts';
import { approvalCard, leaveFormCard, leaveSubmittedCard, teamsLeaveRenderer } from '../../../src/channels/teams/cards/leave-cards.ts';
import { validateCard } from '../../../src/channels/teams/cards/validate.ts';
import { commandWords } from '../../../src/channels/teams/commands.ts';
import { conversationOf } from '../../../src/channels/teams/conversation-store.ts';
import { activityOf } from '../../../src/channels/teams/teams-transport.ts';
import type { LeaveCardView } from '../../../src/features/leave/leave-view.ts';
import type { SuggestionView } from '../../../src/features/suggestions/suggestion-view.ts';
import { submittedSuggestion } from '../../support/suggestion-fixture.ts';
import { examFormCard, examSavedCard } from '../../../src/channels/teams/cards/exam-cards.ts';
import { rateFormCard, returnFormCard, suggestionFiledCard, suggestionFormCard, teamsOwnerCard, teamsRatingCard, teamsReviewCard, teamsSuggestionRenderer } from '../../../src/channels/teams/cards/suggestion-cards.ts';
import { summaryFormCard, summarySavedCard, teamsSummaryReminder } from '../../../src/channels/teams/cards/summary-cards.ts';
import { planFormCard, planReceivedCard } from '../../../src/channels/teams/cards/training-plan-cards.ts';

const pending: LeaveCardView = {
  requestId: 7,
  employee: { id: 'E001', name: '张三' },
  approverName: '部门负责人',
  type: 'sick',
  startDate: '2026-11-24',
  endDate: '2026-11-24',
  part: 'morning',
  reason: '',
  emergency: false,
  proof: 'follows',
  flags: ['sick-proof-pending'],
  cost: { totalFen: 552, losesFullAttendance: false, fullAttendanceFen: 20000, lines: [] },
  coverage: { date: '2026-11-24', othersOff: [{ name: 'Li Si', why: 'leave' }], remaining: [{ segment: 'morning', working: 2, scheduled: 3 }] },
  escalatedFrom: { name: '班长' },
  status: 'pending',
  decidedBy: null,
  decisionNote: null,
};
const approved: LeaveCardView = { ...pending, status: 'approved', decidedBy: { name: '部门负责人', at: '2026-11-23T01:05:00.000Z' } };
const rejected: LeaveCardView = { ...pending, type: 'personal', part: 'full', reason: 'wedding', flags: [], escalatedFrom: null, status: 'rejected', decidedBy: { name: '部门负责人', at: '2026-11-23T01:05:00.000Z' }, decisionNote: 'short-staffed' };

describe('Teams leave cards', () => {
  const cards = {
    'form, sick preset (zh-CN)': leaveFormCard({ locale: 'zh-CN', type: 'sick', today: '2026-11-23', proofGraceDays: 3 }),
    'form with the employee\'s values and LEAVE-2 problems (en)': leaveFormCard({
      locale: 'en',
      today: '2026-11-23',
      proofGraceDays: 3,
      values: { type: 'personal', start: '2026-11-20', end: '', part: 'full', reason: 'x', emergency: false },
      errors: { startDate: ['Personal leave must be asked for in advance'], reason: ['Personal leave needs a reason'] },
    }),
    'submitted receipt (zh-CN)': leaveSubmittedCard(pending, 'zh-CN'),
    'approval card, pending, escalated (en)': approvalCard(pending, 'en').card,
    'approval card, approved (zh-CN)': approvalCard(approved, 'zh-CN').card,
    'approval card, rejected with a note (en)': approvalCard(rejected, 'en').card,
  };

  for (const [name, card] of Object.entries(cards)) {
    it(`${name}: valid by the card rules and as snapshotted`, () => {
      expect(validateCard(card)).toEqual([]);
      expect(card).toMatchSnapshot();
    });
  }

  it('LEAVE-5: the pending card has Approve / Reject (Action.Execute with the request id) and a reason input; a decided one has neither and says who decided', () => {
    const p = approvalCard(pending, 'en');
    expect(p.card.actions).toEqual([
      expect.objectContaining({ type: 'Action.Execute', verb: 'leave.approve', data: { requestId: 7 }, title: 'Approve' }),
      expect.objectContaining({ type: 'Action.Execute', verb: 'leave.reject', data: { requestId: 7 }, title: 'Reject' }),
    ]);
    expect(JSON.stringify(p.card)).toContain('"id":"rejectReason"');
    expect(p.text).toBe('Leave request #7: 张三, sick leave 2026-11-24 (morning)');
    const a = approvalCard(approved, 'en');
    expect(a.card.actions).toBeUndefined();
    expect(JSON.stringify(a.card)).not.toContain('rejectReason');
    expect(JSON.stringify(a.card)).toContain('Approved by 部门负责人 at 2026-11-23 01:05Z');
    expect(JSON.stringify(approvalCard(rejected, 'zh-CN').card)).toContain('备注：short-staffed');
  });

  it('LEAVE-8: the card shows the deduction and the full-attendance bonus; LEAVE-4: why it came to this approver', () => {
    const text = JSON.stringify(approvalCard(pending, 'en').card);
    expect(text).toContain('Deduction ¥5.52; the full-attendance bonus is kept');
    expect(text).toContain('Also off: Li Si (approved)');
    expect(text).toContain('morning: 2 of 3 on duty');
    expect(text).toContain('Sent to you because 班长 is absent that day.');
    const lost = JSON.stringify(approvalCard({ ...pending, cost: { ...pending.cost, losesFullAttendance: true } }, 'zh-CN').card);
    expect(lost).toContain('取消当月全勤奖');
  });

  it('notices are plain text in the reader\'s locale (no card); LATE-5: the explanation request is a card with the box and Explain', () => {
    expect(teamsLeaveRenderer.decidedNotice(rejected, 'zh-CN')).toEqual({ text: '你的事假申请 #7（2026-11-24）已被 部门负责人 驳回。\n备注：short-staffed' });
    expect(teamsLeaveRenderer.filedNotice(pending, 'en').text).toBe('Your sick leave request #7 (2026-11-24 (morning)) was sent to 部门负责人 for approval.');
    const asked = teamsExplanationRenderer.request({ id: 1, employee: { id: 'E002', name: 'Li Si' }, date: '2026-11-23', segment: 'morning', kind: 'late', minutes: 60, status: 'requested', text: null, decidedBy: null }, 'en');
    expect(asked.text).toContain('60 minute(s) late');
    expect(JSON.stringify(asked.blocks ?? (asked as { card?: unknown }).card)).toContain('explanation.submit');
  });
});

describe('card validator', () => {
  const ok = { type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text: 'x' }] };
  it('accepts a minimal card and refuses what Teams would not render or what the cards must not do', () => {
    expect(validateCard(ok)).toEqual([]);
    expect(validateCard({ ...ok, type: 'HeroCard' })).toEqual(['type must be AdaptiveCard (got "HeroCard")']);
    expect(validateCard({ ...ok, version: '1.6' })[0]).toContain('version must be 1.0 to 1.5');
    expect(validateCard({ ...ok, body: [{ type: 'Media', sources: [] }] })).toEqual(['body[0]: element type "Media" is not allowed']);
    expect(validateCard({ ...ok, body: [{ type: 'Image', url: 'https://x' }] })).toEqual(['body[0] (Image): an image needs altText']);
    expect(validateCard({ ...ok, actions: [{ type: 'Action.OpenUrl', title: 'go', url: 'https://x' }] })).toEqual(['actions[0]: action type "Action.OpenUrl" is not allowed']);
    expect(validateCard({ ...ok, version: '1.3', actions: [{ type: 'Action.Execute', title: 'go', verb: 'v' }] })).toEqual(['actions[0]: Action.Execute needs version 1.4 or later']);
    expect(validateCard({ ...ok, actions: [{ type: 'Action.Execute', title: 'go' }] })).toEqual(['actions[0]: Action.Execute needs a verb']);
    expect(validateCard({ ...ok, body: [{ type: 'Input.Text' }] })).toEqual(['body[0] (Input.Text): an input needs an id']);
    expect(
      validateCard({
        ...ok,
        body: [
          { type: 'Input.Text', id: 'a' },
          { type: 'Container', items: [{ type: 'ColumnSet', columns: [{ type: 'Column', items: [{ type: 'Input.Date', id: 'a' }] }] }] },
        ],
      }),
    ).toEqual(['body[1] (Container).items[0] (ColumnSet).columns[0].items[0] (Input.Date): id "a" is already used at body[0] (Input.Text)']);
    expect(validateCard({ ...ok, body: [{ type: 'Input.ChoiceSet', id: 'c', choices: [{ title: 'x' }] }, { type: 'FactSet', facts: [] }] })).toEqual([
      'body[0] (Input.ChoiceSet).choices[0]: needs a title and a value',
      'body[1] (FactSet): facts must be a non-empty array',
    ]);
  });
});

describe('what Teams sends, read as banzhang reads it', () => {
  it('command words: the @mention, a Slack-style slash and the app name are dropped', () => {
    expect(commandWords('<at>banzhang</at> leave sick')).toEqual(['leave', 'sick']);
    expect(commandWords('<at>班长</at>&nbsp;clock  in ')).toEqual(['clock', 'in']);
    expect(commandWords('/leave list')).toEqual(['leave', 'list']);
    expect(commandWords('banzhang help')).toEqual(['help']);
    expect(commandWords('  ')).toEqual([]);
  });

  it('conversation references: a personal chat under the AAD object id; a channel thread as its channel; a group chat not at all', () => {
    const base = { type: 'message', serviceUrl: 'https://smba.trafficmanager.net/apac/', channelId: 'msteams', recipient: { id: '28:app', name: 'banzhang' } };
    expect(
      conversationOf({ ...base, from: { id: '29:x', name: 'A', aadObjectId: 'aad-1' }, conversation: { id: 'a:1', conversationType: 'personal', tenantId: 't1', isGroup: false, name: '' } }),
    ).toMatchObject({ key: 'aad-1', kind: 'personal', conversationId: 'a:1', tenantId: 't1', reference: { bot: { id: '28:app' }, user: { aadObjectId: 'aad-1' } } });
    expect(
      conversationOf({
        ...base,
        from: { id: '29:x', name: 'A', aadObjectId: 'aad-1' },
        conversation: { id: '19:c@thread.tacv2;messageid=123', conversationType: 'channel', isGroup: true, name: '' },
        channelData: { tenant: { id: 't1' }, channel: { id: '19:c@thread.tacv2' } },
      }),
    ).toMatchObject({ key: '19:c@thread.tacv2', kind: 'channel', conversationId: '19:c@thread.tacv2', tenantId: 't1' });
    expect(conversationOf({ ...base, from: { id: '29:x', name: 'A', aadObjectId: 'aad-1' }, conversation: { id: '19:g', conversationType: 'groupChat', isGroup: true, name: '' } })).toBeNull();
  });

  it('an outbox payload becomes a card attachment with the text as summary, or plain text', () => {
    expect(activityOf({ text: 'hi' })).toEqual({ type: 'message', text: 'hi', textFormat: 'plain' });
    expect(activityOf({ text: 'hi', card: { type: 'AdaptiveCard' } })).toEqual({ type: 'message', summary: 'hi', attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: { type: 'AdaptiveCard' } }] });
  });
});

const fire: IncidentView = {
  id: 3,
  type: 'fire',
  status: 'open',
  outage: false,
  occurredAt: '2026-06-01 10:00',
  filedAt: '2026-06-01 10:01',
  description: '茶水间冒烟',
  actionsTaken: '已用灭火器',
  recoveryAt: null,
  durationMinutes: null,
  recorder: { id: 'E001', name: '张三' },
  subject: null,
  acknowledged: null,
  escalated: { at: '2026-06-01 10:11', afterMinutes: 10 },
  classification: null,
  resolved: null,
  checklist: ['incidents.checklist.fire.calm', 'incidents.checklist.fire.stairs'],
  timeline: [{ at: '2026-06-01 10:01', actor: '张三', kind: 'filed', text: '' }],
  rollCall: [
    { employeeId: 'E001', name: '张三', safeAt: '10:02' },
    { employeeId: 'E400', name: '班长', safeAt: null },
  ],
  staffing: null,
  sickLeave: null,
  excused: false,
};
const outage: IncidentView = {
  ...fire,
  id: 4,
  type: 'power-outage',
  status: 'resolved',
  outage: true,
  escalated: null,
  checklist: [],
  rollCall: null,
  recoveryAt: '2026-06-01 10:40',
  durationMinutes: 40,
  classification: 'local-terminal',
  acknowledged: { name: '班长', at: '2026-06-01 10:03' },
  resolved: { name: '班长', at: '2026-06-01 10:41' },
  timeline: [
    { at: '2026-06-01 10:01', actor: '张三', kind: 'filed', text: '' },
    { at: '2026-06-01 10:41', actor: '班长', kind: 'resolved', text: '已恢复', recoveryAt: '2026-06-01 10:40' },
  ],
};
const explained: ExplanationView = { id: 5, employee: { id: 'E002', name: 'Li Si' }, date: '2026-11-23', segment: 'morning', kind: 'late', minutes: 35, status: 'submitted', text: 'the bus broke down', decidedBy: null };

describe('Teams incident and lateness cards (INC-1..4, LATE-5, LATE-7)', () => {
  const actionsOf = (card: unknown): string[] => (JSON.stringify(card).match(/"verb":"[^"]+"/g) ?? []).map((v) => v.slice(8, -1));
  const cards = {
    'INC-2 report form, fire preset (zh-CN)': incidentFormCard({ locale: 'zh-CN', type: 'fire', today: '2026-06-01', time: '10:00', people: [{ id: 'E002', name: 'Li Si' }] }),
    'INC-2 report form refused, with the values (en)': incidentFormCard({ locale: 'en', today: '2026-06-01', time: '10:00', people: [], values: { type: 'illness', description: 'fainted' }, errors: ['For an acute illness, name the person taken ill.'] }),
    'INC-2 filed receipt (zh-CN)': incidentFiledCard(fire, 'zh-CN'),
    'INC-2 fire, the channel post with the roll call (zh-CN)': incidentCard(fire, 'zh-CN', 'channel').card,
    'INC-4 fire, the manager\'s card (en)': incidentCard(fire, 'en', 'manager').card,
    'INC-3 outage resolved (en)': incidentCard(outage, 'en', 'leader').card,
    'INC-3 update form (zh-CN)': incidentUpdateCard({ ...outage, status: 'acknowledged' }, 'zh-CN'),
    'INC-3 resolve form with a problem (en)': incidentResolveCard({ ...outage, status: 'acknowledged', recoveryAt: null, classification: null }, 'en', { today: '2026-06-01', time: '10:45' }, 'Judge the outage first: provincial system or local terminal.'),
    'LATE-5 request (en)': explanationRequestCard({ ...explained, status: 'requested', text: null }, 'en').card,
    'LATE-5 explained receipt (zh-CN)': explanationSentCard(explained, 'zh-CN'),
    'LATE-5 approver card (en)': explanationApprovalCard(explained, 'en').card,
    'LATE-5 approver card decided (zh-CN)': explanationApprovalCard({ ...explained, status: 'accepted', decidedBy: '部门负责人' }, 'zh-CN').card,
    'LATE-7 excuse form (zh-CN)': excuseFormCard('zh-CN', { employeeId: 'E001', date: '2026-11-23', name: '张三' }),
    'LATE-7 excused (en)': excusedCard('en', { name: '张三', date: '2026-11-23', reason: 'system down' }),
  };
  for (const [name, card] of Object.entries(cards)) {
    it(`${name}: valid by the card rules and as snapshotted`, () => {
      expect(validateCard(card)).toEqual([]);
      expect(card).toMatchSnapshot();
    });
  }

  it('INC-2/INC-3: the buttons follow the state: acknowledge while open, update and resolve until resolved, the excuse once an outage is resolved; I\'m safe only on the channel post, only for those not yet safe', () => {
    expect(actionsOf(incidentCard(fire, 'zh-CN', 'channel').card)).toEqual(['incident.safe', 'incident.acknowledge', 'incident.updateForm', 'incident.resolveForm']);
    expect(JSON.stringify(incidentCard(fire, 'zh-CN', 'channel').card)).toContain('"data":{"incidentId":3,"employeeId":"E400"}');
    expect(actionsOf(incidentCard(fire, 'zh-CN', 'leader').card)).toEqual(['incident.acknowledge', 'incident.updateForm', 'incident.resolveForm']);
    expect(actionsOf(incidentCard(outage, 'zh-CN', 'leader').card)).toEqual(['incident.excuse']);
    expect(actionsOf(incidentCard({ ...outage, excused: true }, 'zh-CN', 'leader').card)).toEqual([]);
    expect(actionsOf(incidentCard({ ...fire, type: 'illness', rollCall: null, subject: { id: 'E002', name: 'Li Si' } }, 'en', 'leader').card)).toContain('incident.sickLeave');
    expect(JSON.stringify(incidentCard(outage, 'en', 'leader').card)).toContain('local terminal');
    expect(incidentCard(fire, 'en', 'manager').text).toContain('🚨 Not acknowledged within 10 minutes');
  });

  it('LATE-5: the approver\'s card has Accept / Reject while submitted, the decision after; LATE-7: the excuse form posts its target', () => {
    expect(actionsOf(explanationApprovalCard(explained, 'en').card)).toEqual(['explanation.accept', 'explanation.reject']);
    expect(actionsOf(explanationApprovalCard({ ...explained, status: 'rejected', decidedBy: 'X' }, 'en').card)).toEqual([]);
    expect(teamsExplanationRenderer.decided({ ...explained, status: 'rejected', decidedBy: '部门负责人' }, 'en').text).toContain('your explanation was rejected by 部门负责人');
    expect(JSON.stringify(excuseFormCard('en', { employeeId: 'E001', date: '2026-11-23', name: '张三' }))).toContain('"verb":"lateness.excuse","data":{"employeeId":"E001","date":"2026-11-23"}');
  });
});

describe('Teams cards of summary, suggestions, training and exam (PERF-1, SUGG-1..2, TRAIN-2..3)', () => {
  const view: SuggestionView = { ...submittedSuggestion, id: 3, remarks: '' };
  const forwarded: SuggestionView = { ...view, status: 'forwarded', reviewedAt: '2026-11-23 10:05', rater: { name: '中心经理' } };
  const adopted: SuggestionView = { ...forwarded, status: 'adopted', ratedAt: '2026-11-23 11:00', grade: 'B', adopted: true, ratingComment: '下周试行', owner: { name: 'Li Si' }, deadline: '2026-11-30' };
  const done: SuggestionView = { ...adopted, status: 'done', doneAt: '2026-11-25 09:00' };
  const cards = {
    'PERF-1 summary form (en)': summaryFormCard({ locale: 'en', date: '2026-11-25', callTypes: [] }),
    'PERF-1 summary form with call types, values and errors (zh-CN)': summaryFormCard({
      locale: 'zh-CN',
      date: '2026-11-25',
      callTypes: ['survey', 'marketing'],
      values: { date: '2026-11-22', callsMade: '50', callsConnected: '60', callType: 'survey' },
      errors: { summaryDate: '2026-11-22 不是你的工作日。', summaryCallsConnected: '接通次数（60）不能多于拨打次数（50）。' },
    }),
    'PERF-1 summary saved (zh-CN)': summarySavedCard('zh-CN', '2026-11-25 的每日工作总结已保存\n问卷完成 58/60：扣 2 分。'),
    'SUGG-1 form (zh-CN)': suggestionFormCard({ locale: 'zh-CN', date: '2026-11-23', department: '外呼一组', name: '张三', position: 'outbound_agent' }),
    'SUGG-1 form with errors (en)': suggestionFormCard({ locale: 'en', date: '2026-11-23', department: 'Team A', name: 'Li Si', position: 'outbound_agent', values: { title: 'x' }, errors: { suggestionProposal: 'Required' } }),
    'SUGG-2 review card, submitted (zh-CN)': teamsReviewCard(view, 'zh-CN').card,
    'SUGG-2 review card, forwarded (en)': teamsReviewCard(forwarded, 'en').card,
    'SUGG-2 rating card, forwarded (zh-CN)': teamsRatingCard(forwarded, 'zh-CN').card,
    'SUGG-2 owner card, adopted (en)': teamsOwnerCard(adopted, 'en').card,
    'SUGG-2 owner card, done (zh-CN)': teamsOwnerCard(done, 'zh-CN').card,
    'SUGG-2 return form (zh-CN)': returnFormCard({ locale: 'zh-CN', view }),
    'SUGG-2 rate form with errors (en)': rateFormCard({ locale: 'en', view: forwarded, grades: ['A', 'B', 'C'], today: '2026-11-23', values: { grade: 'B', adopted: 'yes' }, errors: { suggestionOwner: 'Pick the owner' } }),
    'SUGG-2 rate form, owner chosen among the active employees (zh-CN)': rateFormCard({ locale: 'zh-CN', view: forwarded, grades: ['A', 'B'], today: '2026-11-23', owners: [{ id: 'E002', name: 'Li Si' }, { id: 'E003', name: '王五' }] }),
    'SUGG-1 filed (zh-CN)': suggestionFiledCard(view, 'zh-CN'),
    'TRAIN-2 plan form (zh-CN)': planFormCard({ locale: 'zh-CN', weekStart: '2026-05-11', content: '周三：新话术演练' }),
    'TRAIN-2 plan received (en)': planReceivedCard('en', '2026-05-11', true),
    'TRAIN-3 exam form, choices (zh-CN)': examFormCard({ locale: 'zh-CN', employees: [{ id: 'E001', name: '张三' }], month: '2026-05' }),
    'TRAIN-3 exam form, id field for a large org, with an error (en)': examFormCard({
      locale: 'en',
      employees: Array.from({ length: 101 }, (_, i) => ({ id: `E${i}`, name: `N${i}` })),
      month: '2026-05',
      values: { employee: 'E9', score: '101' },
      errors: { examScore: 'Invalid score' },
    }),
    'TRAIN-3 exam saved (zh-CN)': examSavedCard('zh-CN', '已记录：张三，2026-05：92 分。'),
  };
  for (const [name, card] of Object.entries(cards)) {
    it(`${name}: valid by the card rules and as snapshotted`, () => {
      expect(validateCard(card)).toEqual([]);
      expect(card).toMatchSnapshot();
    });
  }

  it('SUGG-2: each card has its step\'s buttons (the suggestion id as data) only while it is that step; after, the history line says who and when', () => {
    const verbs = (card: { actions?: Array<Record<string, unknown>> }) => (card.actions ?? []).map((a) => `${String(a.verb)} ${JSON.stringify(a.data)}`);
    expect(verbs(teamsReviewCard(view, 'en').card)).toEqual(['suggestion.forward {"id":3}', 'suggestion.return {"id":3}']);
    expect(verbs(teamsReviewCard(forwarded, 'en').card)).toEqual([]);
    expect(JSON.stringify(teamsReviewCard(forwarded, 'en').card)).toContain('➡️ Forwarded by 班长 at 2026-11-23 10:05');
    expect(verbs(teamsRatingCard(forwarded, 'en').card)).toEqual(['suggestion.rate {"id":3}']);
    expect(verbs(teamsRatingCard(adopted, 'en').card)).toEqual([]);
    expect(verbs(teamsOwnerCard(adopted, 'en').card)).toEqual(['suggestion.done {"id":3}']);
    expect(verbs(teamsOwnerCard(done, 'en').card)).toEqual([]);
    expect(JSON.stringify(teamsOwnerCard(done, 'en').card)).toContain('🎉 Marked done by Li Si at 2026-11-25 09:00');
    expect(JSON.stringify(teamsOwnerCard(done, 'en').card)).not.toMatch(/:[a-z_]+:/);
    // The submitter's notice is a text card; the reminder of PERF-1 and TRAIN-2 open their forms.
    expect(teamsSuggestionRenderer.submitterNotice(adopted, 'adopted', 'en').text).toContain('B');
    expect(teamsSummaryReminder({ locale: 'en', date: '2026-11-25', name: 'Li Si' }).card!.actions).toEqual([expect.objectContaining({ verb: 'summary.open', data: { date: '2026-11-25' } })]);
  });

  it('PERF-1: a refused form shows each error right under its input, and what was typed', () => {
    const card = summaryFormCard({ locale: 'en', date: '2026-11-25', callTypes: [], values: { callsMade: '50' }, errors: { summaryCallsConnected: 'Connected (60) cannot exceed calls made (50).' } });
    const at = card.body.findIndex((e) => e.id === 'summaryCallsConnected');
    expect(card.body[at + 1]).toMatchObject({ type: 'TextBlock', text: 'Connected (60) cannot exceed calls made (50).', color: 'Attention' });
    expect(card.body.find((e) => e.id === 'summaryCallsMade')!.value).toBe('50');
    expect(card.body[1]).toMatchObject({ text: 'Not saved; please correct:' });
  });
});
