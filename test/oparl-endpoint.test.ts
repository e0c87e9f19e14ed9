// The OParl 1.1 endpoint as an OParl client sees it: discovered from the System URL by following
// links, every object valid against the OParl 1.1.1 schema files, public data only.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { globalIdOf, idOf } from '../src/global-id.js';
import { seedIds } from '../src/seed/ids.js';
import { uploadFile, type Uploaded } from './support/files.js';
import { startTestServer, tokenFor, type TestServer } from './support/server.js';
import { createValidator, walk, type Walk } from './support/oparl.js';
import { at } from './support/indexing.js';

let server: TestServer;
let system: string;
let result: Walk;

beforeAll(async () => {
  server = await startTestServer();
  // Object ids are absolute URLs: they must name the port the test server got.
  server.services.config.publicUrl = server.url;
  system = `${server.url}/oparl/v1.1/`;
  result = await walk(system);
});
afterAll(() => server?.stop());

const typeOf = (object: Record<string, any>) => String(object.type).split('/').pop()!;
const bodyOf = () => [...result.objects.values()].find((object) => typeOf(object) === 'Body')!;

describe('OParl endpoint, walked from the System object', () => {
  it('serves only objects that are valid against the OParl 1.1.1 schemas', () => {
    const validate = createValidator();
    const errors = [...result.objects.values()].flatMap(validate);
    expect(errors).toEqual([]);
    const types = new Set([...result.objects.values()].map(typeOf));
    // The seed has no legislative terms; every other type is there.
    expect([...types].sort()).toEqual(['AgendaItem', 'Body', 'Consultation', 'File', 'Location', 'Meeting', 'Membership', 'Organization', 'Paper', 'Person', 'System']);
  });

  it('reaches every referenced object at its id and lists it in its Body list', () => {
    expect(result.unreachable).toEqual([]);
    const body = bodyOf();
    const listOf: Record<string, string> = {
      Body: `${server.url}/oparl/v1.1/body`, LegislativeTerm: body.legislativeTermList, Location: body.locationList,
    };
    const missing: string[] = [];
    for (const object of [...result.objects.values(), ...result.embedded]) {
      const type = typeOf(object);
      if (type === 'System') continue;
      const list = listOf[type] ?? body[type.charAt(0).toLowerCase() + type.slice(1)];
      if (!result.listed.get(list)?.has(object.id)) missing.push(`${object.id} not in ${list}`);
    }
    expect(missing).toEqual([]);
  });

  it('shows of a non-public agenda item its number and name only, and nothing attached to it', async () => {
    const { prisma } = server.services.db;
    const hidden = await prisma.agendaItem.findMany({
      where: { public: false },
      include: { consultations: true, files: true, votes: true },
    });
    expect(hidden.length).toBeGreaterThan(0);
    const served = JSON.stringify([...result.objects.values()]);
    for (const item of hidden) {
      const object = result.objects.get(`${server.url}/oparl/v1.1/agendaItem/${item.id}`)!;
      expect(Object.keys(object).sort()).toEqual(['created', 'id', 'meeting', 'modified', 'name', 'number', 'order', 'public', 'type'].filter((key) => key in object).sort());
      expect(object.public).toBe(false);
      for (const text of [item.protocolText, item.resolutionText, item.result, item.subtitle]) if (text) expect(served).not.toContain(JSON.stringify(text).slice(1, -1));
      for (const attached of [...item.consultations, ...item.files]) expect(served).not.toContain(attached.id);
    }
    const hiddenPapers = await prisma.paper.findMany({ where: { consultations: { some: {}, every: { agendaItem: { public: false } } } } });
    for (const paper of hiddenPapers) {
      expect(served).not.toContain(paper.id);
      expect((await fetch(`${server.url}/oparl/v1.1/paper/${paper.id}`)).status).toBe(404);
    }
  });

  it('answers objects asked for all at once each as alone, hidden ones as unknown', async () => {
    const { prisma } = server.services.db;
    const oparl = `${server.url}/oparl/v1.1`;
    const hiddenItems = await prisma.agendaItem.findMany({ where: { public: false }, include: { consultations: true, files: true } });
    const hiddenPapers = await prisma.paper.findMany({ where: { consultations: { some: {}, every: { agendaItem: { public: false } } } } });
    const hidden = [
      ...hiddenItems.flatMap((item) => [...item.consultations.map((c) => `${oparl}/consultation/${c.id}`), ...item.files.map((f) => `${oparl}/file/${f.id}`)]),
      ...hiddenPapers.map((paper) => `${oparl}/paper/${paper.id}`),
      `${oparl}/paper/00000000-0000-4000-8000-000000000000`,
    ];
    expect(hidden.length).toBeGreaterThan(2);
    // Interleaved, so that hidden, unknown and readable ids of one type are read together.
    const readable = [...result.objects.keys()].filter((url) => !url.endsWith('/oparl/v1.1/') && !url.endsWith('/oparl/v1.1/body'));
    const urls = readable.flatMap((url, i) => (i < hidden.length ? [url, at(hidden, i)] : [url]));
    const answers = await Promise.all(
      urls.map(async (url) => {
        const response = await fetch(url);
        return { url, status: response.status, object: await response.json() };
      }),
    );
    for (const { url, status, object } of answers) {
      if (hidden.includes(url)) expect({ url, status }).toEqual({ url, status: 404 });
      else expect({ url, object }).toEqual({ url, object: result.objects.get(url) });
    }
  });
});

