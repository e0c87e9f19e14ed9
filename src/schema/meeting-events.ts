// The realtime view of a meeting: its event log as GraphQL types, and the subscriptions
// meetingEvents (resumable with a cursor), agendaProgress and voteResults, all three the events of
// the meeting as the viewer's audience reads them (src/live/event-stream.ts), filtered by
// src/access/visibility.ts, executed once per group of alike subscribers over WebSocket and SSE
// (src/live/subscription-groups.ts).
import type { GraphQLResolveInfo } from 'graphql';
import { notFound } from '../errors.js';
import { audienceOf, decodeCursor, encodeCursor, type EventAudience } from '../live/audience.js';
import { headOf, readOnce, type StoredEvent } from '../live/event-log.js';
import { agendaChanges, eventKinds, type EventKind } from '../live/events.js';
import { meetingEventStream, type AudienceEvent, type LiveSource } from '../live/event-stream.js';
import { quorumFrom, quorumOf, type Quorum } from '../rules/quorum.js';
import { builder } from './builder.js';
import { readsClosedSession } from './closed-sessions.js';
import type { Context } from './context.js';
import { idOf } from '../global-id.js';
import { Meeting } from './meeting.js';
import { Speech, SpeechChange } from './speech.js';

export const QuorumRef = builder.objectRef<Quorum>('Quorum').implement({
  description: 'Beschlussfähigkeit: more than half of the statutory seats taken by present voting members (GO NRW).',
  fields: (t) => ({
    present: t.exposeInt('present', { description: 'Seats taken by present voting members; a substitute counts for the member replaced.' }),
    seats: t.exposeInt('seats', { description: 'Statutory seats.' }),
    required: t.exposeInt('required', { description: 'The smallest number present that makes a quorum.' }),
    quorate: t.exposeBoolean('quorate', { description: 'Whether the meeting has a quorum (present >= required).' }),
  }),
});

builder.prismaObjectField(Meeting, 'quorum', (t) =>
  t.field({
    type: QuorumRef,
    description: 'The quorum now, from the attendance.',
    select: { id: true },
    resolve: (meeting, _args, ctx) => quorumOf(ctx.prisma, meeting.id),
  }),
);

builder.prismaObjectField(Meeting, 'eventCursor', (t) =>
  t.string({
    description:
      'Cursor of the newest event the viewer reads: read the meeting, then subscribe meetingEvents(after: eventCursor) to miss nothing in between. ' +
      'Readers who may not see the closed session count only the public events; a cursor is valid only for readers of the same audience.',
    // Not the organizations relation, which `organizations` selects with another filter: a list of
    // meetings asking for both would load it once more per meeting.
    select: { id: true, eventSequence: true, publicEventSequence: true },
    resolve: async (meeting, _args, ctx) => {
      const audience: EventAudience = (await readsClosedSession(ctx, meeting.id)) ? 'closedSession' : 'public';
      return encodeCursor(meeting.id, audience, audience === 'public' ? meeting.publicEventSequence : meeting.eventSequence);
    },
  }),
);

const AgendaChange = builder.enumType('AgendaChange', {
  description: 'How the agenda changed during the meeting.',
  values: {
    ADDED: { description: 'An urgent item (Nachtrag) was added.' },
    POSTPONED: { description: 'An item was postponed (vertagt).' },
    WITHDRAWN: { description: 'An item was withdrawn (zurückgezogen).' },
    ANNOTATED: { description: 'The protocol text of the current item was set.' },
  } satisfies Record<(typeof agendaChanges)[number], { description: string }>,
});

export const MeetingEventRef = builder.interfaceRef<AudienceEvent>('MeetingEvent').implement({
  description:
    'Something that happened in a meeting. Sequence numbers have no gaps; the cursor resumes after this event. ' +
    'Readers who may not see the closed session number the public events on their own, so that it leaves no trace.',
  resolveType: (event) => event.kind,
  fields: (t) => ({
    sequence: t.exposeInt('position', { description: "The event's number among the events of the viewer's audience." }),
    cursor: t.string({ description: 'Pass it as meetingEvents(after:) to resume after this event.', resolve: (event) => encodeCursor(event.meetingId, event.audience, event.position) }),
    occurredAt: t.expose('occurredAt', { type: 'DateTime', description: 'When it happened (UTC).' }),
    meeting: t.prismaField({
      type: 'Meeting',
      description: 'The meeting.',
      resolve: (query, event, _args, ctx) => readOnce(event, 'meeting', query, () => ctx.prisma.meeting.findUniqueOrThrow({ ...query, where: { id: event.meetingId } })),
    }),
  }),
});

