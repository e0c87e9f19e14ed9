// Where file contents live: content-addressed by their SHA-512, so an upload of the same bytes is
// stored once. Behind a small interface: a directory (directory-store.ts, under DATA_DIR/files by
// default) or an S3-compatible bucket (s3-store.ts); open-store.ts picks one from the configuration.
import type { Readable } from 'node:stream';

export interface FileStore {
  /** Stores the bytes under their key (the hex SHA-512); storing existing content is a no-op. */
  put(key: string, data: Uint8Array): Promise<void>;
  /** The bytes, or undefined when the key is unknown. */
  open(key: string): Promise<Readable | undefined>;
  /** Releases what the store holds for this process (the temporary directory of DATA_DIR=:memory:). */
  close(): Promise<void>;
}

const KEY = /^[0-9a-f]{128}$/;

/** Keys are hex SHA-512s; anything else (a path, say) is refused before it reaches storage. */
export function assertStorageKey(key: string): void {
  if (!KEY.test(key)) throw new Error(`Not a storage key: ${key}`);
}
