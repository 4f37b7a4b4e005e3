/** PAY-8 in chat: the statement view-model and its Slack message, by content in both locales (no snapshots). */
import { describe, expect, it } from 'vitest';
import { describePayEvent, payStatementMessage } from '../../../src/channels/slack/blocks/pay-blocks.ts';
import type { PayStatementRow } from '../../../src/features/pay/pay-report.ts';
import { payStatementView } from '../../../src/features/pay/pay-statement-view.ts';
import type { MonthLateness } from '../../../src/policy/lateness/month.ts';
import { monthlyPay } from '../../../src/policy/pay/statement.ts';
import { OUTBOUND_BASIC as policy } from '../../support/fixtures.ts';

const lateness: MonthLateness = {
  employeeId: 'A1',
  month: '2026-11',
  through: null,
  lateMinutes: 12,
  earlyMinutes: 3,
  allowanceMinutes: 10,
  overAllowance: true,
  absenteeismDays: 1,
  absenteeismDates: ['2026-11-24'],
  absentDays: ['2026-11-24'],
  late: [{ date: '2026-11-05', segment: 'morning', kind: 'late', minutes: 12 }],
  early: [{ date: '2026-11-06', segment: 'afternoon', kind: 'early', minutes: 3 }],
  excused: [],
  pending: [{ date: '2026-11-27', segment: 'morning', kind: 'late', minutes: 40 }],
  lines: [
    { ruleId: 'LATE-3', date: '2026-11-06', segment: 'afternoon', minutes: 3, amountFen: 600, note: 'early' },
    { ruleId: 'LATE-6', date: '2026-11-24', amountFen: 5517, note: 'absent' },
    { ruleId: 'LATE-4', minutes: 12, amountFen: 1200, note: 'over' },
  ],
  totalFen: 7317,
  losesFullAttendance: true,
};

function row(): PayStatementRow {
  const leaves = new Map([
    ['leave:42', { id: 42, type: 'sick', lines: [{ ruleId: 'LEAVE-8', date: '2026-11-10', kind: 'sick-day', amountFen: 552, fraction: 1, ratePercent: 10 }] }],
  ]);
  const statement = monthlyPay(
    {
      employeeId: 'A1',
      role: 'outbound_agent',
      month: '2026-11',
      hireDate: '2023-06-01',
      probationEnd: '2023-07-31',
      orders: 450,
      outageMadeQuotaImpossible: false,
      lateness,
      leaveCosts: [{ requestId: 'leave:42', lines: leaves.get('leave:42')!.lines, losesFullAttendance: false }],
      isTopCommission: true,
    },
    policy,
  );
  return { employeeId: 'A1', name: '张三 <A&B>', statement, role: 'outbound_agent', locale: 'zh-CN', slackId: 'U1', through: null, orders: 450, lateness, leaves };
}

