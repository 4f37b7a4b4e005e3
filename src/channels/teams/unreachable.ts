/**
 * A Teams person or channel banzhang cannot reach yet (no conversation
 * reference, the app not installed for them) is never dropped silently: the
 * outbox row fails with a clear error (the transport throws), the log says so
 * at warn, and the team leader is told once per target, by a Slack DM when
 * Slack is on and they have a Slack id, else by a Teams DM when banzhang can
 * reach them there.
 */
import { leaveRepository, type EmployeeView } from '../../features/leave/leave-repository.ts';
import { orgRepository } from '../../features/org/org-repository.ts';
import type { PrismaClient, Tx } from '../../shared/db/types.ts';
import { isLocale, t, type Locale } from '../../shared/i18n/index.ts';
import type { Logger } from '../../shared/logger.ts';
import { enqueue, type OutboxInput } from '../../shared/outbox/outbox.ts';
import { conversationStore } from './conversation-store.ts';

export interface Unreachable {
  kind: 'person' | 'channel';
  /** The AAD object id of a person or the channel id. */
  target: string;
  /** Why, as stored in the outbox row (e.g. `no_conversation`, `not_installed`). */
  reason: string;
}

export interface UnreachableReporterDeps {
  prisma: PrismaClient;
  logger: Logger;
  /** Whether this process sends to Slack (the leader may be told there). */
  slackEnabled: boolean;
}

export type UnreachableReporter = (u: Unreachable) => Promise<void>;

const loc = (l: string): Locale => (isLocale(l) ? l : 'zh-CN');

/** The team leaders of `teamId` (active, not `except`); failing those, the person's manager. */
function leadersOf(people: EmployeeView[], teamId: string | null, except?: EmployeeView): EmployeeView[] {
  const leaders = people.filter((p) => p.active && p.role === 'team_leader' && p.teamId === teamId && p.id !== except?.id);
  if (leaders.length > 0 || !except?.managerId) return leaders;
  const manager = people.find((p) => p.id === except.managerId && p.active);
  return manager ? [manager] : [];
}

export function unreachableReporter(deps: UnreachableReporterDeps): UnreachableReporter {
  return async (u) => {
    const told: string[] = [];
    const untold: string[] = [];
    await deps.prisma.$transaction(async (tx: Tx) => {
      const people = await leaveRepository(tx).people();
      let leaders: EmployeeView[];
      let text: (l: Locale) => string;
      if (u.kind === 'person') {
        const person = people.find((p) => p.teamsId === u.target);
        leaders = person ? leadersOf(people, person.teamId, person) : [];
        text = (l) => t(l, 'teams.unreachable_person', { name: person?.name ?? u.target });
      } else {
        const team = (await orgRepository(tx).teams()).find((x) => x.channel === u.target);
        leaders = team ? leadersOf(people, team.id) : [];
        text = (l) => t(l, 'teams.unreachable_channel', { team: team?.name ?? u.target });
      }
      const messages: OutboxInput[] = [];
      for (const leader of leaders) {
        const dedupeKey = `teams:unreachable:${u.target}:to:${leader.id}`;
        const payload = { text: text(loc(leader.locale)) };
        if (deps.slackEnabled && leader.slackId) {
          messages.push({ platform: 'slack', kind: 'dm', target: leader.slackId, payload, dedupeKey });
        } else if (leader.teamsId && leader.teamsId !== u.target && (await conversationStore(tx).byKey(leader.teamsId))) {
          messages.push({ platform: 'teams', kind: 'dm', target: leader.teamsId, payload, dedupeKey });
        } else {
          untold.push(leader.id);
          continue;
        }
        told.push(leader.id);
      }
      await enqueue(tx, messages);
    });
    deps.logger.warn(
      { platform: 'teams', kind: u.kind, target: u.target, reason: u.reason, toldLeaders: told, cannotTell: untold },
      told.length > 0 ? 'teams: target unreachable; the team leader is told (once)' : 'teams: target unreachable; no team leader can be told',
    );
  };
}
