/** housekeeping: old finished job runs and old delivery keys go; failed or recent ones stay. */
import { DateTime } from 'luxon';
import { expect, it } from 'vitest';
import { DELIVERY_DAYS, JOB_RUN_DAYS, pruneBookkeeping } from '../../src/jobs/housekeeping.ts';
import { describeEachDatabase } from '../support/databases.ts';

describeEachDatabase('housekeeping', (current) => {
  it(`deletes finished job runs older than ${JOB_RUN_DAYS} days and delivery keys older than ${DELIVERY_DAYS} days, nothing else`, async () => {
    const prisma = current().db.prisma;
    const now = DateTime.fromISO('2026-11-24T03:30', { zone: 'Asia/Shanghai' });
    const ago = (days: number, minutes = 0) => now.minus({ days, minutes }).toJSDate();
    const run = (name: string, slot: Date, status: string) =>
      prisma.jobRun.create({ data: { name, slot, status, owner: 'test', leaseUntil: slot, finishedAt: status === 'running' ? null : slot } });
    await run('old-finished', ago(JOB_RUN_DAYS, 1), 'finished');
    await run('old-failed', ago(JOB_RUN_DAYS + 5), 'failed');
    await run('recent-finished', ago(JOB_RUN_DAYS - 1), 'finished');
    await prisma.processedDelivery.createMany({
      data: [
        { key: 'old', createdAt: ago(DELIVERY_DAYS, 1) },
        { key: 'recent', createdAt: ago(DELIVERY_DAYS - 1) },
      ],
    });
    expect(await pruneBookkeeping(prisma, now)).toEqual({ jobRuns: 1, deliveries: 1 });
    expect((await prisma.jobRun.findMany({ orderBy: { name: 'asc' } })).map((r) => r.name)).toEqual(['old-failed', 'recent-finished']);
    expect((await prisma.processedDelivery.findMany()).map((d) => d.key)).toEqual(['recent']);
    expect(await pruneBookkeeping(prisma, now)).toEqual({ jobRuns: 0, deliveries: 0 });
  });
});
