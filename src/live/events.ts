// What a meeting event says: its kind (the Prisma enum MeetingEventKind) and a payload whose
// shape follows from the kind. The shapes below are both the types and the checks: a stored
// payload is parsed once, when it is read, and everything after works with the checked type.
import type { Prisma } from '../generated/prisma/client.js';
import { MeetingEventKind } from '../generated/prisma/enums.js';

export const eventKinds = Object.values(MeetingEventKind);
export type EventKind = MeetingEventKind;

export const agendaChanges = ['ADDED', 'POSTPONED', 'WITHDRAWN', 'ANNOTATED'] as const;
export type AgendaChange = (typeof agendaChanges)[number];

/** How a speakers' list changed (./speakers-list.ts). */
export const speechChanges = ['REQUESTED', 'WITHDRAWN', 'MOVED', 'STARTED', 'ENDED'] as const;
export type SpeechChange = (typeof speechChanges)[number];

type Check<T> = (value: unknown) => value is T;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const uuid: Check<string> = (value): value is string => typeof value === 'string' && UUID.test(value);
const count: Check<number> = (value): value is number => Number.isInteger(value) && Number(value) >= 0;
const agendaChange: Check<AgendaChange> = (value): value is AgendaChange => agendaChanges.some((change) => change === value);
const speechChange: Check<SpeechChange> = (value): value is SpeechChange => speechChanges.some((change) => change === value);
/** A field that meeting-wide events of a kind leave out. */
const optional =
  <T>(check: Check<T>): Check<T | undefined> =>
  (value): value is T | undefined =>
    value === undefined || check(value);

/**
 * Ids, not content: subscribers re-read the records, so that what they see passes the same
 * visibility rules as a query. The quorum counts are the exception: they are the fact the event
 * reports at that moment, and a replay must show them as they were.
 */
const shapes = {
  MeetingStarted: {},
  AgendaItemStarted: { agendaItemId: uuid },
  AgendaItemCompleted: { agendaItemId: uuid },
  AgendaChanged: { agendaItemId: uuid, change: agendaChange },
  AttendanceChanged: { attendanceId: uuid },
  PresenceRecorded: { arrived: count },
  QuorumChanged: { present: count, seats: count },
  VoteOpened: { voteId: uuid, agendaItemId: uuid },
  VoteTallyChanged: { voteId: uuid, agendaItemId: uuid },
  // The counts are the facts at that moment, as for the quorum (./tally.ts).
  BallotsCounted: { voteId: uuid, agendaItemId: uuid, ballotsCast: count, eligible: count },
  VoteClosed: { voteId: uuid, agendaItemId: uuid },
  MeetingEnded: {},
  SpeakersListChanged: { agendaItemId: uuid, speechId: uuid, change: speechChange },
  /** The speaking time of an item, or without agendaItemId the meeting's default. */
  SpeakingTimeChanged: { agendaItemId: optional(uuid) },
} satisfies Record<EventKind, Record<string, Check<unknown>>>;

type Shapes = typeof shapes;
type Checked<C> = C extends Check<infer T> ? T : never;
/** The fields an `optional` check admits leaving out. */
type OptionalFields<S> = { [F in keyof S]: undefined extends Checked<S[F]> ? F : never }[keyof S];
export type PayloadOf<K extends EventKind> = { [F in Exclude<keyof Shapes[K], OptionalFields<Shapes[K]>>]: Checked<Shapes[K][F]> } & {
  [F in OptionalFields<Shapes[K]>]?: Checked<Shapes[K][F]>;
};

/** An event's kind with its payload; narrowing the kind narrows the payload. */
export type EventData = { [K in EventKind]: { kind: K; payload: PayloadOf<K> } }[EventKind];

/** The agenda item an event concerns (for the visibility check); undefined for meeting-wide events. */
export const agendaItemIdOf = (event: EventData): string | undefined => ('agendaItemId' in event.payload ? event.payload.agendaItemId : undefined);

/** A stored payload that does not fit its kind is a bug or a damaged table, never the client's doing. */
export function parseEvent(kind: EventKind, payload: Prisma.JsonValue): EventData {
  const shape: Record<string, Check<unknown>> = shapes[kind];
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) throw new Error(`The payload of a ${kind} event is not an object.`);
  for (const [field, check] of Object.entries(shape)) {
    if (!check(payload[field])) throw new Error(`The payload of a ${kind} event has no valid ${field}.`);
  }
  // Every field of the kind's shape was checked above.
  return { kind, payload } as EventData;
}
