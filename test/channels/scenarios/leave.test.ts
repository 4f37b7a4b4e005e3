/**
 * The leave scenario written once and run on Slack and on Teams (channel
 * drivers, test/support/driver.ts), on both databases: a sick leave filed from
 * the form reaches the routed approver (LEAVE-4) with its cost (LEAVE-8); an
 * intruder's click is refused; the approver's click decides once (LEAVE-5), the
 * card is updated in place and the agent is told.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DB_KINDS, postgresReachable } from '../../support/databases.ts';
import { PLATFORMS, startDriver, type ChannelDriver } from '../../support/driver.ts';
import { field } from './scenario.ts';

// Monday 2026-11-23, 09:00 in Shanghai: "tomorrow" is Tuesday 2026-11-24.
const CLOCK = '2026-11-23T09:00:00+08:00';

for (const platform of PLATFORMS) {
  for (const kind of DB_KINDS) {
    describe.skipIf(kind === 'postgres' && !postgresReachable)(`leave scenario [${platform}, ${kind}]`, () => {
      let d: ChannelDriver;
      beforeAll(async () => {
        d = await startDriver(platform, kind, { clock: CLOCK });
      });
      afterAll(async () => d?.close());

      it('LEAVE-3/4/5/8: sick leave from the form → the approver\'s card with the cost → an intruder is refused → Approve decides once, the card is updated in place, the agent is told', async () => {
        const opened = await d.command('E001', 'leave sick');
        expect(opened.form).toBe(true);
        expect(field(await d.openForm('E001'), 'type')).toBe('sick');

        // LEAVE-1: an end before the start is refused on the form; nothing is filed.
        const refused = await d.submit('E001', { start: '2026-11-25', end: '2026-11-24' });
        expect(refused.form).toBe(true);
        expect(refused.text).not.toBe('');
        expect(await d.db.prisma.leaveRequest.count()).toBe(0);

        const filed = await d.submit('E001', { start: '2026-11-24', end: '' });
        expect(filed.form).toBe(false);
        // LEAVE-4: an agent's sick leave goes to the dept head; LEAVE-8: 1200 yuan / 21.75 × 20% = 11.03 yuan.
        const card = await d.waitFor('E100', 'Leave request #1');
        expect(card).toContain('Deduction ¥11.03');
        expect(card).toContain('Medical proof to follow');
        expect(await d.waitFor('E001', '#1')).toContain('已提交给 部门负责人 审批');

        // LEAVE-5: only the routed approver decides.
        const intruder = await d.click('E002', 'approve', 'E100');
        expect(intruder.text).toContain('Only the routed approver');
        expect((await d.db.prisma.leaveRequest.findUniqueOrThrow({ where: { id: 1 } })).status).toBe('pending');

        const approved = await d.click('E100', 'approve');
        expect(approved.text).toContain('Approved by 部门负责人');
        // The approver's card is the same message, updated in place.
        await d.waitFor('E100', 'Approved by 部门负责人');
        const cards = (await d.inbox('E100')).filter((m) => m.includes('Leave request #1'));
        expect(cards).toHaveLength(1);
        expect(cards[0]).toContain('Approved by 部门负责人');
        expect(await d.waitFor('E001', '批准')).toContain('已被 部门负责人 批准');

        // Decided once: the updated card has no buttons left to press.
        await expect(d.click('E100', 'reject')).rejects.toThrow('no message of E100 has a button "reject"');
        const stored = await d.db.prisma.leaveRequest.findUniqueOrThrow({ where: { id: 1 } });
        expect([stored.status, stored.decidedById, stored.source]).toEqual(['approved', 'E100', platform]);
        const audit = await d.db.prisma.auditLog.findMany({ where: { entity: 'leave_request', entityId: '1' }, orderBy: { id: 'asc' } });
        expect(audit.map((a) => `${a.actor} ${a.action}`)).toEqual(['E001 leave.file', 'E100 leave.approve']);
      });
    });
  }
}
