// OParl benchmark on PostgreSQL: a full import of a generated system served by a local HTTP
// server, then reads of our own endpoint over the imported data by a client in this process while
// the API server runs in a child process (so that load and server do not share a thread):
// - list walk: every external list of the Body, following `next` page by page (limit 100), as a
//   synchronizing client reads a system, 8 lists at a time; objects per second counts the listed objects;
// - full walk: every link from the System object, each object also at its own URL (test walker).
// Next to it the raw request rate of the same servers (a trivial route) as the baseline.
// Usage: npm run bench:oparl -- [--objects 100000] [--no-full-walk]
import { createServer } from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { openDatabase } from '../src/db/database.js';
import { HttpSource } from '../src/oparl/client.js';
import { Flaws } from '../src/oparl/flaws.js';
import { Importer } from '../src/oparl/importer.js';
import { Progress } from '../src/oparl/progress.js';
import { StateFile } from '../src/oparl/state.js';
import { SCHEMA } from '../src/oparl/urls.js';
import { walk } from '../test/support/oparl.js';
import { createTestDatabase } from '../test/support/server.js';
import { at } from '../test/support/indexing.js';
import { apiServerProcess } from './support.js';

const { values } = parseArgs({ options: { objects: { type: 'string', default: '100000' }, 'no-full-walk': { type: 'boolean', default: false } } });
const total = Number(values.objects);
const PAGE = 100;
const T = (type: string) => `${SCHEMA}${type}`;
const stamp = { created: '2024-01-01T00:00:00+01:00', modified: '2024-01-02T00:00:00+01:00' };

/** A Body whose objects add up to `total`: persons with a membership, meetings with 9 agenda items, papers with a consultation. */
function generate(base: string) {
  const count = (share: number) => Math.max(1, Math.round(total * share));
  const body = `${base}/body/1`;
  const organizations = Array.from({ length: count(0.01) }, (_, i) => ({ id: `${base}/organization/${i}`, type: T('Organization'), body, name: `Ausschuss ${i}`, ...stamp }));
  const org = (i: number) => at(organizations, i % organizations.length).id;
  const persons = Array.from({ length: count(0.2) }, (_, i) => ({
    id: `${base}/person/${i}`, type: T('Person'), body, name: `Person ${i}`, familyName: `Name${i}`, ...stamp,
    membership: [{ id: `${base}/membership/${i}`, type: T('Membership'), organization: org(i), role: 'Mitglied', votingRight: true, ...stamp }],
  }));
  const meetings = Array.from({ length: count(0.04) }, (_, i) => ({
    id: `${base}/meeting/${i}`, type: T('Meeting'), name: `Sitzung ${i}`, start: '2024-03-01T16:00:00+01:00', organization: [org(i)], ...stamp,
    agendaItem: Array.from({ length: 9 }, (_, j) => ({ id: `${base}/agendaItem/${i}-${j}`, type: T('AgendaItem'), number: String(j + 1), order: j + 1, name: `TOP ${j + 1}`, public: true, ...stamp })),
  }));
  const papers = Array.from({ length: count(0.1) }, (_, i) => ({
    id: `${base}/paper/${i}`, type: T('Paper'), body, name: `Vorlage ${i}`, reference: `${i}/2024`, ...stamp,
    consultation: [{ id: `${base}/consultation/${i}`, type: T('Consultation'), meeting: at(meetings, i % meetings.length).id, agendaItem: at(at(meetings, i % meetings.length).agendaItem, i % 9).id, organization: [org(i)], ...stamp }],
  }));
  const lists: Record<string, unknown[]> = { organization: organizations, person: persons, meeting: meetings, paper: papers };
  const objects = organizations.length + persons.length * 2 + meetings.length * 10 + papers.length * 2;
  return { body, lists, objects };
}

