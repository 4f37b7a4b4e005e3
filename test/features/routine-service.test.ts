/** Issue 11 routine use cases on both databases: what the e2e test does not reach (Teams channels, refusals, edge cases). */
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { ROUTINE_RENDERERS } from '../../src/channels/slack/handlers/routine.ts';
import { importOrg } from '../../src/features/org/org-import.ts';
import { acknowledgeHandover, addBriefNote, briefCheckIn, checkHandovers, fileHandover, postBriefs, sendReport, draftReports } from '../../src/features/routine/index.ts';
import { dateColumn } from '../../src/shared/db/types.ts';
import { AppError } from '../../src/shared/errors.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { OUTBOUND_BASIC as policy } from '../support/fixtures.ts';

const zone = 'Asia/Shanghai';
const at = (local: string) => DateTime.fromISO(local, { zone });
// A team on a Teams channel, a team on Slack; one complaint handler only.
const ORG = `center: { name: 测试中心, timeZone: Asia/Shanghai }
teams:
  - { id: t-teams, name: Teams 组, channel: "19:abc@thread.tacv2" }
  - { id: t-slack, name: Slack 组, channel: C0SL }
  - { id: office, name: 办公室 }
employees:
  - { id: A1, name: 甲, role: outbound_agent, team: t-teams, manager: L1, hireDate: 2024-01-01, teams: aad-a1 }
  - { id: L1, name: 班长一, role: team_leader, team: t-teams, hireDate: 2019-01-01, teams: aad-l1 }
  - { id: B1, name: 乙, role: outbound_agent, team: t-slack, manager: L2, hireDate: 2024-01-01, slack: UB1 }
  - { id: L2, name: Leader Two, role: team_leader, team: t-slack, hireDate: 2019-01-01, locale: en, slack: UL2 }
  - { id: H1, name: 投诉甲, role: complaint_handler, team: office, hireDate: 2022-01-01, slack: UH1 }
  - { id: CM, name: 投诉经理, role: complaint_manager, team: office, hireDate: 2020-01-01, slack: UCM }
`;
const errorKey = async (work: Promise<unknown>) => {
  try {
    await work;
  } catch (error) {
    if (error instanceof AppError) return error.messageKey;
    throw error;
  }
  return 'no error';
};

