/**
 * The playground's local "Slack workspace": a real HTTP server on 127.0.0.1
 * that answers the subset of the Slack Web API banzhang calls
 * (`POST /api/<method>`), the `response_url`s it hands out, and file uploads,
 * and keeps channels, DMs, messages, ephemeral answers, open modals and App
 * Home views in memory. The dedicated banzhang instance of the playground has
 * its SLACK_API_URL pointed here, so the page shows the very Block Kit JSON
 * the bot sent. Every change is announced to `onChange` listeners (the page's
 * server-sent events).
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readBody } from '../../server/http-server.ts';

export const PLAYGROUND_IDS = { teamId: 'TPLAYGROUND', botUserId: 'UBANZHANG', botId: 'BBANZHANG', appId: 'APLAYGROUND' } as const;

export type Block = Record<string, unknown>;

export interface PlaygroundMessage {
  ts: string;
  channel: string;
  text: string;
  blocks?: Block[];
  /** Set by chat.update. */
  edited?: boolean;
  /** files.completeUploadExternal: the uploaded files shown with the message. */
  files?: Array<{ id: string; title: string; url: string; mimetype: string }>;
}

export interface EphemeralMessage {
  ts: string;
  channel: string;
  user: string;
  text: string;
  blocks?: Block[];
}

/** A modal as views.open/push/update left it (and what a submission answered). */
export interface PlaygroundView {
  id: string;
  type: string;
  callback_id: string;
  title?: unknown;
  submit?: unknown;
  close?: unknown;
  blocks: Block[];
  private_metadata: string;
  external_id: string;
  hash: string;
  /** block id → error text, from a view_submission answered with response_action: errors. */
  errors: Record<string, string>;
}

export interface WorkspaceCall {
  method: string;
  ok: boolean;
  error?: string;
}

export interface Conversation {
  id: string;
  kind: 'channel' | 'dm';
  name: string;
  /** A DM's person (Slack user id). */
  user?: string;
}

export interface Workspace {
  /** `http://127.0.0.1:PORT/api/` (SLACK_API_URL of the demo instance). */
  readonly apiUrl: string;
  /** The bot token the API accepts (random per workspace). */
  readonly token: string;
  /** Names a public channel (team channels, incidents, training, rankings). */
  addChannel(id: string, name: string): void;
  /** A DM's id for a user (conversations.open answers the same). */
  dmOf(user: string): string;
  conversations(): Conversation[];
  messages(channel: string): PlaygroundMessage[];
  ephemerals(user: string): EphemeralMessage[];
  /** The user's open modal stack, top last. */
  modals(user: string): PlaygroundView[];
  home(user: string): PlaygroundView | undefined;
  /** A fresh trigger id that views.open/push accept for `user` (as Slack's interactions carry). */
  trigger(user: string): string;
  /** A fresh response_url for an interaction of `user` in `channel`. */
  responseUrl(user: string, channel: string): string;
  addEphemeral(user: string, channel: string, content: { text?: string; blocks?: Block[] }): void;
  /** What a view_submission answer does to the user's modal stack. */
  applySubmissionAnswer(user: string, viewId: string, answer: Record<string, unknown> | null): void;
  closeView(user: string, viewId: string): void;
  /** An uploaded file's bytes (files.getUploadURLExternal → POST → files.completeUploadExternal). */
  file(id: string): { bytes: Buffer; mimetype: string; title: string } | undefined;
  /** Web API calls in arrival order (method, ok, error). */
  calls(): WorkspaceCall[];
  onChange(listener: () => void): () => void;
  close(): Promise<void>;
}

/** Form fields Slack reads as JSON (the WebClient sends objects JSON-encoded in form bodies). */
const JSON_FIELDS = new Set(['blocks', 'attachments', 'view', 'metadata', 'files']);
const MAX_EPHEMERALS = 30;
const MAX_MESSAGES = 200;

type Answer = Record<string, unknown>;

