// Writes the next migration: applies the existing ones to a throwaway PGlite and asks Prisma's
// WASM schema engine for the SQL that brings it to prisma/schema.prisma.
// Usage: npm run db:migration -- <name>
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { applyMigrations } from '../src/db/migrate.js';
import { migrationsDir } from '../src/db/paths.js';
import { openPGlite, pgliteSession } from '../src/db/pglite.js';
import { diffDatabaseToSchema } from '../src/db/schema-engine.js';

const name = (process.argv[2] ?? '').replace(/[^a-z0-9_]+/gi, '_').toLowerCase();
if (!name) {
  console.error('Usage: npm run db:migration -- <name>');
  process.exit(2);
}
const pglite = await openPGlite();
await applyMigrations(pgliteSession(pglite));
const sql = await diffDatabaseToSchema(pglite);
await pglite.close();
if (!sql) {
  console.log('Schema and migrations agree: nothing to write.');
} else {
  const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
  const dir = path.join(migrationsDir, `${stamp}_${name}`);
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(dir, 'migration.sql'), sql);
  console.log(`Wrote ${path.relative(process.cwd(), dir)}/migration.sql`);
}
