// /metrics for Prometheus: what an operator watches (requests by operation, errors by code,
// mutations and ballots, open WebSockets and SSE streams, live subscribers per meeting), and
// only for those given the METRICS_TOKEN.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedIds } from '../src/seed/ids.js';
import { globalIdOf } from '../src/global-id.js';
import { startTestServer, tokenFor, type TestServer } from './support/server.js';
import { sseSubscribe, wsClient, wsSubscribe } from './support/live.js';
import { graphqlClient } from '../scripts/graphql-client.js';

const METRICS_TOKEN = 'metrics-secret-for-the-test';
let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ metricsToken: METRICS_TOKEN });
});
afterAll(() => server?.stop());

const scrape = async () => {
  const response = await fetch(`${server.url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
  expect(response.status).toBe(200);
  return response.text();
};
const valueOf = (text: string, series: string) => Number(text.split('\n').find((line) => line.startsWith(`${series} `))?.split(' ')[1] ?? NaN);

describe('metrics', () => {
  it('are refused without the METRICS_TOKEN', async () => {
    const anonymous = await fetch(`${server.url}/metrics`);
    expect(anonymous.status).toBe(401);
    expect((await anonymous.json()).errors[0].extensions.code).toBe('UNAUTHENTICATED');
    const wrong = await fetch(`${server.url}/metrics`, { headers: { authorization: 'Bearer guess' } });
    expect(wrong.status).toBe(401);
  });

  it('are not served at all in production without a token', async () => {
    const production = await startTestServer({ production: true, seed: false, jwt: { secret: 'a-real-secret-of-the-test' } });
    try {
      expect((await fetch(`${production.url}/metrics`)).status).toBe(404);
    } finally {
      await production.stop();
    }
  });

  it('count requests by operation type (not by URL or client-chosen name), errors by code and mutations by outcome', async () => {
    await server.graphql(`query MeetingList { meetings(first: 1) { edges { node { name } } } }`);
    await server.graphql(`query Broken { node(id: "nonsense") { id } }`);
    const clerk = await tokenFor(['clerk']);
    await server.graphql(`mutation { createPerson(name: "Neu") { id } }`, {}, clerk);
    await server.graphql(`mutation { createPerson(name: "Ohne Recht") { id } }`);
    // A GET carries its variables in the URL: the URL is no label, or every request would add a series.
    const variables = encodeURIComponent(JSON.stringify({ first: 1 }));
    const query = encodeURIComponent('query MeetingPage($first: Int) { meetings(first: $first) { edges { node { name } } } }');
    expect((await fetch(`${server.url}/graphql?query=${query}&variables=${variables}`)).status).toBe(200);
    const text = await scrape();
    expect(text).toMatch(/graphql_yoga_http_duration_count\{[^}]*operationType="query"[^}]*\} \d+/);
    expect(text).not.toContain('url="');
    expect(valueOf(text, 'council_graphql_errors_total{code="BAD_USER_INPUT"}')).toBeGreaterThanOrEqual(1);
    expect(valueOf(text, 'council_mutations_total{field="createPerson",outcome="ok"}')).toBe(1);
    expect(valueOf(text, 'council_mutations_total{field="createPerson",outcome="UNAUTHENTICATED"}')).toBe(1);
  });

  it('add no series for the operation names a client makes up', async () => {
    const before = (await scrape()).split('\n').length;
    for (let i = 0; i < 40; i++) await server.graphql(`query Invented${i} { __typename }`);
    const text = await scrape();
    expect(text).not.toContain('Invented');
    // The counters of the requests grow, their number of lines does not.
    expect(text.split('\n').length).toBe(before);
  });

  it('show open WebSockets, SSE streams and the subscribers of a meeting', async () => {
    const meetingId = globalIdOf('Meeting', seedIds.meeting2024);
    const query = `subscription($m: ID!) { meetingEvents(meetingId: $m) { sequence } }`;
    const client = wsClient(server);
    // Two alike WebSocket subscriptions share one execution (one group), and still count as two.
    const other = wsClient(server);
    const ws = [await wsSubscribe(client, query, { m: meetingId }), await wsSubscribe(other, query, { m: meetingId })];
    const sse = await sseSubscribe(server, query, { m: meetingId });
    let text = '';
    for (let attempt = 0; attempt < 50; attempt += 1) {
      text = await scrape();
      if (valueOf(text, `council_live_subscribers{meeting="${seedIds.meeting2024}"}`) === 3) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(valueOf(text, 'council_websockets_open')).toBe(2);
    expect(valueOf(text, 'council_sse_streams_open')).toBe(1);
    expect(valueOf(text, `council_live_subscribers{meeting="${seedIds.meeting2024}"}`)).toBe(3);
    for (const subscription of ws) subscription.close();
    await other.dispose();
    sse.close();
    await client.dispose();
  });

  it('measure the lag from the commit of a live event to its delivery to each subscriber', async () => {
    const gql = graphqlClient(server.url, await tokenFor(['clerk']));
    const { createMeeting } = await gql(`mutation($o: [ID!]!) { createMeeting(organizationIds: $o, name: "Sitzung", start: "2025-06-01T16:00:00Z") { id } }`, {
      o: [globalIdOf('Organization', seedIds.committee)],
    });
    const lagCount = async () => valueOf(await scrape(), 'council_event_delivery_lag_seconds_count');
    const before = await lagCount();
    const client = wsClient(server);
    const query = `subscription($m: ID!) { meetingEvents(meetingId: $m) { __typename } }`;
    const subscribers = [await wsSubscribe(client, query, { m: createMeeting.id }), await sseSubscribe(server, query, { m: createMeeting.id })];
    await gql(`mutation($m: ID!) { startMeeting(meetingId: $m) { id } }`, { m: createMeeting.id });
    for (const subscriber of subscribers) expect((await subscriber.received(1))[0]?.data?.meetingEvents.__typename).toBe('MeetingStarted');
    const text = await scrape();
    // A sample per event and subscriber (starting a meeting also states its quorum), each in the +Inf bucket.
    const samples = valueOf(text, 'council_event_delivery_lag_seconds_count') - (Number.isNaN(before) ? 0 : before);
    expect(samples).toBeGreaterThanOrEqual(2);
    expect(samples % subscribers.length).toBe(0);
    expect(valueOf(text, 'council_event_delivery_lag_seconds_bucket{le="+Inf"}')).toBe(valueOf(text, 'council_event_delivery_lag_seconds_count'));
    expect(valueOf(text, 'council_event_delivery_lag_seconds_sum')).toBeGreaterThanOrEqual(0);
    for (const subscriber of subscribers) subscriber.close();
    await client.dispose();
  });
});