describe('OParl lists', () => {
  it('pages in a stable order with all links, carrying filters into every link', async () => {
    const list = bodyOf().agendaItem as string;
    const all = (await (await fetch(list)).json()).data.map((item: { id: string }) => item.id);
    const paged: string[] = [];
    let url: string | undefined = `${list}?limit=5&created_since=2000-01-01T00:00:00Z`;
    let pages = 0;
    while (url) {
      const page: any = await (await fetch(url)).json();
      pages++;
      paged.push(...page.data.map((item: { id: string }) => item.id));
      for (const link of Object.values<string>(page.links)) expect(link).toContain('created_since=2000-01-01T01%3A00%3A00%2B01%3A00');
      expect(page.links.self).toBeDefined();
      expect(page.links.first).toBeDefined();
      if (pages > 1) expect(page.links.prev).toBeDefined();
      expect(page.pagination).toMatchObject({ elementsPerPage: 5, currentPage: pages });
      // The first page counts the list; `next` continues after the last id and counts nothing.
      if (pages === 1) {
        expect(page.pagination.totalElements).toBe(all.length);
        expect(page.links.last).toBeDefined();
      } else expect(new URL(url).searchParams.get('after')).toBe(at(paged, (pages - 1) * 5 - 1).split('/').pop());
      url = page.links.next;
    }
    expect(pages).toBe(Math.ceil(all.length / 5));
    expect(paged).toEqual(all);
    // Pages by number keep working, counted, and hold what following `next` gave.
    const third: any = await (await fetch(`${list}?limit=5&page=3`)).json();
    expect(third.data.map((item: { id: string }) => item.id)).toEqual(all.slice(10, 15));
    expect(third.pagination).toEqual({ totalElements: all.length, elementsPerPage: 5, currentPage: 3, totalPages: Math.ceil(all.length / 5) });
    const future = await (await fetch(`${list}?created_since=2999-01-01T00:00:00Z`)).json();
    expect(future.data).toEqual([]);
    const bare = await (await fetch(`${bodyOf().meeting}?omit_internal=true`)).json();
    expect(bare.data.some((meeting: { agendaItem?: unknown }) => meeting.agendaItem)).toBe(false);
  });

  it('leaves out on pages continued after an id exactly what the whole list leaves out', async () => {
    const { prisma } = server.services.db;
    const hidden = await prisma.agendaItem.findMany({ where: { public: false }, include: { consultations: true, files: true } });
    const hiddenPapers = await prisma.paper.findMany({ where: { consultations: { some: {}, every: { agendaItem: { public: false } } } } });
    const attached = [...hidden.flatMap((item) => [...item.consultations, ...item.files]), ...hiddenPapers].map((row) => row.id);
    expect(hiddenPapers.length).toBeGreaterThan(0);
    expect(attached.length).toBeGreaterThan(hiddenPapers.length);
    for (const list of [bodyOf().paper, bodyOf().consultation, bodyOf().file] as string[]) {
      const whole = (await (await fetch(`${list}?limit=500`)).json()).data.map((item: { id: string }) => item.id);
      const paged: string[] = [];
      for (let url: string | undefined = `${list}?limit=2`; url; ) {
        const page: any = await (await fetch(url)).json();
        paged.push(...page.data.map((item: { id: string }) => item.id));
        url = page.links.next;
      }
      expect(paged).toEqual(whole);
      for (const id of attached) expect(paged.join()).not.toContain(id);
    }
  });

  it('marks a deleted embedded object deleted, lists it only with modified_since, and bumps its parent', async () => {
    const { prisma } = server.services.db;
    const consultation = await prisma.consultation.findFirstOrThrow({ where: { agendaItem: { public: true } } });
    const paperUrl = `${server.url}/oparl/v1.1/paper/${consultation.paperId}`;
    const consultationUrl = `${server.url}/oparl/v1.1/consultation/${consultation.id}`;
    const before: any = await (await fetch(paperUrl)).json();
    const clerk = await tokenFor(['clerk']);
    const unlinked = await server.graphql(
      'mutation($item: ID!, $paper: ID!) { unlinkPaper(agendaItemId: $item, paperId: $paper) { id } }',
      { item: globalIdOf('AgendaItem', consultation.agendaItemId!), paper: globalIdOf('Paper', consultation.paperId) },
      clerk,
    );
    expect(unlinked.errors).toBeUndefined();

    const deleted: any = await (await fetch(consultationUrl)).json();
    expect(deleted).toEqual({ id: consultationUrl, type: 'https://schema.oparl.org/1.1/Consultation', created: expect.any(String), modified: expect.any(String), deleted: true });
    expect(Date.parse(deleted.modified)).toBeGreaterThan(Date.parse(before.modified));
    const after: any = await (await fetch(paperUrl)).json();
    expect(after.modified).toBe(deleted.modified);
    expect(JSON.stringify(after.consultation ?? [])).not.toContain(consultation.id);

    const list = bodyOf().consultation as string;
    const plain = await (await fetch(list)).json();
    expect(plain.data.map((item: { id: string }) => item.id)).not.toContain(consultationUrl);
    const since = await (await fetch(`${list}?modified_since=${encodeURIComponent(before.modified)}`)).json();
    expect(since.data).toContainEqual(deleted);
  });
});

