// The OParl importer against a local server that serves the specification's examples with the
// flaws real council systems have, and a round trip of the seed archive through our own endpoint.
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpSource } from '../src/oparl/client.js';
import { Flaws } from '../src/oparl/flaws.js';
import { Importer } from '../src/oparl/importer.js';
import { Progress } from '../src/oparl/progress.js';
import { StateFile } from '../src/oparl/state.js';
import { startTestServer, type TestServer } from './support/server.js';
import { examples, json, startFixture, type Fixture } from './support/oparl-fixture.js';
import { walk } from './support/oparl.js';

let fixture: Fixture;
let target: TestServer;
let stateDir: string;
const logged: string[] = [];

const list = (data: unknown[], next?: string) => ({ data, pagination: {}, links: next ? { next } : {} });

function importer(state = 'state.json') {
  const flaws = new Flaws((line) => logged.push(line));
  const source = new HttpSource(`${fixture.base}/`, flaws, { attempts: 3, backoffMs: 5, timeoutMs: 300 });
  return new Importer({ prisma: target.services.db.prisma, source, state: new StateFile(path.join(stateDir, state)), flaws, progress: new Progress(undefined) });
}

beforeAll(async () => {
  [fixture, target, stateDir] = await Promise.all([startFixture(), startTestServer({ seed: false }), mkdtemp(path.join(tmpdir(), 'oparl-import-'))]);
  const x = examples(fixture.base);
  const { routes } = fixture;
  const bodyPath = new URL(x.Body.id).pathname;
  const body = { ...x.Body, legislativeTermList: undefined };
  routes.set('/', json({ ...x.System, body: `${fixture.base}/bodies` }));
  routes.set('/bodies', json(list([body])));
  routes.set(bodyPath, json(body));
  const at = (url: string) => new URL(url).pathname;

  // Organizations: a pagination loop, an item without id, an item without type.
  const { type: _type, ...untyped } = { ...x.Organization, id: `${fixture.base}/organization/untyped`, name: 'Ohne Typ' };
  routes.set(at(x.Body.organization), json(list([x.Organization, { name: 'ohne id' }, untyped], `${fixture.base}/organizations-2`)));
  routes.set('/organizations-2', json(list([], x.Body.organization)));
  // Persons: two 500s, then "N/A" and blank strings.
  routes.set(at(x.Body.person), (request, response, hit) =>
    hit <= 2 ? json('oops', 500)(request, response, hit) : json(list([{ ...x.Person, gender: 'N/A', affix: '   ' }]))(request, response, hit));
  // Meetings: an HTML error page with status 200 first; the example lacks the required `order`.
  routes.set(at(x.Body.meeting), (request, response, hit) => {
    if (hit === 1) {
      response.writeHead(200, { 'content-type': 'text/html' });
      response.end('<html><body>Wartungsarbeiten</body></html>');
    } else json(list([x.Meeting]))(request, response, hit);
  });
  // Papers: a single object where a list belongs, with raw control characters in a string.
  routes.set(at(x.Body.paper), json(JSON.stringify(x.Paper).replace('"name":"', '"name":"Zeile 1\nZeile 2\t')));
  routes.set(at(x.Body.agendaItem), json([]));
  // Consultations: 404 for the (empty) list is left to the default route.
  // Files: one with a bogus modified date next to a good one.
  routes.set(at(x.Body.file), json(list([x.File, { ...x.File, id: `${fixture.base}/file/bogus`, name: 'Bogus', modified: '31.02.2020' }])));
  // Locations: the first request times out.
  routes.set(at(x.Body.locationList), async (request, response, hit) => {
    if (hit === 1) await new Promise((resolve) => setTimeout(resolve, 600));
    json(list([x.Location]))(request, response, hit);
  });
  // A person referenced by a paper answers with another id than the URL asked for.
  routes.set('/person/1000', json({ ...x.Person, id: `${fixture.base}/person/1000-canonical`, name: 'Erika Musterfrau', membership: [] }));
});
afterAll(async () => {
  await Promise.all([fixture?.close(), target?.stop()]);
});

