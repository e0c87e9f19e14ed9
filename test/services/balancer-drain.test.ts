// A graceful restart behind the load balancer, as an operator does it during the day: a steady
// stream of queries and mutations goes through HAProxy (haproxy.cfg) while one of three instances
// gets SIGTERM, drains and exits, and later starts again. No client may see a 5xx (a connection the
// draining instance closes must not surface as a 502) or a failed connection, and every mutation
// the balancer acknowledged must be in the database.
import pg from 'pg';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestDatabase, tokenFor } from '../support/server.js';
import { freePort, startApi, startBalancer, startRedis, type ApiProcess, type Process } from '../support/processes.js';

/** Clients sending one request after the other, at the same time. */
const CLIENTS = 6;
/** Every this many requests a client sends a mutation instead of a query. */
const MUTATION_EVERY = 5;

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let redis: Process;
let balancer: Process;
let env: Record<string, string>;
let instances: ApiProcess[];
let url: string;
let clerk: string;

beforeAll(async () => {
  database = await createTestDatabase();
  const redisPort = await freePort();
  redis = await startRedis(redisPort);
  // The clients all come from one address: no rate limit for this test.
  env = { DATABASE_URL: database.url, REDIS_URL: `redis://127.0.0.1:${redisPort}`, RATE_LIMIT_ANONYMOUS: '0', RATE_LIMIT_EXPENSIVE: '0' };
  instances = [await startApi(env)];
  instances.push(...(await Promise.all([startApi(env), startApi(env)])));
  const balancerPort = await freePort();
  balancer = await startBalancer(balancerPort, instances.map((instance) => Number(new URL(instance.url).port)));
  url = `http://127.0.0.1:${balancerPort}`;
  clerk = await tokenFor(['clerk']);
}, 240_000);

afterAll(async () => {
  await balancer?.stop();
  await Promise.all((instances ?? []).map((instance) => instance.stop()));
  await redis?.stop();
  await database?.drop();
});

interface Outcome {
  status: number | 'connection failed';
  /** The name of the person an acknowledged mutation created. */
  created?: string;
}

async function send(index: number, client: number): Promise<Outcome> {
  const mutation = index % MUTATION_EVERY === 0;
  const name = `Drain ${client}-${index}`;
  const body = mutation
    ? { query: 'mutation($n: String!) { createPerson(name: $n) { id name } }', variables: { n: name } }
    : { query: '{ meetings(first: 5) { edges { node { name agendaItems { name } } } } }' };
  try {
    const response = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(mutation ? { authorization: `Bearer ${clerk}` } : {}) },
      body: JSON.stringify(body),
    });
    const text = await response.text();
    const answer = response.ok && response.headers.get('content-type')?.includes('json') ? JSON.parse(text) : undefined;
    return { status: response.status, created: mutation && !answer?.errors ? answer?.data?.createPerson?.name : undefined };
  } catch {
    return { status: 'connection failed' };
  }
}

it('answers every request while an instance drains, exits and comes back, and keeps every acknowledged mutation', async () => {
  const outcomes: Outcome[] = [];
  let running = true;
  const clients = Array.from({ length: CLIENTS }, async (_, client) => {
    for (let index = 0; running; index += 1) outcomes.push(await send(index, client));
  });

  await sleep(2_000);
  const [draining] = instances;
  const port = Number(new URL(draining!.url).port);
  const before = outcomes.length;
  // SIGTERM: readiness turns 503, connections are closed, the process exits by itself.
  await draining!.stop();
  expect(await draining!.exited).toBe(0);
  const duringDrain = outcomes.length - before;
  await sleep(3_000);
  // The update is done: the instance starts again on its address, and HAProxy takes it back.
  instances[0] = await startApi(env, port);
  await sleep(4_000);
  running = false;
  await Promise.all(clients);

  const failed = outcomes.filter((outcome) => outcome.status === 'connection failed' || outcome.status >= 500);
  expect(failed.map((outcome) => outcome.status), `${failed.length} of ${outcomes.length} requests failed`).toEqual([]);
  expect(outcomes.every((outcome) => outcome.status === 200)).toBe(true);
  // The stream was steady: requests ran while the instance drained.
  expect(duringDrain).toBeGreaterThan(0);
  const acknowledged = outcomes.flatMap((outcome) => (outcome.created ? [outcome.created] : []));
  expect(acknowledged.length).toBeGreaterThan(CLIENTS);
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  const { rows } = await client.query<{ name: string }>(`SELECT name FROM "Person" WHERE name LIKE 'Drain %'`);
  await client.end();
  const stored = new Set(rows.map((row) => row.name));
  expect(acknowledged.filter((name) => !stored.has(name))).toEqual([]);
}, 300_000);
