// Running a meeting: the clerk's mutations for the meeting, its agenda and its attendance. Each
// validates the meeting's state under the meeting row lock and records its events in the same
// transaction (src/live/event-log.ts); subscribers learn of them after the commit.
import { insertAgendaItem } from '../agenda/editing.js';
import type { AgendaItemState, AttendanceRole as Role } from '../generated/prisma/enums.js';
import type { Prisma } from '../generated/prisma/client.js';
import { badInput, invalidState, notFound } from '../errors.js';
import { changeMeeting, meetingOfItem, type AgendaChange, type LockedMeeting, type MeetingLog } from '../live/event-log.js';
import { quorumOf, SUBSTITUTE_ROLE, type Quorum } from '../rules/quorum.js';
import { AttendanceRole, AttendanceStatus } from './attendance.js';
import { builder } from './builder.js';
import type { Context } from './context.js';
import { idOf } from './ids.js';
import { optionalText, requiredText } from './validate.js';

type Tx = Prisma.TransactionClient;

function requireRunning(meeting: LockedMeeting) {
  if (meeting.meetingState !== 'RUNNING') throw invalidState(`The meeting is ${meeting.meetingState.toLowerCase()}, not running.`);
}

function requireNotFinished(meeting: LockedMeeting) {
  if (meeting.meetingState === 'FINISHED' || meeting.cancelled) throw invalidState('The meeting has ended or was cancelled.');
}

/** A vote must be closed before the chair moves on (to another item, or to the end). */
async function requireNoOpenVote(tx: Tx, where: Prisma.AgendaItemWhereInput) {
  if (await tx.vote.count({ where: { state: 'OPEN', agendaItem: where } })) throw invalidState('Close the open vote first.');
}

async function requireItemState(tx: Tx, id: string, states: AgendaItemState[], action: string) {
  const { state } = await tx.agendaItem.findUniqueOrThrow({ where: { id }, select: { state: true } });
  if (!states.includes(state)) throw invalidState(`An item that is ${state.toLowerCase()} cannot be ${action}.`);
}

async function completeItem(tx: Tx, log: MeetingLog, id: string, at: Date, data: Prisma.AgendaItemUpdateInput = {}, query: object = {}) {
  const item = await tx.agendaItem.update({ ...query, where: { id }, data: { ...data, state: 'COMPLETED', end: at } });
  await log.append('AgendaItemCompleted', { agendaItemId: id });
  return item;
}

/** The running item, if any, completes when another starts or the meeting ends. */
async function completeRunningItem(tx: Tx, log: MeetingLog, at: Date) {
  const running = await tx.agendaItem.findFirst({ where: { meetingId: log.meeting.id, state: 'RUNNING', deleted: false }, select: { id: true } });
  if (running) await completeItem(tx, log, running.id, at);
}

async function appendQuorumIfChanged(tx: Tx, log: MeetingLog, before: Quorum | null) {
  const quorum = await quorumOf(tx, log.meeting.id);
  if (before && before.present === quorum.present && before.seats === quorum.seats) return;
  await log.append('QuorumChanged', { present: quorum.present, seats: quorum.seats });
}

/** Attendance counts for the quorum only while the meeting runs; before, it is the roll. */
async function attendanceChanged(tx: Tx, log: MeetingLog, attendanceId: string, before: Quorum) {
  await log.append('AttendanceChanged', { attendanceId });
  if (log.meeting.meetingState === 'RUNNING') await appendQuorumIfChanged(tx, log, before);
}

/** The role at the meeting follows from the membership, unless the clerk names it. */
async function defaultRole(tx: Tx, meetingId: string, personId: string, substituteForId: string | null | undefined): Promise<Role> {
  if (substituteForId) return 'SUBSTITUTE';
  const membership = await tx.membership.findFirst({
    where: { personId, deleted: false, organization: { meetings: { some: { meetingId } } } },
    orderBy: { votingRight: 'desc' },
    select: { role: true, votingRight: true },
  });
  if (!membership) return 'GUEST';
  if (membership.role === 'Vorsitz') return 'CHAIR';
  if (membership.role === SUBSTITUTE_ROLE) return 'SUBSTITUTE';
  return membership.votingRight ? 'MEMBER' : 'ADMINISTRATION';
}

