// Rate limits behind a load balancer: two instances on one PostgreSQL and one Redis count a
// client's requests against one budget, whichever instance answers them; without Redis each
// instance would admit the whole budget again.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { tokenFor } from '../support/server.js';
import { startInstancePair, type ApiProcess } from '../support/processes.js';
import { seedIds } from '../../src/seed/ids.js';
import { globalIdOf } from '../../src/global-id.js';

const ANONYMOUS = 4;
const EXPENSIVE = 2;
let a: ApiProcess;
let b: ApiProcess;
let stop: (() => Promise<void>) | undefined;

beforeAll(async () => {
  ({ a, b, stop } = await startInstancePair({
    RATE_LIMIT_ANONYMOUS: String(ANONYMOUS),
    RATE_LIMIT_EXPENSIVE: String(EXPENSIVE),
    RATE_LIMIT_WINDOW_SECONDS: '300',
    TRUST_PROXY: 'true',
  }));
});

afterAll(() => stop?.());

const post = (instance: ApiProcess, query: string, from: string, token?: string) =>
  fetch(`${instance.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': from, ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query }),
  });

it('counts an anonymous client on both instances against one budget', async () => {
  const statuses: number[] = [];
  for (let index = 0; index < ANONYMOUS; index += 1) statuses.push((await post(index % 2 ? b : a, '{ bodies { name } }', '198.51.100.1')).status);
  expect(statuses).toEqual(Array(ANONYMOUS).fill(200));
  // Each instance has answered only half the budget, yet both refuse now.
  for (const instance of [a, b]) {
    const refused = await post(instance, '{ bodies { name } }', '198.51.100.1');
    expect(refused.status).toBe(429);
    expect((await refused.json()).errors[0].extensions.code).toBe('RATE_LIMITED');
  }
  // Another address has its own budget.
  expect((await post(b, '{ bodies { name } }', '198.51.100.2')).status).toBe(200);
});

it('counts the expensive fields of a signed-in client on both instances against one budget', async () => {
  const member = await tokenFor(['member'], seedIds.person.zieger);
  const minutes = `{ node(id: "${globalIdOf('Meeting', seedIds.meeting2024)}") { ... on Meeting { minutes(format: MARKDOWN) { content } } } }`;
  for (const [instance, from] of [[a, '198.51.100.3'], [b, '198.51.100.4']] as const) {
    const answer = await (await post(instance, minutes, from, member)).json();
    expect(answer.errors).toBeUndefined();
    expect(answer.data.node.minutes.content).toBeTruthy();
  }
  const refused = await (await post(a, minutes, '198.51.100.5', member)).json();
  expect(refused.errors[0].extensions.code).toBe('RATE_LIMITED');
});
