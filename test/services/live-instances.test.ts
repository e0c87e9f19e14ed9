// Two API processes on one PostgreSQL and one Redis: a change made through one reaches the
// subscribers of the other, and a Redis outage during a meeting loses no event.
import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedIds } from '../../src/seed/ids.js';
import { globalIdOf, idOf } from '../../src/global-id.js';
import { topicOf } from '../../src/live/redis-pubsub.js';
import { createTestDatabase, tokenFor } from '../support/server.js';
import { freePort, startApi, startRedis, type ApiProcess, type Process } from '../support/processes.js';
import { wsClient, wsSubscribe } from '../support/live.js';
import { graphqlClient } from '../../scripts/graphql-client.js';
import { at } from '../support/indexing.js';

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let redisPort: number;
let redis: Process;
let a: ApiProcess;
let b: ApiProcess;
let clerk: string;

beforeAll(async () => {
  database = await createTestDatabase();
  redisPort = await freePort();
  redis = await startRedis(redisPort);
  const env = { DATABASE_URL: database.url, REDIS_URL: `redis://127.0.0.1:${redisPort}` };
  [a, b] = await Promise.all([startApi(env), startApi(env)]);
  clerk = await tokenFor(['clerk']);
});

afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop()]);
  await redis?.stop();
  await database?.drop();
});

const gql = (instance: ApiProcess, query: string, variables: Record<string, unknown> = {}) => graphqlClient(instance.url, clerk)(query, variables);

const EVENTS = `subscription($m: ID!, $after: String) { meetingEvents(meetingId: $m, after: $after) { __typename sequence ... on AgendaItemStarted { agendaItem { name } } } }`;

async function meetingWithItems(count: number) {
  const { createMeeting } = await gql(a, `mutation($o: [ID!]!) { createMeeting(organizationIds: $o, name: "Sitzung", start: "2025-05-01T16:00:00Z") { id } }`, {
    o: [globalIdOf('Organization', seedIds.committee)],
  });
  const items: string[] = [];
  for (let index = 1; index <= count; index += 1) {
    items.push((await gql(a, `mutation($m: ID!, $n: String!) { addAgendaItem(meetingId: $m, name: $n) { id } }`, { m: createMeeting.id, n: `TOP ${index}` })).addAgendaItem.id);
  }
  return { meetingId: createMeeting.id as string, items };
}

/**
 * Subscribes on B from the meeting's current cursor: every later event arrives, even when the
 * subscription is set up only after the first mutation through A (a busy machine).
 */
async function subscribeOnB(meetingId: string) {
  const { node } = await gql(b, `query($id: ID!) { node(id: $id) { ... on Meeting { eventCursor } } }`, { id: meetingId });
  const client = wsClient(b, clerk);
  return { client, subscription: await wsSubscribe(client, EVENTS, { m: meetingId, after: node.eventCursor }) };
}

/** How many connections listen on the meeting's channel, asked of Redis itself. */
async function channelSubscribers(meetingId: string) {
  const client = await createClient({ url: `redis://127.0.0.1:${redisPort}` }).connect();
  try {
    const topic = topicOf(idOf(meetingId, 'Meeting', 'meetingId'));
    return (await client.pubSubNumSub(topic))[topic];
  } finally {
    client.destroy();
  }
}

const startItem = (id: string) => gql(a, `mutation($id: ID!) { startAgendaItem(agendaItemId: $id) { id } }`, { id });
const eventsOf = (results: { data?: any }[]) => results.map((result) => result.data.meetingEvents);

