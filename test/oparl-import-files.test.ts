// The OParl importer fetching File contents into our file store: served by our download route,
// a failing download reported once and left referenced, nothing fetched again on a second run.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpSource } from '../src/oparl/client.js';
import { Flaws } from '../src/oparl/flaws.js';
import { Importer } from '../src/oparl/importer.js';
import { Progress } from '../src/oparl/progress.js';
import { StateFile } from '../src/oparl/state.js';
import { globalIdOf } from '../src/global-id.js';
import { json, startFixture, type Fixture } from './support/oparl-fixture.js';
import { startTestServer, type TestServer } from './support/server.js';

const SCHEMA = 'https://schema.oparl.org/1.1/';
const text = new TextEncoder().encode('Niederschrift: Der Rat beschließt die Brückensanierung (Quastenflosser).\n');
let fixture: Fixture;
let target: TestServer;
let stateFile: string;
const logged: string[] = [];

function importer() {
  const flaws = new Flaws((line) => logged.push(line));
  const source = new HttpSource(`${fixture.base}/`, flaws, { attempts: 3, backoffMs: 5, timeoutMs: 1000 });
  const store = target.services.files;
  return new Importer({ prisma: target.services.db.prisma, source, state: new StateFile(stateFile), flaws, progress: new Progress(undefined), files: { store, downloader: source } });
}

beforeAll(async () => {
  [fixture, target] = await Promise.all([startFixture(), startTestServer({ seed: false })]);
  stateFile = path.join(await mkdtemp(path.join(tmpdir(), 'oparl-files-')), 'state.json');
  const base = fixture.base;
  const times = { created: '2024-01-01T10:00:00+01:00', modified: '2024-01-01T10:00:00+01:00' };
  const file = (name: string, accessUrl: string) => ({ id: `${base}/file/${name}`, type: `${SCHEMA}File`, name, fileName: name, mimeType: 'application/pdf', accessUrl, ...times });
  fixture.routes.set('/', json({ id: `${base}/`, type: `${SCHEMA}System`, oparlVersion: `${SCHEMA}`, body: `${base}/bodies`, ...times }));
  fixture.routes.set('/bodies', json({ data: [{ id: `${base}/body`, type: `${SCHEMA}Body`, name: 'Stadt', file: `${base}/files`, ...times }], pagination: {}, links: {} }));
  fixture.routes.set('/files', json({ data: [file('protokoll.txt', `${base}/content/protokoll`), file('kaputt.pdf', `${base}/content/kaputt`)], pagination: {}, links: {} }));
  fixture.routes.set('/content/protokoll', (_request, response) => {
    response.writeHead(200, { 'content-type': 'application/octet-stream' });
    response.end(text);
  });
  fixture.routes.set('/content/kaputt', json('down', 500));
});
afterAll(async () => {
  await Promise.all([fixture?.close(), target?.stop()]);
});

describe('importing OParl files', () => {
  it('stores fetched contents like an upload and leaves a failing one referenced', async () => {
    const summary = await importer().run();
    expect(summary).toMatchObject({ complete: true, files: { fetched: 1, bytes: text.length } });
    const { prisma } = target.services.db;
    const fetched = await prisma.file.findUniqueOrThrow({ where: { oparlId: `${fixture.base}/file/protokoll.txt` } });
    // The bytes decide the type, not the source's claim.
    expect(fetched).toMatchObject({ size: text.length, mimeType: 'text/plain; charset=utf-8', externalUrl: `${fixture.base}/content/protokoll` });
    expect(fetched.text).toContain('Quastenflosser');
    const download = await fetch(`${target.url}/files/${globalIdOf('File', fetched.id)}/download`);
    expect(download.status).toBe(200);
    expect(new Uint8Array(await download.arrayBuffer())).toEqual(text);

    const broken = `${fixture.base}/content/kaputt`;
    expect(await prisma.file.findUniqueOrThrow({ where: { oparlId: `${fixture.base}/file/kaputt.pdf` } })).toMatchObject({ storageKey: null, externalUrl: broken, mimeType: 'application/pdf' });
    expect(logged.filter((line) => line.includes(broken))).toEqual([expect.stringContaining('gave up after 3 attempts')]);
  });

  it('fetches nothing on a second run', async () => {
    fixture.requests.length = 0;
    const summary = await importer().run();
    expect(summary).toMatchObject({ complete: true, written: 0, files: { fetched: 0, bytes: 0 } });
    expect(fixture.requests.filter((request) => request.startsWith('/content/'))).toEqual([]);
  });
});
