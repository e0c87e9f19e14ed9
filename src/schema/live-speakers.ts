// The speakers' list live: members ask to speak and withdraw, the clerk adds, reorders, calls and
// ends speeches and sets speaking times (each mutation parses its arguments, calls the command of
// src/live/speakers-list.ts and selects from the result), and the speakersList subscription sends
// the list again after each of its changes, resumable by cursor like meetingEvents.
import { badInput } from '../errors.js';
import { encodeCursor, type EventAudience } from '../live/audience.js';
import { readOnce, type StoredEvent } from '../live/event-log.js';
import type { AudienceEvent } from '../live/event-stream.js';
import * as speakers from '../live/speakers-list.js';
import { startWithMapped } from '../live/streams.js';
import { idOf } from '../global-id.js';
import { builder } from './builder.js';
import { mutation } from './descriptions.js';
import { liveOf } from './live-meeting.js';
import { MeetingEventRef, orThrow, streamFor, SUBSCRIPTION_ERRORS } from './meeting-events.js';
import { SpeakersList } from './speech.js';

/** Up to a day; null clears it. */
function speakingTimeOf(seconds: number | null | undefined) {
  if (seconds == null) return null;
  if (seconds < 1 || seconds > 86_400) throw badInput('seconds must be between 1 and 86400, or null.', 'seconds');
  return seconds;
}

