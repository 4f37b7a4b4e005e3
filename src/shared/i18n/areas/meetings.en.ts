/** English messages of the meetings area (keys start with "meetings."); zh-CN beside it must define the same keys. */
export const meetingsEn = {
} as const;
