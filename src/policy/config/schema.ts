/**
 * The policy file: every configurable key of policy.md, each with its default,
 * so that an empty file `{}` is a valid policy (equal to the `outbound-basic`
 * preset). Objects are strict: an unknown key is an error, so typos are caught.
 *
 * Money is written in yuan in the file (at most 2 decimals) and carried as
 * integer fen in the parsed `Policy`, under the same key with a `Fen` suffix
 * (`lateness.earlyLeavePerMinute: 2` → `lateness.earlyLeavePerMinuteFen: 200`).
 * Times are "HH:mm" wall-clock times in `center.timeZone`; dates "YYYY-MM-DD".
 */
import { DateTime, IANAZone } from 'luxon';
import { z } from 'zod';

// ORG: the ten role keys.
export const ROLE_KEYS = [
  'center_manager',
  'general_manager',
  'dept_head',
  'hr',
  'team_leader',
  'outbound_manager',
  'complaint_manager',
  'training_supervisor',
  'outbound_agent',
  'complaint_handler',
] as const;
export type RoleKey = (typeof ROLE_KEYS)[number];

export const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export const SEASONS = ['summer', 'winter'] as const;
export type Season = (typeof SEASONS)[number];

export const LEAVE_TYPES = ['personal', 'sick', 'rest', 'meeting'] as const;
export type LeaveType = (typeof LEAVE_TYPES)[number];

// ---------------------------------------------------------------- primitives

const TIME_RE = /^([01]\d|2[0-3]):([0-5]\d)$/;
const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;
const MONTH_DAY_RE = /^\d{2}-\d{2}$/;

/** "HH:mm" → minutes after midnight (the string must be valid). */
export function timeToMinutes(time: string): number {
  const m = TIME_RE.exec(time);
  if (!m) throw new Error(`not a time "HH:mm": ${time}`);
  return Number(m[1]) * 60 + Number(m[2]);
}

