/**
 * The lock that keeps a second process out of the embedded database folder.
 * One implementation serves the program and the Prisma CLI's schema engine
 * (tools/schema-engine/engine.mjs); here it is turned into banzhang's AppError.
 */
import { acquireDirLock, EmbeddedDatabaseLockedError, type DirLock } from '../../../tools/schema-engine/engine.mjs';
import { AppError } from '../errors.ts';

export type { DirLock };

export async function lockEmbeddedDir(dir: string): Promise<DirLock> {
  try {
    return await acquireDirLock(dir);
  } catch (error) {
    throw lockedError(error);
  }
}

/** An EmbeddedDatabaseLockedError as AppError `database_locked`; anything else unchanged. */
export function lockedError(error: unknown): unknown {
  if (!(error instanceof EmbeddedDatabaseLockedError)) return error;
  return new AppError('database_locked', 'cli.database_locked', error.message, {
    details: { dir: error.dir, pid: error.pid },
    cause: error,
  });
}
