// A named vote of a large council: every member casts their ballot at the same moment.
//   npm run bench:ballots -- [--members 1000]     (BENCH_DATABASE_URL=… for PostgreSQL)
// Printed: ballots per second, latency per ballot (p50/p99/max), and whether the closed vote's
// tally equals the ballots sent. Ballots of one meeting are serialized by the meeting row lock
// (each is an event with the next sequence number), so this measures that path.
import http from 'node:http';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { DEVELOPMENT_JWT_SECRET } from '../src/config.js';
import { signDevelopmentToken } from '../src/auth/token.js';
import { globalIdOf } from '../src/global-id.js';
import { runningCouncilMeeting } from '../test/support/council.js';
import { ms, percentiles, startBenchInstance } from './live-support.js';
import { at } from '../test/support/indexing.js';

const { values } = parseArgs({ options: { members: { type: 'string', default: '1000' } } });
const size = Number(values.members);

const bench = await startBenchInstance();
const { itemId, members } = await runningCouncilMeeting(bench.instance, bench.clerk, size);
const { openVote } = await bench.clerk(`mutation($id: ID!) { openVote(agendaItemId: $id, subject: "Antrag", kind: NAMED) { id } }`, { id: itemId });
const tokens = await Promise.all(
  members.map((member) => signDevelopmentToken(DEVELOPMENT_JWT_SECRET, { sub: globalIdOf('Person', member), roles: ['member'] })),
);
const choices = ['YES', 'NO', 'ABSTAIN'] as const;
const choiceOf = (index: number) => choices[index % 3];

// Up to 500 connections (below the listen backlog of 511; more simultaneous connects are reset
// by the kernel), each used for one request at a time.
const agent = new http.Agent({ maxSockets: 500 });
function post(body: string, token: string) {
  return new Promise<unknown>((resolve, reject) => {
    const request = http.request(`${bench.url}/graphql`, { method: 'POST', agent, headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` } }, (response) => {
      let text = '';
      response.on('data', (chunk) => (text += chunk));
      response.on('end', () => resolve(JSON.parse(text)));
    });
    request.on('error', reject);
    request.end(body);
  });
}

const started = performance.now();
const latencies = await Promise.all(
  members.map(async (_, index) => {
    const sent = performance.now();
    const { errors } = (await post(JSON.stringify({ query: `mutation($v: ID!, $c: BallotChoice!) { castBallot(voteId: $v, choice: $c) { id } }`, variables: { v: openVote.id, c: choiceOf(index) } }), at(tokens, index))) as { errors?: unknown };
    if (errors) throw new Error(JSON.stringify(errors));
    return performance.now() - sent;
  }),
);
const seconds = (performance.now() - started) / 1000;
const { closeVote } = await bench.clerk(`mutation($id: ID!) { closeVote(voteId: $id) { yes no abstain result } }`, { id: openVote.id });
await bench.stop();

const expected = { yes: members.filter((_, i) => choiceOf(i) === 'YES').length, no: members.filter((_, i) => choiceOf(i) === 'NO').length, abstain: members.filter((_, i) => choiceOf(i) === 'ABSTAIN').length };
const exact = closeVote.yes === expected.yes && closeVote.no === expected.no && closeVote.abstain === expected.abstain;
const { p50, p99, max } = percentiles(latencies);
console.log(`\n${size} ballots at once: ${(size / seconds).toFixed(0)} ballots/s (${seconds.toFixed(2)} s in all)`);
console.log(`latency p50 ${ms(p50)}, p99 ${ms(p99)}, max ${ms(max)}`);
console.log(`tally ${closeVote.yes}/${closeVote.no}/${closeVote.abstain} (yes/no/abstain), expected ${expected.yes}/${expected.no}/${expected.abstain}: ${exact ? 'exact' : 'WRONG'}`);
process.exit(exact ? 0 : 1);
