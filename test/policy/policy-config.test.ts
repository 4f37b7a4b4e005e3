import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  formatPolicy,
  loadPolicy,
  parsePolicy,
  parsePolicyYaml,
  PRESET_NAMES,
  type PolicyError,
} from '../../src/policy/config/load.ts';

function errorsOf(text: string): PolicyError[] {
  const result = parsePolicyYaml(text);
  if (result.ok) throw new Error('expected the policy to be refused');
  return result.errors;
}

const paths = (errors: PolicyError[]) => errors.map((e) => e.path);

async function tempFile(name: string, text: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'banzhang-policy-'));
  const path = join(dir, name);
  await writeFile(path, text, 'utf8');
  return path;
}

describe('policy presets', () => {
  it('both presets validate, and loading does not depend on the working directory', async () => {
    const cwd = process.cwd();
    process.chdir(tmpdir());
    try {
      for (const name of PRESET_NAMES) {
        const loaded = await loadPolicy(name);
        expect(loaded.ok ? loaded.source : loaded.errors).toBe(`preset ${name}`);
      }
    } finally {
      process.chdir(cwd);
    }
  });

  it('the default is outbound-basic, and it spells out exactly the defaults of an empty file', async () => {
    const byDefault = await loadPolicy();
    const empty = parsePolicyYaml('{}');
    expect(byDefault.ok && empty.ok).toBe(true);
    if (!byDefault.ok || !empty.ok) return;
    expect(byDefault.source).toBe('preset outbound-basic');
    expect(byDefault.policy).toEqual(empty.policy);
  });

  it('LEAVE-7: the mobile preset offsets leave against rest days, outbound-basic does not', async () => {
    const mobile = await loadPolicy('mobile-outbound-center');
    const basic = await loadPolicy('outbound-basic');
    expect(mobile.ok && mobile.policy.leave.offsetAgainstRestDays).toBe(true);
    expect(basic.ok && basic.policy.leave.offsetAgainstRestDays).toBe(false);
    expect(mobile.ok && mobile.policy.schedule.roleProfiles).toEqual({
      outbound_agent: 'agent',
      complaint_handler: 'complaint',
      outbound_manager: 'manager',
      complaint_manager: 'manager',
    });
  });

  it('formatPolicy prints the effective policy in yuan, and it reads back to the same policy', async () => {
    for (const name of PRESET_NAMES) {
      const loaded = await loadPolicy(name);
      if (!loaded.ok) throw new Error(name);
      const text = formatPolicy(loaded.policy);
      expect(text).toMatch(/earlyLeavePerMinute: 2\n/);
      expect(text).toMatch(/basePayQuotaMet: 1200\n/);
      expect(text).not.toMatch(/Fen:/);
      expect(text).toMatch(/start: "08:00"/);
      const again = parsePolicyYaml(text);
      expect(again.ok ? again.policy : again.errors).toEqual(loaded.policy);
    }
  });
});

