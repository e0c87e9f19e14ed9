// Shared by the plain HTTP routes (files, PDF documents): who is asking, global IDs in paths,
// and refusals as JSON shaped like a GraphQL error, with the same codes.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Viewer } from '../access/viewer.js';
import type { ErrorCode } from '../errors.js';
import type { Services } from '../services.js';
import { idOf } from '../global-id.js';
import { viewerFor } from './context.js';

/** The reader of the request's bearer token; answers 401 and returns undefined for a bad token. */
export async function routeViewer(services: Services, request: IncomingMessage, response: ServerResponse): Promise<Viewer | undefined> {
  try {
    return await viewerFor(services, request.headers.authorization);
  } catch {
    sendError(response, 401, 'UNAUTHENTICATED', 'The token is invalid or has expired.', { 'www-authenticate': 'Bearer' });
    return undefined;
  }
}

/** The UUID behind a global ID of the given type, or undefined (a path answers 404, not an error). */
export function uuidOf(globalId: string | undefined, typename: string): string | undefined {
  if (globalId === undefined) return undefined;
  try {
    return idOf(decodeURIComponent(globalId), typename, 'path');
  } catch {
    return undefined;
  }
}

/** `{"errors":[{"message", "extensions":{"code"}}]}`, as a GraphQL client reads errors. */
export function sendError(response: ServerResponse, status: number, code: ErrorCode, message: string, headers: Record<string, string> = {}): true {
  const body = JSON.stringify({ errors: [{ message, extensions: { code } }] });
  response.writeHead(status, { ...headers, 'content-type': 'application/json; charset=utf-8' }).end(body);
  return true;
}

export const notFoundResponse = (response: ServerResponse) => sendError(response, 404, 'NOT_FOUND', 'Not found.');

/** An entity tag without its weakness mark, for the weak comparison of RFC 9110 §8.8.3.2. */
export const opaque = (etag: string) => etag.replace(/^W\//, '');

/**
 * Conditional GET: whether the client's copy is current. If-None-Match wins over
 * If-Modified-Since and is compared weakly, as RFC 9110 wants for it.
 */
export function notModified(request: IncomingMessage, etag: string, modified?: Date): boolean {
  const ifNoneMatch = request.headers['if-none-match'];
  if (ifNoneMatch) return ifNoneMatch.split(',').some((tag) => tag.trim() === '*' || opaque(tag.trim()) === opaque(etag));
  const since = Date.parse(request.headers['if-modified-since'] ?? '');
  // HTTP dates have whole seconds.
  return Boolean(modified) && !Number.isNaN(since) && Math.floor(modified!.getTime() / 1000) * 1000 <= since;
}
