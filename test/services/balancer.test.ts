// The production topology with processes: three instances on one PostgreSQL and one Redis behind
// HAProxy (haproxy.cfg, as docker-compose.yml runs it). Subscribers connect through the balancer
// over WebSocket and SSE and follow the meeting as the pages do, resubscribing from their last
// cursor whenever a stream ends. One instance is killed mid-meeting; then every instance is
// restarted in turn during a vote. No subscriber may lose or repeat an event, and no
// acknowledged ballot may be lost.
import WebSocket from 'ws';
import { createClient } from 'graphql-ws';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tokenFor } from '../support/server.js';
import { startApi, startTopology, type Topology } from '../support/processes.js';
import { idOf } from '../../src/global-id.js';

const MEMBERS = 12;

let topology: Topology;
let ports: number[];
let url: string;
let clerk: string;

beforeAll(async () => {
  topology = await startTopology();
  ports = topology.instances.map((instance) => Number(new URL(instance.url).port));
  url = topology.url;
  clerk = await tokenFor(['clerk']);
}, 240_000);

afterAll(() => topology?.stop());

interface GraphQLBody {
  data?: any;
  errors?: { message: string; extensions?: { code?: string } }[];
}

async function post(query: string, variables: Record<string, unknown>, token?: string): Promise<GraphQLBody> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  if (!response.headers.get('content-type')?.includes('json')) throw new Error(`HTTP ${response.status} from the balancer`);
  return (await response.json()) as GraphQLBody;
}

/** The clerk's mutations and queries: none runs while an instance is being killed. */
async function gql(query: string, variables: Record<string, unknown> = {}) {
  const { data, errors } = await post(query, variables, clerk);
  if (errors) throw new Error(JSON.stringify(errors));
  return data;
}

/** A committee of MEMBERS voting members, all present at a running meeting with two items. */
async function runningMeeting() {
  const { createOrganization } = await gql(`mutation { createOrganization(name: "Ausschuss hinter dem Balancer") { id } }`);
  const members: { id: string; token: string }[] = [];
  for (let index = 1; index <= MEMBERS; index += 1) {
    const { createPerson } = await gql(`mutation($n: String!) { createPerson(name: $n) { id } }`, { n: `Mitglied ${index}` });
    await gql(`mutation($p: ID!, $o: ID!) { addMembership(personId: $p, organizationId: $o, votingRight: true) { id } }`, { p: createPerson.id, o: createOrganization.id });
    members.push({ id: createPerson.id, token: await tokenFor(['member'], idOf(createPerson.id, 'Person', 'id')) });
  }
  const { createMeeting } = await gql(`mutation($o: [ID!]!) { createMeeting(organizationIds: $o, name: "Sitzung", start: "2025-06-01T16:00:00Z") { id } }`, {
    o: [createOrganization.id],
  });
  const meetingId: string = createMeeting.id;
  const items: string[] = [];
  for (const name of ['Antrag A', 'Antrag B']) {
    items.push((await gql(`mutation($m: ID!, $n: String!) { addAgendaItem(meetingId: $m, name: $n) { id } }`, { m: meetingId, n: name })).addAgendaItem.id);
  }
  for (const member of members) {
    await gql(`mutation($m: ID!, $p: ID!) { recordAttendance(meetingId: $m, personId: $p, status: PRESENT) { id } }`, { m: meetingId, p: member.id });
  }
  return { meetingId, items, members };
}

const EVENTS = `subscription($m: ID!, $after: String) { meetingEvents(meetingId: $m, after: $after) { __typename sequence cursor } }`;

interface Follower {
  sequences: number[];
  kinds: string[];
  reconnects: number;
  fatal: unknown[];
  stop(): void;
}

/**
 * Follows meetingEvents through the balancer as the pages do (web/src/api.ts): whenever the
 * stream ends or fails, it subscribes again from the cursor of the last event received.
 */
