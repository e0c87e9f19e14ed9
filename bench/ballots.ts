// A named vote of a large council: every member casts their ballot at the same moment.
//   npm run bench:ballots -- [--members 2000] [--over http,ws] [--arrivals] [--in-flight 8]   (BENCH_DATABASE_URL=… for PostgreSQL)
// The server runs here, with the image's V8 options and NODE_ENV=production in the process's
// environment (package.json's script, as the Dockerfile): the libraries read it, and without it
// graphql-js checks every failed instanceof of a type for a second copy of itself, Pothos checks
// every Prisma field for an unused query, and Prisma captures a stack trace per query, which the
// deployed server does not (its configuration stays the tests', on a scratch database). The load
// comes from a child process (bench/ballot-load.ts). For each way
// of casting (--over: HTTP requests, and graphql-ws connections opened and signed in before the
// vote, as the members' phones keep them for the live state), a vote of its own. Printed:
// ballots per second, castBallot latency (p50/p99/max), when a voteResults subscriber saw its
// first tally after the first ballot was answered and the longest gap between two tallies from
// then to the last ballot answered, the latency of an
// anonymous meetings(first: 10) during the burst, whether the closed vote's tally equals the
// ballots sent, and the floor: the same burst of signed-in `{ __typename }` requests; beside the
// server's CPU per ballot, the load process's (both run on this machine's cores). With
// --arrivals: the clerk records every member of a meeting present
// (recordAttendance, `--in-flight` at a time), then all members of a second meeting at once
// (recordPresence); the quorum must then count all of them, at both.
import { fork } from 'node:child_process';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { runningCouncilMeeting } from '../test/support/council.js';
import { BURST_STARTS, choiceOf, type LoadOrder, type LoadReport, type Transport } from './ballot-load.js';
import { ms, percentiles, startBenchInstance } from './live-support.js';
import { PRODUCTION_NODE_OPTIONS } from './support.js';

const { values } = parseArgs({
  options: {
    members: { type: 'string', default: '1000' },
    over: { type: 'string', default: 'http,ws' },
    arrivals: { type: 'boolean', default: false },
    'in-flight': { type: 'string', default: '8' },
  },
});
if (!process.env.NODE_OPTIONS?.includes(PRODUCTION_NODE_OPTIONS)) console.warn(`The server runs without the image's ${PRODUCTION_NODE_OPTIONS} (npm run bench:ballots sets it).`);
if (process.env.NODE_ENV !== 'production') console.warn(`The server runs without the image's NODE_ENV=production (npm run bench:ballots sets it).`);
const transports = values.over.split(',') as Transport[];
const size = Number(values.members);

/**
 * The load's report, with the server's CPU time (this process) from the burst's start to its
 * report, in ms per member, and how late its event loop came round meanwhile (p99 and max, ms):
 * what each database round trip of a ballot or a tally waits before its answer is read.
 */
async function load(order: LoadOrder): Promise<LoadReport & { cpuPerMember: number; loopDelay: { p99: number; max: number } }> {
  const child = fork(new URL('./ballot-load.ts', import.meta.url), { execArgv: ['--import', 'tsx'] });
  let cpu = process.cpuUsage();
  const delay = monitorEventLoopDelay({ resolution: 10 });
  const report = await new Promise<LoadReport>((resolve) => {
    child.on('message', (message: typeof BURST_STARTS | LoadReport) => {
      if (message !== BURST_STARTS) return resolve(message);
      cpu = process.cpuUsage();
      delay.enable();
    });
    child.send(order);
  });
  const used = process.cpuUsage(cpu);
  delay.disable();
  return { ...report, cpuPerMember: (used.user + used.system) / 1000 / order.members.length, loopDelay: { p99: delay.percentile(99) / 1e6, max: delay.max / 1e6 } };
}

const summary = (report: LoadReport) => {
  const { p50, p99, max } = percentiles(report.latencies);
  return `p50 ${ms(p50)}, p99 ${ms(p99)}, max ${ms(max)}${report.refusals.length ? `; refused: ${[...new Set(report.refusals)].join(', ')} (${report.refusals.length})` : ''}`;
};

/** The load process's CPU per member: the share of the machine's cores the server did not get. */
const loadCpu = (report: LoadReport) => `${(report.cpuMs! / size).toFixed(2)} ms`;

