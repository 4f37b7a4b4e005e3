/**
 * A fake Bot Framework for Teams: a real HTTP server on 127.0.0.1 (design.md
 * habit 10) that plays every Microsoft endpoint banzhang talks to.
 *
 * - The OpenID metadata and its JWKS (`/v1/.well-known/openidconfiguration`,
 *   `/v1/.well-known/keys`, the key endorsed for `msteams`), and `sign()`, which
 *   signs an incoming activity's token RS256 with the matching private key,
 *   exactly as the Bot Framework Connector does (iss, aud = the app id,
 *   serviceurl, nbf, exp, kid).
 * - The token endpoint (`/<tenant>/oauth2/v2.0/token`, client credentials):
 *   checks the app id and secret, hands out bearer tokens.
 * - The Bot Connector REST API (`/v3/conversations…`): create a 1:1
 *   conversation, send, reply and update (PUT) activities. It checks the bearer
 *   token, answers ids as the service does, records every call (also those it
 *   failed on purpose) and can answer 429 with Retry-After, 5xx, or refuse to
 *   create a chat with someone who has not installed the app (403).
 */
import { createPrivateKey, generateKeyPairSync, randomUUID, sign as rsaSign, type KeyObject } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type ConnectorOperation = 'create' | 'send' | 'reply' | 'update';

export type FakeTeamsFailure = { status: 429; retryAfter: number } | { status: number; code?: string };

export interface FakeTeamsCall {
  operation: ConnectorOperation;
  method: string;
  path: string;
  conversationId?: string;
  /** The replied-to (reply) or replaced (update) activity id. */
  activityId?: string;
  body: Record<string, unknown>;
  /** The bearer token the call carried. */
  token: string | undefined;
  status: number;
  /** The JSON answered. */
  response: Record<string, unknown>;
  at: number;
}

export interface FakeTeams {
  /** `http://127.0.0.1:PORT` (the service URL given to activities is this plus `/`). */
  readonly url: string;
  readonly serviceUrl: string;
  readonly openIdMetadataUrl: string;
  /** The `iss` of tokens this fake signs (give it to BOTFRAMEWORK_TOKEN_ISSUER). */
  readonly issuer: string;
  /** The authority of outgoing tokens (give it to BOTFRAMEWORK_LOGIN_URL). */
  readonly loginUrl: string;
  /** An `Authorization` header value for an incoming activity, signed as the Bot Framework signs it. */
  authHeader(claims?: Record<string, unknown>, options?: { key?: KeyObject; kid?: string; expiresInSeconds?: number }): string;
  /** The next `times` calls of an operation fail as described. */
  failNext(operation: ConnectorOperation, failure: FakeTeamsFailure, times?: number): void;
  /** Creating a 1:1 chat with this AAD object id is refused with 403 (the app is not installed for them). */
  refuseConversationWith(aadObjectId: string): void;
  /** Recorded Connector calls, in arrival order. */
  calls(operation?: ConnectorOperation): FakeTeamsCall[];
  /** Token requests the token endpoint answered successfully. */
  readonly tokensIssued: number;
  /** Resolves with the calls once `count` match. */
  waitFor(operation: ConnectorOperation, count: number, options?: { where?: (c: FakeTeamsCall) => boolean; timeoutMs?: number; okOnly?: boolean }): Promise<FakeTeamsCall[]>;
  /** The current content of an activity the bot sent (after updates). */
  activity(conversationId: string, activityId: string): Record<string, unknown> | undefined;
  /** Forgets calls and planned failures (activities stay, so that updates still find them). */
  reset(): void;
  close(): Promise<void>;
}

export const FAKE_TEAMS = {
  appId: '11111111-2222-3333-4444-555555555555',
  password: 'test-app-secret',
  tenantId: '99999999-8888-7777-6666-555555555555',
  kid: 'fake-bf-key-1',
} as const;

/** The personal conversation id of a person, as this fake hands it out (and as the harness's activities use it). */
export const personalConversationId = (aadObjectId: string) => `a:dm-${aadObjectId}`;

const b64url = (data: Buffer | string) => Buffer.from(data).toString('base64url');

