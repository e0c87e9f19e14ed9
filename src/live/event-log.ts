// The meeting's event log. Every change of a running meeting goes through `changeMeeting`: it
// locks the meeting row, lets the change append its events with the next sequence numbers, and
// commits change and events together; only after the commit is the new sequence announced on
// pub/sub. So an event is stored if and only if its change is, and sequence numbers have no gaps.
import type { Prisma, PrismaClient } from '../generated/prisma/client.js';
import type { MeetingState } from '../generated/prisma/enums.js';
import type { ItemScope } from '../access/visibility.js';
import { badInput, notFound } from '../errors.js';
import type { Context } from '../schema/context.js';

export const eventKinds = [
  'MeetingStarted',
  'AgendaItemStarted',
  'AgendaItemCompleted',
  'AgendaChanged',
  'AttendanceChanged',
  'QuorumChanged',
  'VoteOpened',
  'VoteTallyChanged',
  'VoteClosed',
  'MeetingEnded',
] as const;
export type EventKind = (typeof eventKinds)[number];

export const agendaChanges = ['ADDED', 'POSTPONED', 'WITHDRAWN', 'ANNOTATED'] as const;
export type AgendaChange = (typeof agendaChanges)[number];

/**
 * Ids, not content: subscribers re-read the records, so that what they see passes the same
 * visibility rules as a query. The quorum counts are the exception: they are the fact the event
 * reports at that moment, and a replay must show them as they were.
 */
export interface EventPayload {
  agendaItemId?: string;
  voteId?: string;
  attendanceId?: string;
  change?: AgendaChange;
  present?: number;
  seats?: number;
}

export interface StoredEvent {
  meetingId: string;
  sequence: number;
  kind: EventKind;
  payload: EventPayload;
  occurredAt: Date;
  /** The agenda item the event concerns, for the visibility check; null for meeting-wide events. */
  item: ItemScope | null;
  /**
   * Records re-read for this event, by query: one event object goes to all subscribers of an
   * instance, so a thousand subscribers asking the same question cause one read, not a thousand.
   * The key holds the whole query, including the viewer-dependent filters of nested relations.
   */
  reads: Map<string, Promise<unknown>>;
}

export interface LockedMeeting {
  id: string;
  meetingState: MeetingState;
  cancelled: boolean;
  eventSequence: number;
}

export interface MeetingLog {
  meeting: LockedMeeting;
  append(kind: EventKind, payload?: EventPayload): Promise<void>;
}

// Ballots of a large committee queue up behind the meeting row lock: wait rather than fail.
const TRANSACTION_OPTIONS = { maxWait: 60_000, timeout: 30_000 };

export async function changeMeeting<T>(
  ctx: Pick<Context, 'prisma' | 'services'>,
  meetingId: string,
  change: (tx: Prisma.TransactionClient, log: MeetingLog) => Promise<T>,
): Promise<T> {
  let published = 0;
  const result = await ctx.prisma.$transaction(async (tx) => {
    const [meeting] = await tx.$queryRaw<LockedMeeting[]>`
      SELECT id::text AS id, "meetingState"::text AS "meetingState", cancelled, "eventSequence"
      FROM "Meeting" WHERE id = ${meetingId}::uuid AND NOT deleted FOR UPDATE`;
    if (!meeting) throw notFound('Meeting');
    let sequence = meeting.eventSequence;
    const log: MeetingLog = {
      meeting,
      append: async (kind, payload = {}) => {
        sequence += 1;
        await tx.meetingEvent.create({ data: { meetingId, sequence, kind, payload: payload as Prisma.InputJsonObject } });
      },
    };
    const value = await change(tx, log);
    if (sequence !== meeting.eventSequence) {
      await tx.meeting.update({ where: { id: meetingId }, data: { eventSequence: sequence } });
      published = sequence;
    }
    return value;
  }, TRANSACTION_OPTIONS);
  if (published) await ctx.services.live.pubsub.publish({ meetingId, sequence: published });
  return result;
}

/** The meeting of an agenda item: whose row a change of the item locks. */
export async function meetingOfItem(prisma: Prisma.TransactionClient, agendaItemId: string): Promise<string> {
  const item = await prisma.agendaItem.findFirst({ where: { id: agendaItemId, deleted: false }, select: { meetingId: true } });
  if (!item) throw notFound('Agenda item');
  return item.meetingId;
}

/** The newest sequence number of a meeting (0 before its first event). */
export async function headOf(prisma: PrismaClient, meetingId: string): Promise<number> {
  const meeting = await prisma.meeting.findFirst({ where: { id: meetingId, deleted: false }, select: { eventSequence: true } });
  if (!meeting) throw notFound('Meeting');
  return meeting.eventSequence;
}

/** Stored events after `after` (up to `upTo`), in order, with what the visibility check needs. */
export async function loadEvents(prisma: PrismaClient, meetingId: string, after: number, upTo?: number, limit = 500): Promise<StoredEvent[]> {
  const rows = await prisma.meetingEvent.findMany({
    where: { meetingId, sequence: { gt: after, ...(upTo === undefined ? {} : { lte: upTo }) } },
    orderBy: { sequence: 'asc' },
    take: limit,
  });
  if (!rows.length) return [];
  const itemIds = [...new Set(rows.map((row) => (row.payload as EventPayload).agendaItemId).filter((id) => id !== undefined))];
  const [items, organizations] = await Promise.all([
    prisma.agendaItem.findMany({ where: { id: { in: itemIds } }, select: { id: true, public: true } }),
    prisma.meetingOrganization.findMany({ where: { meetingId }, select: { organizationId: true } }),
  ]);
  const meeting = { organizations };
  return rows.map((row) => {
    const payload = row.payload as EventPayload;
    const item = payload.agendaItemId ? items.find((candidate) => candidate.id === payload.agendaItemId) : undefined;
    return {
      meetingId,
      sequence: row.sequence,
      kind: row.kind as EventKind,
      payload,
      occurredAt: row.occurredAt,
      item: item ? { public: item.public, meeting } : null,
      reads: new Map(),
    };
  });
}

// A cursor names meeting and sequence, so that a cursor of another meeting is refused.
export const encodeCursor = (meetingId: string, sequence: number) =>
  Buffer.from(`MeetingEvent:${meetingId}:${sequence}`).toString('base64url');

export function decodeCursor(cursor: string, meetingId: string): number {
  const [type, id, sequence] = Buffer.from(cursor, 'base64url').toString('utf8').split(':');
  if (type !== 'MeetingEvent' || id !== meetingId || !/^\d+$/.test(sequence ?? '')) {
    throw badInput('after is not a cursor of an event of this meeting.', 'after');
  }
  return Number(sequence);
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