const bench = await startBenchInstance();
let ok = true;
if (values.arrivals) {
  const { meetingId, members } = await runningCouncilMeeting(bench.instance, bench.clerk, size, { present: false });
  const second = await runningCouncilMeeting(bench.instance, bench.clerk, size, { present: false });
  const inFlight = Number(values['in-flight']);
  const report = await load({ mode: 'arrivals', url: bench.url, meetingId, members, inFlight, allAtOnceMeetingId: second.meetingId });
  const presentAt = async (id: string) =>
    (await bench.clerk(`query($id: ID!) { node(id: $id) { ... on Meeting { quorum { present seats } } } }`, { id })).node.quorum as { present: number; seats: number };
  const [one, all] = [await presentAt(meetingId), await presentAt(second.meetingId)];
  const allExact = typeof report.allAtOnce === 'number' && all.present === size;
  ok = one.present === size && !report.refusals.length && allExact;
  console.log(`\n${size} arrivals (recordAttendance, ${inFlight} in flight): ${(report.elapsed / 1000).toFixed(2)} s, ${(size / (report.elapsed / 1000)).toFixed(0)}/s`);
  console.log(`latency ${summary(report)}; server CPU ${report.cpuPerMember.toFixed(2)} ms per member (recordPresence below included), the load's ${loadCpu(report)}`);
  console.log(`quorum then: ${one.present} of ${one.seats} present: ${one.present === size ? 'exact' : 'WRONG'}`);
  console.log(
    `${size} at once (recordPresence): ${typeof report.allAtOnce === 'number' ? ms(report.allAtOnce) : `refused: ${report.allAtOnce}`}; quorum then ${all.present} of ${all.seats}: ${allExact ? 'exact' : 'WRONG'}`,
  );
} else {
  const { meetingId, itemId, members } = await runningCouncilMeeting(bench.instance, bench.clerk, size);
  let castP99 = 0;
  for (const over of transports) {
    // A vote per transport, one after the other on the same item.
    const { openVote } = await bench.clerk(`mutation($id: ID!) { openVote(agendaItemId: $id, subject: "Antrag", kind: NAMED) { id } }`, { id: itemId });
    const report = await load({ mode: 'ballots', over, url: bench.url, meetingId, voteId: openVote.id, members });
    const { closeVote } = await bench.clerk(`mutation($id: ID!) { closeVote(voteId: $id) { yes no abstain result } }`, { id: openVote.id });

    const expected = { yes: 0, no: 0, abstain: 0 };
    for (const index of members.keys()) expected[choiceOf(index).toLowerCase() as keyof typeof expected] += 1;
    const exact = closeVote.yes === expected.yes && closeVote.no === expected.no && closeVote.abstain === expected.abstain;
    ok &&= exact && !report.refusals.length;
    // Gaps between the tallies seen while ballots were being answered, from the first ballot
    // answered (before it there is no progress to show; the load's own time to send 2,000
    // requests is in the time before it).
    const answered = report.firstAnswered ?? 0;
    const during = [answered, ...report.tallies!.filter((tally) => tally.at > answered && tally.at <= report.elapsed).map((tally) => tally.at), report.elapsed];
    const maxGap = Math.max(...during.slice(1).map((time, index) => time - (during[index] ?? 0)));
    const reads = percentiles(report.reads!.latencies);

    console.log(`\n${size} ballots at once over ${over === 'ws' ? 'WebSocket (graphql-ws, connected and signed in before)' : 'HTTP'}: ${(size / (report.elapsed / 1000)).toFixed(0)} ballots/s (${(report.elapsed / 1000).toFixed(2)} s in all)`);
    console.log(
      `castBallot latency ${summary(report)}; server CPU ${report.cpuPerMember.toFixed(2)} ms per ballot (subscriber and reader included), ` +
        `the load's ${loadCpu(report)}; event loop delay p99 ${ms(report.loopDelay.p99)}, max ${ms(report.loopDelay.max)}`,
    );
    const first = report.tallies![0];
    console.log(
      `voteResults subscriber: ${report.tallies!.length} tallies, first ${first ? `${ms(first.at - answered)} after the first ballot answered (${ms(first.at)} after the first sent)` : 'never'}, ` +
        `longest gap from the first ballot answered to the last ${ms(maxGap)}, last seen ${report.tallies!.at(-1)?.ballotsCast ?? 0}` +
        (report.subscriberEnded ? `; CUT OFF: ${report.subscriberEnded}` : ''),
    );
    console.log(
      `anonymous meetings(first: 10) during the burst: ${report.reads!.latencies.length} answered, p50 ${ms(reads.p50)}, p99 ${ms(reads.p99)}, max ${ms(reads.max)}` +
        (report.reads!.refusals.length ? `; refused: ${[...new Set(report.reads!.refusals)].join(', ')} (${report.reads!.refusals.length})` : ''),
    );
    console.log(`tally ${closeVote.yes}/${closeVote.no}/${closeVote.abstain} (yes/no/abstain), expected ${expected.yes}/${expected.no}/${expected.abstain}: ${exact ? 'exact' : 'WRONG'}`);
    if (over === 'http') castP99 = percentiles(report.latencies).p99;
  }
  // The same burst asking nothing: what HTTP, Yoga and signing in cost this machine now.
  const floor = await load({ mode: 'bare', url: bench.url, members });
  console.log(
    `\nfloor: ${size} signed-in { __typename } at once over HTTP: ${(size / (floor.elapsed / 1000)).toFixed(0)}/s, ${summary(floor)}, server CPU ${floor.cpuPerMember.toFixed(2)} ms per request, the load's ${loadCpu(floor)}` +
      (castP99 ? `; castBallot p99 over HTTP = ${(castP99 / percentiles(floor.latencies).p99).toFixed(1)}× the floor's` : ''),
  );
}
await bench.stop();
process.exit(ok ? 0 : 1);
