// OParl benchmark: a full import of a generated system served by a local HTTP server, and a full
// walk of our own endpoint over the imported data, in objects per second; next to it the raw
// request rate of the same servers (a trivial route) as the baseline.
// Usage: npm run bench:oparl -- [--objects 100000]
import { createServer } from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { IN_MEMORY, loadConfig } from '../src/config.js';
import { HttpSource } from '../src/oparl/client.js';
import { Flaws } from '../src/oparl/flaws.js';
import { Importer } from '../src/oparl/importer.js';
import { Progress } from '../src/oparl/progress.js';
import { StateFile } from '../src/oparl/state.js';
import { SCHEMA } from '../src/oparl/urls.js';
import { startInstance } from '../src/start.js';
import { walk } from '../test/support/oparl.js';

const { values } = parseArgs({ options: { objects: { type: 'string', default: '100000' } } });
const total = Number(values.objects);
const PAGE = 100;
const T = (type: string) => `${SCHEMA}${type}`;
const stamp = { created: '2024-01-01T00:00:00+01:00', modified: '2024-01-02T00:00:00+01:00' };

/** A Body whose objects add up to `total`: persons with a membership, meetings with 9 agenda items, papers with a consultation. */
function generate(base: string) {
  const count = (share: number) => Math.max(1, Math.round(total * share));
  const body = `${base}/body/1`;
  const organizations = Array.from({ length: count(0.01) }, (_, i) => ({ id: `${base}/organization/${i}`, type: T('Organization'), body, name: `Ausschuss ${i}`, ...stamp }));
  const org = (i: number) => organizations[i % organizations.length].id;
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
    consultation: [{ id: `${base}/consultation/${i}`, type: T('Consultation'), meeting: meetings[i % meetings.length].id, agendaItem: meetings[i % meetings.length].agendaItem[i % 9].id, organization: [org(i)], ...stamp }],
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

const dataDir = await mkdtemp(path.join(tmpdir(), 'oparl-bench-'));
const config = loadConfig({ DATA_DIR: IN_MEMORY, PORT: '0', SEED: 'false' });
const instance = await startInstance(config, '127.0.0.1');
config.publicUrl = instance.url;
try {
  console.log(`Generated system: ${system.objects} objects (${Object.entries(system.lists).map(([name, list]) => `${list.length} ${name}`).join(', ')}; embedded memberships, agenda items, consultations)`);
  const sourceRaw = await rawRate(`${base}/ping`);
  const flaws = new Flaws(() => {});
  const summary = await new Importer({
    prisma: instance.services.db.prisma,
    source: new HttpSource(`${base}/`, flaws),
    state: new StateFile(path.join(dataDir, 'state.json')),
    flaws,
    progress: new Progress(),
  }).run();
  const importRate = summary.written / summary.seconds;
  console.log(`Import: ${summary.written} objects written in ${summary.seconds.toFixed(1)} s = ${importRate.toFixed(0)} objects/s (source server raw: ${sourceRaw.toFixed(0)} requests/s)`);

  const started = performance.now();
  const result = await walk(`${instance.url}/oparl/v1.1/`);
  const seconds = (performance.now() - started) / 1000;
  const served = result.objects.size + result.embedded.length;
  const ownRaw = await rawRate(`${instance.url}/health`);
  console.log(
    `Walk of our endpoint: ${result.requests} requests, ${served} objects (${result.embedded.length} embedded) in ${seconds.toFixed(1)} s = ` +
      `${(served / seconds).toFixed(0)} objects/s, ${(result.requests / seconds).toFixed(0)} requests/s ` +
      `(raw /health: ${ownRaw.toFixed(0)} requests/s, ratio ${(result.requests / seconds / ownRaw).toFixed(2)})`,
  );
  if (result.unreachable.length) console.log(`unreachable: ${result.unreachable.length}`);
} finally {
  await instance.stop();
  server.close();
  await rm(dataDir, { recursive: true, force: true });
}
