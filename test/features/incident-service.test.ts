/**
 * The incident use cases on both databases: the one-click sick leave through
 * the leave use case (LEAVE-3/4/5) with the staffing gap, the INC-4 sweep
 * escalating once, the outage for PAY-1 and the excuse window's bounds, and
 * `report incidents`.
 */
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { slackIncidentRenderer } from '../../src/channels/slack/blocks/incident-blocks.ts';
import { slackLeaveRenderer } from '../../src/channels/slack/blocks/leave-blocks.ts';
import { importClock } from '../../src/features/clock/clock-import.ts';
import { incidentsReport, outagesOfMonth } from '../../src/features/incidents/incident-report.ts';
import {
  acknowledgeIncident,
  escalateUnacknowledged,
  excuseOutageWindow,
  fileIncident,
  fileSickLeaveForSubject,
  resolveIncident,
  updateIncident,
  type IncidentDeps,
} from '../../src/features/incidents/incident-service.ts';
import { latenessReport } from '../../src/features/lateness/lateness-report.ts';
import { decideLeave, fileLeave, type LeaveDeps } from '../../src/features/leave/leave-service.ts';
import { importOrg } from '../../src/features/org/org-import.ts';
import { payReport } from '../../src/features/pay/pay-report.ts';
import { importSummaries } from '../../src/features/performance/summary-import.ts';
import type { PrismaClient } from '../../src/shared/db/types.ts';
import { AppError } from '../../src/shared/errors.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { LEAVE_ORG, OUTBOUND_BASIC as policy } from '../support/fixtures.ts';

const zone = 'Asia/Shanghai';
const at = (iso: string) => DateTime.fromISO(iso, { zone });
const clockAt = (iso: string) => ({ now: () => at(iso) });

function deps(prisma: PrismaClient, now: string): IncidentDeps {
  return { prisma, policy, clock: clockAt(now), messenger: { platform: 'slack', render: slackIncidentRenderer, targetOf: (p) => p.slackId } };
}
function leaveDeps(prisma: PrismaClient, now: string): LeaveDeps {
  return { prisma, policy, clock: clockAt(now), source: 'slack', messenger: { platform: 'slack', render: slackLeaveRenderer, targetOf: (p) => p.slackId } };
}
const refusal = async (work: Promise<unknown>) => {
  const error = await work.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  return (error as AppError).messageKey;
};

