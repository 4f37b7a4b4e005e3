/** SUGG-1..3 as pure rules: the form, who reviews and rates, the steps, the rating, reminders and the reward month. */
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { parsePolicyYaml } from '../../src/policy/config/load.ts';
import {
  formSnapshot,
  monthBounds,
  monthOfInstant,
  ownerReminderDue,
  overdueNoticeDue,
  raterFor,
  reviewerFor,
  rewardMonthFor,
  statusAfter,
  stepCheck,
  validateRating,
  validateReview,
  validateSuggestionForm,
  waitingByPerson,
  type SuggestionPerson,
  type SuggestionState,
} from '../../src/policy/suggestions/index.ts';

const person = (id: string, role: SuggestionPerson['role'], teamId: string, managerId: string | null, active = true): SuggestionPerson => ({ id, name: id, role, teamId, managerId, active });

// An outbound team (agents under their team leader, under the center manager) and an office.
const ORG: SuggestionPerson[] = [
  person('A1', 'outbound_agent', 'out-a', 'TL1'),
  person('A2', 'outbound_agent', 'out-a', null), // no manager set: found through the team
  person('B1', 'outbound_agent', 'out-b', 'TL2'),
  person('TL1', 'team_leader', 'out-a', 'CM1'),
  person('TL2', 'team_leader', 'out-b', 'CM1', false), // inactive
  person('CM1', 'center_manager', 'office', 'GM'),
  person('CM2', 'center_manager', 'office', 'GM'),
  person('GM', 'general_manager', 'office', null),
  person('DH', 'dept_head', 'office', 'GM'),
];
const byId = (id: string) => ORG.find((p) => p.id === id)!;

describe('SUGG-1: the suggestion form', () => {
  const good = { title: '  Shorter opening script ', currentPractice: 'The opening takes 40 s', proposal: 'Cut it to 15 s', remarks: '', source: 'customer_feedback' };

  it('SUGG-1: title, current practice, proposal and source are required; remarks optional; text is trimmed', () => {
    const ok = validateSuggestionForm(good);
    expect(ok).toEqual({ ok: true, form: { title: 'Shorter opening script', currentPractice: 'The opening takes 40 s', proposal: 'Cut it to 15 s', remarks: '', source: 'customer_feedback' } });
    const bad = validateSuggestionForm({ title: ' ', currentPractice: null, proposal: '', source: null });
    expect(bad.ok ? [] : bad.errors.map((e) => `${e.field}:${e.messageKey}`)).toEqual([
      'title:suggestions.error.required',
      'currentPractice:suggestions.error.required',
      'proposal:suggestions.error.required',
      'source:suggestions.error.required',
    ]);
  });

  it('SUGG-1: the source is one of customer feedback, manager log, shift meeting, other department, training', () => {
    for (const source of ['customer_feedback', 'manager_log', 'shift_meeting', 'other_department', 'training']) {
      expect(validateSuggestionForm({ ...good, source }).ok).toBe(true);
    }
    const bad = validateSuggestionForm({ ...good, source: 'rumour' });
    expect(bad.ok ? null : bad.errors).toEqual([{ field: 'source', messageKey: 'suggestions.error.unknown_source', params: { source: 'rumour' } }]);
  });

  it('SUGG-1: a title over 100 characters (counted as characters, not bytes) is refused', () => {
    expect(validateSuggestionForm({ ...good, title: '建'.repeat(100) }).ok).toBe(true);
    const bad = validateSuggestionForm({ ...good, title: '建'.repeat(101) });
    expect(bad.ok ? null : bad.errors).toEqual([{ field: 'title', messageKey: 'suggestions.error.too_long', params: { max: 100 } }]);
  });

  it("SUGG-1: date, department, name and position come from the org; the date is the center's local date", () => {
    // 17:30 UTC on 23 November is 01:30 on 24 November in Shanghai.
    const now = DateTime.fromISO('2026-11-23T17:30:00Z');
    expect(formSnapshot({ submitter: byId('A1'), teamName: '外呼一组', now, timeZone: 'Asia/Shanghai' })).toEqual({
      submittedOn: '2026-11-24',
      submitterName: 'A1',
      teamId: 'out-a',
      department: '外呼一组',
      position: 'outbound_agent',
    });
    // In a zone with DST (New York, 1 November 2026 is the fall-back day), the local date still follows the zone.
    expect(formSnapshot({ submitter: byId('A1'), teamName: 'x', now: DateTime.fromISO('2026-11-01T04:30:00Z'), timeZone: 'America/New_York' }).submittedOn).toBe('2026-11-01');
    expect(formSnapshot({ submitter: byId('A1'), teamName: 'x', now: DateTime.fromISO('2026-11-01T03:30:00Z'), timeZone: 'America/New_York' }).submittedOn).toBe('2026-10-31');
  });
});

