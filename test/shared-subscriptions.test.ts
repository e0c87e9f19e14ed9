// Live subscriptions over WebSocket and SSE are executed once per group of alike subscribers (same
// document, variables and what the visibility rules read of the viewer) and the same bytes are
// sent to each member (src/live/subscription-groups.ts). Through the public API: every member
// still gets exactly what it may see and what it asked for, and ends on its own.
import { once } from 'node:events';
import { request } from 'node:http';
import type { Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { loadConfig } from '../src/config.js';
import { idOf } from '../src/global-id.js';
import { graphqlClient, type Gql } from '../scripts/graphql-client.js';
import { startTestServer, tokenFor, type TestServer } from './support/server.js';
import { sseSubscribe, wsClient, wsSubscribe, type Subscription } from './support/live.js';
import { runningCouncilMeeting } from './support/council.js';
import { at } from './support/indexing.js';

let server: TestServer;
let gql: Gql;

beforeAll(async () => {
  server = await startTestServer();
  const clerk = await tokenFor(['clerk']);
  gql = graphqlClient(server.url, clerk);
});
afterAll(() => server?.stop());

const EVENTS = `subscription($meetingId: ID!, $after: String) {
  meetingEvents(meetingId: $meetingId, after: $after) {
    __typename sequence cursor
    ... on AgendaItemStarted { agendaItem { name } }
    ... on VoteOpened { vote { subject } }
    ... on VoteClosed { vote { subject result } }
  }
}`;

const eventsOf = (results: { data?: any }[]) => results.map((result) => result.data.meetingEvents);
const ended = (results: { data?: any }[]) => results.some((result) => result.data?.meetingEvents?.__typename === 'MeetingEnded');
const cursorOf = async (meetingId: string, token?: string) =>
  (await server.graphql(`query($id: ID!) { node(id: $id) { ... on Meeting { eventCursor } } }`, { id: meetingId }, token)).data.node.eventCursor as string;

type Transport = 'WebSocket' | 'SSE';

/** `count` subscribers, each on a connection of its own (a socket, or an SSE response), with `token`. */
async function subscribers(count: number, query: string, variables: Record<string, unknown>, token?: string, transport: Transport = 'WebSocket') {
  if (transport === 'SSE') {
    const subscriptions = await Promise.all(Array.from({ length: count }, () => sseSubscribe(server, query, variables, token)));
    return { subscriptions, dispose: () => Promise.all(subscriptions.map(async (subscription) => subscription.close())) };
  }
  const clients = Array.from({ length: count }, () => wsClient(server, token));
  const subscriptions = await Promise.all(clients.map((client) => wsSubscribe(client, query, variables)));
  return { subscriptions, dispose: () => Promise.all(clients.map((client) => client.dispose())) };
}

/** Subscribers over both transports, alike: of one group. */
async function mixed(count: number, query: string, variables: Record<string, unknown>, token?: string) {
  const [overWs, overSse] = await Promise.all([subscribers(count, query, variables, token), subscribers(count, query, variables, token, 'SSE')]);
  return { subscriptions: [...overWs.subscriptions, ...overSse.subscriptions], dispose: () => Promise.all([overWs.dispose(), overSse.dispose()]) };
}

const addItem = `mutation($m: ID!, $name: String!, $public: Boolean!) { addUrgentAgendaItem(meetingId: $m, name: $name, public: $public) { id } }`;

describe('subscribers of one meeting in different audiences', () => {
  it('each get exactly what they may see over WebSocket and SSE: anonymous nothing of a non-public item, its members and staff all of it', async () => {
    const { meetingId, members } = await runningCouncilMeeting(server, gql, 3);
    const member = await tokenFor(['member'], members[0]);
    const staff = await tokenFor(['clerk']);
    const anonymous = await mixed(2, EVENTS, { meetingId, after: await cursorOf(meetingId) });
    const ofMember = await mixed(1, EVENTS, { meetingId, after: await cursorOf(meetingId, member) }, member);
    const ofStaff = await mixed(1, EVENTS, { meetingId, after: await cursorOf(meetingId, staff) }, staff);

    const secretItem = (await gql(addItem, { m: meetingId, name: 'Grundstücksangelegenheit', public: false })).addUrgentAgendaItem.id;
    await gql(`mutation($id: ID!) { startAgendaItem(agendaItemId: $id) { id } }`, { id: secretItem });
    const { openVote } = await gql(`mutation($id: ID!) { openVote(agendaItemId: $id, subject: "Geheimsache Ankauf", kind: COUNTED) { id } }`, { id: secretItem });
    await gql(`mutation($id: ID!) { recordVoteCounts(voteId: $id, yes: 3, no: 0, abstain: 0) { id } }`, { id: openVote.id });
    await gql(`mutation($id: ID!) { closeVote(voteId: $id) { id } }`, { id: openVote.id });
    const publicItem = (await gql(addItem, { m: meetingId, name: 'Anfragen', public: true })).addUrgentAgendaItem.id;
    await gql(`mutation($id: ID!) { startAgendaItem(agendaItemId: $id) { id } }`, { id: publicItem });
    await gql(`mutation($id: ID!) { endMeeting(meetingId: $id) { id } }`, { id: meetingId });

    const seen = async (group: { subscriptions: Subscription[] }) => Promise.all(group.subscriptions.map(async (subscription) => eventsOf(await subscription.until(ended))));
    const [byAnonymous, byMember, byStaff] = await Promise.all([seen(anonymous), seen(ofMember), seen(ofStaff)]);
    for (const events of [...byAnonymous, ...byMember, ...byStaff]) {
      expect(events.map((event) => event.sequence)).toEqual(events.map((_, index) => events[0].sequence + index));
    }
    expect(at(byAnonymous, 0).map((event) => event.__typename)).toEqual(['AgendaItemCompleted', 'AgendaChanged', 'AgendaItemStarted', 'AgendaItemCompleted', 'MeetingEnded']);
    expect(JSON.stringify(byAnonymous)).not.toContain('Geheimsache');
    expect(byAnonymous.slice(1)).toEqual([at(byAnonymous, 0), at(byAnonymous, 0), at(byAnonymous, 0)]);

    const secretVote = at(byMember, 0).find((event) => event.__typename === 'VoteClosed');
    expect(secretVote.vote).toEqual({ subject: 'Geheimsache Ankauf', result: 'ADOPTED' });
    expect(at(byMember, 0).map((event) => event.__typename)).toContain('VoteOpened');
    expect(at(byMember, 1)).toEqual(at(byMember, 0));
    // Staff and members of the meeting's organizations read the same events in the same numbering.
    expect(byStaff).toEqual([at(byMember, 0), at(byMember, 0)]);
    await Promise.all([anonymous.dispose(), ofMember.dispose(), ofStaff.dispose()]);
  });
});

describe('alike subscribers over SSE and WebSocket', () => {
  /** A meeting's live figures on the instance, as /metrics reports them. */
  async function liveFigures(meetingId: string) {
    const text = await (await fetch(`${server.url}/metrics`)).text();
    const valueOf = (name: string) => Number(new RegExp(`^${name}\\{meeting="${idOf(meetingId, 'Meeting', 'meetingId')}"\\} (\\d+)$`, 'm').exec(text)?.[1] ?? 0);
    return { subscribers: valueOf('council_live_subscribers'), executions: valueOf('council_live_executions_per_event') };
  }

  it('share one execution per event and audience, however many they are', async () => {
    const { meetingId, itemId } = await runningCouncilMeeting(server, gql, 2);
    const staff = await tokenFor(['clerk']);
    const anonymous = await mixed(3, EVENTS, { meetingId });
    const ofStaff = await mixed(2, EVENTS, { meetingId }, staff);
    // A WebSocket subscriber joins after its socket's acknowledgement, which is all the client waits for.
    for (let polls = 0; polls < 100 && (await liveFigures(meetingId)).subscribers < 10; polls++) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await liveFigures(meetingId)).toEqual({ subscribers: 10, executions: 2 });

    await gql(`mutation($id: ID!) { openVote(agendaItemId: $id, subject: "Haushalt", kind: COUNTED) { id } }`, { id: itemId });
    for (const subscription of [...anonymous.subscriptions, ...ofStaff.subscriptions]) {
      expect(eventsOf(await subscription.received(1))[0]).toMatchObject({ __typename: 'VoteOpened', vote: { subject: 'Haushalt' } });
    }
    await ofStaff.dispose();
    await anonymous.dispose();
  });
});

