/**
 * The org file (interfaces.md section 5, policy.md ORG-1/ORG-2): YAML parsed and
 * validated with zod; every problem is reported with its line and field.
 */
import { DateTime } from 'luxon';
import { LineCounter, parseDocument, isNode, type Document } from 'yaml';
import { z } from 'zod';
import { ROLE_KEYS } from '../../policy/config/schema.ts';
import type { RowProblem } from '../../shared/errors.ts';


const isoDate = z
  .union([z.string(), z.date()])
  .transform((v, ctx) => {
    // YAML 1.1 may turn an unquoted 2025-03-01 into a Date; accept both.
    const text = v instanceof Date ? v.toISOString().slice(0, 10) : v;
    if (!/^\d{4}-\d{2}-\d{2}$/.test(text) || !DateTime.fromISO(text, { zone: 'utc' }).isValid) {
      ctx.addIssue({ code: 'custom', message: `must be a date YYYY-MM-DD (got ${JSON.stringify(text)})` });
      return z.NEVER;
    }
    return text;
  });

const id = z.string().trim().min(1, 'must not be empty').max(64).regex(/^[\w.-]+$/, 'may hold only letters, digits, _ . -');
const chatId = z.union([z.string(), z.number()]).transform((v) => String(v).trim()).pipe(z.string().min(1).max(128));

const yuan = z
  .number({ error: 'must be a number of yuan' })
  .nonnegative('must not be negative')
  .refine((v) => Number.isInteger(Math.round(v * 100)) && Math.abs(v * 100 - Math.round(v * 100)) < 1e-6, {
    message: 'must have at most 2 decimals',
  })
  .transform((v) => Math.round(v * 100));

const employeeSchema = z
  .object({
    id: z.union([id, z.number().int()]).transform(String),
    name: z.string().trim().min(1, 'must not be empty').max(100),
    role: z.enum(ROLE_KEYS, { error: `must be one of ${ROLE_KEYS.join(', ')}` }),
    team: z.union([id, z.number().int()]).transform(String),
    manager: z.union([id, z.number().int()]).transform(String).optional(),
    hireDate: isoDate,
    probationEnd: isoDate.optional(),
    basePay: yuan.optional(),
    locale: z.enum(['zh-CN', 'en'], { error: 'must be zh-CN or en' }).default('zh-CN'),
    slack: chatId.optional(),
    teams: chatId.optional(),
    active: z.boolean({ error: 'must be true or false' }).default(true),
  })
  .strict();

const orgFileSchema = z
  .object({
    center: z
      .object({
        name: z.string().trim().min(1),
        timeZone: z.string().refine((zone) => DateTime.local().setZone(zone).isValid, {
          message: 'must be an IANA time zone such as Asia/Shanghai',
        }),
      })
      .strict()
      .optional(),
    channels: z
      .object({
        incidents: chatId.optional(),
        rankings: chatId.optional(),
        training: chatId.optional(),
        /** The same channels on Teams (channel ids `19:…`); stored as `teams:<name>` (features/org/reach.ts). */
        teams: z.object({ incidents: chatId.optional(), rankings: chatId.optional(), training: chatId.optional() }).strict().optional(),
      })
      .strict()
      .optional(),
    teams: z
      .array(z.object({ id, name: z.string().trim().min(1), channel: chatId.optional() }).strict())
      .default([]),
    employees: z.array(employeeSchema).default([]),
  })
  .strict();

export type OrgFile = z.output<typeof orgFileSchema>;
export type OrgEmployee = OrgFile['employees'][number] & { probationEnd: string };

export interface ParsedOrg extends Omit<OrgFile, 'employees'> {
  employees: OrgEmployee[];
}

export type OrgParseResult = { ok: true; org: ParsedOrg } | { ok: false; problems: RowProblem[] };

/** Known ids already in the database, so a partial file may refer to them. */
export interface KnownIds {
  teams: ReadonlySet<string>;
  employees: ReadonlySet<string>;
}

