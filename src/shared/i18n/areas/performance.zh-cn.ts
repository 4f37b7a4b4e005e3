/** performance 区域的简体中文消息（键以 "performance." 开头），与英文目录键一致。 */
import type { performanceEn } from './performance.en.ts';

export const performanceZhCN: Record<keyof typeof performanceEn, string> = {
};
