/**
 * Authorization matrix (issue 9), table-driven over the Slack harness on both
 * databases: each decision action × every role of policy.md ORG (the fixture
 * org matrix-org.yaml has one employee per role, plus the routed person and a
 * stranger). Everyone not allowed is refused — an ephemeral or the modal's
 * field error — and nothing changes (state unchanged, no audit row); the
 * allowed person succeeds. Prints the (action, role) pairs tried.
 *
 * Actions: leave approve / reject (LEAVE-5: the routed approver), explanation
 * accept / reject (LATE-5: the routed approver), lateness excuse (LATE-7: the
 * roles of EXCUSING_ROLES and the employee's own manager, never oneself),
 * suggestion forward / return (SUGG-2: the routed team leader) and rate (the
 * routed center manager), incident acknowledge / resolve (INC-3: team leader
 * and center manager).
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dateColumn } from '../../src/shared/db/types.ts';
import { DB_KINDS, postgresReachable } from '../support/databases.ts';
import { leaveValues, startSlackHarness, type SlackHarness } from '../support/slack-harness.ts';

const ORG = path.join(import.meta.dirname, '../fixtures/matrix-org.yaml');
// Monday 2026-11-23, 08:35 in Shanghai: a clock-in now is 35 minutes late (LATE-5 asks for an explanation).
const CLOCK = '2026-11-23T08:35:00+08:00';

/** One Slack user per role of the fixture org (matrix-org.yaml), and one not in the org. */
const PEOPLE: Array<{ role: string; user: string }> = [
  { role: 'outbound_agent E001', user: 'U0001' },
  { role: 'outbound_agent E002', user: 'U0002' },
  { role: 'outbound_agent E003', user: 'U0003' },
  { role: 'dept_head E100', user: 'U0100' },
  { role: 'dept_head E101', user: 'U0101' },
  { role: 'general_manager E200', user: 'U0200' },
  { role: 'hr E300', user: 'U0300' },
  { role: 'team_leader E400', user: 'U0400' },
  { role: 'center_manager E500', user: 'U0500' },
  { role: 'outbound_manager E600', user: 'U0600' },
  { role: 'complaint_manager E700', user: 'U0700' },
  { role: 'training_supervisor E800', user: 'U0800' },
  { role: 'complaint_handler E900', user: 'U0900' },
  { role: 'not in the org', user: 'U9999' },
];

const input = (value: string | null) => ({ value: { type: 'plain_text_input', value } });
const select = (value: string | null) => ({ value: { type: 'static_select', selected_option: value ? { value } : null } });

interface Target {
  id: number;
  /** What the action would change, as a string (status, or a count). */
  state(): Promise<string>;
  /** The audit rows the decision would add. */
  audits(): Promise<number>;
}

interface MatrixAction {
  name: string;
  ruleId: string;
  /** Slack users allowed to take it (each on a fresh target after the first). */
  allowed: string[];
  /** Notes on people in the table (e.g. "the requester"). */
  notes?: Record<string, string>;
  /** How a refusal is told. */
  refusal: 'ephemeral' | 'modal';
  setup(h: SlackHarness, n: number): Promise<Target>;
  attempt(h: SlackHarness, user: string, id: number): Promise<Response>;
  /** The state once `user` took the action. */
  after: (user: string) => string;
}

const ACTIONS: MatrixAction[] = [];

