/**
 * The month end's fast path gives the same results as the straightforward one
 * (issue 9, docs/performance-bench.md "Month end"): `deriveDays` reads clock
 * events with one raw query (corrections' voided events left out in SQL) and
 * makes the events' zoned times with a zone that remembers its offsets
 * (src/policy/lateness/zone.ts). The reference here reads the events through
 * Prisma (`clockRepository.effectiveEvents`) and zones each with luxon's own
 * zone, as before, on a generated month of 200 staff with leave, corrections,
 * excuses and explanations; every derived day must be the same.
 */
import { DateTime, IANAZone } from 'luxon';
import { expect, it } from 'vitest';
import { clockRepository } from '../../src/features/clock/clock-repository.ts';
import { deriveDays } from '../../src/features/lateness/lateness-inputs.ts';
import { dayLateness } from '../../src/policy/lateness/index.ts';
import type { ExcuseInput, ExplanationInput } from '../../src/policy/lateness/types.ts';
import { cachedZone } from '../../src/policy/lateness/zone.ts';
import { datesBetween } from '../../src/policy/leave/dates.ts';
import { daySchedule } from '../../src/policy/working-time.ts';
import { dateColumn, LONG_TRANSACTION } from '../../src/shared/db/types.ts';
import { seeded } from '../../bench/lib/stats.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { OUTBOUND_BASIC } from '../support/fixtures.ts';

const ZONE = OUTBOUND_BASIC.center.timeZone;
const FROM = '2026-10-01';
const TO = '2026-10-31';
const NOW = DateTime.fromISO('2026-11-02T09:00:00', { zone: ZONE });

it('LATE-2: the remembered-offset zone gives luxon’s offsets and local times, across DST changes of several zones', () => {
  const random = seeded(3);
  for (const name of ['Asia/Shanghai', 'America/New_York', 'Europe/London', 'Australia/Lord_Howe', 'America/Sao_Paulo']) {
    const plain = IANAZone.create(name);
    const cached = cachedZone(name);
    expect(cached.equals(plain)).toBe(true);
    const start = Date.UTC(2024, 0, 1);
    for (let i = 0; i < 4000; i++) {
      // Random instants of three years, and the minutes around each hour of the year's DST days.
      const ts = i < 2000 ? start + Math.floor(random() * 3 * 365 * 86_400_000) : start + Math.floor(random() * 3 * 365 * 96) * 15 * 60_000 + (i % 3) - 1;
      expect(cached.offset(ts)).toBe(plain.offset(ts));
      expect(DateTime.fromMillis(ts, { zone: cached }).toISO()).toBe(DateTime.fromMillis(ts, { zone: name }).toISO());
    }
  }
});

