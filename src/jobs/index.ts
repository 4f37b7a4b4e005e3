/**
 * Every scheduled job of banzhang, in one place. A feature adds its job here:
 * a factory that takes the policy (for the center's time zone and any
 * schedule the policy sets) and returns a JobDefinition. See docs/jobs.md.
 */
import type { Policy } from '../policy/config/schema.ts';
import type { JobDefinition } from './job.ts';
import { dailyLatenessTallyJob } from './daily-lateness-tally.ts';
import { incidentEscalationJob } from './incident-escalation.ts';
import { housekeepingJob } from './housekeeping.ts';
import { leaveSweepsJob } from './leave-sweeps.ts';
import { monthlyLatenessReportJob } from './monthly-lateness-report.ts';
import { monthEndPayStatementsJob } from './month-end-pay-statements.ts';
import { monthEndRankingJob } from './month-end-ranking.ts';
import { handoverCheckJob } from './handover-check.ts';
import { postShiftReportJob } from './post-shift-report.ts';
import { preShiftBriefJob } from './pre-shift-brief.ts';
import { reportDeadlinesJob } from './report-deadlines.ts';
import { meetingRemindersJob } from './meeting-reminders.ts';
import { qaSamplingJob } from './qa-sampling.ts';
import { summaryReminderJob } from './summary-reminder.ts';
import { suggestionRemindersJob } from './suggestion-reminders.ts';
import { suggestionWeeklyDigestJob } from './suggestion-weekly-digest.ts';
import { trainingPlanReminderJob } from './training-plan-reminder.ts';
import { trainingPlanReportJob } from './training-plan-report.ts';
import { trainingReminderJob } from './training-reminder.ts';

const JOB_FACTORIES: ReadonlyArray<(policy: Policy) => JobDefinition> = [
  leaveSweepsJob,
  housekeepingJob,
  dailyLatenessTallyJob,
  monthlyLatenessReportJob,
  incidentEscalationJob,
  monthEndPayStatementsJob,
  reportDeadlinesJob,
  meetingRemindersJob,
  qaSamplingJob,
  suggestionRemindersJob,
  suggestionWeeklyDigestJob,
  trainingReminderJob,
  trainingPlanReminderJob,
  trainingPlanReportJob,
  summaryReminderJob,
  monthEndRankingJob,
  preShiftBriefJob,
  postShiftReportJob,
  handoverCheckJob,
];

export function jobsFor(policy: Policy): JobDefinition[] {
  return JOB_FACTORIES.map((factory) => factory(policy));
}

export { createScheduler, jobNamed, type Scheduler, type SchedulerOptions, type SlotOutcome, type SlotResult } from './scheduler.ts';
export { registerJobs, type JobContext, type JobDefinition, type RegisteredJob, type Trigger } from './job.ts';
export { toSlot } from './cron.ts';
