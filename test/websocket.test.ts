// GraphQL over WebSocket at its edges: bad tokens are refused at connection_init, a bad or
// refused operation is answered alone (the socket and its other subscriptions live on), and the
// per-socket limits hold — seen with the graphql-ws client and with raw `ws` as an attacker.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createClient } from 'graphql-ws';
import { SignJWT } from 'jose';
import { DEVELOPMENT_JWT_SECRET, loadConfig } from '../src/config.js';
import { globalIdOf } from '../src/global-id.js';
import { seedIds } from '../src/seed/ids.js';
import { startTestServer, tokenFor, type TestServer } from './support/server.js';
import { wsClient, wsSubscribe } from './support/live.js';
import { at } from './support/indexing.js';

let server: TestServer;
let clerk: string;

const LIMIT = 3;
beforeAll(async () => {
  server = await startTestServer({ limits: { ...loadConfig({}).limits, subscriptionsPerSocket: LIMIT, maxMessageBytes: 64 * 1024, tokenLifetimeSeconds: 2 } });
  clerk = await tokenFor(['clerk']);
});
afterAll(() => server?.stop());

const EVENTS = `subscription($m: ID!) { meetingEvents(meetingId: $m) { __typename sequence } }`;

/** A raw graphql-transport-ws connection (initialised unless `initPayload` is null): what arrives, and how the server closed it. */
async function rawSocket(initPayload: Record<string, unknown> | null = {}, protocols = ['graphql-transport-ws']) {
  const socket = new WebSocket(`${server.url.replace(/^http/, 'ws')}/graphql`, protocols);
  const messages: any[] = [];
  const waiters: (() => void)[] = [];
  const closed = new Promise<{ code: number; reason: string }>((resolve) => socket.on('close', (code, reason) => resolve({ code, reason: String(reason) })));
  socket.on('message', (data) => {
    messages.push(JSON.parse(String(data)));
    waiters.splice(0).forEach((wake) => wake());
  });
  await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
  if (initPayload) socket.send(JSON.stringify({ type: 'connection_init', payload: initPayload }));
  let isClosed = false;
  void closed.then(() => (isClosed = true));
  /** Resolves once `done` holds for the messages so far, or the server has closed the socket. */
  const until = async (done: (messages: any[]) => boolean) => {
    while (!done(messages) && !isClosed) await Promise.race([new Promise<void>((wake) => waiters.push(wake)), closed]);
    return messages;
  };
  const send = (message: object) => socket.send(JSON.stringify(message));
  const subscribe = (id: string, query: string, variables?: object) => send({ id, type: 'subscribe', payload: { query, variables } });
  return { socket, messages, closed, until, send, subscribe };
}

/** Blocks the event loop of this process, the server's too, as a long synchronous query of PGlite does. */
function stall(ms: number) {
  const resume = Date.now() + ms;
  while (Date.now() < resume);
}

async function newMeeting() {
  const { data } = await server.graphql(`mutation($o: [ID!]!) { createMeeting(organizationIds: $o, name: "Sondersitzung", start: "2025-03-01T17:00:00Z") { id } }`, { o: [globalIdOf('Organization', seedIds.committee)] }, clerk);
  return data.createMeeting.id as string;
}

