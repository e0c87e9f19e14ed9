// Fan-out of one event to many WebSocket subscribers on one instance, against the physical
// baseline of broadcasting the same bytes over a bare `ws` server:
//   npm run bench:fanout -- [--subscribers 2000]     (BENCH_DATABASE_URL=… for PostgreSQL)
// A vote closes; every subscriber of meetingEvents receives VoteClosed with the result. Printed:
// delivery latency from the moment the clerk's closeVote is sent (p50/p99/max), memory per
// subscriber (server and clients run in this process, in both setups alike), and the ratios.
import { parseArgs } from 'node:util';
import { once } from 'node:events';
import { performance } from 'node:perf_hooks';
import WebSocket, { WebSocketServer } from 'ws';
import { runningCouncilMeeting } from '../test/support/council.js';
import { ms, percentiles, startBenchInstance } from './live-support.js';
import { at } from '../test/support/indexing.js';

const { values } = parseArgs({ options: { subscribers: { type: 'string', default: '2000' } } });
const count = Number(values.subscribers);
const BATCH = 250;

function memory() {
  (globalThis as { gc?: () => void }).gc?.();
  const { heapUsed, external } = process.memoryUsage();
  return heapUsed + external;
}

/** Opens `count` sockets with `open` in batches; returns them. */
async function connect(open: () => Promise<WebSocket>) {
  const sockets: WebSocket[] = [];
  for (let index = 0; index < count; index += BATCH) {
    sockets.push(...(await Promise.all(Array.from({ length: Math.min(BATCH, count - index) }, open))));
  }
  return sockets;
}

/** Resolves with each socket's arrival time of the first message that `matches`. */
function arrivals(sockets: WebSocket[], matches: (data: string) => boolean) {
  return Promise.all(
    sockets.map(
      (socket) =>
        new Promise<{ at: number; data: string }>((resolve) => {
          const listener = (raw: WebSocket.RawData) => {
            const data = raw.toString();
            if (!matches(data)) return;
            socket.off('message', listener);
            resolve({ at: performance.now(), data });
          };
          socket.on('message', listener);
        }),
    ),
  );
}

// --- GraphQL subscriptions --------------------------------------------------------------------
const bench = await startBenchInstance();
const { meetingId, itemId } = await runningCouncilMeeting(bench.instance, bench.clerk, 10);
const { openVote } = await bench.clerk(`mutation($id: ID!) { openVote(agendaItemId: $id, subject: "Haushalt", kind: COUNTED) { id } }`, { id: itemId });

const query = `subscription($m: ID!) { meetingEvents(meetingId: $m) { __typename sequence cursor ... on VoteTallyChanged { vote { id } } ... on VoteClosed { vote { id result unanimous yes no abstain } } } }`;
const wsUrl = `${bench.url.replace('http', 'ws')}/graphql`;
const before = memory();
const subscribers = await connect(async () => {
  const socket = new WebSocket(wsUrl, 'graphql-transport-ws');
  await once(socket, 'open');
  socket.send(JSON.stringify({ type: 'connection_init', payload: {} }));
  await once(socket, 'message'); // connection_ack
  socket.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query, variables: { m: meetingId } } }));
  return socket;
});
// Counts arriving at every subscriber show that all of them are listening (and warm the path).
const warm = arrivals(subscribers, (data) => data.includes('VoteTallyChanged'));
await bench.clerk(`mutation($id: ID!) { recordVoteCounts(voteId: $id, yes: 9, no: 0, abstain: 1) { id } }`, { id: openVote.id });
await warm;
const perSubscriber = (memory() - before) / count;

const closed = arrivals(subscribers, (data) => data.includes('VoteClosed'));
const sent = performance.now();
await bench.clerk(`mutation($id: ID!) { closeVote(voteId: $id) { result } }`, { id: openVote.id });
const mutationDone = performance.now() - sent;
const received = await closed;
const graphql = percentiles(received.map((arrival) => arrival.at - sent));
const payload = at(received, 0).data;
for (const socket of subscribers) socket.terminate();
await bench.stop();

// --- Bare ws baseline: the same bytes, broadcast -------------------------------------------------
const bare = new WebSocketServer({ port: 0, host: '127.0.0.1' });
await once(bare, 'listening');
const bareUrl = `ws://127.0.0.1:${(bare.address() as { port: number }).port}`;
const bareBefore = memory();
const clients = await connect(async () => {
  const socket = new WebSocket(bareUrl);
  await once(socket, 'open');
  return socket;
});
const barePerSubscriber = (memory() - bareBefore) / count;
const bareArrived = arrivals(clients, () => true);
const bareSent = performance.now();
for (const client of bare.clients) client.send(payload);
const baseline = percentiles((await bareArrived).map((arrival) => arrival.at - bareSent));
for (const socket of clients) socket.terminate();
bare.close();

console.log(`\n${count} subscribers, one VoteClosed event (${payload.length} bytes)`);
console.log(`closeVote mutation answered after ${ms(mutationDone)}`);
console.log(`                 p50          p99          max          memory/subscriber`);
console.log(`GraphQL (ws)     ${ms(graphql.p50).padEnd(13)}${ms(graphql.p99).padEnd(13)}${ms(graphql.max).padEnd(13)}${(perSubscriber / 1024).toFixed(1)} KiB`);
console.log(`bare ws          ${ms(baseline.p50).padEnd(13)}${ms(baseline.p99).padEnd(13)}${ms(baseline.max).padEnd(13)}${(barePerSubscriber / 1024).toFixed(1)} KiB`);
console.log(
  `ratio            ${(graphql.p50 / baseline.p50).toFixed(1)}x`.padEnd(30) +
    `${(graphql.p99 / baseline.p99).toFixed(1)}x`.padEnd(13) +
    `${(graphql.max / baseline.max).toFixed(1)}x`.padEnd(13) +
    `${(perSubscriber / barePerSubscriber).toFixed(1)}x`,
);
process.exit(0);
