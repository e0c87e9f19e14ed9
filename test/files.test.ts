// Attachments: multipart upload by clerks, content-addressed storage, HTTP delivery with caching
// headers, the visibility of the item a file belongs to, deletion, and the text found by search.
import { createHash, randomUUID } from 'node:crypto';
import { readdir, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import PDFDocument from 'pdfkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedIds } from '../src/seed/ids.js';
import { globalIdOf } from '../src/global-id.js';
import { localUrl, uploadFile, type Uploaded } from './support/files.js';
import { startTestServer, tokenFor, type TestServer } from './support/server.js';
import { at } from './support/indexing.js';

let server: TestServer;
let clerk: string;
let member: string;
let outsider: string;

beforeAll(async () => {
  server = await startTestServer();
  clerk = await tokenFor(['clerk']);
  member = await tokenFor(['member'], seedIds.person.weiss);
  outsider = await tokenFor(['member'], seedIds.person.hendele);
});
afterAll(() => server?.stop());

function pdfWith(text: string): Promise<Buffer> {
  const pdf = new PDFDocument();
  const chunks: Buffer[] = [];
  pdf.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve) => pdf.on('end', () => resolve(Buffer.concat(chunks))));
  pdf.text(text);
  pdf.end();
  return done;
}

const upload = (data: Uint8Array, fileName: string, variables: Record<string, unknown>, token?: string, claimedType?: string) =>
  uploadFile(server, data, fileName, variables, token, claimedType);

const local = (url: string) => localUrl(server, url);
const get = (url: string, token?: string, headers: Record<string, string> = {}, method = 'GET') =>
  fetch(local(url), { method, headers: { ...headers, ...(token ? { authorization: `Bearer ${token}` } : {}) } });

async function searchTotal(query: string, token?: string) {
  const response = await server.graphql(`query($q: String!) { search(query: $q, types: [FILE]) { totalCount edges { node { snippet } } } }`, { q: query }, token);
  expect(response.errors).toBeUndefined();
  return response.data.search as { totalCount: number; edges: { node: { snippet: string } }[] };
}

describe('a PDF on a public agenda item', () => {
  let file: Uploaded;
  let bytes: Buffer;

  beforeAll(async () => {
    bytes = await pdfWith('Präsentation zur Informationssicherheit: Ergebnis des Quastenflosser-Checks');
    const result = await upload(bytes, '../../etc/Prä<sentation>:1.pdf', { agendaItem: globalIdOf('AgendaItem', seedIds.agendaItem['3']) }, clerk);
    expect(result.errors).toBeUndefined();
    file = result.data!.uploadFile;
  });

  it('is described as an OParl File, typed by its content, with a safe name and its text', () => {
    expect(file).toMatchObject({
      name: 'Präsentation1.pdf',
      fileName: 'Präsentation1.pdf',
      mimeType: 'application/pdf',
      size: bytes.length,
      sha512Checksum: createHash('sha512').update(bytes).digest('hex'),
    });
    expect(file.text).toContain('Quastenflosser-Checks');
  });

  it('is served with ETag, Last-Modified and Content-Length; attachment only on the download URL', async () => {
    const inline = await get(file.accessUrl);
    expect(inline.status).toBe(200);
    expect(Buffer.from(await inline.arrayBuffer()).equals(bytes)).toBe(true);
    expect(inline.headers.get('content-type')).toBe('application/pdf');
    expect(inline.headers.get('content-length')).toBe(String(bytes.length));
    expect(inline.headers.get('etag')).toBe(`"${file.sha512Checksum}"`);
    expect(inline.headers.get('last-modified')).toBeTruthy();
    expect(inline.headers.get('content-disposition')).toMatch(/^inline;/);
    const download = await get(file.downloadUrl);
    expect(download.headers.get('content-disposition')).toBe(`attachment; filename="Prasentation1.pdf"; filename*=UTF-8''Pr%C3%A4sentation1.pdf`);
    const head = await get(file.accessUrl, undefined, {}, 'HEAD');
    expect([head.status, head.headers.get('content-length'), (await head.arrayBuffer()).byteLength]).toEqual([200, String(bytes.length), 0]);
  });

  it('answers conditional GETs with 304', async () => {
    const first = await get(file.accessUrl);
    const etag = first.headers.get('etag')!;
    expect((await get(file.accessUrl, undefined, { 'if-none-match': etag })).status).toBe(304);
    expect((await get(file.accessUrl, undefined, { 'if-modified-since': first.headers.get('last-modified')! })).status).toBe(304);
    expect((await get(file.accessUrl, undefined, { 'if-none-match': '"other"' })).status).toBe(200);
  });

  it('is found by the words in it', async () => {
    const { totalCount, edges } = await searchTotal('Quastenflosser');
    expect(totalCount).toBe(1);
    expect(at(edges, 0).node.snippet).toContain('<mark>Quastenflosser</mark>');
  });

  it('stores the same content once', async () => {
    const again = await upload(bytes, 'kopie.pdf', {}, clerk);
    expect(again.data!.uploadFile.sha512Checksum).toBe(file.sha512Checksum);
    expect(again.data!.uploadFile.meeting).toBeNull();
  });

  it('is gone (410) once deleted', async () => {
    const deleted = await server.graphql(`mutation($id: ID!) { deleteFile(fileId: $id) { id } }`, { id: file.id }, clerk);
    expect(deleted.errors).toBeUndefined();
    expect((await get(file.accessUrl)).status).toBe(410);
    expect((await get(file.downloadUrl, clerk)).status).toBe(410);
  });
});

