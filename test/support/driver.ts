/**
 * A chat channel as a person uses it, for scenarios written once and run on
 * Slack and on Teams (test/channels/scenarios). People are named by their
 * employee id of the fixture org (the driver maps them to a Slack user id or an
 * AAD object id); fields and buttons by the end of their ids (`start` is Slack's
 * `leave_start` and Teams' `leaveStart`; `approve` is Slack's `leave_approve`
 * and Teams' `leave.approve`). Everything read comes back as plain text: a
 * card's or a message's texts, one per line. Implementations: driver-slack.ts
 * (the Slack harness and fake Slack), driver-teams.ts (the Teams harness and
 * fake Bot Connector).
 */
import path from 'node:path';
import type { App } from '../../src/app.ts';
import type { Database } from '../../src/shared/db/database.ts';
import type { DbKind } from './databases.ts';

export type Platform = 'slack' | 'teams';
export const PLATFORMS: readonly Platform[] = ['slack', 'teams'];

/** What a person was answered: its text, and whether it is (or still is) a form waiting for input. */
export interface Answer {
  text: string;
  form: boolean;
}

export interface ChannelDriver {
  readonly platform: Platform;
  readonly app: App;
  readonly db: Database;
  /** `who` types a command (`leave sick`, `clock in`): what they were answered (a form, when the command opens one). */
  command(who: string, text: string): Promise<Answer>;
  /** The form open for `who` (the modal or the form card the last command answered): each input by name, with its current value ('' when empty). */
  openForm(who: string): Promise<Record<string, string>>;
  /** `who` submits that form with `values` (inputs by name; the rest as they are): accepted (`form: false`) or the problems (`form: true`). */
  submit(who: string, values: Record<string, string>): Promise<Answer>;
  /**
   * `who` presses the button `action` of the last message of `owner` (default:
   * `who` themselves) that has it: a direct message of theirs. What `who` is
   * shown in answer (their card replaced, or a message only they see).
   */
  click(who: string, action: string, owner?: string): Promise<Answer>;
  /** Every direct message `who` received so far, oldest first, as it reads now (updates applied). */
  inbox(who: string): Promise<string[]>;
  /** Waits until a direct message of `who` contains `text`; that message as it reads now. */
  waitFor(who: string, text: string, timeoutMs?: number): Promise<string>;
  close(): Promise<void>;
}

/** The same org on both platforms: the employee ids, names and roles of test/fixtures/org-leave.yaml. */
export const ORG_FILES: Record<Platform, string> = {
  slack: path.join(import.meta.dirname, '../fixtures/org-leave.yaml'),
  teams: path.join(import.meta.dirname, '../channels/teams/fixtures/org-teams.yaml'),
};

export async function startDriver(platform: Platform, kind: DbKind, options: { clock: string }): Promise<ChannelDriver> {
  if (platform === 'slack') return (await import('./driver-slack.ts')).startSlackDriver(kind, { clock: options.clock, orgFile: ORG_FILES.slack });
  return (await import('./driver-teams.ts')).startTeamsDriver(kind, { clock: options.clock, orgFile: ORG_FILES.teams });
}

/** Whether an input or action id ends with `name` (case and `_` / `.` ignored): `leave_start`, `leaveStart` ~ `start`. */
export function endsWithName(id: string, name: string): boolean {
  const norm = (s: string) => s.toLowerCase().replace(/[_.\-]/g, '');
  return norm(id).endsWith(norm(name));
}

/** The texts of a message, card or blocks, one per line (keys that people read: text, title, value of facts, label, summary). */
export function plainText(value: unknown): string {
  const out: string[] = [];
  const walk = (v: unknown, key = ''): void => {
    if (Array.isArray(v)) return v.forEach((x) => walk(x, key));
    if (v && typeof v === 'object') {
      for (const [k, x] of Object.entries(v as Record<string, unknown>)) walk(x, k);
      return;
    }
    if (typeof v === 'string' && ['text', 'title', 'label', 'summary', 'fallbackText'].includes(key) && v.trim() !== '' && !out.includes(v)) out.push(v);
  };
  walk(value);
  return out.join('\n');
}

/** Polls `read` until `pick` finds something (or throws after `timeoutMs`). */
export async function until<T>(read: () => Promise<T | undefined> | T | undefined, what: string, timeoutMs = 15_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const found = await read();
    if (found !== undefined) return found;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The external id of an employee on a platform (their `slack:` or `teams:` of the org file). */
export async function identityOf(db: Database, platform: Platform, employeeId: string): Promise<string> {
  const row = await db.prisma.chatIdentity.findFirst({ where: { employeeId, platform } });
  if (!row) throw new Error(`${employeeId} has no ${platform} identity in the fixture org`);
  return row.externalId;
}