export async function startWorkspace(options: { host?: string } = {}): Promise<Workspace> {
  const token = `xoxb-playground-${randomBytes(12).toString('hex')}`;
  const conversations = new Map<string, Conversation>();
  const messages = new Map<string, PlaygroundMessage[]>();
  const ephemerals = new Map<string, EphemeralMessage[]>();
  const modals = new Map<string, PlaygroundView[]>();
  const homes = new Map<string, PlaygroundView>();
  const triggers = new Map<string, string>();
  const responseUrls = new Map<string, { user: string; channel: string }>();
  const uploads = new Map<string, { bytes?: Buffer; title: string; mimetype: string }>();
  const calls: WorkspaceCall[] = [];
  const listeners = new Set<() => void>();
  const startSeconds = Math.floor(Date.now() / 1000);
  let seq = 0;
  let baseUrl = '';

  const nextTs = () => `${startSeconds + ++seq}.${String(seq).padStart(6, '0')}`;
  const nextId = (prefix: string) => `${prefix}${String(++seq).padStart(8, '0')}`;
  const changed = () => {
    for (const listener of listeners) listener();
  };
  const dmOf = (user: string) => `D${user}`;
  const ok = (body: Answer): Answer => ({ ok: true, ...body });
  const fail = (error: string): Answer => ({ ok: false, error });
  const capped = <T>(list: T[], max: number) => (list.length > max ? list.slice(list.length - max) : list);

  /** A user id as a channel means the DM with that user, as on Slack. */
  function conversationOf(target: string): string | undefined {
    if (/^[UW][A-Z0-9]+$/.test(target)) target = dmOf(target);
    if (conversations.has(target)) return target;
    if (target.startsWith('D')) {
      conversations.set(target, { id: target, kind: 'dm', name: target.slice(1), user: target.slice(1) });
      return target;
    }
    return undefined;
  }

  function post(channel: string, content: { text: string; blocks?: Block[]; files?: PlaygroundMessage['files'] }): PlaygroundMessage {
    const message: PlaygroundMessage = { ts: nextTs(), channel, text: content.text, ...(content.blocks ? { blocks: content.blocks } : {}), ...(content.files ? { files: content.files } : {}) };
    messages.set(channel, capped([...(messages.get(channel) ?? []), message], MAX_MESSAGES));
    return message;
  }

  function addEphemeral(user: string, channel: string, content: { text?: string; blocks?: Block[] }): void {
    const entry: EphemeralMessage = { ts: nextTs(), channel, user, text: content.text ?? '', ...(content.blocks ? { blocks: content.blocks } : {}) };
    ephemerals.set(user, capped([...(ephemerals.get(user) ?? []), entry], MAX_EPHEMERALS));
  }

  function toView(raw: unknown, id: string): PlaygroundView | undefined {
    if (typeof raw !== 'object' || raw === null) return undefined;
    const v = raw as Record<string, unknown>;
    return {
      id,
      type: typeof v.type === 'string' ? v.type : 'modal',
      callback_id: typeof v.callback_id === 'string' ? v.callback_id : '',
      title: v.title,
      submit: v.submit,
      close: v.close,
      blocks: Array.isArray(v.blocks) ? (v.blocks as Block[]) : [],
      private_metadata: typeof v.private_metadata === 'string' ? v.private_metadata : '',
      external_id: typeof v.external_id === 'string' ? v.external_id : '',
      hash: `${Date.now()}.${id}`,
      errors: {},
    };
  }

  /** The Slack view object answered by views.* (and sent back in interactions). */
  function viewAnswer(view: PlaygroundView): Answer {
    const { errors: _errors, ...rest } = view;
    return ok({ view: { ...rest, team_id: PLAYGROUND_IDS.teamId, app_id: PLAYGROUND_IDS.appId, bot_id: PLAYGROUND_IDS.botId, state: { values: {} }, root_view_id: view.id } });
  }

  function findView(id: string): { user: string; stack: PlaygroundView[]; index: number } | undefined {
    for (const [user, stack] of modals) {
      const index = stack.findIndex((v) => v.id === id || (v.external_id !== '' && v.external_id === id));
      if (index >= 0) return { user, stack, index };
    }
    return undefined;
  }

  function answer(method: string, body: Record<string, unknown>): Answer {
    const str = (key: string) => (typeof body[key] === 'string' && body[key] !== '' ? (body[key] as string) : undefined);
    const blocks = Array.isArray(body.blocks) ? (body.blocks as Block[]) : undefined;
    switch (method) {
      case 'auth.test':
        return ok({ team: 'Playground', user: 'banzhang', team_id: PLAYGROUND_IDS.teamId, user_id: PLAYGROUND_IDS.botUserId, bot_id: PLAYGROUND_IDS.botId });
      case 'conversations.open': {
        const users = (str('users') ?? '').split(',').map((u) => u.trim()).filter(Boolean);
        if (users.length !== 1) return fail('users_list_not_supplied');
        return ok({ channel: { id: conversationOf(users[0]!), is_im: true } });
      }
      case 'chat.postMessage': {
        const channel = conversationOf(str('channel') ?? '');
        if (!channel) return fail('channel_not_found');
        if (!str('text') && !blocks) return fail('no_text');
        const message = post(channel, { text: str('text') ?? '', ...(blocks ? { blocks } : {}) });
        return ok({ channel, ts: message.ts, message });
      }
      case 'chat.update': {
        const channel = conversationOf(str('channel') ?? '');
        const stored = channel ? messages.get(channel)?.find((m) => m.ts === str('ts')) : undefined;
        if (!stored) return fail(channel ? 'message_not_found' : 'channel_not_found');
        stored.text = str('text') ?? stored.text;
        if (blocks) stored.blocks = blocks;
        stored.edited = true;
        return ok({ channel, ts: stored.ts, text: stored.text });
      }
      case 'chat.postEphemeral': {
        const channel = conversationOf(str('channel') ?? '');
        const user = str('user');
        if (!channel) return fail('channel_not_found');
        if (!user) return fail('user_not_in_channel');
        if (!str('text') && !blocks) return fail('no_text');
        addEphemeral(user, channel, { text: str('text') ?? '', ...(blocks ? { blocks } : {}) });
        return ok({ message_ts: nextTs() });
      }
      case 'views.open':
      case 'views.push': {
        const user = triggers.get(str('trigger_id') ?? str('interactivity_pointer') ?? '');
        if (!user) return fail('invalid_trigger_id');
        const view = toView(body.view, nextId('V'));
        if (!view) return fail('invalid_arguments');
        modals.set(user, method === 'views.open' ? [view] : [...(modals.get(user) ?? []), view]);
        return viewAnswer(view);
      }
      case 'views.update': {
        const found = findView(str('view_id') ?? str('external_id') ?? '');
        if (!found) return fail('not_found');
        const view = toView(body.view, found.stack[found.index]!.id);
        if (!view) return fail('invalid_arguments');
        found.stack[found.index] = view;
        return viewAnswer(view);
      }
      case 'views.publish': {
        const user = str('user_id');
        const view = toView(body.view, homes.get(user ?? '')?.id ?? nextId('V'));
        if (!user || !view) return fail('invalid_arguments');
        homes.set(user, view);
        return viewAnswer(view);
      }
      case 'files.getUploadURLExternal': {
        const id = nextId('F');
        uploads.set(id, { title: str('filename') ?? id, mimetype: /\.png$/i.test(str('filename') ?? '') ? 'image/png' : 'application/octet-stream' });
        return ok({ file_id: id, upload_url: `${baseUrl}/upload/${id}` });
      }
      case 'files.completeUploadExternal': {
        const list = Array.isArray(body.files) ? (body.files as Array<{ id?: string; title?: string }>) : [];
        const files = list.flatMap((f) => {
          const stored = f.id ? uploads.get(f.id) : undefined;
          if (!stored?.bytes) return [];
          if (f.title) stored.title = f.title;
          return [{ id: f.id!, title: stored.title, url: `/playground/files?id=${f.id}`, mimetype: stored.mimetype }];
        });
        if (files.length === 0) return fail('file_not_found');
        const channel = str('channel_id') ? conversationOf(str('channel_id')!) : undefined;
        if (channel) post(channel, { text: str('initial_comment') ?? '', files });
        return ok({ files: files.map((f) => ({ id: f.id, title: f.title })) });
      }
      default:
        return fail('unknown_method');
    }
  }

  function decode(raw: string, contentType: string): Record<string, unknown> | undefined {
    if (raw === '') return {};
    try {
      if (contentType.includes('application/json')) {
        const parsed: unknown = JSON.parse(raw);
        return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : undefined;
      }
      const body: Record<string, unknown> = {};
      for (const [key, value] of new URLSearchParams(raw)) body[key] = JSON_FIELDS.has(key) ? JSON.parse(value) : value;
      return body;
    } catch {
      return undefined;
    }
  }

  /** A POST to a response_url: an ephemeral answer (or, with replace_original, an update of the message clicked). */
  function respond(target: { user: string; channel: string }, body: Record<string, unknown>): void {
    const blocks = Array.isArray(body.blocks) ? (body.blocks as Block[]) : undefined;
    const text = typeof body.text === 'string' ? body.text : '';
    if (body.response_type === 'in_channel') post(target.channel, { text, ...(blocks ? { blocks } : {}) });
    else addEphemeral(target.user, target.channel, { text, ...(blocks ? { blocks } : {}) });
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    const send = (status: number, body: Answer) => {
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify(body));
    };
    if (req.method !== 'POST') return send(405, fail('method_not_allowed'));
    const raw = await readBody(req);
    const upload = /^\/upload\/(F\d+)$/.exec(path);
    if (upload) {
      const stored = uploads.get(upload[1]!);
      if (!stored) return send(404, fail('file_not_found'));
      stored.bytes = raw;
      return send(200, ok({}));
    }
    const response = /^\/response\/([a-f0-9]+)$/.exec(path);
    if (response) {
      const target = responseUrls.get(response[1]!);
      const body = decode(raw.toString('utf8'), 'application/json');
      if (!target || !body) return send(404, fail('invalid_response_url'));
      respond(target, body);
      changed();
      return send(200, ok({}));
    }
    const api = /^\/api\/([A-Za-z0-9_.]+)$/.exec(path);
    if (!api) return send(404, fail('not_found'));
    const method = api[1]!;
    const body = decode(raw.toString('utf8'), String(req.headers['content-type'] ?? ''));
    const bearer = /^Bearer (\S+)$/.exec(String(req.headers.authorization ?? ''))?.[1] ?? (typeof body?.token === 'string' ? body.token : undefined);
    const result = body === undefined ? fail('invalid_form_data') : bearer !== token ? fail('invalid_auth') : answer(method, body);
    calls.push({ method, ok: result.ok === true, ...(typeof result.error === 'string' ? { error: result.error } : {}) });
    if (calls.length > 1000) calls.splice(0, calls.length - 1000);
    send(200, result);
    if (result.ok === true) changed();
  }

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify(fail('internal_error')));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, options.host ?? '127.0.0.1', () => resolve());
  });
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    apiUrl: `${baseUrl}/api/`,
    token,
    addChannel(id, name) {
      conversations.set(id, { id, kind: 'channel', name });
    },
    dmOf: (user) => conversationOf(user)!,
    conversations: () => [...conversations.values()],
    messages: (channel) => [...(messages.get(channel) ?? [])],
    ephemerals: (user) => [...(ephemerals.get(user) ?? [])],
    modals: (user) => [...(modals.get(user) ?? [])],
    home: (user) => homes.get(user),
    trigger(user) {
      const id = `${Date.now()}.${nextId('')}.playground`;
      triggers.set(id, user);
      if (triggers.size > 1000) triggers.delete(triggers.keys().next().value!);
      return id;
    },
    responseUrl(user, channel) {
      const id = randomBytes(8).toString('hex');
      responseUrls.set(id, { user, channel });
      if (responseUrls.size > 1000) responseUrls.delete(responseUrls.keys().next().value!);
      return `${baseUrl}/response/${id}`;
    },
    addEphemeral(user, channel, content) {
      addEphemeral(user, channel, content);
      changed();
    },
    applySubmissionAnswer(user, viewId, answered) {
      const stack = modals.get(user) ?? [];
      const index = stack.findIndex((v) => v.id === viewId);
      if (index < 0) return;
      const action = answered?.response_action;
      if (action === 'errors') {
        const errors = answered?.errors;
        stack[index]!.errors = typeof errors === 'object' && errors !== null ? Object.fromEntries(Object.entries(errors).map(([k, v]) => [k, String(v)])) : {};
      } else if (action === 'update') {
        const view = toView(answered?.view, viewId);
        if (view) stack[index] = view;
      } else if (action === 'push') {
        const view = toView(answered?.view, nextId('V'));
        if (view) stack.push(view);
      } else if (action === 'clear') stack.length = 0;
      else stack.splice(index, 1);
      modals.set(user, stack);
      changed();
    },
    closeView(user, viewId) {
      modals.set(user, (modals.get(user) ?? []).filter((v) => v.id !== viewId));
      changed();
    },
    file(id) {
      const stored = uploads.get(id);
      return stored?.bytes ? { bytes: stored.bytes, mimetype: stored.mimetype, title: stored.title } : undefined;
    },
    calls: () => [...calls],
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close() {
      listeners.clear();
      return new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      });
    },
  };
}
