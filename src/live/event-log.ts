// The meeting's event log. Every change of a running meeting goes through `changeMeeting`: it
// locks the meeting row, lets the change append its events, numbers them after the last ones, and
// commits change and events together; only after the commit is the new sequence announced on
// pub/sub. So an event is stored if and only if its change is, and sequence numbers have no gaps.
import { Prisma, type PrismaClient } from '../generated/prisma/client.js';
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
  /** What the change asked to read with the lock (see changeMeeting), as of the locked meeting. */
  read: unknown;
  /** Appends the events in order (stored with the change's last statement). */
  append(...events: EventData[]): Promise<void>;
  /**
   * Writes and appends in one statement, so that events may carry what the write returns (the
   * ids of upserted rows): `write` gets `events`, CTEs to follow its own that store the rows of
   * its CTE `appended` (position from 1, kind, payload, "agendaItemId") as events, and
   * `eventsStored`, a column its result rows must carry.
   */
  appendWith<R>(write: (sql: { events: Prisma.Sql; eventsStored: Prisma.Sql }) => Prisma.Sql): Promise<R[]>;
}

// Ballots of a large committee queue up behind the meeting row lock: wait rather than fail.
const TRANSACTION_OPTIONS = { maxWait: 60_000, timeout: 30_000 };

/**
 * Locks the meeting and runs the change, committing it with its events. `read`, a query of one
 * JSON value, is read in the lock's own round trip (a change that a batch of arrivals waits for
 * costs as few as there can be): a statement sees what was committed when it began, so if another
 * change of the meeting committed while this one waited for the lock — every change of attendance
 * appends an event, so the event counter of the locked row moved — it is read again under the lock.
 */
export async function changeMeeting<T>(
  { prisma, pubsub }: LiveDependencies,
  meetingId: string,
  change: (tx: Prisma.TransactionClient, log: MeetingLog) => Promise<T>,
  read?: Prisma.Sql,
): Promise<T> {
  let published = 0;
  const result = await prisma.$transaction(async (tx) => {
    const [locked] = await tx.$queryRaw<(LockedMeeting & { seenSequence: number; read: unknown })[]>`
      SELECT id::text AS id, "meetingState"::text AS "meetingState", cancelled, "eventSequence", "publicEventSequence",
        (SELECT "eventSequence" FROM "Meeting" WHERE id = ${meetingId}::uuid) AS "seenSequence", (${read ?? Prisma.sql`NULL`}) AS read
      FROM "Meeting" WHERE id = ${meetingId}::uuid AND NOT deleted FOR UPDATE`;
    if (!locked) throw notFound('Meeting');
    const { seenSequence, read: readEarlier, ...meeting } = locked;
    const fresh = !read || seenSequence === meeting.eventSequence ? readEarlier : (await tx.$queryRaw<{ read: unknown }[]>`SELECT (${read}) AS read`)[0]!.read;
    let stored = 0;
    // Stored with the change's last statement: a batch of a hundred arrivals costs one round trip for its events.
    const appended: EventData[] = [];
    const storeAppended = async () => {
      if (!appended.length) return;
      const rows = appended.splice(0).map((event, index) => ({ position: index + 1, kind: event.kind, payload: event.payload, agendaItemId: agendaItemIdOf(event) ?? null }));
      await tx.$queryRaw`
        WITH appended AS (
          SELECT * FROM json_to_recordset(${JSON.stringify(rows)}::json) AS e(position int, kind "MeetingEventKind", payload jsonb, "agendaItemId" uuid)
        )${eventsStored(meetingId)}
        SELECT count(*) FROM stored`;
      stored += rows.length;
    };
    const log: MeetingLog = {
      meeting,
      // A driver may hand over JSON as its text.
      read: typeof fresh === 'string' ? JSON.parse(fresh) : fresh,
      append: async (...events) => void appended.push(...events),
      appendWith: async <R>(write: (sql: { events: Prisma.Sql; eventsStored: Prisma.Sql }) => Prisma.Sql) => {
        await storeAppended(); // in order: what was appended before comes first
        const rows = await tx.$queryRaw<(R & { eventsStored: number })[]>(write({ events: eventsStored(meetingId), eventsStored: Prisma.sql`(SELECT count(*)::int FROM stored) AS "eventsStored"` }));
        stored += rows[0]?.eventsStored ?? 0;
        return rows;
      },
    };
    const value = await change(tx, log);
    await storeAppended();
    published = stored && meeting.eventSequence + stored;
    return value;
  }, TRANSACTION_OPTIONS);
  if (published) await pubsub.publish({ meetingId, sequence: published, publishedAt: Date.now() });
  return result;
}

/**
 * CTEs that store the rows of `appended` as the meeting's next events, numbered in order, and move
 * its counters (from the row as this transaction sees it: after the lock, its latest). An event of
 * a non-public item has no public number: the public numbering stays gapless. The counters move
 * raw, so that `modified` stays: numbering events is no change of the meeting, and a `modified`
 * moving with every ballot would let anyone count those of a secret vote. `stored` returns the
 * events' sequence numbers.
 */
function eventsStored(meetingId: string) {
  return Prisma.sql`,
    counters AS (SELECT "eventSequence" AS sequence, "publicEventSequence" AS "publicSequence" FROM "Meeting" WHERE id = ${meetingId}::uuid),
    visible AS (
      SELECT a.position, a.kind, a.payload, a."agendaItemId" IS NULL OR coalesce(item.public, false) AS public
      FROM appended a LEFT JOIN "AgendaItem" item ON item.id = a."agendaItemId"
    ),
    numbered AS (SELECT *, CASE WHEN public THEN count(*) FILTER (WHERE public) OVER (ORDER BY position) END AS "publicPosition" FROM visible),
    counted AS (
      UPDATE "Meeting" SET "eventSequence" = counters.sequence + (SELECT count(*) FROM numbered),
        "publicEventSequence" = counters."publicSequence" + (SELECT count(*) FROM numbered WHERE public)
      FROM counters WHERE id = ${meetingId}::uuid
    ),
    stored AS (
      INSERT INTO "MeetingEvent" (id, "meetingId", sequence, "publicSequence", kind, payload)
      SELECT gen_random_uuid(), ${meetingId}::uuid, counters.sequence + position, counters."publicSequence" + "publicPosition", kind, payload
      FROM numbered, counters
      RETURNING sequence
    )
  `;
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
