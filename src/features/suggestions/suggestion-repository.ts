/** The only code that touches the suggestion table (and the org rows the suggestion rules read). */
import type { Prisma, Suggestion } from '../../generated/prisma/client.ts';
import type { RoleKey } from '../../policy/config/schema.ts';
import { SUGGESTION_STEPS, type SuggestionPerson, type SuggestionStatus, type SuggestionStep } from '../../policy/suggestions/index.ts';
import type { Tx } from '../../shared/db/types.ts';

export type { Suggestion };

export interface SuggestionPersonView extends SuggestionPerson {
  locale: string;
  slackId: string | null;
  /** The Teams AAD object id (org file `teams:`), for the jobs' reminders and digest on Teams. */
  teamsId: string | null;
  teamName: string;
}

export function suggestionRepository(tx: Tx) {
  return {
    async people(): Promise<SuggestionPersonView[]> {
      const rows = await tx.employee.findMany({ include: { chatIdentities: true, team: true }, orderBy: { id: 'asc' } });
      return rows.map((e) => ({
        id: e.id,
        name: e.name,
        role: e.role as RoleKey,
        teamId: e.teamId,
        teamName: e.team.name,
        managerId: e.managerId,
        active: e.active,
        locale: e.locale,
        slackId: e.chatIdentities.find((i) => i.platform === 'slack')?.externalId ?? null,
        teamsId: e.chatIdentities.find((i) => i.platform === 'teams')?.externalId ?? null,
      }));
    },

    create: (data: Prisma.SuggestionUncheckedCreateInput) => tx.suggestion.create({ data }),

    byId: (id: number) => tx.suggestion.findUnique({ where: { id } }),

    /**
     * SUGG-2: takes one step once. Only a suggestion in the step's starting
     * status and only the person whose step it is match; false when someone
     * got there first or it is not theirs.
     */
    async stepOnce(id: number, step: SuggestionStep, actorId: string, data: Prisma.SuggestionUpdateManyMutationInput & { status: SuggestionStatus }): Promise<boolean> {
      const rule = SUGGESTION_STEPS[step];
      const { count } = await tx.suggestion.updateMany({ where: { id, status: rule.from, [rule.by]: actorId }, data });
      return count === 1;
    },

    /** Suggestions waiting for a review or a rating. */
    waiting: () => tx.suggestion.findMany({ where: { status: { in: ['submitted', 'forwarded'] } }, orderBy: { id: 'asc' } }),

    /** Adopted suggestions not done whose deadline is on or before `until` (a `date` column value). */
    openAdoptedDueBy: (until: Date) =>
      tx.suggestion.findMany({ where: { status: 'adopted', deadline: { lte: until } }, orderBy: { id: 'asc' } }),

    /** Records a reminder once: false when another run recorded it first. */
    async markOnce(id: number, flag: 'ownerRemindedAt' | 'overdueNotifiedAt', at: Date): Promise<boolean> {
      const { count } = await tx.suggestion.updateMany({ where: { id, status: 'adopted', [flag]: null }, data: { [flag]: at } });
      return count === 1;
    },

    /** SUGG-3: suggestions adopted (rated, adopted) at an instant in [from, to). */
    adoptedBetween: (from: Date, to: Date) =>
      tx.suggestion.findMany({ where: { adopted: true, ratedAt: { gte: from, lt: to } }, orderBy: [{ ratedAt: 'asc' }, { id: 'asc' }] }),

    /** Adopted suggestions an owner has not marked done yet. */
    openOwnedBy: (ownerId: string) => tx.suggestion.findMany({ where: { status: 'adopted', ownerId }, orderBy: { id: 'asc' } }),

    mine: (submitterId: string) => tx.suggestion.findMany({ where: { submitterId }, orderBy: { id: 'desc' }, take: 10 }),
  };
}

export type SuggestionRepository = ReturnType<typeof suggestionRepository>;
