/** The pure lateness rules (policy.md LATE-1..LATE-9). */
export * from './types.ts';
export * from './day.ts';
export * from './month.ts';
export * from './report.ts';
