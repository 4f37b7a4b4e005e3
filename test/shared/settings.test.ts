import { describe, expect, it } from 'vitest';
import { loadSettings, SettingsError } from '../../src/shared/settings.ts';

const fails = (env: NodeJS.ProcessEnv) => {
  try {
    loadSettings(env);
  } catch (error) {
    if (error instanceof SettingsError) return error;
    throw error;
  }
  throw new Error('expected a SettingsError');
};

describe('settings (interfaces.md section 1)', () => {
  it('no settings at all gives the documented defaults', () => {
    const s = loadSettings({});
    expect(s).toMatchObject({
      PORT: 3000,
      BANZHANG_POLICY: 'outbound-basic',
      BANZHANG_SCHEDULER: true,
      LOG_LEVEL: 'info',
      BANZHANG_DATA_DIR: './data',
      slackEnabled: false,
      teamsEnabled: false,
    });
    expect(s.DATABASE_URL).toBeUndefined();
  });

  it('each bad setting is named with what is wrong', () => {
    expect(fails({ PORT: '99999' }).variable).toBe('PORT');
    expect(fails({ DATABASE_URL: 'mysql://localhost/x' }).variable).toBe('DATABASE_URL');
    expect(fails({ DATABASE_URL: 'not a url' }).message).toContain('postgres://');
    expect(fails({ SLACK_API_URL: 'ftp://x' }).variable).toBe('SLACK_API_URL');
    expect(fails({ BANZHANG_CLOCK: 'yesterday' }).variable).toBe('BANZHANG_CLOCK');
    expect(fails({ BANZHANG_SCHEDULER: 'maybe' }).variable).toBe('BANZHANG_SCHEDULER');
    expect(fails({ LOG_LEVEL: 'loud' }).variable).toBe('LOG_LEVEL');
    expect(fails({ SLACK_BOT_TOKEN: 'xoxb-1' }).variable).toBe('SLACK_SIGNING_SECRET');
    expect(fails({ MICROSOFT_APP_TYPE: 'Other' }).variable).toBe('MICROSOFT_APP_TYPE');
  });

  it('the lease and sweep knobs of docs/operations.md: unset by default, whole numbers above a floor', () => {
    const s = loadSettings({});
    expect([s.BANZHANG_JOB_LEASE_SECONDS, s.BANZHANG_JOB_SWEEP_SECONDS, s.BANZHANG_OUTBOX_LEASE_SECONDS, s.BANZHANG_TEST_JOB_PAUSE_MS]).toEqual([undefined, undefined, undefined, undefined]);
    expect(loadSettings({ BANZHANG_JOB_LEASE_SECONDS: '6', BANZHANG_OUTBOX_LEASE_SECONDS: '15' })).toMatchObject({ BANZHANG_JOB_LEASE_SECONDS: 6, BANZHANG_OUTBOX_LEASE_SECONDS: 15 });
    expect(fails({ BANZHANG_JOB_LEASE_SECONDS: '2' }).variable).toBe('BANZHANG_JOB_LEASE_SECONDS');
    expect(fails({ BANZHANG_OUTBOX_LEASE_SECONDS: '10' }).variable).toBe('BANZHANG_OUTBOX_LEASE_SECONDS'); // under the Slack client's 10 s timeout
    expect(fails({ BANZHANG_JOB_SWEEP_SECONDS: 'soon' }).variable).toBe('BANZHANG_JOB_SWEEP_SECONDS');
  });

  it('a secret is never echoed back in the error', () => {
    const error = fails({ SLACK_BOT_TOKEN: 'xoxb-secret' });
    expect(error.message).not.toContain('xoxb-secret');
  });

  it('Teams: the app id and password turn it on; a single-tenant app needs its tenant; the Bot Framework endpoints must be URLs', () => {
    const s = loadSettings({ MICROSOFT_APP_ID: 'app', MICROSOFT_APP_PASSWORD: 'secret', BOTFRAMEWORK_OPENID_METADATA_URL: 'http://127.0.0.1:9/v1/.well-known/openidconfiguration' });
    expect(s.teamsEnabled).toBe(true);
    expect(s.BOTFRAMEWORK_OPENID_METADATA_URL).toBe('http://127.0.0.1:9/v1/.well-known/openidconfiguration');
    expect(fails({ MICROSOFT_APP_ID: 'app' }).variable).toBe('MICROSOFT_APP_PASSWORD');
    expect(fails({ MICROSOFT_APP_ID: 'app', MICROSOFT_APP_PASSWORD: 'secret', MICROSOFT_APP_TYPE: 'SingleTenant' }).variable).toBe('MICROSOFT_APP_TENANT_ID');
    expect(fails({ BOTFRAMEWORK_LOGIN_URL: 'login.microsoftonline.com' }).variable).toBe('BOTFRAMEWORK_LOGIN_URL');
    expect(loadSettings({ MICROSOFT_APP_ID: 'app', MICROSOFT_APP_TYPE: 'UserAssignedMSI', MICROSOFT_APP_TENANT_ID: 't' }).teamsEnabled).toBe(true);
  });

  it('chat channels are on when their variables are set', () => {
    const s = loadSettings({ SLACK_SIGNING_SECRET: 's', SLACK_BOT_TOKEN: 'xoxb-1', BANZHANG_CLOCK: '2026-11-23T08:00:00+08:00' });
    expect(s.slackEnabled).toBe(true);
    expect(s.BANZHANG_CLOCK).toBe('2026-11-23T08:00:00+08:00');
  });
});