describe('tokens at connection_init', () => {
  const expired = () => tokenFor(['member'], seedIds.person.zieger, -60);
  const cases: [string, () => Promise<string>][] = [
    ['a token that is not a JWT', async () => 'Bearer not-a-token'],
    ['an expired token', async () => `Bearer ${await expired()}`],
    ['a token without "Bearer"', async () => await tokenFor(['member'], seedIds.person.zieger)],
  ];

  it.each(cases)('refuses %s with 4403 Forbidden before acknowledging, as the graphql-ws client sees it', async (_name, authorization) => {
    const raw = await rawSocket({ authorization: await authorization() });
    expect(await raw.closed).toEqual({ code: 4403, reason: 'Forbidden' });
    expect(raw.messages).toEqual([]);

    let failed!: (error: unknown) => void;
    const error = new Promise((resolve) => (failed = resolve));
    const clientWithToken = createClient({
      url: `${server.url.replace(/^http/, 'ws')}/graphql`,
      webSocketImpl: WebSocket,
      connectionParams: { authorization: await authorization() },
      retryAttempts: 0,
    });
    const closedWithToken = new Promise<number>((resolve) => clientWithToken.on('closed', (event) => resolve((event as { code: number }).code)));
    clientWithToken.subscribe({ query: '{ __typename }' }, { next: () => {}, error: failed, complete: () => {} });
    expect(await closedWithToken).toBe(4403);
    expect(await error).toMatchObject({ code: 4403, reason: 'Forbidden' });
    await clientWithToken.dispose();
  });

  it('acknowledges an anonymous connection and a valid token', async () => {
    for (const payload of [{}, { authorization: `Bearer ${await tokenFor(['member'], seedIds.person.zieger)}` }]) {
      const raw = await rawSocket(payload);
      await raw.until((messages) => messages.length > 0);
      expect(raw.messages[0].type).toBe('connection_ack');
      raw.socket.close();
    }
  });

  it('ends the subscriptions of a token without exp after the lifetime cap, with UNAUTHENTICATED', async () => {
    const token = await new SignJWT({ roles: ['member'] })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(globalIdOf('Person', seedIds.person.zieger))
      .sign(new TextEncoder().encode(DEVELOPMENT_JWT_SECRET));
    const client = wsClient(server, token);
    const started = Date.now();
    const subscription = await wsSubscribe(client, EVENTS, { m: await newMeeting() });
    await subscription.completed;
    expect(subscription.results.at(-1)?.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(Date.now() - started).toBeGreaterThanOrEqual(1500);
    await client.dispose();
  });
});

describe('a stall of the event loop (a long synchronous query of PGlite)', () => {
  it('acknowledges a connection_init that arrived while the event loop stalled for longer than the 3 s wait for it', async () => {
    const raw = await rawSocket();
    // connection_init is sent; the process (this client and the server) stalls before the server has read it.
    stall(4_000);
    await raw.until((messages) => messages.length > 0);
    expect(raw.messages[0]?.type).toBe('connection_ack');
    raw.socket.close();
  });

  it('keeps a socket whose pong arrived while the event loop stalled for longer than the 12 s until the next ping', async () => {
    const raw = await rawSocket();
    await raw.until((messages) => messages.some((message) => message.type === 'connection_ack'));
    // ws answers the server's ping before it emits the event; the stall keeps the server from reading the pong.
    await new Promise<void>((resolve) =>
      raw.socket.once('ping', () => {
        stall(13_000);
        resolve();
      }),
    );
    raw.subscribe('after', '{ __typename }');
    await raw.until((messages) => messages.some((message) => message.id === 'after' && message.type === 'complete'));
    expect(raw.messages.find((message) => message.id === 'after')).toMatchObject({ type: 'next', payload: { data: { __typename: 'Query' } } });
    raw.socket.close();
  });
});

describe('the graphql-transport-ws protocol', () => {
  const acknowledged = async (initPayload = {}) => {
    const raw = await rawSocket(initPayload);
    await raw.until((messages) => messages.some((message) => message.type === 'connection_ack'));
    return raw;
  };

  it('closes a socket without the subprotocol with 4406', async () => {
    expect(await (await rawSocket({}, [])).closed).toEqual({ code: 4406, reason: 'Subprotocol not acceptable' });
  });

  it('closes with 4401 on a subscribe before connection_init, 4429 on a second connection_init, 4400 on an invalid message or one only a server sends', async () => {
    const early = await rawSocket(null);
    early.subscribe('1', '{ __typename }');
    expect(await early.closed).toEqual({ code: 4401, reason: 'Unauthorized' });

    const twice = await acknowledged();
    twice.send({ type: 'connection_init' });
    expect(await twice.closed).toEqual({ code: 4429, reason: 'Too many initialisation requests' });

    for (const invalid of ['not json', JSON.stringify({ type: 'unheard_of' }), JSON.stringify({ type: 'subscribe', id: '1', payload: { query: 1 } })]) {
      const raw = await acknowledged();
      raw.socket.send(invalid);
      expect(await raw.closed).toEqual({ code: 4400, reason: 'Invalid message received' });
    }
    // A message only a server sends is the client's mistake: 4400, not 4500.
    const serverSide = await acknowledged();
    serverSide.send({ type: 'next', id: '1', payload: {} });
    expect(await serverSide.closed).toEqual({ code: 4400, reason: 'Unexpected message of type next received' });
  });

  it('closes with 4409 when a running subscription\'s id is used again; a completed one\'s id may be', async () => {
    const meetingId = await newMeeting();
    const raw = await acknowledged();
    raw.subscribe('once', '{ __typename }');
    await raw.until((messages) => messages.some((message) => message.id === 'once' && message.type === 'complete'));
    raw.subscribe('once', '{ __typename }');
    await raw.until((messages) => messages.filter((message) => message.id === 'once' && message.type === 'complete').length === 2);
    raw.subscribe('live', EVENTS, { m: meetingId });
    raw.subscribe('live', EVENTS, { m: meetingId });
    expect(await raw.closed).toEqual({ code: 4409, reason: 'Subscriber for live already exists' });
  });

  it('answers ping with pong (echoing its payload) and ends a subscription the client completes', async () => {
    const meetingId = await newMeeting();
    const raw = await acknowledged({ authorization: `Bearer ${clerk}` });
    raw.send({ type: 'ping', payload: { at: 1 } });
    raw.send({ type: 'ping' });
    raw.send({ type: 'pong' });
    await raw.until((messages) => messages.filter((message) => message.type === 'pong').length === 2);
    expect(raw.messages.filter((message) => message.type === 'pong')).toEqual([{ type: 'pong', payload: { at: 1 } }, { type: 'pong' }]);

    // From the (clerk's) cursor before the first event, so that both receive it however soon it comes.
    const cursor = (await server.graphql(`query($id: ID!) { node(id: $id) { ... on Meeting { eventCursor } } }`, { id: meetingId }, clerk)).data.node.eventCursor;
    const events = `subscription($m: ID!, $after: String) { meetingEvents(meetingId: $m, after: $after) { __typename sequence } }`;
    raw.subscribe('ended', events, { m: meetingId, after: cursor });
    raw.subscribe('kept', events, { m: meetingId, after: cursor });
    const live = (id: string) => raw.messages.filter((message) => message.id === id && message.payload?.data?.meetingEvents).map((message) => message.payload.data.meetingEvents);
    await server.graphql(`mutation($id: ID!) { startMeeting(meetingId: $id) { id } }`, { id: meetingId }, clerk);
    await raw.until(() => live('ended').length > 0 && live('kept').length > 0);
    raw.send({ id: 'ended', type: 'complete' });
    // Its id is free again at once, and the other subscription alone receives the next event.
    raw.subscribe('ended', '{ __typename }');
    await raw.until((messages) => messages.some((message) => message.id === 'ended' && message.type === 'complete'));
    await server.graphql(`mutation($id: ID!) { endMeeting(meetingId: $id) { id } }`, { id: meetingId }, clerk);
    await raw.until(() => live('kept').some((event) => event.__typename === 'MeetingEnded'));
    expect(live('ended').map((event) => event.__typename)).not.toContain('MeetingEnded');
    expect(raw.messages.filter((message) => message.id === 'ended' && !message.payload?.data?.meetingEvents).map((message) => message.type)).toEqual(['next', 'complete']);
    raw.socket.close();
  });

  it('answers every message of a socket that floods them, in order, while it is read no faster than answered, and serves other sockets meanwhile', async () => {
    const raw = await acknowledged();
    const other = await acknowledged();
    // Far more than a socket may have waiting before it is read no further (then read again).
    for (let i = 0; i < 5000; i++) raw.send({ type: 'ping', payload: { i } });
    raw.subscribe('mid-flood', '{ __typename }');
    other.subscribe('other', '{ __typename }');
    await other.until((messages) => messages.some((message) => message.id === 'other' && message.type === 'complete'));
    expect(other.messages.find((message) => message.id === 'other')?.payload.data).toEqual({ __typename: 'Query' });
    await raw.until((messages) => messages.some((message) => message.id === 'mid-flood' && message.type === 'complete'));
    const pongs = raw.messages.filter((message) => message.type === 'pong');
    expect(pongs.map((message) => message.payload.i)).toEqual(Array.from({ length: 5000 }, (_, i) => i));
    raw.socket.close();
    other.socket.close();
  });
  it('reads no further from a socket whose client does not read its answers, until it does; then answers every message, in order', async () => {
    const raw = await acknowledged();
    await raw.until((messages) => messages.some((message) => message.type === 'connection_ack'));
    // The client reads nothing from now on, and pings with 16 KiB payloads.
    raw.socket.pause();
    const payload = 'x'.repeat(16 * 1024);
    let sent = 0;
    // Sent no faster than the server answers (16 per turn of its event loop), so that only a
    // server that stops reading fills TCP's buffers and then the client's own; without that, it
    // would read and answer all 256 MiB.
    while (raw.socket.bufferedAmount < 4 * 1024 * 1024 && sent < 16 * 1024) {
      for (let i = 0; i < 16; i++) raw.send({ type: 'ping', payload: { i: sent++, payload } });
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(raw.socket.bufferedAmount).toBeGreaterThanOrEqual(4 * 1024 * 1024);
    raw.socket.resume();
    await raw.until((messages) => messages.filter((message) => message.type === 'pong').length === sent);
    expect(raw.messages.filter((message) => message.type === 'pong').map((message) => message.payload.i)).toEqual(Array.from({ length: sent }, (_, i) => i));
    raw.socket.close();
  });
});

describe('one bad operation on a socket', () => {
  it('answers a syntax error, an invalid document, an operation it cannot identify and a too-costly document alone; the other subscription goes on', async () => {
    const meetingId = await newMeeting();
    const raw = await rawSocket();
    await raw.until((messages) => messages.some((message) => message.type === 'connection_ack'));
    raw.subscribe('live', EVENTS, { m: meetingId });
    // One after the other: the socket runs at most LIMIT operations at once.
    const answered = (id: string) => raw.until((messages) => messages.some((message) => message.id === id && message.type !== 'next'));
    raw.subscribe('syntax', 'subscription { meetingEvents(');
    await answered('syntax');
    raw.subscribe('invalid', '{ noSuchField }');
    await answered('invalid');
    raw.subscribe('unnamed', 'query A { __typename } query B { __typename }');
    await answered('unnamed');
    raw.subscribe('costly', 'query($n: Int) { persons(first: $n) { edges { node { memberships(first: $n) { edges { node { organization { memberships(first: $n) { edges { node { person { familyName } } } } } } } } } } } }', { n: 100 });
    await answered('costly');
    const codeOf = (id: string) => {
      const message = raw.messages.find((one) => one.id === id && (one.type === 'error' || one.type === 'next'));
      return (message.type === 'error' ? message.payload : message.payload.errors)[0].extensions.code;
    };
    expect(codeOf('syntax')).toBe('GRAPHQL_PARSE_FAILED');
    expect(codeOf('invalid')).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(codeOf('unnamed')).toBe('BAD_REQUEST');
    expect(codeOf('costly')).toBe('QUERY_TOO_COMPLEX');

    await server.graphql(`mutation($id: ID!) { startMeeting(meetingId: $id) { id } }`, { id: meetingId }, clerk);
    await raw.until((messages) => messages.some((message) => message.id === 'live' && message.type === 'next'));
    expect(raw.messages.find((message) => message.id === 'live' && message.type === 'next').payload.data.meetingEvents.__typename).toBe('MeetingStarted');
    expect(raw.socket.readyState).toBe(WebSocket.OPEN);
    raw.socket.close();
  });

  it('answers a query with a bad page size over the graphql-ws client with a coded error, and the client goes on', async () => {
    const client = wsClient(server);
    const bad = await wsSubscribe(client, '{ persons(first: 1000) { totalCount } }', {});
    await bad.completed;
    expect(at(bad.results, 0).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const good = await wsSubscribe(client, '{ persons(first: 1) { totalCount } }', {});
    await good.completed;
    expect(at(good.results, 0).data).toEqual({ persons: { totalCount: expect.any(Number) } });
    await client.dispose();
  });
});

describe('limits of a socket', () => {
  it('closes a socket that sends no connection_init with 4408', async () => {
    const socket = new WebSocket(`${server.url.replace(/^http/, 'ws')}/graphql`, 'graphql-transport-ws');
    const closed = new Promise<{ code: number; reason: string }>((resolve) => socket.on('close', (code, reason) => resolve({ code, reason: String(reason) })));
    expect(await closed).toEqual({ code: 4408, reason: 'Connection initialisation timeout' });
  });

  it('closes a socket that only pings, without connection_init, with 4408', async () => {
    const raw = await rawSocket(null);
    raw.send({ type: 'ping' });
    await raw.until((messages) => messages.some((message) => message.type === 'pong'));
    expect(await raw.closed).toEqual({ code: 4408, reason: 'Connection initialisation timeout' });
  });

  it(`runs at most ${LIMIT} subscriptions at once on one socket and refuses more with TOO_MANY_SUBSCRIPTIONS`, async () => {
    const meetingId = await newMeeting();
    const raw = await rawSocket();
    await raw.until((messages) => messages.some((message) => message.type === 'connection_ack'));
    for (let index = 0; index <= LIMIT; index += 1) raw.subscribe(`s${index}`, EVENTS, { m: meetingId });
    await raw.until((messages) => messages.some((message) => message.id === `s${LIMIT}`));
    const refused = raw.messages.find((message) => message.id === `s${LIMIT}`);
    expect(refused).toMatchObject({ type: 'error', payload: [{ extensions: { code: 'TOO_MANY_SUBSCRIPTIONS', limit: LIMIT } }] });
    expect(raw.messages.filter((message) => message.type === 'error')).toHaveLength(1);

    // Ending one makes room for the next.
    raw.send({ id: 's0', type: 'complete' });
    raw.subscribe('again', '{ __typename }');
    await raw.until((messages) => messages.some((message) => message.id === 'again' && message.type === 'complete'));
    expect(raw.messages.find((message) => message.id === 'again')).toMatchObject({ type: 'next', payload: { data: { __typename: 'Query' } } });
    raw.socket.close();
  });

  it('closes a socket that sends a message larger than the limit with 1009', async () => {
    const raw = await rawSocket();
    await raw.until((messages) => messages.some((message) => message.type === 'connection_ack'));
    raw.subscribe('big', '{ __typename }', { padding: 'x'.repeat(100 * 1024) });
    expect((await raw.closed).code).toBe(1009);

    const client = wsClient(server);
    const closed = new Promise<number>((resolve) => client.on('closed', (event) => resolve((event as { code: number }).code)));
    const subscription = await wsSubscribe(client, '{ __typename }', { padding: 'x'.repeat(100 * 1024) });
    expect(await closed).toBe(1009);
    await expect(subscription.completed).rejects.toBeTruthy();
    await client.dispose();
  });
});
