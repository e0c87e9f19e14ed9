// Generated artefacts that are committed must match their sources.
import { readFile } from 'node:fs/promises';
import { lexicographicSortSchema, printSchema } from 'graphql';
import { describe, expect, it } from 'vitest';
import { schema } from '../src/schema/index.js';
import { schemaFile } from '../src/schema/schema-file.js';
import { applyMigrations, readMigrations } from '../src/db/migrate.js';
import { openPGlite, pgliteSession } from '../src/db/pglite.js';
import { diffDatabaseToSchema } from '../src/db/schema-engine.js';
import { at } from './support/indexing.js';

describe('committed schema files', () => {
  it('schema/schema.graphql is printed from the current code (npm run schema:print)', async () => {
    expect(await readFile(schemaFile, 'utf8')).toBe(`${printSchema(lexicographicSortSchema(schema))}\n`);
  });

  it('the migrations produce exactly prisma/schema.prisma (npm run db:migration -- <name>)', async () => {
    const pglite = await openPGlite();
    try {
      await applyMigrations(pgliteSession(pglite));
      expect(await diffDatabaseToSchema(pglite)).toBe('');
    } finally {
      await pglite.close();
    }
  });

  it('refuses a migration that was edited after it was applied', async () => {
    const pglite = await openPGlite();
    try {
      const migrations = await readMigrations();
      await applyMigrations(pgliteSession(pglite), migrations.slice(0, 1));
      const first = at(migrations, 0);
      const edited = [{ ...first, sql: `${first.sql}\n-- edited`, checksum: 'different' }];
      await expect(applyMigrations(pgliteSession(pglite), edited)).rejects.toThrow(/was changed after it was applied/);
    } finally {
      await pglite.close();
    }
  });
});