describe('importing from a flawed OParl server', () => {
  it('imports everything valid and reports each flaw once with its URL', async () => {
    const summary = await importer().run();
    expect(summary.complete).toBe(true);
    const { prisma } = target.services.db;
    const x = examples(fixture.base);
    expect((await prisma.organization.findMany({ orderBy: { name: 'asc' } })).map((o) => o.oparlId)).toEqual(
      expect.arrayContaining([x.Organization.id, `${fixture.base}/organization/untyped`]),
    );
    const person = await prisma.person.findUniqueOrThrow({ where: { oparlId: x.Person.id } });
    expect(person).toMatchObject({ name: x.Person.name, gender: null, affix: null, title: ['Prof.', 'Dr.'] });
    const meeting = await prisma.meeting.findUniqueOrThrow({ where: { oparlId: x.Meeting.id }, include: { agendaItems: true, files: true, location: true } });
    expect(meeting.agendaItems.map((item) => [item.number, item.order])).toEqual([['10.1', 1]]);
    // The example gives its four files one id: one file.
    expect(meeting.files.map((file) => file.oparlId)).toEqual([x.Meeting.invitation.id]);
    expect(meeting.location?.oparlId).toBe(x.Location.id);
    const paper = await prisma.paper.findUniqueOrThrow({ where: { oparlId: x.Paper.id }, include: { originatorPersons: { include: { person: true } } } });
    expect(paper.name).toBe('Zeile 1\nZeile 2\tAntwort auf Anfrage 1200/2014'.replace('Antwort auf Anfrage 1200/2014', x.Paper.name));
    expect(paper.originatorPersons.map((link) => link.person.name)).toContain('Erika Musterfrau');
    expect(await prisma.file.findUnique({ where: { oparlId: `${fixture.base}/file/bogus` } })).toMatchObject({ name: 'Bogus' });
    expect(await prisma.location.count({ where: { oparlId: x.Location.id } })).toBe(1);

    const expected = [
      ['pagination loop', x.Body.organization],
      ['missing id', x.Body.organization],
      ['missing type', `${fixture.base}/organization/untyped`],
      ['HTML instead of JSON', x.Body.meeting],
      ['single object where a list belongs', x.Body.paper],
      ['control characters in JSON', x.Body.paper],
      ['array instead of a list object', x.Body.agendaItem],
      ['404 for a list', x.Body.consultation],
      ['bogus modified', `${fixture.base}/file/bogus`],
      ['id differs from the requested URL', `${fixture.base}/person/1000`],
    ];
    for (const [kind, url] of expected) expect(logged.filter((line) => line.startsWith(`flaw: ${kind}: ${url}`)), kind).toHaveLength(1);
    // Retried until they answered: not reported as given up.
    expect(logged.filter((line) => line.includes('gave up'))).toEqual([]);
    expect(fixture.requests.filter((request) => request === new URL(x.Body.person).pathname)).toHaveLength(3);
  });

  it('changes nothing on a second run, which asks only for what changed since the first', async () => {
    const { prisma } = target.services.db;
    const before = await prisma.meeting.findMany({ select: { oparlId: true, modified: true } });
    const counts = await Promise.all([prisma.organization.count(), prisma.person.count(), prisma.file.count(), prisma.agendaItem.count()]);
    fixture.requests.length = 0;
    const summary = await importer().run();
    expect(summary).toMatchObject({ written: 0, complete: true, since: expect.any(String) });
    expect(await prisma.meeting.findMany({ select: { oparlId: true, modified: true } })).toEqual(before);
    expect(await Promise.all([prisma.organization.count(), prisma.person.count(), prisma.file.count(), prisma.agendaItem.count()])).toEqual(counts);
    expect(fixture.requests.filter((request) => request.includes('modified_since=')).length).toBeGreaterThan(0);
  });

  it('keeps the place of a changed meeting whose embedded location did not change', async () => {
    const x = examples(fixture.base);
    const { prisma } = target.services.db;
    const meetings = new URL(x.Body.meeting).pathname;
    const before = await prisma.meeting.findUniqueOrThrow({ where: { oparlId: x.Meeting.id }, select: { locationId: true } });
    expect(before.locationId).not.toBeNull();
    fixture.routes.set(meetings, json(list([{ ...x.Meeting, name: 'Umbenannt', modified: new Date().toISOString() }])));
    // An incremental run lists only what changed: the location is not in its list.
    fixture.routes.set(new URL(x.Body.locationList).pathname, json(list([])));
    await importer().run();
    expect(await prisma.meeting.findUniqueOrThrow({ where: { oparlId: x.Meeting.id }, select: { name: true, locationId: true } })).toEqual({
      name: 'Umbenannt',
      locationId: before.locationId,
    });
  });

  it('applies deletions and resumes an interrupted run where it stopped', async () => {
    const x = examples(fixture.base);
    const { prisma } = target.services.db;
    const meetings = new URL(x.Body.meeting).pathname;
    const deletedAt = new Date().toISOString();
    fixture.routes.set(meetings, json(list([{ id: x.Meeting.id, type: x.Meeting.type, created: x.Meeting.created, modified: deletedAt, deleted: true }])));
    // The file list fails for good: the run stops incomplete after the earlier lists.
    fixture.routes.set(new URL(x.Body.file).pathname, json('down', 503));
    const interrupted = await importer().run();
    expect(interrupted.complete).toBe(false);
    expect(await prisma.meeting.findUniqueOrThrow({ where: { oparlId: x.Meeting.id } })).toMatchObject({ deleted: true, modified: new Date(deletedAt) });
    const state = JSON.parse(await readFile(path.join(stateDir, 'state.json'), 'utf8'));
    expect(state.lists[`${x.Body.id} meeting`]).toBe('done');

    fixture.routes.set(new URL(x.Body.file).pathname, json(list([x.File])));
    fixture.requests.length = 0;
    const resumed = await importer().run();
    expect(resumed.complete).toBe(true);
    expect(fixture.requests.some((request) => request.startsWith(meetings))).toBe(false);
    expect(fixture.requests.some((request) => request.startsWith(new URL(x.Body.file).pathname))).toBe(true);
  });
});

