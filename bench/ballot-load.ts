// The load of bench/ballots.ts, in its own process so that the figures are the server's, not the
// load generator's. Told what to do by one IPC message (a LoadOrder), it answers one LoadReport.
//   ballots:  every member casts at once (over HTTP, or over a graphql-ws connection each that is
//             open and signed in before the vote); meanwhile a voteResults subscriber watches the
//             tally and an anonymous reader asks meetings(first: 10), one request after the other.
//   bare:     every member sends `{ __typename }` at once: the server's own cost of a burst.
//   arrivals: the clerk records every member present, `inFlight` requests at a time; then, at a
//             second meeting of the same members, all of them at once (recordPresence).
import http from 'node:http';
import net from 'node:net';
import { performance } from 'node:perf_hooks';
import WebSocket from 'ws';
import { createClient, type Client } from 'graphql-ws';
import { DEVELOPMENT_JWT_SECRET } from '../src/config.js';
import { signDevelopmentToken } from '../src/auth/token.js';
import { globalIdOf } from '../src/global-id.js';

export type LoadOrder =
  | { mode: 'ballots'; over: Transport; url: string; meetingId: string; voteId: string; members: string[] }
  | { mode: 'bare'; url: string; members: string[] }
  | { mode: 'arrivals'; url: string; meetingId: string; members: string[]; inFlight: number; allAtOnceMeetingId: string };

/** How the members send their ballots: a request each over HTTP, or over the WebSocket their phone keeps open for the live state. */
export type Transport = 'http' | 'ws';

export interface LoadReport {
  /** Milliseconds from the first request sent to the last one answered. */
  elapsed: number;
  /** Ballots: milliseconds from the first request sent to the first one answered. */
  firstAnswered?: number;
  /** Per request, from sent to answered (ms). */
  latencies: number[];
  /** Error codes (or messages) of the refused requests, one per refusal. */
  refusals: string[];
  /** Ballots: when (ms after the first ballot was sent) the subscriber saw each tally, and the count it showed. */
  tallies?: { at: number; ballotsCast: number; state: string }[];
  /** Ballots: the subscriber's stream ended with this error code (SUBSCRIBER_TOO_SLOW …). */
  subscriberEnded?: string;
  /** Arrivals: how long recordPresence took for everyone at the second meeting (ms), or its refusal. */
  allAtOnce?: number | string;
  /** Ballots: the anonymous reader's latencies during the burst (ms), and its refusals. */
  reads?: { latencies: number[]; refusals: string[] };
  /** This process's CPU time from the burst's start to the report (ms): on the server's machine, what the load took of its cores. */
  cpuMs?: number;
}

/** Told to the parent just before a burst, so that it measures the server's CPU from there. */
export const BURST_STARTS = 'burst starts';

let burstCpu: NodeJS.CpuUsage | undefined;
function burstStarts() {
  process.send!(BURST_STARTS);
  burstCpu = process.cpuUsage();
}

export const choiceOf = (index: number) => (index % 3 === 0 ? 'YES' : index % 3 === 1 ? 'NO' : 'ABSTAIN');

// The clerk's requests (arrivals), on connections kept alive.
const agent = new http.Agent({ keepAlive: true });
// The anonymous reader is another client: its own connection, not a place in the members' queue.
const readerAgent = new http.Agent({ maxSockets: 1, keepAlive: true });

function post(url: string, query: string, variables: Record<string, unknown>, token?: string, through = agent) {
  return new Promise<{ data?: any; errors?: { message: string; extensions?: { code?: string } }[] }>((resolve, reject) => {
    const headers = { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) };
    const request = http.request(`${url}/graphql`, { method: 'POST', agent: through, headers }, (response) => {
      let text = '';
      response.on('data', (chunk) => (text += chunk));
      response.on('end', () => {
        try {
          resolve(JSON.parse(text));
        } catch {
          resolve({ errors: [{ message: `HTTP ${response.statusCode}: ${text.slice(0, 100)}` }] });
        }
      });
    });
    request.on('error', reject);
    request.end(JSON.stringify({ query, variables }));
  });
}

const refusalOf = (errors: { message: string; extensions?: { code?: string } }[]) => errors[0]?.extensions?.code ?? errors[0]?.message ?? 'unknown';

