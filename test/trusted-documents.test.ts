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
import { startTestServer, type TestServer } from './support/server.js';
import { wsClient } from './support/live.js';

const KNOWN_CLIENT = 'query CommitteeNames { organizations(first: 50) { edges { node { name } } } }';
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const directory = mkdtempSync(path.join(tmpdir(), 'trusted-'));
const clientsFile = path.join(directory, 'clients.json');
writeFileSync(clientsFile, JSON.stringify({ [sha256(KNOWN_CLIENT)]: KNOWN_CLIENT }));

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
