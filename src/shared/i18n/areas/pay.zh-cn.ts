/** pay 区域的简体中文消息（键以 "pay." 开头），与英文目录键一致。 */
import type { payEn } from './pay.en.ts';

export const payZhCN: Record<keyof typeof payEn, string> = {
};
