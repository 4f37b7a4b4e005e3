/** The only code that touches the org tables (center, team, employee, chat_identity). */
import type { Employee, Team } from '../../generated/prisma/client.ts';
import { dateColumn, type Tx } from '../../shared/db/types.ts';

export interface EmployeeRow {
  id: string;
  name: string;
  role: string;
  teamId: string;
  managerId: string | null;
  hireDate: Date;
  probationEnd: Date;
  basePayFen: number | null;
  locale: string;
  active: boolean;
}

export type ChatPlatform = 'slack' | 'teams';

export function orgRepository(tx: Tx) {
  return {
    center: () => tx.center.findUnique({ where: { id: 1 } }),
    upsertCenter: (data: { name: string; timeZone: string; channels: Record<string, string> }) =>
      tx.center.upsert({ where: { id: 1 }, create: { id: 1, ...data }, update: data }),
    teams: (): Promise<Team[]> => tx.team.findMany(),
    upsertTeam: (team: { id: string; name: string; channel: string | null }) =>
      tx.team.upsert({ where: { id: team.id }, create: team, update: { name: team.name, channel: team.channel } }),
    employees: (): Promise<Employee[]> => tx.employee.findMany(),
    employeeIds: async (): Promise<string[]> => (await tx.employee.findMany({ select: { id: true } })).map((e) => e.id),
    createEmployees: (rows: EmployeeRow[]) =>
      // Managers are set in a second step, so that the rows may come in any order.
      tx.employee.createMany({ data: rows.map((r) => ({ ...r, managerId: null })) }),
    updateEmployee: (row: EmployeeRow) => tx.employee.update({ where: { id: row.id }, data: row }),
    setManager: (id: string, managerId: string | null) => tx.employee.update({ where: { id }, data: { managerId } }),
    /** Active employees of the given roles, by id, each with their chat identity on `platform` (none when they have none there). */
    activeInRoles: (roles: readonly string[], platform: ChatPlatform) =>
      tx.employee.findMany({ where: { active: true, role: { in: [...roles] } }, include: { chatIdentities: { where: { platform } } }, orderBy: { id: 'asc' } }),
    chatIdentities: () => tx.chatIdentity.findMany(),
    replaceChatIdentity: async (employeeId: string, platform: ChatPlatform, externalId: string | null) => {
      await tx.chatIdentity.deleteMany({ where: { employeeId, platform } });
      if (externalId !== null) await tx.chatIdentity.create({ data: { employeeId, platform, externalId } });
    },
    /** The employee behind a chat account, if any. */
    employeeByChatIdentity: async (platform: ChatPlatform, externalId: string) =>
      (await tx.chatIdentity.findUnique({ where: { platform_externalId: { platform, externalId } }, include: { employee: true } }))
        ?.employee ?? null,
  };
}

export function employeeRow(e: {
  id: string;
  name: string;
  role: string;
  team: string;
  manager?: string | undefined;
  hireDate: string;
  probationEnd: string;
  basePay?: number | undefined;
  locale: string;
  active: boolean;
}): EmployeeRow {
  return {
    id: e.id,
    name: e.name,
    role: e.role,
    teamId: e.team,
    managerId: e.manager ?? null,
    hireDate: dateColumn(e.hireDate),
    probationEnd: dateColumn(e.probationEnd),
    basePayFen: e.basePay ?? null,
    locale: e.locale,
    active: e.active,
  };
}