builder.mutationFields((t) => {
  const when = () => t.arg({ type: 'DateTime', description: 'When it happened; by default now.' });
  const pointOfOrder = () => t.arg.boolean({ defaultValue: false, description: 'A point of order ("Zur Geschäftsordnung"): in front of the regular requests.' });
  const kindOf = (pointOfOrder: boolean | null | undefined) => (pointOfOrder ? 'POINT_OF_ORDER' : 'REGULAR');
  return {
    requestToSpeak: t.prismaField({
      type: 'Speech',
      description: mutation(
        'The signed-in person asks to speak on the current item (Wortmeldung); a point of order goes in front of the regular requests, behind earlier points of order. ' +
          'One waiting request per person and kind.',
        ['NOT_FOUND', 'INVALID_STATE', 'NOT_ENTITLED', 'ALREADY_REQUESTED'],
        'Signed-in persons (a token naming a Person); NOT_ENTITLED unless recorded as present and not as a guest.',
      ),
      // A write members make, like castBallot; whether this person may speak is decided by the command.
      skipTypeScopes: true,
      authScopes: { person: true },
      args: { agendaItemId: t.arg.id({ required: true, description: 'The current (running) item.' }), pointOfOrder: pointOfOrder() },
      resolve: async (query, _root, args, ctx) => {
        const viewer = { ...ctx.viewer, personId: ctx.viewer.personId! }; // the person scope above
        const { id } = await speakers.requestToSpeak(liveOf(ctx), viewer, idOf(args.agendaItemId, 'AgendaItem', 'agendaItemId'), kindOf(args.pointOfOrder));
        return ctx.prisma.speech.findUniqueOrThrow({ ...query, where: { id } });
      },
    }),
    addSpeechRequest: t.prismaField({
      type: 'Speech',
      description: mutation(
        'Puts a person on the speakers\' list of the current item, as a request of theirs (guests too, when the chair gives them the floor).',
        ['NOT_FOUND', 'INVALID_STATE', 'NOT_ENTITLED', 'ALREADY_REQUESTED'],
      ),
      args: {
        agendaItemId: t.arg.id({ required: true, description: 'The current (running) item.' }),
        personId: t.arg.id({ required: true, description: 'Who asks to speak; must be recorded as present.' }),
        pointOfOrder: pointOfOrder(),
      },
      resolve: async (query, _root, args, ctx) => {
        const agendaItemId = idOf(args.agendaItemId, 'AgendaItem', 'agendaItemId');
        const { id } = await speakers.addSpeechRequest(liveOf(ctx), agendaItemId, idOf(args.personId, 'Person', 'personId'), kindOf(args.pointOfOrder));
        return ctx.prisma.speech.findUniqueOrThrow({ ...query, where: { id } });
      },
    }),
    withdrawSpeechRequest: t.prismaField({
      type: 'Speech',
      description: mutation(
        'Takes a waiting request off the list; those behind it move up.',
        ['NOT_FOUND', 'INVALID_STATE'],
        'The person who asked to speak, clerks and admins.',
      ),
      skipTypeScopes: true,
      authScopes: { person: true, staff: true },
      args: { speechId: t.arg.id({ required: true, description: 'A waiting request on the current item.' }) },
      resolve: async (query, _root, args, ctx) => {
        const { id } = await speakers.withdrawSpeechRequest(liveOf(ctx), ctx.viewer, idOf(args.speechId, 'Speech', 'speechId'));
        return ctx.prisma.speech.findUniqueOrThrow({ ...query, where: { id } });
      },
    }),
    moveSpeechRequest: t.prismaField({
      type: 'Speech',
      description: mutation('Moves a waiting request to another place on the list; the others close up.', ['NOT_FOUND', 'INVALID_STATE']),
      args: {
        speechId: t.arg.id({ required: true, description: 'A waiting request on the current item.' }),
        position: t.arg.int({ required: true, description: 'Its new place, 1-based (1 is next); beyond the end puts it last.' }),
      },
      resolve: async (query, _root, args, ctx) => {
        const { id } = await speakers.moveSpeechRequest(liveOf(ctx), idOf(args.speechId, 'Speech', 'speechId'), args.position);
        return ctx.prisma.speech.findUniqueOrThrow({ ...query, where: { id } });
      },
    }),
    startSpeech: t.prismaField({
      type: 'Speech',
      description: mutation('Gives the floor to the next on the list, or to `speechId`; a speech still being held ends at the same moment.', ['NOT_FOUND', 'INVALID_STATE']),
      args: {
        agendaItemId: t.arg.id({ required: true, description: 'The current (running) item.' }),
        speechId: t.arg.id({ description: 'A waiting request on that item; by default the first on the list.' }),
        at: when(),
      },
      resolve: async (query, _root, args, ctx) => {
        const agendaItemId = idOf(args.agendaItemId, 'AgendaItem', 'agendaItemId');
        const { id } = await speakers.startSpeech(liveOf(ctx), agendaItemId, args.speechId ? idOf(args.speechId, 'Speech', 'speechId') : null, args.at);
        return ctx.prisma.speech.findUniqueOrThrow({ ...query, where: { id } });
      },
    }),
    endSpeech: t.prismaField({
      type: 'Speech',
      description: mutation('Ends the speech being held on the item; its duration is recorded.', ['NOT_FOUND', 'INVALID_STATE']),
      args: { agendaItemId: t.arg.id({ required: true, description: 'The current (running) item.' }), at: when() },
      resolve: async (query, _root, args, ctx) => {
        const { id } = await speakers.endSpeech(liveOf(ctx), idOf(args.agendaItemId, 'AgendaItem', 'agendaItemId'), args.at);
        return ctx.prisma.speech.findUniqueOrThrow({ ...query, where: { id } });
      },
    }),
    setMeetingSpeakingTime: t.prismaField({
      type: 'Meeting',
      description: mutation('Sets the speaking time per speech for the items of the meeting without their own (a countdown on the display). Not after the meeting has ended.', [
        'NOT_FOUND',
        'INVALID_STATE',
      ]),
      args: {
        meetingId: t.arg.id({ required: true, description: 'The meeting.' }),
        seconds: t.arg.int({ description: 'Seconds per speech, 1 to 86400; null or omitted: no limit.' }),
      },
      resolve: async (query, _root, args, ctx) => {
        const { id } = await speakers.setMeetingSpeakingTime(liveOf(ctx), idOf(args.meetingId, 'Meeting', 'meetingId'), speakingTimeOf(args.seconds));
        return ctx.prisma.meeting.findUniqueOrThrow({ ...query, where: { id } });
      },
    }),
    setAgendaItemSpeakingTime: t.prismaField({
      type: 'AgendaItem',
      description: mutation('Sets the speaking time per speech on one item, instead of the meeting\'s. Not after the meeting has ended.', ['NOT_FOUND', 'INVALID_STATE']),
      args: {
        agendaItemId: t.arg.id({ required: true, description: 'The item.' }),
        seconds: t.arg.int({ description: 'Seconds per speech, 1 to 86400; null or omitted: the meeting\'s.' }),
      },
      resolve: async (query, _root, args, ctx) => {
        const { id } = await speakers.setAgendaItemSpeakingTime(liveOf(ctx), idOf(args.agendaItemId, 'AgendaItem', 'agendaItemId'), speakingTimeOf(args.seconds));
        return ctx.prisma.agendaItem.findUniqueOrThrow({ ...query, where: { id } });
      },
    }),
  };
});

