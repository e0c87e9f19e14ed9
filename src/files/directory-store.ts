// The file store in a directory: one file per key, fanned out by the key's first two characters.
import { createReadStream } from 'node:fs';
import { mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { assertStorageKey, type FileStore } from './store.js';

const exists = (file: string) => stat(file).then(() => true, () => false);

/** A store under `root`; with `temporary` the directory is removed on close. */
export function directoryStore(root: string, { temporary = false } = {}): FileStore {
  const location = (key: string) => {
    assertStorageKey(key);
    return path.join(root, key.slice(0, 2), key);
  };
  return {
    async put(key, data) {
      const target = location(key);
      if (await exists(target)) return;
      await mkdir(path.dirname(target), { recursive: true });
      // Write beside and rename: a reader never sees half a file.
      const partial = `${target}.${process.pid}.${Date.now()}.part`;
      await writeFile(partial, data);
      await rename(partial, target);
    },
    async open(key) {
      const file = location(key);
      return (await exists(file)) ? createReadStream(file) : undefined;
    },
    async close() {
      if (temporary) await rm(root, { recursive: true, force: true });
    },
  };
}
