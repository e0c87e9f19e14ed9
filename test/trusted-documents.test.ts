// Trusted documents through the public API: with TRUSTED_DOCUMENTS=only the server runs the pages'
// own documents and those registered for known clients, asked for by hash over POST, GET and
// WebSocket, and nothing else; without it, hashes work beside ordinary documents.
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { globalIdOf } from '../src/global-id.js';
import { seedIds } from '../src/seed/ids.js';
import { trustedDocuments } from '../src/server/trusted-documents.js';
import { startTestServer, tokenFor, type TestServer } from './support/server.js';
import { wsClient } from './support/live.js';

const KNOWN_CLIENT = 'query CommitteeNames { organizations(first: 50) { edges { node { name } } } }';
/** A meeting's items with what only the entitled read (protocol texts): the answer depends on the token. */
const MEETING_ITEMS = 'query MeetingItems($id: ID!) { node(id: $id) { ... on Meeting { agendaItems { name public protocolText } } } }';
const RENAME = 'mutation Rename($id: ID!) { updateOrganization(organizationId: $id, name: "Umbenannt") { name } }';
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const directory = mkdtempSync(path.join(tmpdir(), 'trusted-'));
const clientsFile = path.join(directory, 'clients.json');
writeFileSync(clientsFile, JSON.stringify(Object.fromEntries([KNOWN_CLIENT, MEETING_ITEMS, RENAME].map((document) => [sha256(document), document]))));

/** The pages' DisplayMeeting query, as codegen registered it. */
const pages: Record<string, string> = JSON.parse(readFileSync(new URL('../web/src/generated/persisted-documents.json', import.meta.url), 'utf8'));
const displayHash = Object.entries(pages).find(([, document]) => document.includes('query DisplayMeeting'))![0].replace(/^sha256:/, '');
const persisted = (hash: string) => ({ persistedQuery: { version: 1, sha256Hash: hash } });
const meetingId = globalIdOf('Meeting', seedIds.meeting2024);

let server: TestServer;
let open: TestServer;
beforeAll(async () => {
  [server, open] = await Promise.all([
    startTestServer({ trustedDocuments: { only: true, file: clientsFile } }),
    startTestServer(),
  ]);
});
afterAll(() => Promise.all([server?.stop(), open?.stop()]));

