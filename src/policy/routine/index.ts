export * from './brief.ts';
export * from './handover.ts';