const descriptions: Record<EventKind, string> = {
  MeetingStarted: 'The chair opened the meeting.',
  AgendaItemStarted: 'An item became the current one.',
  AgendaItemCompleted: 'An item was dealt with.',
  AgendaChanged: 'The agenda changed: an urgent item was added, an item postponed or withdrawn, or the protocol text of the current item annotated.',
  AttendanceChanged: 'Someone arrived, left or was excused, or an entry was corrected.',
  PresenceRecorded: 'The clerk recorded many persons present at once (recordPresence); the meeting\'s attendance lists them.',
  QuorumChanged: 'The number of present voting members changed (stated at most a few times per second, however many arrive at once).',
  VoteOpened: 'A vote was opened.',
  VoteTallyChanged: 'The counts of a show of hands were recorded (in logs written before BallotsCounted: a ballot was cast).',
  BallotsCounted:
    'The ballots of an open named vote so far: at most a few of these per second, however many members vote at once; the split is published only when the vote closes.',
  VoteClosed: 'A vote was closed; its result is known.',
  MeetingEnded: 'The meeting was closed.',
  SpeakersListChanged: 'The speakers\' list of an item changed: a request was made, withdrawn or moved, a speech began or ended.',
  SpeakingTimeChanged: 'The speaking time of an item, or the meeting\'s for items without their own, was set or cleared.',
};

const itemKinds = ['AgendaItemStarted', 'AgendaItemCompleted', 'AgendaChanged', 'SpeakersListChanged'] as const;
const voteKinds = ['VoteOpened', 'VoteTallyChanged', 'BallotsCounted', 'VoteClosed'] as const;

type OfKind<K extends EventKind> = Extract<AudienceEvent, { kind: K }>;
export const isOfKind = <K extends EventKind>(event: AudienceEvent, kinds: readonly K[]): event is OfKind<K> => kinds.some((kind) => kind === event.kind);

/** The event as one of `kinds`: the object type of a kind only ever receives events of that kind (resolveType). */
function ofKind<K extends EventKind>(event: AudienceEvent, kinds: readonly K[]): OfKind<K> {
  if (!isOfKind(event, kinds)) throw new Error(`A ${event.kind} event where ${kinds.join(' or ')} was expected.`);
  return event;
}

/** The vote of a vote event, read once for all subscribers (see StoredEvent.reads). */
const voteOf = (event: OfKind<(typeof voteKinds)[number]>, query: object, ctx: Context) =>
  readOnce(event, 'vote', query, () => ctx.prisma.vote.findUniqueOrThrow({ ...query, where: { id: event.payload.voteId } }));

const oneOf = (kind: EventKind, kinds: readonly EventKind[]) => kinds.includes(kind);