describe('SUGG-2: who reviews and who rates', () => {
  it('SUGG-2: the team leader up the chain reviews; else an active one in the team; else nobody (the review is skipped)', () => {
    expect(reviewerFor(byId('A1'), ORG)).toBe('TL1');
    expect(reviewerFor(byId('A2'), ORG)).toBe('TL1'); // same team
    expect(reviewerFor(byId('B1'), ORG)).toBeNull(); // their team leader is inactive
    expect(reviewerFor(byId('TL1'), ORG)).toBeNull(); // nobody reviews their own
    expect(reviewerFor(byId('DH'), ORG)).toBeNull();
  });

  it('SUGG-2: the center manager up the chain rates; else the lowest id; a center manager\'s own goes up the chain', () => {
    expect(raterFor(byId('A1'), ORG)).toBe('CM1');
    expect(raterFor(byId('DH'), ORG)).toBe('CM1'); // no center manager above: the lowest id
    expect(raterFor(byId('CM1'), ORG)).toBe('CM2'); // another center manager
    const alone = ORG.filter((p) => p.id !== 'CM2');
    expect(raterFor(byId('CM1'), alone)).toBe('GM'); // the only one: up the chain
    expect(raterFor(byId('GM'), alone.filter((p) => p.id !== 'CM1'))).toBeNull();
  });
});

describe('SUGG-2: the steps, once, by the right person', () => {
  const s = (status: SuggestionState['status']): SuggestionState => ({ status, reviewerId: 'TL1', raterId: status === 'submitted' ? null : 'CM1', ownerId: ['adopted', 'done'].includes(status) ? 'A2' : null });

  it('SUGG-2: submitted → forwarded or returned by the reviewer; forwarded → adopted / not adopted by the rater; adopted → done by the owner', () => {
    expect(stepCheck(s('submitted'), 'forward', 'TL1')).toEqual({ ok: true });
    expect(stepCheck(s('submitted'), 'return', 'TL1')).toEqual({ ok: true });
    expect(stepCheck(s('forwarded'), 'rate', 'CM1')).toEqual({ ok: true });
    expect(stepCheck(s('adopted'), 'done', 'A2')).toEqual({ ok: true });
    expect([statusAfter('forward'), statusAfter('return'), statusAfter('rate', true), statusAfter('rate', false), statusAfter('done')]).toEqual(['forwarded', 'returned', 'adopted', 'not_adopted', 'done']);
  });

  it('SUGG-2: someone else\'s step is refused as not_yours; a step already past is refused as taken', () => {
    expect(stepCheck(s('submitted'), 'forward', 'CM1')).toEqual({ ok: false, error: 'not_yours' });
    expect(stepCheck(s('forwarded'), 'rate', 'TL1')).toEqual({ ok: false, error: 'not_yours' });
    expect(stepCheck(s('adopted'), 'done', 'CM1')).toEqual({ ok: false, error: 'not_yours' });
    expect(stepCheck(s('forwarded'), 'forward', 'TL1')).toEqual({ ok: false, error: 'taken' });
    expect(stepCheck(s('returned'), 'rate', 'CM1')).toEqual({ ok: false, error: 'taken' });
    expect(stepCheck(s('adopted'), 'rate', 'CM1')).toEqual({ ok: false, error: 'taken' });
    expect(stepCheck(s('not_adopted'), 'done', 'A2')).toEqual({ ok: false, error: 'taken' });
    expect(stepCheck(s('done'), 'done', 'A2')).toEqual({ ok: false, error: 'taken' });
  });

  it('SUGG-2: returning needs a comment for the submitter; forwarding does not', () => {
    expect(validateReview('forward', null)).toEqual([]);
    expect(validateReview('return', '  ')).toEqual([{ field: 'comment', messageKey: 'suggestions.error.comment_required' }]);
    expect(validateReview('return', 'needs numbers')).toEqual([]);
  });
});

