/**
 * LATE-8: each working day after a team's last segment ends, its channel gets
 * the day's tally: who was late or left early and by how many minutes, each
 * person's month-to-date late minutes against the allowance, absentees,
 * excused events and explanations pending. Only the team's own members appear;
 * money is never posted in a channel. One post per team and day (outbox key).
 */
import type { DateTime } from 'luxon';
import type { Policy } from '../../policy/config/schema.ts';
import { dailyTallyTime } from '../../policy/lateness/index.ts';
import { daySchedule } from '../../policy/working-time.ts';
import { dateColumn, type PrismaClient } from '../../shared/db/types.ts';
import { enqueue, type OutboxInput, type OutboxPlatform } from '../../shared/outbox/outbox.ts';
import { addressed, ALL_PLATFORMS, teamChannelAddress, type PerPlatform, type PlatformsOn } from '../org/reach.ts';
import { rosterEntryOf } from '../roster/roster-import.ts';
import { deriveDays, monthOf, type PersonDays } from './lateness-inputs.ts';

export interface TallyLine {
  employeeId: string;
  name: string;
  late: Array<{ segment: string; minutes: number }>;
  early: Array<{ segment: string; minutes: number }>;
  absent: boolean;
  excused: Array<{ segment: string; kind: string; reason: string }>;
  pending: Array<{ segment: string; kind: string; minutes: number }>;
  monthLateMinutes: number;
}

export interface TeamTally {
  teamId: string;
  teamName: string;
  channel: string;
  date: string;
  lines: TallyLine[];
  allowanceMinutes: number;
}

function tallyLine(policy: Policy, p: PersonDays, date: string): TallyLine {
  const day = p.days.find((d) => d.date === date)!;
  const month = monthOf(policy, date.slice(0, 7), p, date);
  const line: TallyLine = { employeeId: p.person.id, name: p.person.name, late: [], early: [], absent: day.absentDay, excused: [], pending: [], monthLateMinutes: month.lateMinutes };
  for (const s of day.segments) {
    for (const e of [s.late, s.early]) {
      if (!e) continue;
      if (e.excused) line.excused.push({ segment: s.segment, kind: e.kind, reason: e.excused.reason });
      else if (e.outcome === 'pending') line.pending.push({ segment: s.segment, kind: e.kind, minutes: e.minutes });
      else if (e.outcome === 'absenteeism') line.absent = true;
      else if (e.outcome === 'ordinary' && e.minutes > 0) (e.kind === 'late' ? line.late : line.early).push({ segment: s.segment, minutes: e.minutes });
    }
  }
  return line;
}

/** The tallies of the teams whose day is over at `at` (a team with no working member that day has none). */
export async function teamTallies(prisma: PrismaClient, policy: Policy, at: DateTime): Promise<TeamTally[]> {
  const local = at.setZone(policy.center.timeZone);
  const date = local.toISODate()!;
  return prisma.$transaction(async (tx) => {
    const teams = await tx.team.findMany({ where: { channel: { not: null } }, orderBy: { id: 'asc' } });
    const tallies: TeamTally[] = [];
    for (const team of teams) {
      const people = await deriveDays(tx, policy, { from: `${date.slice(0, 7)}-01`, to: date, now: local, teamId: team.id });
      const roster = await tx.rosterEntry.findMany({ where: { employeeId: { in: people.map((p) => p.person.id) }, date: dateColumn(date) } });
      const rostered = new Map(roster.map((r) => [r.employeeId, rosterEntryOf(r)]));
      const schedules = people.map((p) =>
        daySchedule({
          employee: { id: p.person.id, role: p.person.role },
          date,
          policy,
          roster: rostered.get(p.person.id),
        }),
      );
      const due = dailyTallyTime(schedules);
      if (!due || due > local) continue;
      const lines = people.map((p) => tallyLine(policy, p, date)).filter((l) => l.late.length || l.early.length || l.absent || l.excused.length || l.pending.length);
      tallies.push({ teamId: team.id, teamName: team.name, channel: team.channel!, date, lines, allowanceMinutes: policy.lateness.allowanceMinutes });
    }
    return tallies;
  });
}

/** Enqueues each due team's tally once (the outbox key is the team and the date). */
export type TallyRenderer = (tally: TeamTally) => { text: string; blocks?: unknown[] };

export async function postDailyTallies(
  prisma: PrismaClient,
  policy: Policy,
  at: DateTime,
  render: TallyRenderer | PerPlatform<TeamTally>,
  on: PlatformsOn = ALL_PLATFORMS,
): Promise<string[]> {
  const tallies = await teamTallies(prisma, policy, at);
  const renderOn = (platform: OutboxPlatform) => (typeof render === 'function' ? render : render[platform]);
  // The team's channel is a Slack or a Teams channel (reach.ts); a platform that is off gets nothing.
  const messages: OutboxInput[] = tallies.flatMap((tally) => {
    const address = teamChannelAddress(tally.channel, on);
    return address ? addressed([address], 'post', (p) => renderOn(p)(tally), `tally:${tally.teamId}:${tally.date}`) : [];
  });
  const before = await prisma.outboxMessage.count({ where: { dedupeKey: { in: messages.map((m) => m.dedupeKey) } } });
  await prisma.$transaction((tx) => enqueue(tx, messages));
  const posted = messages.length - before;
  return posted > 0 ? tallies.map((x) => x.teamId) : [];
}
