// The meetings as iCalendar (RFC 5545), written by ical-generator: one VEVENT per meeting, in
// Europe/Berlin with its VTIMEZONE. What a reader sees of the agenda is decided by
// src/access/visibility.ts: the titles of the items whose details the reader may read — for
// anyone the public part, for members of the meeting's organizations also the non-public part.
import ical, { ICalEventStatus } from 'ical-generator';
import { getVtimezoneComponent } from '@touch4it/ical-timezones';
import { DateTime } from 'luxon';
import type { PrismaClient, Prisma } from '../generated/prisma/client.js';
import type { Viewer } from '../access/viewer.js';
import { itemDetailsWhere, readable } from '../access/visibility.js';
import { globalIdOf } from '../global-id.js';
import { BODY_TIME_ZONE } from '../oparl/local-time.js';

export interface FeedFilter {
  organizationId?: string;
  meetingId?: string;
  /** Meetings starting at or after this instant. */
  from?: Date;
  /** Meetings starting before this instant. */
  before?: Date;
}

/** How often calendar apps should fetch the feed again (REFRESH-INTERVAL, X-PUBLISHED-TTL). */
const REFRESH_SECONDS = 3600;

const inBerlin = (instant: Date) => DateTime.fromJSDate(instant, { zone: BODY_TIME_ZONE });

/** The address as one line: "Kreishaus, Raum 1.101, Düsseldorfer Str. 26, 40822 Mettmann". */
function locationLine(location: { description: string | null; room: string | null; streetAddress: string | null; postalCode: string | null; locality: string | null } | null): string | null {
  if (!location) return null;
  const town = [location.postalCode, location.locality].filter(Boolean).join(' ');
  return [location.description, location.room, location.streetAddress, town].filter(Boolean).join(', ') || null;
}

/** The room display of a meeting (web/src/live.ts): the meeting's page. */
const meetingPageUrl = (publicUrl: string, meetingId: string) => `${publicUrl}/live/${encodeURIComponent(globalIdOf('Meeting', meetingId))}`;

export async function calendarFeed(prisma: PrismaClient, viewer: Viewer, filter: FeedFilter, options: { publicUrl: string; name: string }): Promise<string> {
  const where: Prisma.MeetingWhereInput = {
    ...readable.meeting(viewer),
    start: { not: null, gte: filter.from, lt: filter.before },
    ...(filter.meetingId ? { id: filter.meetingId } : {}),
    ...(filter.organizationId ? { organizations: { some: { organizationId: filter.organizationId } } } : {}),
  };
  const meetings = await prisma.meeting.findMany({
    where,
    orderBy: [{ start: 'asc' }, { id: 'asc' }],
    select: {
      id: true,
      name: true,
      start: true,
      end: true,
      closedAt: true,
      cancelled: true,
      modified: true,
      calendarSequence: true,
      location: true,
      agendaItems: {
        where: { AND: [readable.agendaItem(viewer), itemDetailsWhere(viewer)] },
        orderBy: { order: 'asc' },
        select: { number: true, name: true, public: true },
      },
    },
  });

  const calendar = ical({
    name: options.name,
    prodId: { company: 'council-api', product: 'calendar', language: 'DE' },
    // Event times carry TZID=Europe/Berlin; the generator writes its VTIMEZONE once.
    timezone: { name: null, generator: getVtimezoneComponent },
    ttl: REFRESH_SECONDS,
  });
  for (const meeting of meetings) {
    const start = meeting.start;
    if (!start) continue; // not selected (see where)
    const end = meeting.closedAt ?? meeting.end;
    const agenda = meeting.agendaItems.map((item) => `${item.number ? `TOP ${item.number} ` : ''}${item.name}${item.public ? '' : ' (nichtöffentlich)'}`);
    calendar.createEvent({
      id: meeting.id,
      // Raised by the database whenever what is shown here changes (migration calendar_feeds).
      sequence: meeting.calendarSequence,
      // Without METHOD, DTSTAMP is when the information last changed (RFC 5545 3.8.7.2); a
      // meeting's `modified` moves with its agenda items (migration oparl_modified_propagation).
      stamp: meeting.modified,
      timezone: BODY_TIME_ZONE,
      start: inBerlin(start),
      end: end && end > start ? inBerlin(end) : null,
      summary: meeting.name,
      location: locationLine(meeting.location),
      description: agenda.length ? `Tagesordnung:\n${agenda.join('\n')}` : null,
      url: meetingPageUrl(options.publicUrl, meeting.id),
      status: meeting.cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    });
  }
  return calendar.toString();
}