for (const kind of eventKinds) {
  builder.objectRef<AudienceEvent>(kind).implement({
    description: descriptions[kind],
    interfaces: [MeetingEventRef],
    fields: (t) => ({
      ...(oneOf(kind, itemKinds) && {
        agendaItem: t.prismaField({
          type: 'AgendaItem',
          description: 'The item concerned.',
          resolve: (query, parent, _args, ctx) => {
            const event = ofKind(parent, itemKinds);
            return readOnce(event, 'agendaItem', query, () => ctx.prisma.agendaItem.findUniqueOrThrow({ ...query, where: { id: event.payload.agendaItemId } }));
          },
        }),
      }),
      ...(kind === 'AgendaChanged' && {
        change: t.field({ type: AgendaChange, description: 'What changed.', resolve: (event) => ofKind(event, ['AgendaChanged']).payload.change }),
      }),
      ...(kind === 'SpeakersListChanged' && {
        change: t.field({ type: SpeechChange, description: 'What changed.', resolve: (event) => ofKind(event, ['SpeakersListChanged']).payload.change }),
        speech: t.prismaField({
          type: Speech,
          description: 'The request or speech as it is now.',
          resolve: (query, parent, _args, ctx) => {
            const event = ofKind(parent, ['SpeakersListChanged']);
            return readOnce(event, 'speech', query, () => ctx.prisma.speech.findUniqueOrThrow({ ...query, where: { id: event.payload.speechId } }));
          },
        }),
      }),
      ...(kind === 'SpeakingTimeChanged' && {
        // Not `agendaItem`: that field is non-null on the other kinds, and fragments on several kinds must agree.
        forAgendaItem: t.prismaField({
          type: 'AgendaItem',
          nullable: true,
          description: 'The item whose speaking time was set; null: the meeting\'s was.',
          resolve: (query, parent, _args, ctx) => {
            const { agendaItemId } = ofKind(parent, ['SpeakingTimeChanged']).payload;
            return agendaItemId ? readOnce(parent, 'agendaItem', query, () => ctx.prisma.agendaItem.findUniqueOrThrow({ ...query, where: { id: agendaItemId } })) : null;
          },
        }),
      }),
      ...(kind === 'AttendanceChanged' && {
        attendance: t.prismaField({
          type: 'Attendance',
          description: 'The attendance entry as it is now.',
          resolve: (query, parent, _args, ctx) => {
            const event = ofKind(parent, ['AttendanceChanged']);
            return readOnce(event, 'attendance', query, () => ctx.prisma.attendance.findUniqueOrThrow({ ...query, where: { id: event.payload.attendanceId } }));
          },
        }),
      }),
      ...(kind === 'PresenceRecorded' && {
        arrived: t.int({ description: 'How many arrived with it.', resolve: (event) => ofKind(event, ['PresenceRecorded']).payload.arrived }),
      }),
      ...(kind === 'QuorumChanged' && {
        quorum: t.field({
          type: QuorumRef,
          description: 'As it was at this event.',
          resolve: (event) => {
            const { present, seats } = ofKind(event, ['QuorumChanged']).payload;
            return quorumFrom(present, seats);
          },
        }),
      }),
      ...(kind === 'BallotsCounted' && {
        ballotsCast: t.int({ description: 'Ballots cast when this was counted.', resolve: (event) => ofKind(event, ['BallotsCounted']).payload.ballotsCast }),
        eligible: t.int({
          description: 'Seats whose members (or substitutes) were present then: who may vote.',
          resolve: (event) => ofKind(event, ['BallotsCounted']).payload.eligible,
        }),
      }),
      ...(oneOf(kind, voteKinds) && { vote: t.prismaField({ type: 'Vote', description: 'The vote as it is now.', resolve: (query, event, _args, ctx) => voteOf(ofKind(event, voteKinds), query, ctx) }) }),
    }),
  });
}

/**
 * What agendaProgress sends: the meeting, re-read when something happened; the reads are the
 * event's, so that all subscribers of the instance share them (see StoredEvent.reads).
 */
interface ProgressOf {
  meetingId: string;
  reads: StoredEvent['reads'];
}

const AgendaProgress = builder.objectRef<ProgressOf>('AgendaProgress').implement({
  description: 'Where the meeting stands: the current item, how many items are done, the quorum.',
  fields: (t) => ({
    meeting: t.prismaField({
      type: 'Meeting',
      description: 'The meeting.',
      resolve: (query, progress, _args, ctx) =>
        readOnce(progress, 'meeting', query, () => ctx.prisma.meeting.findUniqueOrThrow({ ...query, where: { id: progress.meetingId } })),
    }),
    currentItem: t.prismaField({
      type: 'AgendaItem',
      nullable: true,
      description: 'The item being dealt with; null between items.',
      resolve: (query, progress, _args, ctx) =>
        readOnce(progress, 'currentItem', query, () =>
          ctx.prisma.agendaItem.findFirst({ ...query, where: { meetingId: progress.meetingId, state: 'RUNNING', deleted: false } }),
        ),
    }),
    completed: t.int({
      description: 'Items dealt with so far.',
      resolve: (progress, _args, ctx) =>
        readOnce(progress, 'completed', {}, () => ctx.prisma.agendaItem.count({ where: { meetingId: progress.meetingId, state: 'COMPLETED', deleted: false } })),
    }),
    total: t.int({
      description: 'Items to deal with: postponed and withdrawn items do not count.',
      resolve: (progress, _args, ctx) =>
        readOnce(progress, 'total', {}, () =>
          ctx.prisma.agendaItem.count({ where: { meetingId: progress.meetingId, deleted: false, state: { notIn: ['POSTPONED', 'WITHDRAWN'] } } }),
        ),
    }),
    quorum: t.field({ type: QuorumRef, description: 'The quorum now.', resolve: (progress, _args, ctx) => readOnce(progress, 'quorum', {}, () => quorumOf(ctx.prisma, progress.meetingId)) }),
  }),
});

/** Throws the error that ends a stream (expired token, slow subscriber) as the field's error. */
export function orThrow<T>(value: T): Exclude<T, Error> {
  if (value instanceof Error) throw value;
  return value as Exclude<T, Error>;
}

/** The meeting (its UUID), the viewer's audience for it and where to resume: what every live field starts from. */
async function scopeOf(ctx: Context, meetingId: string, after?: string | null) {
  const meeting = await ctx.prisma.meeting.findFirst({
    where: { id: meetingId, deleted: false },
    select: { organizations: { select: { organizationId: true } } },
  });
  if (!meeting) throw notFound('Meeting');
  const audience = audienceOf(ctx.viewer, meeting);
  return { meetingId, audience, after: after ? decodeCursor(after, meetingId, audience) : undefined };
}