describe('round trip', () => {
  let source: TestServer;
  let copy: TestServer;
  beforeAll(async () => {
    [source, copy] = await Promise.all([startTestServer(), startTestServer({ seed: false })]);
    source.services.config.publicUrl = source.url;
    copy.services.config.publicUrl = copy.url;
  });
  afterAll(async () => {
    await Promise.all([source?.stop(), copy?.stop()]);
  });

  it('exports the seed archive through our endpoint and imports the same public data', async () => {
    const flaws = new Flaws((line) => logged.push(line));
    const summary = await new Importer({
      prisma: copy.services.db.prisma,
      source: new HttpSource(`${source.url}/oparl/v1.1/`, flaws),
      state: new StateFile(path.join(stateDir, 'round-trip.json')),
      flaws,
      progress: new Progress(undefined),
    }).run();
    expect(summary).toMatchObject({ complete: true, flaws: {} });

    const [original, imported] = await Promise.all([walk(`${source.url}/oparl/v1.1/`), walk(`${copy.url}/oparl/v1.1/`)]);
    // The copy's own URLs, translated back to the URLs of the objects they were imported from.
    const models = ['body', 'legislativeTerm', 'organization', 'person', 'membership', 'meeting', 'agendaItem', 'paper', 'consultation', 'file', 'location'] as const;
    const rows = (await Promise.all(models.map((model) => (copy.services.db.prisma[model] as any).findMany({ select: { id: true, oparlId: true } })))).flat();
    const back = new Map<string, string>(rows.map((row: { id: string; oparlId: string }) => [row.id, row.oparlId.split('/').pop()!]));
    // Arrays compare as sets: their order follows local ids, which differ between the databases.
    const sorted = (value: any): any =>
      Array.isArray(value)
        ? value.map(sorted).sort((a, b) => (JSON.stringify(a.id ?? a) < JSON.stringify(b.id ?? b) ? -1 : 1))
        : value && typeof value === 'object'
          ? Object.fromEntries(Object.entries(value).map(([key, item]) => [key, sorted(item)]))
          : value;
    const translate = (object: unknown) =>
      JSON.parse(
        JSON.stringify(object)
          .replaceAll(copy.url, source.url)
          .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, (id) => back.get(id) ?? id),
      );
    // Votes are our extension and not imported.
    const publicData = (objects: Map<string, any>) =>
      Object.fromEntries([...objects].filter(([id]) => !id.endsWith('/oparl/v1.1/')).map(([id, object]) => [id, JSON.parse(JSON.stringify(object, (key, value) => (key === 'x-council:vote' ? undefined : value)))]));
    expect(sorted(translate(publicData(imported.objects)))).toEqual(sorted(publicData(original.objects)));
  });
});
