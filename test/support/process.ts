/** Runs the real `banzhang` command as a child process, as an admin or a cron would. */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const BIN = fileURLToPath(new URL('../../bin/banzhang.mjs', import.meta.url));
export const REPO = fileURLToPath(new URL('../..', import.meta.url));

/** The environment of a child: this one minus the settings of banzhang, plus `env`. */
export function childEnv(env: Record<string, string | undefined>): NodeJS.ProcessEnv {
  const base = { ...process.env };
  for (const key of Object.keys(base)) {
    if (/^(BANZHANG_|SLACK_|MICROSOFT_APP_)|^(DATABASE_URL|PORT|LOG_LEVEL)$/.test(key)) delete base[key];
  }
  return { ...base, LANG: 'en_US.UTF-8', ...env };
}

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function runCli(args: string[], env: Record<string, string | undefined> = {}, cwd = REPO): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd, env: childEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

export interface Served {
  child: ChildProcess;
  port: number;
  url: string;
  output(): string;
  stop(): Promise<number | null>;
}

/** Starts `banzhang serve` on a free port and resolves once it listens. */
export function startServe(env: Record<string, string | undefined>, cwd = REPO): Promise<Served> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, 'serve'], { cwd, env: childEnv({ PORT: '0', ...env }), stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let settled = false;
    const exited = new Promise<number | null>((r) => child.on('close', (code) => r(code)));
    const onData = (d: Buffer) => {
      out += d.toString();
      if (settled) return;
      for (const line of out.split('\n')) {
        if (!line.startsWith('{')) continue;
        const entry = JSON.parse(line) as { msg?: string; port?: number };
        if (entry.msg === 'listening' && entry.port) {
          settled = true;
          resolve({
            child,
            port: entry.port,
            url: `http://127.0.0.1:${entry.port}`,
            output: () => out,
            stop: async () => {
              if (child.exitCode === null) child.kill('SIGTERM');
              return exited;
            },
          });
        }
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('close', (code) => {
      if (!settled) reject(new Error(`serve exited with ${code} before listening:\n${out}`));
    });
  });
}

/** Polls a URL until it answers `status` with a body matching `body`, if given (or the deadline passes). */
export async function waitForStatus(url: string, status: number, timeoutMs = 60_000, body?: RegExp): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer';
  while (Date.now() < deadline) {
    try {
      const res = await fetch(url);
      const text = await res.text();
      if (res.status === status && (!body || body.test(text))) return text;
      last = `${res.status} ${text}`;
    } catch (error) {
      last = String(error);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${url} did not answer ${status} in time; last: ${last}`);
}
