// This API against PostGraphile v5 on the same PostgreSQL database with the same data visible:
// the seed plus the generated ten-year archive (./generated-archive.ts), PostGraphile over views
// of what an anonymous reader may see (./postgraphile/anonymous-views.sql). Each server runs in
// its own process; this process only sends the load. Before measuring, both answers are
// normalized (global ID → row id, connections → lists, instants → ISO) and must be equal.
// This API runs twice: without the response cache (RESPONSE_CACHE=false, the default; what the
// comparison is about) and with it. Rounds alternate between the servers so that a busy machine
// hits all alike.
// Usage: npm run bench:postgraphile -- [--seconds 5] [--rounds 3] [--concurrency 16] [--keep]
// --keep leaves the database in place and prints its URL; --database <url> runs on such a one
// again without generating the archive anew.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { isDeepStrictEqual, parseArgs } from 'node:util';
import pg from 'pg';
import { createTestDatabase } from '../test/support/server.js';
import { seedIds } from '../src/seed/ids.js';
import { globalIdOf } from '../src/global-id.js';
import { generateArchive } from './generated-archive.js';
import { format, measure, PRODUCTION_NODE_OPTIONS, summarize, type LoadResult } from './support.js';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '5' },
    rounds: { type: 'string', default: '3' },
    concurrency: { type: 'string', default: '16' },
    keep: { type: 'boolean', default: false },
    database: { type: 'string' },
  },
});
const seconds = Number(values.seconds);
const rounds = Number(values.rounds);
const concurrency = Number(values.concurrency);

const children: ChildProcess[] = [];
const database = values.database ? { url: values.database, drop: async () => {} } : await createTestDatabase();
process.on('exit', () => children.forEach((child) => child.kill()));

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

