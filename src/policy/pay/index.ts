export * from './statement.ts';
export * from './top.ts';
export * from './schedule.ts';
