/** PAY-8 statements to each employee: the statement date, the month-end DMs (once, Slack ids only) and one's own statement. */
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { payStatementMessage } from '../../src/channels/slack/blocks/pay-blocks.ts';
import { importOrg } from '../../src/features/org/org-import.ts';
import { ownPayStatement, sendMonthEndPayStatements } from '../../src/features/pay/pay-statements.ts';
import { parsePolicy } from '../../src/policy/config/load.ts';
import { payStatementDate } from '../../src/policy/pay/schedule.ts';
import { AppError } from '../../src/shared/errors.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { OUTBOUND_BASIC as policy } from '../support/fixtures.ts';

const zone = 'Asia/Shanghai';
const at = (local: string) => DateTime.fromISO(local, { zone });
const ORG = `center: { name: 测试中心, timeZone: Asia/Shanghai }
teams: [{ id: t1, name: 一组 }]
employees:
  - { id: A1, name: 张三, role: outbound_agent, team: t1, hireDate: 2025-01-01, locale: zh-CN, slack: UA1 }
  - { id: A2, name: Li Si, role: outbound_agent, team: t1, hireDate: 2025-01-01, locale: en, slack: UA2 }
  - { id: A3, name: 无账号, role: outbound_agent, team: t1, hireDate: 2025-01-01 }
  - { id: A4, name: 新人, role: outbound_agent, team: t1, hireDate: 2026-12-01, slack: UA4 }
`;

describe('PAY-8 statement date', () => {
  it('PAY-8: the first working day of the next month: a weekend or a holiday on the 1st moves it', () => {
    expect(payStatementDate('2026-11', policy)).toBe('2026-12-01'); // Tuesday
    expect(payStatementDate('2026-07', policy)).toBe('2026-08-03'); // 08-01 is a Saturday
    const parsed = parsePolicy({ calendar: { holidays: [{ date: '2026-01-01', name: '元旦' }, { date: '2026-01-02', name: '元旦' }] } });
    if (!parsed.ok) throw new Error('policy');
    expect(payStatementDate('2025-12', parsed.policy)).toBe('2026-01-05'); // 01-01/02 holidays, 03/04 the weekend
    expect(() => payStatementDate('2026-13', policy)).toThrow(RangeError);
  });
});

describeEachDatabase('PAY-8 statements to each employee', (current) => {
  const keys = async () => (await current().db.prisma.outboxMessage.findMany({ orderBy: { dedupeKey: 'asc' } })).map((m) => `${m.dedupeKey} ${m.target}`);

  it('PAY-8: only on the statement date; one DM per active employee with a Slack id who was employed in the month; again, nothing new', async () => {
    const prisma = current().db.prisma;
    await importOrg(prisma, ORG, { actor: 'test', file: 'org.yaml' });
    expect(await sendMonthEndPayStatements(prisma, policy, at('2026-12-02T09:00'), payStatementMessage)).toBeNull();
    expect(await keys()).toEqual([]);
    const sent = await sendMonthEndPayStatements(prisma, policy, at('2026-12-01T09:00'), payStatementMessage);
    expect(sent).toEqual({ month: '2026-11', employees: ['A1', 'A2'] });
    expect(await keys()).toEqual(['pay-statement:2026-11:A1 UA1', 'pay-statement:2026-11:A2 UA2']);
    const texts = (await prisma.outboxMessage.findMany({ orderBy: { dedupeKey: 'asc' } })).map((m) => (m.payload as { text: string }).text.split('\n')[0]);
    expect(texts).toEqual(['2026-11 薪资明细 — 张三', 'Pay statement 2026-11 — Li Si']);
    await sendMonthEndPayStatements(prisma, policy, at('2026-12-01T09:01'), payStatementMessage);
    expect(await prisma.outboxMessage.count()).toBe(2);
  });

  it('PAY-8: one’s own statement: the month so far by default, a past month whole; a future month or one before the hire is refused', async () => {
    const prisma = current().db.prisma;
    await importOrg(prisma, ORG, { actor: 'test', file: 'org.yaml' });
    const deps = { prisma, policy, clock: { now: () => at('2026-12-10T12:00') } };
    const soFar = await ownPayStatement(deps, 'A2');
    expect([soFar.employeeId, soFar.month, soFar.through]).toEqual(['A2', '2026-12', '2026-12-10']);
    const november = await ownPayStatement(deps, 'A2', '2026-11');
    expect([november.month, november.through]).toEqual(['2026-11', null]);
    const refused = async (employeeId: string, month: string) => ((await ownPayStatement(deps, employeeId, month).catch((e: unknown) => e)) as AppError).messageKey;
    expect(await refused('A2', '2027-01')).toBe('pay.future_month');
    expect(await refused('A4', '2026-11')).toBe('pay.no_statement');
    expect(await refused('A2', 'A1')).toBe('pay.usage');
  });
});