// LATE-5: an explanation of a 35-minute lateness, submitted; the routed approver (dept head E100) decides it.
const employeeOf = (user: string) => `E${user.slice(2)}`;
for (const [actionId, status, late] of [['explanation_accept', 'accepted', 'U0002'], ['explanation_reject', 'rejected', 'U0003']] as const) {
  ACTIONS.push({
    name: actionId,
    ruleId: 'LATE-5',
    allowed: ['U0100'],
    notes: { U0100: 'the routed approver', [late]: 'the late employee' },
    refusal: 'ephemeral',
    async setup(h) {
      expect(await (await h.command(late, '/clock', 'in')).text()).toMatch(/3\d (minute\(s\)|分钟)/);
      const row = await h.db.prisma.latenessExplanation.findFirstOrThrow({ where: { employeeId: employeeOf(late) }, orderBy: { id: 'desc' } });
      expect(row).toMatchObject({ status: 'requested', approverId: 'E100' });
      const submitted = await h.submitView(late, 'lateness_explanation', { explanation_text: input('the bus broke down') }, { private_metadata: String(row.id) });
      expect(await submitted.text()).toBe('');
      const rowNow = () => h.db.prisma.latenessExplanation.findUniqueOrThrow({ where: { id: row.id } });
      expect((await rowNow()).status).toBe('submitted');
      return {
        id: row.id,
        state: async () => (await rowNow()).status,
        audits: () => h.db.prisma.auditLog.count({ where: { entity: 'lateness_explanation', entityId: String(row.id), action: { in: ['explanation.accept', 'explanation.reject'] } } }),
      };
    },
    attempt: (h, user, id) => h.click(user, actionId, String(id)),
    after: () => status,
  });
}

// LEAVE-5: E001's personal leave; the routed approver is dept head E100.
for (const [i, [name, status]] of ([['leave_approve', 'approved'], ['leave_reject (reason modal)', 'rejected']] as const).entries()) {
  ACTIONS.push({
    name,
    ruleId: 'LEAVE-5',
    allowed: ['U0100'],
    notes: { U0001: 'the requester', U0100: 'the routed approver' },
    refusal: name === 'leave_approve' ? 'ephemeral' : 'modal',
    async setup(h) {
      expect((await h.submitView('U0001', 'leave_request', leaveValues({ type: 'personal', start: `2026-11-2${5 + i}`, reason: 'family' }))).status).toBe(200);
      const leave = await h.db.prisma.leaveRequest.findFirstOrThrow({ where: { employeeId: 'E001', status: 'pending' }, orderBy: { id: 'desc' } });
      expect(leave.approverId).toBe('E100');
      return {
        id: leave.id,
        state: async () => (await h.db.prisma.leaveRequest.findUniqueOrThrow({ where: { id: leave.id } })).status,
        audits: () => h.db.prisma.auditLog.count({ where: { entity: 'leave_request', entityId: String(leave.id) } }),
      };
    },
    attempt: (h, user, id) =>
      name === 'leave_approve'
        ? h.click(user, 'leave_approve', String(id))
        : h.submitView(user, 'leave_reject', { reject_reason: input('no') }, { private_metadata: JSON.stringify({ requestId: id, channel: `D${user}` }) }),
    after: () => status,
  });
}

// LATE-7: excusing E002's day. Read from excuse-service.ts: the roles of EXCUSING_ROLES (team_leader,
// outbound_manager, complaint_manager, dept_head, center_manager, general_manager) or the employee's own
// manager (E400, a team leader), never oneself. Hard-coded here on purpose: the set the test asserts.
ACTIONS.push({
  name: 'lateness_excuse (reason modal)',
  ruleId: 'LATE-7',
  allowed: ['U0400', 'U0100', 'U0101', 'U0200', 'U0500', 'U0600', 'U0700'],
  notes: { U0002: 'the late employee', U0400: "the employee's manager" },
  refusal: 'modal',
  async setup(h, n) {
    // Each allowed person excuses a day of their own (so that each success is seen by itself).
    const date = `2026-11-${String(2 + n).padStart(2, '0')}`;
    const where = { employeeId: 'E002', date: dateColumn(date) };
    return {
      id: n,
      state: async () => (await h.db.prisma.latenessExcuse.findMany({ where })).map((x) => `${x.excusedById}: ${x.reason}`).join(', ') || 'none',
      audits: () => h.db.prisma.auditLog.count({ where: { entity: 'lateness_excuse', action: 'lateness.excuse' } }),
    };
  },
  attempt: (h, user, n) =>
    h.submitView(user, 'lateness_excuse', { excuse_reason: input('dialer outage') }, { private_metadata: JSON.stringify({ employeeId: 'E002', date: `2026-11-${String(2 + n).padStart(2, '0')}` }) }),
  after: (user) => `${employeeOf(user)}: dialer outage`,
});

