/**
 * A lock file that keeps a second process from opening the embedded database
 * folder. It holds the owner's pid; a lock left behind by a dead process is taken over.
 */
import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';
import { AppError } from '../errors.ts';

export interface DirLock {
  readonly file: string;
  release(): void;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function acquireDirLock(dir: string): DirLock {
  const file = path.join(dir, 'banzhang.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        rmSync(file, { force: true });
        process.removeListener('exit', release);
      };
      process.on('exit', release);
      return { file, release };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const pid = Number(readFileSync(file, 'utf8').trim());
      if (Number.isInteger(pid) && pid > 0 && (pid === process.pid || isAlive(pid))) {
        throw new AppError('database_locked', 'cli.database_locked', `embedded database ${dir} is in use by pid ${pid}`, {
          details: { dir, pid },
        });
      }
      // Stale lock of a process that is gone: take it over.
      rmSync(file, { force: true });
    }
  }
  throw new AppError('database_locked', 'cli.database_locked', `could not lock ${dir}`, { details: { dir, pid: '?' } });
}
