// The file store of an instance, chosen by the configuration.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { embeddedPaths, IN_MEMORY, type Config } from '../config.js';
import { directoryStore } from './directory-store.js';
import { s3Store } from './s3-store.js';
import type { FileStore } from './store.js';

/** The S3 bucket when configured, else DATA_DIR/files (a temporary directory, removed on close, for DATA_DIR=:memory:). */
export async function openFileStore(config: Pick<Config, 's3' | 'dataDir'>): Promise<FileStore> {
  if (config.s3) return s3Store(config.s3);
  if (config.dataDir === IN_MEMORY) return directoryStore(await mkdtemp(path.join(tmpdir(), 'council-files-')), { temporary: true });
  return directoryStore(embeddedPaths(config.dataDir).files);
}
