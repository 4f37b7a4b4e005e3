export * from './statement.ts';
export * from './top.ts';
