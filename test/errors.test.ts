// Bad input gets a clear error with a stable code; never a stack trace or an internal message.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedIds } from '../src/seed/ids.js';
import { globalIdOf } from '../src/global-id.js';
import { startTestServer, type TestServer } from './support/server.js';

let server: TestServer;
beforeAll(async () => {
  // Production mode: what a client on the internet sees.
  server = await startTestServer({ production: true });
});
afterAll(() => server?.stop());

const codes = (response: { errors?: { extensions?: { code?: string } }[] }) => response.errors?.map((error) => error.extensions?.code);

describe('IDs', () => {
  it('refuses a malformed ID with BAD_USER_INPUT', async () => {
    const response = await server.graphql(`{ node(id: "not-an-id") { id } }`);
    expect(codes(response)).toEqual(['BAD_USER_INPUT']);
    expect(response.errors![0].message).toBe('"not-an-id" is not a valid ID.');
  });

  it('answers a well-formed unknown ID with NOT_FOUND', async () => {
    const unknown = globalIdOf('Meeting', '00000000-0000-4000-8000-000000000000');
    expect(codes(await server.graphql(`query($id: ID!) { node(id: $id) { id } }`, { id: unknown }))).toEqual(['NOT_FOUND']);
    expect(codes(await server.graphql(`{ node(id: "${globalIdOf('Nonsense', '1')}") { id } }`))).toEqual(['NOT_FOUND']);
  });

  it('answers nodes() per element', async () => {
    const known = globalIdOf('Person', seedIds.person.weiss);
    const unknown = globalIdOf('Person', '00000000-0000-4000-8000-000000000000');
    const response = await server.graphql(`query($ids: [ID!]!) { nodes(ids: $ids) { id } }`, { ids: [known, unknown] });
    expect(response.data.nodes).toEqual([{ id: known }, null]);
    expect(codes(response)).toEqual(['NOT_FOUND']);
  });

  it('refuses an ID of the wrong type in a filter', async () => {
    const response = await server.graphql(`query($id: ID!) { meetings(organizationId: $id) { totalCount } }`, { id: globalIdOf('Person', seedIds.person.weiss) });
    expect(codes(response)).toEqual(['BAD_USER_INPUT']);
    expect(response.errors![0].message).toBe('organizationId must be the ID of a Organization, not of a Person.');
  });
});

describe('page sizes and values', () => {
  it.each([
    [`{ persons(first: 101) { totalCount } }`, 'first must not be more than 100.'],
    [`{ persons(first: -1) { totalCount } }`, 'first must not be negative.'],
    [`{ organizations { edges { node { memberships(first: 500) { totalCount } } } } }`, 'first must not be more than 100.'],
  ])('%s', async (query, message) => {
    const response = await server.graphql(query);
    expect(codes(response)).toEqual(['BAD_USER_INPUT']);
    expect(response.errors![0].message).toBe(message);
  });

  it('checks first given as a variable too', async () => {
    expect(codes(await server.graphql(`query($n: Int) { persons(first: $n) { totalCount } }`, { n: 1000 }))).toEqual(['BAD_USER_INPUT']);
  });

  it('refuses malformed dates with BAD_USER_INPUT', async () => {
    const response = await server.graphql(`{ meetings(from: "gestern") { totalCount } }`);
    expect(response.errors![0].message).toContain('"gestern" is not a valid DateTime');
    expect(codes(await server.graphql(`{ assignments(from: "31.12.2020") { totalCount } }`))).toEqual(['BAD_USER_INPUT']);
  });

  it('refuses wrong argument types with a validation error', async () => {
    const response = await server.graphql(`{ persons(first: "zehn") { totalCount } }`);
    expect(codes(response)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
  });
});

describe('abusive queries', () => {
  it('refuses queries deeper than the limit', async () => {
    const deep = `{ meetings { edges { node { organizations { memberships { edges { node { person { memberships { edges { node { organization { name } } } } } } } } } } } } }`;
    const response = await server.graphql(deep);
    expect(response.data).toBeUndefined();
    expect(response.errors![0].message).toMatch(/depth/i);
  });

  it('refuses queries above the cost limit', async () => {
    const fields = Array.from({ length: 400 }, (_, i) => `m${i}: meetings(first: 100) { edges { node { name agendaItems { name } } } }`).join(' ');
    const response = await server.graphql(`{ ${fields} }`);
    expect(response.data).toBeUndefined();
    expect(response.errors![0].message).toMatch(/cost/i);
  });
});

describe('production mode', () => {
  it('masks unexpected errors without stack or internals', async () => {
    // A resolver fails for a reason that is not the client's: its table has gone from under the
    // running server (renamed back afterwards; this file's database is its own).
    const { session } = server.services.db;
    await session.query('ALTER TABLE "Body" RENAME TO "BodyGone"');
    try {
      const response = await fetch(`${server.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ bodies { name } }' }) });
      const body = await response.text();
      expect(JSON.parse(body).errors).toEqual([{ message: 'Unexpected error.', extensions: { code: 'INTERNAL_SERVER_ERROR' }, locations: [{ line: 1, column: 3 }], path: ['bodies'] }]);
      expect(body).not.toMatch(/at .*\.(js|ts):\d+/);
      expect(body).not.toMatch(/stack|Body|table|does not exist|prisma/i);
    } finally {
      await session.query('ALTER TABLE "BodyGone" RENAME TO "Body"');
    }
  });

  it('answers /health with 200 while the database answers', async () => {
    const response = await fetch(`${server.url}/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: 'ok' });
  });
});
