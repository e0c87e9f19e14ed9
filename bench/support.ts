// Shared by the benchmarks: a scratch PostgreSQL database, a server on it (rate limits off: the
// load comes from one address) in this process or in its own, a load loop, percentiles.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import type pg from 'pg';
import { createTestDatabase } from '../test/support/server.js';
import { loadConfig, type Config } from '../src/config.js';
import { startInstance, type Instance } from '../src/start.js';

/** The environment of a bench server: production defaults, rate limits off. */
const BENCH_ENV = { EXPOSE_QUERY_STATS: 'true', NODE_ENV: 'production', JWT_SECRET: 'bench', RATE_LIMIT_ANONYMOUS: '0', RATE_LIMIT_EXPENSIVE: '0' };

export async function benchServer(overrides: Partial<Config> = {}): Promise<Instance & { dispose(): Promise<void> }> {
  const database = await createTestDatabase();
  const config = { ...loadConfig({ PORT: '0', ...BENCH_ENV }), databaseUrl: database.url, ...overrides };
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

/** USER_HZ of /proc/<pid>/stat: 100 on every Linux build this runs on. */
const CLOCK_TICKS_PER_SECOND = 100;

/**
 * A local process's CPU time (user and system) so far in ms, from Linux's /proc (undefined once it
 * has ended): on a shared machine a steadier figure than a rate, which moves with what else runs.
 */
function processCpuMs(pid: number): number | undefined {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS_PER_SECOND;
  } catch {
    return undefined;
  }
}

/**
 * CPU time so far of each PostgreSQL backend connected to `db`'s database (but `db`'s own), by
 * process id, when PostgreSQL runs on this machine; undefined otherwise.
 */
export async function databaseCpu(db: pg.Client): Promise<Map<number, number> | undefined> {
  const { rows } = await db.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()');
  const backends = rows.map((row): [number, number | undefined] => [row.pid, isPostgres(row.pid) ? processCpuMs(row.pid) : undefined]);
  return backends.every(([, ms]) => ms !== undefined) ? new Map(backends as [number, number][]) : undefined;
}

/** The backends' CPU time from one reading of `databaseCpu` to a later one; a backend that ended in between is left out. */
export const databaseCpuBetween = (before: Map<number, number>, after: Map<number, number>) =>
  [...after].reduce((sum, [pid, ms]) => sum + ms - (before.get(pid) ?? 0), 0);

const isPostgres = (pid: number) => {
  try {
    return readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'postgres';
  } catch {
    return false;
  }
};

/**
 * The V8 options of the image (`NODE_OPTIONS` in the Dockerfile), so that a bench server in a
 * process of its own runs as in production: a young generation of 64 MB instead of 16 MB, which
 * a request's short-lived objects (Prisma's rows, the response) fill four times more slowly.
 */
export const PRODUCTION_NODE_OPTIONS = '--max-semi-space-size=64';

/** The API server (src/main.ts) in a process of its own with `env`, on a free port, once it is ready. */
export async function apiServerProcess(env: Record<string, string>): Promise<{ url: string; cpuMs(): number; stop(): Promise<void> }> {
  const probe = createServer().listen(0, '127.0.0.1');
  await once(probe, 'listening');
  const port = (probe.address() as { port: number }).port;
  probe.close();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    env: { ...process.env, NODE_OPTIONS: PRODUCTION_NODE_OPTIONS, ...env, PORT: String(port), PUBLIC_URL: url },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  process.once('exit', () => child.kill());
  for (let attempt = 0; !(await fetch(`${url}/ready`).then((response) => response.ok, () => false)); attempt++) {
    if (attempt > 600 || child.exitCode !== null) throw new Error('The bench server did not start.');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    url,
    cpuMs: () => processCpuMs(child.pid!) ?? NaN,
    stop: async () => {
      child.kill('SIGTERM');
      await once(child, 'exit');
    },
  };
}

/**
 * A bench server (migrated and seeded, as `benchServer`) in a process of its own, so that the
 * load generated in this one does not share the server's thread; `databaseUrl` is its database.
 */
export async function benchServerProcess(): Promise<{ url: string; databaseUrl: string; cpuMs(): number; dispose(): Promise<void> }> {
  const database = await createTestDatabase();
  const server = await apiServerProcess({ ...BENCH_ENV, DATABASE_URL: database.url });
  return {
    url: server.url,
    databaseUrl: database.url,
    cpuMs: server.cpuMs,
    dispose: async () => {
      await server.stop();
      await database.drop();
    },
  };
}

export function percentile(sorted: number[], p: number): number {
  // NaN for no values.
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

export interface LoadResult {
  requests: number;
  perSecond: number;
  p50: number;
  p99: number;
}

/** `concurrency` loops call `request` for `seconds`; latencies in milliseconds, unsorted. */
export async function measure(request: () => Promise<void>, seconds: number, concurrency: number): Promise<{ latencies: number[]; seconds: number }> {
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
  return { latencies, seconds: (performance.now() - started) / 1000 };
}

/** Requests per second and percentiles of one or more measurements taken with `measure`. */
export function summarize(runs: { latencies: number[]; seconds: number }[]): LoadResult {
  const latencies = runs.flatMap((run) => run.latencies).sort((a, b) => a - b);
  const seconds = runs.reduce((sum, run) => sum + run.seconds, 0);
  return { requests: latencies.length, perSecond: latencies.length / seconds, p50: percentile(latencies, 50), p99: percentile(latencies, 99) };
}

export async function load(request: () => Promise<void>, seconds: number, concurrency: number): Promise<LoadResult> {
  return summarize([await measure(request, seconds, concurrency)]);
}

export const format = (result: LoadResult) =>
  `${result.perSecond.toFixed(0)} req/s, p50 ${result.p50.toFixed(1)} ms, p99 ${result.p99.toFixed(1)} ms (${result.requests} requests)`;
