import { PGlite } from '@electric-sql/pglite';
import type { SqlSession } from './migrate.js';

/** An in-process PostgreSQL; `dataDir` undefined keeps it in memory (tests, migration diffs). */
export async function openPGlite(dataDir?: string): Promise<PGlite> {
  const pglite = new PGlite(dataDir);
  await pglite.waitReady;
  return pglite;
}

export function pgliteSession(pglite: PGlite): SqlSession {
  return {
    exec: async (sql) => {
      await pglite.exec(sql);
    },
    query: async <T>(sql: string, params?: unknown[]) => (await pglite.query<T>(sql, params)).rows,
  };
}
