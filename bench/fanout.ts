// Fan-out of one event to many WebSocket subscribers on one instance, against the physical
// baseline of broadcasting the same bytes over a bare `ws` server, in the same run:
//   npm run bench:fanout -- [--subscribers 2000] [--rounds 3]     (BENCH_DATABASE_URL=… for PostgreSQL)
// The servers run in this process; the subscribers' clients in a forked one (./fanout-clients.ts),
// so that the figures are the server's. Each round opens a vote, connects the graphql-ws
// subscribers of meetingEvents, closes the vote, and then does the same with a bare `ws`
// broadcast of the VoteClosed message the subscribers received; rounds alternate the two, and
// the median of the rounds is printed. Latency: from the moment the clerk's closeVote is sent to
// the arrival of VoteClosed at each subscriber. Memory per subscriber: this process's heap +
// external after GC with the subscribers connected, less before, per subscriber (RSS is left
// out: it keeps what earlier rounds freed, so its deltas say little).
import { fork, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import { once } from 'node:events';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { WebSocketServer } from 'ws';
import { DEVELOPMENT_JWT_SECRET } from '../src/config.js';
import { signDevelopmentToken } from '../src/auth/token.js';
import { runningCouncilMeeting } from '../test/support/council.js';
import type { ClientCommand, ClientReply } from './fanout-clients.js';
import { ms, percentiles, startBenchInstance } from './live-support.js';
import { at } from '../test/support/indexing.js';

const { values } = parseArgs({ options: { subscribers: { type: 'string', default: '2000' }, rounds: { type: 'string', default: '3' } } });
const count = Number(values.subscribers);
const rounds = Number(values.rounds);
const ARRIVAL_TIMEOUT_MS = 120_000;

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('Run with --expose-gc (npm run bench:fanout does).');
async function memory() {
  // Two collections with a pause between: closed sockets release their buffers in between.
  gc!();
  await sleep(200);
  gc!();
  const { heapUsed, external } = process.memoryUsage();
  return heapUsed + external;
}

// --- The subscribers' process -------------------------------------------------------------------
const clients: ChildProcess = fork(new URL('./fanout-clients.ts', import.meta.url), { execArgv: process.execArgv.filter((arg) => arg !== '--expose-gc') });
const replies: ClientReply[] = [];
let replied = () => {};
clients.on('message', (reply: ClientReply) => {
  replies.push(reply);
  replied();
});
async function reply<T extends ClientReply['type']>(type: T): Promise<Extract<ClientReply, { type: T }>> {
  for (;;) {
    const index = replies.findIndex((candidate) => candidate.type === type);
    if (index >= 0) return replies.splice(index, 1)[0] as Extract<ClientReply, { type: T }>;
    await new Promise<void>((resolve) => (replied = resolve));
  }
}
function command(message: ClientCommand) {
  clients.send(message);
}
const now = () => performance.timeOrigin + performance.now();

/** Arms the clients for `match`, runs `trigger`, and answers each subscriber's latency from the trigger. */
async function deliver(match: string, trigger: () => Promise<unknown> | void) {
  command({ type: 'await', match, timeoutMs: ARRIVAL_TIMEOUT_MS });
  await reply('armed');
  const sent = now();
  await trigger();
  const triggered = now() - sent;
  const { times, missing, sample } = await reply('arrived');
  if (missing) throw new Error(`${missing} of ${count} subscribers did not receive ${match}.`);
  return { latencies: times.map((time) => time - sent), triggered, sample: sample! };
}

async function connect(url: string, subscribe?: (ClientCommand & { type: 'connect' })['subscribe']) {
  command({ type: 'connect', url, count, subscribe });
  await reply('connected');
}

async function closeClients() {
  command({ type: 'close' });
  await reply('closed');
}

interface Figures {
  p50: number;
  p99: number;
  max: number;
  /** Bytes per subscriber: heap + external. */
  memory: number;
}

// --- GraphQL subscriptions ----------------------------------------------------------------------
const bench = await startBenchInstance();
const { meetingId, itemId } = await runningCouncilMeeting(bench.instance, bench.clerk, 10);
const query = `subscription($m: ID!) { meetingEvents(meetingId: $m) { __typename sequence cursor ... on VoteTallyChanged { vote { id } } ... on VoteClosed { vote { id result unanimous yes no abstain } } } }`;
const graphqlUrl = `${bench.url.replace('http', 'ws')}/graphql`;
const clerkToken = await signDevelopmentToken(DEVELOPMENT_JWT_SECRET, { roles: ['clerk'] });

/** The clerk's mutations on a connection of their own: a kept-alive one may be closed by the server while the subscribers connect. */
function clerk(query: string, variables: Record<string, unknown>): Promise<any> {
  return new Promise((resolve, reject) => {
    const request = http.request(`${bench.url}/graphql`, { method: 'POST', agent: false, headers: { 'content-type': 'application/json', authorization: `Bearer ${clerkToken}` } }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk) => (body += chunk));
      response.on('end', () => {
        const { data, errors } = JSON.parse(body);
        if (errors) reject(new Error(JSON.stringify(errors)));
        else resolve(data);
      });
    });
    request.on('error', reject);
    request.end(JSON.stringify({ query, variables }));
  });
}
let payload = '';
let mutationMs = 0;

