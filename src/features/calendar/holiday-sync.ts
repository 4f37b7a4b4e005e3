/**
 * TIME-6: the policy's holidays and swapped working days are the truth; `serve`
 * mirrors them into the `holiday` table at start so that reports written in SQL
 * can join on them. Rows that left the policy are removed; changes are audited.
 */
import type { Policy } from '../../policy/config/schema.ts';
import { recordAudit } from '../../shared/audit.ts';
import { dateColumn, isoDateOf, type PrismaClient } from '../../shared/db/types.ts';

interface HolidayRow {
  date: string;
  kind: 'holiday' | 'working_day';
  name: string;
  asWeekday: string | null;
}

export function holidayRows(policy: Policy): HolidayRow[] {
  return [
    ...policy.calendar.holidays.map((h) => ({ date: h.date, kind: 'holiday' as const, name: h.name ?? '', asWeekday: null })),
    ...policy.calendar.swappedWorkdays.map((w) => ({ date: w.date, kind: 'working_day' as const, name: w.name ?? '', asWeekday: w.as })),
  ];
}

export async function syncHolidays(prisma: PrismaClient, policy: Policy): Promise<{ changed: number }> {
  const wanted = new Map(holidayRows(policy).map((r) => [r.date, r]));
  return prisma.$transaction(async (tx) => {
    const existing = await tx.holiday.findMany();
    const stale = existing.filter((h) => !wanted.has(isoDateOf(h.date)));
    const changed: HolidayRow[] = [];
    const created: HolidayRow[] = [];
    for (const row of wanted.values()) {
      const before = existing.find((h) => isoDateOf(h.date) === row.date);
      if (!before) created.push(row);
      else if (before.kind !== row.kind || before.name !== row.name || before.asWeekday !== row.asWeekday) {
        await tx.holiday.update({ where: { date: dateColumn(row.date) }, data: { kind: row.kind, name: row.name, asWeekday: row.asWeekday } });
      } else continue;
      changed.push(row);
    }
    // skipDuplicates: several processes starting together on one database may race here.
    if (created.length > 0) {
      await tx.holiday.createMany({
        data: created.map((r) => ({ date: dateColumn(r.date), kind: r.kind, name: r.name, asWeekday: r.asWeekday })),
        skipDuplicates: true,
      });
    }
    if (stale.length > 0) await tx.holiday.deleteMany({ where: { date: { in: stale.map((h) => h.date) } } });
    await recordAudit(tx, [
      ...changed.map((r) => ({ actor: 'system:policy', action: 'holiday.set', entity: 'holiday', entityId: r.date, details: { ...r } })),
      ...stale.map((h) => ({ actor: 'system:policy', action: 'holiday.remove', entity: 'holiday', entityId: isoDateOf(h.date) })),
    ]);
    return { changed: changed.length + stale.length };
  });
}
