// Several instances starting at once on one PostgreSQL apply each migration exactly once.
import { expect, it } from 'vitest';
import { openDatabase } from '../../src/db/database.js';
import { createTestDatabase } from '../support/server.js';
import { at, only } from '../support/indexing.js';

it('applies each migration once when several instances start at the same time', async () => {
  const fresh = await createTestDatabase();
  try {
    const databases = await Promise.all([1, 2, 3].map(() => openDatabase({ databaseUrl: fresh.url, poolSize: 2 })));
    const applied = await Promise.all(databases.map((db) => db.migrate()));
    expect(applied.flat().sort()).toEqual(applied.find((names) => names.length)!.sort());
    const rows = await at(databases, 0).session.query<{ n: string }>('SELECT count(*) AS n FROM "_prisma_migrations"');
    expect(Number(only(rows).n)).toBe(applied.flat().length);
    await Promise.all(databases.map((db) => db.close()));
  } finally {
    await fresh.drop();
  }
});