/** Starts `script` under tsx in its own process; resolves once `ready` answers. */
async function startProcess(name: string, script: string, env: Record<string, string>, ready: (url: string) => Promise<boolean>) {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    // The image's V8 options for both servers alike: the ratio compares servers, not GC settings.
    env: { ...process.env, NODE_OPTIONS: PRODUCTION_NODE_OPTIONS, ...env, DATABASE_URL: database.url, PORT: String(port) },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  children.push(child);
  const url = `http://127.0.0.1:${port}`;
  for (let attempt = 0; attempt < 600; attempt++) {
    if (child.exitCode !== null) throw new Error(`${name} exited with ${child.exitCode}`);
    if (await ready(url).catch(() => false)) return { name, url };
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${name} did not start`);
}

const post = (url: string, body: unknown) =>
  fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
const answers = async (url: string) => (await post(url, { query: '{ __typename }' })).ok;

// This API with the production defaults (rate limits off: the load comes from one address), once
// without the response cache (the default, RESPONSE_CACHE=false) and once with it.
const oursWith = (responseCache: boolean) =>
  startProcess(`this API${responseCache ? ' (response cache)' : ''}`, 'src/main.ts', {
    NODE_ENV: 'production',
    JWT_SECRET: 'bench',
    RATE_LIMIT_ANONYMOUS: '0',
    RATE_LIMIT_EXPENSIVE: '0',
    RESPONSE_CACHE: String(responseCache),
  }, async (url) => (await fetch(`${url}/ready`)).ok);
const ours = await oursWith(false);
const oursCached = await oursWith(true);

const db = new pg.Client({ connectionString: database.url });
await db.connect();
if (!values.database) await generateArchive(db);
await db.query(await readFile(new URL('./postgraphile/anonymous-views.sql', import.meta.url), 'utf8'));
const postgraphile = await startProcess('PostGraphile', 'bench/postgraphile/server.ts', {}, answers);

// ---- the queries, each in both schemas, and the normalization that makes the answers comparable ----
const GLOBAL_ID = /^[A-Za-z0-9+/]+=*$/;
const INSTANT = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/;

/** Connections become lists, `rowId` and global IDs become row ids, instants become ISO strings. */
function normalize(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(normalize);
  if (typeof value === 'string' && INSTANT.test(value)) return new Date(value).toISOString();
  if (!value || typeof value !== 'object') return value;
  const entries = Object.entries(value);
  const [only] = entries;
  if (entries.length === 1 && only && (only[0] === 'nodes' || only[0] === 'edges')) {
    const [key, list] = only as [string, Record<string, unknown>[]];
    return normalize(key === 'edges' ? list.map((edge) => edge.node) : list);
  }
  return Object.fromEntries(
    entries.map(([key, field]) => {
      if (key === 'rowId') return ['id', field];
      if (key === 'id' && typeof field === 'string' && GLOBAL_ID.test(field)) return ['id', Buffer.from(field, 'base64').toString().split(':')[1]];
      return [key, normalize(field)];
    }),
  );
}

type Row = Record<string, unknown> & { id: string };
const byId = (a: Row, b: Row) => a.id.localeCompare(b.id);
// Both list attendance by role, then by when it was recorded; the seed records many at once.
type Attendance = { role: string; person: Row };
const byRoleAndPerson = (a: Attendance, b: Attendance) => a.role.localeCompare(b.role) || byId(a.person, b.person);

interface Comparison {
  name: string;
  ours: { query: string; variables?: unknown };
  postgraphile: { query: string; variables?: unknown };
  /** Both answers' data, made alike; undefined for a query without data to compare. */
  same?: { ours(data: any): unknown; postgraphile(data: any): unknown };
}

const meetingPage = (await readFile(new URL('../test/operations/meeting-page.graphql', import.meta.url), 'utf8'));
const comparisons: Comparison[] = [
  {
    name: '{ __typename }',
    ours: { query: '{ __typename }' },
    postgraphile: { query: '{ __typename }' },
  },
  {
    name: 'meeting page (seed meeting)',
    ours: { query: meetingPage, variables: { id: globalIdOf('Meeting', seedIds.meeting2024) } },
    postgraphile: { query: await readFile(new URL('./postgraphile/meeting-page.graphql', import.meta.url), 'utf8'), variables: { id: seedIds.meeting2024 } },
    same: {
      // The organizations of a meeting come in no particular order, nor do equal keys of an order.
      ours: (data) => {
        const meeting = normalize(data.node) as Row & { organizations: Row[]; attendance: Attendance[] };
        return { ...meeting, organizations: meeting.organizations.sort(byId), attendance: meeting.attendance.sort(byRoleAndPerson) };
      },
      postgraphile: (data) => {
        const { meetingOrganizations, agendaItems, attendance, ...meeting } = normalize(data.meetingByRowId) as Row & {
          meetingOrganizations: { organization: Row }[];
          agendaItems: (Row & { consultations: { paper: Row }[] })[];
          attendance: Attendance[];
        };
        return {
          ...meeting,
          attendance: attendance.sort(byRoleAndPerson),
          organizations: meetingOrganizations.map((link) => link.organization).sort(byId),
          agendaItems: agendaItems.map(({ consultations, ...item }) => ({ ...item, papers: consultations.map((consultation) => consultation.paper) })),
        };
      },
    },
  },
  {
    name: '50 meetings with item numbers and names',
    ours: { query: '{ meetings(first: 50) { edges { node { id name agendaItems { number name } } } } }' },
    postgraphile: { query: '{ allMeetings(first: 50, orderBy: [START_DESC, ROW_ID_ASC]) { nodes { rowId name agendaItems(orderBy: ORDER_ASC) { nodes { number name } } } } }' },
    same: { ours: (data) => normalize(data.meetings), postgraphile: (data) => normalize(data.allMeetings) },
  },
];

/** The first place where two normalized answers differ, for the error message. */
function difference(a: unknown, b: unknown, path = ''): string | undefined {
  if (isDeepStrictEqual(a, b)) return undefined;
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
      const found = difference((a as never)[key], (b as never)[key], `${path}.${key}`);
      if (found) return found;
    }
  }
  return `${path}: ${JSON.stringify(a)?.slice(0, 200)} ≠ ${JSON.stringify(b)?.slice(0, 200)}`;
}

async function data(url: string, body: unknown) {
  const response = await post(url, body);
  const json = (await response.json()) as { data?: unknown; errors?: unknown };
  if (!response.ok || json.errors) throw new Error(`${url}: ${response.status} ${JSON.stringify(json.errors)}`);
  return json.data;
}

for (const comparison of comparisons) {
  if (!comparison.same) continue;
  const a = comparison.same.ours(await data(ours.url, comparison.ours));
  if (!isDeepStrictEqual(comparison.same.ours(await data(oursCached.url, comparison.ours)), a)) throw new Error(`${comparison.name}: the response cache answers otherwise`);
  const b = comparison.same.postgraphile(await data(postgraphile.url, comparison.postgraphile));
  const found = difference(a, b);
  if (found) throw new Error(`${comparison.name}: the answers differ at ${found}`);
  console.log(`${comparison.name}: same data from both (${JSON.stringify(a).length} bytes normalized)`);
}

// ---- load, rounds interleaved ----
const request = (url: string, body: unknown) => async () => {
  const response = await post(url, body);
  await response.arrayBuffer();
  if (!response.ok) throw new Error(`${url}: ${response.status}`);
};

console.log(`PostgreSQL, ${concurrency} keep-alive clients, ${rounds} rounds of ${seconds} s per server and query, interleaved`);
const sides = [
  { label: 'this API:          ', server: ours, schema: 'ours' },
  { label: 'this API, cached:  ', server: oursCached, schema: 'ours' },
  { label: 'PostGraphile:      ', server: postgraphile, schema: 'postgraphile' },
] as const;
for (const comparison of comparisons) {
  const runs = sides.map(() => [] as { latencies: number[]; seconds: number }[]);
  for (const side of sides) await measure(request(side.server.url, comparison[side.schema]), 1, concurrency);
  for (let round = 0; round < rounds; round++) {
    // Each round starts with the next server, so that none always runs first.
    for (let turn = 0; turn < sides.length; turn++) {
      const index = (round + turn) % sides.length;
      const side = sides[index]!;
      runs[index]!.push(await measure(request(side.server.url, comparison[side.schema]), seconds, concurrency));
    }
  }
  const [plain, cached, theirs] = runs.map(summarize) as [LoadResult, LoadResult, LoadResult];
  console.log(`\n${comparison.name}`);
  for (const [index, result] of [plain, cached, theirs].entries()) console.log(`  ${sides[index]!.label}${format(result)}`);
  const ratio = (result: LoadResult) => (result.perSecond / theirs.perSecond).toFixed(2);
  console.log(`  ratio: ${ratio(plain)}× PostGraphile's throughput without the response cache (RESPONSE_CACHE=false), ${ratio(cached)}× with it`);
}

await db.end();
for (const child of children) child.kill();
await Promise.all(children.map((child) => new Promise((resolve) => (child.exitCode !== null ? resolve(null) : child.once('exit', resolve)))));
if (values.keep) console.log(`database kept: --database ${database.url}`);
else await database.drop();
process.exit(0);
