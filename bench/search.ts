// Full-text search over an archive of ten years of a district, on PostgreSQL: search p50/p99
// latency over typical queries (anonymous and clerk), next to a trivial query as the baseline.
// The server runs in its own process; the clients in this one. Beside the latencies: the CPU time
// per search of the server and of PostgreSQL (steadier than latencies on a shared machine), and
// each query's p99 (one common word can make the p99 of all).
// (The minutes of the archive's large meeting: bench/minutes.ts.)
// Usage: npm run bench:search -- [--seconds 10] [--concurrency 4]
import { parseArgs } from 'node:util';
import pg from 'pg';
import { signDevelopmentToken } from '../src/auth/token.js';
import { benchServerProcess, databaseCpu, databaseCpuBetween, format, load, percentile, type LoadResult } from './support.js';
import { graphqlClient } from '../scripts/graphql-client.js';
import { generateArchive } from './generated-archive.js';

const { values } = parseArgs({ options: { seconds: { type: 'string', default: '10' }, concurrency: { type: 'string', default: '4' } } });
const seconds = Number(values.seconds);
const concurrency = Number(values.concurrency);

const QUERIES = ['Haushalt', 'Digital', 'Radweg Kreisstraße', '"Fördermittel Zuschuss"', 'Sanierung -Neubau', 'Strasse', 'Schoelzel', '20/022/2024', 'Klimaschutzkonzept', 'Brandschutz Gutachten'];

const server = await benchServerProcess();
const db = new pg.Client({ connectionString: server.databaseUrl });
await db.connect();

await generateArchive(db);

// ---- search latency ----
const clerk = await signDevelopmentToken('bench', { roles: ['clerk'] });
const post = (query: string, variables: Record<string, unknown>, token?: string) => graphqlClient(server.url, token)(query, variables);
const SEARCH = `query($q: String!) { search(query: $q, first: 20) { totalCount edges { node { type title snippet rank } } } }`;
for (const q of QUERIES) {
  const t = performance.now();
  const data = await post(SEARCH, { q }, clerk);
  console.log(`  ${q.padEnd(26)} ${String(data.search.totalCount).padStart(6)} matches (clerk), first call ${(performance.now() - t).toFixed(0)} ms`);
}
let next = 0;
const byQuery = new Map<string, number[]>(QUERIES.map((q) => [q, []]));
const searchAs = (token?: string) => async () => {
  const q = QUERIES[next++ % QUERIES.length]!;
  const t = performance.now();
  await post(SEARCH, { q }, token);
  byQuery.get(q)!.push(performance.now() - t);
};
/** A load of searches with the server's and PostgreSQL's CPU per search and each query's p99. */
const measured = async (token?: string) => {
  byQuery.forEach((latencies) => (latencies.length = 0));
  const [serverBefore, databaseBefore] = [server.cpuMs(), await databaseCpu(db)];
  const result = await load(searchAs(token), seconds, concurrency);
  const [serverAfter, databaseAfter] = [server.cpuMs(), await databaseCpu(db)];
  const perSearch = (ms: number) => (ms / result.requests).toFixed(2);
  const cpu = `CPU per search: server ${perSearch(serverAfter - serverBefore)} ms` + (databaseBefore && databaseAfter ? `, PostgreSQL ${perSearch(databaseCpuBetween(databaseBefore, databaseAfter))} ms` : '');
  const p99s = [...byQuery].map(([q, latencies]) => `${q} ${percentile(latencies.sort((a, b) => a - b), 99).toFixed(0)}`).join(', ');
  return { ...result, cpu, p99s };
};
const summary = (result: LoadResult & { cpu: string; p99s: string }) => `${format(result)}; ${result.cpu}\n    p99 by query (ms): ${result.p99s}`;
const baseline = await load(async () => void (await post('{ __typename }', {})), seconds, concurrency);
const anonymous = await measured();
const asClerk = await measured(clerk);
console.log(`PostgreSQL, ${concurrency} concurrent clients, ${seconds} s each, ${QUERIES.length} typical queries in turn`);
console.log(`baseline { __typename }: ${format(baseline)}`);
console.log(`search (anonymous):      ${summary(anonymous)}`);
console.log(`search (clerk):          ${summary(asClerk)}`);
console.log(`search p50 = ${(anonymous.p50 / baseline.p50).toFixed(1)}× / ${(asClerk.p50 / baseline.p50).toFixed(1)}× the baseline p50`);

await db.end();
await server.dispose();
process.exit(0);
