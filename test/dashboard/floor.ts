import { importClock } from '../../src/features/clock/clock-import.ts';
import { importOrg } from '../../src/features/org/org-import.ts';
import type { Policy } from '../../src/policy/config/schema.ts';
import { dateColumn, type PrismaClient } from '../../src/shared/db/types.ts';

/** The dashboard tests' floor: six outbound agents punching every working day of November 2026, late by a pattern, one day of approved leave and one pending. */
export const PEOPLE = 6;
export const MONTH = '2026-11';
export const id = (i: number) => `A${String(i).padStart(3, '0')}`;
const two = (n: number) => String(n).padStart(2, '0');
// November 2026, Monday to Friday (outbound-basic, winter: 08:00–12:00 and 14:30–17:30), no holidays.
export const WORKING_DAYS: string[] = [];
for (let d = 1; d <= 30; d++) {
  const date = `${MONTH}-${two(d)}`;
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  if (weekday !== 0 && weekday !== 6) WORKING_DAYS.push(date);
}
/** A003 is on approved leave the whole of this day (no punches); A004 has a pending request on PENDING_DAY and works. */
export const LEAVE_DAY = '2026-11-10';
export const PENDING_DAY = '2026-11-20';

export function generate(): { org: string; csv: string; expected: Map<string, Record<string, number>> } {
  const org = [
    'center: { name: 测试中心, timeZone: Asia/Shanghai }',
    'teams: [{ id: t1, name: 一组 }]',
    'employees:',
    ...Array.from({ length: PEOPLE }, (_, i) => `  - { id: ${id(i)}, name: 员工${i}, role: outbound_agent, team: t1, hireDate: 2025-01-01, basePay: 1200 }`),
  ].join('\n');
  const rows = ['employee_id,timestamp,direction'];
  const expected = new Map<string, Record<string, number>>();
  for (let i = 0; i < PEOPLE; i++) {
    const byDay: Record<string, number> = {};
    WORKING_DAYS.forEach((date, d) => {
      if (i === 3 && date === LEAVE_DAY) return;
      const morningLate = (i + d) % 4;
      const afternoonLate = (i * d) % 3;
      const seconds = two((i * 7 + d * 11) % 60); // LATE-2: seconds never count
      rows.push(morningLate ? `${id(i)},${date} 08:${two(morningLate)}:${seconds},in` : `${id(i)},${date} 07:5${d % 9}:${seconds},in`);
      rows.push(`${id(i)},${date} 12:00:${seconds},out`);
      rows.push(afternoonLate ? `${id(i)},${date} 14:${two(30 + afternoonLate)}:${seconds},in` : `${id(i)},${date} 14:2${d % 9}:${seconds},in`);
      rows.push(`${id(i)},${date} 17:31:${seconds},out`);
      if (morningLate + afternoonLate > 0) byDay[date] = morningLate + afternoonLate;
    });
    expected.set(id(i), byDay);
  }
  return { org, csv: rows.join('\n'), expected };
}

/** Imports the floor into a database (the org, the punches, the two leave requests); returns the expected heatmap. */
export async function seedFloor(prisma: PrismaClient, policy: Policy): Promise<Map<string, Record<string, number>>> {
  const { org, csv, expected } = generate();
  await importOrg(prisma, org, { actor: 'test', file: 'org.yaml' });
  await importClock(prisma, csv, { actor: 'test', file: 'punches.csv', policy });
  const leave = (employeeId: string, date: string, status: string) =>
    prisma.leaveRequest.create({
      data: { employeeId, type: 'personal', startDate: dateColumn(date), endDate: dateColumn(date), approverId: id(0), routeReason: 'role-rule', status, costFen: 0, losesFullAttendance: false, costLines: [], source: 'slack', flags: [] },
    });
  await leave(id(3), LEAVE_DAY, 'approved');
  await leave(id(4), PENDING_DAY, 'pending');
  return expected;
}
