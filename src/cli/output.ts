/** Where the CLI writes, so tests can run commands in-process and read the output. */
export interface CliIo {
  out(line: string): void;
  err(line: string): void;
  env: NodeJS.ProcessEnv;
}

export const processIo: CliIo = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  env: process.env,
};

/** Exit codes of interfaces.md section 4. */
export const EXIT = { ok: 0, failure: 1, usage: 2 } as const;