describe('pay statement message', () => {
  it('PAY-8: every line with its rule id, amount and source event; the totals; PAY-7 insurance; in en', () => {
    const view = payStatementView(row(), policy);
    expect(view.lines.map((l) => [l.ruleId, l.amountFen])).toEqual([
      ['PAY-1', 120000],
      ['PAY-3', 0],
      ['PAY-4', 20000],
      ['PAY-5', 5000],
      ['PAY-6', 5000],
      ['PAY-7', 0],
      ['LATE-3', -600],
      ['LATE-6', -5517],
      ['LATE-4', -1200],
      ['LEAVE-8', -552],
    ]);
    const { text, blocks } = payStatementMessage('en', view);
    const lines = text.split('\n');
    expect(lines[0]).toBe('Pay statement 2026-11 — 张三 &lt;A&amp;B&gt;');
    expect(lines).toContain('`PAY-1` ¥1200.00 — base pay: quota met (450 ≥ 400 orders)');
    expect(lines).toContain('`PAY-3` ¥0.00 — full-attendance bonus lost: absence without leave');
    expect(lines).toContain('`PAY-4` ¥200.00 — seniority bonus: 6 full period(s) of 6 months of service (capped)');
    expect(lines).toContain('`PAY-5` ¥50.00 — commission: 50 orders above the quota × ¥1.00');
    expect(lines).toContain('`PAY-6` ¥50.00 — top-commission reward of the month');
    expect(lines).toContain('`PAY-7` ¥0.00 — social and medical insurance apply (after probation)');
    expect(lines).toContain('`LATE-3` -¥6.00 — early leave 2026-11-06 afternoon, 3 min');
    expect(lines).toContain('`LATE-6` -¥55.17 — absence without leave 2026-11-24: no clock-in and no approved leave');
    expect(lines).toContain('`LATE-4` -¥12.00 — lateness 2026-11: 12 min in all, monthly lateness allowance 10 min; lateness 2026-11-05 morning, 12 min');
    expect(lines).toContain('`LEAVE-8` -¥5.52 — leave #42 sick leave 2026-11-10, full day: 10% of the daily base pay ¥55.17');
    expect(lines).toContain('1 lateness event(s) wait for a decision on the explanation: not charged yet.');
    expect(lines.at(-1)).toBe('Earnings ¥1500.00 · deductions ¥78.69 · net effect ¥1421.31');
    // Blocks: the header, the pending note, the lines (names escaped for mrkdwn), the totals.
    const json = JSON.stringify(blocks);
    expect((blocks[0] as { type: string; text: { text: string } }).text.text).toBe('Pay statement 2026-11 — 张三 <A&B>');
    expect(json).toContain('`LEAVE-8` -¥5.52');
    expect(json).toContain('*Earnings ¥1500.00 · deductions ¥78.69 · net effect ¥1421.31*');
  });

  it('PAY-8: the same statement in zh-CN uses the floor’s words', () => {
    const { text } = payStatementMessage('zh-CN', payStatementView(row(), policy));
    expect(text).toContain('2026-11 薪资明细 — 张三 &lt;A&amp;B&gt;');
    expect(text).toContain('`PAY-1` ¥1200.00 — 底薪：已达保底量（成单 450 ≥ 400）');
    expect(text).toContain('`LATE-4` -¥12.00 — 迟到 2026-11：共 12 分钟，每月迟到免扣额度 10 分钟; 迟到 2026-11-05 上午班，12 分钟');
    expect(text).toContain('`LEAVE-8` -¥5.52 — 假条 #42 病假 2026-11-10，全天：日底薪 ¥55.17 的 10%');
    expect(text).toContain('`PAY-7` ¥0.00 — 试用期已满，缴纳社会保险和医疗保险');
    expect(text).toContain('收入 ¥1500.00 · 扣款 ¥78.69 · 合计 ¥1421.31');
  });

  it('PAY-8: month to date says it is not final; a lost bonus names the leave; a LEAVE-8 line without rate names only the leave', () => {
    expect(describePayEvent('en', { type: 'full-attendance-lost-leave', leaveId: 7, leaveType: 'personal' })).toBe('full-attendance bonus lost: leave #7 (personal leave)');
    expect(describePayEvent('zh-CN', { type: 'leave', leaveId: 7, leaveType: 'personal', date: '2026-11-03', fraction: null, ratePercent: null, dailyBaseFen: 5517 })).toBe('假条 #7 事假 2026-11-03');
    expect(describePayEvent('en', { type: 'quota', orders: 300, quota: 400, met: false, outage: true })).toBe(
      'base pay: quota not met (300 < 400 orders); a recorded outage made it impossible',
    );
    const view = { ...payStatementView(row(), policy), through: '2026-11-15' };
    expect(payStatementMessage('en', view).text).toContain('Month to date, through 2026-11-15: not final');
  });

  it('PAY-8: a statement line without the fact behind it is a programming error, not a silent guess', () => {
    const broken = { ...row(), leaves: new Map() };
    expect(() => payStatementView(broken, policy)).toThrow(/LEAVE-8 leave:42/);
  });
});
