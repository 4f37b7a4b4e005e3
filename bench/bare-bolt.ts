/**
 * The baseline of the ack bench: a bare @slack/bolt HTTP app, as a Slack app
 * author would write it with nothing else — HTTPReceiver, the same signing
 * secret, a /clock listener that only acks. Started as its own process by
 * bench/ack-latency.ts, like `banzhang serve`. Prints {"port":N} once listening.
 */
import { App, HTTPReceiver, LogLevel } from '@slack/bolt';
import type { AddressInfo } from 'node:net';

const signingSecret = process.env.SLACK_SIGNING_SECRET;
if (!signingSecret) throw new Error('SLACK_SIGNING_SECRET is required');

const receiver = new HTTPReceiver({ signingSecret, endpoints: '/slack/events', processBeforeResponse: false, logLevel: LogLevel.ERROR });
const app = new App({
  token: process.env.SLACK_BOT_TOKEN ?? 'xoxb-bench',
  receiver,
  tokenVerificationEnabled: false,
  logLevel: LogLevel.ERROR,
  ...(process.env.SLACK_API_URL ? { clientOptions: { slackApiUrl: process.env.SLACK_API_URL } } : {}),
});
app.command('/clock', async ({ ack }) => {
  await ack();
});

const server = await receiver.start(0);
process.stdout.write(`${JSON.stringify({ port: (server.address() as AddressInfo).port })}\n`);
process.on('SIGTERM', () => {
  void receiver.stop().then(() => process.exit(0));
});
