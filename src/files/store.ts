// Where file contents live: content-addressed by their SHA-512, so an upload of the same bytes is
// stored once. Behind a small interface: a directory (under DATA_DIR/files by default) or an
// S3-compatible bucket (s3-store.ts).
import { createReadStream } from 'node:fs';
import { mkdir, mkdtemp, rename, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { embeddedPaths, IN_MEMORY, type Config } from '../config.js';
import { s3Store } from './s3-store.js';

export interface FileStore {
  /** Stores the bytes under their key (the hex SHA-512); storing existing content is a no-op. */
  put(key: string, data: Uint8Array): Promise<void>;
  /** The bytes, or undefined when the key is unknown. */
  open(key: string): Promise<Readable | undefined>;
}

const KEY = /^[0-9a-f]{128}$/;

/** Keys are hex SHA-512s; anything else (a path, say) is refused before it reaches storage. */
export function assertStorageKey(key: string): void {
  if (!KEY.test(key)) throw new Error(`Not a storage key: ${key}`);
}

function directoryStore(root: Promise<string>): FileStore {
  const location = async (key: string) => {
    assertStorageKey(key);
    return path.join(await root, key.slice(0, 2), key);
  };
  return {
    async put(key, data) {
      const target = await location(key);
      if (await stat(target).then(() => true, () => false)) return;
      await mkdir(path.dirname(target), { recursive: true });
      // Write beside and rename: a reader never sees half a file.
      const partial = `${target}.${process.pid}.${Date.now()}.part`;
      await writeFile(partial, data);
      await rename(partial, target);
    },
    async open(key) {
      const file = await location(key);
      return (await stat(file).then(() => true, () => false)) ? createReadStream(file) : undefined;
    },
  };
}

const stores = new WeakMap<Config, FileStore>();

/** The store of an instance: the S3 bucket when configured, else DATA_DIR/files (a fresh temporary directory for DATA_DIR=:memory:). */
export function fileStoreFor(config: Config): FileStore {
  let store = stores.get(config);
  if (!store) {
    if (config.s3) store = s3Store(config.s3);
    else {
      const root = config.dataDir === IN_MEMORY ? mkdtemp(path.join(tmpdir(), 'council-files-')) : Promise.resolve(embeddedPaths(config.dataDir).files);
      store = directoryStore(root);
    }
    stores.set(config, store);
  }
  return store;
}
