/** The pure leave rules (policy.md LEAVE-1..LEAVE-8). */
export * from './types.ts';
export * from './routing.ts';
export * from './cost.ts';
export * from './validation.ts';
export * from './return.ts';
