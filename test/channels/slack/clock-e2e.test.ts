/** `/clock` over Slack end to end: signed slash commands, the real server, both databases. */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DB_KINDS, postgresReachable } from '../../support/databases.ts';
import { startSlackHarness, type SlackHarness } from '../../support/slack-harness.ts';

const ORG = path.join(import.meta.dirname, '../../fixtures/org-leave.yaml');

for (const kind of DB_KINDS) {
  describe.skipIf(kind === 'postgres' && !postgresReachable)(`/clock over Slack [${kind}]`, () => {
    let h: SlackHarness;
    // Monday 2026-11-23 at 08:03:00 in Shanghai; the program's clock runs on from there.
    beforeAll(async () => {
      h = await startSlackHarness(kind, { clock: '2026-11-23T08:03:00+08:00', orgFile: ORG });
    });
    afterAll(async () => h?.close());

    const say = async (user: string, text: string) => (await h.command(user, '/clock', text)).text();

    it('LATE-2: /clock in at 08:03 answers 3 minutes late, with the month against the allowance; a second clock-in counts nowhere', async () => {
      const first = await say('U0002', 'in');
      expect(first).toMatch(/^Clocked in at 08:03:\d\d for the morning segment: 3 minute\(s\) late\./);
      expect(first).toContain('This month: 3 late minute(s); 10 are free of charge.');
      expect(await say('U0001', 'in')).toContain('上班打卡（上午班）：迟到 3 分钟。');
      const again = await say('U0002', 'in');
      expect(again).toContain('Another clock event already counts for this segment');
      expect(again).toContain('This month: 3 late minute(s)');
      const status = await say('U0002', 'status');
      expect(status).toContain('Today 2026-11-23:');
      expect(status).toMatch(/• morning 08:00–12:00: in 08:03, out —/);
      expect(status).toContain('• afternoon 14:30–17:30: in —, out —');
      expect(await say('U0002', 'sideways')).toBe('Use /clock in, /clock out or /clock status.');
      const events = await h.db.prisma.clockEvent.findMany({ where: { employeeId: 'E002' } });
      expect(events.map((e) => `${e.direction} ${e.source} ${e.recordedBy}`)).toEqual(['in slack E002', 'in slack E002']);
    });
  });
}
