/** training 区域的简体中文消息（键以 "training." 开头），与英文目录键一致。 */
import type { trainingEn } from './training.en.ts';

export const trainingZhCN: Record<keyof typeof trainingEn, string> = {
};