const server = createServer((request, response) => {
  const url = new URL(request.url!, base);
  const send = (json: unknown) => {
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify(json));
  };
  if (url.pathname === '/') return send({ id: `${base}/`, type: T('System'), oparlVersion: T(''), body: `${base}/bodies`, ...stamp });
  const body = { id: system.body, type: T('Body'), name: 'Benchmarkstadt', legislativeTerm: [], ...stamp, ...Object.fromEntries(Object.keys(system.lists).map((list) => [list, `${system.body}/${list}`])) };
  if (url.pathname === '/bodies') return send({ data: [body], pagination: {}, links: {} });
  if (url.pathname === '/ping') return send({});
  const list = system.lists[url.pathname.split('/').pop()!];
  if (!list) {
    response.writeHead(404);
    return response.end();
  }
  const page = Number(url.searchParams.get('page') ?? 1);
  const data = list.slice((page - 1) * PAGE, page * PAGE);
  send({ data, pagination: {}, links: page * PAGE < list.length ? { next: `${system.body}/${url.pathname.split('/').pop()}?page=${page + 1}` } : {} });
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
const system = generate(base);

/** Requests per second of `url` with the walker's concurrency: what the HTTP stack costs alone. */
async function rawRate(url: string, requests = 2000, parallel = 8) {
  const started = performance.now();
  await Promise.all(Array.from({ length: parallel }, async () => {
    for (let i = 0; i < requests / parallel; i++) await (await fetch(url)).arrayBuffer();
  }));
  return requests / ((performance.now() - started) / 1000);
}

/** The API server in a child process on the imported database (not seeded). */
const startApiServer = (databaseUrl: string) => apiServerProcess({ DATABASE_URL: databaseUrl, SEED: 'false', NODE_ENV: 'production', JWT_SECRET: 'bench' });

/**
 * Reads every external list of every Body page by page, following `next` as a synchronizing client
 * does, `parallel` lists at a time.
 */
async function listWalk(systemUrl: string, parallel = 8) {
  const get = async (url: string) => (await (await fetch(url)).json()) as Record<string, any>;
  const system = await get(systemUrl);
  const bodies = (await get(system.body)).data as Record<string, any>[];
  let objects = 0;
  let embedded = 0;
  let requests = 2;
  /** OParl objects (with an id) in a value, itself included. */
  const count = (value: unknown): number => {
    if (Array.isArray(value)) return value.reduce((sum: number, item) => sum + count(item), 0);
    if (!value || typeof value !== 'object') return 0;
    const own = typeof (value as { id?: unknown }).id === 'string' ? 1 : 0;
    return own + Object.values(value).reduce((sum: number, item) => sum + count(item), 0);
  };
  const names = ['organization', 'person', 'membership', 'meeting', 'agendaItem', 'paper', 'consultation', 'file', 'locationList', 'legislativeTermList'];
  const lists = bodies.flatMap((body) => names.map((list) => body[list] as string | undefined).filter((url) => url !== undefined));
  await Promise.all(Array.from({ length: parallel }, async () => {
    for (let list = lists.shift(); list; list = lists.shift()) {
      for (let url: string | undefined = `${list}?limit=${PAGE}`; url; ) {
        const page = await get(url);
        requests++;
        objects += page.data.length;
        embedded += count(page.data) - page.data.length;
        url = page.links.next;
      }
    }
  }));
  return { objects, embedded, requests };
}

const dataDir = await mkdtemp(path.join(tmpdir(), 'oparl-bench-'));
const database = await createTestDatabase();
const db = await openDatabase({ databaseUrl: database.url, dataDir });
await db.migrate();
const api = await startApiServer(database.url);
try {
  console.log(`Generated system: ${system.objects} objects (${Object.entries(system.lists).map(([name, list]) => `${list.length} ${name}`).join(', ')}; embedded memberships, agenda items, consultations)`);
  const sourceRaw = await rawRate(`${base}/ping`);
  const flaws = new Flaws(() => {});
  const summary = await new Importer({
    prisma: db.prisma,
    source: new HttpSource(`${base}/`, flaws),
    state: new StateFile(path.join(dataDir, 'state.json')),
    flaws,
    progress: new Progress(),
  }).run();
  const importRate = summary.written / summary.seconds;
  console.log(`Import: ${summary.written} objects written in ${summary.seconds.toFixed(1)} s = ${importRate.toFixed(0)} objects/s (source server raw: ${sourceRaw.toFixed(0)} requests/s)`);

  const ownRaw = await rawRate(`${api.url}/health`);
  /** CPU milliseconds per request of the server and of this process (the client) while `run` runs. */
  const cpuOf = async <T extends { requests: number }>(run: () => Promise<T>) => {
    const [server, client] = [api.cpuMs(), process.cpuUsage()];
    const result = await run();
    const clientUsed = process.cpuUsage(client);
    const perRequest = (ms: number) => (ms / result.requests).toFixed(2);
    return { result, cpu: `CPU per request: server ${perRequest(api.cpuMs() - server)} ms, client ${perRequest((clientUsed.user + clientUsed.system) / 1000)} ms` };
  };
  let started = performance.now();
  const { result: lists, cpu: listCpu } = await cpuOf(() => listWalk(`${api.url}/oparl/v1.1/`));
  let seconds = (performance.now() - started) / 1000;
  console.log(
    `List walk of our endpoint: ${lists.requests} requests, ${lists.objects} objects listed (${lists.embedded} more embedded) in ${seconds.toFixed(1)} s = ` +
      `${(lists.objects / seconds).toFixed(0)} objects/s, ${(lists.requests / seconds).toFixed(0)} requests/s (raw /health: ${ownRaw.toFixed(0)} requests/s); ${listCpu}`,
  );
  if (!values['no-full-walk']) {
    started = performance.now();
    const { result, cpu } = await cpuOf(() => walk(`${api.url}/oparl/v1.1/`));
    seconds = (performance.now() - started) / 1000;
    const served = result.objects.size + result.embedded.length;
    console.log(
      `Full walk of our endpoint: ${result.requests} requests, ${served} objects (${result.embedded.length} embedded) in ${seconds.toFixed(1)} s = ` +
        `${(served / seconds).toFixed(0)} objects/s, ${(result.requests / seconds).toFixed(0)} requests/s ` +
        `(raw /health: ${ownRaw.toFixed(0)} requests/s, ratio ${(result.requests / seconds / ownRaw).toFixed(2)}); ${cpu}`,
    );
    if (result.unreachable.length) console.log(`unreachable: ${result.unreachable.length}`);
  }
} finally {
  await api.stop();
  await db.close();
  server.close();
  await database.drop();
  await rm(dataDir, { recursive: true, force: true });
}
