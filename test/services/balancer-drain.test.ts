// A graceful restart behind the load balancer, as an operator does it during the day: a steady
// stream of queries and mutations goes through HAProxy (haproxy.cfg) while one of three instances
// gets SIGTERM, drains and exits, and later starts again. No client may see a 5xx (a connection the
// draining instance closes must not surface as a 502) or a failed connection, and every mutation
// the balancer acknowledged must be in the database.
import { request } from 'node:http';
import pg from 'pg';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { tokenFor } from '../support/server.js';
import { startApi, startTopology, type Topology } from '../support/processes.js';

/** Clients sending one request after the other, at the same time. */
const CLIENTS = 6;
/** Every this many requests a client sends a mutation instead of a query. */
const MUTATION_EVERY = 5;

let topology: Topology;
let url: string;
let clerk: string;

beforeAll(async () => {
  // The clients all come from one address: no rate limit for this test. The request log tells
  // which instance answered which operation.
  topology = await startTopology({ RATE_LIMIT_ANONYMOUS: '0', RATE_LIMIT_EXPENSIVE: '0', LOG_LEVEL: 'info' });
  url = topology.url;
  clerk = await tokenFor(['clerk']);
}, 240_000);

afterAll(() => topology?.stop());

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

/**
 * A client on a slow line: its request is still arriving when the instance is told to stop, and
 * the balancer marks the instance down before the answer is ready.
 */
function slowRequest(milliseconds: number): Promise<number | 'connection failed'> {
  // Whitespace after the JSON document is still the same document.
  const body = JSON.stringify({ query: 'query SlowRequest { meetings(first: 1) { edges { node { name } } } }' }) + ' '.repeat(100);
  return new Promise((resolve) => {
    const outgoing = request(`${url}/graphql`, { method: 'POST', agent: false, headers: { 'content-type': 'application/json', 'content-length': body.length } }, (response) => {
      response.resume();
      response.on('end', () => resolve(response.statusCode!));
      response.on('error', () => resolve('connection failed'));
    });
    outgoing.on('error', () => resolve('connection failed'));
    const pieces = 10;
    const size = Math.ceil(body.length / pieces);
    const sendPiece = (piece: number) => {
      if (piece === pieces) return outgoing.end();
      outgoing.write(body.slice(piece * size, (piece + 1) * size));
      setTimeout(() => sendPiece(piece + 1), milliseconds / pieces);
    };
    sendPiece(0);
  });
}

it('answers every request while an instance drains, exits and comes back, and keeps every acknowledged mutation', async () => {
  const outcomes: Outcome[] = [];
  let running = true;
  const clients = Array.from({ length: CLIENTS }, async (_, client) => {
    for (let index = 0; running; index += 1) outcomes.push(await send(index, client));
  });

  await sleep(2_000);
  const { instances, env } = topology;
  const [draining] = instances;
  const port = Number(new URL(draining!.url).port);
  const before = outcomes.length;
  // Requests still arriving when the instance gets SIGTERM (leastconn spreads them, so some reach
  // the draining one): it finishes them although the balancer has marked it down meanwhile.
  const slowRequests = Array.from({ length: 6 }, () => slowRequest(3_000));
  await sleep(300);
  // SIGTERM: readiness turns 503, connections are closed, the process exits by itself.
  const stopped = draining!.stop();
  expect(await Promise.all(slowRequests)).toEqual(Array(6).fill(200));
  await stopped;
  expect(await draining!.exited).toBe(0);
  expect(draining!.output()).toContain('SlowRequest');
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
  const client = new pg.Client({ connectionString: topology.env.DATABASE_URL });
  await client.connect();
  const { rows } = await client.query<{ name: string }>(`SELECT name FROM "Person" WHERE name LIKE 'Drain %'`);
  await client.end();
  const stored = new Set(rows.map((row) => row.name));
  expect(acknowledged.filter((name) => !stored.has(name))).toEqual([]);
}, 300_000);
