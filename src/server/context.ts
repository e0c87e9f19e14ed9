// Builds the per-request context from an HTTP request (SSE included) or a WebSocket connection.
import { anonymous, viewerFromClaims, type Viewer } from '../access/viewer.js';
import type { Context } from '../schema/context.js';
import type { Services } from '../services.js';
import { unauthenticated } from '../errors.js';

function bearer(value: unknown): string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  const match = typeof value === 'string' ? /^Bearer\s+(\S+)$/i.exec(value.trim()) : null;
  if (!match) throw unauthenticated('The authorization must be "Bearer <token>".');
  return match[1];
}

export async function viewerFor(services: Services, authorization: unknown): Promise<Viewer> {
  const token = bearer(authorization);
  if (!token) return anonymous;
  return viewerFromClaims(services.db.prisma, await services.verifyToken(token));
}

const requestViewers = new WeakMap<Request, Promise<Viewer>>();

/** The viewer of an HTTP (or SSE) request, made once per request: the response cache asks first. */
export function requestViewer(services: Services, request: Request): Promise<Viewer> {
  let viewer = requestViewers.get(request);
  if (!viewer) requestViewers.set(request, (viewer = viewerFor(services, request.headers.get('authorization'))));
  return viewer;
}

export function contextFactory(services: Services) {
  return async (initial: { request?: Request; viewer?: Viewer }): Promise<Context> => {
    // A WebSocket's viewer is made once, at connection_init (./websocket.ts); HTTP and SSE
    // requests carry the header.
    const viewer = initial.viewer ?? (initial.request ? await requestViewer(services, initial.request) : await viewerFor(services, undefined));
    return { prisma: services.db.prisma, viewer, services };
  };
}