async function ballots(order: Extract<LoadOrder, { mode: 'ballots' }>): Promise<LoadReport> {
  const tokens = await Promise.all(order.members.map((member) => signDevelopmentToken(DEVELOPMENT_JWT_SECRET, { sub: globalIdOf('Person', member), roles: ['member'] })));

  // A display: anonymous, as the public sees a vote on a public item.
  const client = createClient({ url: `${order.url.replace(/^http/, 'ws')}/graphql`, webSocketImpl: WebSocket, retryAttempts: 0, lazy: false });
  const tallies: NonNullable<LoadReport['tallies']> = [];
  let subscriberEnded: string | undefined;
  let started = 0;
  let sawAll: () => void = () => {};
  const allSeen = new Promise<void>((resolve) => (sawAll = resolve));
  await new Promise<void>((resolve) => client.on('connected', () => resolve()));
  client.subscribe<{ voteResults: { state: string; ballotsCast: number } }>(
    { query: `subscription($m: ID!) { voteResults(meetingId: $m) { state ballotsCast yes no abstain } }`, variables: { m: order.meetingId } },
    {
      next: (result) => {
        if (result.errors) {
          subscriberEnded = refusalOf(result.errors as never);
          return sawAll();
        }
        const vote = result.data!.voteResults;
        tallies.push({ at: performance.now() - started, ballotsCast: vote.ballotsCast, state: vote.state });
        if (vote.ballotsCast >= order.members.length) sawAll();
      },
      error: (error) => {
        subscriberEnded = String((error as Error).message ?? error);
        sawAll();
      },
      complete: () => sawAll(),
    },
  );
  // The subscription is set up once its first round trip is through: a read on the same socket.
  await new Promise<void>((resolve) => client.subscribe({ query: '{ __typename }' }, { next: () => {}, error: () => resolve(), complete: () => resolve() }));

  let bursting = true;
  const reads = { latencies: [] as number[], refusals: [] as string[] };
  const reader = (async () => {
    while (bursting) {
      const sent = performance.now();
      const { errors } = await post(order.url, `{ meetings(first: 10) { edges { node { id name start } } } }`, {}, undefined, readerAgent);
      if (errors) reads.refusals.push(refusalOf(errors));
      else reads.latencies.push(performance.now() - sent);
    }
  })();

  const cast = `mutation($v: ID!, $c: BallotChoice!) { castBallot(voteId: $v, choice: $c) { id } }`;
  const variablesOf = (index: number) => ({ v: order.voteId, c: choiceOf(index) });
  const phones = order.over === 'ws' ? await connectAll(order.url, tokens) : [];
  burstStarts();
  started = performance.now();
  const { latencies, refusals, elapsed, firstAnswered } = order.over === 'ws' ? await wsBurst(phones, cast, variablesOf) : await burst(order.url, tokens, cast, variablesOf);
  bursting = false;
  await Promise.all(phones.map((phone) => phone.dispose()));
  await reader;
  // The last tally may come up to one coalescing interval later; give up after 10 s.
  await Promise.race([allSeen, new Promise((resolve) => setTimeout(resolve, 10_000))]);
  await client.dispose();
  return { elapsed, firstAnswered, latencies, refusals, tallies, subscriberEnded, reads };
}

/**
 * The members' connections: as many at most (below the listen backlog of 511; more simultaneous
 * connects are reset by the kernel), opened when the burst starts, as a phone's would be: the
 * server closes a connection idle for 5 s (Node's keepAliveTimeout), less than a motion is read.
 */
const CONNECTIONS = 500;

/**
 * Every token sends its request at once, over up to CONNECTIONS keep-alive connections, each
 * request waiting for a free one; latencies (from the burst's start) in the order of the tokens.
 * The requests are bytes made before the burst, and an answer is read by its Content-Length:
 * through http.request this process spent as much CPU per request as the server (0.6 ms), on the
 * same two cores, so that a burst's figures were half the load generator's. The server reads
 * the same requests as from http.request (method, path, headers, body).
 */
async function burst(url: string, tokens: string[], query: string, variablesOf: (index: number) => Record<string, unknown>) {
  const { host, hostname, port } = new URL(url);
  const requests = tokens.map((token, index) => {
    const body = JSON.stringify({ query, variables: variablesOf(index) });
    return Buffer.from(
      `POST /graphql HTTP/1.1\r\nHost: ${host}\r\nContent-Type: application/json\r\nAuthorization: Bearer ${token}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: keep-alive\r\n\r\n${body}`,
    );
  });
  const latencies: number[] = new Array(tokens.length);
  const refusals: string[] = [];
  let next = 0;
  const started = performance.now();
  const connection = () =>
    new Promise<void>((resolve, reject) => {
      const socket = net.connect(Number(port), hostname);
      let index = -1;
      let received = Buffer.alloc(0);
      const send = () => {
        if (next === requests.length) return void socket.end(resolve);
        index = next++;
        socket.write(requests[index]!);
      };
      socket.setNoDelay(true);
      socket.on('connect', send);
      socket.on('error', reject);
      // After the last answer the socket has ended and resolved; before it, a close is a failure.
      socket.on('close', () => reject(new Error(`The server closed a connection before answering request ${index}.`)));
      socket.on('data', (chunk) => {
        received = received.length ? Buffer.concat([received, chunk]) : chunk;
        const headEnd = received.indexOf('\r\n\r\n');
        if (headEnd < 0) return;
        const head = received.subarray(0, headEnd).toString('latin1');
        const length = /\r\ncontent-length: *(\d+)/i.exec(head)?.[1];
        if (length === undefined) return reject(new Error(`An answer without Content-Length: ${head}`));
        const end = headEnd + 4 + Number(length);
        if (received.length < end) return;
        latencies[index] = performance.now() - started;
        const text = received.subarray(headEnd + 4, end).toString();
        received = received.subarray(end);
        try {
          const { errors } = JSON.parse(text) as { errors?: { message: string; extensions?: { code?: string } }[] };
          if (errors) refusals.push(refusalOf(errors));
        } catch {
          refusals.push(`${head.slice(0, head.indexOf('\r\n'))}: ${text.slice(0, 100)}`);
        }
        send();
      });
    });
  await Promise.all(Array.from({ length: Math.min(CONNECTIONS, requests.length) }, connection));
  return { latencies, refusals, elapsed: performance.now() - started, firstAnswered: Math.min(...latencies) };
}

