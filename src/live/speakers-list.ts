// The speakers' list (Redeliste) of the current agenda item: members ask to speak from their
// devices, the clerk adds whoever the chair gives the floor, reorders, calls and ends speeches.
// A point of order ("Zur Geschäftsordnung") goes in front of the first regular request, so
// behind the points of order already waiting. Waiting requests are numbered 1…n without gaps;
// every command changes the list under the meeting row lock and records its event in the same
// transaction (./event-log.ts), which keeps the numbering dense and one waiting request per
// person and kind without further constraints.
//
// Who may speak: whoever is recorded as present. Members (and substitutes, the chair, the
// administration) ask by themselves; a guest speaks when the chair gives the floor, so only the
// clerk puts guests on the list. Whoever is not present is NOT_ENTITLED.
import { meetingOfItem } from '../agenda/editing.js';
import { itemDetailsWhere, readable } from '../access/visibility.js';
import { isStaff, type Viewer } from '../access/viewer.js';
import type { Prisma } from '../generated/prisma/client.js';
import type { SpeechKind } from '../generated/prisma/enums.js';
import { ApiError, badInput, forbidden, invalidState, notFound } from '../errors.js';
import { changeMeeting, type LiveDependencies, type MeetingLog } from './event-log.js';
import type { SpeechChange } from './events.js';
import { requireNotFinished, requireRunning } from './meeting-state.js';

type Tx = Prisma.TransactionClient;

/** Requests not yet called and not withdrawn. */
const waitingSpeech = { startedAt: null, withdrawnAt: null } satisfies Prisma.SpeechWhereInput;
/** The speech being held. */
const currentSpeech = { startedAt: { not: null }, endedAt: null } satisfies Prisma.SpeechWhereInput;

const record = (log: MeetingLog, agendaItemId: string, speechId: string, change: SpeechChange) =>
  log.append({ kind: 'SpeakersListChanged', payload: { agendaItemId, speechId, change } });

/** The list is kept for the current item of a running meeting only. */
async function requireCurrentItem(tx: Tx, log: MeetingLog, agendaItemId: string) {
  requireRunning(log.meeting);
  const { state } = await tx.agendaItem.findUniqueOrThrow({ where: { id: agendaItemId }, select: { state: true } });
  if (state !== 'RUNNING') throw invalidState(`The item is ${state.toLowerCase()}: the speakers' list is kept for the current item only.`);
}

/** The meeting of an item the viewer may read the details of; a hidden item is unknown. */
export async function meetingOfReadableItem(prisma: Tx, viewer: Viewer, agendaItemId: string) {
  const item = await prisma.agendaItem.findFirst({
    where: { id: agendaItemId, AND: [readable.agendaItem(viewer), itemDetailsWhere(viewer)] },
    select: { meetingId: true },
  });
  if (!item) throw notFound('Agenda item');
  return item.meetingId;
}

async function requirePresent(tx: Tx, meetingId: string, personId: string, byClerk: boolean) {
  const attendance = await tx.attendance.findUnique({ where: { meetingId_personId: { meetingId, personId } }, select: { status: true, role: true } });
  if (attendance?.status !== 'PRESENT') throw new ApiError('NOT_ENTITLED', 'Only persons recorded as present at the meeting may speak.');
  if (!byClerk && attendance.role === 'GUEST') throw new ApiError('NOT_ENTITLED', 'A guest speaks when the chair gives the floor: the clerk puts guests on the list.');
}

/** The waiting request `speechId` of the item, read under the lock. */
async function waitingRequest(tx: Tx, agendaItemId: string, speechId: string) {
  const speech = await tx.speech.findFirst({ where: { id: speechId, agendaItemId } });
  if (!speech) throw notFound('Speech');
  if (speech.withdrawnAt || speech.startedAt || speech.position === null) throw invalidState('The request is no longer waiting.');
  return { ...speech, position: speech.position };
}

/** Takes a waiting request off the list; those behind it move up. */
async function leaveList(tx: Tx, agendaItemId: string, position: number) {
  await tx.speech.updateMany({ where: { agendaItemId, ...waitingSpeech, position: { gt: position } }, data: { position: { decrement: 1 } } });
}

