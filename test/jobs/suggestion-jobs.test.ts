/** SUGG-2: the two suggestion jobs are registered at the times the policy gives. */
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { jobsFor, registerJobs } from '../../src/jobs/index.ts';
import { weeklyCron } from '../../src/jobs/suggestion-weekly-digest.ts';
import { parsePolicyYaml } from '../../src/policy/config/load.ts';
import { OUTBOUND_BASIC } from '../support/fixtures.ts';

describe('suggestion jobs', () => {
  it('SUGG-2: reminders daily at 09:00, the weekly list at suggestions.weeklyReminder, both in the center zone', () => {
    const jobs = registerJobs(jobsFor(OUTBOUND_BASIC));
    const reminders = jobs.get('suggestion-reminders')!;
    const digest = jobs.get('suggestion-weekly-digest')!;
    expect([reminders.cron, reminders.timeZone]).toEqual(['0 9 * * *', 'Asia/Shanghai']);
    expect([digest.cron, digest.timeZone]).toEqual(['0 9 * * 1', 'Asia/Shanghai']);
    const at = (iso: string) => DateTime.fromISO(iso, { zone: 'Asia/Shanghai' });
    expect(digest.schedule.matches(at('2026-11-30T09:00'))).toBe(true); // a Monday
    expect(digest.schedule.matches(at('2026-12-01T09:00'))).toBe(false);
  });

  it('SUGG-2: a weekly reminder on Sunday 18:30 becomes its cron (Sunday is 0)', () => {
    expect(weeklyCron({ weekday: 'sunday', time: '18:30' })).toBe('30 18 * * 0');
    expect(weeklyCron({ weekday: 'saturday', time: '00:05' })).toBe('5 0 * * 6');
    const custom = parsePolicyYaml('suggestions: { weeklyReminder: { weekday: friday, time: "16:00" } }');
    if (!custom.ok) throw new Error('policy');
    expect(registerJobs(jobsFor(custom.policy)).get('suggestion-weekly-digest')!.cron).toBe('0 16 * * 5');
  });
});
