import { beforeAll, describe, expect, it } from 'vitest';
import type { Policy } from '../../src/policy/config/schema.ts';
import { validateSummary, type SummaryFormInput } from '../../src/policy/performance/summary.ts';
import { daySchedule } from '../../src/policy/working-time.ts';
import { policyFrom, preset } from './helpers.ts';

let basic: Policy;
beforeAll(async () => {
  basic = await preset('outbound-basic');
});

const form = (over: Partial<SummaryFormInput> = {}): SummaryFormInput => ({
  date: '2026-11-23',
  callsMade: '120',
  callsConnected: '80',
  questionnairesCompleted: '61',
  orders: '5',
  customerIssues: '',
  callType: null,
  ...over,
});

describe('PERF-1 summary form', () => {
  const check = (input: SummaryFormInput, policy = basic, today = '2026-11-25') =>
    validateSummary(input, {
      today,
      policy,
      dayKind: (date) => daySchedule({ employee: { id: 'E1', role: 'outbound_agent' }, date, policy }).kind,
    });
  const errors = (input: SummaryFormInput, policy = basic) => {
    const r = check(input, policy);
    return r.ok ? [] : r.errors.map((e) => `${e.field} ${e.messageKey}`);
  };

  it('PERF-1: whole figures of a past working day of this month are accepted; empty customer issues are 0', () => {
    expect(check(form())).toEqual({
      ok: true,
      date: '2026-11-23',
      figures: { callsMade: 120, callsConnected: 80, questionnairesCompleted: 61, orders: 5, customerIssues: 0, callType: null },
    });
    expect(check(form({ date: '2026-11-25' })).ok).toBe(true); // today
  });

  it('PERF-1: every bad figure is reported on its field', () => {
    expect(errors(form({ callsMade: '-1', callsConnected: '1.5', questionnairesCompleted: 'x', orders: '', customerIssues: '2e3' }))).toEqual([
      'callsMade performance.error.whole_number',
      'callsConnected performance.error.whole_number',
      'questionnairesCompleted performance.error.whole_number',
      'orders performance.error.whole_number',
      'customerIssues performance.error.whole_number',
    ]);
  });

  it('PERF-1: connected ≤ made and completed ≤ connected', () => {
    expect(errors(form({ callsMade: '50', callsConnected: '60', questionnairesCompleted: '61' }))).toEqual([
      'callsConnected performance.error.connected_over_made',
      'questionnairesCompleted performance.error.completed_over_connected',
    ]);
    expect(errors(form({ callsMade: '60', callsConnected: '60', questionnairesCompleted: '60' }))).toEqual([]);
  });

  it('PERF-1: only today or an earlier working day of the current month', () => {
    expect(errors(form({ date: '2026-11-26' }))).toEqual(['date performance.error.future_date']);
    expect(errors(form({ date: '2026-10-30' }))).toEqual(['date performance.error.closed_month']);
    expect(errors(form({ date: '2026-11-22' }))).toEqual(['date performance.error.not_working_day']); // a Sunday
    expect(errors(form({ date: '2026-11-31' }))).toEqual(['date performance.error.invalid_date']);
  });

  it('PERF-1: a call type must be a key of perf.callTypeWeights', () => {
    const weighted = policyFrom({ perf: { callTypeWeights: { survey: 1, marketing: 1.5 } } });
    expect(errors(form({ callType: 'marketing' }), weighted)).toEqual([]);
    expect(errors(form({ callType: 'cold' }), weighted)).toEqual(['callType performance.error.unknown_call_type']);
    expect(errors(form({ callType: 'marketing' }))).toEqual(['callType performance.error.unknown_call_type']);
  });
});
