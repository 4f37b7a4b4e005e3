import { DateTime } from 'luxon';
import { expect, it } from 'vitest';
import { correctClockEvent } from '../../src/features/clock/clock-correction.ts';
import { importClock } from '../../src/features/clock/clock-import.ts';
import { latenessReport } from '../../src/features/lateness/lateness-report.ts';
import { importOrg } from '../../src/features/org/org-import.ts';
import { AppError } from '../../src/shared/errors.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { LEAVE_ORG as org, OUTBOUND_BASIC as policy } from '../support/fixtures.ts';

const zone = 'Asia/Shanghai';

describeEachDatabase('clock corrections', (current) => {
  it('LATE-1: a correction is a new record with who and why that voids the event; the original stays untouched', async () => {
    const prisma = current().db.prisma;
    await importOrg(prisma, org, { actor: 'test', file: 'org.yaml' });
    await importClock(prisma, 'employee_id,timestamp,direction\nE001,2026-11-30 08:25,in\nE001,2026-11-30 14:30,in\nE001,2026-11-30 17:30,out\n', { actor: 'test', file: 'p.csv', policy });
    const wrong = await prisma.clockEvent.findFirstOrThrow({ where: { employeeId: 'E001', direction: 'in' }, orderBy: { at: 'asc' } });
    const now = DateTime.fromISO('2026-12-01T10:00', { zone });
    const clock = { now: () => now };
    const lateOf = async () => (await latenessReport({ prisma, policy, clock }, '2026-11')).find((r) => r.person.id === 'E001')!.month.late;
    expect((await lateOf()).find((x) => x.date === '2026-11-30')).toMatchObject({ minutes: 25 });

    const refused = (await correctClockEvent(prisma, { actorId: 'E001', eventId: wrong.id, reason: 'mine', now }).catch((e: unknown) => e)) as AppError;
    expect(refused.code).toBe('forbidden');
    await correctClockEvent(prisma, { actorId: 'E400', eventId: wrong.id, reason: 'the punch clock was 25 minutes fast', replacement: { at: DateTime.fromISO('2026-11-30T08:00:30', { zone }), direction: 'in' }, now });
    expect((await lateOf()).find((x) => x.date === '2026-11-30')).toBeUndefined();
    const again = (await correctClockEvent(prisma, { actorId: 'E400', eventId: wrong.id, reason: 'x', now }).catch((e: unknown) => e)) as AppError;
    expect(again.messageKey).toBe('clock.error.already_corrected');

    const events = await prisma.clockEvent.findMany({ where: { employeeId: 'E001' }, orderBy: { id: 'asc' } });
    expect(events.map((e) => `${e.source} ${e.recordedBy} ${e.voidsId === null ? '-' : `voids ${e.voidsId}`} ${e.reason ?? ''}`.trim())).toEqual([
      'import test -',
      'import test -',
      'import test -',
      `correction E400 voids ${wrong.id} the punch clock was 25 minutes fast`,
      'correction E400 - the punch clock was 25 minutes fast',
    ]);
    expect(events[0]!.at.toISOString()).toBe(wrong.at.toISOString());
    expect((await prisma.auditLog.findMany({ where: { action: 'clock.correct' } })).map((a) => a.actor)).toEqual(['E400']);
  });
});