describe('OParl HTTP', () => {
  it('answers UTF-8 JSON for every origin, with validators for conditional GET', async () => {
    const response = await fetch(system);
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    const etag = response.headers.get('etag')!;
    const lastModified = response.headers.get('last-modified')!;
    expect((await fetch(system, { headers: { 'if-none-match': etag } })).status).toBe(304);
    expect((await fetch(system, { headers: { 'if-modified-since': lastModified } })).status).toBe(304);
    expect((await fetch(system, { headers: { 'if-modified-since': 'Thu, 01 Jan 2000 00:00:00 GMT' } })).status).toBe(200);
  });

  it('redirects non-canonical URLs and answers errors with an OParl error object', async () => {
    const body = bodyOf().id as string;
    const uuid = body.split('/').pop()!;
    for (const variant of [`${body}/`, `${server.url}/oparl/v1.1/body/${uuid.toUpperCase()}`, `${server.url}/oparl/v1.1/Body/${uuid}`]) {
      const response = await fetch(variant, { redirect: 'manual' });
      expect(response.status).toBe(301);
      expect(response.headers.get('location')).toBe(body);
    }
    const missing = await fetch(`${server.url}/oparl/v1.1/meeting/00000000-0000-4000-8000-000000000000`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ type: 'https://schema.oparl.org/1.1/Error', message: expect.any(String) });
    const bad = await fetch(`${bodyOf().meeting}?modified_since=yesterday`);
    expect(bad.status).toBe(400);
    expect((await bad.json()).type).toBe('https://schema.oparl.org/1.1/Error');
  });
});

