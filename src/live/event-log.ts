// The meeting's event log. Every change of a running meeting goes through `changeMeeting`: it
// locks the meeting row, lets the change append its events with the next sequence numbers, and
// commits change and events together; only after the commit is the new sequence announced on
// pub/sub. So an event is stored if and only if its change is, and sequence numbers have no gaps.
import type { Prisma, PrismaClient } from '../generated/prisma/client.js';
import type { MeetingState } from '../generated/prisma/enums.js';
import type { ItemScope } from '../access/visibility.js';
import { notFound } from '../errors.js';
import { sequenceColumn, type EventAudience, type MeetingScope } from './audience.js';
import { agendaItemIdOf, parseEvent, type EventData, type EventKind } from './events.js';
import type { PubSub } from './pubsub.js';

/** What the live layer needs: the database and where to announce new events. */
export interface LiveDependencies {
  prisma: PrismaClient;
  pubsub: Pick<PubSub, 'publish'>;
}

export type StoredEvent = EventData & {
  meetingId: string;
  sequence: number;
  /** Number among the public events (see ./audience.ts); null for an event of a non-public item. */
  publicSequence: number | null;
  occurredAt: Date;
  meeting: MeetingScope;
  /** The agenda item the event concerns, for the visibility check; null for meeting-wide events. */
  item: ItemScope | null;
  /**
   * Records re-read for this event, by query: one event object goes to all subscribers of an
   * instance, so a thousand subscribers asking the same question cause one read, not a thousand.
   * The key holds the whole query, including the viewer-dependent filters of nested relations.
   */
  reads: Map<string, Promise<unknown>>;
};

export interface LockedMeeting {
  id: string;
  meetingState: MeetingState;
  cancelled: boolean;
  eventSequence: number;
  publicEventSequence: number;
}

export interface MeetingLog {
  meeting: LockedMeeting;
  /** Appends the events in order. */
  append(...events: EventData[]): Promise<void>;
}

// Ballots of a large committee queue up behind the meeting row lock: wait rather than fail.
const TRANSACTION_OPTIONS = { maxWait: 60_000, timeout: 30_000 };

export async function changeMeeting<T>(
  { prisma, pubsub }: LiveDependencies,
  meetingId: string,
  change: (tx: Prisma.TransactionClient, log: MeetingLog) => Promise<T>,
): Promise<T> {
  let published = 0;
  const result = await prisma.$transaction(async (tx) => {
    const [meeting] = await tx.$queryRaw<LockedMeeting[]>`
      SELECT id::text AS id, "meetingState"::text AS "meetingState", cancelled, "eventSequence", "publicEventSequence"
      FROM "Meeting" WHERE id = ${meetingId}::uuid AND NOT deleted FOR UPDATE`;
    if (!meeting) throw notFound('Meeting');
    let sequence = meeting.eventSequence;
    let publicSequence = meeting.publicEventSequence;
    const publicItems = new Map<string, boolean>();
    const isPublic = async (agendaItemId: string | undefined) => {
      if (agendaItemId === undefined) return true;
      if (!publicItems.has(agendaItemId)) {
        const item = await tx.agendaItem.findUniqueOrThrow({ where: { id: agendaItemId }, select: { public: true } });
        publicItems.set(agendaItemId, item.public);
      }
      return publicItems.get(agendaItemId);
    };
    const log: MeetingLog = {
      meeting,
      append: async (...events) => {
        for (const event of events) {
          sequence += 1;
          // An event of a non-public item has no public number: the public numbering stays gapless.
          const publicNumber = (await isPublic(agendaItemIdOf(event))) ? (publicSequence += 1) : null;
          await tx.meetingEvent.create({ data: { meetingId, sequence, publicSequence: publicNumber, kind: event.kind, payload: event.payload } });
        }
      },
    };
    const value = await change(tx, log);
    if (sequence !== meeting.eventSequence) {
      // Raw, so that `modified` stays: numbering events is no change of the meeting, and a
      // `modified` moving with every ballot would let anyone count those of a secret vote.
      await tx.$executeRaw`
        UPDATE "Meeting" SET "eventSequence" = ${sequence}, "publicEventSequence" = ${publicSequence} WHERE id = ${meetingId}::uuid`;
      published = sequence;
    }
    return value;
  }, TRANSACTION_OPTIONS);
  if (published) await pubsub.publish({ meetingId, sequence: published, publishedAt: Date.now() });
  return result;
}

/** The newest event of a kind in the meeting's log (what a coalesced statement compares with). */
export async function lastEventOf<K extends EventKind>(tx: Prisma.TransactionClient, meetingId: string, kind: K): Promise<Extract<EventData, { kind: K }> | undefined> {
  const last = await tx.meetingEvent.findFirst({ where: { meetingId, kind }, orderBy: { sequence: 'desc' }, select: { kind: true, payload: true } });
  return last ? (parseEvent(last.kind, last.payload) as Extract<EventData, { kind: K }>) : undefined;
}

/** The newest number of a meeting's events in the audience's numbering (0 before its first event). */
export async function headOf(prisma: PrismaClient, meetingId: string, audience: EventAudience = 'closedSession'): Promise<number> {
  const meeting = await prisma.meeting.findFirst({
    where: { id: meetingId, deleted: false },
    select: { eventSequence: true, publicEventSequence: true },
  });
  if (!meeting) throw notFound('Meeting');
  return audience === 'public' ? meeting.publicEventSequence : meeting.eventSequence;
}

export interface EventRange {
  /** Whose numbering `after` and `upTo` are in; by default all events. */
  audience?: EventAudience;
  after: number;
  upTo?: number;
  limit?: number;
}

/** Stored events in (after, upTo] of the audience's numbering, in order, with what the visibility check needs. */
export async function loadEvents(prisma: PrismaClient, meetingId: string, { audience = 'closedSession', after, upTo, limit = 500 }: EventRange): Promise<StoredEvent[]> {
  const column = sequenceColumn(audience);
  const rows = await prisma.meetingEvent.findMany({
    where: { meetingId, [column]: { gt: after, ...(upTo === undefined ? {} : { lte: upTo }) } },
    orderBy: { [column]: 'asc' },
    take: limit,
  });
  if (!rows.length) return [];
  const events = rows.map((row) => ({ row, event: parseEvent(row.kind, row.payload) }));
  const itemIds = [...new Set(events.map(({ event }) => agendaItemIdOf(event)).filter((id) => id !== undefined))];
  const [items, organizations] = await Promise.all([
    prisma.agendaItem.findMany({ where: { id: { in: itemIds } }, select: { id: true, public: true } }),
    prisma.meetingOrganization.findMany({ where: { meetingId }, select: { organizationId: true } }),
  ]);
  const meeting = { organizations };
  return events.map(({ row, event }) => {
    const itemId = agendaItemIdOf(event);
    const item = itemId ? items.find((candidate) => candidate.id === itemId) : undefined;
    return {
      ...event,
      meetingId,
      sequence: row.sequence,
      publicSequence: row.publicSequence,
      occurredAt: row.occurredAt,
      meeting,
      item: item ? { public: item.public, meeting } : null,
      reads: new Map(),
    };
  });
}

/** Reads once per event and query (see StoredEvent.reads). */
export function readOnce<T>(event: Pick<StoredEvent, 'reads'>, key: string, query: object, read: () => Promise<T>): Promise<T> {
  const cacheKey = `${key}:${JSON.stringify(query)}`;
  let cached = event.reads.get(cacheKey) as Promise<T> | undefined;
  if (!cached) {
    cached = read();
    event.reads.set(cacheKey, cached);
  }
  return cached;
}
