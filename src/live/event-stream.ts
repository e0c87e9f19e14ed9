// One subscriber's view of a meeting's events: replay from the database after a cursor, then the
// live feed, each event exactly once and in order — an event that arrives ahead of a gap (a lost
// notice, a reconnect) makes the stream read the missing ones from the database first.
// Only events of the viewer's audience (./audience.ts) that the viewer may see are passed on, each
// with its number in that audience's numbering, which is also what the cursor counts. The buffer per subscriber is bounded: a client
// that does not keep up is closed with SUBSCRIBER_TOO_SLOW (it can resume with its cursor), and a
// token that expires ends the stream with UNAUTHENTICATED. Both arrive as the last item, an error.
import { Repeater } from 'graphql-yoga';
import type { PrismaClient } from '../generated/prisma/client.js';
import { mayReadItemEvent } from '../access/visibility.js';
import type { Viewer } from '../access/viewer.js';
import { ApiError, unauthenticated } from '../errors.js';
import { positionIn, type EventAudience } from './audience.js';
import { headOf, loadEvents, type StoredEvent } from './event-log.js';
import type { MeetingFeeds } from './meeting-feed.js';

export interface StreamOptions {
  prisma: PrismaClient;
  feeds: MeetingFeeds;
  meetingId: string;
  viewer: Viewer;
  /** The viewer's audience for this meeting: whose numbering `after` and the delivered events are in. */
  audience: EventAudience;
  /** Replay the stored events after this number first (for "from now": the head read before subscribing), then go on live. */
  after: number;
  /** Events that may wait for the subscriber before it is ended as too slow (Limits.subscriberMaxPendingEvents). */
  maxPendingEvents: number;
}

/** An event as one audience reads it. */
export type AudienceEvent = StoredEvent & { audience: EventAudience; position: number };

/**
 * What a live subscription field streams: the events of a meeting as the viewer's audience reads
 * them, from `after` (undefined: from now), as the field's values. Delivered shared with the
 * subscribers of the same group (./subscription-groups.ts); the stream below serves a field of
 * its own reading (the speakers' list).
 */
export interface LiveSource<T> {
  meetingId: string;
  audience: EventAudience;
  after?: number;
  /** A first value, before any event. */
  initial?: () => T;
  /** The field's value for an event; undefined: the field does not report it. */
  valueOf(event: AudienceEvent): T | undefined;
}

export function meetingEventStream(options: StreamOptions): AsyncIterable<AudienceEvent | ApiError> {
  const { prisma, feeds, meetingId, viewer, audience } = options;
  return new Repeater<AudienceEvent | ApiError>(async (push, stop) => {
    const waiting: StoredEvent[] = [];
    let overflow = false;
    let expired = false;
    let wake = () => {};
    const unsubscribe = await feeds.subscribe(meetingId, (events) => {
      waiting.push(...events);
      if (waiting.length > options.maxPendingEvents) overflow = true;
      wake();
    });
    const expiry = viewer.expiresAt
      ? setTimeout(() => {
          expired = true;
          wake();
        }, Math.max(0, viewer.expiresAt.getTime() - Date.now()))
      : undefined;
    let stopped = false;
    void stop.then(() => {
      stopped = true;
      wake();
    });

    // Counted in the audience's numbering; the events of other audiences pass by uncounted.
    let delivered = options.after;
    const deliver = async (event: StoredEvent, position: number) => {
      delivered = position;
      if (mayReadItemEvent(viewer, event.item)) await push({ ...event, audience, position });
    };
    /** Reads (delivered, upTo] from the database, in pages. */
    const fill = async (upTo: number) => {
      while (!stopped && delivered < upTo) {
        const events = await loadEvents(prisma, meetingId, { audience, after: delivered, upTo });
        if (!events.length) break;
        for (const event of events) if (!stopped) await deliver(event, positionIn(audience, event)!);
      }
    };

    try {
      await fill(await headOf(prisma, meetingId, audience));
      while (!stopped) {
        if (expired) {
          await push(unauthenticated('The token has expired; subscribe again with a new one.'));
          break;
        }
        if (overflow) {
          await push(new ApiError('SUBSCRIBER_TOO_SLOW', 'Too many events are waiting for this subscriber; resume with the last cursor.'));
          break;
        }
        const event = waiting.shift();
        if (!event) {
          await new Promise<void>((resolve) => (wake = resolve));
          continue;
        }
        const position = positionIn(audience, event);
        if (position === null || position <= delivered) continue;
        await fill(position - 1);
        await deliver(event, position);
      }
    } finally {
      clearTimeout(expiry);
      unsubscribe();
    }
    stop();
  });
}
