/**
 * A fake Slack Web API: a real HTTP server on 127.0.0.1 that answers
 * `POST /api/<method>` as Slack does (design.md habit 10: platform APIs are
 * faked with a real local HTTP server, never mocked). Point a WebClient's
 * `slackApiUrl` (or `SLACK_API_URL`) at `url`.
 *
 * It checks the bearer token is present, records every call (also those it
 * failed on purpose), keeps the messages it "posted" so that `chat.update`
 * of an unknown ts answers `message_not_found`, and can fail calls on demand
 * or enforce Slack's ~1 message per second per channel.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type FakeSlackFailure =
  /** HTTP 429 with a Retry-After header (seconds). */
  | { status: 429; retryAfter: number }
  /** Any other HTTP status (500, 502, 503 …), body `{ok:false}`. */
  | { status: number }
  /** HTTP 200 with `{ ok: false, error }` (channel_not_found, invalid_blocks …). */
  | { error: string };

export interface FakeSlackCall {
  method: string;
  /** The decoded body; JSON-valued form fields (blocks, view, attachments …) are parsed back into objects. */
  body: Record<string, unknown>;
  /** Date.now() when the request arrived. */
  at: number;
  /** The bearer token (or `token` form field) the call carried, if any. */
  token: string | undefined;
  /** HTTP status answered. */
  status: number;
  /** `ok` of the JSON answered. */
  ok: boolean;
  /** The `error` answered when not ok. */
  error?: string;
  /** The JSON answered (e.g. `response.ts` of a chat.postMessage). */
  response: Record<string, unknown>;
}

export interface FakeSlack {
  /** `http://127.0.0.1:PORT/api/` */
  readonly url: string;
  /** The next `times` calls of `method` fail as described. */
  failNext(method: string, failure: FakeSlackFailure, times?: number): void;
  /** Answer 429 (Retry-After: 1) to a chat.postMessage when its channel already got `perChannelPerSecond` messages in the last second. */
  enforceRateLimit(perChannelPerSecond?: number): void;
  /** Recorded calls, in arrival order, of one method or all. */
  calls(method?: string): FakeSlackCall[];
  /** Resolves with the calls of `method` once there are `count` of them (only successful ones with okOnly). */
  waitFor(method: string, count: number, timeoutMs?: number, options?: { okOnly?: boolean; where?: (call: FakeSlackCall) => boolean }): Promise<FakeSlackCall[]>;
  /** Files shared (completeUploadExternal done), in order. */
  uploads(): FakeSlackUpload[];
  /** `url` + `response/<id>`: a slash command's response_url whose posts are kept under `id` (`responses(id)`). */
  responseUrl(id: string): string;
  /** What was posted to response URLs (JSON bodies), in arrival order, of one id or all. */
  responses(id?: string): Array<{ id: string; body: Record<string, unknown>; at: number }>;
  /** The first body posted to the response URL `id`, once it arrives; undefined after `timeoutMs`. */
  waitForResponse(id: string, timeoutMs?: number): Promise<Record<string, unknown> | undefined>;
  /** Forgets calls, planned failures, rate limiting and posted messages (ts keep increasing). */
  reset(): void;
  close(): Promise<void>;
}

/** A file shared through files.getUploadURLExternal, the upload, and files.completeUploadExternal. */
export interface FakeSlackUpload {
  fileId: string;
  filename: string;
  title: string | undefined;
  channelId: string | undefined;
  initialComment: string | undefined;
  /** The bytes uploaded. */
  bytes: Buffer;
}

export const FAKE_SLACK_IDS = { teamId: 'T0FAKE', botUserId: 'U0BOT', botId: 'B0BOT', appId: 'A0FAKE' } as const;

/** Form fields Slack reads as JSON (WebClient sends objects and arrays JSON-encoded in form bodies). */
const JSON_FIELDS = new Set(['blocks', 'attachments', 'view', 'metadata', 'options', 'option_groups', 'unfurls', 'user_auth_blocks', 'files']);

interface Answer {
  status: number;
  body: Record<string, unknown>;
  headers?: Record<string, string>;
}

