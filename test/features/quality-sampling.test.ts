/** PERF-9 sampling as the job runs it, on both databases: who works that day, evenness across days, once per day. */
import { readFileSync } from 'node:fs';
import { DateTime } from 'luxon';
import { expect, it } from 'vitest';
import { slackLeaveRenderer } from '../../src/channels/slack/blocks/leave-blocks.ts';
import { slackQaRenderer } from '../../src/channels/slack/blocks/quality-blocks.ts';
import { decideLeave, fileLeave, type LeaveDeps } from '../../src/features/leave/leave-service.ts';
import { importOrg } from '../../src/features/org/org-import.ts';
import { runQaSampling } from '../../src/features/quality/qa-service.ts';
import type { Clock } from '../../src/shared/clock.ts';
import { isoDateOf } from '../../src/shared/db/types.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { fixturePath, OUTBOUND_BASIC as policy } from '../support/fixtures.ts';

const ORG = readFileSync(fixturePath('matrix-org.yaml'), 'utf8');
const zone = 'Asia/Shanghai';
const slot = (date: string) => DateTime.fromISO(`${date}T08:30`, { zone });

describeEachDatabase('PERF-9 QA sampling job', (current) => {
  it('PERF-9 sampling evenness: Monday to Friday, an agent on full-day leave is not sampled that day, the first agent rotates, a day runs once, the weekend has no list', async () => {
    const prisma = current().db.prisma;
    await importOrg(prisma, ORG, { actor: 'test', file: 'org.yaml' });
    // Li Si has an approved personal leave for Wednesday.
    const clock: Clock = { now: () => DateTime.fromISO('2026-11-20T10:00', { zone }) };
    const leave: LeaveDeps = { prisma, policy, clock, messenger: { platform: 'slack', render: slackLeaveRenderer, targetOf: (p) => p.slackId }, source: 'test' };
    const filed = await fileLeave(leave, { employeeId: 'E002', type: 'personal', startDate: '2026-11-25', endDate: '2026-11-25', part: 'full', reason: '家事', emergency: false, proof: 'none' });
    await decideLeave(leave, { requestId: filed.request.id, actorId: filed.approver.id, decision: 'approved' });

    const week = ['2026-11-23', '2026-11-24', '2026-11-25', '2026-11-26', '2026-11-27'];
    for (const date of week) expect((await runQaSampling(prisma, policy, slot(date), { slack: slackQaRenderer })).created).toBeGreaterThan(0);
    expect(await runQaSampling(prisma, policy, slot('2026-11-23'), { slack: slackQaRenderer })).toMatchObject({ created: 0, samples: 6 });
    expect(await runQaSampling(prisma, policy, slot('2026-11-28'), { slack: slackQaRenderer })).toMatchObject({ created: 0, samples: 0, scorers: [] });

    const rows = await prisma.qaSample.findMany({ orderBy: { id: 'asc' } });
    const count = (agent: string) => rows.filter((r) => r.agentId === agent).length;
    expect([count('E001'), count('E002'), count('E003')]).toEqual([10, 8, 10]);
    expect(rows.filter((r) => isoDateOf(r.date) === '2026-11-25').map((r) => r.agentId).sort()).toEqual(['E001', 'E001', 'E003', 'E003']);
    // The lists as sent: one per day to the outbound manager, each opening with a different agent Monday to Wednesday.
    const lists = await prisma.outboxMessage.findMany({ where: { dedupeKey: { startsWith: 'qa-sampling:' } }, orderBy: { id: 'asc' } });
    expect(lists.map((m) => m.dedupeKey)).toEqual(week.map((d) => `qa-sampling:${d}:E600:1`));
    const firstName = (i: number) => (lists[i]!.payload as { text: string }).text.split('\n').find((l) => l.includes('第 1 个电话'))!.split('：')[0];
    expect([firstName(0), firstName(1), firstName(2)]).toEqual(['张三', 'Li Si', '张三']);
    // Wednesday (index 2, two agents working): the rotation skips Li Si, off that day.
    expect((lists[2]!.payload as { text: string }).text).not.toContain('Li Si');
  });
});