/** A JWT signed RS256 (the Bot Framework's algorithm) with `key`. */
export function signJwt(payload: Record<string, unknown>, key: KeyObject, kid: string): string {
  const head = b64url(JSON.stringify({ alg: 'RS256', typ: 'JWT', kid, x5t: kid }));
  const body = b64url(JSON.stringify(payload));
  const signature = rsaSign('RSA-SHA256', Buffer.from(`${head}.${body}`), key);
  return `${head}.${body}.${b64url(signature)}`;
}

export function newSigningKey(): KeyObject {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return createPrivateKey(privateKey.export({ format: 'pem', type: 'pkcs8' }));
}

export async function startFakeTeams(options: { appId?: string; password?: string } = {}): Promise<FakeTeams> {
  const appId = options.appId ?? FAKE_TEAMS.appId;
  const password = options.password ?? FAKE_TEAMS.password;
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = publicKey.export({ format: 'jwk' }) as { n: string; e: string };
  let calls: FakeTeamsCall[] = [];
  let failures = new Map<ConnectorOperation, FakeTeamsFailure[]>();
  const refused = new Set<string>();
  const issued = new Set<string>();
  let tokensIssued = 0;
  /** conversation → activity id → the activity as last sent or updated. */
  const activities = new Map<string, Map<string, Record<string, unknown>>>();
  const waiters = new Set<() => void>();
  let seq = 0;
  let url = '';

  async function readBody(req: IncomingMessage): Promise<string> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  }

  function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
    res.end(JSON.stringify(body));
  }

  function store(conversationId: string, id: string, activity: Record<string, unknown>) {
    if (!activities.has(conversationId)) activities.set(conversationId, new Map());
    activities.get(conversationId)!.set(id, { ...activity, id, conversation: { id: conversationId } });
  }

  async function connector(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    const raw = await readBody(req);
    let body: Record<string, unknown>;
    try {
      body = raw === '' ? {} : (JSON.parse(raw) as Record<string, unknown>);
    } catch {
      return send(res, 400, { error: { code: 'BadSyntax', message: 'invalid JSON' } });
    }
    const token = /^Bearer (\S+)$/.exec(String(req.headers.authorization ?? ''))?.[1];
    const parts = path.split('/').filter(Boolean).map(decodeURIComponent); // v3, conversations, id?, activities?, activityId?
    const method = req.method ?? 'GET';
    let operation: ConnectorOperation;
    let conversationId: string | undefined;
    let activityId: string | undefined;
    if (parts.length === 2 && method === 'POST') operation = 'create';
    else if (parts.length === 4 && parts[3] === 'activities' && method === 'POST') [operation, conversationId] = ['send', parts[2]];
    else if (parts.length === 5 && parts[3] === 'activities' && method === 'POST') [operation, conversationId, activityId] = ['reply', parts[2], parts[4]];
    else if (parts.length === 5 && parts[3] === 'activities' && method === 'PUT') [operation, conversationId, activityId] = ['update', parts[2], parts[4]];
    else return send(res, 404, { error: { code: 'NotFound', message: `no route ${method} ${path}` } });

    let status = 200;
    let response: Record<string, unknown>;
    let headers: Record<string, string> = {};
    const planned = failures.get(operation);
    const failure = planned?.shift();
    if (planned && planned.length === 0) failures.delete(operation);
    if (!token || !issued.has(token)) {
      status = 401;
      response = { error: { code: 'Unauthorized', message: 'Authorization has been denied for this request.' } };
    } else if (failure) {
      status = failure.status;
      response = { error: { code: 'code' in failure && failure.code ? failure.code : status === 429 ? 'Throttled' : 'ServiceError', message: `HTTP ${status}` } };
      if (failure.status === 429) headers = { 'retry-after': String((failure as { retryAfter: number }).retryAfter) };
    } else if (operation === 'create') {
      const member = ((body.members as Array<{ id?: string }> | undefined) ?? [])[0]?.id;
      if (!member || body.isGroup === true) {
        status = 400;
        response = { error: { code: 'BadArgument', message: 'a 1:1 conversation needs one member' } };
      } else if (!body.tenantId) {
        status = 400;
        response = { error: { code: 'BadArgument', message: 'tenantId is required' } };
      } else if (refused.has(member)) {
        status = 403;
        response = { error: { code: 'Forbidden', message: 'The bot is not part of the conversation roster.' } };
      } else {
        status = 201;
        response = { id: personalConversationId(member) };
      }
    } else if (operation === 'update') {
      const existing = activities.get(conversationId!)?.get(activityId!);
      if (!existing) {
        status = 404;
        response = { error: { code: 'ActivityNotFoundInConversation', message: 'not found' } };
      } else {
        store(conversationId!, activityId!, body);
        response = { id: activityId! };
      }
    } else {
      const id = `1${String(Date.now()).slice(-9)}${String(++seq).padStart(4, '0')}`;
      store(conversationId!, id, body);
      response = { id };
    }
    const call: FakeTeamsCall = { operation, method, path, body, token, status, response, at: Date.now() };
    if (conversationId) call.conversationId = conversationId;
    if (activityId) call.activityId = activityId;
    calls.push(call);
    for (const w of waiters) w();
    send(res, status, response, headers);
  }

  async function tokenEndpoint(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const form = new URLSearchParams(await readBody(req));
    if (form.get('grant_type') !== 'client_credentials') return send(res, 400, { error: 'unsupported_grant_type' });
    if (form.get('client_id') !== appId || form.get('client_secret') !== password) return send(res, 401, { error: 'invalid_client' });
    if (form.get('scope') !== 'https://api.botframework.com/.default') return send(res, 400, { error: 'invalid_scope' });
    const token = `fake-bot-token-${randomUUID()}`;
    issued.add(token);
    tokensIssued++;
    return send(res, 200, { token_type: 'Bearer', expires_in: 3599, ext_expires_in: 3599, access_token: token });
  }

  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    const handle = async () => {
      if (req.method === 'GET' && path === '/v1/.well-known/openidconfiguration') {
        return send(res, 200, {
          issuer: url,
          authorization_endpoint: `${url}/v1/.well-known/authorize`,
          jwks_uri: `${url}/v1/.well-known/keys`,
          id_token_signing_alg_values_supported: ['RS256'],
          token_endpoint_auth_methods_supported: ['private_key_jwt'],
        });
      }
      if (req.method === 'GET' && path === '/v1/.well-known/keys') {
        return send(res, 200, { keys: [{ kty: 'RSA', use: 'sig', kid: FAKE_TEAMS.kid, x5t: FAKE_TEAMS.kid, n: jwk.n, e: jwk.e, endorsements: ['msteams'] }] });
      }
      if (req.method === 'POST' && /^\/[^/]+\/oauth2\/v2\.0\/token$/.test(path)) return tokenEndpoint(req, res);
      if (path.startsWith('/v3/conversations')) return connector(req, res, path);
      return send(res, 404, { error: 'not found' });
    };
    handle().catch((error: unknown) => send(res, 500, { error: String(error) }));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const select = (operation?: ConnectorOperation) => (operation ? calls.filter((c) => c.operation === operation) : [...calls]);

  return {
    url,
    serviceUrl: `${url}/`,
    openIdMetadataUrl: `${url}/v1/.well-known/openidconfiguration`,
    issuer: url,
    loginUrl: `${url}/botframework.com`,
    authHeader(claims = {}, o = {}) {
      const now = Math.floor(Date.now() / 1000);
      const payload = { serviceurl: `${url}/`, nbf: now - 5, exp: now + (o.expiresInSeconds ?? 3600), iss: url, aud: appId, ...claims };
      return `Bearer ${signJwt(payload, o.key ?? privateKey, o.kid ?? FAKE_TEAMS.kid)}`;
    },
    failNext(operation, failure, times = 1) {
      const list = failures.get(operation) ?? [];
      for (let i = 0; i < times; i++) list.push(failure);
      failures.set(operation, list);
    },
    refuseConversationWith(aad) {
      refused.add(aad);
    },
    calls: select,
    get tokensIssued() {
      return tokensIssued;
    },
    waitFor(operation, count, o = {}) {
      const matching = () => select(operation).filter((c) => (!o.okOnly || c.status < 300) && (!o.where || o.where(c)));
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
          reject(new Error(`fake Teams: ${count} ${operation} call(s) expected within ${o.timeoutMs ?? 10_000} ms, got ${matching().length}`));
        }, o.timeoutMs ?? 10_000);
        waiters.add(check);
        check();
      });
    },
    activity: (conversationId, activityId) => activities.get(conversationId)?.get(activityId),
    reset() {
      calls = [];
      failures = new Map();
      refused.clear();
    },
    close() {
      return new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      });
    },
  };
}
