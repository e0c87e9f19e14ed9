// What a production deployment exposes to browsers and tools by default, and what it can turn off.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getIntrospectionQuery } from 'graphql';
import { loadConfig } from '../src/config.js';
import { startTestServer, type TestServer } from './support/server.js';

const production = (env: Record<string, string> = {}) => loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'secret', ...env }).http;

let open: TestServer;
let locked: TestServer;
beforeAll(async () => {
  open = await startTestServer({ production: true, http: production() });
  locked = await startTestServer({
    production: true,
    http: production({ CORS_ORIGINS: 'https://rat.example.de, https://app.example.de', INTROSPECTION: 'false', GRAPHIQL: 'false' }),
  });
});
afterAll(async () => {
  await open?.stop();
  await locked?.stop();
});

const preflight = (server: TestServer, origin: string) =>
  fetch(`${server.url}/graphql`, {
    method: 'OPTIONS',
    headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization, content-type' },
  });

describe('CORS', () => {
  it('lets any origin call the API by default, never with credentials', async () => {
    const response = await preflight(open, 'https://evil.example');
    expect(response.headers.get('access-control-allow-origin')).toBe('https://evil.example');
    expect(response.headers.get('access-control-allow-credentials')).toBeNull();
    const post = await fetch(`${open.url}/graphql`, {
      method: 'POST',
      headers: { origin: 'https://evil.example', 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(post.headers.get('access-control-allow-credentials')).toBeNull();
  });

  it('answers only the configured origins when CORS_ORIGINS is set', async () => {
    const allowed = await preflight(locked, 'https://app.example.de');
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://app.example.de');
    expect(allowed.headers.get('access-control-allow-credentials')).toBeNull();
    const other = await preflight(locked, 'https://evil.example');
    expect(other.headers.get('access-control-allow-origin')).not.toBe('https://evil.example');
  });
});

describe('GraphiQL and introspection', () => {
  const graphiql = (server: TestServer) => fetch(`${server.url}/graphql`, { headers: { accept: 'text/html' } });

  it('serves no GraphiQL in production unless GRAPHIQL=true', async () => {
    expect(production().graphiql).toBe(false);
    expect(production({ GRAPHIQL: 'true' }).graphiql).toBe(true);
    expect(loadConfig({ NODE_ENV: 'development' }).http.graphiql).toBe(true);
    const response = await graphiql(open);
    expect(await response.text()).not.toContain('GraphiQL');
  });

  it('serves GraphiQL in development', async () => {
    const development = await startTestServer();
    try {
      expect(await (await graphiql(development)).text()).toContain('GraphiQL');
    } finally {
      await development.stop();
    }
  });

  it('answers introspection by default, and refuses it with INTROSPECTION=false', async () => {
    expect((await open.graphql(getIntrospectionQuery())).data.__schema.queryType.name).toBe('Query');
    const refused = await locked.graphql(getIntrospectionQuery());
    expect(refused.data).toBeUndefined();
    expect(refused.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('refuses unknown settings instead of guessing', () => {
    expect(() => production({ INTROSPECTION: 'no' })).toThrow('INTROSPECTION must be true or false, not "no".');
  });
});
