/** The sizes of a full run (issue 9) and of the smoke run (CI: test/bench/bench-smoke.test.ts). */
import type { BenchSizes } from './report.ts';

export const FULL: BenchSizes = {
  ack: { staff: 2000, requests: 2000, concurrency: 50, warmup: 200, settleMs: 10_000 },
  monthEnd: { sizes: [10_000, 20_000] },
  fanOut: { channels: 200, days: 3, teamSize: 10, settleMs: 3000 },
};

export const SMOKE: BenchSizes = {
  ack: { staff: 50, requests: 50, concurrency: 10, warmup: 10, settleMs: 500 },
  monthEnd: { sizes: [100, 200] },
  fanOut: { channels: 5, days: 2, teamSize: 4, settleMs: 500 },
};
