import { describe, expect, it } from 'vitest';
import { importClock, parsePunchTime } from '../../src/features/clock/clock-import.ts';
import { importOrg } from '../../src/features/org/org-import.ts';
import { AppError } from '../../src/shared/errors.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { LEAVE_ORG as org, OUTBOUND_BASIC as policy } from '../support/fixtures.ts';


describe('punch-clock timestamps', () => {
  it('LATE-1: local time is the center zone, an offset is honoured, a skipped DST time is refused', () => {
    expect(parsePunchTime('2026-11-23 08:00:59', 'Asia/Shanghai')!.toUTC().toISO()).toBe('2026-11-23T00:00:59.000Z');
    expect(parsePunchTime('2026-11-23T08:01:00+08:00', 'UTC')!.toUTC().toISO()).toBe('2026-11-23T00:01:00.000Z');
    expect(parsePunchTime('2026-11-23T00:01:00Z', 'Asia/Shanghai')!.toUTC().toISO()).toBe('2026-11-23T00:01:00.000Z');
    expect(parsePunchTime('2026-03-08T02:30', 'America/New_York')).toBeNull();
    expect(parsePunchTime('2026-03-09T08:00', 'America/New_York')!.toUTC().toISO()).toBe('2026-03-09T12:00:00.000Z');
    for (const bad of ['yesterday', '2026-02-30T08:00', '2026-11-23', '08:00']) expect(parsePunchTime(bad, 'Asia/Shanghai'), bad).toBeNull();
  });
});

describeEachDatabase('clock import', (current) => {
  const run = (text: string) => importClock(current().db.prisma, text, { actor: 'cli', file: 'punches.csv', policy });

  it('LATE-1: events keep their source; duplicates in the file and already stored are skipped and counted', async () => {
    await importOrg(current().db.prisma, org, { actor: 'test', file: 'org.yaml' });
    const csv = [
      'employee_id,timestamp,direction,source',
      'E001,2026-11-23 07:58:10,in,',
      'E001,2026-11-23T07:58:10+08:00,in,',
      'E001,2026-11-23 12:00:30,OUT,kiosk',
      'E002,2026-11-23T00:03:00Z,in,',
    ].join('\n');
    expect(await run(csv)).toEqual({ imported: 3, duplicates: 1 });
    expect(await run(csv)).toEqual({ imported: 0, duplicates: 4 });
    const events = await current().db.prisma.clockEvent.findMany({ orderBy: { at: 'asc' } });
    expect(events.map((e) => `${e.employeeId} ${e.at.toISOString()} ${e.direction} ${e.source} ${e.recordedBy}`)).toEqual([
      'E001 2026-11-22T23:58:10.000Z in import cli',
      'E002 2026-11-23T00:03:00.000Z in import cli',
      'E001 2026-11-23T04:00:30.000Z out kiosk cli',
    ]);
  });

  it('LATE-1: a bad file is refused whole with every bad row listed, nothing stored', async () => {
    await importOrg(current().db.prisma, org, { actor: 'test', file: 'org.yaml' });
    const csv = ['employee_id,timestamp,direction', 'E001,2026-11-23 07:58,in', 'E999,2026-11-23 07:58,in', 'E002,2026-11-23 25:00,in', 'E003,2026-11-23 08:00,sideways'].join('\n');
    const error = (await run(csv).catch((e: unknown) => e)) as AppError;
    expect(error).toBeInstanceOf(AppError);
    expect(error.problems.map((p) => `${p.line} ${p.field}`)).toEqual(['3 employee_id', '4 timestamp', '5 direction']);
    expect(await current().db.prisma.clockEvent.count()).toBe(0);
  });
});