describe('policy defaults', () => {
  it('an empty file is a valid policy with the defaults of policy.md', () => {
    for (const text of ['', '{}', '# nothing but a comment\n']) {
      const result = parsePolicyYaml(text);
      expect(result.ok).toBe(true);
      if (!result.ok) return;
      const p = result.policy;
      expect(p.center.timeZone).toBe('Asia/Shanghai');
      expect(p.schedule.seasons).toEqual({ summer: { from: '05-01', to: '09-30' }, winter: { from: '10-01', to: '04-30' } });
      expect(p.clock.requireClockOutEachSegment).toBe(false);
      expect(p.lateness).toMatchObject({ allowanceMinutes: 10, allowanceMode: 'all', absenteeismMinutes: 30, monthlyReportDay: 1 });
      expect(p.leave.sick).toEqual({ proofGraceDays: 3, tenureYears: 2, rateBelowTenurePercent: 20, rateFromTenurePercent: 10 });
      expect(p.leave.approval.byRole.outbound_agent).toBe('dept_head');
      expect(p.leave.approval.byRole.dept_head).toBe('general_manager');
      expect(p.leave.approval.byType).toEqual({ meeting: 'team_leader' });
      expect(p.leave.approval.notifyOnApproval).toEqual({ dept_head: ['hr'] });
      expect(p.perf).toMatchObject({ dailyTarget: 60, volumeFloor: 50, rankTopPoints: 40, rankStep: 2, trainingAbsencePoints: 5, humanErrorPoints: 20 });
      expect(p.perf.exam.bandPoints).toBe(3);
      expect(p.perf.unsolvablePoints).toEqual({ min: 3, max: 5 });
      expect(p.perf.complaintKpis.feedbackTimeliness).toEqual({ minPercent: 100, stepPercent: 0.1, pointsPerStep: 1 });
      expect(p.perf.interviewAfterMonths).toBe(2);
      expect(p.training).toEqual({
        weekly: { weekday: 'friday', time: '16:30', durationMinutes: 120 },
        attendeeRoles: ['outbound_agent', 'complaint_handler'],
        organizerRoles: ['team_leader', 'training_supervisor'],
        planRoles: ['outbound_manager', 'complaint_manager'],
        planDue: { weekday: 'monday', reminderAt: '09:00', reportAt: '12:00' },
      });
      expect(p.perf.rankingPostOn).toBe('last-working-day');
      expect(p.perf.rankedRoles).toEqual(['outbound_agent', 'complaint_handler']);
      expect(p.perf.volumeRoles).toEqual(['outbound_agent']); // PERF-2, PERF-3, PERF-8
      expect(p.incidents.ackTimeoutMinutes).toBe(10);
      expect(p.meetings.monthlyReportDeadlines).toEqual([
        { role: 'complaint_manager', day: 2, time: '15:00' },
        { role: 'complaint_manager', day: 4, time: '15:00' },
        { role: 'outbound_manager', day: 2, time: '15:00' },
      ]);
      expect(p.suggestions).toEqual({ grades: ['A', 'B', 'C', 'D'], ownerReminderDaysBefore: 1, weeklyReminder: { weekday: 'monday', time: '09:00' } });
    }
  });

  it('money defaults are integer fen under keys ending in Fen', () => {
    const result = parsePolicy({});
    if (!result.ok) throw new Error('defaults');
    expect(result.policy.lateness.earlyLeavePerMinuteFen).toBe(200);
    expect(result.policy.lateness.latePerMinuteFen).toBe(100);
    expect(result.policy.pay).toEqual({
      basePayQuotaMetFen: 120000,
      basePayQuotaNotMetFen: 80000,
      monthlyQuotaOrders: 400,
      outageSubsidyFen: 5000,
      dailyBaseDivisor: 21.75,
      fullAttendanceBonusFen: 10000,
      seniorityBonusPerPeriodFen: 5000,
      seniorityPeriodMonths: 6,
      seniorityBonusMaxFen: 20000,
      commissionPerOrderFen: 100,
      topCommissionRewardFen: 5000,
    });
    expect(result.policy.lateness).not.toHaveProperty('earlyLeavePerMinute');
  });

  it('yuan with up to 2 decimals become exact fen; a third decimal is refused', () => {
    const ok = parsePolicyYaml('pay: { commissionPerOrder: 0.35, outageSubsidy: 50.1 }\nlateness: { earlyLeavePerMinute: 1.15 }');
    expect(ok.ok).toBe(true);
    if (ok.ok) {
      expect(ok.policy.pay.commissionPerOrderFen).toBe(35);
      expect(ok.policy.pay.outageSubsidyFen).toBe(5010);
      expect(ok.policy.lateness.earlyLeavePerMinuteFen).toBe(115);
    }
    expect(errorsOf('pay: { commissionPerOrder: 0.355 }')).toEqual([
      { path: 'pay.commissionPerOrder', message: 'expected yuan with at most 2 decimals', line: 1 },
    ]);
    expect(paths(errorsOf('pay: { topCommissionReward: -5 }'))).toEqual(['pay.topCommissionReward']);
  });

  it('a section given in part keeps the defaults of its other keys', () => {
    const result = parsePolicyYaml('lateness:\n  allowanceMode: excess\n');
    expect(result.ok && result.policy.lateness).toEqual({
      earlyLeavePerMinuteFen: 200,
      latePerMinuteFen: 100,
      allowanceMinutes: 10,
      allowanceMode: 'excess',
      absenteeismMinutes: 30,
      monthlyReportDay: 1,
    });
  });
});

