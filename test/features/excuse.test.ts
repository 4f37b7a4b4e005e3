import { DateTime } from 'luxon';
import { expect, it } from 'vitest';
import { importClock } from '../../src/features/clock/clock-import.ts';
import { excuseLateness } from '../../src/features/lateness/excuse-service.ts';
import { latenessReport } from '../../src/features/lateness/lateness-report.ts';
import { importOrg } from '../../src/features/org/org-import.ts';
import { AppError } from '../../src/shared/errors.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { LEAVE_ORG as org, OUTBOUND_BASIC as policy } from '../support/fixtures.ts';

const zone = 'Asia/Shanghai';

describeEachDatabase('lateness excuses', (current) => {
  it('LATE-7: an excused event costs nothing and is listed; a window excuses several people at once; audited; only managers', async () => {
    const prisma = current().db.prisma;
    await importOrg(prisma, org, { actor: 'test', file: 'org.yaml' });
    // Every working day of November on time, except 2026-11-23: E001 12 and E002 9 minutes late in the morning.
    const rows = ['employee_id,timestamp,direction'];
    for (let d = 2; d <= 30; d++) {
      const date = `2026-11-${String(d).padStart(2, '0')}`;
      const weekday = DateTime.fromISO(date, { zone }).weekday;
      if (weekday > 5) continue;
      for (const [id, late] of [['E001', 12], ['E002', 9]] as const) {
        const morning = date === '2026-11-23' ? `08:${String(late).padStart(2, '0')}` : '07:55';
        rows.push(`${id},${date} ${morning},in`, `${id},${date} 14:25,in`, `${id},${date} 17:31,out`);
      }
    }
    await importClock(prisma, rows.join('\n'), { actor: 'test', file: 'p.csv', policy });
    const clock = { now: () => DateTime.fromISO('2026-12-02T09:00', { zone }) };
    const month = async () => new Map((await latenessReport({ prisma, policy, clock }, '2026-11')).map((r) => [r.person.id, r.month]));
    const before = await month();
    expect(before.get('E001')).toMatchObject({ lateMinutes: 12, totalFen: 1200 });

    const at = DateTime.fromISO('2026-11-23T10:00', { zone });
    // The system was down 07:30–08:30: one excuse covers everyone whose segment started in that window.
    const refused = (await excuseLateness(prisma, { actorId: 'E002', reason: 'outage', scope: { window: { from: at, to: at } }, at }).catch((e: unknown) => e)) as AppError;
    expect(refused.code).toBe('forbidden');
    await excuseLateness(prisma, {
      actorId: 'E400',
      reason: 'dialer system outage',
      scope: { window: { from: DateTime.fromISO('2026-11-23T07:30', { zone }), to: DateTime.fromISO('2026-11-23T08:30', { zone }) }, kind: 'late' },
      at,
    });
    const after = await month();
    for (const id of ['E001', 'E002']) {
      expect(after.get(id)).toMatchObject({ lateMinutes: 0, totalFen: 0 });
      expect(after.get(id)!.excused.map((x) => `${x.date} ${x.segment} ${x.kind} ${x.reason}`)).toEqual(['2026-11-23 morning late dialer system outage']);
    }
    const audit = await prisma.auditLog.findMany({ where: { action: 'lateness.excuse' } });
    expect(audit.map((a) => a.actor)).toEqual(['E400']);
    const empty = (await excuseLateness(prisma, { actorId: 'E400', reason: '  ', scope: { employeeId: 'E001', date: '2026-11-23' }, at }).catch((e: unknown) => e)) as AppError;
    expect(empty.messageKey).toBe('excuse.error.reason_required');
    expect(await prisma.latenessExcuse.count()).toBe(1);
  });
});