describeEachDatabase('routine use cases', (current) => {
  it('MEET-1: the brief goes to a Teams channel as a text card and to a Slack channel with blocks, once per team and day', async () => {
    const prisma = current().db.prisma;
    await importOrg(prisma, ORG, { actor: 'test', file: 'org.yaml' });
    expect(await postBriefs(prisma, policy, at('2026-11-24T07:44'), ROUTINE_RENDERERS)).toEqual([]);
    expect(await postBriefs(prisma, policy, at('2026-11-24T07:45'), ROUTINE_RENDERERS)).toEqual(['t-slack', 't-teams']);
    expect(await postBriefs(prisma, policy, at('2026-11-24T07:50'), ROUTINE_RENDERERS)).toEqual([]);
    const rows = await prisma.outboxMessage.findMany({ orderBy: { dedupeKey: 'asc' } });
    expect(rows.map((r) => [r.platform, r.target, r.dedupeKey])).toEqual([
      ['slack', 'C0SL', 'routine:brief:t-slack:2026-11-24'],
      ['teams', '19:abc@thread.tacv2', 'routine:brief:t-teams:2026-11-24:teams'],
    ]);
    const teams = rows[1]!.payload as { text: string; card?: { type: string } };
    expect(teams.card?.type).toBe('AdaptiveCard');
    expect(teams.text.split('\n')[0]).toBe('*Teams 组 · 班前会 · 2026-11-24*');
    // MEET-1: a brief without notes still posts, and says so.
    expect((rows[0]!.payload as { text: string }).text.split('\n')).toContain('班长今日无补充事项。');
    // Only a slot in the half hour after the brief's time posts: a team whose slot was missed longer gets none.
    await prisma.outboxMessage.deleteMany();
    expect(await postBriefs(prisma, policy, at('2026-11-24T08:15'), ROUTINE_RENDERERS)).toEqual([]);
  });

  it('MEET-1: notes only from team leaders, not empty; check-in only on the brief’s date', async () => {
    const prisma = current().db.prisma;
    await importOrg(prisma, ORG, { actor: 'test', file: 'org.yaml' });
    const now = at('2026-11-24T07:00');
    expect(await errorKey(addBriefNote(prisma, policy, { actorId: 'A1', text: 'x', now }))).toBe('routine.brief.leaders_only');
    expect(await errorKey(addBriefNote(prisma, policy, { actorId: 'L1', text: '   ', now }))).toBe('routine.brief.note_required');
    expect(await addBriefNote(prisma, policy, { actorId: 'L1', text: '一', now })).toEqual({ date: '2026-11-24', count: 1 });
    expect(await addBriefNote(prisma, policy, { actorId: 'L1', text: '二', now })).toEqual({ date: '2026-11-24', count: 2 });
    const args = { teamId: 't-teams', date: '2026-11-24', employeeId: 'A1', source: 'teams' };
    expect(await errorKey(briefCheckIn(prisma, policy, { ...args, at: at('2026-11-25T08:00') }))).toBe('routine.check_in.other_day');
    expect((await briefCheckIn(prisma, policy, { ...args, at: at('2026-11-24T08:01') })).outcome).toBe('checked-in');
    expect(await prisma.briefCheckIn.count()).toBe(1);
  });

  it('post-shift report: only the leader sends it; problems and measures required; nothing half-stored', async () => {
    const prisma = current().db.prisma;
    await importOrg(prisma, ORG, { actor: 'test', file: 'org.yaml' });
    expect(await draftReports(prisma, policy, at('2026-11-24T17:30'), ROUTINE_RENDERERS)).toEqual(['t-slack', 't-teams']);
    expect(await draftReports(prisma, policy, at('2026-11-24T17:35'), ROUTINE_RENDERERS)).toEqual([]);
    const send = (actorId: string, problems: string | null, measures: string | null) =>
      sendReport(prisma, policy, { teamId: 't-slack', date: '2026-11-24', actorId, problems, measures, now: at('2026-11-24T18:00') }, ROUTINE_RENDERERS);
    expect(await errorKey(send('L1', 'p', 'm'))).toBe('routine.report.leader_only');
    expect(await errorKey(send('L2', 'p', ' '))).toBe('routine.report.measures_required');
    const row = await prisma.shiftReport.findUniqueOrThrow({ where: { teamId_date: { teamId: 't-slack', date: dateColumn('2026-11-24') } } });
    expect([row.status, row.problems, row.measures]).toEqual(['draft', '', '']);
    // No center manager nor department head in this org: stored as sent to nobody.
    expect(await send('L2', 'p', 'm')).toEqual({ outcome: 'sent', to: [] });
    expect(await send('L2', 'p2', 'm2')).toEqual({ outcome: 'already', to: [] });
    expect((await prisma.shiftReport.findUniqueOrThrow({ where: { teamId_date: { teamId: 't-slack', date: dateColumn('2026-11-24') } } })).problems).toBe('p');
  });

  it('handover timing: without another handler rostered, flagged once when the grace after filing has run out; only the incoming handler acknowledges', async () => {
    const prisma = current().db.prisma;
    await importOrg(prisma, ORG, { actor: 'test', file: 'org.yaml' });
    const form = { ticketsReceived: '3', ticketsHandled: '2', openTickets: 'T-1 open', notes: null };
    expect(await errorKey(fileHandover(prisma, policy, { ...form, actorId: 'A1', now: at('2026-11-24T17:25'), channel: 'slack' }, ROUTINE_RENDERERS))).toBe('routine.handover.handlers_only');
    expect(await errorKey(fileHandover(prisma, policy, { ...form, ticketsHandled: '-1', actorId: 'H1', now: at('2026-11-24T17:25'), channel: 'slack' }, ROUTINE_RENDERERS))).toBe('routine.handover.bad_count');
    const filed = await fileHandover(prisma, policy, { ...form, actorId: 'H1', now: at('2026-11-24T17:25'), channel: 'slack' }, ROUTINE_RENDERERS);
    expect(filed.incoming).toBeNull();
    expect(await errorKey(acknowledgeHandover(prisma, policy, { id: filed.id, actorId: 'H1', now: at('2026-11-24T17:30') }))).toBe('routine.handover.incoming_only');
    expect(await checkHandovers(prisma, policy, at('2026-11-24T17:35'), ROUTINE_RENDERERS)).toEqual([]);
    expect(await checkHandovers(prisma, policy, at('2026-11-24T17:40'), ROUTINE_RENDERERS)).toEqual([filed.id]);
    expect(await checkHandovers(prisma, policy, at('2026-11-24T17:45'), ROUTINE_RENDERERS)).toEqual([]);
    const flags = await prisma.outboxMessage.findMany({ where: { dedupeKey: { startsWith: `routine:handover:${filed.id}:flag` } } });
    expect(flags.map((f) => [f.target, (f.payload as { text: string }).text])).toEqual([['UCM', '交接班无人接收：投诉甲 于 2026-11-24 17:25 提交了交接班，但没有其他投诉处理员排班接班。']]);
  });
});

describe('routine renderers', () => {
  it('a brief longer than a Slack section is split into sections of whole lines (the message text keeps all of it)', () => {
    const names = Array.from({ length: 400 }, (_, i) => `员工${i}`);
    const view = {
      teamId: 't', teamName: 'T', date: '2026-11-24',
      yesterday: { date: '2026-11-23', agents: 0, callsMade: 0, callsConnected: 0, connectRate: null, questionnaires: 0, orders: 0, customerIssues: 0, targetPerAgent: 60, target: 0, belowTarget: [] },
      late: names.slice(0, 100).map((name) => ({ name, minutes: 1 })), absent: [], onLeave: [], resting: names.slice(0, 100), coverage: [], incidents: [], events: [],
      notes: names.map((n) => ({ author: 'L', text: n })),
    };
    const payload = ROUTINE_RENDERERS.slack.brief('zh-CN', view) as { text: string; blocks: Array<{ type: string; text?: { text: string } }> };
    const texts = payload.blocks.filter((b) => b.type === 'section').map((b) => b.text!.text);
    expect(texts.length).toBeGreaterThan(1);
    for (const text of texts) expect(text.length).toBeLessThanOrEqual(3000);
    expect(texts.join('\n')).toBe(payload.text);
  });
});