/** A signed-in graphql-ws connection per token, as the members' phones hold them; 200 connecting at a time. */
async function connectAll(url: string, tokens: string[]) {
  const phones: Client[] = [];
  for (let from = 0; from < tokens.length; from += 200) {
    phones.push(
      ...(await Promise.all(
        tokens.slice(from, from + 200).map(async (token) => {
          const phone = createClient({ url: `${url.replace(/^http/, 'ws')}/graphql`, webSocketImpl: WebSocket, retryAttempts: 0, lazy: false, connectionParams: { authorization: `Bearer ${token}` } });
          await new Promise<void>((resolve, reject) => {
            phone.on('connected', () => resolve());
            phone.on('error', reject);
          });
          return phone;
        }),
      )),
    );
  }
  return phones;
}

/** Every phone sends its request at once over its WebSocket; latencies in the order of the phones. */
async function wsBurst(phones: Client[], query: string, variablesOf: (index: number) => Record<string, unknown>) {
  const refusals: string[] = [];
  const started = performance.now();
  let firstAnswered = Infinity;
  const latencies = await Promise.all(
    phones.map(async (phone, index) => {
      const sent = performance.now();
      const result = await new Promise<{ errors?: readonly { message: string; extensions?: { code?: string } }[] }>((resolve) => {
        let answer = {};
        phone.subscribe({ query, variables: variablesOf(index) }, { next: (value) => (answer = value), error: (error) => resolve({ errors: [{ message: String((error as Error).message ?? error) }] }), complete: () => resolve(answer) });
      });
      if (result.errors) refusals.push(refusalOf([...result.errors]));
      firstAnswered = Math.min(firstAnswered, performance.now() - started);
      return performance.now() - sent;
    }),
  );
  return { latencies, refusals, elapsed: performance.now() - started, firstAnswered };
}

/** The floor of any burst: as many signed-in requests of the least a GraphQL request can ask. */
async function bare(order: Extract<LoadOrder, { mode: 'bare' }>): Promise<LoadReport> {
  const tokens = await Promise.all(order.members.map((member) => signDevelopmentToken(DEVELOPMENT_JWT_SECRET, { sub: globalIdOf('Person', member), roles: ['member'] })));
  burstStarts();
  return burst(order.url, tokens, '{ __typename }', () => ({}));
}

async function arrivals(order: Extract<LoadOrder, { mode: 'arrivals' }>): Promise<LoadReport> {
  const clerk = await signDevelopmentToken(DEVELOPMENT_JWT_SECRET, { roles: ['clerk'] });
  const queue = order.members.map((member) => globalIdOf('Person', member));
  const latencies: number[] = [];
  const refusals: string[] = [];
  burstStarts();
  const started = performance.now();
  await Promise.all(
    Array.from({ length: order.inFlight }, async () => {
      for (let personId = queue.shift(); personId; personId = queue.shift()) {
        const sent = performance.now();
        const { errors } = await post(order.url, `mutation($m: ID!, $p: ID!) { recordAttendance(meetingId: $m, personId: $p, status: PRESENT) { id } }`, { m: order.meetingId, p: personId }, clerk);
        if (errors) refusals.push(refusalOf(errors));
        latencies.push(performance.now() - sent);
      }
    }),
  );
  const elapsed = performance.now() - started;
  const sent = performance.now();
  const { errors } = await post(order.url, `mutation($m: ID!) { recordPresence(meetingId: $m) { id } }`, { m: order.allAtOnceMeetingId }, clerk);
  return { elapsed, latencies, refusals, allAtOnce: errors ? refusalOf(errors) : performance.now() - sent };
}

process.once('message', async (order: LoadOrder) => {
  const report = order.mode === 'ballots' ? await ballots(order) : order.mode === 'bare' ? await bare(order) : await arrivals(order);
  const used = process.cpuUsage(burstCpu);
  process.send!({ ...report, cpuMs: (used.user + used.system) / 1000 }, () => process.exit(0));
});