interface ItemChange {
  change: AgendaChange;
  /** The states the item may be in, and what the refusal says cannot be done. */
  from: AgendaItemState[];
  action: string;
  /** Evaluated under the lock, after the state checks. */
  data: () => Prisma.AgendaItemUpdateInput;
}

/** A clerk's change of one item's own fields, reported as AgendaChanged. */
async function changeItem(ctx: Context, query: object, agendaItemId: string, { change, from, action, data }: ItemChange) {
  const id = idOf(agendaItemId, 'AgendaItem', 'agendaItemId');
  return changeMeeting(ctx, await meetingOfItem(ctx.prisma, id), async (tx, log) => {
    requireNotFinished(log.meeting);
    await requireItemState(tx, id, from, action);
    const item = await tx.agendaItem.update({ ...query, where: { id }, data: data() });
    await log.append('AgendaChanged', { agendaItemId: id, change });
    return item;
  });
}

builder.mutationFields((t) => {
  const when = () => t.arg({ type: 'DateTime', description: 'When it happened; by default now.' });
  return {
    startMeeting: t.prismaField({
      type: 'Meeting',
      description: 'The chair opens the meeting: it runs from now (or `at`) and its quorum is stated.',
      args: { meetingId: t.arg.id({ required: true }), at: when() },
      resolve: async (query, _root, args, ctx) => {
        const meetingId = idOf(args.meetingId, 'Meeting', 'meetingId');
        return changeMeeting(ctx, meetingId, async (tx, log) => {
          if (log.meeting.meetingState !== 'SCHEDULED' || log.meeting.cancelled) throw invalidState('Only a scheduled meeting that is not cancelled can start.');
          const meeting = await tx.meeting.update({ ...query, where: { id: meetingId }, data: { meetingState: 'RUNNING', openedAt: args.at ?? new Date() } });
          await log.append('MeetingStarted');
          await appendQuorumIfChanged(tx, log, null);
          return meeting;
        });
      },
    }),
    endMeeting: t.prismaField({
      type: 'Meeting',
      description: 'Closes the meeting; the current item completes.',
      args: { meetingId: t.arg.id({ required: true }), at: when() },
      resolve: async (query, _root, args, ctx) => {
        const meetingId = idOf(args.meetingId, 'Meeting', 'meetingId');
        return changeMeeting(ctx, meetingId, async (tx, log) => {
          requireRunning(log.meeting);
          await requireNoOpenVote(tx, { meetingId });
          const closedAt = args.at ?? new Date();
          await completeRunningItem(tx, log, closedAt);
          const meeting = await tx.meeting.update({ ...query, where: { id: meetingId }, data: { meetingState: 'FINISHED', closedAt } });
          await log.append('MeetingEnded');
          return meeting;
        });
      },
    }),
    startAgendaItem: t.prismaField({
      type: 'AgendaItem',
      description: 'Makes the item the current one; the previous current item completes.',
      args: { agendaItemId: t.arg.id({ required: true }), at: when() },
      resolve: async (query, _root, args, ctx) => {
        const id = idOf(args.agendaItemId, 'AgendaItem', 'agendaItemId');
        return changeMeeting(ctx, await meetingOfItem(ctx.prisma, id), async (tx, log) => {
          requireRunning(log.meeting);
          await requireItemState(tx, id, ['PLANNED'], 'started');
          await requireNoOpenVote(tx, { meetingId: log.meeting.id });
          const start = args.at ?? new Date();
          await completeRunningItem(tx, log, start);
          const item = await tx.agendaItem.update({ ...query, where: { id }, data: { state: 'RUNNING', start } });
          await log.append('AgendaItemStarted', { agendaItemId: id });
          return item;
        });
      },
    }),
    completeAgendaItem: t.prismaField({
      type: 'AgendaItem',
      args: { agendaItemId: t.arg.id({ required: true }), result: t.arg.string(), resolutionText: t.arg.string(), at: when() },
      resolve: async (query, _root, args, ctx) => {
        const id = idOf(args.agendaItemId, 'AgendaItem', 'agendaItemId');
        return changeMeeting(ctx, await meetingOfItem(ctx.prisma, id), async (tx, log) => {
          requireRunning(log.meeting);
          await requireItemState(tx, id, ['RUNNING'], 'completed');
          await requireNoOpenVote(tx, { id });
          const data = { result: optionalText(args.result, 'result'), resolutionText: optionalText(args.resolutionText, 'resolutionText') };
          return completeItem(tx, log, id, args.at ?? new Date(), data, query);
        });
      },
    }),
    addUrgentAgendaItem: t.prismaField({
      type: 'AgendaItem',
      description: 'Adds a late item (Nachtrag) at `number`, or under `parentId`, by default last; the agenda is renumbered.',
      args: {
        meetingId: t.arg.id({ required: true }),
        name: t.arg.string({ required: true }),
        subtitle: t.arg.string(),
        public: t.arg.boolean({ defaultValue: true }),
        number: t.arg.string(),
        parentId: t.arg.id(),
      },
      resolve: async (query, _root, args, ctx) => {
        const meetingId = idOf(args.meetingId, 'Meeting', 'meetingId');
        const name = requiredText(args.name, 'name');
        return changeMeeting(ctx, meetingId, async (tx, log) => {
          requireNotFinished(log.meeting);
          const id = await insertAgendaItem(
            tx,
            meetingId,
            { name, subtitle: optionalText(args.subtitle, 'subtitle'), urgent: true },
            { number: args.number, parentId: args.parentId ? idOf(args.parentId, 'AgendaItem', 'parentId') : null, public: args.public ?? true },
          );
          await log.append('AgendaChanged', { agendaItemId: id, change: 'ADDED' });
          return tx.agendaItem.findUniqueOrThrow({ ...query, where: { id } });
        });
      },
    }),
    // Postponed (vertagt) and withdrawn (zurückgezogen) items keep their number: the agenda as
    // sent out stays the reference, and the minutes list them under it.
    postponeAgendaItem: t.prismaField({
      type: 'AgendaItem',
      description: 'The item is not dealt with in this meeting (vertagt); it keeps its number.',
      args: { agendaItemId: t.arg.id({ required: true }) },
      resolve: (query, _root, args, ctx) =>
        changeItem(ctx, query, args.agendaItemId, { change: 'POSTPONED', from: ['PLANNED'], action: 'postponed', data: () => ({ state: 'POSTPONED' }) }),
    }),
    withdrawAgendaItem: t.prismaField({
      type: 'AgendaItem',
      description: 'The item was withdrawn (zurückgezogen); it keeps its number.',
      args: { agendaItemId: t.arg.id({ required: true }) },
      resolve: (query, _root, args, ctx) =>
        changeItem(ctx, query, args.agendaItemId, { change: 'WITHDRAWN', from: ['PLANNED'], action: 'withdrawn', data: () => ({ state: 'WITHDRAWN' }) }),
    }),
    annotateAgendaItem: t.prismaField({
      type: 'AgendaItem',
      description: 'Sets the protocol text of the current item.',
      args: { agendaItemId: t.arg.id({ required: true }), protocolText: t.arg.string({ required: true }) },
      resolve: (query, _root, args, ctx) =>
        changeItem(ctx, query, args.agendaItemId, {
          change: 'ANNOTATED',
          from: ['RUNNING'],
          action: 'annotated (only the current item is)',
          data: () => ({ protocolText: optionalText(args.protocolText, 'protocolText') }),
        }),
    }),
    recordAttendance: t.prismaField({
      type: 'Attendance',
      description:
        'Arrival (PRESENT), leaving (ABSENT while the meeting runs) or an excuse (EXCUSED), from now or `at`. A substitute names the member replaced.',
      args: {
        meetingId: t.arg.id({ required: true }),
        personId: t.arg.id({ required: true }),
        status: t.arg({ type: AttendanceStatus, required: true }),
        substituteForId: t.arg.id(),
        role: t.arg({ type: AttendanceRole, description: 'By default from the membership.' }),
        at: when(),
      },
      resolve: async (query, _root, args, ctx) => {
        const meetingId = idOf(args.meetingId, 'Meeting', 'meetingId');
        const personId = idOf(args.personId, 'Person', 'personId');
        const substituteForId = args.substituteForId ? idOf(args.substituteForId, 'Person', 'substituteForId') : undefined;
        if (substituteForId === personId) throw badInput('A person cannot substitute for themselves.', 'substituteForId');
        return changeMeeting(ctx, meetingId, async (tx, log) => {
          requireNotFinished(log.meeting);
          const ids = [personId, ...(substituteForId ? [substituteForId] : [])];
          if ((await tx.person.count({ where: { id: { in: ids }, deleted: false } })) !== ids.length) throw notFound('Person');
          const before = await quorumOf(tx, meetingId);
          const previous = await tx.attendance.findUnique({ where: { meetingId_personId: { meetingId, personId } } });
          const running = log.meeting.meetingState === 'RUNNING';
          const time = args.at ?? (running ? new Date() : null);
          const arriving = args.status === 'PRESENT';
          const leaving = !arriving && previous?.status === 'PRESENT';
          const role = args.role ?? previous?.role ?? (await defaultRole(tx, meetingId, personId, substituteForId));
          const data = {
            status: args.status,
            role,
            substituteForId: substituteForId ?? previous?.substituteForId ?? null,
            ...(arriving ? { arrivedAt: running || args.at ? time : previous?.arrivedAt, leftAt: null } : {}),
            ...(leaving ? { leftAt: time } : {}),
          };
          const attendance = await tx.attendance.upsert({
            where: { meetingId_personId: { meetingId, personId } },
            create: { meetingId, personId, ...data },
            update: data,
            select: { id: true },
          });
          await attendanceChanged(tx, log, attendance.id, before);
          return tx.attendance.findUniqueOrThrow({ ...query, where: { id: attendance.id } });
        });
      },
    }),
    correctAttendance: t.prismaField({
      type: 'Attendance',
      description: 'Corrects a mistaken attendance entry; only the given fields change (null clears a time or the substitution).',
      args: {
        attendanceId: t.arg.id({ required: true }),
        status: t.arg({ type: AttendanceStatus }),
        role: t.arg({ type: AttendanceRole }),
        substituteForId: t.arg.id(),
        arrivedAt: t.arg({ type: 'DateTime' }),
        leftAt: t.arg({ type: 'DateTime' }),
      },
      resolve: async (query, _root, args, ctx) => {
        const id = idOf(args.attendanceId, 'Attendance', 'attendanceId');
        const existing = await ctx.prisma.attendance.findUnique({ where: { id }, select: { meetingId: true, personId: true } });
        if (!existing) throw notFound('Attendance');
        if (args.status === null || args.role === null) throw badInput('status and role cannot be null.', args.status === null ? 'status' : 'role');
        const substituteForId = args.substituteForId ? idOf(args.substituteForId, 'Person', 'substituteForId') : args.substituteForId;
        if (substituteForId === existing.personId) throw badInput('A person cannot substitute for themselves.', 'substituteForId');
        return changeMeeting(ctx, existing.meetingId, async (tx, log) => {
          const before = await quorumOf(tx, existing.meetingId);
          await tx.attendance.update({
            where: { id },
            data: { status: args.status ?? undefined, role: args.role ?? undefined, substituteForId, arrivedAt: args.arrivedAt, leftAt: args.leftAt },
          });
          await attendanceChanged(tx, log, id, before);
          return tx.attendance.findUniqueOrThrow({ ...query, where: { id } });
        });
      },
    }),
  };
});
