/**
 * Settings from the environment (interfaces.md section 1), validated with zod.
 * A bad setting stops the start with one line naming it (exit code 2).
 */
import { DateTime } from 'luxon';
import { z } from 'zod';

const optionalText = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));

const url = (protocols: string[]) =>
  optionalText.refine(
    (v) => {
      if (v === undefined) return true;
      try {
        return protocols.includes(new URL(v).protocol);
      } catch {
        return false;
      }
    },
    { message: `must be a URL starting with ${protocols.map((p) => `${p}//`).join(' or ')}` },
  );

/** An optional whole number of at least `min` (unset: undefined, the caller's default). */
const positiveInt = (min: number) =>
  optionalText
    .refine((v) => v === undefined || (/^\d+$/.test(v) && Number(v) >= min), { message: `must be a whole number of at least ${min}` })
    .transform((v) => (v === undefined ? undefined : Number(v)));

const settingsSchema = z.object({
  PORT: optionalText
    .refine((v) => v === undefined || (/^\d+$/.test(v) && Number(v) <= 65535), {
      message: 'must be a port number from 0 to 65535',
    })
    .transform((v) => (v === undefined ? 3000 : Number(v))),
  DATABASE_URL: url(['postgres:', 'postgresql:']),
  BANZHANG_POLICY: optionalText.transform((v) => v ?? 'outbound-basic'),
  BANZHANG_ORG: optionalText,
  SLACK_SIGNING_SECRET: optionalText,
  SLACK_BOT_TOKEN: optionalText,
  SLACK_API_URL: url(['http:', 'https:']),
  MICROSOFT_APP_ID: optionalText,
  MICROSOFT_APP_PASSWORD: optionalText,
  MICROSOFT_APP_TENANT_ID: optionalText,
  MICROSOFT_APP_TYPE: optionalText.refine(
    (v) => v === undefined || ['MultiTenant', 'SingleTenant', 'UserAssignedMSI'].includes(v),
    { message: 'must be MultiTenant, SingleTenant or UserAssignedMSI' },
  ),
  /**
   * Not in interfaces.md's table: the Bot Framework endpoints (docs/teams.md).
   * Unset: the public Azure cloud's. Tests point them at a local fake.
   */
  BOTFRAMEWORK_OPENID_METADATA_URL: url(['http:', 'https:']),
  BOTFRAMEWORK_TOKEN_ISSUER: optionalText,
  BOTFRAMEWORK_LOGIN_URL: url(['http:', 'https:']),
  BOTFRAMEWORK_OAUTH_SCOPE: optionalText,
  BANZHANG_CLOCK: optionalText.refine((v) => v === undefined || DateTime.fromISO(v, { setZone: true }).isValid, {
    message: 'must be an ISO-8601 instant, e.g. 2026-11-23T08:00:00+08:00',
  }),
  BANZHANG_SCHEDULER: optionalText
    .refine((v) => v === undefined || v === 'on' || v === 'off', { message: 'must be on or off' })
    .transform((v) => (v ?? 'on') === 'on'),
  LOG_LEVEL: optionalText
    .refine((v) => v === undefined || ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].includes(v), {
      message: 'must be one of fatal, error, warn, info, debug, trace, silent',
    })
    .transform((v) => v ?? 'info'),
  /**
   * Not in interfaces.md's table (docs/operations.md): how long a dead replica
   * holds what it claimed. Unset: each job's own `leaseMinutes`, a sweep every
   * 5 minutes, an outbox claim of 60 s. Fault tests shorten them.
   */
  BANZHANG_JOB_LEASE_SECONDS: positiveInt(5),
  BANZHANG_JOB_SWEEP_SECONDS: positiveInt(1),
  BANZHANG_OUTBOX_LEASE_SECONDS: positiveInt(15),
  /**
   * Test only, off by default (docs/operations.md): a job's run waits this many
   * ms after its work and before its end is recorded, so that a fault test can
   * kill the process holding the slot mid-run.
   */
  BANZHANG_TEST_JOB_PAUSE_MS: positiveInt(1),
  /**
   * Not in interfaces.md's table (docs/playground.md): the local playground at
   * `/`. auto: on when neither Slack nor Teams is configured, and then only for
   * loopback clients; on: always, for any client; off: never.
   */
  BANZHANG_PLAYGROUND: optionalText
    .refine((v) => v === undefined || ['on', 'off', 'auto'].includes(v), { message: 'must be on, off or auto' })
    .transform((v) => (v ?? 'auto') as 'on' | 'off' | 'auto'),
  /**
   * Not in interfaces.md's table (docs/dashboard.md): the manager's dashboard at
   * /dashboard. Unset: loopback clients only. Set: every client must send it
   * (`Authorization: Bearer …` or `?token=`).
   */
  BANZHANG_DASHBOARD_TOKEN: optionalText,
  /** Not in interfaces.md's table: where the embedded database lives (tests and demos). */
  BANZHANG_DATA_DIR: optionalText.transform((v) => v ?? './data'),
});

export type Settings = z.output<typeof settingsSchema> & {
  slackEnabled: boolean;
  teamsEnabled: boolean;
};

export class SettingsError extends Error {
  constructor(readonly variable: string, readonly problem: string) {
    super(`${variable}: ${problem}`);
    this.name = 'SettingsError';
  }
}

/** Parses the environment; throws SettingsError naming the first bad variable. */
export function loadSettings(env: NodeJS.ProcessEnv = process.env): Settings {
  const parsed = settingsSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const variable = String(issue.path[0] ?? 'environment');
    throw new SettingsError(variable, `${issue.message} (got ${JSON.stringify(env[variable] ?? '')})`);
  }
  const s = parsed.data;
  if (Boolean(s.SLACK_SIGNING_SECRET) !== Boolean(s.SLACK_BOT_TOKEN)) {
    const missing = s.SLACK_SIGNING_SECRET ? 'SLACK_BOT_TOKEN' : 'SLACK_SIGNING_SECRET';
    throw new SettingsError(missing, 'must be set together with the other Slack variable');
  }
  if (Boolean(s.MICROSOFT_APP_ID) !== Boolean(s.MICROSOFT_APP_PASSWORD) && s.MICROSOFT_APP_TYPE !== 'UserAssignedMSI') {
    const missing = s.MICROSOFT_APP_ID ? 'MICROSOFT_APP_PASSWORD' : 'MICROSOFT_APP_ID';
    throw new SettingsError(missing, 'must be set together with the other Microsoft app variable');
  }
  if ((s.MICROSOFT_APP_TYPE === 'SingleTenant' || s.MICROSOFT_APP_TYPE === 'UserAssignedMSI') && !s.MICROSOFT_APP_TENANT_ID) {
    throw new SettingsError('MICROSOFT_APP_TENANT_ID', `must be set when MICROSOFT_APP_TYPE is ${s.MICROSOFT_APP_TYPE}`);
  }
  return {
    ...s,
    slackEnabled: Boolean(s.SLACK_SIGNING_SECRET && s.SLACK_BOT_TOKEN),
    teamsEnabled: Boolean(s.MICROSOFT_APP_ID),
  };
}
