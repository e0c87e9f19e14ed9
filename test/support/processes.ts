// Real processes for the multi-instance tests: a Redis server of the test's own (so that it can
// be stopped and started without touching the shared one) and API instances (`tsx src/main.ts`).
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { createTestDatabase } from './server.js';

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export interface Process {
  child: ChildProcess;
  /** stdout and stderr as they came. */
  output: () => string;
  errorOutput: () => string;
  /** SIGTERM, then waits for the exit. */
  stop(): Promise<void>;
  /** SIGKILL, as a crash or an OOM kill would end it. */
  kill(): Promise<void>;
  exited: Promise<number | null>;
}

export function run(command: string, args: string[], env: Record<string, string> = {}): Process {
  // Its own process group, so that nothing it starts outlives it.
  const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let output = '';
  let errorOutput = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => {
    output += chunk;
    errorOutput += chunk;
  });
  // 'close', not 'exit': all output has been read by then.
  const exited = new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code)));
  const signal = async (name: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) process.kill(-child.pid!, name);
    await exited;
  };
  return { child, output: () => output, errorOutput: () => errorOutput, exited, stop: () => signal('SIGTERM'), kill: () => signal('SIGKILL') };
}

async function waitFor(check: () => Promise<boolean>, what: string, process: Process) {
  for (let attempt = 0; attempt < 600; attempt += 1) {
    if (process.child.exitCode !== null) break;
    if (await check().catch(() => false)) return;
    await sleep(100);
  }
  throw new Error(`${what} did not come up:\n${process.output()}`);
}

export async function startRedis(port: number): Promise<Process> {
  const redis = run('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no']);
  await waitFor(async () => redis.output().includes('Ready to accept connections'), `redis-server on ${port}`, redis);
  return redis;
}

export interface ApiProcess extends Process {
  url: string;
}

export async function startApi(env: Record<string, string>, port?: number): Promise<ApiProcess> {
  port ??= await freePort();
  // Node itself with tsx's loader, so that a signal reaches the server and its exit status is ours.
  const api = run(process.execPath, ['--import', 'tsx', 'src/main.ts'], { SEED: 'true', NODE_ENV: 'test', ...env, PORT: String(port) });
  const url = `http://127.0.0.1:${port}`;
  await waitFor(async () => (await fetch(`${url}/health`)).ok, `API on ${port}`, api);
  return { ...api, url };
}

/**
 * HAProxy in front of the instances, with the configuration the deployment uses
 * (haproxy.cfg): the instances' addresses come from the environment.
 */
export async function startBalancer(port: number, instancePorts: number[]): Promise<Process> {
  const servers = Object.fromEntries(instancePorts.map((instancePort, index) => [`API_${index + 1}`, `127.0.0.1:${instancePort}`]));
  const balancer = run('haproxy', ['-db', '-f', 'haproxy.cfg'], { ...servers, LISTEN: `127.0.0.1:${port}` });
  await waitFor(async () => (await fetch(`http://127.0.0.1:${port}/ready`)).ok, `HAProxy on ${port}`, balancer);
  return balancer;
}

interface SharedServices {
  /** What every instance runs with: the database, Redis and the test's own settings. */
  env: { DATABASE_URL: string; REDIS_URL: string } & Record<string, string>;
  /** Stops Redis and drops the database. */
  stop(): Promise<void>;
}

/** What instances behind a balancer share: a PostgreSQL database of their own and a Redis server. */
async function startSharedServices(settings: Record<string, string> = {}): Promise<SharedServices> {
  const database = await createTestDatabase();
  const redisPort = await freePort();
  const redis = await startRedis(redisPort);
  return {
    env: { DATABASE_URL: database.url, REDIS_URL: `redis://127.0.0.1:${redisPort}`, ...settings },
    stop: async () => {
      await redis.stop();
      await database.drop();
    },
  };
}

export interface InstancePair {
  a: ApiProcess;
  b: ApiProcess;
  /** Stops both, then their services. */
  stop(): Promise<void>;
}

/** Two instances on shared services, as behind a balancer. */
export async function startInstancePair(settings: Record<string, string> = {}): Promise<InstancePair> {
  const services = await startSharedServices(settings);
  // One after the other: both would seed the same empty database.
  const a = await startApi(services.env);
  const b = await startApi(services.env);
  return {
    a,
    b,
    stop: async () => {
      await Promise.all([a.stop(), b.stop()]);
      await services.stop();
    },
  };
}

export interface Topology {
  /** What every instance runs with: the database, Redis and the test's own settings. */
  env: { DATABASE_URL: string; REDIS_URL: string } & Record<string, string>;
  /** The instances behind the balancer; a test that restarts one puts the new one in its place. */
  instances: ApiProcess[];
  /** The balancer's address: where the clients connect. */
  url: string;
  /** Stops the balancer, the instances and Redis, and drops the database. */
  stop(): Promise<void>;
}

/**
 * The production topology with processes: three instances on one PostgreSQL database of their
 * own and one Redis server behind HAProxy.
 */
export async function startTopology(settings: Record<string, string> = {}): Promise<Topology> {
  const services = await startSharedServices(settings);
  const { env } = services;
  // One first, so that the others find the database migrated and seeded.
  const instances = [await startApi(env)];
  instances.push(...(await Promise.all([startApi(env), startApi(env)])));
  const balancerPort = await freePort();
  const balancer = await startBalancer(
    balancerPort,
    instances.map((instance) => Number(new URL(instance.url).port)),
  );
  return {
    env,
    instances,
    url: `http://127.0.0.1:${balancerPort}`,
    stop: async () => {
      await balancer.stop();
      await Promise.all(instances.map((instance) => instance.stop()));
      await services.stop();
    },
  };
}
