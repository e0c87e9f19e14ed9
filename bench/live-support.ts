// Shared by the live benchmarks: an in-process instance (PGlite in memory, or PostgreSQL with
// BENCH_DATABASE_URL), a clerk client, and the statistics printed.
import { DEVELOPMENT_JWT_SECRET, loadConfig } from '../src/config.js';
import { signDevelopmentToken } from '../src/auth/token.js';
import { startInstance, type Instance } from '../src/start.js';
import { createTestDatabase } from '../test/support/server.js';
import { graphqlClient, type Gql } from '../scripts/graphql-client.js';
import { percentile } from './support.js';

export interface BenchInstance {
  instance: Instance;
  url: string;
  clerk: Gql;
  stop(): Promise<void>;
}

export async function startBenchInstance(): Promise<BenchInstance> {
  const database = process.env.BENCH_DATABASE_URL ? await createTestDatabase() : undefined;
  const config = { ...loadConfig({ NODE_ENV: 'test', DATA_DIR: ':memory:', PORT: '0' }), databaseUrl: database?.url };
  const instance = await startInstance(config, '127.0.0.1');
  const url = `http://127.0.0.1:${instance.port}`;
  const token = await signDevelopmentToken(DEVELOPMENT_JWT_SECRET, { roles: ['clerk'] });
  console.log(`Database: ${instance.services.db.kind}`);
  return {
    instance,
    url,
    clerk: graphqlClient(url, token),
    stop: async () => {
      await instance.stop();
      await database?.drop();
    },
  };
}

export function percentiles(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p99: percentile(sorted, 99), max: sorted.at(-1) ?? NaN };
}

export const ms = (value: number) => `${value.toFixed(1)} ms`;
