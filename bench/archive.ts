// Meeting page query against PostgreSQL: requests per second, p50/p99 latency and SQL statements
// per request, next to a trivial query on the same server as the baseline.
// Usage: npm run bench:archive -- [--seconds 10] [--concurrency 16]
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { seedIds } from '../src/seed/ids.js';
import { globalIdOf } from '../src/global-id.js';
import { benchServer, format, load } from './support.js';

const { values } = parseArgs({ options: { seconds: { type: 'string', default: '10' }, concurrency: { type: 'string', default: '16' } } });
const seconds = Number(values.seconds);
const concurrency = Number(values.concurrency);
const meetingPage = await readFile(new URL('../test/operations/meeting-page.graphql', import.meta.url), 'utf8');

const server = await benchServer();
const post = (body: unknown) =>
  fetch(`${server.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }).then((r) => r.json());

const page = { query: meetingPage, variables: { id: globalIdOf('Meeting', seedIds.meeting2024) } };
const probe = await post(page);
if (probe.errors) throw new Error(JSON.stringify(probe.errors));
const statements = probe.extensions.sqlStatements;

const baseline = await load(async () => void (await post({ query: '{ __typename }' })), seconds, concurrency);
const result = await load(async () => void (await post(page)), seconds, concurrency);
console.log(`database: PostgreSQL, ${concurrency} concurrent clients, ${seconds} s each`);
console.log(`baseline { __typename }:      ${format(baseline)}`);
console.log(`meeting page (seed meeting):  ${format(result)}`);
console.log(`SQL statements per meeting page request: ${statements}`);
console.log(`meeting page throughput = ${(result.perSecond / baseline.perSecond * 100).toFixed(1)}% of the baseline`);
await server.dispose();
process.exit(0);
