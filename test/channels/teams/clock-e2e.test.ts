/**
 * `clock in|out|status` on Teams end to end over HTTP, on both databases: the
 * answers are the shared clock lines (src/features/clock/clock-answer.ts) in the
 * user's locale, as on Slack (LATE-2 minutes, LATE-4 month to date); a word
 * that is not a sub-command answers the usage. (The LATE-5 explanation of a
 * late clock-in is in test/channels/scenarios/clock.test.ts, on both platforms.)
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DB_KINDS, postgresReachable } from '../../support/databases.ts';
import { personalConversationId as dm } from '../../support/fake-teams.ts';
import { startTeamsHarness, textOf, type TeamsHarness } from '../../support/teams-harness.ts';

const ORG = path.join(import.meta.dirname, 'fixtures/org-teams.yaml');
// Monday 2026-11-23, 08:05 in Shanghai: 5 minutes into the morning segment (08:00–12:00).
const CLOCK = '2026-11-23T08:05:00+08:00';
const aad = (n: string) => `00000000-0000-0000-0000-000000000${n.padStart(3, '0')}`;

for (const kind of DB_KINDS) {
  describe.skipIf(kind === 'postgres' && !postgresReachable)(`clock over Teams [${kind}]`, () => {
    let h: TeamsHarness;
    beforeAll(async () => {
      h = await startTeamsHarness(kind, { clock: CLOCK, orgFile: ORG });
    });
    afterAll(async () => h?.close());

    const answer = async (who: string, text: string) => {
      const before = h.fake.calls('reply').filter((c) => c.conversationId === dm(who)).length;
      await h.say(who, text);
      await expect.poll(() => h.fake.calls('reply').filter((c) => c.conversationId === dm(who)).length, { timeout: 10_000 }).toBe(before + 1);
      return String(h.fake.calls('reply').filter((c) => c.conversationId === dm(who)).at(-1)!.body.text);
    };

    it('LATE-2/LATE-4: clock in 5 minutes late, then the day\'s status, each in the user\'s locale; an unknown word answers the usage', async () => {
      const en = await answer(aad('2'), 'clock in');
      expect(en).toMatch(/^Clocked in at 08:0\d(:\d\d)? for the morning segment: \d minute\(s\) late\.\nThis month: \d+ late minute\(s\); 10 are free of charge\.$/);
      const zh = await answer(aad('1'), 'clock in');
      expect(zh).toMatch(/^08:0\d(:\d\d)? 上班打卡（[^）]+）：迟到 \d 分钟。\n本月累计迟到 \d+ 分钟；每月迟到免扣额度 10 分钟。$/);
      const status = await answer(aad('2'), 'clock status');
      expect(status.split('\n')[0]).toBe('Today 2026-11-23:');
      expect(status).toMatch(/• morning 08:00–12:00: in 08:0\d(:\d\d)?, out —/);
      expect(await answer(aad('2'), 'clock sideways')).toBe('Unknown argument "sideways". Use: clock in|out|status');
      const stored = await h.db.prisma.clockEvent.findMany({ orderBy: { id: 'asc' } });
      expect(stored.map((e) => `${e.employeeId} ${e.direction} ${e.source}`)).toEqual(['E002 in teams', 'E001 in teams']);
      expect(textOf(h.fake.calls('reply').at(-1)!.body)).not.toContain('attachments');
    });
  });
}
