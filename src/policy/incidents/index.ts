/** The pure incident rules (policy.md INC-1..INC-4) and their links to attendance. */
export * from './types.ts';
export * from './rules.ts';
export * from './attendance.ts';
