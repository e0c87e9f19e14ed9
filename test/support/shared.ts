// The project's shared material (seed documents, OParl reference files) lies beside the
// repository, as on every developer's machine and in CI; SHARED_DIR points elsewhere.
import { fileURLToPath } from 'node:url';
import path from 'node:path';

export const sharedDir = process.env.SHARED_DIR ?? fileURLToPath(new URL('../../../shared/', import.meta.url));

export const sharedPath = (...parts: string[]) => path.join(sharedDir, ...parts);