/** What speakersList sends: the list re-read after an event (or at the start), with where it stands. */
interface ListUpdate {
  agendaItemId: string;
  meetingId: string;
  audience: EventAudience;
  /** The number of the event this update follows, in the audience's numbering. */
  position: number;
  /** The event's shared reads (see StoredEvent.reads). */
  reads: StoredEvent['reads'];
  event: AudienceEvent | null;
}

const SpeakersListUpdate = builder.objectRef<ListUpdate>('SpeakersListUpdate').implement({
  description: 'The speakers\' list of an item as it is after a change.',
  fields: (t) => ({
    cursor: t.string({
      description: 'Pass it as speakersList(after:) (or meetingEvents(after:)) to resume after this update.',
      resolve: (update) => encodeCursor(update.meetingId, update.audience, update.position),
    }),
    event: t.field({ type: MeetingEventRef, nullable: true, description: 'The event that changed the list; null for the first update, the list as it was when subscribing.', resolve: (update) => update.event }),
    speakersList: t.prismaField({
      type: SpeakersList,
      description: 'The list now.',
      resolve: (query, update, _args, ctx) =>
        readOnce(update, `speakersList:${update.agendaItemId}`, query, () => ctx.prisma.agendaItem.findUniqueOrThrow({ ...query, where: { id: update.agendaItemId } })),
    }),
  }),
});

/** The events after which an item's list may look different. */
function concernsList(event: AudienceEvent, agendaItemId: string): boolean {
  switch (event.kind) {
    case 'SpeakersListChanged':
    case 'AgendaItemStarted':
    case 'AgendaItemCompleted':
      return event.payload.agendaItemId === agendaItemId;
    case 'SpeakingTimeChanged':
      return event.payload.agendaItemId === undefined || event.payload.agendaItemId === agendaItemId;
    default:
      return false;
  }
}

builder.subscriptionField('speakersList', (t) =>
  t.field({
    type: SpeakersListUpdate,
    description:
      'The speakers\' list of an item: without `after`, the list now, then again after each of its changes; with `after` (a cursor of the same reader: ' +
      'Meeting.eventCursor or an update\'s), the list after each change since, then live. NOT_FOUND for a non-public item the viewer may not read.' +
      SUBSCRIPTION_ERRORS,
    args: {
      agendaItemId: t.arg.id({ required: true, description: 'The item.' }),
      after: t.arg.string({ description: 'A cursor (Meeting.eventCursor, an update\'s or an event\'s cursor) of the same reader.' }),
    },
    subscribe: async (_root, args, ctx) => {
      const agendaItemId = idOf(args.agendaItemId, 'AgendaItem', 'agendaItemId');
      const { meetingId, audience, from, stream } = await streamFor(ctx, await speakers.meetingOfReadableItem(ctx.prisma, ctx.viewer, agendaItemId), args.after);
      const update = (position: number, reads: StoredEvent['reads'], event: AudienceEvent | null): ListUpdate => ({ agendaItemId, meetingId, audience, position, reads, event });
      const first = args.after ? undefined : update(from, new Map(), null);
      return startWithMapped<AudienceEvent, ListUpdate>(first, stream, (event) => (concernsList(event, agendaItemId) ? update(event.position, event.reads, event) : undefined));
    },
    resolve: (update: ListUpdate | Error) => orThrow(update),
  }),
);