interface Request {
  agendaItemId: string;
  personId: string;
  kind: SpeechKind;
  /** Put on the list by the clerk (who may add guests) rather than by the person. */
  byClerk: boolean;
}

async function enlist(live: LiveDependencies, meetingId: string, { agendaItemId, personId, kind, byClerk }: Request) {
  return changeMeeting(live, meetingId, async (tx, log) => {
    await requireCurrentItem(tx, log, agendaItemId);
    await requirePresent(tx, meetingId, personId, byClerk);
    if (await tx.speech.count({ where: { agendaItemId, personId, kind, ...waitingSpeech } })) {
      throw new ApiError('ALREADY_REQUESTED', kind === 'POINT_OF_ORDER' ? 'This point of order is waiting already.' : 'This person is on the speakers\' list already.');
    }
    const waiting = await tx.speech.count({ where: { agendaItemId, ...waitingSpeech } });
    const firstRegular = kind === 'POINT_OF_ORDER' ? await tx.speech.findFirst({ where: { agendaItemId, kind: 'REGULAR', ...waitingSpeech }, orderBy: { position: 'asc' } }) : null;
    const position = firstRegular?.position ?? waiting + 1;
    await tx.speech.updateMany({ where: { agendaItemId, ...waitingSpeech, position: { gte: position } }, data: { position: { increment: 1 } } });
    const speech = await tx.speech.create({ data: { agendaItemId, personId, kind, position } });
    await record(log, agendaItemId, speech.id, 'REQUESTED');
    return speech;
  });
}

/** The signed-in person asks to speak on the current item. */
export async function requestToSpeak(live: LiveDependencies, viewer: Viewer & { personId: string }, agendaItemId: string, kind: SpeechKind) {
  const meetingId = await meetingOfReadableItem(live.prisma, viewer, agendaItemId);
  return enlist(live, meetingId, { agendaItemId, personId: viewer.personId, kind, byClerk: false });
}

/** The clerk puts a person present on the list of the current item. */
export async function addSpeechRequest(live: LiveDependencies, agendaItemId: string, personId: string, kind: SpeechKind) {
  if (!(await live.prisma.person.count({ where: { id: personId, deleted: false } }))) throw notFound('Person');
  return enlist(live, await meetingOfItem(live.prisma, agendaItemId), { agendaItemId, personId, kind, byClerk: true });
}

/** The request and the meeting whose row a change of it locks; with a viewer, as far as they may see it. */
async function speechWithMeeting(prisma: Tx, speechId: string, viewer?: Viewer) {
  const speech = await prisma.speech.findFirst({
    where: { id: speechId, agendaItem: { deleted: false }, ...(viewer && readable.speech(viewer)) },
    select: { agendaItemId: true, personId: true, agendaItem: { select: { meetingId: true } } },
  });
  if (!speech) throw notFound('Speech');
  return speech;
}

/** The person takes back their own request; the clerk anyone's. */
export async function withdrawSpeechRequest(live: LiveDependencies, viewer: Viewer, speechId: string) {
  const { agendaItemId, personId, agendaItem } = await speechWithMeeting(live.prisma, speechId, viewer);
  if (!isStaff(viewer) && personId !== viewer.personId) throw forbidden('Only the clerk withdraws the request of someone else.');
  return changeMeeting(live, agendaItem.meetingId, async (tx, log) => {
    await requireCurrentItem(tx, log, agendaItemId);
    const speech = await waitingRequest(tx, agendaItemId, speechId);
    await leaveList(tx, agendaItemId, speech.position);
    const withdrawn = await tx.speech.update({ where: { id: speechId }, data: { withdrawnAt: new Date(), position: null } });
    await record(log, agendaItemId, speechId, 'WITHDRAWN');
    return withdrawn;
  });
}

