// SIGTERM on an instance with open subscriptions: it drains and exits by itself, promptly.
// WebSocket clients are told 1001 (going away) and SSE streams end as finished responses, so that
// both reconnect elsewhere and resume from their cursor.
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, tokenFor } from '../support/server.js';
import { freePort, startApi, startRedis, type ApiProcess, type Process } from '../support/processes.js';
import { seedIds } from '../../src/seed/ids.js';
import { globalIdOf } from '../../src/global-id.js';

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let redis: Process;
let redisPort: number;
let api: ApiProcess;

beforeAll(async () => {
  database = await createTestDatabase();
  redisPort = await freePort();
  redis = await startRedis(redisPort);
  api = await startApi({ DATABASE_URL: database.url, REDIS_URL: `redis://127.0.0.1:${redisPort}` });
});

afterAll(async () => {
  await api?.stop();
  await redis?.stop();
  await database?.drop();
});

const EVENTS = `subscription($m: ID!) { meetingEvents(meetingId: $m) { sequence } }`;
const meetingId = globalIdOf('Meeting', seedIds.meeting2024);

describe('graceful shutdown', () => {
  it('answers /health (liveness) and /ready (database, migrations, Redis) separately', async () => {
    const health = await fetch(`${api.url}/health`);
    expect(health.status).toBe(200);
    const ready = await fetch(`${api.url}/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready', checks: { shutdown: true, database: true, migrations: true, redis: true } });
  });

  it('reports not ready while Redis is down, and ready again when it is back', async () => {
    await redis.stop();
    let body: any;
    for (let attempt = 0; attempt < 50 && body?.checks?.redis !== false; attempt += 1) {
      const response = await fetch(`${api.url}/ready`);
      body = await response.json();
      if (body.checks.redis === false) expect(response.status).toBe(503);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(body.checks).toMatchObject({ redis: false, database: true });
    redis = await startRedis(redisPort);
    for (let attempt = 0; attempt < 100 && (await fetch(`${api.url}/ready`)).status !== 200; attempt += 1) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect((await fetch(`${api.url}/ready`)).status).toBe(200);
  });

  it('exits by itself on SIGTERM with a WebSocket and an SSE stream open: 1001 and a finished stream', async () => {
    const token = await tokenFor(['clerk']);
    const socket = new WebSocket(`${api.url.replace(/^http/, 'ws')}/graphql`, 'graphql-transport-ws');
    const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
    await new Promise((resolve) => socket.once('open', resolve));
    socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${token}` } }));
    await new Promise((resolve) => socket.once('message', resolve));
    socket.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query: EVENTS, variables: { m: meetingId } } }));

    const response = await fetch(`${api.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: EVENTS, variables: { m: meetingId } }),
    });
    expect(response.status).toBe(200);
    // Read until the server ends the stream; a cut connection would reject instead.
    const streamEnded = (async () => {
      let text = '';
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) text += Buffer.from(chunk).toString();
      return text;
    })();

    const started = Date.now();
    await api.stop();
    expect(await api.exited).toBe(0);
    // Well below the 10 s deadline: nothing was left waiting for it.
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(await closed).toBe(1001);
    // Ended without a GraphQL `complete`, so that clients resume rather than stop.
    expect(await streamEnded).not.toContain('event: complete');
  });
});