describe('SUGG-2: the rating', () => {
  const ctx = { grades: ['A', 'B', 'C', 'D'], today: '2026-11-23', isActiveEmployee: (id: string) => ['A1', 'A2'].includes(id) };

  it('SUGG-2: adopted needs a grade of the policy, an active owner and a deadline not before today', () => {
    expect(validateRating({ grade: 'B', adopted: true, ownerId: 'A2', deadline: '2026-11-23', comment: ' good ' }, ctx)).toEqual({
      ok: true,
      rating: { grade: 'B', adopted: true, ownerId: 'A2', deadline: '2026-11-23', comment: 'good' },
    });
    const bad = validateRating({ grade: 'E', adopted: true, ownerId: 'slack:U9', deadline: '2026-11-22' }, ctx);
    expect(bad.ok ? [] : bad.errors.map((e) => `${e.field}:${e.messageKey}`)).toEqual([
      'grade:suggestions.error.unknown_grade',
      'ownerId:suggestions.error.owner_not_in_org',
      'deadline:suggestions.error.deadline_past',
    ]);
    const missing = validateRating({ grade: null, adopted: true, ownerId: null, deadline: null }, ctx);
    expect(missing.ok ? [] : missing.errors.map((e) => `${e.field}:${e.messageKey}`)).toEqual([
      'grade:suggestions.error.required',
      'ownerId:suggestions.error.owner_required',
      'deadline:suggestions.error.deadline_required',
    ]);
    const notDate = validateRating({ grade: 'A', adopted: true, ownerId: 'A1', deadline: '2026-02-30' }, ctx);
    expect(notDate.ok ? [] : notDate.errors.map((e) => e.messageKey)).toEqual(['suggestions.error.invalid_date']);
  });

  it('SUGG-2: not adopted needs only a grade; an owner and deadline given anyway are dropped', () => {
    expect(validateRating({ grade: 'D', adopted: false, ownerId: 'A2', deadline: '2020-01-01' }, ctx)).toEqual({
      ok: true,
      rating: { grade: 'D', adopted: false, ownerId: null, deadline: null, comment: null },
    });
    const undecided = validateRating({ grade: 'D', adopted: null, ownerId: null, deadline: null }, ctx);
    expect(undecided.ok ? [] : undecided.errors.map((e) => `${e.field}:${e.messageKey}`)).toEqual(['adopted:suggestions.error.required']);
  });

  it('SUGG-2: the grades are a policy setting (suggestions.grades), distinct, at least one', () => {
    const custom = parsePolicyYaml('suggestions: { grades: [一等, 二等, 三等] }');
    expect(custom.ok && custom.policy.suggestions.grades).toEqual(['一等', '二等', '三等']);
    const dup = parsePolicyYaml('suggestions: { grades: [A, A] }');
    expect(dup.ok ? [] : dup.errors.map((e) => e.path)).toEqual(['suggestions.grades']);
    expect(parsePolicyYaml('suggestions: { grades: [] }').ok).toBe(false);
  });
});

