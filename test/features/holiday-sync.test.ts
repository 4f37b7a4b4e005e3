import { expect, it } from 'vitest';
import { syncHolidays } from '../../src/features/calendar/holiday-sync.ts';
import { parsePolicyYaml } from '../../src/policy/config/load.ts';
import { describeEachDatabase } from '../support/databases.ts';

const policyWith = (yaml: string) => {
  const loaded = parsePolicyYaml(yaml);
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.errors));
  return loaded.policy;
};

describeEachDatabase('holiday table', (current) => {
  it('TIME-6: the holiday table mirrors the policy calendar; processes starting together do not collide', async () => {
    const prisma = current().db.prisma;
    const first = policyWith('calendar:\n  holidays: [{ date: 2026-10-01, name: 国庆节 }, { date: 2026-10-02 }]\n  swappedWorkdays: [{ date: 2026-10-10, as: friday }]\n');
    const results = await Promise.all([syncHolidays(prisma, first), syncHolidays(prisma, first), syncHolidays(prisma, first)]);
    expect(results.some((r) => r.changed === 3)).toBe(true);
    const rows = async () => (await prisma.holiday.findMany({ orderBy: { date: 'asc' } })).map((h) => `${h.date.toISOString().slice(0, 10)} ${h.kind} ${h.name} ${h.asWeekday ?? '-'}`);
    expect(await rows()).toEqual(['2026-10-01 holiday 国庆节 -', '2026-10-02 holiday  -', '2026-10-10 working_day  friday']);
    expect(await syncHolidays(prisma, first)).toEqual({ changed: 0 });
    const second = policyWith('calendar:\n  holidays: [{ date: 2026-10-01, name: National Day }]\n');
    expect(await syncHolidays(prisma, second)).toEqual({ changed: 3 });
    expect(await rows()).toEqual(['2026-10-01 holiday National Day -']);
  });
});
