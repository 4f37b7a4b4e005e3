/**
 * Slack's App Home (issue 10) end to end over signed events on both databases:
 * opening the Home tab publishes the person's summary with views.publish: their
 * pending and approved leave this month, month-to-date late minutes against
 * the LATE-4 allowance (computed here from the punches), and what waits for
 * their decision as an approver; in their language; a stranger is told they
 * are not in the org; the Messages tab publishes nothing.
 */
import { DateTime } from 'luxon';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { slackLeaveRenderer } from '../../../src/channels/slack/blocks/leave-blocks.ts';
import { importClock } from '../../../src/features/clock/clock-import.ts';
import { decideLeave, fileLeave } from '../../../src/features/leave/leave-service.ts';
import { DB_KINDS, postgresReachable } from '../../support/databases.ts';
import { startSlackHarness, type SlackHarness } from '../../support/slack-harness.ts';

const ORG = path.join(import.meta.dirname, '../../fixtures/org-leave.yaml');
const ZONE = 'Asia/Shanghai';
// Thursday 12 November 2026, after the working day (outbound-basic, winter: 08:00–12:00, 14:30–17:30).
const CLOCK = '2026-11-12T18:30:00+08:00';
const WORKDAYS = ['02', '03', '04', '05', '06', '09', '10', '11', '12'].map((d) => `2026-11-${d}`);
/** Li Si's late arrivals (LATE-2: whole minutes, seconds dropped): 7 + 6 = 13. */
const LATE: Record<string, { morning?: string; afternoon?: string }> = { '2026-11-03': { morning: '08:07:40' }, '2026-11-10': { afternoon: '14:36:05' } };
const LATE_MINUTES = 13;

function punches(employeeId: string): string {
  const rows = ['employee_id,timestamp,direction'];
  for (const date of WORKDAYS) {
    rows.push(`${employeeId},${date} ${LATE[date]?.morning ?? '07:55:00'},in`, `${employeeId},${date} 12:01:00,out`);
    rows.push(`${employeeId},${date} ${LATE[date]?.afternoon ?? '14:25:00'},in`, `${employeeId},${date} 17:31:00,out`);
  }
  return rows.join('\n');
}

let events = 0;
const homeOpened = (user: string, tab = 'home') =>
  JSON.stringify({
    token: 'legacy',
    team_id: 'T0FAKE',
    api_app_id: 'A0FAKE',
    type: 'event_callback',
    event_id: `Ev${process.pid}${++events}`,
    event_time: Math.floor(Date.now() / 1000),
    event: { type: 'app_home_opened', user, channel: `D${user}`, tab, event_ts: `${Math.floor(Date.now() / 1000)}.000100` },
  });

/** Every text of a published view's blocks, joined. */
const viewText = (view: unknown) => JSON.stringify((view as { blocks: unknown[] }).blocks);

for (const kind of DB_KINDS) {
  describe.skipIf(kind === 'postgres' && !postgresReachable)(`App Home [${kind}]`, () => {
    let h: SlackHarness;
    let approverSlackId: string;
    beforeAll(async () => {
      h = await startSlackHarness(kind, { clock: CLOCK, orgFile: ORG });
      const prisma = h.db.prisma;
      const policy = h.app.policy;
      await importClock(prisma, punches('E002'), { actor: 'test', file: 'punches.csv', policy });
      const leaveDeps = {
        prisma,
        policy,
        clock: { now: () => DateTime.fromISO('2026-11-09T09:00', { zone: ZONE }) },
        source: 'test',
        messenger: { platform: 'slack' as const, render: slackLeaveRenderer, targetOf: () => null },
      };
      const pending = await fileLeave(leaveDeps, { employeeId: 'E002', type: 'personal', startDate: '2026-11-20', endDate: '2026-11-20', part: 'full', emergency: false, proof: 'none', reason: 'family' });
      const approved = await fileLeave(leaveDeps, { employeeId: 'E002', type: 'personal', startDate: '2026-11-24', endDate: '2026-11-24', part: 'morning', emergency: false, proof: 'none', reason: 'bank' });
      await decideLeave(leaveDeps, { requestId: approved.request.id, actorId: approved.request.approverId, decision: 'approved' });
      const approver = await prisma.chatIdentity.findFirstOrThrow({ where: { employeeId: pending.request.approverId, platform: 'slack' } });
      approverSlackId = approver.externalId;
    });
    afterAll(async () => {
      await h?.close();
    });

    const open = async (user: string, tab = 'home') => {
      const before = h.fake.calls('views.publish').length;
      const res = await h.post(homeOpened(user, tab));
      expect(res.status).toBe(200);
      if (tab !== 'home') return undefined;
      const calls = await h.fake.waitFor('views.publish', before + 1, 15_000);
      const call = calls[before]!;
      expect(call.ok, call.error).toBe(true);
      expect(call.body.user_id).toBe(user);
      return call.body.view as { type: string; blocks: unknown[] };
    };

    it('LATE-4: my leave this month, my month-to-date late minutes over the allowance, nothing to decide (en)', async () => {
      const allowance = h.app.policy.lateness.allowanceMinutes;
      expect(LATE_MINUTES).toBeGreaterThan(allowance);
      const view = (await open('U0002'))!;
      expect(view.type).toBe('home');
      const text = viewText(view);
      expect(text).toContain('My summary');
      expect(text).toContain('My leave in 2026-11');
      expect(text).toContain('personal leave 2026-11-20 – 2026-11-20 (whole day): pending');
      expect(text).toContain('personal leave 2026-11-24 – 2026-11-24 (morning): approved');
      expect(text).toContain(`${LATE_MINUTES} late minute(s) so far: over the ${allowance}-minute allowance`);
      expect(text).toContain('Nothing waits for your decision.');
    });

    it('the approver sees the pending request waiting for them (not the decided one); zh-CN for a zh-CN reader', async () => {
      const text = viewText(await open(approverSlackId));
      expect(text).toContain('Waiting for my decision* (1)');
      expect(text).toMatch(/Leave #\d+: Li Si, personal leave 2026-11-20 – 2026-11-20/);
      expect(text).not.toContain('2026-11-24'); // decided already
      expect(text).toContain('No pending or approved leave this month.');
      const zh = viewText(await open('U0001')); // 张三, zh-CN, no punches: absent days are not late minutes
      expect(zh).toContain('我的概览');
      expect(zh).toContain(`本月至今迟到 0 分钟，免扣额度 ${h.app.policy.lateness.allowanceMinutes} 分钟。`);
      expect(zh).toContain('没有待你审批的事项。');
    });

    it('a stranger is told they are not in the org; the Messages tab publishes nothing', async () => {
      expect(viewText(await open('U0NOBODY'))).toContain('not in the org of banzhang');
      const before = h.fake.calls('views.publish').length;
      await open('U0002', 'messages');
      await new Promise((r) => setTimeout(r, 800));
      expect(h.fake.calls('views.publish')).toHaveLength(before);
    });
  });
}
