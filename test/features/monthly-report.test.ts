import { DateTime } from 'luxon';
import { expect, it } from 'vitest';
import { importClock } from '../../src/features/clock/clock-import.ts';
import { sendMonthlyLatenessReports } from '../../src/features/lateness/monthly-report.ts';
import { importOrg } from '../../src/features/org/org-import.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { LEAVE_ORG as org, OUTBOUND_BASIC as policy } from '../support/fixtures.ts';

const at = (local: string) => DateTime.fromISO(local, { zone: 'Asia/Shanghai' });

describeEachDatabase('monthly lateness report', (current) => {
  it('LATE-9: on the first working day of the next month the team leader gets the report once', async () => {
    const prisma = current().db.prisma;
    await importOrg(prisma, org, { actor: 'test', file: 'org.yaml' });
    await importClock(prisma, 'employee_id,timestamp,direction\nE001,2026-11-30 08:07,in\nE001,2026-11-30 14:30,in\nE001,2026-11-30 17:30,out\n', { actor: 'test', file: 'p.csv', policy });
    expect(await sendMonthlyLatenessReports(prisma, policy, at('2026-11-30T09:00'))).toEqual([]);
    expect(await sendMonthlyLatenessReports(prisma, policy, at('2026-12-01T09:00'))).toEqual(['E400']);
    const [message] = await prisma.outboxMessage.findMany();
    expect(message).toMatchObject({ target: 'U0400', kind: 'dm', dedupeKey: 'lateness-report:2026-11:E400' });
    const text = (message!.payload as { text: string }).text.split('\n');
    expect(text[0]).toBe('2026-11 月度迟到报告');
    // Only 2026-11-30 has clock events: the other 20 working days are LATE-6 absences, 20 × 5517 fen.
    expect(text).toContain('• 张三：迟到 7 分钟，早退 0 分钟，旷工 20 天，免责 0 次，扣款 ¥1103.40');
    expect(await sendMonthlyLatenessReports(prisma, policy, at('2026-12-01T09:00'))).toEqual(['E400']);
    expect(await prisma.outboxMessage.count()).toBe(1);
    expect(await sendMonthlyLatenessReports(prisma, policy, at('2026-12-02T09:00'))).toEqual([]);
  });
});
