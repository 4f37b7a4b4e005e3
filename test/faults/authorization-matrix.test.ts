/**
 * Authorization matrix (issue 9), table-driven over the Slack harness on both
 * databases: each decision action × every role of the fixture org (one
 * employee per role, plus the routed person). Only the routed person may
 * decide (LEAVE-4/LEAVE-5); everyone else gets an ephemeral refusal (or the
 * modal's error) and nothing changes. Prints the (action, role) pairs tried.
 *
 * Covered so far: leave approve (button) and leave reject (the reason modal).
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DB_KINDS, postgresReachable } from '../support/databases.ts';
import { leaveValues, startSlackHarness, type SlackHarness } from '../support/slack-harness.ts';

const ORG = path.join(import.meta.dirname, '../fixtures/org-leave.yaml');
const CLOCK = '2026-11-23T09:00:00+08:00';

/** One Slack user per role of org-leave.yaml; U0100 (dept head E100) is the routed approver of E001's leave. */
const ROLES: Array<{ role: string; user: string }> = [
  { role: 'outbound_agent (the requester)', user: 'U0001' },
  { role: 'outbound_agent (a colleague)', user: 'U0002' },
  { role: 'dept_head (not routed)', user: 'U0101' },
  { role: 'general_manager', user: 'U0200' },
  { role: 'hr', user: 'U0300' },
  { role: 'team_leader', user: 'U0400' },
  { role: 'center_manager', user: 'U0500' },
  { role: 'not in the org', user: 'U9999' },
];
const ROUTED = { role: 'dept_head (routed approver)', user: 'U0100' };

type Action = { name: string; attempt: (h: SlackHarness, user: string, requestId: number) => Promise<string>; status: 'approved' | 'rejected' };
const ACTIONS_TRIED: Action[] = [
  {
    name: 'leave_approve',
    status: 'approved',
    attempt: async (h, user, id) => {
      const res = await h.click(user, 'leave_approve', String(id));
      expect(res.status).toBe(200);
      return res.text();
    },
  },
  {
    name: 'leave_reject (reason modal)',
    status: 'rejected',
    attempt: async (h, user, id) => {
      const res = await h.submitView(user, 'leave_reject', { reject_reason: { value: { type: 'plain_text_input', value: 'no' } } }, { private_metadata: JSON.stringify({ requestId: id, channel: `D${user}` }) });
      expect(res.status).toBe(200);
      return res.text();
    },
  },
];

for (const kind of DB_KINDS) {
  describe.skipIf(kind === 'postgres' && !postgresReachable)(`authorization matrix [${kind}]`, () => {
    let h: SlackHarness;
    beforeAll(async () => {
      h = await startSlackHarness(kind, { clock: CLOCK, orgFile: ORG });
    });
    afterAll(async () => h?.close());

    const tried: string[] = [];
    afterAll(() => console.log(`[${kind}] (action, role) pairs tried:\n${tried.map((t) => `  ${t}`).join('\n')}`));

    for (const [i, action] of ACTIONS_TRIED.entries()) {
      it(`LEAVE-5: ${action.name} — only the routed approver decides; every other role is refused and nothing changes`, { timeout: 60_000 }, async () => {
        h.fake.reset();
        expect((await h.submitView('U0001', 'leave_request', leaveValues({ type: 'personal', start: `2026-11-2${5 + i}`, reason: 'family' }))).status).toBe(200);
        const leave = await h.db.prisma.leaveRequest.findFirstOrThrow({ where: { employeeId: 'E001', status: 'pending' }, orderBy: { id: 'desc' } });
        expect(leave.approverId).toBe('E100');
        const audits = () => h.db.prisma.auditLog.count({ where: { entity: 'leave_request', entityId: String(leave.id) } });
        const auditsBefore = await audits();

        for (const { role, user } of ROLES) {
          const ephemeralsBefore = h.fake.calls('chat.postEphemeral').filter((c) => c.body.user === user).length;
          const answer = await action.attempt(h, user, leave.id);
          // The modal stays open with the refusal under the reason field.
          if (action.name.startsWith('leave_reject')) expect(JSON.parse(answer), `${role} told in the modal`).toMatchObject({ response_action: 'errors' });
          if (action.name === 'leave_approve' && user !== 'U9999') {
            const refused = await h.fake.waitFor('chat.postEphemeral', 1, 5000, { where: (c) => c.body.user === user }).then((calls) => calls.slice(ephemeralsBefore));
            expect(refused.length, `${role} told`).toBeGreaterThan(0);
          }
          const now = await h.db.prisma.leaveRequest.findUniqueOrThrow({ where: { id: leave.id } });
          expect(now.status, `${action.name} by ${role}`).toBe('pending');
          expect(await audits()).toBe(auditsBefore);
          tried.push(`${action.name} × ${role}: refused`);
        }
        await action.attempt(h, ROUTED.user, leave.id);
        await expect.poll(async () => (await h.db.prisma.leaveRequest.findUniqueOrThrow({ where: { id: leave.id } })).status, { timeout: 5000 }).toBe(action.status);
        expect(await audits()).toBe(auditsBefore + 1);
        tried.push(`${action.name} × ${ROUTED.role}: ${action.status}`);
      });
    }
  });
}
