// The speakers' list (Redeliste) as GraphQL types: a Speech is a request to speak and, once
// called, the speech; SpeakersList is an agenda item seen as its list (a Prisma variant of
// AgendaItem, so that the list loads with the item in one query). Both are details of the item:
// hidden with a non-public item from whoever may not read it (src/access/visibility.ts).
import { itemScopeSelectFor, mayReadItemDetails, readable } from '../access/visibility.js';
import { SpeechKind as SpeechKindValues } from '../generated/prisma/enums.js';
import type { Speech as SpeechRecord } from '../generated/prisma/client.js';
import { speechChanges } from '../live/events.js';
import { AgendaItem } from './agenda-item.js';
import { builder } from './builder.js';
import type { Context } from './context.js';
import { CREATED, HIDDEN_NOTE, MODIFIED } from './descriptions.js';
import { Meeting } from './meeting.js';
import { readsClosedSession } from './closed-sessions.js';
import { readableNodeWithAllColumns } from './readable-node.js';

export const SpeechKind = builder.enumType(SpeechKindValues, {
  name: 'SpeechKind',
  description: 'What a request to speak is.',
  values: {
    REGULAR: { description: 'A request to speak on the item (Wortmeldung), in turn.' },
    POINT_OF_ORDER: { description: 'A point of order ("Zur Geschäftsordnung"): goes in front of the regular requests, behind earlier points of order.' },
  },
});

const speechStates = ['WAITING', 'SPEAKING', 'FINISHED', 'WITHDRAWN'] as const;
type SpeechStateValue = (typeof speechStates)[number];

export const SpeechState = builder.enumType('SpeechState', {
  description: 'Where a request to speak stands.',
  values: {
    WAITING: { description: 'On the list, not yet called.' },
    SPEAKING: { description: 'Has the floor now.' },
    FINISHED: { description: 'Has spoken.' },
    WITHDRAWN: { description: 'Taken back before being called.' },
  } satisfies Record<SpeechStateValue, { description: string }>,
});

export const SpeechChange = builder.enumType('SpeechChange', {
  description: 'How a speakers\' list changed.',
  values: {
    REQUESTED: { description: 'Someone asked to speak, or the clerk added someone.' },
    WITHDRAWN: { description: 'A request was withdrawn.' },
    MOVED: { description: 'The clerk moved a request to another place.' },
    STARTED: { description: 'A speech began.' },
    ENDED: { description: 'A speech ended.' },
  } satisfies Record<(typeof speechChanges)[number], { description: string }>,
});

type SpeechTimes = Pick<SpeechRecord, 'startedAt' | 'endedAt' | 'withdrawnAt'>;

function stateOf(speech: SpeechTimes): SpeechStateValue {
  if (speech.withdrawnAt) return 'WITHDRAWN';
  if (!speech.startedAt) return 'WAITING';
  return speech.endedAt ? 'FINISHED' : 'SPEAKING';
}

export const Speech = builder.prismaNode('Speech', {
  description:
    'A request to speak on an agenda item (Wortmeldung) and, once called, the speech with its times. ' +
    'Hidden with a non-public item from whoever may not read it.',
  // Short rows, and the state and duration are computed from several columns.
  ...readableNodeWithAllColumns('speech'),
  fields: (t) => ({
    agendaItem: t.relation('agendaItem', { description: 'The item it is about.' }),
    person: t.relation('person', { description: 'Who speaks.' }),
    kind: t.expose('kind', { type: SpeechKind, description: 'A regular request or a point of order.' }),
    state: t.field({ type: SpeechState, description: 'Waiting, speaking, finished or withdrawn.', resolve: stateOf }),
    position: t.exposeInt('position', { nullable: true, description: 'Place on the list while waiting (1 is next); null once called or withdrawn.' }),
    requestedAt: t.expose('requestedAt', { type: 'DateTime', description: 'When the request was made (UTC).' }),
    startedAt: t.expose('startedAt', { type: 'DateTime', nullable: true, description: 'When the speech began (UTC).' }),
    endedAt: t.expose('endedAt', { type: 'DateTime', nullable: true, description: 'When the speech ended (UTC).' }),
    withdrawnAt: t.expose('withdrawnAt', { type: 'DateTime', nullable: true, description: 'When the request was withdrawn (UTC).' }),
    duration: t.int({
      nullable: true,
      description: 'How long the speech lasted, in whole seconds; null until it has ended.',
      resolve: (speech) => (speech.startedAt && speech.endedAt ? Math.round((speech.endedAt.getTime() - speech.startedAt.getTime()) / 1000) : null),
    }),
    created: t.expose('created', { type: 'DateTime', description: CREATED }),
    modified: t.expose('modified', { type: 'DateTime', description: MODIFIED }),
  }),
});

