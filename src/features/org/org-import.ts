/**
 * ORG-2: importing the org file. Idempotent (upsert by employee id), never
 * deletes, deactivates `active: false`; a bad file is refused whole, nothing stored.
 * Each employee entry is the whole truth about that employee: an optional field
 * left out (manager, basePay, a chat identity) is cleared.
 */
import { recordAudit, type AuditEntry } from '../../shared/audit.ts';
import { fileRefused, type RowProblem } from '../../shared/errors.ts';
import { LONG_TRANSACTION, type PrismaClient } from '../../shared/db/types.ts';
import { parseOrgFile } from './org-file.ts';
import { employeeRow, orgRepository, type ChatPlatform, type EmployeeRow } from './org-repository.ts';

export interface OrgImportResult {
  created: number;
  updated: number;
  deactivated: number;
  unchanged: number;
  teamsChanged: number;
  centerChanged: boolean;
  /** True when the import changed nothing at all. */
  noChange: boolean;
}

const PLATFORMS: ChatPlatform[] = ['slack', 'teams'];

export async function importOrg(prisma: PrismaClient, text: string, options: { actor: string; file: string }): Promise<OrgImportResult> {
  return prisma.$transaction(async (tx) => {
    const repo = orgRepository(tx);
    const [existingEmployees, existingTeams, existingIdentities, existingCenter] = await Promise.all([
      repo.employees(),
      repo.teams(),
      repo.chatIdentities(),
      repo.center(),
    ]);
    const parsed = parseOrgFile(text, {
      teams: new Set(existingTeams.map((t) => t.id)),
      employees: new Set(existingEmployees.map((e) => e.id)),
    });
    if (!parsed.ok) throw fileRefused(options.file, parsed.problems);
    const org = parsed.org;

    // Chat identities held by employees outside this file cannot be taken over.
    const inFile = new Set(org.employees.map((e) => e.id));
    const owner = new Map(existingIdentities.map((i) => [`${i.platform}:${i.externalId}`, i.employeeId]));
    const identityProblems: RowProblem[] = [];
    org.employees.forEach((e, i) => {
      for (const platform of PLATFORMS) {
        const value = e[platform];
        const holder = value === undefined ? undefined : owner.get(`${platform}:${value}`);
        if (holder !== undefined && holder !== e.id && !inFile.has(holder)) {
          identityProblems.push({ field: `employees[${i}].${platform}`, message: `${value} already belongs to employee ${holder}` });
        }
      }
    });
    if (identityProblems.length > 0) throw fileRefused(options.file, identityProblems);

    const audit: AuditEntry[] = [];
    const result: OrgImportResult = { created: 0, updated: 0, deactivated: 0, unchanged: 0, teamsChanged: 0, centerChanged: false, noChange: true };

    if (org.center || org.channels) {
      // A `teams:` block is stored flat, `teams:<name>` (features/org/reach.ts reads it).
      const { teams: teamsChannels, ...slackChannels } = org.channels ?? {};
      const flat = { ...slackChannels, ...Object.fromEntries(Object.entries(teamsChannels ?? {}).map(([k, v]) => [`teams:${k}`, v])) };
      const channels = Object.fromEntries(Object.entries(flat).filter(([, v]) => v !== undefined)) as Record<string, string>;
      const next = {
        name: org.center?.name ?? existingCenter?.name ?? '',
        timeZone: org.center?.timeZone ?? existingCenter?.timeZone ?? 'Asia/Shanghai',
        channels: org.channels ? channels : ((existingCenter?.channels as Record<string, string> | undefined) ?? {}),
      };
      const same =
        existingCenter &&
        existingCenter.name === next.name &&
        existingCenter.timeZone === next.timeZone &&
        sameChannels(existingCenter.channels, next.channels);
      if (!same) {
        await repo.upsertCenter(next);
        result.centerChanged = true;
        audit.push({ actor: options.actor, action: existingCenter ? 'center.update' : 'center.create', entity: 'center', entityId: '1', details: next });
      }
    }

    const teamsById = new Map(existingTeams.map((t) => [t.id, t]));
    for (const team of org.teams) {
      const before = teamsById.get(team.id);
      const next = { id: team.id, name: team.name, channel: team.channel ?? null };
      if (before && before.name === next.name && before.channel === next.channel) continue;
      await repo.upsertTeam(next);
      result.teamsChanged++;
      audit.push({ actor: options.actor, action: before ? 'team.update' : 'team.create', entity: 'team', entityId: team.id, details: next });
    }

    const employeesById = new Map(existingEmployees.map((e) => [e.id, e]));
    const identitiesOf = new Map<string, Partial<Record<ChatPlatform, string>>>();
    for (const i of existingIdentities) {
      identitiesOf.set(i.employeeId, { ...identitiesOf.get(i.employeeId), [i.platform]: i.externalId });
    }
    const toCreate: EmployeeRow[] = [];
    const identityChanges: Array<{ employeeId: string; platform: ChatPlatform; value: string | null }> = [];
    for (const e of org.employees) {
      const row = employeeRow(e);
      const before = employeesById.get(e.id);
      const beforeIds = identitiesOf.get(e.id) ?? {};
      for (const platform of PLATFORMS) {
        const value = e[platform] ?? null;
        if ((beforeIds[platform] ?? null) !== value) identityChanges.push({ employeeId: e.id, platform, value });
      }
      const identitiesChanged = identityChanges.some((c) => c.employeeId === e.id);
      if (!before) {
        toCreate.push(row);
        result.created++;
        audit.push({ actor: options.actor, action: 'employee.create', entity: 'employee', entityId: e.id, details: jsonRow(row) });
        continue;
      }
      const changed = changedFields(before, row);
      if (changed.length === 0 && !identitiesChanged) {
        result.unchanged++;
        continue;
      }
      if (changed.length > 0) await repo.updateEmployee({ ...row, managerId: before.managerId });
      if (before.active && !row.active) result.deactivated++;
      else result.updated++;
      audit.push({
        actor: options.actor,
        action: before.active && !row.active ? 'employee.deactivate' : 'employee.update',
        entity: 'employee',
        entityId: e.id,
        details: { changed: identitiesChanged ? [...changed, 'chatIdentities'] : changed },
      });
    }
    if (toCreate.length > 0) await repo.createEmployees(toCreate);
    // Managers last: a manager may be created by this same import.
    for (const e of org.employees) {
      const managerId = e.manager ?? null;
      const before = employeesById.get(e.id);
      if ((before ? before.managerId : null) !== managerId) await repo.setManager(e.id, managerId);
    }
    // Free identities first, then assign, so two employees may swap accounts in one import.
    for (const c of identityChanges) await repo.replaceChatIdentity(c.employeeId, c.platform, null);
    for (const c of identityChanges) if (c.value !== null) await repo.replaceChatIdentity(c.employeeId, c.platform, c.value);

    await recordAudit(tx, audit);
    result.noChange = audit.length === 0;
    return result;
  }, LONG_TRANSACTION);
}

/** jsonb does not keep key order: compare channel maps key by key. */
function sameChannels(stored: unknown, next: Record<string, string>): boolean {
  const before = (stored ?? {}) as Record<string, unknown>;
  const keys = new Set([...Object.keys(before), ...Object.keys(next)]);
  return [...keys].every((k) => before[k] === next[k]);
}

const COMPARED: Array<keyof EmployeeRow> = ['name', 'role', 'teamId', 'managerId', 'hireDate', 'probationEnd', 'basePayFen', 'locale', 'active'];

function changedFields(before: EmployeeRow, after: EmployeeRow): string[] {
  return COMPARED.filter((key) => {
    const a = before[key];
    const b = after[key];
    return a instanceof Date && b instanceof Date ? a.getTime() !== b.getTime() : a !== b;
  });
}

function jsonRow(row: EmployeeRow) {
  return { ...row, hireDate: row.hireDate.toISOString().slice(0, 10), probationEnd: row.probationEnd.toISOString().slice(0, 10) };
}
