// `prisma generate` with no download: generate never runs the schema engine, but the CLI insists
// on finding a binary first, so point it at any existing file (../shared/notes/prisma-offline.md).
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const env = { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? process.execPath };
const prisma = fileURLToPath(new URL('../node_modules/prisma/build/index.js', import.meta.url));
execFileSync(process.execPath, [prisma, 'generate'], { env, stdio: 'inherit' });