async function subscribersGone() {
  for (;;) {
    const counts = await bench.instance.services.live.feeds.subscriberCounts();
    if (![...counts.values()].some(({ subscribers }) => subscribers > 0)) return;
    await sleep(100);
  }
}

async function graphqlRound(): Promise<Figures> {
  const { openVote } = await clerk(`mutation($id: ID!) { openVote(agendaItemId: $id, subject: "Haushalt", kind: COUNTED) { id } }`, { id: itemId });
  const before = await memory();
  await connect(graphqlUrl, { query, variables: { m: meetingId } });
  // Counts arriving at every subscriber show that all of them are listening (and warm the path).
  await deliver('VoteTallyChanged', () => clerk(`mutation($id: ID!) { recordVoteCounts(voteId: $id, yes: 9, no: 0, abstain: 1) { id } }`, { id: openVote.id }));
  const after = await memory();
  const closed = await deliver('VoteClosed', () => clerk(`mutation($id: ID!) { closeVote(voteId: $id) { result } }`, { id: openVote.id }));
  payload = closed.sample;
  mutationMs = closed.triggered;
  await closeClients();
  await subscribersGone();
  return { ...percentiles(closed.latencies), memory: (after - before) / count };
}

// --- Bare ws baseline: the same bytes, broadcast --------------------------------------------------
async function bareRound(): Promise<Figures> {
  const bare = new WebSocketServer({ port: 0, host: '127.0.0.1' });
  await once(bare, 'listening');
  const before = await memory();
  await connect(`ws://127.0.0.1:${(bare.address() as { port: number }).port}`);
  const after = await memory();
  const broadcast = await deliver('VoteClosed', () => {
    for (const client of bare.clients) client.send(payload);
  });
  await closeClients();
  await new Promise((resolve) => bare.close(resolve));
  return { ...percentiles(broadcast.latencies), memory: (after - before) / count };
}

const median = (list: number[]) => at([...list].sort((a, b) => a - b), Math.floor(list.length / 2));
const medianOf = (figures: Figures[]): Figures => ({
  p50: median(figures.map((f) => f.p50)),
  p99: median(figures.map((f) => f.p99)),
  max: median(figures.map((f) => f.max)),
  memory: median(figures.map((f) => f.memory)),
});
const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
const row = (name: string, f: Figures) =>
  `${name.padEnd(17)}${ms(f.p50).padEnd(13)}${ms(f.p99).padEnd(13)}${ms(f.max).padEnd(13)}${kib(f.memory)}`;
const load = () => loadavg().map((value) => value.toFixed(2)).join(' ');

console.log(`${count} subscribers, ${rounds} rounds; load average ${load()}`);
const graphqlRounds: Figures[] = [];
const bareRounds: Figures[] = [];
for (let round = 1; round <= rounds; round++) {
  graphqlRounds.push(await graphqlRound());
  bareRounds.push(await bareRound());
  const [last, lastBare] = [graphqlRounds.at(-1)!, bareRounds.at(-1)!];
  console.log(
    `round ${round}: GraphQL p99 ${ms(last.p99)}, ${kib(last.memory)}; bare p99 ${ms(lastBare.p99)}, ${kib(lastBare.memory)}; closeVote answered after ${ms(mutationMs)}; load ${load()}`,
  );
}
clients.kill();
await bench.stop();

const graphql = medianOf(graphqlRounds);
const baseline = medianOf(bareRounds);
const ratio = (a: number, b: number) => `${(a / b).toFixed(1)}x`;
console.log(`\none VoteClosed event (${payload.length} bytes) to ${count} subscribers, median of ${rounds} rounds; load average now ${load()}`);
console.log(`                 p50          p99          max          memory/subscriber`);
console.log(row('GraphQL (ws)', graphql));
console.log(row('bare ws', baseline));
console.log(
  `${'ratio'.padEnd(17)}${ratio(graphql.p50, baseline.p50).padEnd(13)}${ratio(graphql.p99, baseline.p99).padEnd(13)}${ratio(graphql.max, baseline.max).padEnd(13)}` +
    ratio(graphql.memory, baseline.memory),
);
process.exit(0);
