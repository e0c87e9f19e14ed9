// Files in an S3-compatible bucket (S3_BUCKET): s3rver stands in for S3 and, like S3, refuses
// requests whose Signature Version 4 does not match (its fixed key pair is S3RVER/S3RVER).
import { createHash } from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { text } from 'node:stream/consumers';
import S3rver from '@20minutes/s3rver';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadConfig, type S3Settings } from '../../src/config.js';
import { s3Store } from '../../src/files/s3-store.js';
import { localUrl, uploadFile } from '../support/files.js';
import { startTestServer, tokenFor, type TestServer } from '../support/server.js';
import { only } from '../support/indexing.js';

let s3: S3rver;
let s3Directory: string;
let settings: S3Settings;
let server: TestServer;
let clerk: string;

beforeAll(async () => {
  s3Directory = await mkdtemp(path.join(tmpdir(), 'council-s3-'));
  s3 = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory: s3Directory, configureBuckets: [{ name: 'council-files' }] });
  const { port } = await s3.run();
  settings = {
    endpoint: `http://127.0.0.1:${port}`,
    bucket: 'council-files',
    region: 'us-east-1',
    accessKeyId: 'S3RVER',
    secretAccessKey: 'S3RVER',
    forcePathStyle: true,
  };
  server = await startTestServer({ s3: settings });
  clerk = await tokenFor(['clerk']);
});
afterAll(async () => {
  await server?.stop();
  await s3?.close();
  await rm(s3Directory, { recursive: true, force: true });
});

/** The bucket's objects (key and last modification), by an anonymous ListObjectsV2. */
async function objects() {
  const xml = await (await fetch(`${settings.endpoint}/${settings.bucket}?list-type=2`)).text();
  return [...xml.matchAll(/<Contents>.*?<Key>([^<]+)<\/Key>.*?<LastModified>([^<]+)<\/LastModified>/gs)].map(([, key, modified]) => ({ key, modified }));
}

it('stores an upload in the bucket under its SHA-512, once, and serves it from there', async () => {
  const bytes = new TextEncoder().encode('Protokoll der Sitzung im Eimer: Stichwort Bucket-Brigade.');
  const sha512 = createHash('sha512').update(bytes).digest('hex');

  const first = await uploadFile(server, bytes, 'protokoll.txt', {}, clerk);
  expect(first.errors).toBeUndefined();
  expect(first.data!.uploadFile.sha512Checksum).toBe(sha512);
  const stored = await objects();
  expect(stored.map(({ key }) => key)).toEqual([sha512]);
  expect(await text((await s3Store(settings).open(sha512))!)).toBe(new TextDecoder().decode(bytes));

  const download = await fetch(localUrl(server, first.data!.uploadFile.downloadUrl));
  expect(download.status).toBe(200);
  expect(Buffer.from(await download.arrayBuffer()).equals(Buffer.from(bytes))).toBe(true);

  // The same bytes again: a second File record, the same object, not written again.
  const second = await uploadFile(server, bytes, 'kopie.txt', {}, clerk);
  expect(second.errors).toBeUndefined();
  expect(second.data!.uploadFile.id).not.toBe(first.data!.uploadFile.id);
  expect(await objects()).toEqual(stored);
});

it('reports an unknown key as missing and a bad signature as an error without credentials', async () => {
  const unknown = 'f'.repeat(128);
  expect(await s3Store(settings).open(unknown)).toBeUndefined();
  const wrongSecret = s3Store({ ...settings, secretAccessKey: 'not-the-secret' });
  await expect(wrongSecret.open(unknown)).rejects.toThrow(/^S3 GET council-files\/f+ failed: 403 SignatureDoesNotMatch$/);
});

it('is configured from the environment: S3_BUCKET switches it on, and then needs credentials', () => {
  expect(loadConfig({}).s3).toBeUndefined();
  expect(loadConfig({ S3_BUCKET: 'akten', S3_ACCESS_KEY_ID: 'id', S3_SECRET_ACCESS_KEY: 'secret' }).s3).toEqual({
    endpoint: 'https://s3.us-east-1.amazonaws.com',
    bucket: 'akten',
    region: 'us-east-1',
    accessKeyId: 'id',
    secretAccessKey: 'secret',
    forcePathStyle: true,
  });
  expect(() => loadConfig({ S3_BUCKET: 'akten' })).toThrow(/S3_ACCESS_KEY_ID/);
  const credentials = { S3_BUCKET: 'akten', S3_ACCESS_KEY_ID: 'id', S3_SECRET_ACCESS_KEY: 'secret' };
  expect(loadConfig({ ...credentials, AWS_SESSION_TOKEN: 'von-sts' }).s3!.sessionToken).toBe('von-sts');
  expect(loadConfig({ ...credentials, AWS_SESSION_TOKEN: 'von-sts', S3_SESSION_TOKEN: 'eigenes' }).s3!.sessionToken).toBe('eigenes');
});

/** A stand-in endpoint that records each request's headers and answers with `answer` (or never). */
async function endpoint(answer?: { status: number }) {
  const seen: IncomingHttpHeaders[] = [];
  const http = createServer((request, response) => {
    seen.push(request.headers);
    if (answer) response.writeHead(answer.status).end();
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  return {
    seen,
    settings: { ...settings, endpoint: `http://127.0.0.1:${(http.address() as AddressInfo).port}` },
    close: () => {
      http.closeAllConnections();
      return new Promise((resolve) => http.close(resolve));
    },
  };
}

it('signs the session token of temporary credentials into every request', async () => {
  const stand = await endpoint({ status: 404 });
  try {
    expect(await s3Store({ ...stand.settings, sessionToken: 'FwoGZXIvYXdzEXAMPLE' }).open('e'.repeat(128))).toBeUndefined();
    expect(stand.seen).toHaveLength(1);
    expect(only(stand.seen)['x-amz-security-token']).toBe('FwoGZXIvYXdzEXAMPLE');
    expect(only(stand.seen).authorization).toMatch(/SignedHeaders=[^,]*x-amz-security-token/);
  } finally {
    await stand.close();
  }
});

it('gives up on an endpoint that does not answer, with an error naming the call', async () => {
  const stand = await endpoint();
  try {
    const store = s3Store(stand.settings, { timeoutMs: 300 });
    await expect(store.open('d'.repeat(128))).rejects.toThrow(/^S3 GET council-files\/d+ failed: no answer within 300 ms$/);
    await expect(store.put('d'.repeat(128), new Uint8Array([1]))).rejects.toThrow(/^S3 HEAD council-files\/d+ failed: no answer within 300 ms$/);
  } finally {
    await stand.close();
  }
});