describeEachDatabase('incidents', (current) => {
  describe('illness', () => {
    it('Illness: the team leader files a sick leave for the person from the moment (proof to follow, routed by LEAVE-4) and sees the staffing gap; once only', async () => {
      const prisma = current().db.prisma;
      await importOrg(prisma, LEAVE_ORG, { actor: 'test', file: 'org.yaml' });
      // 王五 is on approved leave this afternoon: the afternoon is short of one more.
      const earlier = leaveDeps(prisma, '2026-05-29T09:00');
      const half = await fileLeave(earlier, { employeeId: 'E003', type: 'personal', startDate: '2026-06-01', endDate: '2026-06-01', part: 'afternoon', reason: '家事', emergency: false, proof: 'none' });
      await decideLeave(earlier, { requestId: half.request.id, actorId: half.approver.id, decision: 'approved' });

      const view = await fileIncident(deps(prisma, '2026-06-01T10:31'), {
        recorderId: 'E001',
        type: 'illness',
        occurredAt: at('2026-06-01T10:30'),
        description: 'Li Si fainted at her desk',
        subjectId: 'E002',
        channel: 'slack',
      });
      expect(view.subject).toEqual({ id: 'E002', name: 'Li Si' });
      // Team outbound-a: 张三, Li Si, 王五 and the team leader work both segments.
      expect(view.staffing).toEqual([
        { segment: 'morning', start: '08:00', end: '12:00', scheduled: 4, remaining: 3 },
        { segment: 'afternoon', start: '15:00', end: '18:00', scheduled: 4, remaining: 2 },
      ]);
      const leaderCard = await prisma.outboxMessage.findUniqueOrThrow({ where: { dedupeKey: `incident:${view.id}:dm:E400` } });
      expect(JSON.stringify(leaderCard.payload)).toContain('incident_sick_leave');
      expect(JSON.stringify(leaderCard.payload)).toContain('上午班 08:00–12:00：排班 4 人，剩余 3 人（缺 1 人）');

      expect(await refusal(fileSickLeaveForSubject(deps(prisma, '2026-06-01T10:40'), leaveDeps(prisma, '2026-06-01T10:40'), { incidentId: view.id, actorId: 'E001' }))).toBe('incidents.error.not_allowed');
      const done = await fileSickLeaveForSubject(deps(prisma, '2026-06-01T10:40'), leaveDeps(prisma, '2026-06-01T10:40'), { incidentId: view.id, actorId: 'E400' });
      expect(done.approved).toBe(false);
      const leave = await prisma.leaveRequest.findUniqueOrThrow({ where: { id: done.leaveId } });
      expect(leave).toMatchObject({ employeeId: 'E002', type: 'sick', part: 'full', proof: 'follows', status: 'pending', source: 'slack' });
      expect(leave.flags).toEqual(['sick-proof-pending']);
      expect(leave.reason).toBe(`工作中 10:30 突发疾病（突发事件 #${view.id}），病历或处方证明后补。`);
      expect(['E100', 'E101']).toContain(leave.approverId); // LEAVE-4: an agent's leave goes to the department head
      const approverCard = await prisma.outboxMessage.findUniqueOrThrow({ where: { dedupeKey: `leave:${leave.id}:card` } });
      expect(JSON.stringify(approverCard.payload)).toContain('leave_approve');
      expect(done.view.sickLeave).toMatchObject({ id: leave.id, status: 'pending' });

      expect(await refusal(fileSickLeaveForSubject(deps(prisma, '2026-06-01T10:41'), leaveDeps(prisma, '2026-06-01T10:41'), { incidentId: view.id, actorId: 'E500' }))).toBe('incidents.error.sick_leave_done');
      expect(await prisma.leaveRequest.count({ where: { employeeId: 'E002' } })).toBe(1);
      const timeline = await prisma.incidentUpdate.findMany({ where: { incidentId: view.id }, orderBy: { id: 'asc' } });
      expect(timeline.map((u) => `${u.kind} ${u.actorId}`)).toEqual(['filed E001', 'sick-leave E400']);
      expect(await prisma.auditLog.count({ where: { action: 'incident.sick_leave', entityId: String(view.id) } })).toBe(1);
    });

    it('Illness: after the morning, the afternoon half day; when the one clicking is the routed approver, the click approves it', async () => {
      const prisma = current().db.prisma;
      await importOrg(prisma, LEAVE_ORG, { actor: 'test', file: 'org.yaml' });
      // The team leader is taken ill at 13:10; their leave goes to the center manager (LEAVE-4), who clicks.
      const view = await fileIncident(deps(prisma, '2026-06-01T13:15'), { recorderId: 'E001', type: 'illness', occurredAt: at('2026-06-01T13:10'), description: '班长突发胃痛', subjectId: 'E400', channel: 'slack' });
      expect(view.staffing!.map((s) => `${s.segment} ${s.remaining}/${s.scheduled}`)).toEqual(['afternoon 3/4']);
      const done = await fileSickLeaveForSubject(deps(prisma, '2026-06-01T13:20'), leaveDeps(prisma, '2026-06-01T13:20'), { incidentId: view.id, actorId: 'E500' });
      expect(done.approved).toBe(true);
      const leave = await prisma.leaveRequest.findUniqueOrThrow({ where: { id: done.leaveId } });
      expect(leave).toMatchObject({ employeeId: 'E400', part: 'afternoon', status: 'approved', approverId: 'E500', decidedById: 'E500' });
      expect(done.view.sickLeave).toMatchObject({ status: 'approved', approver: '中心经理' });
    });
  });

  it('INC-4: the sweep escalates an unacknowledged incident once, to every active center manager; an acknowledged one never', async () => {
    const prisma = current().db.prisma;
    await importOrg(prisma, LEAVE_ORG, { actor: 'test', file: 'org.yaml' });
    const quiet = await fileIncident(deps(prisma, '2026-06-01T10:00:20'), { recorderId: 'E001', type: 'press', occurredAt: at('2026-06-01T09:58'), description: '记者在门口', channel: 'slack' });
    const answered = await fileIncident(deps(prisma, '2026-06-01T10:00:40'), { recorderId: 'E002', type: 'other', occurredAt: at('2026-06-01T10:00'), description: 'water leak', channel: 'slack' });
    await acknowledgeIncident(deps(prisma, '2026-06-01T10:03'), { incidentId: answered.id, actorId: 'E400' });
    const sweep = (time: string) => escalateUnacknowledged(deps(prisma, time), at(time));
    expect(await sweep('2026-06-01T10:09')).toEqual([]);
    expect(await sweep('2026-06-01T10:10')).toEqual([quiet.id]);
    expect(await sweep('2026-06-01T10:10')).toEqual([]);
    expect(await sweep('2026-06-01T10:30')).toEqual([]);
    const alerts = await prisma.outboxMessage.findMany({ where: { dedupeKey: { startsWith: 'incident:' }, kind: 'dm', target: 'U0500' } });
    expect(alerts.map((m) => m.dedupeKey)).toEqual([`incident:${quiet.id}:escalation:E500`]);
    // The escalated incident's earlier cards were updated in place (the channel's and the team leader's).
    const cardUpdates = await prisma.outboxMessage.findMany({ where: { kind: 'update', updateOf: { startsWith: `incident:${quiet.id}:` } }, orderBy: { id: 'asc' } });
    expect(cardUpdates.map((m) => `${m.updateOf} ${m.target}`)).toEqual([`incident:${quiet.id}:post C0INC`, `incident:${quiet.id}:dm:E400 U0400`]);
    // Acknowledged after the escalation: the center manager's card is updated too.
    await acknowledgeIncident(deps(prisma, '2026-06-01T10:31'), { incidentId: quiet.id, actorId: 'E500' });
    expect(await prisma.outboxMessage.count({ where: { kind: 'update', updateOf: `incident:${quiet.id}:escalation:E500` } })).toBe(1);
    expect(await refusal(acknowledgeIncident(deps(prisma, '2026-06-01T10:32'), { incidentId: quiet.id, actorId: 'E400' }))).toBe('incidents.error.already_acknowledged');
  });

  it('INC-3 → PAY-1: a provincial-system outage of the month gives agents below the quota the 800 base plus the 50 subsidy; a local-terminal one does not; the excuse window is bounded', async () => {
    const prisma = current().db.prisma;
    await importOrg(prisma, LEAVE_ORG, { actor: 'test', file: 'org.yaml' });
    await importSummaries(prisma, 'employee_id,date,calls_made,calls_connected,questionnaires_completed,orders\nE001,2026-06-01,500,300,200,150\nE002,2026-06-01,900,700,500,450\n', { actor: 'test', file: 's.csv' });
    const punches = ['employee_id,timestamp,direction', 'E001,2026-06-01 08:12,in', 'E001,2026-06-01 15:14,in', 'E001,2026-06-01 18:00,out'];
    await importClock(prisma, punches.join('\n'), { actor: 'test', file: 'p.csv', policy });
    const report = () => payReport({ prisma, policy, clock: clockAt('2026-07-02T09:00') }, '2026-06');
    const pay1 = async (id: string) => (await report()).find((r) => r.employeeId === id)!.statement.lines.filter((l) => l.ruleId === 'PAY-1').map((l) => `${l.kind} ${l.amountFen}`);

    const local = await fileIncident(deps(prisma, '2026-06-01T09:00'), { recorderId: 'E001', type: 'terminal-outage', occurredAt: at('2026-06-01T08:00'), description: '本机终端死机', channel: 'slack' });
    await updateIncident(deps(prisma, '2026-06-01T09:05'), { incidentId: local.id, actorId: 'E400', classification: 'local-terminal', text: '重启后恢复' });
    await resolveIncident(deps(prisma, '2026-06-01T09:10'), { incidentId: local.id, actorId: 'E400', recoveryAt: at('2026-06-01T08:20') });
    expect(await pay1('E001')).toEqual(['base 80000']);

    const provincial = await fileIncident(deps(prisma, '2026-06-01T09:30'), { recorderId: 'E001', type: 'network-outage', occurredAt: at('2026-06-01T08:00'), description: '省公司外呼平台中断', channel: 'slack' });
    expect(await pay1('E001')).toEqual(['base 80000']); // not resolved yet: not recorded for PAY-1
    await resolveIncident(deps(prisma, '2026-06-01T09:40'), { incidentId: provincial.id, actorId: 'E400', recoveryAt: at('2026-06-01T08:40'), classification: 'provincial-system' });
    expect(await pay1('E001')).toEqual(['base 80000', 'subsidy 5000']);
    expect(await pay1('E002')).toEqual(['base 120000']); // the quota was met anyway
    const outages = await prisma.$transaction((tx) => outagesOfMonth(tx, '2026-06', zone));
    expect(outages.map((o) => `${o.incidentId} ${o.classification} ${o.minutes}`)).toEqual([`${local.id} local-terminal 20`, `${provincial.id} provincial-system 40`]);
    expect(await prisma.$transaction((tx) => outagesOfMonth(tx, '2026-05', zone))).toEqual([]);

    // LATE-7 window: the morning start (08:00) lies in 08:00–08:40, the afternoon start (15:00) does not.
    await excuseOutageWindow(deps(prisma, '2026-06-01T09:45'), { incidentId: provincial.id, actorId: 'E400' });
    const e001 = (await latenessReport({ prisma, policy, clock: clockAt('2026-06-01T18:30') }, '2026-06')).find((r) => r.person.id === 'E001')!;
    expect(e001.month.lateMinutes).toBe(14);
    expect(e001.month.excused).toHaveLength(1);

    const rows = await incidentsReport({ prisma, policy, clock: clockAt('2026-07-01T09:00') }, '2026-06');
    expect(rows.map((r) => [r.id, r.type, r.status, r.occurredAt, r.classification, r.recoveryAt, r.durationMinutes, r.resolvedBy, r.excused, r.updates])).toEqual([
      [local.id, 'terminal-outage', 'resolved', '2026-06-01 08:00', 'local-terminal', '2026-06-01 08:20', 20, '班长', false, 4],
      [provincial.id, 'network-outage', 'resolved', '2026-06-01 08:00', 'provincial-system', '2026-06-01 08:40', 40, '班长', true, 4],
    ]);
    await expect(incidentsReport({ prisma, policy, clock: clockAt('2026-07-01T09:00') }, '2026-6')).rejects.toThrow(/bad month/);
  });
});
