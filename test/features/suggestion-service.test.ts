/**
 * The suggestion use cases on both databases (SUGG-1..3): what is stored, what
 * is enqueued, and that each step is taken once under concurrency.
 */
import { DateTime } from 'luxon';
import { expect, it } from 'vitest';
import { slackSuggestionRenderer } from '../../src/channels/slack/blocks/suggestion-blocks.ts';
import { importOrg } from '../../src/features/org/org-import.ts';
import { adoptedSuggestions, suggestionsForRankingPost } from '../../src/features/suggestions/index.ts';
import {
  completeSuggestion,
  rateSuggestion,
  reviewSuggestion,
  sendSuggestionReminders,
  submitSuggestion,
  SuggestionValidationError,
  type SuggestionDeps,
} from '../../src/features/suggestions/suggestion-service.ts';
import { AppError } from '../../src/shared/errors.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { OUTBOUND_BASIC as policy } from '../support/fixtures.ts';

const zone = 'Asia/Shanghai';
const ORG = `center: { name: 测试中心, timeZone: Asia/Shanghai }
teams: [{ id: t1, name: 外呼一组 }, { id: office, name: 中心办公室 }]
employees:
  - { id: A1, name: 张三, role: outbound_agent, team: t1, manager: TL, hireDate: 2025-01-01, slack: UA1 }
  - { id: A2, name: 李四, role: outbound_agent, team: t1, manager: TL, hireDate: 2025-01-01, slack: UA2 }
  - { id: TL, name: 班长, role: team_leader, team: t1, manager: CM, hireDate: 2020-01-01, slack: UTL }
  - { id: CM, name: 中心经理, role: center_manager, team: office, hireDate: 2018-01-01, slack: UCM }
  - { id: DH, name: 部门负责人, role: dept_head, team: office, manager: CM, hireDate: 2019-01-01, locale: en, slack: UDH }
`;

const form = { title: '缩短开场白', currentPractice: '40 秒', proposal: '15 秒', source: 'customer_feedback' };