describe('subscribers with different selection sets or variables', () => {
  it('get their own results', async () => {
    const first = await runningCouncilMeeting(server, gql, 2);
    const second = await runningCouncilMeeting(server, gql, 2);
    const NUMBERS = `subscription($meetingId: ID!) { meetingEvents(meetingId: $meetingId) { sequence } }`;
    const KINDS = `subscription($meetingId: ID!) { meetingEvents(meetingId: $meetingId) { __typename ... on VoteOpened { vote { subject } } } }`;
    const numbers = await subscribers(2, NUMBERS, { meetingId: first.meetingId });
    const kinds = await subscribers(2, KINDS, { meetingId: first.meetingId });
    const otherMeeting = await subscribers(2, KINDS, { meetingId: second.meetingId });

    await gql(`mutation($id: ID!) { openVote(agendaItemId: $id, subject: "Haushalt", kind: COUNTED) { id } }`, { id: first.itemId });
    await gql(`mutation($id: ID!) { openVote(agendaItemId: $id, subject: "Stellenplan", kind: NAMED) { id } }`, { id: second.itemId });

    for (const subscription of numbers.subscriptions) expect(at(await subscription.received(1), 0).data).toEqual({ meetingEvents: { sequence: expect.any(Number) } });
    for (const subscription of kinds.subscriptions) {
      expect(at(await subscription.received(1), 0).data).toEqual({ meetingEvents: { __typename: 'VoteOpened', vote: { subject: 'Haushalt' } } });
    }
    for (const subscription of otherMeeting.subscriptions) {
      expect(at(await subscription.received(1), 0).data).toEqual({ meetingEvents: { __typename: 'VoteOpened', vote: { subject: 'Stellenplan' } } });
    }
    await Promise.all([numbers.dispose(), kinds.dispose(), otherMeeting.dispose()]);
  });
});

