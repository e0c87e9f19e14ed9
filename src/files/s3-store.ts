// The file store in an S3-compatible bucket (AWS S3, MinIO, Ceph, …): plain fetch with requests
// signed by AWS Signature Version 4 — three object calls do not warrant the AWS SDK.
// https://docs.aws.amazon.com/AmazonS3/latest/API/sig-v4-header-based-auth.html
import { createHash, createHmac } from 'node:crypto';
import { Readable } from 'node:stream';
import type { ReadableStream } from 'node:stream/web';
import type { S3Settings } from '../config.js';
import { assertStorageKey, type FileStore } from './store.js';

const sha256 = (data: string | Uint8Array) => createHash('sha256').update(data).digest('hex');
const hmac = (key: string | Buffer, data: string) => createHmac('sha256', key).update(data).digest();

export function s3Store(settings: S3Settings): FileStore {
  const { endpoint, bucket, region, accessKeyId, secretAccessKey, forcePathStyle } = settings;

  const base = new URL(endpoint);
  if (!forcePathStyle) base.hostname = `${bucket}.${base.hostname}`;
  const prefix = `${base.pathname.replace(/\/$/, '')}${forcePathStyle ? `/${bucket}` : ''}`;
  const urlOf = (key: string) => {
    assertStorageKey(key);
    return new URL(`${prefix}/${key}`, base);
  };

  /** One signed request; the headers signed are those S3 requires (host, content hash, date). */
  const send = (method: 'GET' | 'HEAD' | 'PUT', key: string, body?: Uint8Array) => {
    const url = urlOf(key);
    const amzDate = new Date().toISOString().replace(/[-:]|\.\d{3}/g, ''); // 20240521T120000Z
    const date = amzDate.slice(0, 8);
    const sent = { 'x-amz-content-sha256': sha256(body ?? ''), 'x-amz-date': amzDate };
    // fetch sends Host itself, with this value; names lower case and sorted, as SigV4 wants.
    const signed: Record<string, string> = { host: url.host, ...sent };
    const signedHeaders = Object.keys(signed).join(';');
    const canonicalRequest = [
      method,
      url.pathname, // URL has percent-encoded it; keys are hex anyway
      '', // no query
      ...Object.entries(signed).map(([name, value]) => `${name}:${value}`),
      '',
      signedHeaders,
      sent['x-amz-content-sha256'],
    ].join('\n');
    const scope = `${date}/${region}/s3/aws4_request`;
    const stringToSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha256(canonicalRequest)].join('\n');
    const signingKey = ['s3', 'aws4_request'].reduce(hmac, hmac(hmac(`AWS4${secretAccessKey}`, date), region));
    const signature = createHmac('sha256', signingKey).update(stringToSign).digest('hex');
    return fetch(url, {
      method,
      // The type forbids views of shared memory; the bytes of an upload are an ordinary ArrayBuffer.
      body: body as Uint8Array<ArrayBuffer> | undefined,
      headers: { ...sent, authorization: `AWS4-HMAC-SHA256 Credential=${accessKeyId}/${scope}, SignedHeaders=${signedHeaders}, Signature=${signature}` },
    });
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
  };
}
