/**
 * English message catalog. Keys are shared with zh-CN (which must define every key:
 * the type `Messages` enforces it). Placeholders are written {name}.
 */
export const en = {
  'common.not_in_org':
    'You are not in the org of banzhang yet. Ask your team leader to add you. / 你还不在班长的组织名单中，请联系话务班长添加。',
  'common.internal_error': 'Something went wrong on our side; nothing was changed. Please try again.',
  'common.bad_input': 'That input is not valid: {reason}',

  'cli.settings_invalid': 'Bad setting {variable}: {problem}',
  'cli.file_unreadable': 'Cannot read {file}: {reason}',
  'cli.file_refused': '{file} was refused: {count} bad row(s); nothing was stored.',
  'cli.database_locked':
    'The embedded database in {dir} is in use by another banzhang process (pid {pid}). Stop it first, or run this command against PostgreSQL (DATABASE_URL).',

  'cli.migrations_pending': '{count} migration(s) are pending on PostgreSQL: run banzhang db migrate first.',
  'db.migrate_applied': 'Applied {count} migration(s): {names}',
  'db.migrate_none': 'The database is up to date; no migration was pending.',

  'org.import_result': 'Org import: {created} created, {updated} updated, {deactivated} deactivated, {unchanged} unchanged.',
  'org.import_no_change': 'Nothing changed: the database already matches {file}.',

  'roster.import_result': 'Roster import: {created} created, {updated} updated, {unchanged} unchanged.',

  'policy.valid': 'Policy {source} is valid. Effective policy:',
  'policy.invalid': 'Policy {source} has {count} error(s):',

  'serve.listening': 'banzhang is listening on http://localhost:{port}',
  'serve.channels_off': 'No chat platform is configured (SLACK_* / MICROSOFT_APP_*): only the HTTP endpoints are on.',
} as const;

export type MessageKey = keyof typeof en;
export type Messages = Record<MessageKey, string>;
