import { DateTime } from 'luxon';
import { expect, it } from 'vitest';
import { importClock } from '../../src/features/clock/clock-import.ts';
import { slackTally } from '../../src/channels/slack/blocks/tally-blocks.ts';
import { postDailyTallies as post } from '../../src/features/lateness/daily-tally.ts';
import { importOrg } from '../../src/features/org/org-import.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { LEAVE_ORG as org, OUTBOUND_BASIC as policy } from '../support/fixtures.ts';

const postDailyTallies = (prisma: Parameters<typeof post>[0], policy: Parameters<typeof post>[1], at: Parameters<typeof post>[2]) => post(prisma, policy, at, (t) => slackTally(t));
const at = (local: string) => DateTime.fromISO(local, { zone: 'Asia/Shanghai' });

describeEachDatabase('daily lateness tally', (current) => {
  it('LATE-8: after the last segment each team channel gets its own people once; no money in channels', async () => {
    const prisma = current().db.prisma;
    await importOrg(prisma, org, { actor: 'test', file: 'org.yaml' });
    const day = '2026-11-23'; // Monday, winter: 08:00–12:00 and 14:30–17:30
    const punches = [
      ['E001', '07:58:00', 'in'], ['E001', '12:00:10', 'out'], ['E001', '14:29:00', 'in'], ['E001', '17:30:05', 'out'],
      ['E002', '08:03:59', 'in'], ['E002', '12:00:00', 'out'], ['E002', '14:35:00', 'in'], ['E002', '17:25:30', 'out'],
      ['E400', '07:55:00', 'in'], ['E400', '14:25:00', 'in'], ['E400', '17:31:00', 'out'],
    ];
    const csv = ['employee_id,timestamp,direction', ...punches.map(([e, time, d]) => `${e},${day} ${time},${d}`)].join('\n');
    await importClock(prisma, csv, { actor: 'test', file: 'p.csv', policy });

    expect(await postDailyTallies(prisma, policy, at(`${day}T17:00`))).toEqual([]);
    expect(await postDailyTallies(prisma, policy, at(`${day}T17:35`))).toEqual(['office', 'outbound-a']);
    const rows = await prisma.outboxMessage.findMany({ orderBy: { target: 'asc' } });
    expect(rows.map((r) => `${r.target} ${r.dedupeKey}`)).toEqual(['C0OFF tally:office:2026-11-23', 'C0OUTA tally:outbound-a:2026-11-23']);
    const text = (rows[1]!.payload as { text: string }).text;
    expect(text.split('\n')).toEqual([
      '迟到统计 · 外呼一组 · 2026-11-23',
      '• *Li Si* — 迟到 上午班 3 分钟, 下午班 5 分钟; 早退 下午班 5 分钟; 本月累计 8/10 分钟',
      '• *王五* — 旷工; 本月累计 0/10 分钟',
    ]);
    expect(text).not.toContain('部门负责人');
    expect(text).not.toContain('¥');
    expect((rows[0]!.payload as { text: string }).text).not.toContain('Li Si');

    // A later slot of the same day posts nothing.
    expect(await postDailyTallies(prisma, policy, at(`${day}T18:05`))).toEqual([]);
    expect(await prisma.outboxMessage.count()).toBe(2);
    // A Saturday has no tally (nobody works).
    expect(await postDailyTallies(prisma, policy, at('2026-11-28T18:05'))).toEqual([]);
  });
});
