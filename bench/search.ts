// Full-text search over an archive of ten years of a district, on PostgreSQL: search p50/p99
// latency over typical queries (anonymous and clerk), next to a trivial query as the baseline.
// The server runs in its own process; the clients in this one.
// (The minutes of the archive's large meeting: bench/minutes.ts.)
// Usage: npm run bench:search -- [--seconds 10] [--concurrency 4]
import { parseArgs } from 'node:util';
import pg from 'pg';
import { signDevelopmentToken } from '../src/auth/token.js';
import { benchServerProcess, format, load } from './support.js';
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
const searchAs = (token?: string) => async () => void (await post(SEARCH, { q: QUERIES[next++ % QUERIES.length] }, token));
const baseline = await load(async () => void (await post('{ __typename }', {})), seconds, concurrency);
const anonymous = await load(searchAs(), seconds, concurrency);
const asClerk = await load(searchAs(clerk), seconds, concurrency);
console.log(`PostgreSQL, ${concurrency} concurrent clients, ${seconds} s each, ${QUERIES.length} typical queries in turn`);
console.log(`baseline { __typename }: ${format(baseline)}`);
console.log(`search (anonymous):      ${format(anonymous)}`);
console.log(`search (clerk):          ${format(asClerk)}`);
console.log(`search p50 = ${(anonymous.p50 / baseline.p50).toFixed(1)}× / ${(asClerk.p50 / baseline.p50).toFixed(1)}× the baseline p50`);

await db.end();
await server.dispose();
process.exit(0);
