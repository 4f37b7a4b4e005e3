/** Runs a bench script (TypeScript, through tsx) as a child process and reads its JSON answer. */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { childEnv, REPO } from '../../test/support/process.ts';

export const BENCH_DIR = fileURLToPath(new URL('..', import.meta.url));

export interface ChildRun<T> {
  result: T;
  stderr: string;
}

/**
 * `node --import tsx <script> …args`; the child prints one JSON line last on
 * stdout (its answer). A non-zero exit or a missing answer is an error with the
 * child's stderr, never swallowed.
 */
export function runScript<T>(script: string, args: string[], env: Record<string, string | undefined> = {}): Promise<ChildRun<T>> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], { cwd: REPO, env: childEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      const last = stdout.trim().split('\n').pop() ?? '';
      if (code !== 0 || !last.startsWith('{')) {
        reject(new Error(`${script} ${args.join(' ')} exited with ${code}:\n${stderr.slice(-4000)}\n${stdout.slice(-2000)}`));
        return;
      }
      resolve({ result: JSON.parse(last) as T, stderr });
    });
  });
}

export interface LongChild {
  pid: number;
  port: number;
  output(): string;
  stop(): Promise<number | null>;
}

/** Starts a long-running bench script; resolves with the port of its first `{"port":N}` line. */
export function startScript(script: string, env: Record<string, string | undefined> = {}): Promise<LongChild> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script], { cwd: REPO, env: childEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let settled = false;
    const exited = new Promise<number | null>((r) => child.on('close', (code) => r(code)));
    const onData = (d: Buffer) => {
      out += d.toString();
      if (settled) return;
      const line = out.split('\n').find((l) => l.startsWith('{"port"'));
      if (!line) return;
      settled = true;
      resolve({
        pid: child.pid!,
        port: (JSON.parse(line) as { port: number }).port,
        output: () => out,
        stop: async () => {
          if (child.exitCode === null) child.kill('SIGTERM');
          return exited;
        },
      });
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('close', (code) => {
      if (!settled) reject(new Error(`${script} exited with ${code} before listening:\n${out}`));
    });
  });
}
