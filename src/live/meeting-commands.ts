// Running a meeting and its agenda: opening and closing the meeting, starting, completing,
// postponing, withdrawing and annotating items, adding urgent ones. Each command validates the
// meeting's state under the meeting row lock and records its events in the same transaction
// (./event-log.ts); it takes plain arguments and returns the changed record.
import { insertAgendaItem, meetingOfItem } from '../agenda/editing.js';
import type { Prisma } from '../generated/prisma/client.js';
import type { AgendaItemState } from '../generated/prisma/enums.js';
import { invalidState } from '../errors.js';
import { changeMeeting, type LiveDependencies, type MeetingLog } from './event-log.js';
import type { AgendaChange } from './events.js';
import { announceQuorum, requireNotFinished, requireRunning } from './meeting-state.js';
import { endCurrentSpeech } from './speakers-list.js';

type Tx = Prisma.TransactionClient;

/** A vote must be closed before the chair moves on (to another item, or to the end). */
async function requireNoOpenVote(tx: Tx, where: Prisma.AgendaItemWhereInput) {
  if (await tx.vote.count({ where: { state: 'OPEN', agendaItem: where } })) throw invalidState('Close the open vote first.');
}

async function requireItemState(tx: Tx, id: string, states: AgendaItemState[], action: string) {
  const { state } = await tx.agendaItem.findUniqueOrThrow({ where: { id }, select: { state: true } });
  if (!states.includes(state)) throw invalidState(`An item that is ${state.toLowerCase()} cannot be ${action}.`);
}

/** A speech still being held ends with its item. */
async function completeItem(tx: Tx, log: MeetingLog, id: string, at: Date, data: Prisma.AgendaItemUpdateInput = {}) {
  await endCurrentSpeech(tx, log, id, at);
  const item = await tx.agendaItem.update({ where: { id }, data: { ...data, state: 'COMPLETED', end: at } });
  await log.append({ kind: 'AgendaItemCompleted', payload: { agendaItemId: id } });
  return item;
}

/** The running item, if any, completes when another starts or the meeting ends. */
async function completeRunningItem(tx: Tx, log: MeetingLog, at: Date) {
  const running = await tx.agendaItem.findFirst({ where: { meetingId: log.meeting.id, state: 'RUNNING', deleted: false }, select: { id: true } });
  if (running) await completeItem(tx, log, running.id, at);
}

/** The chair opens the meeting: it runs from `at` and its quorum is stated. */
export function startMeeting(live: LiveDependencies, meetingId: string, at?: Date | null) {
  return changeMeeting(live, meetingId, async (tx, log) => {
    if (log.meeting.meetingState !== 'SCHEDULED' || log.meeting.cancelled) throw invalidState('Only a scheduled meeting that is not cancelled can start.');
    const meeting = await tx.meeting.update({ where: { id: meetingId }, data: { meetingState: 'RUNNING', openedAt: at ?? new Date() } });
    await log.append({ kind: 'MeetingStarted', payload: {} });
    await announceQuorum(tx, log, null);
    return meeting;
  });
}

/** Closes the meeting at `at`; the current item completes. */
export function endMeeting(live: LiveDependencies, meetingId: string, at?: Date | null) {
  return changeMeeting(live, meetingId, async (tx, log) => {
    const closedAt = at ?? new Date();
    requireRunning(log.meeting);
    await requireNoOpenVote(tx, { meetingId });
    await completeRunningItem(tx, log, closedAt);
    const meeting = await tx.meeting.update({ where: { id: meetingId }, data: { meetingState: 'FINISHED', closedAt } });
    await log.append({ kind: 'MeetingEnded', payload: {} });
    return meeting;
  });
}

