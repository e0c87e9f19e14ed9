// Shared by the plain HTTP routes (files, PDF documents): who is asking, global IDs in paths.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Viewer } from '../access/viewer.js';
import type { Services } from '../services.js';
import { idOf } from '../schema/ids.js';
import { viewerFor } from './context.js';

/** The reader of the request's bearer token; answers 401 and returns undefined for a bad token. */
export async function routeViewer(services: Services, request: IncomingMessage, response: ServerResponse): Promise<Viewer | undefined> {
  try {
    return await viewerFor(services, request.headers.authorization);
  } catch {
    response.writeHead(401, { 'content-type': 'text/plain; charset=utf-8', 'www-authenticate': 'Bearer' }).end('Invalid token');
    return undefined;
  }
}

/** The UUID behind a global ID of the given type, or undefined (a path answers 404, not an error). */
export function uuidOf(globalId: string, typename: string): string | undefined {
  try {
    return idOf(decodeURIComponent(globalId), typename);
  } catch {
    return undefined;
  }
}

export function notFoundResponse(response: ServerResponse): true {
  response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not found');
  return true;
}
