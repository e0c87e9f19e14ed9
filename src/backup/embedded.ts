// Backup and restore of an embedded installation: its PGlite database, dumped by PGlite itself
// into one tarball, and its file store, copied as it is (content-addressed, never rewritten).
// The instance must be stopped: PGlite lives inside the server's process and is not shared.
// Installations on PostgreSQL use pg_dump/pg_restore (README, "Running in production").
import { cp, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { embeddedPaths } from '../config.js';
import { openPGlite } from '../db/pglite.js';

const DATABASE_FILE = 'database.tar.gz';
const FILES_DIR = 'files';

export class BackupError extends Error {}

export async function backUp(dataDir: string, target: string): Promise<void> {
  const from = embeddedPaths(dataDir);
  if (!(await holdsAnything(from.database))) throw new BackupError(`There is no embedded database in ${dataDir} (DATA_DIR).`);
  if (await holdsAnything(target)) throw new BackupError(`${target} is not empty: back up into a new directory.`);
  await mkdir(target, { recursive: true });
  const pglite = await openPGlite(from.database);
  try {
    const dump = await pglite.dumpDataDir('gzip');
    await cp(from.files, path.join(target, FILES_DIR), { recursive: true }).catch(ignoreMissing);
    await writeFile(path.join(target, DATABASE_FILE), new Uint8Array(await dump.arrayBuffer()));
  } finally {
    await pglite.close();
  }
}

export async function restore(source: string, dataDir: string): Promise<void> {
  const to = embeddedPaths(dataDir);
  if (await holdsAnything(to.database)) throw new BackupError(`${dataDir} (DATA_DIR) already holds a database: restore into an empty one.`);
  const dump = await readFile(path.join(source, DATABASE_FILE)).catch(() => {
    throw new BackupError(`${source} holds no backup (${DATABASE_FILE} is missing).`);
  });
  await mkdir(to.database, { recursive: true });
  const pglite = new PGlite(to.database, { loadDataDir: new Blob([new Uint8Array(dump)]) });
  await pglite.waitReady;
  await pglite.close();
  await cp(path.join(source, FILES_DIR), to.files, { recursive: true }).catch(ignoreMissing);
}

const holdsAnything = async (dir: string) => (await readdir(dir).catch(() => [])).length > 0;

/** An installation that never stored a file has no file store to copy. */
function ignoreMissing(error: NodeJS.ErrnoException) {
  if (error.code !== 'ENOENT') throw error;
}