function minutesToTime(minutes: number): string {
  const h = Math.floor(minutes / 60);
  return `${String(h).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

export function isRealDate(value: string): boolean {
  return DATE_RE.test(value) && DateTime.fromISO(value, { zone: 'utc' }).isValid;
}

function isRealMonthDay(value: string): boolean {
  return MONTH_DAY_RE.test(value) && isRealDate(`2024-${value}`); // 2024 is a leap year: 02-29 is allowed
}

const hhmm = z.string().regex(TIME_RE, 'expected a time "HH:mm" (00:00–23:59)');
const isoDate = z.string().refine(isRealDate, 'expected a real date "YYYY-MM-DD"');
const monthDay = z.string().refine(isRealMonthDay, 'expected a month and day "MM-DD"');
const role = z.enum(ROLE_KEYS);
const weekday = z.enum(WEEKDAYS);
const count = (d: number) => z.number().int().nonnegative().default(d);
const positiveInt = (d: number) => z.number().int().positive().default(d);
const percent = (d: number) => z.number().min(0).max(100).default(d);

/** Cross-field checks run only when the value's own fields are valid, so one mistake gives one error. */
const ifValid = { when: (payload: z.core.ParsePayload) => payload.issues.length === 0 };

const hasAtMostTwoDecimals = (v: number) => Math.abs(v * 100 - Math.round(v * 100)) < 1e-6;
/** An amount of money: yuan in the file, integer fen once parsed. */
const yuan = (d: number) =>
  z
    .number()
    .nonnegative()
    .refine(hasAtMostTwoDecimals, 'expected yuan with at most 2 decimals')
    .transform((v) => Math.round(v * 100))
    .prefault(d);

type Simplify<T> = { [K in keyof T]: T[K] } & {};
type WithFen<T, K extends keyof T & string> = Simplify<Omit<T, K> & { [P in K as `${P}Fen`]: number }>;

/** Renames the money keys (already converted to fen) to `<key>Fen`, keeping key order. */
function inFen<T extends Record<string, unknown>, const K extends keyof T & string>(
  value: T,
  keys: readonly K[],
): WithFen<T, K> {
  const money = new Set<string>(keys);
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [money.has(k) ? `${k}Fen` : k, v]),
  ) as WithFen<T, K>;
}

// ------------------------------------------------------------------ schedule

// TIME-1: seasons by yearly date range; a range may wrap the year end.
export function inMonthDayRange(md: string, range: { from: string; to: string }): boolean {
  return range.from <= range.to ? md >= range.from && md <= range.to : md >= range.from || md <= range.to;
}

const monthDayRange = z.strictObject({ from: monthDay, to: monthDay });
const seasonsSchema = z
  .strictObject({ summer: monthDayRange, winter: monthDayRange })
  .superRefine((seasons, ctx) => {
    for (let d = DateTime.utc(2024, 1, 1); d.year === 2024; d = d.plus({ days: 1 })) {
      const md = d.toFormat('MM-dd');
      const n = SEASONS.filter((s) => inMonthDayRange(md, seasons[s])).length;
      if (n !== 1) {
        ctx.addIssue({
          code: 'custom',
          message: `summer and winter must cover every day of the year exactly once; ${md} is ${n === 0 ? 'in neither' : 'in both'}`,
        });
        return;
      }
    }
  }, ifValid);

const segmentName = z
  .string()
  .regex(/^[a-z][a-z0-9_-]*$/, 'expected a lowercase name (a-z, 0-9, _ and -)')
  .refine((n) => n !== 'rest', '"rest" is reserved for rest days in the roster');

const phase = z.strictObject({ name: z.string().min(1), start: hhmm, end: hhmm });

/** Default clock-in window when a segment gives none: the 10 minutes before its start (as in TIME-2). */
const DEFAULT_CLOCK_IN_MINUTES = 10;

// TIME-2: a segment has a clock-in window, a start, an end and named phases.
const segment = z
  .strictObject({
    name: segmentName,
    start: hhmm,
    end: hhmm,
    clockIn: z.strictObject({ from: hhmm, to: hhmm }).optional(),
    phases: z.array(phase).prefault([]),
  })
  .superRefine((s, ctx) => {
    const start = timeToMinutes(s.start);
    const end = timeToMinutes(s.end);
    if (end <= start) ctx.addIssue({ code: 'custom', path: ['end'], message: `end ${s.end} must be after start ${s.start}` });
    if (s.clockIn) {
      if (s.clockIn.from > s.clockIn.to)
        ctx.addIssue({ code: 'custom', path: ['clockIn', 'to'], message: 'clock-in window ends before it starts' });
      if (s.clockIn.to > s.end)
        ctx.addIssue({ code: 'custom', path: ['clockIn', 'to'], message: 'clock-in window ends after the segment' });
    }
    let previousEnd = start;
    s.phases.forEach((p, i) => {
      const [from, to] = [timeToMinutes(p.start), timeToMinutes(p.end)];
      if (from < previousEnd || to <= from || to > end)
        ctx.addIssue({
          code: 'custom',
          path: ['phases', i],
          message: `phase ${p.name} ${p.start}–${p.end} must lie within the segment ${s.start}–${s.end}, in order, without overlap`,
        });
      previousEnd = Math.max(previousEnd, to);
    });
  }, ifValid)
  .transform(({ clockIn, phases, ...s }) => ({
    ...s,
    clockIn: clockIn ?? {
      from: minutesToTime(Math.max(0, timeToMinutes(s.start) - DEFAULT_CLOCK_IN_MINUTES)),
      to: s.start,
    },
    phases,
  }));

// A day rule: on these weekdays in these seasons, the day has these segments.
// `rosterOnly`: a working day whose segments come from the roster only (TIME-3
// rotating shifts); the segments listed are the templates the roster picks from.
const dayRule = z
  .strictObject({
    weekdays: z.array(weekday).min(1).prefault([...WEEKDAYS]),
    seasons: z.array(z.enum(SEASONS)).min(1).prefault([...SEASONS]),
    rosterOnly: z.boolean().default(false),
    segments: z.array(segment).min(1),
  })
  .superRefine((rule, ctx) => {
    const seen = new Set<string>();
    rule.segments.forEach((s, i) => {
      if (seen.has(s.name))
        ctx.addIssue({ code: 'custom', path: ['segments', i, 'name'], message: `duplicate segment name ${s.name}` });
      seen.add(s.name);
    });
  }, ifValid);

const profile = z
  .strictObject({ description: z.string().optional(), days: z.array(dayRule).min(1) })
  .superRefine((p, ctx) => {
    // Each weekday and season is covered by at most one rule, so no rule is silently shadowed.
    const owner = new Map<string, number>();
    p.days.forEach((rule, i) => {
      for (const w of rule.weekdays)
        for (const s of rule.seasons) {
          const key = `${w}/${s}`;
          const first = owner.get(key);
          if (first !== undefined)
            ctx.addIssue({ code: 'custom', path: ['days', i], message: `${key} is already covered by days[${first}]` });
          else owner.set(key, i);
        }
    });
  }, ifValid);

// The TIME-2 table (preset outbound-basic): all staff, Mon–Fri, weekends off.
const DEFAULT_PROFILES: Record<string, z.input<typeof profile>> = {
  standard: {
    description: 'TIME-2: all staff, Monday to Friday, weekends off',
    days: [
      {
        weekdays: ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'],
        seasons: ['summer'],
        segments: [
          {
            name: 'morning',
            start: '08:00',
            end: '12:00',
            clockIn: { from: '07:50', to: '08:00' },
            phases: [
              { name: 'prep', start: '08:00', end: '08:15' },
              { name: 'meeting', start: '08:15', end: '08:30' },
              { name: 'calls', start: '08:30', end: '12:00' },
            ],
          },
          {
            name: 'afternoon',
            start: '15:00',
            end: '18:00',
            clockIn: { from: '14:50', to: '15:00' },
            phases: [
              { name: 'prep', start: '15:00', end: '15:10' },
              { name: 'calls', start: '15:10', end: '18:00' },
            ],
          },
        ],
      },
      {
        weekdays: ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'],
        seasons: ['winter'],
        segments: [
          {
            name: 'morning',
            start: '08:00',
            end: '12:00',
            clockIn: { from: '07:50', to: '08:00' },
            phases: [
              { name: 'prep', start: '08:00', end: '08:10' },
              { name: 'meeting', start: '08:10', end: '08:30' },
              { name: 'calls', start: '08:30', end: '12:00' },
            ],
          },
          {
            name: 'afternoon',
            start: '14:30',
            end: '17:30',
            clockIn: { from: '14:20', to: '14:30' },
            phases: [
              { name: 'prep', start: '14:30', end: '14:40' },
              { name: 'calls', start: '14:40', end: '17:30' },
            ],
          },
        ],
      },
    ],
  },
};

const schedule = z
  .strictObject({
    seasons: seasonsSchema.prefault({ summer: { from: '05-01', to: '09-30' }, winter: { from: '10-01', to: '04-30' } }),
    profiles: z.record(segmentName, profile).prefault(DEFAULT_PROFILES),
    // Roles not listed in roleProfiles follow defaultProfile.
    defaultProfile: z.string().default('standard'),
    roleProfiles: z.partialRecord(role, z.string()).prefault({}),
  })
  .superRefine((s, ctx) => {
    // Runs even when a profile has errors of its own (only the names matter here), so guard the shapes.
    if (typeof s.profiles !== 'object' || s.profiles === null || typeof s.roleProfiles !== 'object') return;
    const known = Object.keys(s.profiles);
    const check = (name: unknown, path: (string | number)[]) => {
      if (typeof name === 'string' && !known.includes(name))
        ctx.addIssue({ code: 'custom', path, message: `no profile named "${name}" (profiles: ${known.join(', ')})` });
    };
    check(s.defaultProfile, ['defaultProfile']);
    for (const [r, name] of Object.entries(s.roleProfiles ?? {})) check(name, ['roleProfiles', r]);
  });

// TIME-6: public holidays, and swapped working days (调休) worked with the schedule of a named weekday.
const calendar = z
  .strictObject({
    holidays: z.array(z.strictObject({ date: isoDate, name: z.string().min(1).optional() })).prefault([]),
    swappedWorkdays: z
      .array(
        z.strictObject({
          date: isoDate,
          // Default reading: a swapped working day is worked as a Monday.
          as: weekday.default('monday'),
          name: z.string().min(1).optional(),
        }),
      )
      .prefault([]),
  })
  .superRefine((c, ctx) => {
    const seen = new Map<string, string>();
    const entries = [
      ...c.holidays.map((h, i) => ({ date: h.date, list: 'holidays', i })),
      ...c.swappedWorkdays.map((w, i) => ({ date: w.date, list: 'swappedWorkdays', i })),
    ];
    for (const e of entries) {
      const first = seen.get(e.date);
      if (first)
        ctx.addIssue({ code: 'custom', path: [e.list, e.i, 'date'], message: `${e.date} is already listed at ${first}` });
      else seen.set(e.date, `calendar.${e.list}[${e.i}]`);
    }
  }, ifValid);

// ---------------------------------------------------------------- sections

const center = z.strictObject({
  timeZone: z
    .string()
    .refine((tz) => IANAZone.isValidZone(tz), 'expected an IANA time zone such as Asia/Shanghai')
    .default('Asia/Shanghai'),
});

// ORG-1: probation end defaults to hire date + probationMonths.
const org = z.strictObject({ probationMonths: count(2) });

// LATE-1
const clock = z.strictObject({ requireClockOutEachSegment: z.boolean().default(false) });

// LATE-3..LATE-9
const lateness = z
  .strictObject({
    earlyLeavePerMinute: yuan(2), // LATE-3
    latePerMinute: yuan(1), // LATE-4, once over the allowance
    allowanceMinutes: count(10), // LATE-4
    allowanceMode: z.enum(['all', 'excess']).default('all'), // LATE-4 reading: all
    absenteeismMinutes: positiveInt(30), // LATE-5
    // LATE-9: the monthly report is posted on the first working day on or after this day of the next month.
    monthlyReportDay: z.number().int().min(1).max(10, 'must be 10 or less (announced before the 10th)').default(1),
  })
  .transform((v) => inFen(v, ['earlyLeavePerMinute', 'latePerMinute']));

// TIME-4: rest days per role group, never carried over.
const restAllowance = z.strictObject({
  roles: z.array(role).min(1),
  count: z.number().int().nonnegative(),
  per: z.enum(['month', 'week']),
});

const leave = z.strictObject({
  rest: z
    .strictObject({
      allowance: z
        .array(restAllowance)
        .prefault([
          { roles: ['outbound_agent', 'complaint_handler'], count: 3, per: 'month' },
          { roles: ['outbound_manager', 'complaint_manager'], count: 1, per: 'week' },
        ])
        .superRefine((groups, ctx) => {
          const seen = new Set<string>();
          groups.forEach((g, i) =>
            g.roles.forEach((r, j) => {
              if (seen.has(r)) ctx.addIssue({ code: 'custom', path: [i, 'roles', j], message: `${r} is in two groups` });
              seen.add(r);
            }),
          );
        }, ifValid),
    })
    .prefault({}),
  // LEAVE-3, LEAVE-8
  sick: z
    .strictObject({
      proofGraceDays: count(3),
      tenureYears: count(2),
      rateBelowTenurePercent: percent(20),
      rateFromTenurePercent: percent(10),
    })
    .prefault({}),
  // LEAVE-7
  offsetAgainstRestDays: z.boolean().default(false),
  // LEAVE-4: who approves; byType wins over byRole; no match → the employee's manager.
  approval: z
    .strictObject({
      byRole: z.partialRecord(role, role).prefault({
        outbound_agent: 'dept_head',
        complaint_handler: 'dept_head',
        training_supervisor: 'dept_head',
        dept_head: 'general_manager',
        outbound_manager: 'team_leader',
        complaint_manager: 'team_leader',
        team_leader: 'center_manager',
      }),
      byType: z.partialRecord(z.enum(LEAVE_TYPES), role).prefault({ meeting: 'team_leader' }),
      // Roles notified when a request of an employee with this role is approved (dept_head → filed with hr).
      notifyOnApproval: z.partialRecord(role, z.array(role)).prefault({ dept_head: ['hr'] }),
    })
    .superRefine((a, ctx) => {
      for (const [r, approver] of Object.entries(a.byRole))
        if (r === approver)
          ctx.addIssue({ code: 'custom', path: ['byRole', r], message: 'nobody approves their own request' });
    }, ifValid)
    .prefault({}),
});

// PAY-1..PAY-7
const pay = z
  .strictObject({
    basePayQuotaMet: yuan(1200),
    basePayQuotaNotMet: yuan(800),
    monthlyQuotaOrders: count(400),
    outageSubsidy: yuan(50),
    dailyBaseDivisor: z.number().positive().default(21.75),
    fullAttendanceBonus: yuan(100),
    seniorityBonusPerPeriod: yuan(50),
    seniorityPeriodMonths: positiveInt(6),
    seniorityBonusMax: yuan(200),
    commissionPerOrder: yuan(1),
    topCommissionReward: yuan(50),
  })
  .transform((v) =>
    inFen(v, [
      'basePayQuotaMet',
      'basePayQuotaNotMet',
      'outageSubsidy',
      'fullAttendanceBonus',
      'seniorityBonusPerPeriod',
      'seniorityBonusMax',
      'commissionPerOrder',
      'topCommissionReward',
    ]),
  );

// PERF-6: a KPI with an upper (max) or lower (min) limit; each step beyond it costs pointsPerStep.
const kpiMax = (max: number, step: number) =>
  z
    .strictObject({ maxPercent: percent(max), stepPercent: z.number().positive().default(step), pointsPerStep: count(1) })
    .prefault({});
const kpiMin = (min: number, step: number) =>
  z
    .strictObject({ minPercent: percent(min), stepPercent: z.number().positive().default(step), pointsPerStep: count(1) })
    .prefault({});

/** PERF-9: the QA checklist of policy.md, each item scored 0..its points (the outbound manual gives no weights: equal). */
export const QA_CHECKLIST_KEYS = ['greeting_closing', 'tone', 'polite_phrases', 'attention_listening', 'accuracy', 'questionnaire_completeness'] as const;
export type QaChecklistKey = (typeof QA_CHECKLIST_KEYS)[number];

/** PERF-9: the service-phrase blacklist (服务忌语) of the outbound manual, chapter 8, zh-CN with an English gloss. */
export const DEFAULT_QA_BLACKLIST = [
  { id: 'cannot', zh: '不行', en: 'No, can\'t do' },
  { id: 'dont-know', zh: '不知道', en: 'I don\'t know' },
  { id: 'ask-leader', zh: '找领导去', en: 'Go and find a manager' },
  { id: 'understand', zh: '你懂不懂', en: 'Do you understand or not?' },
  { id: 'dont-say', zh: '不知道就别说了', en: 'If you don\'t know, don\'t talk' },
  { id: 'rule', zh: '这是规定，就不行', en: 'That\'s the rule, so no' },
  { id: 'busy', zh: '着什么急，我正忙着', en: 'What\'s the hurry, I\'m busy' },
  { id: 'complain', zh: '有意见，告去', en: 'Got a complaint? Go and report it' },
  { id: 'told-you', zh: '刚才不是和你说过了吗，怎么还问', en: 'Didn\'t I just tell you? Why ask again?' },
  { id: 'hurry-up', zh: '你想好了没有，快点', en: 'Have you decided? Hurry up' },
  { id: 'attitude', zh: '我就这态度，不满意到别处问', en: 'This is my attitude; if unhappy, ask elsewhere' },
  { id: 'what-now', zh: '干什么，快点', en: 'What is it? Be quick' },
  { id: 'ask-whom', zh: '你问我，我问谁', en: 'You ask me, whom do I ask?' },
  { id: 'cannot-solve', zh: '我解决不了', en: 'I can\'t solve it' },
  { id: 'still-not', zh: '不是告诉你了，怎么还不明白', en: 'I told you, why don\'t you get it?' },
  { id: 'so-many-times', zh: '说了这么多遍还不明白', en: 'Said it so many times and still not clear' },
] as const;

const qa = z.strictObject({
  // PERF-9: calls sampled per agent per working day (the manual: 2 个/人/天), and when the list goes out.
  samplesPerAgent: z.number().int().min(1).max(20).default(2),
  samplingTime: hhmm.default('08:30'),
  // Who gets the list and scores (the outbound manager), and whose calls are sampled.
  scorerRoles: z.array(role).min(1).default(['outbound_manager']),
  sampledRoles: z.array(role).min(1).default(['outbound_agent']),
  // Each checklist item is scored 0..points; the sum is scaled to 100.
  checklist: z
    .strictObject({
      greeting_closing: z.number().int().min(1).max(100).default(5),
      tone: z.number().int().min(1).max(100).default(5),
      polite_phrases: z.number().int().min(1).max(100).default(5),
      attention_listening: z.number().int().min(1).max(100).default(5),
      accuracy: z.number().int().min(1).max(100).default(5),
      questionnaire_completeness: z.number().int().min(1).max(100).default(5),
    })
    .prefault({}),
  blacklist: z
    .array(z.strictObject({ id: z.string().regex(/^[a-z0-9-]+$/, 'expected an id of a-z, 0-9 and -'), zh: z.string().min(1), en: z.string().min(1) }))
    .max(100)
    .refine((l) => new Set(l.map((b) => b.id)).size === l.length, 'blacklist ids must be distinct')
    .default(DEFAULT_QA_BLACKLIST.map((b) => ({ ...b }))),
  // Points (of 100) each ticked blacklist phrase takes off the call's score (floored at 0).
  blacklistPenalty: z.number().int().min(0).max(100).default(10),
  // 0: the month's QA average is shown on the ranking lines as information; > 0: it costs
  // round(weight × (100 − average) / 100) points.
  weight: z.number().int().min(0).max(100).default(0),
});

const perf = z.strictObject({
  startScore: count(100), // PERF-7
  dailyTarget: count(60), // PERF-2
  dailyShortfallPoints: count(1),
  volumeFloor: count(50), // PERF-3
  callTypeWeights: z.record(z.string().min(1), z.number().positive()).prefault({}),
  defaultCallTypeWeight: z.number().positive().default(1),
  rankTopPoints: count(40),
  rankStep: count(2),
  // PERF-4
  exam: z
    .strictObject({ pointsPerPointBelowAverage: count(1), bandWidth: positiveInt(10), bandPoints: count(3) })
    .prefault({}),
  trainingAbsencePoints: count(5), // PERF-5
  // PERF-6
  complaintKpis: z
    .strictObject({
      delayRate: kpiMax(5, 1),
      feedbackTimeliness: kpiMin(100, 0.1),
      satisfaction: kpiMin(80, 1),
      repeatRate: kpiMax(1, 0.1),
      redispatchRate: kpiMax(0.5, 0.1),
    })
    .prefault({}),
  humanErrorPoints: count(20),
  unsolvablePoints: z
    .strictObject({ min: count(3), max: count(5) })
    .refine((r) => r.min <= r.max, { message: 'min must not exceed max', path: ['max'], ...ifValid })
    .prefault({}),
  interviewAfterMonths: positiveInt(2), // PERF-8
  qa: qa.prefault({}), // PERF-9
  // PERF-1: the reminder to agents who have not filed today's summary, this many minutes before their last segment ends.
  summaryReminderMinutesBeforeEnd: count(30),
  // PERF-7: the month-end ranking is posted on the last working day after the last segment ends
  // ('last-working-day'), or at 09:00 on the first day of the next month ('first-day-next-month').
  rankingPostOn: z.enum(['last-working-day', 'first-day-next-month']).default('last-working-day'),
  // Roles ranked at month end (PERF-7), each role its own ranking.
  rankedRoles: z.array(role).min(1).default(['outbound_agent', 'complaint_handler']),
  // PERF-2, PERF-3, PERF-8: the ranked roles judged on questionnaires and orders (the outbound agents who
  // make the calls); a ranked role not listed here (complaint handlers, PERF-6) gets no volume or orders lines.
  volumeRoles: z.array(role).min(1).default(['outbound_agent']),
});

// TRAIN-1, TRAIN-2
const training = z.strictObject({
  weekly: z
    .strictObject({ weekday: weekday.default('friday'), time: hhmm.default('16:30'), durationMinutes: positiveInt(120) })
    .prefault({}),
  // TRAIN-1: who is expected at the weekly study (others may check in too).
  attendeeRoles: z.array(role).min(1).default(['outbound_agent', 'complaint_handler']),
  // TRAIN-1: who sets the topic and sees the attendance; TRAIN-3: who records exam scores.
  organizerRoles: z.array(role).min(1).default(['team_leader', 'training_supervisor']),
  // TRAIN-2: who owes the weekly plan.
  planRoles: z.array(role).min(1).default(['outbound_manager', 'complaint_manager']),
  planDue: z
    .strictObject({ weekday: weekday.default('monday'), reminderAt: hhmm.default('09:00'), reportAt: hhmm.default('12:00') })
    .refine((p) => p.reminderAt < p.reportAt, { message: 'reportAt must be after reminderAt', path: ['reportAt'], ...ifValid })
    .prefault({}),
});

// INC-4
const incidents = z.strictObject({ ackTimeoutMinutes: positiveInt(10) });

// SUGG-2: the grades a center manager gives a suggestion (shown as written), the
// owner's reminder this many days before the deadline, and the weekly list of
// suggestions waiting for each reviewer.
const suggestions = z.strictObject({
  grades: z
    .array(z.string().min(1))
    .min(1)
    .refine((g) => new Set(g).size === g.length, 'grades must be distinct')
    .default(['A', 'B', 'C', 'D']),
  ownerReminderDaysBefore: count(1),
  weeklyReminder: z.strictObject({ weekday: weekday.default('monday'), time: hhmm.default('09:00') }).prefault({}),
});

// MEET-1, MEET-2
const meetings = z.strictObject({
  preShiftMinutes: z
    .strictObject({ min: positiveInt(30), max: positiveInt(60) })
    .refine((r) => r.min <= r.max, { message: 'min must not exceed max', path: ['max'], ...ifValid })
    .prefault({}),
  adHocNoticeDays: count(1),
  // MEET-1: the attendees' (and host's) reminder this many minutes before an ad-hoc meeting.
  reminderMinutesBefore: z.number().int().min(1).max(24 * 60).default(15),
  monthlyReportDeadlines: z
    .array(z.strictObject({ role, day: z.number().int().min(1).max(28), time: hhmm }))
    .prefault([
      { role: 'complaint_manager', day: 2, time: '15:00' },
      { role: 'complaint_manager', day: 4, time: '15:00' },
      { role: 'outbound_manager', day: 2, time: '15:00' },
    ]),
});

// Issue 11: the team leader's daily routine (MEET-1 pre-shift brief, complaint handlers' shift handover).
const routine = z.strictObject({
  // MEET-1: the brief is posted to the team channel this many minutes before the team's first segment starts.
  briefLeadMinutes: z.number().int().min(0).max(240).default(15),
  // A handover not acknowledged this many minutes after the incoming shift starts is flagged to the complaint manager.
  handoverGraceMinutes: z.number().int().min(1).max(240).default(15),
});

export const policySchema = z.strictObject({
  center: center.prefault({}),
  org: org.prefault({}),
  schedule: schedule.prefault({}),
  calendar: calendar.prefault({}),
  clock: clock.prefault({}),
  lateness: lateness.prefault({}),
  leave: leave.prefault({}),
  pay: pay.prefault({}),
  perf: perf.prefault({}),
  training: training.prefault({}),
  incidents: incidents.prefault({}),
  meetings: meetings.prefault({}),
  suggestions: suggestions.prefault({}),
  routine: routine.prefault({}),
});

/** The policy as written in a file (money in yuan, every key optional). */
export type PolicyInput = z.input<typeof policySchema>;
/** The parsed policy that code uses (money in integer fen, every default filled in). */
export type Policy = z.output<typeof policySchema>;
export type SegmentTemplate = Policy['schedule']['profiles'][string]['days'][number]['segments'][number];