/** Makes the item the current one; the previous current item completes. */
export async function startAgendaItem(live: LiveDependencies, agendaItemId: string, at?: Date | null) {
  return changeMeeting(live, await meetingOfItem(live.prisma, agendaItemId), async (tx, log) => {
    requireRunning(log.meeting);
    await requireItemState(tx, agendaItemId, ['PLANNED'], 'started');
    await requireNoOpenVote(tx, { meetingId: log.meeting.id });
    const start = at ?? new Date();
    await completeRunningItem(tx, log, start);
    const item = await tx.agendaItem.update({ where: { id: agendaItemId }, data: { state: 'RUNNING', start } });
    await log.append({ kind: 'AgendaItemStarted', payload: { agendaItemId } });
    return item;
  });
}

export interface Completion {
  result?: string | null;
  resolutionText?: string | null;
  at?: Date | null;
}

/** The current item was dealt with, with its result and resolution. */
export async function completeAgendaItem(live: LiveDependencies, agendaItemId: string, { result, resolutionText, at }: Completion) {
  return changeMeeting(live, await meetingOfItem(live.prisma, agendaItemId), async (tx, log) => {
    requireRunning(log.meeting);
    await requireItemState(tx, agendaItemId, ['RUNNING'], 'completed');
    await requireNoOpenVote(tx, { id: agendaItemId });
    return completeItem(tx, log, agendaItemId, at ?? new Date(), { result, resolutionText });
  });
}

export interface UrgentItem {
  name: string;
  subtitle?: string | null;
  public: boolean;
  number?: string | null;
  parentId?: string | null;
}

/** A late item (Nachtrag) at `number`, or under `parentId`, by default last; the agenda is renumbered. */
export function addUrgentAgendaItem(live: LiveDependencies, meetingId: string, { name, subtitle, number, parentId, ...item }: UrgentItem) {
  return changeMeeting(live, meetingId, async (tx, log) => {
    requireNotFinished(log.meeting);
    const id = await insertAgendaItem(tx, meetingId, { name, subtitle, urgent: true }, { number, parentId: parentId ?? null, public: item.public });
    await log.append({ kind: 'AgendaChanged', payload: { agendaItemId: id, change: 'ADDED' } });
    return tx.agendaItem.findUniqueOrThrow({ where: { id } });
  });
}

interface ItemChange {
  change: AgendaChange;
  /** The states the item may be in, and what the refusal says cannot be done. */
  from: AgendaItemState[];
  action: string;
  data: Prisma.AgendaItemUpdateInput;
}

/** A change of one item's own fields, reported as AgendaChanged. */
async function changeItem(live: LiveDependencies, agendaItemId: string, { change, from, action, data }: ItemChange) {
  return changeMeeting(live, await meetingOfItem(live.prisma, agendaItemId), async (tx, log) => {
    requireNotFinished(log.meeting);
    await requireItemState(tx, agendaItemId, from, action);
    const item = await tx.agendaItem.update({ where: { id: agendaItemId }, data });
    await log.append({ kind: 'AgendaChanged', payload: { agendaItemId, change } });
    return item;
  });
}

// Postponed (vertagt) and withdrawn (zurückgezogen) items keep their number: the agenda as
// sent out stays the reference, and the minutes list them under it.

export const postponeAgendaItem = (live: LiveDependencies, agendaItemId: string) =>
  changeItem(live, agendaItemId, { change: 'POSTPONED', from: ['PLANNED'], action: 'postponed', data: { state: 'POSTPONED' } });

export const withdrawAgendaItem = (live: LiveDependencies, agendaItemId: string) =>
  changeItem(live, agendaItemId, { change: 'WITHDRAWN', from: ['PLANNED'], action: 'withdrawn', data: { state: 'WITHDRAWN' } });

/** Sets the protocol text of the current item. */
export const annotateAgendaItem = (live: LiveDependencies, agendaItemId: string, protocolText: string | null) =>
  changeItem(live, agendaItemId, { change: 'ANNOTATED', from: ['RUNNING'], action: 'annotated (only the current item is)', data: { protocolText } });
