export * from './brief-service.ts';
export * from './handover-service.ts';
export * from './routine-facts.ts';
export * from './routine-view.ts';
export * from './shift-report-service.ts';
