// Shared by the benchmarks: a scratch PostgreSQL database, a server on it, a load loop, percentiles.
import { createTestDatabase } from '../test/support/server.js';
import { loadConfig, type Config } from '../src/config.js';
import { startInstance, type Instance } from '../src/start.js';

export async function benchServer(overrides: Partial<Config> = {}): Promise<Instance & { dispose(): Promise<void> }> {
  const database = await createTestDatabase();
  const config = { ...loadConfig({ PORT: '0', EXPOSE_QUERY_STATS: 'true', NODE_ENV: 'production', JWT_SECRET: 'bench' }), databaseUrl: database.url, ...overrides };
  const instance = await startInstance(config, '127.0.0.1');
  return {
    ...instance,
    url: `http://127.0.0.1:${instance.port}`,
    dispose: async () => {
      await instance.stop();
      await database.drop();
    },
  };
}

export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

export interface LoadResult {
  requests: number;
  perSecond: number;
  p50: number;
  p99: number;
}

/** `concurrency` loops call `request` for `seconds`; latencies in milliseconds. */
export async function load(request: () => Promise<void>, seconds: number, concurrency: number): Promise<LoadResult> {
  const latencies: number[] = [];
  const until = performance.now() + seconds * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < until) {
        const t = performance.now();
        await request();
        latencies.push(performance.now() - t);
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return { requests: latencies.length, perSecond: latencies.length / elapsed, p50: percentile(latencies, 50), p99: percentile(latencies, 99) };
}

export const format = (result: LoadResult) =>
  `${result.perSecond.toFixed(0)} req/s, p50 ${result.p50.toFixed(1)} ms, p99 ${result.p99.toFixed(1)} ms (${result.requests} requests)`;
