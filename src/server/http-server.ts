/**
 * The one HTTP server of `banzhang serve` (interfaces.md section 2): health,
 * readiness and metrics now; chat channels mount their routes on it.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../shared/logger.ts';
import type { Metrics } from './metrics.ts';

/**
 * Largest request body accepted (1 MiB). Slack's own payloads are a few KB;
 * a bigger declared body is refused with 413 before anything reads or parses
 * it, and the connection is closed. Chunked bodies (no Content-Length) are
 * limited by the reader (the Slack receiver's `bodyLimit` is the same number).
 */
export const MAX_BODY_BYTES = 1024 * 1024;

/** Thrown by `readBody` when a body grows past its limit. */
export class BodyTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`request body over ${limit} bytes`);
  }
}

/** Reads a whole request body, refusing (and stopping at) more than `limit` bytes. */
export function readBody(req: http.IncomingMessage, limit: number = MAX_BODY_BYTES): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.off('data', onData);
        req.pause();
        reject(new BodyTooLargeError(limit));
        return;
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.once('end', () => resolve(Buffer.concat(chunks)));
    req.once('error', reject);
  });
}

export type RouteHandler = (req: http.IncomingMessage, res: http.ServerResponse) => void | Promise<void>;

export interface Readiness {
  /** Null when ready, else why not. */
  check(): Promise<string | null>;
}

export interface HttpServerDeps {
  logger: Logger;
  metrics: Metrics;
  readiness: Readiness;
}

export interface HttpServer {
  /** Mounts a handler on an exact method and path (e.g. a chat channel's endpoint). */
  route(method: string, path: string, handler: RouteHandler): void;
  listen(port: number, host?: string): Promise<number>;
  close(): Promise<void>;
  readonly server: http.Server;
}

export function createHttpServer(deps: HttpServerDeps): HttpServer {
  const routes = new Map<string, RouteHandler>();
  const send = (res: http.ServerResponse, status: number, body: string, type = 'text/plain; charset=utf-8') => {
    res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
    res.end(body);
  };

  routes.set('GET /healthz', (_req, res) => send(res, 200, 'ok\n'));
  routes.set('GET /readyz', async (_req, res) => {
    const problem = await deps.readiness.check();
    send(res, problem === null ? 200 : 503, problem === null ? 'ready\n' : `not ready: ${problem}\n`);
  });
  routes.set('GET /metrics', async (_req, res) => {
    send(res, 200, await deps.metrics.registry.metrics(), deps.metrics.registry.contentType);
  });

  const server = http.createServer((req, res) => {
    const pathname = new URL(req.url ?? '/', 'http://localhost').pathname;
    const key = `${req.method} ${pathname}`;
    const handler = routes.get(key);
    const routeLabel = handler ? pathname : 'unmatched';
    res.on('finish', () => deps.metrics.httpRequests.inc({ route: routeLabel, status: String(res.statusCode) }));
    if (!handler) {
      const allowed = [...routes.keys()].filter((k) => k.endsWith(` ${pathname}`));
      if (allowed.length > 0) {
        res.setHeader('allow', allowed.map((k) => k.split(' ')[0]).join(', '));
        return send(res, 405, 'method not allowed\n');
      }
      return send(res, 404, 'not found\n');
    }
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > MAX_BODY_BYTES) {
      deps.logger.warn({ route: pathname, bytes: declared, limit: MAX_BODY_BYTES }, 'request body too large; refused');
      res.setHeader('connection', 'close');
      return send(res, 413, 'request body too large\n');
    }
    Promise.resolve()
      .then(() => handler(req, res))
      .catch((error: unknown) => {
        deps.logger.error({ err: error, route: pathname }, 'request failed');
        if (!res.headersSent) send(res, 500, 'internal error\n');
        else res.end();
      });
  });

  return {
    server,
    route(method, path, handler) {
      routes.set(`${method.toUpperCase()} ${path}`, handler);
    },
    listen(port, host) {
      return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          server.off('error', reject);
          resolve((server.address() as AddressInfo).port);
        });
      });
    },
    close() {
      return new Promise((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      });
    },
  };
}