/** Moves a waiting request to `position` (1-based; beyond the end: last). */
export async function moveSpeechRequest(live: LiveDependencies, speechId: string, position: number) {
  if (!Number.isInteger(position) || position < 1) throw badInput('position must be 1 or more.', 'position');
  const { agendaItemId, agendaItem } = await speechWithMeeting(live.prisma, speechId);
  return changeMeeting(live, agendaItem.meetingId, async (tx, log) => {
    await requireCurrentItem(tx, log, agendaItemId);
    const speech = await waitingRequest(tx, agendaItemId, speechId);
    const target = Math.min(position, await tx.speech.count({ where: { agendaItemId, ...waitingSpeech } }));
    if (target !== speech.position) {
      const [range, step] = target < speech.position ? [{ gte: target, lt: speech.position }, { increment: 1 }] : [{ gt: speech.position, lte: target }, { decrement: 1 }];
      await tx.speech.updateMany({ where: { agendaItemId, ...waitingSpeech, id: { not: speechId }, position: range }, data: { position: step } });
    }
    const moved = await tx.speech.update({ where: { id: speechId }, data: { position: target } });
    await record(log, agendaItemId, speechId, 'MOVED');
    return moved;
  });
}

/** Ends the speech being held on the item, if any (also when the item completes). */
export async function endCurrentSpeech(tx: Tx, log: MeetingLog, agendaItemId: string, at: Date) {
  const current = await tx.speech.findFirst({ where: { agendaItemId, ...currentSpeech } });
  if (!current) return null;
  if (current.startedAt && at < current.startedAt) throw badInput('at must not be before the start of the speech.', 'at');
  const ended = await tx.speech.update({ where: { id: current.id }, data: { endedAt: at } });
  await record(log, agendaItemId, current.id, 'ENDED');
  return ended;
}

/** Gives the floor to the first waiting request, or to `speechId`; a speech being held ends. */
export async function startSpeech(live: LiveDependencies, agendaItemId: string, speechId?: string | null, at?: Date | null) {
  return changeMeeting(live, await meetingOfItem(live.prisma, agendaItemId), async (tx, log) => {
    await requireCurrentItem(tx, log, agendaItemId);
    const next = speechId
      ? await waitingRequest(tx, agendaItemId, speechId)
      : await tx.speech.findFirst({ where: { agendaItemId, ...waitingSpeech }, orderBy: { position: 'asc' } });
    if (!next?.position) throw invalidState('Nobody is waiting to speak.');
    const start = at ?? new Date();
    await endCurrentSpeech(tx, log, agendaItemId, start);
    await leaveList(tx, agendaItemId, next.position);
    const started = await tx.speech.update({ where: { id: next.id }, data: { startedAt: start, position: null } });
    await record(log, agendaItemId, next.id, 'STARTED');
    return started;
  });
}

/** Ends the speech being held on the current item. */
export async function endSpeech(live: LiveDependencies, agendaItemId: string, at?: Date | null) {
  return changeMeeting(live, await meetingOfItem(live.prisma, agendaItemId), async (tx, log) => {
    await requireCurrentItem(tx, log, agendaItemId);
    const ended = await endCurrentSpeech(tx, log, agendaItemId, at ?? new Date());
    if (!ended) throw invalidState('Nobody is speaking.');
    return ended;
  });
}

/** The speaking time per speech for the meeting's items without their own; null: none. */
export function setMeetingSpeakingTime(live: LiveDependencies, meetingId: string, seconds: number | null) {
  return changeMeeting(live, meetingId, async (tx, log) => {
    requireNotFinished(log.meeting);
    const meeting = await tx.meeting.update({ where: { id: meetingId }, data: { speakingTimeSeconds: seconds } });
    await log.append({ kind: 'SpeakingTimeChanged', payload: {} });
    return meeting;
  });
}

/** The speaking time per speech on one item; null: the meeting's. */
export async function setAgendaItemSpeakingTime(live: LiveDependencies, agendaItemId: string, seconds: number | null) {
  return changeMeeting(live, await meetingOfItem(live.prisma, agendaItemId), async (tx, log) => {
    requireNotFinished(log.meeting);
    const item = await tx.agendaItem.update({ where: { id: agendaItemId }, data: { speakingTimeSeconds: seconds } });
    await log.append({ kind: 'SpeakingTimeChanged', payload: { agendaItemId } });
    return item;
  });
}