describeEachDatabase('suggestion use cases', (current) => {
  let now = DateTime.fromISO('2026-11-23T10:00', { zone });
  const deps = (): SuggestionDeps => ({
    prisma: current().db.prisma,
    policy,
    clock: { now: () => now },
    channel: 'test',
    messenger: { platform: 'slack', render: slackSuggestionRenderer, targetOf: (p) => p.slackId },
  });
  const setup = async (at = '2026-11-23T10:00') => {
    now = DateTime.fromISO(at, { zone });
    await importOrg(current().db.prisma, ORG, { actor: 'test', file: 'org.yaml' });
  };
  const outboxKeys = async () => (await current().db.prisma.outboxMessage.findMany({ orderBy: { id: 'asc' } })).map((m) => `${m.kind} ${m.target} ${m.dedupeKey}`);
  const error = async (p: Promise<unknown>) => {
    try {
      await p;
    } catch (e) {
      return e;
    }
    throw new Error('expected a refusal');
  };

  it('SUGG-1: the form is stored with the org snapshot; the team leader gets the card and the submitter a confirmation', async () => {
    await setup('2026-11-23T23:30'); // late evening: the date is the center's
    const view = await submitSuggestion(deps(), { submitterId: 'A1', ...form, remarks: '  ' });
    const row = await current().db.prisma.suggestion.findUniqueOrThrow({ where: { id: view.id } });
    expect(row).toMatchObject({ submitterName: '张三', department: '外呼一组', teamId: 't1', position: 'outbound_agent', status: 'submitted', reviewerId: 'TL', raterId: null, remarks: '', channel: 'test' });
    expect(row.submittedOn.toISOString().slice(0, 10)).toBe('2026-11-23');
    expect(await outboxKeys()).toEqual(['dm UTL suggestion:1:review-card', 'dm UA1 suggestion:1:submitted']);
    const bad = await error(submitSuggestion(deps(), { submitterId: 'A1', ...form, proposal: '', source: 'gossip' }));
    expect(bad).toBeInstanceOf(SuggestionValidationError);
    expect((bad as SuggestionValidationError).fieldErrors.map((e) => e.field)).toEqual(['proposal', 'source']);
    expect(await current().db.prisma.suggestion.count()).toBe(1);
  });

  it('SUGG-2: without a team leader above the submitter the review is skipped: straight to the center manager, audited', async () => {
    await setup();
    const view = await submitSuggestion(deps(), { submitterId: 'DH', ...form });
    expect(view).toMatchObject({ status: 'forwarded', reviewer: null, rater: { name: '中心经理' } });
    expect(await outboxKeys()).toEqual(['dm UCM suggestion:1:rating-card', 'dm UDH suggestion:1:submitted']);
    const notice = await current().db.prisma.outboxMessage.findUniqueOrThrow({ where: { dedupeKey: 'suggestion:1:submitted' } });
    expect((notice.payload as { text: string }).text).toBe('Your suggestion #1 “缩短开场白” was sent to 中心经理 for review.');
    const audit = await current().db.prisma.auditLog.findMany({ where: { entity: 'suggestion' }, orderBy: { id: 'asc' } });
    expect(audit.map((a) => `${a.actor} ${a.action}`)).toEqual(['DH suggestion.submit', 'system suggestion.forward']);
  });

  it('SUGG-2: 30 concurrent ratings of one suggestion make exactly one decision; the others are told it was already rated', async () => {
    await setup();
    await submitSuggestion(deps(), { submitterId: 'A1', ...form });
    await reviewSuggestion(deps(), { id: 1, actorId: 'TL', decision: 'forward' });
    const attempts = await Promise.allSettled(
      Array.from({ length: 30 }, (_, i) => rateSuggestion(deps(), { id: 1, actorId: 'CM', grade: ['A', 'B', 'C'][i % 3], adopted: i % 2 === 0, ownerId: 'A2', deadline: '2026-11-30' })),
    );
    const won = attempts.filter((a) => a.status === 'fulfilled');
    expect(won).toHaveLength(1);
    const refusals = attempts.flatMap((a) => (a.status === 'rejected' ? [a.reason as AppError] : []));
    expect(refusals).toHaveLength(29);
    expect(new Set(refusals.map((r) => r.messageKey))).toEqual(new Set(['suggestions.already.rated']));
    const row = await current().db.prisma.suggestion.findUniqueOrThrow({ where: { id: 1 } });
    const winner = (won[0] as PromiseFulfilledResult<{ grade: string | null; adopted: boolean | null }>).value;
    expect(row).toMatchObject({ grade: winner.grade, adopted: winner.adopted });
    expect(await current().db.prisma.auditLog.count({ where: { action: 'suggestion.rate' } })).toBe(1);
    const keys = await outboxKeys();
    expect(keys.filter((k) => k.includes('rating-card:decided'))).toHaveLength(1);
    expect(keys.filter((k) => k.includes(':adopted') || k.includes(':not_adopted'))).toHaveLength(1);
  });

  it('SUGG-2: only the right person acts at each step; a step out of order is refused; nothing changes', async () => {
    await setup();
    await submitSuggestion(deps(), { submitterId: 'A1', ...form });
    expect(await error(rateSuggestion(deps(), { id: 1, actorId: 'CM', grade: 'A', adopted: false, ownerId: null, deadline: null }))).toMatchObject({ code: 'conflict', messageKey: 'suggestions.status_now.submitted' });
    expect(await error(reviewSuggestion(deps(), { id: 1, actorId: 'CM', decision: 'forward' }))).toMatchObject({ code: 'forbidden', messageKey: 'suggestions.not_yours.forward' });
    expect(await error(reviewSuggestion(deps(), { id: 1, actorId: 'TL', decision: 'return', comment: '' }))).toBeInstanceOf(SuggestionValidationError);
    expect(await error(reviewSuggestion(deps(), { id: 99, actorId: 'TL', decision: 'forward' }))).toMatchObject({ code: 'not_found' });
    await reviewSuggestion(deps(), { id: 1, actorId: 'TL', decision: 'forward' });
    // An adoption needs an active owner and a deadline not before today.
    const refused = await error(rateSuggestion(deps(), { id: 1, actorId: 'CM', grade: 'A', adopted: true, ownerId: 'NOBODY', deadline: '2026-11-22' }));
    expect((refused as SuggestionValidationError).fieldErrors.map((e) => e.messageKey)).toEqual(['suggestions.error.owner_not_in_org', 'suggestions.error.deadline_past']);
    await rateSuggestion(deps(), { id: 1, actorId: 'CM', grade: 'A', adopted: true, ownerId: 'A2', deadline: '2026-11-23' });
    expect(await error(completeSuggestion(deps(), { id: 1, actorId: 'A1' }))).toMatchObject({ code: 'forbidden', messageKey: 'suggestions.not_yours.done' });
    await completeSuggestion(deps(), { id: 1, actorId: 'A2', note: '已上线' });
    expect(await error(completeSuggestion(deps(), { id: 1, actorId: 'A2' }))).toMatchObject({ code: 'conflict', messageKey: 'suggestions.already.done' });
    const row = await current().db.prisma.suggestion.findUniqueOrThrow({ where: { id: 1 } });
    expect(row).toMatchObject({ status: 'done', doneNote: '已上线', ownerId: 'A2' });
    const audit = await current().db.prisma.auditLog.findMany({ where: { entity: 'suggestion' }, orderBy: { id: 'asc' } });
    expect(audit.map((a) => `${a.actor} ${a.action}`)).toEqual(['A1 suggestion.submit', 'TL suggestion.forward', 'CM suggestion.rate', 'A2 suggestion.done']);
  });

  it('SUGG-2: reminders run twice at once send each reminder once; done suggestions are never reminded', async () => {
    await setup();
    for (const submitterId of ['A1', 'A2']) await submitSuggestion(deps(), { submitterId, ...form });
    for (const id of [1, 2]) {
      await reviewSuggestion(deps(), { id, actorId: 'TL', decision: 'forward' });
      await rateSuggestion(deps(), { id, actorId: 'CM', grade: 'B', adopted: true, ownerId: 'A2', deadline: '2026-11-25' });
    }
    await completeSuggestion(deps(), { id: 2, actorId: 'A2' });
    const at = DateTime.fromISO('2026-11-24T09:00', { zone });
    const both = await Promise.all([sendSuggestionReminders(deps(), at), sendSuggestionReminders(deps(), at)]);
    const reminded = both.flatMap((r) => r.ownerReminded);
    expect(reminded).toEqual([1]);
    expect((await outboxKeys()).filter((k) => k.includes('reminder'))).toEqual(['dm UA2 suggestion:1:owner-reminder']);
    expect(await sendSuggestionReminders(deps(), DateTime.fromISO('2026-11-26T09:00', { zone }))).toEqual({ ownerReminded: [], overdue: [1] });
    expect(await sendSuggestionReminders(deps(), DateTime.fromISO('2026-11-27T09:00', { zone }))).toEqual({ ownerReminded: [], overdue: [] });
    expect((await outboxKeys()).filter((k) => k.includes('overdue'))).toEqual(['dm UTL suggestion:1:overdue']);
  });

  it('SUGG-3: the suggestions adopted in a month (center time), listed for reward in the next month\'s ranking post', async () => {
    await setup('2026-10-20T10:00');
    const adopt = async (submitterId: string, at: string, adopted = true) => {
      now = DateTime.fromISO(at, { zone });
      const { id } = await submitSuggestion(deps(), { submitterId, ...form, title: `${submitterId} ${at}` });
      await reviewSuggestion(deps(), { id, actorId: 'TL', decision: 'forward' });
      await rateSuggestion(deps(), { id, actorId: 'CM', grade: 'C', adopted, ownerId: adopted ? 'A1' : null, deadline: adopted ? '2026-12-31' : null });
      return id;
    };
    await adopt('A1', '2026-10-31T23:59'); // October, local time (15:59 UTC)
    const first = await adopt('A2', '2026-11-01T00:01'); // November, local (still 31 October in UTC)
    await adopt('A1', '2026-11-15T10:00', false); // rated, not adopted
    const last = await adopt('A1', '2026-11-30T23:58');
    await adopt('A2', '2026-12-01T00:00');
    const prisma = current().db.prisma;
    const november = await prisma.$transaction((tx) => adoptedSuggestions(tx, '2026-11', zone));
    expect(november.map((s) => [s.id, s.adoptedOn, s.submitterId, s.grade, s.ownerName])).toEqual([
      [first, '2026-11-01', 'A2', 'C', '张三'],
      [last, '2026-11-30', 'A1', 'C', '张三'],
    ]);
    // The December ranking post lists November's adoptions.
    expect((await prisma.$transaction((tx) => suggestionsForRankingPost(tx, '2026-12', zone))).map((s) => s.id)).toEqual([first, last]);
    expect(await prisma.$transaction((tx) => adoptedSuggestions(tx, '2026-09', zone))).toEqual([]);
    await expect(prisma.$transaction((tx) => adoptedSuggestions(tx, 'Nov', zone))).rejects.toMatchObject({ code: 'bad_input' });
  });
});
