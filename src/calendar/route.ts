// GET /calendar.ics — the public meetings as iCalendar; GET /calendar/<token>.ics — a member's
// personal feed, which adds the non-public part the member may read. Both take
// organizationId=<ID>, meetingId=<ID>, from=YYYY-MM-DD and to=YYYY-MM-DD (days in Europe/Berlin,
// both included); without from, to and meetingId the feed starts a year back. ETag and If-None-Match.
import { createHash } from 'node:crypto';
import { DateTime } from 'luxon';
import type { PrismaClient } from '../generated/prisma/client.js';
import type { Route } from '../server/route.js';
import { notModified, sendError } from '../server/route-helpers.js';
import { anonymous, type Viewer } from '../access/viewer.js';
import { readable } from '../access/visibility.js';
import { ApiError, badInput, notFound } from '../errors.js';
import { globalIdOf, idOf } from '../global-id.js';
import { parseIsoDate } from '../iso-dates.js';
import { BODY_TIME_ZONE } from '../oparl/local-time.js';
import { calendarFeed, type FeedFilter } from './feed.js';
import { calendarTokenHolder } from './tokens.js';

export const PUBLIC_FEED_PATH = '/calendar.ics';
const PERSONAL_FEED = /^\/calendar\/([^/]+)\.ics$/;

/** The feed of one meeting (Meeting.calendarUrl): subscribed, it follows changes and a cancellation. */
export const meetingFeedPath = (meetingId: string) => `${PUBLIC_FEED_PATH}?${new URLSearchParams({ meetingId: globalIdOf('Meeting', meetingId) })}`;

const startOfDay = (day: Date) => DateTime.fromISO(day.toISOString().slice(0, 10), { zone: BODY_TIME_ZONE }).toJSDate();

function dayParam(params: URLSearchParams, name: 'from' | 'to'): Date | undefined {
  const value = params.get(name);
  if (value === null) return undefined;
  const day = parseIsoDate(value);
  if (!day) throw badInput(`${name} must be a calendar day YYYY-MM-DD.`, name);
  return day;
}

/** The filter of the query string, with the name of the calendar; ApiError for a bad or unknown parameter. */
async function parseFilter(prisma: PrismaClient, viewer: Viewer, params: URLSearchParams): Promise<{ filter: FeedFilter; name: string }> {
  const [organization, meeting] = [params.get('organizationId'), params.get('meetingId')];
  const filter: FeedFilter = {
    organizationId: organization === null ? undefined : idOf(organization, 'Organization', 'organizationId'),
    meetingId: meeting === null ? undefined : idOf(meeting, 'Meeting', 'meetingId'),
  };
  const [from, to] = [dayParam(params, 'from'), dayParam(params, 'to')];
  if (from && to && to < from) throw badInput('to must not be before from.', 'to');
  const aYearBack = DateTime.now().setZone(BODY_TIME_ZONE).startOf('day').minus({ years: 1 }).toJSDate();
  filter.from = from ? startOfDay(from) : to || filter.meetingId ? undefined : aYearBack;
  filter.before = to ? DateTime.fromJSDate(startOfDay(to), { zone: BODY_TIME_ZONE }).plus({ days: 1 }).toJSDate() : undefined;
  let name = 'Sitzungen';
  if (filter.organizationId) {
    const found = await prisma.organization.findFirst({ where: { id: filter.organizationId, ...readable.organization(viewer) }, select: { name: true } });
    if (!found) throw notFound('Organization');
    name = `Sitzungen: ${found.name}`;
  }
  if (filter.meetingId && !(await prisma.meeting.findFirst({ where: { id: filter.meetingId, ...readable.meeting(viewer) }, select: { id: true } }))) {
    throw notFound('Meeting');
  }
  return { filter, name };
}

export const calendarRoute: Route = async (request, response, services) => {
  if (request.method !== 'GET' && request.method !== 'HEAD') return false;
  const url = new URL(request.url ?? '/', 'http://localhost');
  const personal = PERSONAL_FEED.exec(url.pathname);
  if (url.pathname !== PUBLIC_FEED_PATH && !personal) return false;
  const { prisma } = services.db;

  let viewer = anonymous;
  if (personal) {
    const holder = await calendarTokenHolder(prisma, personal[1] ?? '');
    if ('refused' in holder) {
      return holder.refused === 'revoked'
        ? sendError(response, 401, 'UNAUTHENTICATED', 'This calendar link was revoked; create a new one with createCalendarToken.')
        : sendError(response, 404, 'NOT_FOUND', 'There is no calendar link with this token.');
    }
    viewer = holder.viewer;
  }
  let body: string;
  try {
    const { filter, name } = await parseFilter(prisma, viewer, url.searchParams);
    body = await calendarFeed(prisma, viewer, filter, { publicUrl: services.config.publicUrl, name: personal ? `${name} (persönlich)` : name });
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    const code = error.extensions.code === 'NOT_FOUND' ? 'NOT_FOUND' : 'BAD_USER_INPUT';
    return sendError(response, code === 'NOT_FOUND' ? 404 : 400, code, error.message);
  }
  const etag = `"${createHash('sha256').update(body).digest('base64url')}"`;
  // Revalidated on every fetch; a personal feed is for its member's calendar only.
  const headers = { etag, 'cache-control': `${personal ? 'private' : 'public'}, no-cache` };
  if (notModified(request, etag)) {
    response.writeHead(304, headers).end();
    return true;
  }
  response.writeHead(200, { ...headers, 'content-type': 'text/calendar; charset=utf-8', 'x-content-type-options': 'nosniff' }).end(body);
  return true;
};
