/**
 * A small TCP proxy (node:net) between banzhang and PostgreSQL, for outage
 * tests: `cut()` resets every open connection and every new one at once (as
 * a server that went away or a firewall that rejects), `restore()` forwards
 * again. The listening port stays the same throughout, so the database URL of
 * the process under test does not change.
 */
import net from 'node:net';

export interface TcpProxy {
  /** The local port to connect to instead of the target's. */
  readonly port: number;
  /** Rewrites a URL's host and port to the proxy's. */
  via(url: string): string;
  /** Resets the open connections and every new one until `restore()`. */
  cut(): void;
  restore(): void;
  readonly isCut: boolean;
  /** Connections accepted so far (forwarded or reset). */
  readonly accepted: number;
  close(): Promise<void>;
}

export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  const open = new Set<net.Socket>();
  let cut = false;
  let accepted = 0;

  const server = net.createServer((client) => {
    accepted++;
    if (cut) {
      client.resetAndDestroy();
      return;
    }
    const upstream = net.connect(target.port, target.host);
    open.add(client);
    open.add(upstream);
    const drop = () => {
      open.delete(client);
      open.delete(upstream);
      client.destroy();
      upstream.destroy();
    };
    client.on('error', drop).on('close', drop);
    upstream.on('error', drop).on('close', drop);
    client.pipe(upstream);
    upstream.pipe(client);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as net.AddressInfo;

  return {
    port,
    via(url) {
      const u = new URL(url);
      u.hostname = '127.0.0.1';
      u.port = String(port);
      return u.toString();
    },
    cut() {
      cut = true;
      for (const socket of open) socket.resetAndDestroy();
      open.clear();
    },
    restore() {
      cut = false;
    },
    get isCut() {
      return cut;
    },
    get accepted() {
      return accepted;
    },
    close() {
      for (const socket of open) socket.destroy();
      open.clear();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
