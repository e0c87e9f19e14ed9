// Opens the database the configuration names: PostgreSQL through @prisma/adapter-pg when
// DATABASE_URL is set, otherwise PGlite in-process under DATA_DIR. Everything above this module
// sees one PrismaClient and does not know which one it got.
import { mkdir } from 'node:fs/promises';
import pg from 'pg';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import type { SqlDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import { PrismaClient } from '../generated/prisma/client.js';
import { embeddedPaths, IN_MEMORY } from '../config.js';
import { applyMigrations, type SqlSession } from './migrate.js';
import { openPGlite, pgliteSession } from './pglite.js';
import { countingAdapter } from './query-stats.js';
import { jsonRelations } from './relation-json.js';
import { preparedStatementNames } from './statement-names.js';
import { logger } from '../observability/logger.js';

export interface Database {
  prisma: PrismaClient;
  kind: 'postgresql' | 'pglite';
  /** Raw SQL outside Prisma: migrations, health checks, search. */
  session: SqlSession;
  migrate(): Promise<string[]>;
  /** Connections of the PostgreSQL pool (metrics); undefined for the embedded database. */
  poolUse(): { total: number; idle: number; waiting: number } | undefined;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  databaseUrl?: string;
  /** PGlite data directory; undefined or ':memory:' keeps PGlite in memory. */
  dataDir?: string;
  poolSize?: number;
}

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  return options.databaseUrl ? openPostgres(options.databaseUrl, options.poolSize) : openEmbedded(options.dataDir);
}

/**
 * Prisma runs batched reads (findUniqueOrThrow of many subscribers at once) in a transaction that
 * waits at most `maxWait` for a connection: 2 s by default, after which a busy pool answers
 * readers with an internal error. A reader had better wait a little longer.
 */
const TRANSACTION_OPTIONS = { maxWait: 15_000 };

function withClient(adapter: SqlDriverAdapterFactory) {
  return new PrismaClient({ adapter: countingAdapter(jsonRelations(adapter)), transactionOptions: TRANSACTION_OPTIONS });
}

async function openPostgres(url: string, poolSize = 10): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  // An idle client that loses its connection must not crash the process.
  pool.on('error', (error) => logger.error({ err: error.message }, 'PostgreSQL pool error'));
  const prisma = withClient(new PrismaPg(pool, { statementNameGenerator: preparedStatementNames() }));
  // Raw queries are named too: planning search's statement costs more than running it.
  const sessionStatementName = preparedStatementNames();
  const session: SqlSession = {
    exec: async (sql) => {
      await pool.query(sql);
    },
    query: async <T>(sql: string, params?: unknown[]) => (await pool.query({ name: sessionStatementName({ sql }), text: sql, values: params })).rows as T[],
  };
  return {
    prisma,
    kind: 'postgresql',
    session,
    poolUse: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
    // Advisory locks belong to a connection: migrate on one dedicated client.
    migrate: async () => {
      const client = await pool.connect();
      try {
        return await applyMigrations({
          exec: async (sql) => {
            await client.query(sql);
          },
          query: async <T>(sql: string, params?: unknown[]) => (await client.query(sql, params)).rows as T[],
        });
      } finally {
        client.release();
      }
    },
    close: async () => {
      await prisma.$disconnect();
      await pool.end();
    },
  };
}

async function openEmbedded(dataDir?: string): Promise<Database> {
  const dir = dataDir && dataDir !== IN_MEMORY ? embeddedPaths(dataDir).database : undefined;
  if (dir) await mkdir(dir, { recursive: true });
  const pglite = await openPGlite(dir);
  const prisma = withClient(new PrismaPGlite(pglite));
  const session = pgliteSession(pglite);
  return {
    prisma,
    kind: 'pglite',
    session,
    migrate: () => applyMigrations(session),
    poolUse: () => undefined,
    close: async () => {
      await prisma.$disconnect();
      await pglite.close();
    },
  };
}
