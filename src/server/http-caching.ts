// HTTP caching of trusted documents asked for over GET (`/graphql?extensions=…`): the answer to a
// registered query is the same for every reader without a token, so a shared cache (a reverse
// proxy, a CDN) may keep it for HTTP_CACHE_MAX_AGE seconds; its ETag lets a client ask again with
// If-None-Match and get 304. Any other GET answer — with a token, with an error, a stream, an
// arbitrary document — is `private, no-store`, and all of them vary by Authorization, so that no
// cache ever hands a clerk's answer to someone else. POST answers are not cached by HTTP caches.
import { createHash } from 'node:crypto';
import { isAsyncIterable, type Plugin } from 'graphql-yoga';

const NOT_CACHEABLE = 'private, no-store';

/** A registered document asked for by its hash alone (src/server/trusted-documents.ts). */
function asksForTrustedDocument(url: URL): boolean {
  if (url.searchParams.has('query')) return false;
  return url.searchParams.get('extensions')?.includes('persistedQuery') ?? false;
}

/** If-None-Match names this entity tag or `*` (the weak comparison: W/ does not count). */
const opaque = (tag: string) => tag.trim().replace(/^W\//, '');
const matches = (ifNoneMatch: string | null, etag: string) => ifNoneMatch?.split(',').some((tag) => tag.trim() === '*' || opaque(tag) === opaque(etag)) ?? false;

export function httpCaching(maxAgeSeconds: number): Plugin {
  /** The entity tag of each GET answer that shared caches may keep. */
  const cacheable = new WeakMap<Request, string>();
  const headersOf = (etag: string) => ({ 'cache-control': `public, max-age=${maxAgeSeconds}`, etag });
  return {
    onResultProcess({ request, result, setResultProcessor }) {
      if (request.method !== 'GET' || maxAgeSeconds === 0 || request.headers.has('authorization')) return;
      if (!asksForTrustedDocument(new URL(request.url)) || isAsyncIterable(result) || Array.isArray(result)) return;
      if (result.errors?.length || !result.data) return;
      // Weak: the same data, not necessarily the same bytes.
      const etag = `W/"${createHash('sha256').update(JSON.stringify(result.data)).digest('base64url')}"`;
      cacheable.set(request, etag);
      if (matches(request.headers.get('if-none-match'), etag)) {
        setResultProcessor((_result, fetchAPI) => new fetchAPI.Response(null, { status: 304, headers: headersOf(etag) }), 'application/json');
      }
    },
    onResponse({ request, response }) {
      if (request.method !== 'GET') return;
      const vary = response.headers.get('vary');
      if (!vary?.toLowerCase().includes('authorization')) response.headers.set('vary', vary ? `${vary}, Authorization` : 'Authorization');
      const etag = cacheable.get(request);
      if (etag && (response.status === 200 || response.status === 304)) {
        for (const [name, value] of Object.entries(headersOf(etag))) response.headers.set(name, value);
      } else {
        response.headers.set('cache-control', NOT_CACHEABLE);
        response.headers.delete('etag');
      }
    },
  };
}