function follow(transport: 'ws' | 'sse', meetingId: string, after: string, token?: string): Follower {
  const follower: Follower = { sequences: [], kinds: [], reconnects: -1, fatal: [], stop: () => (stopped = true) };
  let cursor = after;
  let stopped = false;
  const receive = (body: GraphQLBody) => {
    if (body.errors) return follower.fatal.push(body.errors);
    follower.sequences.push(body.data.meetingEvents.sequence);
    follower.kinds.push(body.data.meetingEvents.__typename);
    cursor = body.data.meetingEvents.cursor;
  };
  void (async () => {
    while (!stopped) {
      follower.reconnects += 1;
      await (transport === 'ws' ? overWebSocket : overSse)(meetingId, () => cursor, receive, () => stopped, token).catch(() => undefined);
      await sleep(100);
    }
  })();
  return follower;
}

async function overWebSocket(meetingId: string, cursor: () => string, receive: (body: GraphQLBody) => void, stopped: () => boolean, token?: string) {
  const client = createClient({
    url: `${url.replace(/^http/, 'ws')}/graphql`,
    webSocketImpl: WebSocket,
    connectionParams: token ? { authorization: `Bearer ${token}` } : {},
    retryAttempts: 0,
  });
  try {
    const events = client.iterate({ query: EVENTS, variables: { m: meetingId, after: cursor() } });
    for await (const body of events) {
      receive(body as GraphQLBody);
      if (stopped()) break;
    }
  } finally {
    await client.dispose();
  }
}

async function overSse(meetingId: string, cursor: () => string, receive: (body: GraphQLBody) => void, stopped: () => boolean, token?: string) {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'text/event-stream', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query: EVENTS, variables: { m: meetingId, after: cursor() } }),
  });
  if (!response.ok || !response.body) throw new Error(`HTTP ${response.status}`);
  const decoder = new TextDecoder();
  let buffer = '';
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
    buffer += decoder.decode(chunk, { stream: true });
    let end: number;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const message = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const data = /^data: (.*)$/m.exec(message)?.[1];
      if (/^event: next$/m.test(message) && data) receive(JSON.parse(data));
    }
    if (stopped()) break;
  }
}

/** Subscribers of both audiences on both transports, each from the cursor its audience reads. */
async function followers(meetingId: string) {
  const cursorQuery = `query($id: ID!) { node(id: $id) { ... on Meeting { eventCursor } } }`;
  const clerkCursor: string = (await gql(cursorQuery, { id: meetingId })).node.eventCursor;
  const anonymousCursor: string = (await post(cursorQuery, { id: meetingId })).data.node.eventCursor;
  return {
    staff: (['ws', 'sse', 'ws', 'sse', 'ws', 'sse'] as const).map((transport) => follow(transport, meetingId, clerkCursor, clerk)),
    anonymous: (['ws', 'sse'] as const).map((transport) => follow(transport, meetingId, anonymousCursor)),
  };
}

/**
 * A member casts a ballot until the API answers: a failure on the way (an instance dying, a
 * 502) is retried, and ALREADY_VOTED then means the first attempt was counted.
 */
async function castUntilAnswered(voteId: string, token: string, choice: string) {
  for (let attempt = 0; attempt < 100; attempt += 1) {
    const body = await post(`mutation($v: ID!, $c: BallotChoice!) { castBallot(voteId: $v, choice: $c) { id } }`, { v: voteId, c: choice }, token).catch(() => undefined);
    if (body?.data?.castBallot || body?.errors?.[0]?.extensions?.code === 'ALREADY_VOTED') return;
    if (body?.errors) throw new Error(JSON.stringify(body.errors));
    await sleep(100);
  }
  throw new Error('castBallot never answered');
}

/** Waits until every follower has received the end of the meeting, then stops them. */
async function untilMeetingEnded(group: Follower[]) {
  for (let wait = 0; wait < 600 && !group.every((follower) => follower.kinds.at(-1) === 'MeetingEnded'); wait += 1) await sleep(100);
  for (const follower of group) follower.stop();
}

