import { describe, expect, it } from 'vitest';
import { en } from '../../src/shared/i18n/en.ts';
import { localeFromEnv, segmentLabel, t } from '../../src/shared/i18n/index.ts';
import { zhCN } from '../../src/shared/i18n/zh-cn.ts';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('i18n', () => {
  it('zh-CN and en define the same keys, none empty, with the same placeholders', () => {
    expect(Object.keys(zhCN).sort()).toEqual(Object.keys(en).sort());
    for (const key of Object.keys(en) as Array<keyof typeof en>) {
      expect(en[key].trim(), key).not.toBe('');
      expect(zhCN[key].trim(), key).not.toBe('');
      expect(placeholders(zhCN[key]), key).toEqual(placeholders(en[key]));
    }
  });

  it('fills placeholders and keeps unknown ones visible', () => {
    expect(t('en', 'db.migrate_applied', { count: 2, names: 'a, b' })).toBe('Applied 2 migration(s): a, b');
    expect(t('zh-CN', 'db.migrate_applied', { count: 2, names: 'a, b' })).toBe('已执行 2 个数据库迁移：a, b');
    expect(t('en', 'db.migrate_applied', { count: 2 })).toBe('Applied 2 migration(s): {names}');
  });

  it('the command line speaks English for en* locales and Chinese by default', () => {
    expect(localeFromEnv({ LANG: 'en_US.UTF-8' })).toBe('en');
    expect(localeFromEnv({ LANG: 'zh_CN.UTF-8' })).toBe('zh-CN');
    expect(localeFromEnv({ LANG: 'C.UTF-8' })).toBe('zh-CN');
    expect(localeFromEnv({ LANG: 'en_US.UTF-8', LC_ALL: 'zh_CN.UTF-8' })).toBe('zh-CN');
  });

  it('segments of the presets read as the floor says them; a name a policy invents is kept', () => {
    expect(segmentLabel('zh-CN', 'morning')).toBe('上午班');
    expect(segmentLabel('zh-CN', 'late')).toBe('晚班');
    expect(segmentLabel('en', 'early')).toBe('early shift');
    expect(segmentLabel('zh-CN', 'night')).toBe('night');
    expect(segmentLabel('en', 'toString')).toBe('toString');
  });
});
