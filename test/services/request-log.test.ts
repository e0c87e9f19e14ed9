// The log an operator reads: one JSON line per request with its id, operation, status, duration
// and error codes; never a token, never what a request carried (a non-public protocol text).
import { once } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { seedIds } from '../../src/seed/ids.js';
import { globalIdOf } from '../../src/global-id.js';
import { createTestDatabase, tokenFor } from '../support/server.js';
import { freePort, startApi, startRedis, type ApiProcess, type Process } from '../support/processes.js';

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let redis: Process;
let api: ApiProcess;

beforeAll(async () => {
  database = await createTestDatabase();
  const redisPort = await freePort();
  redis = await startRedis(redisPort);
  api = await startApi({ DATABASE_URL: database.url, REDIS_URL: `redis://127.0.0.1:${redisPort}`, LOG_LEVEL: 'info', LOG_FORMAT: 'json', WS_MAX_MESSAGE_BYTES: '1000' });
});

afterAll(async () => {
  await api?.stop();
  await redis?.stop();
  await database?.drop();
});

const post = (body: object, headers: Record<string, string>) =>
  fetch(`${api.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

const requestLines = () =>
  api.output().split('\n').filter((line) => line.startsWith('{')).map((line) => JSON.parse(line)).filter((line) => line.msg === 'request');

describe('request log', () => {
  it('writes a JSON line per request with id, operation, status, duration and error codes, and no secret', async () => {
    const clerk = await tokenFor(['clerk']);
    const secret = 'Vertraulich: Personalangelegenheit Z-4711';
    const nonPublicItem = globalIdOf('AgendaItem', seedIds.agendaItem['8']);
    const changed = await post(
      { query: `mutation Annotate($id: ID!, $text: String!) { annotateAgendaItem(agendaItemId: $id, protocolText: $text) { id } }`, variables: { id: nonPublicItem, text: secret } },
      { authorization: `Bearer ${clerk}`, 'x-request-id': 'request-from-the-balancer' },
    );
    expect(changed.headers.get('x-request-id')).toBe('request-from-the-balancer');
    const refused = await post({ query: `query Lookup { node(id: "nonsense") { id } }` }, {});
    const requestId = refused.headers.get('x-request-id');
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);

    let lines = requestLines();
    for (let attempt = 0; attempt < 50 && lines.length < 2; attempt += 1) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      lines = requestLines();
    }
    expect(lines.find((line) => line.requestId === 'request-from-the-balancer')).toMatchObject({ operationName: 'Annotate', status: 200, method: 'POST', level: 30 });
    const refusal = lines.find((line) => line.requestId === requestId);
    expect(refusal).toMatchObject({ operationName: 'Lookup', errorCodes: ['BAD_USER_INPUT'] });
    expect(typeof refusal.durationMs).toBe('number');
    expect(api.output()).not.toContain(clerk);
    expect(api.output()).not.toContain(secret);
  });

  it("logs a client's own mistake (an unknown record, an oversized WebSocket message) at debug, not as a server error", async () => {
    const clerk = await tokenFor(['clerk']);
    const unknownMeeting = globalIdOf('Meeting', '00000000-0000-4000-8000-000000000000');
    const response = await post(
      { query: `mutation Delete($id: ID!) { deleteMeeting(meetingId: $id) { id } }`, variables: { id: unknownMeeting } },
      { authorization: `Bearer ${clerk}`, 'x-request-id': 'unknown-meeting' },
    );
    const { errors } = (await response.json()) as { errors: { extensions: { code: string } }[] };
    expect(errors.map((error) => error.extensions.code)).toEqual(['NOT_FOUND']);
    let line = requestLines().find((candidate) => candidate.requestId === 'unknown-meeting');
    for (let attempt = 0; attempt < 50 && !line; attempt += 1) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      line = requestLines().find((candidate) => candidate.requestId === 'unknown-meeting');
    }
    expect(line).toMatchObject({ operationName: 'Delete', errorCodes: ['NOT_FOUND'] });
    // A WebSocket message over WS_MAX_MESSAGE_BYTES: closed with 1009, the client's mistake too.
    const socket = new WebSocket(`${api.url.replace(/^http/, 'ws')}/graphql`, 'graphql-transport-ws');
    await once(socket, 'open');
    socket.send(JSON.stringify({ type: 'connection_init', payload: { padding: 'x'.repeat(2_000) } }));
    const [code] = await once(socket, 'close');
    expect(code).toBe(1009);
    const errorLines = api.output().split('\n').filter((text) => text.startsWith('{')).map((text) => JSON.parse(text)).filter((entry) => entry.level >= 50);
    expect(errorLines).toEqual([]);
  });
});