describe.each<Transport>(['WebSocket', 'SSE'])('a member of a group over %s', (transport) => {
  it('whose token expires is ended alone with UNAUTHENTICATED; the others of its group go on', async () => {
    const { meetingId, itemId, members } = await runningCouncilMeeting(server, gql, 2);
    const expiring = await subscribers(1, EVENTS, { meetingId }, await tokenFor(['member'], members[0], '2s'), transport);
    const staying = await mixed(1, EVENTS, { meetingId }, await tokenFor(['member'], members[0], '1h'));
    const expired = at(expiring.subscriptions, 0);
    await expired.completed;
    expect(expired.results.at(-1)?.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');

    await gql(`mutation($id: ID!) { openVote(agendaItemId: $id, subject: "Haushalt", kind: COUNTED) { id } }`, { id: itemId });
    for (const subscription of staying.subscriptions) expect(eventsOf(await subscription.received(1))[0].__typename).toBe('VoteOpened');
    await Promise.all([expiring.dispose(), staying.dispose()]);
  });

  it('that resumes from a cursor gets what it missed, then the group\'s live events', async () => {
    const { meetingId, itemId } = await runningCouncilMeeting(server, gql, 2);
    const live = await mixed(1, EVENTS, { meetingId, after: await cursorOf(meetingId) });
    const { openVote } = await gql(`mutation($id: ID!) { openVote(agendaItemId: $id, subject: "Haushalt", kind: COUNTED) { id } }`, { id: itemId });
    await gql(`mutation($id: ID!) { recordVoteCounts(voteId: $id, yes: 2, no: 0, abstain: 0) { id } }`, { id: openVote.id });
    const [opened] = eventsOf(await at(live.subscriptions, 0).received(2));
    const resumed = await subscribers(1, EVENTS, { meetingId, after: opened.cursor }, undefined, transport);
    await gql(`mutation($id: ID!) { closeVote(voteId: $id) { id } }`, { id: openVote.id });
    await gql(`mutation($id: ID!) { endMeeting(meetingId: $id) { id } }`, { id: meetingId });
    const all = eventsOf(await at(live.subscriptions, 0).until(ended));
    expect(eventsOf(await at(live.subscriptions, 1).until(ended))).toEqual(all);
    expect(eventsOf(await at(resumed.subscriptions, 0).until(ended))).toEqual(all.slice(1));
    await Promise.all([live.dispose(), resumed.dispose()]);
  });
});

describe('a slow member of a group', () => {
  const PENDING = 8;
  const METRICS_TOKEN = 'metrics-of-the-slow-member-test';
  let slowServer: TestServer;
  let slowGql: Gql;
  beforeAll(async () => {
    slowServer = await startTestServer({ limits: { ...loadConfig({}).limits, subscriberMaxPendingEvents: PENDING }, metricsToken: METRICS_TOKEN });
    slowGql = graphqlClient(slowServer.url, await tokenFor(['clerk']));
  });
  afterAll(() => slowServer?.stop());

  /** The live subscribers of the meeting that the instance serves, as /metrics reports them. */
  async function subscribersOf(meetingId: string) {
    const response = await fetch(`${slowServer.url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    const line = new RegExp(`^council_live_subscribers\\{meeting="${idOf(meetingId, 'Meeting', 'meetingId')}"\\} (\\d+)$`, 'm').exec(await response.text());
    return Number(line?.[1] ?? 0);
  }

  /** A graphql-ws subscriber on a raw socket, so that it can stop reading while the server goes on writing. */
  async function stallableSubscriber(query: string, variables: Record<string, unknown>) {
    const socket = new WebSocket(`${slowServer.url.replace(/^http/, 'ws')}/graphql`, 'graphql-transport-ws');
    const messages: { type: string; payload?: any }[] = [];
    let arrived = () => {};
    socket.on('message', (data) => {
      messages.push(JSON.parse(String(data)));
      arrived();
    });
    const until = async (done: () => boolean) => {
      while (!done()) await new Promise<void>((resolve) => (arrived = resolve));
    };
    await once(socket, 'open');
    socket.send(JSON.stringify({ type: 'connection_init', payload: {} }));
    await until(() => messages.some((message) => message.type === 'connection_ack'));
    socket.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query, variables } }));
    const tcp = (socket as unknown as { _socket: Socket })._socket;
    return { messages, until, stall: () => tcp.pause(), resume: () => tcp.resume(), close: () => socket.terminate() };
  }

  /** An SSE subscriber on a raw HTTP request, so that it can stop reading while the server goes on writing. */
  async function stallableSseSubscriber(query: string, variables: Record<string, unknown>) {
    const messages: { type: string; payload?: any }[] = [];
    let arrived = () => {};
    const until = async (done: () => boolean) => {
      while (!done()) await new Promise<void>((resolve) => (arrived = resolve));
    };
    const posted = request(`${slowServer.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'text/event-stream' } });
    posted.end(JSON.stringify({ query, variables }));
    const [response] = (await once(posted, 'response')) as [import('node:http').IncomingMessage];
    let buffer = '';
    response.setEncoding('utf8').on('data', (text: string) => {
      buffer += text;
      for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
        const message = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const type = /^event: (.*)$/m.exec(message)?.[1];
        const data = /^data: (.*)$/m.exec(message)?.[1];
        if (type) messages.push({ type, payload: data ? JSON.parse(data) : undefined });
      }
      arrived();
    });
    return { messages, until, stall: () => response.socket.pause(), resume: () => response.socket.resume(), close: () => posted.destroy() };
  }

  it.each([
    ['WebSocket', stallableSubscriber],
    ['SSE', stallableSseSubscriber],
  ])('over %s is ended alone with SUBSCRIBER_TOO_SLOW; the others of its group get every event', async (_transport, stallable) => {
    const { meetingId, itemId } = await runningCouncilMeeting(slowServer, slowGql, 2);
    const { openVote } = await slowGql(`mutation($id: ID!) { openVote(agendaItemId: $id, subject: "Haushalt", kind: COUNTED) { id } }`, { id: itemId });
    const tally = () => slowGql(`mutation($id: ID!) { recordVoteCounts(voteId: $id, yes: 2, no: 0, abstain: 0) { id } }`, { id: openVote.id });
    // Large results (3,000 aliases of the cursor, about 300 kB each), so that the connection's
    // buffers fill up while the slow member does not read.
    const aliases = Array.from({ length: 3_000 }, (_, index) => `c${index}: cursor`).join(' ');
    const LARGE = `subscription($meetingId: ID!) { meetingEvents(meetingId: $meetingId) { __typename ${aliases} } }`;
    const client = wsClient(slowServer);
    const fast = await wsSubscribe(client, LARGE, { meetingId });
    const slow = await stallable(LARGE, { meetingId });
    const nexts = () => slow.messages.filter((message) => message.type === 'next');
    await tally();
    await fast.received(1);
    await slow.until(() => nexts().length === 1);

    slow.stall();
    // Events, each delivered to the fast member before the next, until the instance has ended the
    // stalled one. How many that takes depends on how much the connection's kernel buffers absorb
    // first (on loopback up to tens of megabytes), hence no fixed number.
    let events = 0;
    while ((await subscribersOf(meetingId)) === 2 && events < 400) {
      await tally();
      events += 1;
      await fast.received(1 + events);
    }
    expect(await subscribersOf(meetingId)).toBe(1);
    const received = await fast.received(1 + events);
    expect(received.every((result) => !result.errors && result.data.meetingEvents.__typename === 'VoteTallyChanged')).toBe(true);

    slow.resume();
    await slow.until(() => slow.messages.some((message) => message.type === 'complete'));
    const last = nexts().at(-1)!;
    expect(last.payload.errors[0].extensions.code).toBe('SUBSCRIBER_TOO_SLOW');
    // It missed the event it was too slow for, and what came after.
    expect(nexts().filter((message) => !message.payload.errors).length).toBeLessThan(1 + events);
    // The group goes on for the others.
    await tally();
    expect(at(await fast.received(2 + events), 1 + events).data.meetingEvents.__typename).toBe('VoteTallyChanged');
    slow.close();
    await client.dispose();
  });
});
