/** The pure performance rules (policy.md PERF-2..PERF-8, TRAIN-1 absences). */
export * from './types.ts';
export * from './volume.ts';
export * from './exam.ts';
export * from './complaint.ts';
export * from './score.ts';
export * from './month.ts';
export * from './summary.ts';
export * from './ranking-time.ts';