describe('policy errors', () => {
  it('a broken file lists every error with its path and line', () => {
    const errors = errorsOf(
      [
        'center:',
        '  timeZone: Mars/Olympus_Mons', // 2
        'lateness:',
        '  allowanceMode: some', // 4
        '  allowanceMinutes: ten', // 5
        'schedule:',
        '  seasons:',
        '    summer: { from: "05-01", to: "02-30" }', // 8
        '    winter: { from: "10-01", to: "04-30" }',
        'calendar:',
        '  holidays:',
        '    - { date: "2026-02-30" }', // 12
        'training:',
        '  weekly: { weekday: friday, time: "25:00" }', // 14
      ].join('\n'),
    );
    expect(errors).toEqual([
      { path: 'center.timeZone', message: 'expected an IANA time zone such as Asia/Shanghai', line: 2 },
      { path: 'schedule.seasons.summer.to', message: 'expected a month and day "MM-DD"', line: 8 },
      { path: 'calendar.holidays[0].date', message: 'expected a real date "YYYY-MM-DD"', line: 12 },
      { path: 'lateness.allowanceMinutes', message: 'expected number, received string', line: 5 },
      { path: 'lateness.allowanceMode', message: 'expected one of all|excess', line: 4 },
      { path: 'training.weekly.time', message: 'expected a time "HH:mm" (00:00–23:59)', line: 14 },
    ]);
  });

  it('unknown keys are errors, at the top level and inside sections', () => {
    const errors = errorsOf('lateness:\n  allowanceMinute: 12\nleaves: {}\npay: { comission: 2 }\n');
    expect(errors).toEqual([
      { path: 'lateness.allowanceMinute', message: 'unknown key', line: 2 },
      { path: 'pay.comission', message: 'unknown key', line: 4 },
      { path: 'leaves', message: 'unknown key', line: 3 },
    ]);
  });

  it('LATE-9: a monthly report day of 11 is refused, 10 is accepted', () => {
    expect(errorsOf('lateness: { monthlyReportDay: 11 }')).toEqual([
      { path: 'lateness.monthlyReportDay', message: 'must be 10 or less (announced before the 10th)', line: 1 },
    ]);
    const ten = parsePolicyYaml('lateness: { monthlyReportDay: 10 }');
    expect(ten.ok && ten.policy.lateness.monthlyReportDay).toBe(10);
  });

  it('TIME-1: seasons that do not cover the year exactly once are refused', () => {
    const errors = errorsOf('schedule:\n  seasons:\n    summer: { from: "05-01", to: "09-30" }\n    winter: { from: "10-02", to: "04-30" }\n');
    expect(errors).toEqual([
      {
        path: 'schedule.seasons',
        message: 'summer and winter must cover every day of the year exactly once; 10-01 is in neither',
        line: 3,
      },
    ]);
  });

  it('TIME-2: bad segments, overlapping day rules and unknown profiles are refused with their paths', () => {
    const errors = errorsOf(
      [
        'schedule:',
        '  roleProfiles: { outbound_agent: agents }',
        '  profiles:',
        '    standard:',
        '      days:',
        '        - weekdays: [monday]',
        '          segments:',
        '            - { name: morning, start: "12:00", end: "08:00" }',
        '            - name: afternoon',
        '              start: "14:00"',
        '              end: "18:00"',
        '              phases: [{ name: calls, start: "13:00", end: "18:00" }]',
        '        - weekdays: [sunday]',
        '          segments: [{ name: rest, start: "08:00", end: "09:00" }]',
      ].join('\n'),
    );
    expect(paths(errors)).toEqual([
      'schedule.profiles.standard.days[0].segments[0].end',
      'schedule.profiles.standard.days[0].segments[1].phases[0]',
      'schedule.profiles.standard.days[1].segments[0].name',
      'schedule.roleProfiles.outbound_agent',
    ]);
    expect(errors[3]!.message).toBe('no profile named "agents" (profiles: standard)');
  });

  it('TIME-2: two day rules covering the same weekday and season are refused', () => {
    const errors = errorsOf(
      'schedule:\n  profiles:\n    standard:\n      days:\n        - segments: [{ name: a, start: "08:00", end: "09:00" }]\n        - weekdays: [sunday]\n          segments: [{ name: b, start: "08:00", end: "09:00" }]\n',
    );
    expect(errors.map((e) => [e.path, e.message])).toEqual([
      ['schedule.profiles.standard.days[1]', 'sunday/summer is already covered by days[0]'],
      ['schedule.profiles.standard.days[1]', 'sunday/winter is already covered by days[0]'],
    ]);
  });

  it('TIME-2: invalid times inside a segment are reported field by field, without follow-up errors', () => {
    const errors = errorsOf(
      'schedule:\n  profiles:\n    standard:\n      days:\n        - segments:\n            - { name: a, start: "25:00", end: "8:00", phases: [{ name: p, start: "99:99", end: "10:00" }] }\n',
    );
    expect(paths(errors)).toEqual([
      'schedule.profiles.standard.days[0].segments[0].start',
      'schedule.profiles.standard.days[0].segments[0].end',
      'schedule.profiles.standard.days[0].segments[0].phases[0].start',
    ]);
  });

  it('TIME-6: a date listed twice in the calendar is refused', () => {
    expect(errorsOf('calendar:\n  holidays: [{ date: "2026-10-01" }]\n  swappedWorkdays: [{ date: "2026-10-01", as: friday }]\n')).toEqual([
      { path: 'calendar.swappedWorkdays[0].date', message: '2026-10-01 is already listed at calendar.holidays[0]', line: 3 },
    ]);
  });

  it('LEAVE-4: an approval rule that lets someone approve their own request is refused', () => {
    expect(paths(errorsOf('leave: { approval: { byRole: { team_leader: team_leader } } }'))).toEqual([
      'leave.approval.byRole.team_leader',
    ]);
  });

  it('a YAML syntax error is reported with its line', () => {
    const errors = errorsOf('lateness:\n  allowanceMode: all\n  bad: [unclosed\n');
    expect(errors.length).toBeGreaterThan(0);
    expect(errors[0]!.path).toBe('');
    expect(errors[0]!.line).toBeGreaterThanOrEqual(3);
    expect(errors[0]!.message).toMatch(/^YAML syntax error at line \d+, column \d+: /);
    expect(paths(errorsOf('a: 1\na: 2\n'))).toEqual(['']); // duplicate keys
  });

  it('a file that is not a mapping is refused', () => {
    expect(errorsOf('- 1\n- 2\n')).toEqual([{ path: '', message: 'expected object, received array', line: 1 }]);
  });

  it('a missing file and an unknown preset are reported on the file itself', async () => {
    const missing = await loadPolicy('/nonexistent/policy.yaml');
    expect(missing).toEqual({ ok: false, errors: [{ path: '', message: expect.stringMatching(/cannot read policy file .*ENOENT/) }] });
    const unknown = await loadPolicy('outbound-fancy');
    expect(unknown).toEqual({
      ok: false,
      errors: [{ path: '', message: 'unknown preset "outbound-fancy": expected one of outbound-basic|mobile-outbound-center, or a path to a YAML file' }],
    });
  });

  it('a policy file is loaded from its path, and its errors carry lines', async () => {
    const good = await tempFile('good.yaml', 'center: { timeZone: Europe/Berlin }\nleave: { offsetAgainstRestDays: true }\n');
    const loaded = await loadPolicy(good);
    expect(loaded.ok ? [loaded.source, loaded.policy.center.timeZone, loaded.policy.leave.offsetAgainstRestDays] : loaded.errors).toEqual([
      good,
      'Europe/Berlin',
      true,
    ]);
    const bad = await tempFile('bad.yaml', '# policy\n\nincidents:\n  ackTimeoutMinutes: 0\n');
    expect(await loadPolicy(bad)).toEqual({
      ok: false,
      errors: [{ path: 'incidents.ackTimeoutMinutes', message: 'expected number to be >0', line: 4 }],
    });
  });
});
