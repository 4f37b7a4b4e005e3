/** English messages of the performance area (keys start with "performance."); zh-CN beside it must define the same keys. */
export const performanceEn = {
} as const;
