/** 简体中文消息目录（默认语言）。术语以 ../shared/spec/glossary.md 为准。 */
import type { Messages } from './en.ts';

export const zhCN: Messages = {
  'common.not_in_org': '你还不在班长的组织名单中，请联系话务班长添加。/ You are not in the org of banzhang yet. Ask your team leader to add you.',
  'common.internal_error': '系统出错，未做任何更改，请稍后重试。',
  'common.bad_input': '输入无效：{reason}',

  'cli.settings_invalid': '配置项 {variable} 有误：{problem}',
  'cli.file_unreadable': '无法读取 {file}：{reason}',
  'cli.file_refused': '{file} 被拒绝：共 {count} 行有误，未保存任何数据。',
  'cli.database_locked':
    '内置数据库 {dir} 正被另一个班长进程（pid {pid}）使用。请先停止该进程，或通过 DATABASE_URL 对 PostgreSQL 执行此命令。',

  'cli.migrations_pending': 'PostgreSQL 上有 {count} 个待执行的迁移：请先运行 banzhang db migrate。',
  'db.migrate_applied': '已执行 {count} 个数据库迁移：{names}',
  'db.migrate_none': '数据库已是最新，没有待执行的迁移。',

  'org.import_result': '组织导入：新增 {created}，更新 {updated}，停用 {deactivated}，未变 {unchanged}。',
  'org.import_no_change': '无任何更改：数据库已与 {file} 一致。',

  'roster.import_result': '排班导入：新增 {created}，更新 {updated}，未变 {unchanged}。',

  'policy.valid': '规则文件 {source} 有效。生效的规则如下：',
  'policy.invalid': '规则文件 {source} 有 {count} 处错误：',

  'serve.listening': '班长已启动：http://localhost:{port}',
  'serve.channels_off': '未配置聊天平台（SLACK_* / MICROSOFT_APP_*）：仅开放 HTTP 接口。',
};
