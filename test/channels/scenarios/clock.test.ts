/**
 * The clock scenario written once and run on Slack and on Teams (channel
 * drivers, test/support/driver.ts), on both databases: a clock-in 35 minutes
 * late is answered with the minutes (LATE-2/LATE-4) and, being 30 or more,
 * asks the employee for an explanation at once (LATE-5), routed to their
 * leave approver (LEAVE-4), who hears nothing until it is given.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DB_KINDS, postgresReachable } from '../../support/databases.ts';
import { PLATFORMS, startDriver, type ChannelDriver } from '../../support/driver.ts';

// Monday 2026-11-23, 08:35 in Shanghai: the morning segment began at 08:00.
const CLOCK = '2026-11-23T08:35:00+08:00';

for (const platform of PLATFORMS) {
  for (const kind of DB_KINDS) {
    describe.skipIf(kind === 'postgres' && !postgresReachable)(`clock scenario [${platform}, ${kind}]`, () => {
      let d: ChannelDriver;
      beforeAll(async () => {
        d = await startDriver(platform, kind, { clock: CLOCK });
      });
      afterAll(async () => d?.close());

      it('LATE-5: a clock-in 35 minutes late is answered with the minutes and asks for an explanation at once, routed to the approver', async () => {
        const answer = await d.command('E002', 'clock in');
        expect(answer.form).toBe(false);
        expect(answer.text).toContain('35 minute(s) late');
        expect(answer.text).toContain('you will be asked for an explanation');

        const ask = await d.waitFor('E002', '35 minute(s) late for the morning segment on 2026-11-23');
        expect(ask).toContain('please explain today, or it counts as absence without leave (LATE-5)');
        const explanation = await d.db.prisma.latenessExplanation.findFirstOrThrow({ where: { employeeId: 'E002' } });
        expect(explanation).toMatchObject({ status: 'requested', approverId: 'E100', minutes: 35, kind: 'late', segment: 'morning' });
        expect(await d.inbox('E100')).toEqual([]);

        // A second clock-in the same morning asks nothing more.
        await d.command('E002', 'clock in');
        expect(await d.db.prisma.latenessExplanation.count()).toBe(1);
        expect((await d.inbox('E002')).filter((m) => m.includes('35 minute(s) late for the morning segment'))).toHaveLength(1);
      });
    });
  }
}