/** Every follower saw each event once, in order, from the first after its cursor to the last. */
function expectGapless(group: Follower[]) {
  const first = group[0]!;
  for (const follower of group) {
    expect(follower.fatal).toEqual([]);
    expect(follower.kinds.at(-1)).toBe('MeetingEnded');
    expect(follower.sequences).toEqual(first.sequences);
    expect(follower.kinds).toEqual(first.kinds);
  }
  expect(first.sequences).toEqual(first.sequences.map((_, index) => first.sequences[0]! + index));
}

async function runVote(meetingId: string, itemId: string, members: { token: string }[], during: () => Promise<void>) {
  await gql(`mutation($id: ID!) { startAgendaItem(agendaItemId: $id) { id } }`, { id: itemId });
  const { openVote } = await gql(`mutation($id: ID!) { openVote(agendaItemId: $id, subject: "Antrag", kind: NAMED) { id } }`, { id: itemId });
  const ballots = Promise.all(members.map(async (member, index) => {
    await sleep(index * 150);
    await castUntilAnswered(openVote.id, member.token, 'YES');
  }));
  await during();
  await ballots;
  const { closeVote } = await gql(`mutation($id: ID!) { closeVote(voteId: $id) { yes no abstain } }`, { id: openVote.id });
  await gql(`mutation($id: ID!) { completeAgendaItem(agendaItemId: $id) { id } }`, { id: itemId });
  return closeVote;
}

describe('three instances behind HAProxy', () => {
  it('a killed instance: every subscriber resumes through the balancer, no event or acknowledged ballot lost', async () => {
    const { meetingId, items, members } = await runningMeeting();
    const { staff, anonymous } = await followers(meetingId);
    await gql(`mutation($id: ID!) { startMeeting(meetingId: $id) { id } }`, { id: meetingId });

    const tally = await runVote(meetingId, items[0]!, members, async () => {
      await sleep(MEMBERS * 60);
      await topology.instances[1]!.kill();
    });
    expect(tally).toEqual({ yes: MEMBERS, no: 0, abstain: 0 });

    await gql(`mutation($id: ID!) { startAgendaItem(agendaItemId: $id) { id } }`, { id: items[1] });
    await gql(`mutation($id: ID!) { endMeeting(meetingId: $id) { id } }`, { id: meetingId });
    await untilMeetingEnded([...staff, ...anonymous]);

    expectGapless(staff);
    expectGapless(anonymous);
    expect(staff[0]!.kinds[0]).toBe('MeetingStarted');
    // Subscribers of the killed instance had to come back through the balancer.
    expect(staff.reduce((sum, follower) => sum + follower.reconnects, 0)).toBeGreaterThan(0);

    topology.instances[1] = await startApi(topology.env, ports[1]);
  });

  it('a rolling restart during a vote: each instance drains on SIGTERM and exits by itself; nothing lost', async () => {
    const { meetingId, items, members } = await runningMeeting();
    const { staff, anonymous } = await followers(meetingId);
    await gql(`mutation($id: ID!) { startMeeting(meetingId: $id) { id } }`, { id: meetingId });

    const tally = await runVote(meetingId, items[0]!, members, async () => {
      for (const index of [0, 1, 2]) {
        const started = Date.now();
        await topology.instances[index]!.stop();
        // Drained and exited on its own, well within the shutdown deadline (10 s), with status 0.
        expect(await topology.instances[index]!.exited).toBe(0);
        expect(Date.now() - started).toBeLessThan(10_000);
        topology.instances[index] = await startApi(topology.env, ports[index]);
      }
    });
    expect(tally).toEqual({ yes: MEMBERS, no: 0, abstain: 0 });
    await gql(`mutation($id: ID!) { endMeeting(meetingId: $id) { id } }`, { id: meetingId });

    await untilMeetingEnded([...staff, ...anonymous]);

    expectGapless(staff);
    expectGapless(anonymous);
    expect(staff.every((follower) => follower.reconnects > 0)).toBe(true);
  });
});
