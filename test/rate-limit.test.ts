// Rate limits per client through the public API: anonymous requests by address, expensive fields
// by token subject (else address); 429 with Retry-After over HTTP, RATE_LIMITED over WebSocket.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { globalIdOf } from '../src/global-id.js';
import { seedIds } from '../src/seed/ids.js';
import { startTestServer, tokenFor, type TestServer } from './support/server.js';
import { wsClient } from './support/live.js';

let server: TestServer;
const WINDOW = 60;
const ANONYMOUS = 5;
const EXPENSIVE = 2;
beforeAll(async () => {
  server = await startTestServer({ rateLimits: { windowSeconds: WINDOW, anonymous: ANONYMOUS, expensive: EXPENSIVE, trustProxy: true } });
});
afterAll(() => server?.stop());

/** POST from a client address (behind the trusted proxy) with an optional token. */
const post = (query: string, { from, token, variables }: { from: string; token?: string; variables?: object }) =>
  fetch(`${server.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': `203.0.113.7, ${from}`, ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });

describe('anonymous requests', () => {
  it(`admit ${ANONYMOUS} root fields per window from one address, then answer 429 with Retry-After and RATE_LIMITED`, async () => {
    for (let index = 0; index < ANONYMOUS - 1; index += 1) expect((await post('{ bodies { name } }', { from: '10.0.0.1' })).status).toBe(200);
    // Two root fields count twice: this one goes over.
    const refused = await post('{ bodies { name } persons(first: 1) { totalCount } }', { from: '10.0.0.1' });
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe(String(WINDOW));
    const body = await refused.json();
    expect(body.data ?? null).toBeNull();
    expect(body.errors[0].extensions).toEqual({ code: 'RATE_LIMITED', retryAfter: WINDOW });

    // Another address, and a signed-in client at the same address, are not held back.
    expect((await post('{ bodies { name } }', { from: '10.0.0.2' })).status).toBe(200);
    const member = await tokenFor(['member'], seedIds.person.zieger);
    for (let index = 0; index < ANONYMOUS + 2; index += 1) expect((await post('{ bodies { name } }', { from: '10.0.0.1', token: member })).status).toBe(200);
  });
});

describe('expensive fields', () => {
  const SEARCH = '{ search(query: "Digitalisierung", first: 1) { totalCount } }';

  it('are limited per token subject, whatever the address', async () => {
    const member = await tokenFor(['member'], seedIds.person.zieger);
    for (let index = 0; index < EXPENSIVE; index += 1) expect((await post(SEARCH, { from: `10.1.0.${index}`, token: member })).status).toBe(200);
    const refused = await post(SEARCH, { from: '10.1.0.99', token: member });
    expect(refused.status).toBe(429);
    expect((await refused.json()).errors[0].extensions.code).toBe('RATE_LIMITED');
    // Another person has a budget of its own; the member's other queries are not limited.
    expect((await post(SEARCH, { from: '10.1.0.99', token: await tokenFor(['member'], seedIds.person.weiss) })).status).toBe(200);
    expect((await post('{ bodies { name } }', { from: '10.1.0.99', token: member })).status).toBe(200);
  });

  it('count each alias, so that many minutes in one request are refused', async () => {
    const clerk = await tokenFor(['clerk'], seedIds.person.becker);
    const minutes = Array.from({ length: EXPENSIVE + 1 }, (_, i) => `m${i}: minutes(format: MARKDOWN) { content }`).join(' ');
    const refused = await post(`query($m: ID!) { node(id: $m) { ... on Meeting { ${minutes} } } }`, { from: '10.2.0.1', token: clerk, variables: { m: globalIdOf('Meeting', seedIds.meeting2024) } });
    expect(refused.status).toBe(429);
  });
});

describe('over WebSocket', () => {
  it('answers the operation over the limit with RATE_LIMITED and keeps the socket', async () => {
    const client = wsClient(server);
    const query = () =>
      new Promise<any>((resolve, reject) => {
        let first: unknown;
        client.subscribe({ query: '{ bodies { name } }' }, { next: (result) => void (first ??= result), error: reject, complete: () => resolve(first) });
      });
    const results = [];
    for (let index = 0; index <= ANONYMOUS; index += 1) results.push(await query());
    expect(results.slice(0, ANONYMOUS).every((result) => !result.errors)).toBe(true);
    expect(results[ANONYMOUS].errors[0].extensions).toEqual({ code: 'RATE_LIMITED', retryAfter: WINDOW });
    await client.dispose();
  });
});

describe('the defaults', () => {
  it('admit a busy frontend and a display from one address, and a member searching often', async () => {
    const defaults = await startTestServer({ rateLimits: loadConfig({}).rateLimits });
    try {
      const at = (query: string, token?: string) =>
        fetch(`${defaults.url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
          body: JSON.stringify({ query }),
        }).then((response) => response.status);
      // 100 page views of three root fields each within the minute, and 60 searches.
      const statuses: number[] = [];
      for (let batch = 0; batch < 10; batch += 1) {
        statuses.push(...(await Promise.all(Array.from({ length: 10 }, () => at('{ bodies { name } meetings(first: 5) { totalCount } organizations(first: 5) { totalCount } }')))));
      }
      const member = await tokenFor(['member'], seedIds.person.zieger);
      for (let batch = 0; batch < 6; batch += 1) statuses.push(...(await Promise.all(Array.from({ length: 10 }, () => at('{ search(query: "Haushalt", first: 5) { totalCount } }', member)))));
      expect(statuses.filter((status) => status !== 200)).toEqual([]);
    } finally {
      await defaults.stop();
    }
  });
});
