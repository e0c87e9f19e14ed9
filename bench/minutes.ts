// Minutes of a 150-item meeting on PostgreSQL: the PDF download rendered for the first time in the
// process, rendered afresh in a warm process (the meeting's name changes before each download, so
// every one is a new document), served from the render cache, and answered 304 by its ETag; next
// to the same minutes as Markdown (the same query and document, rendered as text) as the baseline.
// Usage: npm run bench:minutes -- [--rounds 10]
import { parseArgs } from 'node:util';
import pg from 'pg';
import { globalIdOf } from '../src/global-id.js';
import { signDevelopmentToken } from '../src/auth/token.js';
import { graphqlClient } from '../scripts/graphql-client.js';
import { benchServer, percentile } from './support.js';
import { generateLargeMeeting, LARGE_MEETING_ITEMS } from './generated-archive.js';

const { values } = parseArgs({ options: { rounds: { type: 'string', default: '10' } } });
const rounds = Number(values.rounds);

const server = await benchServer();
const db = new pg.Client({ connectionString: server.services.config.databaseUrl! });
await db.connect();
const meetingId = await generateLargeMeeting(db);
await db.query('ANALYZE');

const clerk = await signDevelopmentToken('bench', { roles: ['clerk'] });
const MINUTES = `query($id: ID!, $format: DocumentFormat!) { node(id: $id) { ... on Meeting { minutes(format: $format) { content downloadUrl } } } }`;
const minutes = async (format: 'MARKDOWN' | 'PDF', token?: string) =>
  (await graphqlClient(server.url, token)(MINUTES, { id: globalIdOf('Meeting', meetingId), format })).node.minutes;

const timed = async <T>(run: () => Promise<T>) => {
  const t = performance.now();
  const value = await run();
  return { ms: performance.now() - t, value };
};
const p = (times: number[], n: number) => percentile([...times].sort((a, b) => a - b), n);
const p50 = (times: number[]) => p(times, 50);

const pdfUrl = (await minutes('PDF', clerk)).downloadUrl.replace(server.services.config.publicUrl, server.url);
const download = async (token?: string, etag?: string) => {
  const response = await fetch(pdfUrl, { headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(etag ? { 'if-none-match': etag } : {}) } });
  const bytes = (await response.arrayBuffer()).byteLength;
  if (response.status !== (etag ? 304 : 200)) throw new Error(`PDF download answered ${response.status}`);
  return { bytes, etag: response.headers.get('etag') ?? undefined };
};
/** A change to the meeting: the next download is a new document, rendered afresh. */
let version = 0;
const changeMeeting = () => db.query(`UPDATE "Meeting" SET name = $2, modified = now() WHERE id = $1`, [meetingId, `Sitzung des Kreistages (${++version})`]);

const first = await timed(() => download(clerk));
const markdown: number[] = [];
const fresh: Record<'clerk' | 'anonymous', number[]> = { clerk: [], anonymous: [] };
const cached: number[] = [];
const revalidated: number[] = [];
for (let round = 0; round < rounds; round++) {
  markdown.push((await timed(() => minutes('MARKDOWN', clerk))).ms);
  await changeMeeting();
  const rendered = await timed(() => download(clerk));
  fresh.clerk.push(rendered.ms);
  fresh.anonymous.push((await timed(() => download())).ms);
  cached.push((await timed(() => download(clerk))).ms);
  revalidated.push((await timed(() => download(clerk, rendered.value.etag))).ms);
}
const ms = (value: number) => `${value.toFixed(0)} ms`;
const spread = (times: number[]) => `${ms(p50(times))} (p99 ${ms(p(times, 99))})`;
console.log(`minutes of a meeting with ${LARGE_MEETING_ITEMS} items on PostgreSQL, p50 (p99) of ${rounds} rounds`);
console.log(`Markdown (baseline: same query and document):  ${ms(p50(markdown))}`);
console.log(`PDF, first render of the process (clerk):      ${ms(first.ms)} (${(first.value.bytes / 1024).toFixed(0)} KiB)`);
console.log(`PDF, new document in a warm process (clerk):   ${spread(fresh.clerk)} = ${(p50(fresh.clerk) / p50(markdown)).toFixed(1)}× Markdown`);
console.log(`PDF, new document in a warm process (anonymous): ${spread(fresh.anonymous)}`);
console.log(`PDF, same document again (render cache):       ${spread(cached)}`);
console.log(`PDF, with its ETag (304):                      ${ms(p50(revalidated))}`);

await db.end();
await server.dispose();
process.exit(0);
