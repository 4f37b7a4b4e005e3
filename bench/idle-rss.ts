/**
 * Part 4, idle RSS: `banzhang serve` as it restarts in production — a migrated
 * database, Slack on (its Web API a fake Slack), the scheduler on, no org file
 * to import — left alone `settleMs` after /readyz answers, then its resident
 * memory is read from /proc (VmRSS; VmHWM for the peak so far).
 */
import { startFakeSlack } from '../test/support/fake-slack.ts';
import { startServe, waitForStatus } from '../test/support/process.ts';
import { rssOf } from './ack-latency.ts';
import { freshDatabase } from './lib/databases.ts';

export interface IdleRow {
  kind: 'embedded' | 'postgres';
  rssMb: number;
  peakRssMb: number;
}

export async function idleRss(kind: 'embedded' | 'postgres', settleMs: number): Promise<IdleRow> {
  const fake = await startFakeSlack();
  const db = await freshDatabase(kind);
  try {
    const served = await startServe({
      SLACK_SIGNING_SECRET: 'bench-signing-secret',
      SLACK_BOT_TOKEN: 'xoxb-bench',
      SLACK_API_URL: fake.url,
      ...(db.url ? { DATABASE_URL: db.url } : { BANZHANG_DATA_DIR: db.dataDir! }),
    });
    try {
      await waitForStatus(`${served.url}/readyz`, 200, 120_000);
      await new Promise((r) => setTimeout(r, settleMs));
      return { kind, ...rssOf(served.child.pid!) };
    } finally {
      await served.stop();
    }
  } finally {
    await db.drop();
    await fake.close();
  }
}