const post = (at: TestServer, body: object) =>
  fetch(`${at.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

describe('TRUSTED_DOCUMENTS=only', () => {
  it("runs the pages' documents by hash over POST", async () => {
    const response = await post(server, { variables: { id: meetingId }, extensions: persisted(displayHash) });
    expect(response.status).toBe(200);
    const { data, errors } = await response.json();
    expect(errors).toBeUndefined();
    expect(data.node.name).toContain('Digitalisierung');
  });

  it('runs a document registered for a known client over GET, with the same answer each time (cacheable by URL)', async () => {
    const url = `${server.url}/graphql?extensions=${encodeURIComponent(JSON.stringify(persisted(sha256(KNOWN_CLIENT))))}`;
    const [first, second] = await Promise.all([fetch(url), fetch(url)]);
    expect(first.status).toBe(200);
    const body = await first.text();
    expect(JSON.parse(body).data.organizations.edges.length).toBeGreaterThan(0);
    expect(await second.text()).toBe(body);
  });

  it('refuses any other document with PERSISTED_QUERY_ONLY, and an unknown hash with PERSISTED_QUERY_NOT_FOUND', async () => {
    const arbitrary = await post(server, { query: KNOWN_CLIENT });
    expect(arbitrary.status).toBe(400);
    expect((await arbitrary.json()).errors[0].extensions.code).toBe('PERSISTED_QUERY_ONLY');
    const unknown = await post(server, { extensions: persisted(sha256('{ bodies { name } }')) });
    expect(unknown.status).toBe(400);
    expect((await unknown.json()).errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');
  });

  it('does the same over WebSocket, answering a refused operation alone', async () => {
    const client = wsClient(server);
    const run = (payload: { query: string; variables?: Record<string, unknown>; extensions?: Record<string, unknown> }) =>
      new Promise<any>((resolve) => {
        let first: unknown;
        client.subscribe(payload, { next: (result) => void (first ??= result), error: (errors) => resolve({ errors }), complete: () => resolve(first) });
      });
    const refused = await run({ query: KNOWN_CLIENT });
    expect(refused.errors[0].extensions.code).toBe('PERSISTED_QUERY_ONLY');
    const registered = await run({ query: '', variables: { id: meetingId }, extensions: persisted(displayHash) });
    expect(registered.errors).toBeUndefined();
    expect(registered.data.node.name).toContain('Digitalisierung');
    await client.dispose();
  });

  it('refuses to start with a registered document whose hash does not fit it', async () => {
    const forged = path.join(directory, 'forged.json');
    writeFileSync(forged, JSON.stringify({ [sha256(KNOWN_CLIENT)]: '{ persons(first: 100) { edges { node { name } } } }' }));
    // What createApp does at start, before it listens.
    expect(() => trustedDocuments({ only: true, file: forged })).toThrow(/SHA-256/);
  });
});

describe('HTTP caching of documents asked for by hash over GET', () => {
  const byHash = (document: string, variables?: Record<string, unknown>) =>
    `${server.url}/graphql?extensions=${encodeURIComponent(JSON.stringify(persisted(sha256(document))))}${variables ? `&variables=${encodeURIComponent(JSON.stringify(variables))}` : ''}`;
  const get = (url: string, headers: Record<string, string> = {}) => fetch(url, { headers });

  it('lets shared caches keep an answer without a token, with an ETag that answers 304', async () => {
    const url = byHash(MEETING_ITEMS, { id: meetingId });
    const first = await get(url);
    expect(first.status).toBe(200);
    expect((await first.json()).data.node.agendaItems.length).toBeGreaterThan(0);
    expect(first.headers.get('cache-control')).toBe('public, max-age=10');
    expect(first.headers.get('vary')).toMatch(/Authorization/);
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^W\/".+"$/);
    const again = await get(url, { 'if-none-match': etag });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    expect(again.headers.get('etag')).toBe(etag);
    // Other data, another tag.
    const other = await get(byHash(KNOWN_CLIENT), { 'if-none-match': etag });
    expect(other.status).toBe(200);
    expect(other.headers.get('etag')).not.toBe(etag);
  });

  it('never marks an answer to a token public, nor answers it 304 from the anonymous tag', async () => {
    const url = byHash(MEETING_ITEMS, { id: meetingId });
    const etag = (await get(url)).headers.get('etag')!;
    for (const roles of [['clerk'], ['member'], []] as const) {
      const token = await tokenFor([...roles]);
      const answer = await get(url, { authorization: `Bearer ${token}`, 'if-none-match': etag });
      expect(answer.status, roles.join()).toBe(200);
      expect(answer.headers.get('cache-control'), roles.join()).toBe('private, no-store');
      expect(answer.headers.get('etag')).toBeNull();
      expect(answer.headers.get('vary')).toMatch(/Authorization/);
      const { data } = await answer.json();
      expect(data.node.agendaItems.length).toBeGreaterThan(0);
    }
  });

  it('does not let caches keep errors, mutations or refusals', async () => {
    const answers = await Promise.all([
      get(byHash(MEETING_ITEMS, { id: globalIdOf('Meeting', '00000000-0000-4000-8000-000000000000') })),
      get(byHash(MEETING_ITEMS, { id: 'garbage' })),
      get(byHash(RENAME, { id: globalIdOf('Organization', seedIds.committee) })),
      get(byHash('{ unknown }')),
      get(`${server.url}/graphql?query=${encodeURIComponent(KNOWN_CLIENT)}`),
    ]);
    for (const answer of answers) {
      expect(answer.headers.get('cache-control'), `${answer.status} ${await answer.text()}`).toBe('private, no-store');
      expect(answer.headers.get('etag')).toBeNull();
    }
  });
});

describe('without TRUSTED_DOCUMENTS', () => {
  it('runs registered hashes and any other document', async () => {
    const byHash = await (await post(open, { variables: { id: meetingId }, extensions: persisted(displayHash) })).json();
    expect(byHash.data.node.name).toContain('Digitalisierung');
    const arbitrary = await (await post(open, { query: '{ bodies { name } }' })).json();
    expect(arbitrary.errors).toBeUndefined();
    const unknown = await (await post(open, { extensions: persisted(sha256('{ x }')) })).json();
    expect(unknown.errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');
  });
});