describeEachDatabase('month-end equivalence', (current) => {
  it('LATE-1 LATE-5 LATE-6 LATE-7: deriveDays equals the straightforward derivation on a generated month of 200 staff', async () => {
    const prisma = current().db.prisma;
    const random = seeded(11);
    const between = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
    const local = (date: string, hh: number, mm: number, ss: number) => DateTime.fromISO(`${date}T00:00:00`, { zone: ZONE }).set({ hour: hh, minute: mm, second: ss }).toJSDate();
    await prisma.center.create({ data: { id: 1, name: 'c', timeZone: ZONE, channels: {} } });
    await prisma.team.create({ data: { id: 't', name: 't', channel: 'C0T' } });
    const ids = Array.from({ length: 200 }, (_, i) => `E${String(i).padStart(3, '0')}`);
    await prisma.employee.createMany({
      data: ids.map((id, i) => ({ id, name: id, role: i % 10 === 0 ? 'team_leader' : 'outbound_agent', teamId: 't', hireDate: dateColumn('2025-01-01'), probationEnd: dateColumn('2025-03-01'), locale: 'zh-CN' })),
    });
    const dates = datesBetween(FROM, TO);
    const events: Array<{ employeeId: string; at: Date; direction: string }> = [];
    for (const id of ids) {
      for (const date of dates) {
        if (random() < 0.05) continue;
        events.push({ employeeId: id, at: random() < 0.9 ? local(date, 7, between(40, 59), between(0, 59)) : local(date, 8, between(1, 50), between(0, 59)), direction: 'in' });
        if (random() < 0.9) events.push({ employeeId: id, at: local(date, 14, between(15, 40), between(0, 59)), direction: 'in' });
        events.push({ employeeId: id, at: local(date, between(16, 18), between(0, 59), between(0, 59)), direction: 'out' });
        if (random() < 0.02) events.push({ employeeId: id, at: local(date, 12, 0, 0), direction: random() < 0.5 ? 'in' : 'out' });
      }
    }
    await prisma.clockEvent.createMany({
      data: events.map((e, i) => ({ ...e, source: 'import', dedupeKey: `k${i}`, recordedBy: 'cli' })),
    });
    // Corrections: an event voided by a correction, and the corrected time.
    const stored = await prisma.clockEvent.findMany({ orderBy: { id: 'asc' } });
    let voided: number;
    const corrected = stored.filter((_, i) => i % 97 === 0);
    voided = corrected.length;
    await prisma.clockEvent.createMany({
      data: corrected.flatMap((e) => [
        { employeeId: e.employeeId, at: e.at, direction: e.direction, source: 'correction', dedupeKey: `v${e.id}`, recordedBy: 'L', voidsId: e.id },
        { employeeId: e.employeeId, at: new Date(e.at.getTime() - 20 * 60_000), direction: e.direction, source: 'correction', dedupeKey: `c${e.id}`, recordedBy: 'L' },
      ]),
    });
    for (const [i, id] of ids.entries()) {
      if (i % 7 !== 0) continue;
      const start = dates[between(0, 25)]!;
      await prisma.leaveRequest.create({
        data: { employeeId: id, type: 'personal', startDate: dateColumn(start), endDate: dateColumn(start), part: i % 2 ? 'morning' : 'full', reason: 'r', proof: 'none', flags: [], approverId: 'E000', routeReason: 'role-rule', status: 'approved', source: 'slack', costFen: 0, losesFullAttendance: false, costLines: [] },
      });
    }
    for (const [i, id] of ids.entries()) {
      if (i % 5 !== 0) continue;
      await prisma.latenessExplanation.create({
        data: { employeeId: id, date: dateColumn(dates[between(0, 30)]!), segment: 'morning', kind: 'late', minutes: 40, status: i % 2 ? 'accepted' : 'rejected', text: 't', submittedAt: local(dates[3]!, 10, 0, 0) },
      });
    }
    await prisma.latenessExcuse.create({ data: { reason: '台风', date: dateColumn('2026-10-09'), excusedById: 'E000' } });
    await prisma.latenessExcuse.create({ data: { reason: '停电', windowFrom: local('2026-10-20', 7, 0, 0), windowTo: local('2026-10-20', 9, 0, 0), excusedById: 'E000' } });
    expect(voided).toBeGreaterThan(20);

    const fast = await prisma.$transaction((tx) => deriveDays(tx, OUTBOUND_BASIC, { from: FROM, to: TO, now: NOW }), LONG_TRANSACTION);

    // The straightforward derivation: Prisma objects, luxon's own zone per event, filtered per person and day.
    const reference = await prisma.$transaction(async (tx) => {
      const from = DateTime.fromISO(FROM, { zone: ZONE }).toJSDate();
      const to = DateTime.fromISO(TO, { zone: ZONE }).plus({ days: 1 }).toJSDate();
      const all = await clockRepository(tx).effectiveEvents(ids, from, to);
      const leaves = await tx.leaveRequest.findMany({ where: { status: 'approved' } });
      const explanations = await tx.latenessExplanation.findMany();
      const excuses: ExcuseInput[] = (await tx.latenessExcuse.findMany({ orderBy: { id: 'asc' } })).map((x) => ({
        id: String(x.id),
        reason: x.reason,
        employeeId: x.employeeId ?? undefined,
        date: x.date ? x.date.toISOString().slice(0, 10) : undefined,
        segment: x.segment ?? undefined,
        kind: (x.kind as ExcuseInput['kind']) ?? undefined,
        window: x.windowFrom && x.windowTo ? { from: DateTime.fromJSDate(x.windowFrom), to: DateTime.fromJSDate(x.windowTo) } : undefined,
      }));
      const employees = await tx.employee.findMany({ orderBy: { id: 'asc' } });
      const eventsOf = (id: string) => all.filter((ev) => ev.employeeId === id);
      return employees.map((e) => {
        const own = eventsOf(e.id);
        return dates.map((date) => {
          const mine: ExplanationInput[] = explanations
            .filter((x) => x.employeeId === e.id)
            .map((x) => ({ date: x.date.toISOString().slice(0, 10), segment: x.segment, kind: x.kind as ExplanationInput['kind'], status: x.status as ExplanationInput['status'], submittedAt: x.submittedAt ? DateTime.fromJSDate(x.submittedAt) : undefined }));
          return dayLateness({
            schedule: daySchedule({ employee: { id: e.id, role: e.role as 'outbound_agent' }, date, policy: OUTBOUND_BASIC }),
            events: own
              .filter((ev) => DateTime.fromJSDate(ev.at, { zone: ZONE }).toISODate() === date)
              .map((ev) => ({ id: String(ev.id), at: DateTime.fromJSDate(ev.at, { zone: ZONE }), direction: ev.direction as 'in' | 'out' })),
            leave: leaves
              .filter((l) => l.employeeId === e.id && l.startDate.toISOString().slice(0, 10) <= date && l.endDate.toISOString().slice(0, 10) >= date)
              .map((l) => ({ part: l.part as 'full' | 'morning' | 'afternoon' })),
            excuses,
            explanations: mine,
            policy: OUTBOUND_BASIC,
            now: NOW,
          });
        });
      });
    }, LONG_TRANSACTION);

    expect(fast).toHaveLength(200);
    expect(JSON.stringify(fast.map((p) => p.days))).toBe(JSON.stringify(reference));
    // The data exercises what it claims to: voided events, late days, leave, excuses.
    const days = fast.flatMap((p) => p.days);
    expect(days.filter((d) => d.segments.some((s) => s.onLeave)).length).toBeGreaterThan(15);
    expect(days.filter((d) => d.segments.some((s) => s.late?.outcome === 'excused')).length).toBeGreaterThan(0);
    expect(days.filter((d) => d.segments.some((s) => s.lateMinutes > 0)).length).toBeGreaterThan(100);
    expect(days.filter((d) => d.absentDay).length).toBeGreaterThan(10);
  });
});
