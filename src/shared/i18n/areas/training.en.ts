/** English messages of the training area (keys start with "training."); zh-CN beside it must define the same keys. */
export const trainingEn = {
} as const;
