/** Runs `banzhang` in-process with a captured output, for fast CLI tests. */
import { main } from '../../src/cli/main.ts';
import { childEnv } from './process.ts';

export async function cli(args: string[], env: Record<string, string | undefined> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { out: (l) => out.push(l), err: (l) => err.push(l), env: childEnv(env) });
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}