describe('two instances with Redis', () => {
  it('delivers a change made through A to a subscriber on B', async () => {
    const { meetingId, items } = await meetingWithItems(1);
    const { client, subscription } = await subscribeOnB(meetingId);
    await gql(a, `mutation($id: ID!) { startMeeting(meetingId: $id) { id } }`, { id: meetingId });
    await startItem(at(items, 0));
    const events = eventsOf(await subscription.received(3));
    expect(events.map((event) => event.__typename)).toEqual(['MeetingStarted', 'QuorumChanged', 'AgendaItemStarted']);
    expect(events[2].agendaItem.name).toBe('TOP 1');
    subscription.close();
    await client.dispose();
  });

  it('loses no event while Redis is stopped and started again', async () => {
    const { meetingId, items } = await meetingWithItems(4);
    const { client, subscription } = await subscribeOnB(meetingId);
    await gql(a, `mutation($id: ID!) { startMeeting(meetingId: $id) { id } }`, { id: meetingId });
    await startItem(at(items, 0));
    await subscription.received(3);

    await redis.stop();
    // Queries and mutations go on without Redis.
    await startItem(at(items, 1));
    await startItem(at(items, 2));
    redis = await startRedis(redisPort);
    // The new Redis knows nothing: B's connection has to come back and subscribe again by itself.
    await expect.poll(() => channelSubscribers(meetingId), { timeout: 15_000 }).toBe(1);
    await subscription.received(7);
    await startItem(at(items, 3));

    const events = eventsOf(await subscription.received(9));
    expect(events.map((event) => event.sequence)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(events.filter((event) => event.__typename === 'AgendaItemStarted').map((event) => event.agendaItem.name)).toEqual(['TOP 1', 'TOP 2', 'TOP 3', 'TOP 4']);
    subscription.close();
    await client.dispose();
  });

  it('keeps the speakers\' list in step across instances: requests and calls through A reach a speakersList subscriber on B', async () => {
    const { meetingId, items } = await meetingWithItems(1);
    const item = at(items, 0);
    await gql(a, `mutation($id: ID!) { startMeeting(meetingId: $id) { id } }`, { id: meetingId });
    for (const key of ['weiss', 'boesel'] as const) {
      await gql(a, `mutation($m: ID!, $p: ID!) { recordAttendance(meetingId: $m, personId: $p, status: PRESENT) { id } }`, { m: meetingId, p: globalIdOf('Person', seedIds.person[key]) });
    }
    await startItem(item);
    const { node } = await gql(b, `query($id: ID!) { node(id: $id) { ... on Meeting { eventCursor } } }`, { id: meetingId });
    const client = wsClient(b, clerk);
    const list = await wsSubscribe(
      client,
      `subscription($i: ID!, $after: String) { speakersList(agendaItemId: $i, after: $after) { event { ... on SpeakersListChanged { change } } speakersList { current { person { name } } waiting { person { name } } } } }`,
      { i: item, after: node.eventCursor },
    );

    const member = async (key: 'weiss' | 'boesel') => graphqlClient(a.url, await tokenFor(['member'], seedIds.person[key]));
    // Each step once B has delivered the one before: an update carries the list as it is when B
    // delivers it, so a step taken meanwhile would already show in the update before it.
    await (await member('weiss'))(`mutation($i: ID!) { requestToSpeak(agendaItemId: $i) { id } }`, { i: item });
    await list.received(1);
    await (await member('boesel'))(`mutation($i: ID!) { requestToSpeak(agendaItemId: $i, pointOfOrder: true) { id } }`, { i: item });
    await list.received(2);
    await gql(a, `mutation($i: ID!) { startSpeech(agendaItemId: $i) { id } }`, { i: item });

    const updates = (await list.received(3)).map((result) => result.data.speakersList);
    const names = (speeches: { person: { name: string } }[]) => speeches.map((speech) => speech.person.name);
    expect(updates.map((update) => update.event.change)).toEqual(['REQUESTED', 'REQUESTED', 'STARTED']);
    expect(names(at(updates, 1).speakersList.waiting)).toEqual(['Markus Bösel', 'Dietmar Weiß']);
    expect(at(updates, 2).speakersList).toEqual({ current: { person: { name: 'Markus Bösel' } }, waiting: [{ person: { name: 'Dietmar Weiß' } }] });
    list.close();
    await client.dispose();
  });
});
