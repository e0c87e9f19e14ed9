// The largest GraphQL request body (25 MB: uploads included), answered 413 as Yoga does. Yoga's
// own limit pipes every body through a stream that counts its bytes, and a fresh Request around
// it: a sixth of the CPU of a `{ __typename }` request. A body with a Content-Length needs no
// counting — Node's HTTP parser reads exactly that many bytes and refuses a request that has
// both a length and a chunked encoding — so only a chunked body is counted as it arrives.
import type { FetchAPI, Plugin } from 'graphql-yoga';
import { ApiError } from '../errors.js';

export const MAX_REQUEST_BYTES = 25_000_000;

// Yoga's answers, under every media type (no GraphQL request was read).
const tooLarge = () => new ApiError('REQUEST_ENTITY_TOO_LARGE', 'Request body too large', { http: { status: 413, spec: false } });
const badLength = () => new ApiError('BAD_REQUEST', 'Content-Length header is invalid.', { http: { status: 400, spec: false } });

/** The request with its body cut off by a 413 once more than `limit` bytes have arrived. */
function counted(request: Request, limit: number, fetchAPI: FetchAPI): Request {
  if (!request.body) return request;
  let bytes = 0;
  // As in Yoga: a native body stream needs the native TransformStream, not the ponyfill's.
  const Transform = request.body instanceof ReadableStream ? globalThis.TransformStream : fetchAPI.TransformStream;
  const body = request.body.pipeThrough(
    new Transform<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        bytes += chunk.byteLength;
        if (bytes > limit) controller.error(tooLarge());
        else controller.enqueue(chunk);
      },
    }),
  );
  return new fetchAPI.Request(request.url, { method: request.method, headers: request.headers, signal: request.signal, body, duplex: 'half' } as RequestInit);
}

/** Instead of Yoga's limit (`maxRequestBodySize: false`); after the plugins that choose the request parser. */
export function requestBodyLimit(limit = MAX_REQUEST_BYTES): Plugin {
  return {
    onRequestParse({ request, requestParser, setRequestParser, fetchAPI }) {
      const length = request.headers.get('content-length');
      if (length !== null) {
        if (!/^\d+$/.test(length)) throw badLength();
        if (Number(length) > limit) throw tooLarge();
        return;
      }
      if (requestParser && request.body) setRequestParser((chunked) => requestParser(counted(chunked, limit, fetchAPI)));
    },
  };
}
