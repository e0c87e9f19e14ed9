// The cost model through the public API, over HTTP and WebSocket: what frontends, the pages and a
// live dashboard ask for is admitted; page sizes from variables, aliases of expensive fields and
// long `nodes` lists are refused before execution with a coded error.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { globalIdOf } from '../src/global-id.js';
import { seedIds } from '../src/seed/ids.js';
import { startTestServer, type GraphQLResponse, type TestServer } from './support/server.js';
import { wsClient } from './support/live.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.stop());

type Transport = 'HTTP' | 'WebSocket';
/** One query or mutation; its (first) result. */
async function run(transport: Transport, query: string, variables: Record<string, unknown> = {}, operationName?: string): Promise<GraphQLResponse<any>> {
  if (transport === 'HTTP') {
    const response = await fetch(`${server.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables, operationName }) });
    return response.json();
  }
  const client = wsClient(server);
  try {
    return await new Promise((resolve, reject) => {
      let first: GraphQLResponse<any> | undefined;
      client.subscribe({ query, variables, operationName }, { next: (result) => void (first ??= result as GraphQLResponse<any>), error: reject, complete: () => resolve(first!) });
    });
  } finally {
    await client.dispose();
  }
}
const codeOf = (response: GraphQLResponse<unknown>) => response.errors?.[0]?.extensions?.code;

const COMMITTEES_AND_MEMBERS = `query($committees: Int, $members: Int) {
  organizations(first: $committees) { edges { node { id name memberships(first: $members) { edges { node { role votingRight person { id name familyName } } } } } } }
}`;
const PERSONS_AND_MEMBERSHIPS = `query { persons(first: 50) { edges { node { name memberships(first: 20) { edges { node { role startDate endDate organization { id name } } } } } } } }`;
const DAY_OF_MEETINGS = `query($from: DateTime!, $to: DateTime!) {
  meetings(from: $from, to: $to, first: 50) { edges { node {
    id name start end meetingState location { description }
    organizations { id name }
    agendaItems { id number name public state result resolutionText
      papers { id reference name date }
      votes { id subject kind state yes no abstain result unanimous } }
    attendance { role status arrivedAt leftAt person { id name } substituteFor { name } }
  } } }
}`;
/** Three levels of pages: 100 × 100 × 100 memberships. */
const NESTED_PAGES = `query($a: Int, $b: Int, $c: Int) {
  persons(first: $a) { edges { node { memberships(first: $b) { edges { node { organization { memberships(first: $c) { edges { node { person { name } } } } } } } } } } }
}`;
const pageOperations = ['display', 'vote'].map((page) => readFileSync(new URL(`../web/src/operations/${page}.graphql`, import.meta.url), 'utf8')).join('\n');

describe.each<Transport>(['HTTP', 'WebSocket'])('over %s', (transport) => {
  it('admits 20 committees with 50 memberships each and the person of each, with page sizes as variables', async () => {
    const response = await run(transport, COMMITTEES_AND_MEMBERS, { committees: 20, members: 50 });
    expect(response.errors).toBeUndefined();
    expect(response.data.organizations.edges.length).toBeGreaterThan(0);
  });

  it('admits persons(first: 50) with memberships(first: 20) and their organizations', async () => {
    const response = await run(transport, PERSONS_AND_MEMBERSHIPS);
    expect(response.errors).toBeUndefined();
    expect(response.data.persons.edges.length).toBeGreaterThan(20);
  });

  it("admits a day's meetings with their agenda, papers, votes and attendance", async () => {
    const response = await run(transport, DAY_OF_MEETINGS, { from: '2024-11-21T00:00:00Z', to: '2024-11-21T23:59:59Z' });
    expect(response.errors).toBeUndefined();
    expect(response.data.meetings.edges[0].node.agendaItems.length).toBeGreaterThan(10);
  });

  it("admits the pages' own queries and a live dashboard", async () => {
    const meetingId = globalIdOf('Meeting', seedIds.meeting2024);
    for (const [operationName, variables] of [
      ['DisplayMeeting', { id: meetingId }],
      ['VoterHome', { from: '2024-11-01T00:00:00Z', to: '2024-11-30T00:00:00Z' }],
    ] as const) {
      const response = await run(transport, pageOperations, variables, operationName);
      expect(response.errors, operationName).toBeUndefined();
      expect(response.data, operationName).toBeTruthy();
    }
    const dashboard = await run(transport, `query($m: ID!) { node(id: $m) { ... on Meeting { name quorum { present seats quorate } agendaItems { number name state votes { state yes no abstain result } } eventCursor } } }`, { m: meetingId });
    expect(dashboard.errors).toBeUndefined();
  });

  it('refuses the same abusive page sizes whether literal or from variables', async () => {
    const literal = NESTED_PAGES.replace('($a: Int, $b: Int, $c: Int)', '').replace(/\$[abc]/g, '100');
    for (const response of [await run(transport, literal), await run(transport, NESTED_PAGES, { a: 100, b: 100, c: 100 })]) {
      expect(codeOf(response)).toBe('QUERY_TOO_COMPLEX');
      expect(response.data ?? null).toBeNull();
      expect(response.errors?.[0]?.extensions).toMatchObject({ maxCost: 50_000 });
    }
    // The same document with small pages is fine: the variables decide.
    expect((await run(transport, NESTED_PAGES, { a: 5, b: 5, c: 5 })).errors).toBeUndefined();
  });

  it('refuses 1,000 aliases of minutes(format: HTML), and admits a few', async () => {
    const minutes = (count: number) =>
      `query($m: ID!) { node(id: $m) { ... on Meeting { ${Array.from({ length: count }, (_, i) => `m${i}: minutes(format: HTML) { content }`).join(' ')} } } }`;
    const meetingId = globalIdOf('Meeting', seedIds.meeting2024);
    const refused = await run(transport, minutes(1_000), { m: meetingId });
    expect(codeOf(refused)).toBe('QUERY_TOO_COMPLEX');
    expect(refused.data ?? null).toBeNull(); // refused before execution: nothing rendered
    const admitted = await run(transport, minutes(3), { m: meetingId });
    expect(admitted.errors).toBeUndefined();
    expect(admitted.data.node.m2.content).toContain('<');
  });

  it('refuses nodes with 20,000 IDs (or more than 100), and 100 IDs in many aliases', async () => {
    const id = globalIdOf('Person', seedIds.person.zieger);
    const nodes = `query($ids: [ID!]!) { nodes(ids: $ids) { id } }`;
    const huge = run(transport, nodes, { ids: Array(20_000).fill(id) });
    // Over WebSocket the message alone is larger than a message may be.
    if (transport === 'WebSocket') await expect(huge).rejects.toMatchObject({ code: 1009 });
    else expect(codeOf(await huge)).toBe('BAD_USER_INPUT');
    const tooMany = await run(transport, nodes, { ids: Array(101).fill(id) });
    expect(codeOf(tooMany)).toBe('BAD_USER_INPUT');
    expect(tooMany.errors?.[0]?.extensions?.field).toBe('ids');
    const aliases = Array.from({ length: 200 }, (_, i) => `n${i}: nodes(ids: $ids) { id }`).join(' ');
    expect(codeOf(await run(transport, `query($ids: [ID!]!) { ${aliases} }`, { ids: Array(100).fill(id) }))).toBe('QUERY_TOO_COMPLEX');
    const one = await run(transport, `query($ids: [ID!]!) { nodes(ids: $ids) { id } }`, { ids: Array(100).fill(id) });
    expect(one.errors).toBeUndefined();
  });
});