describe('SUGG-2: reminders', () => {
  const adopted = { status: 'adopted' as const, deadline: '2026-11-25', ownerRemindedAt: null, overdueNotifiedAt: null };

  it('SUGG-2: the owner is reminded from ownerReminderDaysBefore days before the deadline, up to the deadline, once', () => {
    expect(ownerReminderDue(adopted, '2026-11-23', 1)).toBe(false);
    expect(ownerReminderDue(adopted, '2026-11-24', 1)).toBe(true);
    expect(ownerReminderDue(adopted, '2026-11-25', 1)).toBe(true); // the day before was missed: still reminded
    expect(ownerReminderDue(adopted, '2026-11-26', 1)).toBe(false); // past: that is the team leader's notice
    expect(ownerReminderDue(adopted, '2026-11-23', 2)).toBe(true);
    expect(ownerReminderDue({ ...adopted, ownerRemindedAt: new Date() }, '2026-11-24', 1)).toBe(false);
    expect(ownerReminderDue({ ...adopted, status: 'done' }, '2026-11-24', 1)).toBe(false);
    // Across a month end.
    expect(ownerReminderDue({ ...adopted, deadline: '2026-12-01' }, '2026-11-30', 1)).toBe(true);
  });

  it('SUGG-2: the team leader is told once the deadline is missed (from the day after), unless it is done', () => {
    expect(overdueNoticeDue(adopted, '2026-11-25')).toBe(false);
    expect(overdueNoticeDue(adopted, '2026-11-26')).toBe(true);
    expect(overdueNoticeDue({ ...adopted, overdueNotifiedAt: new Date() }, '2026-11-27')).toBe(false);
    expect(overdueNoticeDue({ ...adopted, status: 'done' }, '2026-11-27')).toBe(false);
  });

  it('SUGG-2: the weekly reminder lists, per person, what waits for their review or rating', () => {
    const waiting = waitingByPerson([
      { id: 3, status: 'submitted', reviewerId: 'TL1', raterId: null, ownerId: null },
      { id: 1, status: 'submitted', reviewerId: 'TL1', raterId: null, ownerId: null },
      { id: 2, status: 'forwarded', reviewerId: 'TL1', raterId: 'CM1', ownerId: null },
      { id: 4, status: 'adopted', reviewerId: 'TL2', raterId: 'CM1', ownerId: 'A1' },
      { id: 5, status: 'forwarded', reviewerId: null, raterId: 'CM2', ownerId: null },
    ]);
    expect(Object.fromEntries(waiting)).toEqual({ TL1: { toReview: [1, 3], toRate: [] }, CM1: { toReview: [], toRate: [2] }, CM2: { toReview: [], toRate: [5] } });
  });
});

describe('SUGG-3: the month of an adoption and the month it is rewarded', () => {
  it('SUGG-3: an adoption belongs to its local month; the month is [first instant, first instant of the next)', () => {
    // 30 November 16:30 UTC is 1 December 00:30 in Shanghai.
    expect(monthOfInstant(new Date('2026-11-30T16:30:00Z'), 'Asia/Shanghai')).toBe('2026-12');
    expect(monthOfInstant(new Date('2026-11-30T15:59:00Z'), 'Asia/Shanghai')).toBe('2026-11');
    expect(monthBounds('2026-11', 'Asia/Shanghai')).toEqual({ from: new Date('2026-10-31T16:00:00Z'), to: new Date('2026-11-30T16:00:00Z') });
    expect(monthBounds('2026-13', 'Asia/Shanghai')).toBeNull();
    expect(monthBounds('2026-1', 'Asia/Shanghai')).toBeNull();
  });

  it('SUGG-3: the ranking post of a month lists the suggestions adopted the month before', () => {
    expect(rewardMonthFor('2026-12')).toBe('2026-11');
    expect(rewardMonthFor('2027-01')).toBe('2026-12');
  });
});
