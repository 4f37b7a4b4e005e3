/** MEET-2 monthly report deadlines: reminders, Mark as submitted, late flags; both databases. */
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { slackReportDeadlineRenderer } from '../../src/channels/slack/blocks/meetings-blocks.ts';
import { deadlinesOn, markReportSubmitted, runReportDeadlines } from '../../src/features/meetings/report-deadlines.ts';
import { importOrg } from '../../src/features/org/org-import.ts';
import { AppError } from '../../src/shared/errors.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { OUTBOUND_BASIC as policy } from '../support/fixtures.ts';

const zone = 'Asia/Shanghai';
const at = (local: string) => DateTime.fromISO(local, { zone });
const ORG = `center: { name: 测试中心, timeZone: Asia/Shanghai }
teams: [{ id: office, name: 办公室 }]
employees:
  - { id: C1, name: 投诉经理, role: complaint_manager, team: office, hireDate: 2020-01-01, locale: zh-CN, slack: UC1 }
  - { id: O1, name: Outbound Boss, role: outbound_manager, team: office, hireDate: 2020-01-01, locale: en, slack: UO1 }
  - { id: O2, name: 离职外呼, role: outbound_manager, team: office, hireDate: 2020-01-01, active: false, slack: UO2 }
  - { id: L1, name: 班长, role: team_leader, team: office, hireDate: 2019-01-01, locale: zh-CN, slack: UL1 }
  - { id: L2, name: Leader Two, role: team_leader, team: office, hireDate: 2019-01-01, locale: en }
`;

describe('MEET-2 deadlines of a day (pure)', () => {
  it('MEET-2: the 2nd has the complaint and outbound managers at 15:00; the 4th the complaint manager only; the 3rd none', () => {
    expect(deadlinesOn('2026-12-02', policy).map((d) => `${d.role} ${d.dueAt.toISO()}`)).toEqual([
      'complaint_manager 2026-12-02T15:00:00.000+08:00',
      'outbound_manager 2026-12-02T15:00:00.000+08:00',
    ]);
    expect(deadlinesOn('2026-12-04', policy).map((d) => d.role)).toEqual(['complaint_manager']);
    expect(deadlinesOn('2026-12-03', policy)).toEqual([]);
  });
});