// SUGG-2: E001's suggestion; the routed reviewer is team leader E400, the routed rater center manager E500.
const suggestionTarget = (h: SlackHarness, id: number): Target => ({
  id,
  state: async () => (await h.db.prisma.suggestion.findUniqueOrThrow({ where: { id } })).status,
  audits: () => h.db.prisma.auditLog.count({ where: { entity: 'suggestion', entityId: String(id), action: { in: ['suggestion.forward', 'suggestion.return', 'suggestion.rate'] } } }),
});
async function fileSuggestion(h: SlackHarness): Promise<number> {
  const res = await h.submitView('U0001', 'suggestion_form', {
    suggestion_title: input('缩短开场白'),
    suggestion_current: input('开场白约 40 秒'),
    suggestion_proposal: input('压缩到 15 秒以内'),
    suggestion_remarks: input(null),
    suggestion_source: select('customer_feedback'),
  });
  expect(await res.text()).toBe('');
  const row = await h.db.prisma.suggestion.findFirstOrThrow({ where: { submitterId: 'E001' }, orderBy: { id: 'desc' } });
  expect(row).toMatchObject({ status: 'submitted', reviewerId: 'E400' });
  return row.id;
}
ACTIONS.push(
  {
    name: 'suggestion_forward',
    ruleId: 'SUGG-2',
    allowed: ['U0400'],
    notes: { U0001: 'the submitter', U0400: 'the routed reviewer' },
    refusal: 'ephemeral',
    setup: async (h) => suggestionTarget(h, await fileSuggestion(h)),
    attempt: (h, user, id) => h.click(user, 'suggestion_forward', String(id)),
    after: () => 'forwarded',
  },
  {
    name: 'suggestion_return (comment modal)',
    ruleId: 'SUGG-2',
    allowed: ['U0400'],
    notes: { U0001: 'the submitter', U0400: 'the routed reviewer' },
    refusal: 'modal',
    setup: async (h) => suggestionTarget(h, await fileSuggestion(h)),
    attempt: (h, user, id) => h.submitView(user, 'suggestion_return', { suggestion_comment: input('请补充数据') }, { private_metadata: JSON.stringify({ id, channel: `D${user}` }) }),
    after: () => 'returned',
  },
  {
    name: 'suggestion_rate (rating modal)',
    ruleId: 'SUGG-2',
    allowed: ['U0500'],
    notes: { U0001: 'the submitter', U0400: 'the reviewer who forwarded', U0500: 'the routed rater' },
    refusal: 'modal',
    async setup(h) {
      const id = await fileSuggestion(h);
      await h.click('U0400', 'suggestion_forward', String(id));
      await expect.poll(async () => (await h.db.prisma.suggestion.findUniqueOrThrow({ where: { id } })).status, { timeout: 5000 }).toBe('forwarded');
      expect((await h.db.prisma.suggestion.findUniqueOrThrow({ where: { id } })).raterId).toBe('E500');
      return suggestionTarget(h, id);
    },
    attempt: (h, user, id) =>
      h.submitView(
        user,
        'suggestion_rate',
        {
          suggestion_grade: select('B'),
          suggestion_adopted: { value: { type: 'radio_buttons', selected_option: { value: 'no' } } },
          suggestion_owner: { value: { type: 'users_select', selected_user: null } },
          suggestion_deadline: { value: { type: 'datepicker', selected_date: null } },
          suggestion_comment: input('暂不采纳'),
        },
        { private_metadata: JSON.stringify({ id, channel: `D${user}` }) },
      ),
    after: () => 'not_adopted',
  },
);