export async function startFakeSlack(): Promise<FakeSlack> {
  let calls: FakeSlackCall[] = [];
  let uploads: FakeSlackUpload[] = [];
  /** file id → what getUploadURLExternal was told, and the bytes once uploaded. */
  let pendingUploads = new Map<string, { filename: string; length: number; bytes?: Buffer }>();
  let responses: Array<{ id: string; body: Record<string, unknown>; at: number }> = [];
  let failures = new Map<string, Array<FakeSlackFailure>>();
  let rateLimit: number | undefined;
  let postsByChannel = new Map<string, number[]>();
  /** channel → ts → message, for chat.update. */
  let messages = new Map<string, Map<string, Record<string, unknown>>>();
  const startSeconds = Math.floor(Date.now() / 1000);
  let seq = 0;
  const waiters = new Set<() => void>();

  const nextTs = () => `${startSeconds + ++seq}.000100`;
  const nextId = (prefix: string) => `${prefix}${String(++seq).padStart(8, '0')}`;

  function ok(body: Record<string, unknown>): Answer {
    return { status: 200, body: { ok: true, ...body } };
  }
  function slackError(error: string, extra: Record<string, unknown> = {}): Answer {
    return { status: 200, body: { ok: false, error, ...extra } };
  }

  /** A user id (U…/W…) as a chat.postMessage channel means "the DM with that user". */
  function channelOf(target: string): string {
    return /^[UW][A-Z0-9]+$/.test(target) ? `D${target}` : target;
  }

  function answer(method: string, body: Record<string, unknown>, at: number): Answer {
    const str = (key: string) => (typeof body[key] === 'string' ? (body[key] as string) : undefined);
    switch (method) {
      case 'api.test':
        return ok({ args: body });
      case 'auth.test':
        return ok({
          url: 'https://fake.slack.com/',
          team: 'Fake',
          user: 'banzhang',
          team_id: FAKE_SLACK_IDS.teamId,
          user_id: FAKE_SLACK_IDS.botUserId,
          bot_id: FAKE_SLACK_IDS.botId,
          is_enterprise_install: false,
        });
      case 'chat.postMessage': {
        const target = str('channel');
        if (!target) return slackError('channel_not_found');
        if (!str('text') && !Array.isArray(body.blocks) && !Array.isArray(body.attachments)) return slackError('no_text');
        if (rateLimit !== undefined) {
          const recent = (postsByChannel.get(target) ?? []).filter((t) => t > at - 1000);
          if (recent.length >= rateLimit) {
            postsByChannel.set(target, recent);
            return { status: 429, body: { ok: false, error: 'ratelimited' }, headers: { 'retry-after': '1' } };
          }
          recent.push(at);
          postsByChannel.set(target, recent);
        }
        const channel = channelOf(target);
        const ts = nextTs();
        const message = {
          type: 'message',
          text: str('text') ?? '',
          blocks: body.blocks,
          user: FAKE_SLACK_IDS.botUserId,
          bot_id: FAKE_SLACK_IDS.botId,
          app_id: FAKE_SLACK_IDS.appId,
          team: FAKE_SLACK_IDS.teamId,
          ts,
        };
        if (!messages.has(channel)) messages.set(channel, new Map());
        messages.get(channel)!.set(ts, message);
        return ok({ channel, ts, message });
      }
      case 'chat.update': {
        const channel = str('channel');
        const ts = str('ts');
        if (!channel) return slackError('channel_not_found');
        if (!ts) return slackError('message_not_found');
        const stored = messages.get(channel)?.get(ts);
        if (!stored) return slackError('message_not_found');
        const updated = { ...stored, text: str('text') ?? stored.text, blocks: body.blocks ?? stored.blocks, edited: { user: FAKE_SLACK_IDS.botUserId, ts: nextTs() } };
        messages.get(channel)!.set(ts, updated);
        return ok({ channel, ts, text: updated.text, message: updated });
      }
      case 'chat.postEphemeral': {
        if (!str('channel')) return slackError('channel_not_found');
        if (!str('user')) return slackError('user_not_in_channel');
        if (!str('text') && !Array.isArray(body.blocks)) return slackError('no_text');
        return ok({ message_ts: nextTs() });
      }
      case 'conversations.open': {
        const users = str('users');
        if (!users) return slackError('users_list_not_supplied');
        const list = users.split(',').map((u) => u.trim()).filter(Boolean);
        const id = list.length === 1 ? `D${list[0]}` : `G${list.join('')}`;
        return ok({ channel: { id, is_im: list.length === 1, created: Math.floor(at / 1000) } });
      }
      case 'views.open':
      case 'views.push': {
        if (!str('trigger_id') && !str('interactivity_pointer')) return slackError('invalid_arguments', { response_metadata: { messages: ['[ERROR] missing required field: trigger_id'] } });
        return viewAnswer(body.view, nextId('V'));
      }
      case 'views.update': {
        const id = str('view_id') ?? (str('external_id') ? nextId('V') : undefined);
        if (!id) return slackError('invalid_arguments', { response_metadata: { messages: ['[ERROR] missing required field: view_id'] } });
        return viewAnswer(body.view, id);
      }
      case 'users.info': {
        const user = str('user');
        if (!user) return slackError('user_not_found');
        return ok({
          user: {
            id: user,
            team_id: FAKE_SLACK_IDS.teamId,
            name: user.toLowerCase(),
            real_name: `User ${user}`,
            tz: 'Asia/Shanghai',
            locale: 'zh-CN',
            is_bot: false,
            deleted: false,
            profile: { display_name: user.toLowerCase(), real_name: `User ${user}` },
          },
        });
      }
      case 'files.info': {
        const file = str('file');
        if (!file) return slackError('file_not_found');
        return ok({
          file: {
            id: file,
            name: `${file}.png`,
            title: `${file}.png`,
            mimetype: 'image/png',
            filetype: 'png',
            size: 1024,
            user: 'U0000',
            created: Math.floor(at / 1000),
            url_private: `https://files.fake.slack.com/${file}.png`,
          },
        });
      }
      case 'files.getUploadURLExternal': {
        const filename = str('filename');
        const length = Number(body.length);
        if (!filename) return slackError('invalid_arguments', { response_metadata: { messages: ['[ERROR] missing required field: filename'] } });
        if (!Number.isInteger(length) || length <= 0) return slackError('invalid_arguments', { response_metadata: { messages: ['[ERROR] missing required field: length'] } });
        const fileId = nextId('F');
        pendingUploads.set(fileId, { filename, length });
        return ok({ upload_url: `http://127.0.0.1:${port}/upload/${fileId}`, file_id: fileId });
      }
      case 'files.completeUploadExternal': {
        const files = Array.isArray(body.files) ? (body.files as Array<{ id?: unknown; title?: unknown }>) : undefined;
        if (!files || files.length === 0) return slackError('invalid_arguments', { response_metadata: { messages: ['[ERROR] missing required field: files'] } });
        for (const f of files) {
          const pending = typeof f.id === 'string' ? pendingUploads.get(f.id) : undefined;
          if (!pending) return slackError('file_not_found');
          if (!pending.bytes || pending.bytes.length !== pending.length) return slackError('file_upload_size_mismatch');
        }
        const shared = files.map((f) => {
          const pending = pendingUploads.get(f.id as string)!;
          pendingUploads.delete(f.id as string);
          const upload: FakeSlackUpload = { fileId: f.id as string, filename: pending.filename, title: typeof f.title === 'string' ? f.title : undefined, channelId: str('channel_id'), initialComment: str('initial_comment'), bytes: pending.bytes! };
          uploads.push(upload);
          return { id: upload.fileId, title: upload.title ?? upload.filename };
        });
        return ok({ files: shared });
      }
      case 'views.publish': {
        if (!str('user_id')) return slackError('invalid_arguments', { response_metadata: { messages: ['[ERROR] missing required field: user_id'] } });
        if (typeof body.view !== 'object' || body.view === null || (body.view as { type?: unknown }).type !== 'home') return slackError('invalid_arguments', { response_metadata: { messages: ['[ERROR] a published view must be of type home'] } });
        return viewAnswer(body.view, nextId('V'));
      }
      default:
        return slackError('unknown_method');
    }
  }

  function viewAnswer(view: unknown, id: string): Answer {
    if (typeof view !== 'object' || view === null) return slackError('invalid_arguments', { response_metadata: { messages: ['[ERROR] missing required field: view'] } });
    const v = view as Record<string, unknown>;
    return ok({
      view: {
        id,
        team_id: FAKE_SLACK_IDS.teamId,
        app_id: FAKE_SLACK_IDS.appId,
        bot_id: FAKE_SLACK_IDS.botId,
        type: v.type ?? 'modal',
        title: v.title,
        submit: v.submit,
        close: v.close,
        blocks: v.blocks ?? [],
        callback_id: v.callback_id ?? '',
        private_metadata: v.private_metadata ?? '',
        external_id: v.external_id ?? '',
        state: { values: {} },
        hash: `${Date.now()}.${id}`,
        root_view_id: id,
        previous_view_id: null,
      },
    });
  }

  async function readBody(req: IncomingMessage): Promise<string> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  }

  function decode(raw: string, contentType: string): Record<string, unknown> | undefined {
    if (raw === '') return {};
    if (contentType.includes('application/json')) {
      try {
        const parsed: unknown = JSON.parse(raw);
        return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : undefined;
      } catch {
        return undefined;
      }
    }
    const body: Record<string, unknown> = {};
    for (const [key, value] of new URLSearchParams(raw)) {
      if (JSON_FIELDS.has(key)) {
        try {
          body[key] = JSON.parse(value);
          continue;
        } catch {
          // Slack would answer invalid_blocks & co.; keep the raw string for the test to see.
        }
      }
      body[key] = value;
    }
    return body;
  }

  function send(res: ServerResponse, a: Answer): void {
    res.writeHead(a.status, { 'content-type': 'application/json; charset=utf-8', ...a.headers });
    res.end(JSON.stringify(a.body));
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const at = Date.now();
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const response = /^\/api\/response\/([^/]+)$/.exec(url.pathname);
    if (response && req.method === 'POST') {
      // A response_url: Slack answers "ok" as text, whatever the token.
      const body = decode(await readBody(req), 'application/json') ?? {};
      responses.push({ id: decodeURIComponent(response[1]!), body, at });
      for (const w of waiters) w();
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end('ok');
      return;
    }
    const upload = /^\/upload\/(F\d+)$/.exec(url.pathname);
    if (upload && req.method === 'POST') {
      // The upload URL of files.getUploadURLExternal: the raw bytes (or one multipart part), no token.
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const pending = pendingUploads.get(upload[1]!);
      if (pending) pending.bytes = Buffer.concat(chunks);
      res.writeHead(pending ? 200 : 404, { 'content-type': 'text/plain' });
      res.end(pending ? `OK - ${pending.bytes!.length}` : 'not found');
      return;
    }
    const match = /^\/api\/([A-Za-z0-9_.]+)$/.exec(url.pathname);
    if (!match || req.method !== 'POST') {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
      return;
    }
    const method = match[1]!;
    const raw = await readBody(req);
    const body = decode(raw, String(req.headers['content-type'] ?? ''));
    const auth = String(req.headers.authorization ?? '');
    const bearer = /^Bearer (\S+)$/.exec(auth)?.[1];
    const token = bearer ?? (typeof body?.token === 'string' ? body.token : undefined);

    let a: Answer;
    if (body === undefined) a = slackError('invalid_json');
    else if (!token) a = slackError('not_authed');
    else {
      const planned = failures.get(method);
      const failure = planned?.shift();
      if (planned && planned.length === 0) failures.delete(method);
      if (failure && 'error' in failure) a = slackError(failure.error);
      else if (failure && failure.status === 429) {
        const retryAfter = 'retryAfter' in failure ? failure.retryAfter : 1;
        a = { status: 429, body: { ok: false, error: 'ratelimited' }, headers: { 'retry-after': String(retryAfter) } };
      } else if (failure) a = { status: failure.status, body: { ok: false, error: `http_${failure.status}` } };
      else a = answer(method, body, at);
    }
    const call: FakeSlackCall = { method, body: body ?? { raw }, at, token, status: a.status, ok: a.body.ok === true, response: a.body };
    if (a.body.ok !== true && typeof a.body.error === 'string') call.error = a.body.error;
    calls.push(call);
    for (const w of waiters) w();
    send(res, a);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(String(error));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  const select = (method?: string) => (method === undefined ? [...calls] : calls.filter((c) => c.method === method));

  return {
    url: `http://127.0.0.1:${port}/api/`,
    failNext(method, failure, times = 1) {
      const list = failures.get(method) ?? [];
      for (let i = 0; i < times; i++) list.push(failure);
      failures.set(method, list);
    },
    enforceRateLimit(perChannelPerSecond = 1) {
      rateLimit = perChannelPerSecond;
    },
    calls: select,
    uploads: () => [...uploads],
    responseUrl: (id) => `http://127.0.0.1:${port}/api/response/${encodeURIComponent(id)}`,
    responses: (id) => (id === undefined ? [...responses] : responses.filter((r) => r.id === id)),
    waitFor(method, count, timeoutMs = 5000, options = {}) {
      const matching = () => select(method).filter((c) => (!options.okOnly || c.ok) && (!options.where || options.where(c)));
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = matching();
          if (found.length >= count) {
            clearTimeout(timer);
            waiters.delete(check);
            resolve(found);
          }
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`fake Slack: ${count} call(s) of ${method} expected within ${timeoutMs} ms, got ${matching().length}`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    waitForResponse(id, timeoutMs = 10_000) {
      return new Promise((resolve) => {
        const check = () => {
          const first = responses.find((r) => r.id === id);
          if (!first) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve(first.body);
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          resolve(undefined);
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    reset() {
      calls = [];
      uploads = [];
      pendingUploads = new Map();
      responses = [];
      failures = new Map();
      rateLimit = undefined;
      postsByChannel = new Map();
      messages = new Map();
    },
    close() {
      return new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      });
    },
  };
}