/** ORG-1: probation ends two months after hire unless the file says otherwise. */
export function defaultProbationEnd(hireDate: string): string {
  return DateTime.fromISO(hireDate, { zone: 'utc' }).plus({ months: 2 }).toISODate()!;
}

export function parseOrgFile(text: string, known: KnownIds = { teams: new Set(), employees: new Set() }): OrgParseResult {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter });
  if (doc.errors.length > 0) {
    return {
      ok: false,
      problems: doc.errors.map((e) => ({
        line: e.linePos?.[0]?.line,
        message: `YAML syntax: ${e.message.split('\n')[0]}`,
      })),
    };
  }
  const lineOf = (pathParts: readonly PropertyKey[]) => lineAt(doc, lineCounter, pathParts);
  const parsed = orgFileSchema.safeParse(doc.toJS() ?? {});
  if (!parsed.success) {
    return {
      ok: false,
      problems: sortProblems(
        parsed.error.issues.map((issue) => ({
          line: lineOf(issue.path),
          field: fieldName(issue.path),
          message: issue.message,
        })),
      ),
    };
  }

  const org = parsed.data;
  const problems: RowProblem[] = [];
  const teamIds = new Set([...known.teams, ...org.teams.map((t) => t.id)]);
  const employeeIds = new Set([...known.employees, ...org.employees.map((e) => e.id)]);
  const seen = { team: new Map<string, number>(), employee: new Map<string, number>(), slack: new Map<string, number>(), teams: new Map<string, number>() };

  org.teams.forEach((team, i) => {
    if (seen.team.has(team.id)) problems.push({ line: lineOf(['teams', i, 'id']), field: `teams[${i}].id`, message: `duplicate team id ${team.id}` });
    seen.team.set(team.id, i);
  });
  const employees: OrgEmployee[] = org.employees.map((e, i) => {
    const at = (field: string) => ({ line: lineOf(['employees', i, field]), field: `employees[${i}].${field}` });
    if (seen.employee.has(e.id)) problems.push({ ...at('id'), message: `duplicate employee id ${e.id}` });
    seen.employee.set(e.id, i);
    if (!teamIds.has(e.team)) problems.push({ ...at('team'), message: `unknown team ${e.team}` });
    if (e.manager !== undefined && !employeeIds.has(e.manager)) problems.push({ ...at('manager'), message: `unknown employee ${e.manager}` });
    if (e.manager === e.id) problems.push({ ...at('manager'), message: 'an employee cannot be their own manager' });
    const probationEnd = e.probationEnd ?? defaultProbationEnd(e.hireDate);
    if (probationEnd < e.hireDate) problems.push({ ...at('probationEnd'), message: 'must not be before hireDate' });
    for (const platform of ['slack', 'teams'] as const) {
      const value = e[platform];
      if (value === undefined) continue;
      const other = seen[platform].get(value);
      if (other !== undefined) problems.push({ ...at(platform), message: `${value} is already used by employees[${other}]` });
      seen[platform].set(value, i);
    }
    return { ...e, probationEnd };
  });
  if (problems.length > 0) return { ok: false, problems: sortProblems(problems) };
  return { ok: true, org: { ...org, employees } };
}

function fieldName(pathParts: readonly PropertyKey[]): string {
  return pathParts.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i > 0 ? '.' : ''}${String(p)}`)).join('');
}

/** The line of the deepest node that exists along a path (1-based). */
function lineAt(doc: Document, lineCounter: LineCounter, pathParts: readonly PropertyKey[]): number | undefined {
  for (let n = pathParts.length; n >= 0; n--) {
    const node = n === 0 ? doc.contents : doc.getIn(pathParts.slice(0, n) as (string | number)[], true);
    if (isNode(node) && node.range) return lineCounter.linePos(node.range[0]).line;
  }
  return undefined;
}

function sortProblems(problems: RowProblem[]): RowProblem[] {
  return [...problems].sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
}