// INC-3: an incident filed by agent E001; the team leader and the center manager act on it (ACTING_ROLES).
async function fileIncident(h: SlackHarness): Promise<Target> {
  const res = await h.submitView('U0001', 'incident_report', {
    incident_type: select('other'),
    incident_occurred_date: { value: { type: 'datepicker', selected_date: '2026-11-23' } },
    incident_occurred_time: { value: { type: 'timepicker', selected_time: '08:00' } },
    incident_description: input('三楼空调漏水'),
    incident_actions: input(null),
    incident_subject: { value: { type: 'users_select', selected_user: null } },
    incident_recovery_date: { value: { type: 'datepicker', selected_date: null } },
    incident_recovery_time: { value: { type: 'timepicker', selected_time: null } },
  });
  expect(await res.text()).toBe('');
  const row = await h.db.prisma.incident.findFirstOrThrow({ where: { recorderId: 'E001' }, orderBy: { id: 'desc' } });
  expect(row.status).toBe('open');
  return {
    id: row.id,
    state: async () => (await h.db.prisma.incident.findUniqueOrThrow({ where: { id: row.id } })).status,
    audits: () => h.db.prisma.auditLog.count({ where: { entity: 'incident', entityId: String(row.id), action: { in: ['incident.acknowledge', 'incident.resolve'] } } }),
  };
}
ACTIONS.push(
  {
    name: 'incident_acknowledge',
    ruleId: 'INC-3',
    allowed: ['U0400', 'U0500'],
    notes: { U0001: 'the recorder' },
    refusal: 'ephemeral',
    setup: (h) => fileIncident(h),
    attempt: (h, user, id) => h.click(user, 'incident_acknowledge', String(id)),
    after: () => 'acknowledged',
  },
  {
    name: 'incident_resolve (resolve modal)',
    ruleId: 'INC-3',
    allowed: ['U0400', 'U0500'],
    notes: { U0001: 'the recorder' },
    refusal: 'modal',
    setup: (h) => fileIncident(h),
    attempt: (h, user, id) =>
      h.submitView(
        user,
        'incident_resolve_modal',
        {
          incident_recovery_date: { value: { type: 'datepicker', selected_date: '2026-11-23' } },
          incident_recovery_time: { value: { type: 'timepicker', selected_time: '08:30' } },
          incident_note: input('已修好'),
        },
        { private_metadata: String(id) },
      ),
    after: () => 'resolved',
  },
);