/**
 * The viewer's stream of the meeting's events after the cursor `after`, else after the newest
 * event now; `from` is where it starts, in the viewer's audience's numbering.
 */
export async function streamFor(ctx: Context, meetingId: string, after?: string | null) {
  const { audience, after: position } = await scopeOf(ctx, meetingId, after);
  const from = position ?? (await headOf(ctx.prisma, meetingId, audience));
  return { meetingId, audience, from, stream: eventStream(ctx, meetingId, audience, from) };
}

/** The viewer's own stream of the audience's events after `from` (not shared with a group). */
const eventStream = (ctx: Context, meetingId: string, audience: EventAudience, from: number) =>
  meetingEventStream({ prisma: ctx.prisma, feeds: ctx.services.live.feeds, meetingId, viewer: ctx.viewer, audience, after: from, maxPendingEvents: ctx.services.config.limits.subscriberMaxPendingEvents });

/** Shared with the subscriber's group (src/live/subscription-groups.ts), over WebSocket and SSE alike. */
async function live<T>(ctx: Context, info: GraphQLResolveInfo, source: LiveSource<T>): Promise<AsyncIterable<T | Error>> {
  // The group's own execution: the values its members share (of this very source).
  if (ctx.groupValues) return ctx.groupValues as AsyncIterable<T>;
  // Both transports deliver a subscription shared (src/server/websocket.ts, shared-event-streams.ts).
  if (!ctx.delivery) throw new Error('A live subscription came without a shared delivery.');
  // The transport hands the connection the member itself (SharedDelivery.member), not this stream.
  return (await ctx.services.live.groups.join(source, ctx.viewer, ctx.delivery, info)) as AsyncIterable<never>;
}

export const SUBSCRIPTION_ERRORS =
  ' Errors: BAD_USER_INPUT, NOT_FOUND; the stream ends with UNAUTHENTICATED when the token expires and with SUBSCRIBER_TOO_SLOW when it falls 1,000 events behind (resume with the last cursor).';

builder.subscriptionFields((t) => ({
  meetingEvents: t.field({
    type: MeetingEventRef,
    description: 'Every event of the meeting the viewer may see, in order. With `after` (a cursor) the stored events after it come first, then the live ones, without gap or duplicate; without it, from now.' + SUBSCRIPTION_ERRORS,
    args: {
      meetingId: t.arg.id({ required: true, description: 'The meeting.' }),
      after: t.arg.string({ description: 'A cursor (Meeting.eventCursor or an event\'s cursor) of the same reader.' }),
    },
    subscribe: async (_root, args, ctx, info) =>
      live<AudienceEvent>(ctx, info, { ...(await scopeOf(ctx, idOf(args.meetingId, 'Meeting', 'meetingId'), args.after)), valueOf: (event) => event }),
    resolve: (event: AudienceEvent | Error) => orThrow(event),
  }),
  agendaProgress: t.field({
    type: AgendaProgress,
    description: 'The progress now, then again after every event of the meeting the viewer may see.' + SUBSCRIPTION_ERRORS,
    args: { meetingId: t.arg.id({ required: true, description: 'The meeting.' }) },
    subscribe: async (_root, args, ctx, info) => {
      const scope = await scopeOf(ctx, idOf(args.meetingId, 'Meeting', 'meetingId'));
      const { meetingId } = scope;
      return live<ProgressOf>(ctx, info, { ...scope, initial: () => ({ meetingId, reads: new Map() }), valueOf: (event) => ({ meetingId, reads: event.reads }) });
    },
    resolve: (progress: ProgressOf | Error) => orThrow(progress),
  }),
  voteResults: t.prismaField({
    type: 'Vote',
    description: 'A vote of the meeting when it opens, when its tally changes and when it closes.' + SUBSCRIPTION_ERRORS,
    args: { meetingId: t.arg.id({ required: true, description: 'The meeting.' }) },
    subscribe: async (_root, args, ctx, info) =>
      live<AudienceEvent>(ctx, info, {
        ...(await scopeOf(ctx, idOf(args.meetingId, 'Meeting', 'meetingId'))),
        valueOf: (event) => (isOfKind(event, voteKinds) ? event : undefined),
      }),
    // The same shared read as the vote field of the event.
    resolve: (query, value: AudienceEvent | Error, _args, ctx) => voteOf(ofKind(orThrow(value), voteKinds), query, ctx),
  }),
}));
