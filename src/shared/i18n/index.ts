/**
 * i18n: every user-facing string comes from a catalog, zh-CN (default) or en.
 */
import { en, type MessageKey } from './en.ts';
import { zhCN } from './zh-cn.ts';

export type { MessageKey };
export type Locale = 'zh-CN' | 'en';
export const LOCALES: readonly Locale[] = ['zh-CN', 'en'];
export const DEFAULT_LOCALE: Locale = 'zh-CN';

const catalogs: Record<Locale, Record<MessageKey, string>> = { 'zh-CN': zhCN, en };

export type MessageParams = Record<string, string | number>;

export function t(locale: Locale, key: MessageKey, params: MessageParams = {}): string {
  const template = catalogs[locale][key];
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.hasOwn(params, name) ? String(params[name]) : whole,
  );
}

export function isLocale(value: unknown): value is Locale {
  return value === 'zh-CN' || value === 'en';
}

/**
 * The locale of a command-line user, from LC_ALL / LC_MESSAGES / LANG:
 * `en*` gives English, anything else (zh*, C, unset) the default zh-CN.
 */
export function localeFromEnv(env: NodeJS.ProcessEnv = process.env): Locale {
  const raw = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  return raw.toLowerCase().startsWith('en') ? 'en' : DEFAULT_LOCALE;
}

/**
 * A segment's name as the floor says it: the built-in presets' names
 * (morning, afternoon, early, late) have catalog entries; a name a policy
 * invents is shown as written.
 */
export function segmentLabel(locale: Locale, name: string): string {
  const key = `segment.${name}`;
  return Object.hasOwn(catalogs[locale], key) ? catalogs[locale][key as MessageKey] : name;
}
