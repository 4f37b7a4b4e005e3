/** meetings 区域的简体中文消息（键以 "meetings." 开头），与英文目录键一致。 */
import type { meetingsEn } from './meetings.en.ts';

export const meetingsZhCN: Record<keyof typeof meetingsEn, string> = {
};