for (const kind of DB_KINDS) {
  describe.skipIf(kind === 'postgres' && !postgresReachable)(`authorization matrix [${kind}]`, () => {
    let h: SlackHarness;
    beforeAll(async () => {
      h = await startSlackHarness(kind, { clock: CLOCK, orgFile: ORG });
    });
    afterAll(async () => h?.close());

    const tried: string[] = [];
    afterAll(() => console.log(`[${kind}] (action, role) pairs tried:\n${tried.map((t) => `  ${t}`).join('\n')}`));

    for (const action of ACTIONS) {
      const label = (p: { role: string; user: string }) => (action.notes?.[p.user] ? `${p.role} (${action.notes[p.user]})` : p.role);
      it(`${action.ruleId}: ${action.name} — only ${action.allowed.join(', ')} may; every other role is refused and nothing changes`, { timeout: 90_000 }, async () => {
        h.fake.reset();
        const target = await action.setup(h, 0);
        const stateBefore = await target.state();
        const auditsBefore = await target.audits();

        for (const person of PEOPLE.filter((p) => !action.allowed.includes(p.user))) {
          const ephemeralsBefore = h.fake.calls('chat.postEphemeral').filter((c) => c.body.user === person.user).length;
          const res = await action.attempt(h, person.user, target.id);
          expect(res.status).toBe(200);
          const answer = await res.text();
          if (action.refusal === 'modal') {
            // The modal stays open with the refusal under a field.
            const body = JSON.parse(answer) as { response_action: string; errors: Record<string, string> };
            expect(body.response_action, `${label(person)} told in the modal`).toBe('errors');
            expect(Object.values(body.errors).join('').length).toBeGreaterThan(0);
          } else {
            const calls = await h.fake.waitFor('chat.postEphemeral', ephemeralsBefore + 1, 5000, { where: (c) => c.body.user === person.user });
            expect(String(calls.at(-1)!.body.text).length, `${label(person)} told`).toBeGreaterThan(0);
          }
          expect(await target.state(), `${action.name} by ${label(person)}`).toBe(stateBefore);
          expect(await target.audits(), `no audit row for ${label(person)}`).toBe(auditsBefore);
          tried.push(`${action.name} × ${label(person)}: refused`);
        }

        for (const [n, user] of action.allowed.entries()) {
          const t = n === 0 ? target : await action.setup(h, n);
          const before = await t.audits();
          const res = await action.attempt(h, user, t.id);
          expect(res.status).toBe(200);
          if (action.refusal === 'modal') expect(await res.text(), `${user} accepted`).toBe('');
          await expect.poll(() => t.state(), { timeout: 5000 }).toBe(action.after(user));
          expect(await t.audits()).toBe(before + 1);
          tried.push(`${action.name} × ${label(PEOPLE.find((p) => p.user === user)!)}: ${action.after(user)}`);
        }
      });
    }

    it('LATE-7: nobody excuses their own lateness, not even a team leader or a center manager (an excusing role)', async () => {
      for (const user of ['U0400', 'U0500']) {
        const before = await h.db.prisma.latenessExcuse.count({ where: { employeeId: employeeOf(user) } });
        const res = await h.submitView(user, 'lateness_excuse', { excuse_reason: input('dialer outage') }, { private_metadata: JSON.stringify({ employeeId: employeeOf(user), date: '2026-11-23' }) });
        expect(JSON.parse(await res.text())).toMatchObject({ response_action: 'errors' });
        expect(await h.db.prisma.latenessExcuse.count({ where: { employeeId: employeeOf(user) } })).toBe(before);
        tried.push(`lateness_excuse of oneself × ${PEOPLE.find((p) => p.user === user)!.role}: refused`);
      }
    });

    it('SUGG-2: the Return and Rate buttons refuse everyone but the routed person before their modal opens', { timeout: 90_000 }, async () => {
      h.fake.reset();
      const id = await fileSuggestion(h);
      for (const [button, allowed] of [['suggestion_return', 'U0400'], ['suggestion_rate', 'U0500']] as const) {
        if (button === 'suggestion_rate') {
          await h.click('U0400', 'suggestion_forward', String(id));
          await expect.poll(async () => (await h.db.prisma.suggestion.findUniqueOrThrow({ where: { id } })).status, { timeout: 5000 }).toBe('forwarded');
        }
        const opened = h.fake.calls('views.open').length;
        for (const person of PEOPLE.filter((p) => p.user !== allowed)) {
          const before = h.fake.calls('chat.postEphemeral').filter((c) => c.body.user === person.user).length;
          expect((await h.click(person.user, button, String(id))).status).toBe(200);
          await h.fake.waitFor('chat.postEphemeral', before + 1, 5000, { where: (c) => c.body.user === person.user });
          tried.push(`${button} button × ${person.role}: refused`);
        }
        expect(h.fake.calls('views.open')).toHaveLength(opened);
        await h.click(allowed, button, String(id));
        const modal = (await h.fake.waitFor('views.open', opened + 1))[opened]!.body.view as { callback_id: string };
        expect(modal.callback_id).toBe(button);
        tried.push(`${button} button × ${PEOPLE.find((p) => p.user === allowed)!.role}: modal opened`);
      }
    });
  });
}