describeEachDatabase('MEET-2 report deadlines', (current) => {
  const outbox = async () =>
    (await current().db.prisma.outboxMessage.findMany({ orderBy: { id: 'asc' } })).map((m) => ({ key: m.dedupeKey, target: m.target, text: (m.payload as { text: string }).text }));

  it('MEET-2: from 09:00 each manager due that day gets one reminder with the button; before 09:00 and on a second run, nothing', async () => {
    const prisma = current().db.prisma;
    await importOrg(prisma, ORG, { actor: 'test', file: 'org.yaml' });
    expect(await runReportDeadlines(prisma, policy, at('2026-12-02T08:55'), slackReportDeadlineRenderer)).toEqual({ opened: [], reminded: [], flagged: [] });
    const first = await runReportDeadlines(prisma, policy, at('2026-12-02T09:00'), slackReportDeadlineRenderer);
    expect(first.opened).toHaveLength(2);
    const rows = await prisma.reportDeadline.findMany({ orderBy: { employeeId: 'asc' } });
    expect(rows.map((r) => `${r.employeeId} ${r.dueAt.toISOString()}`)).toEqual(['C1 2026-12-02T07:00:00.000Z', 'O1 2026-12-02T07:00:00.000Z']);
    const sent = await outbox();
    expect(sent.map((m) => m.target).sort()).toEqual(['UC1', 'UO1']);
    expect(sent.find((m) => m.target === 'UC1')!.text).toBe('提醒：你的月度报告须在今天（2026-12-02）15:00 前提交。提交后请在此标记。');
    expect(sent.find((m) => m.target === 'UO1')!.text).toContain('due today, 2026-12-02, by 15:00');
    const payload = (await prisma.outboxMessage.findFirstOrThrow({ where: { target: 'UO1' } })).payload as { blocks: Array<{ elements?: Array<{ action_id: string; value: string }> }> };
    const button = payload.blocks.flatMap((b) => b.elements ?? [])[0]!;
    expect(button.action_id).toBe('report_mark_submitted');
    expect(button.value).toBe(String(rows.find((r) => r.employeeId === 'O1')!.id));

    const again = await runReportDeadlines(prisma, policy, at('2026-12-02T09:05'), slackReportDeadlineRenderer);
    expect(again.opened).toEqual([]);
    expect(await outbox()).toHaveLength(2);
    const audit = await prisma.auditLog.findMany({ where: { action: 'report_deadline.open' } });
    expect(audit).toHaveLength(2);
  });

  it('MEET-2: only the row’s own employee marks it; a second click changes nothing; after 15:00 the team leaders are told once of the unsubmitted report only', async () => {
    const prisma = current().db.prisma;
    await importOrg(prisma, ORG, { actor: 'test', file: 'org.yaml' });
    await runReportDeadlines(prisma, policy, at('2026-12-02T09:00'), slackReportDeadlineRenderer);
    const rows = await prisma.reportDeadline.findMany();
    const o1 = rows.find((r) => r.employeeId === 'O1')!;
    const deps = (local: string) => ({ prisma, policy, clock: { now: () => at(local) } });

    const refused = await markReportSubmitted(deps('2026-12-02T10:00'), { deadlineId: o1.id, actorId: 'C1' }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(AppError);
    expect((refused as AppError).messageKey).toBe('meetings.deadline.not_yours');
    expect((refused as AppError).details).toEqual({ name: 'Outbound Boss' });
    expect(await markReportSubmitted(deps('2026-12-02T14:30'), { deadlineId: o1.id, actorId: 'O1' })).toEqual({ outcome: 'submitted', due: '2026-12-02 15:00', submittedAt: '2026-12-02 14:30' });
    expect(await markReportSubmitted(deps('2026-12-02T14:40'), { deadlineId: o1.id, actorId: 'O1' })).toEqual({ outcome: 'already', due: '2026-12-02 15:00', submittedAt: '2026-12-02 14:30' });
    expect((await prisma.reportDeadline.findUniqueOrThrow({ where: { id: o1.id } })).submittedAt?.toISOString()).toBe('2026-12-02T06:30:00.000Z');

    // 15:00 is the deadline itself: not late yet.
    expect((await runReportDeadlines(prisma, policy, at('2026-12-02T15:00'), slackReportDeadlineRenderer)).flagged).toEqual([]);
    const flag = await runReportDeadlines(prisma, policy, at('2026-12-02T15:05'), slackReportDeadlineRenderer);
    const c1 = rows.find((r) => r.employeeId === 'C1')!;
    expect(flag.flagged).toEqual([c1.id]);
    const flags = (await outbox()).filter((m) => m.key.includes(':late:'));
    // L2 has no Slack id: not messaged, but the row is flagged.
    expect(flags).toEqual([{ key: `report-deadline:${c1.id}:late:L1`, target: 'UL1', text: '报告逾期：投诉管理员 投诉经理 截止 2026-12-02 15:00 的月度报告尚未标记为已提交。' }]);
    expect((await runReportDeadlines(prisma, policy, at('2026-12-02T15:10'), slackReportDeadlineRenderer)).flagged).toEqual([]);
    expect((await outbox()).filter((m) => m.key.includes(':late:'))).toHaveLength(1);

    // Marked after the deadline: accepted, recorded late; the flag stays.
    expect((await markReportSubmitted(deps('2026-12-02T16:00'), { deadlineId: c1.id, actorId: 'C1' })).outcome).toBe('late');
    const after = await prisma.reportDeadline.findUniqueOrThrow({ where: { id: c1.id } });
    expect(after.lateFlaggedAt?.toISOString()).toBe('2026-12-02T07:05:00.000Z');
    expect(after.submittedAt?.toISOString()).toBe('2026-12-02T08:00:00.000Z');
    const audit = await prisma.auditLog.findMany({ where: { entity: 'report_deadline', action: { not: 'report_deadline.open' } }, orderBy: { id: 'asc' } });
    expect(audit.map((a) => `${a.actor} ${a.action} ${a.entityId} ${JSON.stringify(a.details)}`)).toEqual([
      `O1 report_deadline.submit ${o1.id} {"late":false,"dueAt":"2026-12-02T07:00:00.000Z","flagged":false}`,
      `system report_deadline.flag_late ${c1.id} {"dueAt":"2026-12-02T07:00:00.000Z","leaders":["L1","L2"],"employeeId":"C1"}`,
      `C1 report_deadline.submit ${c1.id} {"late":true,"dueAt":"2026-12-02T07:00:00.000Z","flagged":true}`,
    ]);
  });

  it('MEET-2: on the 4th only the complaint manager is due; an unknown row cannot be marked', async () => {
    const prisma = current().db.prisma;
    await importOrg(prisma, ORG, { actor: 'test', file: 'org.yaml' });
    await runReportDeadlines(prisma, policy, at('2026-12-04T11:00'), slackReportDeadlineRenderer);
    expect((await prisma.reportDeadline.findMany()).map((r) => r.employeeId)).toEqual(['C1']);
    const missing = await markReportSubmitted({ prisma, policy, clock: { now: () => at('2026-12-04T12:00') } }, { deadlineId: 999, actorId: 'C1' }).catch((e: unknown) => e);
    expect((missing as AppError).messageKey).toBe('meetings.deadline.not_found');
  });
});
