/** English messages of the pay area (keys start with "pay."); zh-CN beside it must define the same keys. */
export const payEn = {
} as const;
