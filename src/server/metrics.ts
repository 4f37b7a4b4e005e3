/** Prometheus metrics (prom-client), one registry per app instance. */
import { Counter, Gauge, Registry, collectDefaultMetrics } from 'prom-client';

export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'banzhang_' });
  return {
    registry,
    httpRequests: new Counter({
      name: 'banzhang_http_requests_total',
      help: 'HTTP requests by route and status',
      labelNames: ['route', 'status'] as const,
      registers: [registry],
    }),
    acks: new Counter({
      name: 'banzhang_acks_total',
      help: 'Chat requests acknowledged, by platform',
      labelNames: ['platform'] as const,
      registers: [registry],
    }),
    jobRuns: new Counter({
      name: 'banzhang_job_runs_total',
      help: 'Job slots run, by job and outcome',
      labelNames: ['job', 'outcome'] as const,
      registers: [registry],
    }),
    queueDepth: new Gauge({
      name: 'banzhang_outbox_queue_depth',
      help: 'Outbound messages waiting to be sent',
      registers: [registry],
    }),
    sendFailures: new Counter({
      name: 'banzhang_send_failures_total',
      help: 'Failed attempts to send an outbound message, by platform',
      labelNames: ['platform'] as const,
      registers: [registry],
    }),
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