describe('OParl date-times', () => {
  it('are written yyyy-mm-ddThh:mm:ss±hh:mm in the local offset of the day (CET, CEST)', () => {
    const meetingUrl = (id: string) => `${server.url}/oparl/v1.1/meeting/${id}`;
    expect(result.objects.get(meetingUrl(seedIds.meeting2024))?.start).toBe('2024-11-21T16:35:00+01:00');
    expect(result.objects.get(meetingUrl(seedIds.meeting20240909))?.start).toBe('2024-09-09T00:00:00+02:00');
    const stamps = [...result.objects.values(), ...result.embedded].flatMap((object) => [object.created, object.modified]);
    expect(stamps.length).toBeGreaterThan(100);
    for (const stamp of stamps) expect(stamp).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+0[12]:00$/);
  });
});

describe('OParl File content', () => {
  const oparlFile = (id: string) => `${server.url}/oparl/v1.1/file/${id}`;
  const uuidOf = (globalId: string) => idOf(globalId, 'File', 'fileId');
  const text = new TextEncoder().encode('Anlage zur Niederschrift: Quastenflosser-Zählung 2024.\n');
  let clerk: string;
  let file: Uploaded;

  beforeAll(async () => {
    clerk = await tokenFor(['clerk']);
    const uploaded = await uploadFile(server, text, 'Zählung.txt', { agendaItem: globalIdOf('AgendaItem', seedIds.agendaItem['3']) }, clerk);
    expect(uploaded.errors).toBeUndefined();
    file = uploaded.data!.uploadFile;
  });

  it('is delivered at accessUrl (inline) and downloadUrl (attachment), with validators', async () => {
    const object: any = await (await fetch(oparlFile(uuidOf(file.id)))).json();
    expect(createValidator()(object)).toEqual([]);
    expect(object.accessUrl).toBe(`${oparlFile(uuidOf(file.id))}/content`);
    expect(object.downloadUrl).toBe(`${oparlFile(uuidOf(file.id))}/download`);
    const inline = await fetch(object.accessUrl);
    expect(inline.status).toBe(200);
    expect(new Uint8Array(await inline.arrayBuffer())).toEqual(text);
    expect(inline.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(inline.headers.get('content-disposition')).toMatch(/^inline; .*filename\*=UTF-8''Z%C3%A4hlung\.txt$/);
    expect(inline.headers.get('access-control-allow-origin')).toBe('*');
    const download = await fetch(object.downloadUrl);
    expect(download.headers.get('content-disposition')).toMatch(/^attachment; /);
    expect(new Uint8Array(await download.arrayBuffer())).toEqual(text);
    expect((await fetch(object.accessUrl, { headers: { 'if-none-match': inline.headers.get('etag')! } })).status).toBe(304);
    expect((await fetch(object.accessUrl, { headers: { 'if-modified-since': inline.headers.get('last-modified')! } })).status).toBe(304);
  });

  it('of a hidden file answers like that of an unknown one, and 410 once deleted', async () => {
    const secret = new TextEncoder().encode('Vertraulich: Kaution je Leihgerät.');
    const hidden = await uploadFile(server, secret, 'vertrag.txt', { agendaItem: globalIdOf('AgendaItem', seedIds.agendaItem['8']) }, clerk);
    expect(hidden.errors).toBeUndefined();
    const unknown = await fetch(`${oparlFile('00000000-0000-4000-8000-000000000000')}/content`);
    for (const url of [`${oparlFile(uuidOf(hidden.data!.uploadFile.id))}/content`, `${oparlFile(uuidOf(hidden.data!.uploadFile.id))}/download`]) {
      const response = await fetch(url);
      expect(response.status).toBe(unknown.status);
      expect(await response.json()).toEqual(await unknown.clone().json());
    }
    expect(unknown.status).toBe(404);

    const deleted = await server.graphql(`mutation($id: ID!) { deleteFile(fileId: $id) { id } }`, { id: file.id }, clerk);
    expect(deleted.errors).toBeUndefined();
    const gone = await fetch(`${oparlFile(uuidOf(file.id))}/content`);
    expect(gone.status).toBe(410);
    expect((await gone.json()).type).toBe('https://schema.oparl.org/1.1/Error');
  });
});

describe('OParl client errors', () => {
  it('answers malformed paths and query parameters with 4xx and an OParl error object, never 500', async () => {
    const body = bodyOf();
    const bodyUuid = String(body.id).split('/').pop();
    for (const url of [
      `${server.url}/oparl/v1.1/%`,
      `${server.url}/oparl/v1.1/body/%zz/paper`,
      `${server.url}/oparl/v1.1/body/${bodyUuid}/%E0%A4%A`,
      `${body.paper}?page=99999999999999999999`,
      `${body.paper}?page=0`,
      `${body.paper}?page=abc`,
      `${body.paper}?after=abc`,
      `${body.paper}?modified_since=0000-01-01`,
      `${body.paper}?created_until=2024-02-30`,
      `${body.paper}?modified_until=%2B010000-01-01T00:00:00Z`,
    ]) {
      const response = await fetch(url, { redirect: 'manual' });
      expect([url, response.status >= 400 && response.status < 500]).toEqual([url, true]);
      expect(await response.json()).toMatchObject({ type: 'https://schema.oparl.org/1.1/Error', message: expect.any(String) });
    }
    const beyond = await (await fetch(`${body.paper}?page=1000`)).json();
    expect(beyond.data).toEqual([]);
  });
});

describe('OParl consultations of deleted papers and removed agenda items', () => {
  it('are served as deleted, leave lists and embedding objects, and are listed deleted with modified_since', async () => {
    const { prisma } = server.services.db;
    const clerk = await tokenFor(['clerk']);
    const live = await prisma.consultation.findMany({
      where: { deleted: false, paper: { deleted: false }, agendaItem: { public: true, deleted: false } },
      orderBy: { id: 'asc' },
    });
    const ofPaper = at(live, 0);
    const ofItem = live.find((c) => c.paperId !== ofPaper.paperId && c.agendaItemId !== ofPaper.agendaItemId)!;
    expect(ofItem).toBeDefined();
    const url = (type: string, id: string) => `${server.url}/oparl/v1.1/${type}/${id}`;
    const list = bodyOf().consultation as string;
    const since = (await (await fetch(url('consultation', ofPaper.id))).json()).modified;

    const deletedPaper = await server.graphql(`mutation($id: ID!) { deletePaper(paperId: $id) { id } }`, { id: globalIdOf('Paper', ofPaper.paperId) }, clerk);
    expect(deletedPaper.errors).toBeUndefined();
    const removed = await server.graphql(`mutation($id: ID!) { removeAgendaItem(agendaItemId: $id) { id } }`, { id: globalIdOf('AgendaItem', ofItem.agendaItemId!) }, clerk);
    expect(removed.errors).toBeUndefined();

    const validate = createValidator();
    for (const consultation of [ofPaper, ofItem]) {
      const served: any = await (await fetch(url('consultation', consultation.id))).json();
      expect(served).toEqual({ id: url('consultation', consultation.id), type: 'https://schema.oparl.org/1.1/Consultation', created: expect.any(String), modified: expect.any(String), deleted: true });
      expect(Date.parse(served.modified)).toBeGreaterThanOrEqual(Date.parse(since));
    }
    const ofItemPaper: any = await (await fetch(url('paper', ofItem.paperId))).json();
    expect(validate(ofItemPaper)).toEqual([]);
    expect(JSON.stringify(ofItemPaper)).not.toContain(ofItem.id);
    const ofPaperItem: any = await (await fetch(url('agendaItem', ofPaper.agendaItemId!))).json();
    expect(ofPaperItem.consultation).not.toBe(url('consultation', ofPaper.id));

    const plain: string[] = (await (await fetch(`${list}?limit=500`)).json()).data.map((item: { id: string }) => item.id);
    expect(plain).not.toContain(url('consultation', ofPaper.id));
    expect(plain).not.toContain(url('consultation', ofItem.id));
    const changed: any[] = (await (await fetch(`${list}?limit=500&modified_since=${encodeURIComponent(since)}`)).json()).data;
    for (const consultation of [ofPaper, ofItem]) expect(changed).toContainEqual(expect.objectContaining({ id: url('consultation', consultation.id), deleted: true }));
  });
});
