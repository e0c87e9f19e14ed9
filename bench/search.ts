// Full-text search over an archive of ten years of a district, on PostgreSQL: search p50/p99
// latency over typical queries (anonymous and clerk), next to a trivial query as the baseline,
// and the time to render the minutes of a large meeting.
// Usage: npm run bench:search -- [--seconds 10] [--concurrency 4]
import { parseArgs } from 'node:util';
import pg from 'pg';
import { globalIdOf } from '../src/global-id.js';
import { signDevelopmentToken } from '../src/auth/token.js';
import { benchServer, format, load, percentile } from './support.js';
import { graphqlClient } from '../scripts/graphql-client.js';
import { generateArchive, LARGE_MEETING_ITEMS } from './generated-archive.js';

const { values } = parseArgs({ options: { seconds: { type: 'string', default: '10' }, concurrency: { type: 'string', default: '4' } } });
const seconds = Number(values.seconds);
const concurrency = Number(values.concurrency);

const QUERIES = ['Haushalt', 'Digital', 'Radweg Kreisstraße', '"Fördermittel Zuschuss"', 'Sanierung -Neubau', 'Strasse', 'Schoelzel', '20/022/2024', 'Klimaschutzkonzept', 'Brandschutz Gutachten'];

const server = await benchServer();
const databaseUrl = server.services.config.databaseUrl!;
const db = new pg.Client({ connectionString: databaseUrl });
await db.connect();

const { largeMeetingId: large } = await generateArchive(db);

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

// ---- minutes of the large meeting ----
const MINUTES = `query($id: ID!, $format: DocumentFormat!) { node(id: $id) { ... on Meeting { minutes(format: $format) { content downloadUrl } } } }`;
const minutesOfLarge = async (formatName: 'MARKDOWN' | 'HTML' | 'PDF') => (await post(MINUTES, { id: globalIdOf('Meeting', large), format: formatName }, clerk)).node.minutes;
for (const formatName of ['MARKDOWN', 'HTML'] as const) {
  const times: number[] = [];
  let size = 0;
  for (let i = 0; i < 10; i++) {
    const t = performance.now();
    size = (await minutesOfLarge(formatName)).content.length;
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  console.log(`minutes of a meeting with ${LARGE_MEETING_ITEMS} items, ${formatName.padEnd(8)}: p50 ${percentile(times, 50).toFixed(0)} ms, max ${times.at(-1)!.toFixed(0)} ms (${(size / 1024).toFixed(0)} KiB)`);
}
// The PDF: the first download renders it; later ones are served from the cache by the document's
// hash, and a client sending that ETag back gets 304.
const { downloadUrl } = await minutesOfLarge('PDF');
const pdfUrl = downloadUrl.replace(server.services.config.publicUrl, server.url);
const downloadPdf = async (etag?: string) => {
  const t = performance.now();
  const response = await fetch(pdfUrl, { headers: { authorization: `Bearer ${clerk}`, ...(etag ? { 'if-none-match': etag } : {}) } });
  const size = (await response.arrayBuffer()).byteLength;
  return { ms: performance.now() - t, size, etag: response.headers.get('etag') ?? undefined, status: response.status };
};
const first = await downloadPdf();
const cached: number[] = [];
const revalidated: number[] = [];
for (let i = 0; i < 10; i++) {
  cached.push((await downloadPdf()).ms);
  const conditional = await downloadPdf(first.etag);
  if (conditional.status !== 304) throw new Error(`expected 304 for an unchanged document, got ${conditional.status}`);
  revalidated.push(conditional.ms);
}
cached.sort((a, b) => a - b);
revalidated.sort((a, b) => a - b);
console.log(`minutes of a meeting with ${LARGE_MEETING_ITEMS} items, PDF     : first download ${first.ms.toFixed(0)} ms (${(first.size / 1024).toFixed(0)} KiB); ` +
  `again p50 ${percentile(cached, 50).toFixed(0)} ms, max ${cached.at(-1)!.toFixed(0)} ms; with its ETag (304) p50 ${percentile(revalidated, 50).toFixed(0)} ms`);

await db.end();
await server.dispose();
process.exit(0);