describe('a file of a non-public agenda item', () => {
  let file: Uploaded;

  beforeAll(async () => {
    const text = new TextEncoder().encode('Vertrag über Leihgeräte: Kaution je Gerät, Stichwort Nachtigallenweg.');
    const result = await upload(text, 'vertrag.txt', { agendaItem: globalIdOf('AgendaItem', seedIds.agendaItem['8']), name: 'Leihvertrag' }, clerk);
    expect(result.errors).toBeUndefined();
    file = result.data!.uploadFile;
    expect(file.mimeType).toBe('text/plain; charset=utf-8');
  });

  it('does not exist for the public and outsiders (404), and is served to members', async () => {
    expect((await get(file.accessUrl)).status).toBe(404);
    expect((await get(file.downloadUrl, outsider)).status).toBe(404);
    expect((await get(file.accessUrl, member)).status).toBe(200);
    const node = await server.graphql(`query($id: ID!) { node(id: $id) { id } }`, { id: file.id });
    expect(node.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('is searched only for those entitled', async () => {
    expect((await searchTotal('Nachtigallenweg')).totalCount).toBe(0);
    expect((await searchTotal('Nachtigallenweg', outsider)).totalCount).toBe(0);
    expect((await searchTotal('Nachtigallenweg', member)).totalCount).toBe(1);
  });
});

describe('refused uploads', () => {
  it('only clerks upload; unknown binary types and oversized files are refused', async () => {
    const text = new TextEncoder().encode('Hallo');
    expect((await upload(text, 'a.txt', {})).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect((await upload(text, 'a.txt', {}, member)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const executable = new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00, 0x00, 0x00]);
    expect((await upload(executable, 'tool.pdf', {}, clerk, 'application/pdf')).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const huge = new Uint8Array(20 * 1024 * 1024 + 1).fill(0x61);
    expect((await upload(huge, 'gross.txt', {}, clerk)).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('the file store of DATA_DIR=:memory:', () => {
  /** The temporary store directories that hold the object of this key. */
  async function storesHolding(sha512: string) {
    const candidates = (await readdir(tmpdir())).filter((name) => name.startsWith('council-files-'));
    const holding = await Promise.all(candidates.map((name) => stat(path.join(tmpdir(), name, sha512.slice(0, 2), sha512)).then(() => name, () => undefined)));
    return holding.filter(Boolean);
  }

  it('lives in a temporary directory that goes with the stopped server', async () => {
    const own = await startTestServer();
    const bytes = new TextEncoder().encode(`Wegwerfnotiz ${randomUUID()}`);
    const sha512 = createHash('sha512').update(bytes).digest('hex');
    try {
      expect((await uploadFile(own, bytes, 'notiz.txt', {}, clerk)).errors).toBeUndefined();
      expect(await storesHolding(sha512)).toHaveLength(1);
    } finally {
      await own.stop();
    }
    expect(await storesHolding(sha512)).toEqual([]);
  });
});