const byPosition = (a: SpeechRecord, b: SpeechRecord) => (a.position ?? 0) - (b.position ?? 0);
const byStart = (a: SpeechRecord, b: SpeechRecord) => (a.startedAt?.getTime() ?? 0) - (b.startedAt?.getTime() ?? 0);

export const SpeakersList = builder.prismaObject('AgendaItem', {
  variant: 'SpeakersList',
  description: 'The speakers\' list (Redeliste) of an agenda item: who speaks now, who waits in which order, who has spoken.',
  // Only what its fields select, not every column of the item.
  select: { id: true },
  fields: (t) => {
    // Every part reads the same relation with the same arguments, so the list loads once.
    const allSpeeches = (ctx: Context) => ({ where: readable.speech(ctx.viewer), orderBy: { requestedAt: 'asc' as const } });
    const inState = (state: SpeechStateValue, order: (a: SpeechRecord, b: SpeechRecord) => number, description: string) =>
      t.field({
        type: [Speech],
        description,
        select: (_args, ctx, nestedSelection) => ({ speeches: nestedSelection(allSpeeches(ctx)) }),
        resolve: (item) => item.speeches.filter((speech) => stateOf(speech) === state).sort(order),
      });
    return {
      agendaItem: t.variant(AgendaItem, { description: 'The item.' }),
      speakingTime: t.int({
        nullable: true,
        description: 'Speaking time per speech in seconds (the item\'s, else the meeting\'s); null: no limit.',
        select: { speakingTimeSeconds: true, meeting: { select: { speakingTimeSeconds: true } } },
        resolve: (item) => item.speakingTimeSeconds ?? item.meeting.speakingTimeSeconds,
      }),
      current: t.field({
        type: Speech,
        nullable: true,
        description: 'The speech being held; null when nobody has the floor.',
        select: (_args, ctx, nestedSelection) => ({ speeches: nestedSelection(allSpeeches(ctx)) }),
        resolve: (item) => item.speeches.find((speech) => stateOf(speech) === 'SPEAKING') ?? null,
      }),
      waiting: inState('WAITING', byPosition, 'The waiting requests in the order they will be called.'),
      finished: inState('FINISHED', byStart, 'Who has spoken, in the order they spoke.'),
    };
  },
});

builder.prismaObjectFields(AgendaItem, (t) => ({
  speakersList: t.field({
    type: SpeakersList,
    nullable: true,
    description: `The speakers' list of this item.${HIDDEN_NOTE}`,
    // The item seen as its list (what t.variant does), with what decides whether the reader may see
    // it: the item's row says whether it is public; only for a non-public one, and only when the
    // viewer's memberships decide (not for staff, nor for a viewer of no organization, such as an
    // anonymous reader of a list of meetings), are its meeting's organizations asked, for all the
    // meetings of the response in one statement.
    select: (_args, _ctx, nestedSelection) => ({ ...nestedSelection({}).select, public: true, meetingId: true }),
    resolve: async (item, _args, ctx) => (item.public || (await readsClosedSession(ctx, item.meetingId)) ? item : null),
  }),
  speeches: t.relation('speeches', {
    description: 'Every request to speak on this item, withdrawn ones included, in the order they were made. Empty for a non-public item the viewer may not read.',
    query: (_args, ctx) => ({ where: readable.speech(ctx.viewer), orderBy: { requestedAt: 'asc' } }),
  }),
  speakingTime: t.int({
    nullable: true,
    description: `Speaking time per speech on this item in seconds; null: the meeting's.${HIDDEN_NOTE}`,
    select: (_args, ctx) => ({ ...itemScopeSelectFor(ctx.viewer), speakingTimeSeconds: true }),
    resolve: (item, _args, ctx) => (mayReadItemDetails(ctx.viewer, item) ? item.speakingTimeSeconds : null),
  }),
}));

builder.prismaObjectField(Meeting, 'speakingTime', (t) =>
  t.exposeInt('speakingTimeSeconds', { nullable: true, description: 'Speaking time per speech in seconds for items without their own; null: no limit.' }),
);
