// GET /meetings/<Meeting ID>/minutes.pdf — the minutes as PDF, for the reader of the request's
// bearer token (anonymous: the public minutes).
import type { Route } from '../server/route.js';
import { notFoundResponse, routeViewer, uuidOf } from '../server/route-helpers.js';
import { sendPdf } from '../documents/formats.js';
import { ApiError } from '../errors.js';
import { buildMinutes } from './minutes.js';

const PATH = /^\/meetings\/([^/?]+)\/minutes\.pdf(?:\?.*)?$/;

export const minutesPath = (meetingGlobalId: string) => `/meetings/${encodeURIComponent(meetingGlobalId)}/minutes.pdf`;

export const minutesPdfRoute: Route = async (request, response, services) => {
  const match = request.method === 'GET' ? PATH.exec(request.url ?? '') : null;
  if (!match) return false;
  const meetingId = uuidOf(match[1], 'Meeting');
  if (!meetingId) return notFoundResponse(response);
  const viewer = await routeViewer(services, request, response);
  if (!viewer) return true;
  const document = await buildMinutes(services.db.prisma, viewer, meetingId).catch((error: unknown) => {
    if (error instanceof ApiError && error.extensions.code === 'NOT_FOUND') return undefined;
    throw error;
  });
  if (!document) return notFoundResponse(response);
  await sendPdf(request, response, services.redis, document, 'Niederschrift.pdf');
  return true;
};
