// The file store in an S3-compatible bucket (AWS S3, MinIO, Ceph, …): three object calls (HEAD, PUT,
// GET) over fetch, signed with Signature Version 4 by aws4fetch — session tokens included, so
// temporary credentials (STS, instance roles) work — and each bounded by a timeout.
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import type { ReadableStream } from 'node:stream/web';
import { AwsClient } from 'aws4fetch';
import type { S3Settings } from '../config.js';
import { assertStorageKey, type FileStore } from './store.js';

export interface S3Options {
  /** How long a call may take until the response headers arrive; a GET's body then streams at the reader's pace. */
  timeoutMs?: number;
}

export function s3Store(settings: S3Settings, { timeoutMs = 30_000 }: S3Options = {}): FileStore {
  const { endpoint, bucket, region, accessKeyId, secretAccessKey, sessionToken, forcePathStyle } = settings;
  // No retries of our own: a failed call fails the upload or download that made it, visibly.
  const client = new AwsClient({ accessKeyId, secretAccessKey, sessionToken, service: 's3', region, retries: 0 });

  const base = new URL(endpoint);
  if (!forcePathStyle) base.hostname = `${bucket}.${base.hostname}`;
  const prefix = `${base.pathname.replace(/\/$/, '')}${forcePathStyle ? `/${bucket}` : ''}`;
  const urlOf = (key: string) => {
    assertStorageKey(key);
    return new URL(`${prefix}/${key}`, base);
  };

  const send = async (method: 'GET' | 'HEAD' | 'PUT', key: string, body?: Uint8Array) => {
    const url = urlOf(key);
    const timeout = new AbortController();
    const timer = setTimeout(() => timeout.abort(new Error(`S3 ${method} ${bucket}/${key} failed: no answer within ${timeoutMs} ms`)), timeoutMs);
    try {
      return await client.fetch(url, {
        method,
        // The type forbids views of shared memory; the bytes of an upload are an ordinary ArrayBuffer.
        body: body as Uint8Array<ArrayBuffer> | undefined,
        // The payload's hash is signed, so S3 refuses a body altered on the way.
        headers: body ? { 'x-amz-content-sha256': createHash('sha256').update(body).digest('hex') } : undefined,
        signal: timeout.signal,
      });
    } finally {
      clearTimeout(timer);
    }
  };

  /** The status and S3 error code; never the request's headers (they hold the key id). */
  const failure = async (response: Response, method: string, key: string) => {
    const code = /<Code>([^<]*)<\/Code>/.exec(await response.text())?.[1];
    return new Error(`S3 ${method} ${bucket}/${key} failed: ${response.status}${code ? ` ${code}` : ''}`);
  };

  return {
    async put(key, data) {
      // Content-addressed: an object under this key already holds these bytes.
      const head = await send('HEAD', key);
      if (head.ok) return;
      if (head.status !== 404) throw await failure(head, 'HEAD', key);
      const put = await send('PUT', key, data);
      if (!put.ok) throw await failure(put, 'PUT', key);
      await put.body?.cancel();
    },
    async open(key) {
      const response = await send('GET', key);
      if (response.status === 404) {
        await response.body?.cancel();
        return undefined;
      }
      if (!response.ok || !response.body) throw await failure(response, 'GET', key);
      return Readable.fromWeb(response.body as ReadableStream<Uint8Array>);
    },
    async close() {},
  };
}
