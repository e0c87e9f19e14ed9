// The clerk's mutations for running a meeting, its agenda and its attendance: each parses its
// arguments, calls the command of the live layer (src/live/) and selects from the result.
import { badInput } from '../errors.js';
import { correctAttendance, recordPresence } from '../live/attendance.js';
import type { LiveDependencies } from '../live/event-log.js';
import * as commands from '../live/meeting-commands.js';
import { AttendanceRole, AttendanceStatus } from './attendance.js';
import { builder } from './builder.js';
import { mutation } from './descriptions.js';
import type { Context } from './context.js';
import { idOf } from '../global-id.js';
import { optionalText, requiredText } from './validate.js';

/** The live layer's dependencies, from the request's context. */
export const liveOf = (ctx: Context): LiveDependencies => ({ prisma: ctx.prisma, pubsub: ctx.services.live.pubsub });

builder.mutationFields((t) => {
  const when = () => t.arg({ type: 'DateTime', description: 'When it happened; by default now.' });
  return {
    startMeeting: t.prismaField({
      type: 'Meeting',
      description: mutation('The chair opens the meeting: it runs from now (or `at`) and its quorum is stated.', ['NOT_FOUND', 'INVALID_STATE']),
      args: { meetingId: t.arg.id({ required: true, description: 'A scheduled meeting that is not cancelled.' }), at: when() },
      resolve: async (query, _root, args, ctx) => {
        const { id } = await commands.startMeeting(liveOf(ctx), idOf(args.meetingId, 'Meeting', 'meetingId'), args.at);
        return ctx.prisma.meeting.findUniqueOrThrow({ ...query, where: { id } });
      },
    }),
    endMeeting: t.prismaField({
      type: 'Meeting',
      description: mutation('Closes the meeting; the current item completes. No vote may be open.', ['NOT_FOUND', 'INVALID_STATE']),
      args: { meetingId: t.arg.id({ required: true, description: 'The running meeting.' }), at: when() },
      resolve: async (query, _root, args, ctx) => {
        const { id } = await commands.endMeeting(liveOf(ctx), idOf(args.meetingId, 'Meeting', 'meetingId'), args.at);
        return ctx.prisma.meeting.findUniqueOrThrow({ ...query, where: { id } });
      },
    }),
    startAgendaItem: t.prismaField({
      type: 'AgendaItem',
      description: mutation('Makes the item the current one; the previous current item completes. No vote may be open.', ['NOT_FOUND', 'INVALID_STATE']),
      args: { agendaItemId: t.arg.id({ required: true, description: 'A planned item of the running meeting.' }), at: when() },
      resolve: async (query, _root, args, ctx) => {
        const { id } = await commands.startAgendaItem(liveOf(ctx), idOf(args.agendaItemId, 'AgendaItem', 'agendaItemId'), args.at);
        return ctx.prisma.agendaItem.findUniqueOrThrow({ ...query, where: { id } });
      },
    }),
    completeAgendaItem: t.prismaField({
      type: 'AgendaItem',
      description: mutation('Completes the current item, with its result and resolution. No vote on it may be open.', ['NOT_FOUND', 'INVALID_STATE']),
      args: {
        agendaItemId: t.arg.id({ required: true, description: 'The current (running) item.' }),
        result: t.arg.string({ description: 'e.g. "einstimmig angenommen".' }),
        resolutionText: t.arg.string({ description: 'The resolution (Beschluss).' }),
        at: when(),
      },
      resolve: async (query, _root, args, ctx) => {
        const { id } = await commands.completeAgendaItem(liveOf(ctx), idOf(args.agendaItemId, 'AgendaItem', 'agendaItemId'), {
          result: optionalText(args.result, 'result'),
          resolutionText: optionalText(args.resolutionText, 'resolutionText'),
          at: args.at,
        });
        return ctx.prisma.agendaItem.findUniqueOrThrow({ ...query, where: { id } });
      },
    }),
    addUrgentAgendaItem: t.prismaField({
      type: 'AgendaItem',
      description: mutation(
        'Adds a late item (Nachtrag) at `number`, or under `parentId`, by default last; the agenda is renumbered. Not after the meeting has ended.',
        ['NOT_FOUND', 'INVALID_STATE'],
      ),
      args: {
        meetingId: t.arg.id({ required: true, description: 'The meeting.' }),
        name: t.arg.string({ required: true, description: 'The title.' }),
        subtitle: t.arg.string({ description: 'The "hier: …" line.' }),
        public: t.arg.boolean({ defaultValue: true, description: 'False puts it into the non-public part.' }),
        number: t.arg.string({ description: 'Where it goes, e.g. "6.2"; later items move down.' }),
        parentId: t.arg.id({ description: 'Makes it a sub-item of this AgendaItem.' }),
      },
      resolve: async (query, _root, args, ctx) => {
        const { id } = await commands.addUrgentAgendaItem(liveOf(ctx), idOf(args.meetingId, 'Meeting', 'meetingId'), {
          name: requiredText(args.name, 'name'),
          subtitle: optionalText(args.subtitle, 'subtitle'),
          public: args.public ?? true,
          number: args.number,
          parentId: args.parentId ? idOf(args.parentId, 'AgendaItem', 'parentId') : null,
        });
        return ctx.prisma.agendaItem.findUniqueOrThrow({ ...query, where: { id } });
      },
    }),
    postponeAgendaItem: t.prismaField({
      type: 'AgendaItem',
      description: mutation('The item is not dealt with in this meeting (vertagt); it keeps its number.', ['NOT_FOUND', 'INVALID_STATE']),
      args: { agendaItemId: t.arg.id({ required: true, description: 'A planned item.' }) },
      resolve: async (query, _root, args, ctx) => {
        const { id } = await commands.postponeAgendaItem(liveOf(ctx), idOf(args.agendaItemId, 'AgendaItem', 'agendaItemId'));
        return ctx.prisma.agendaItem.findUniqueOrThrow({ ...query, where: { id } });
      },
    }),
    withdrawAgendaItem: t.prismaField({
      type: 'AgendaItem',
      description: mutation('The item was withdrawn (zurückgezogen); it keeps its number.', ['NOT_FOUND', 'INVALID_STATE']),
      args: { agendaItemId: t.arg.id({ required: true, description: 'A planned item.' }) },
      resolve: async (query, _root, args, ctx) => {
        const { id } = await commands.withdrawAgendaItem(liveOf(ctx), idOf(args.agendaItemId, 'AgendaItem', 'agendaItemId'));
        return ctx.prisma.agendaItem.findUniqueOrThrow({ ...query, where: { id } });
      },
    }),
    annotateAgendaItem: t.prismaField({
      type: 'AgendaItem',
      description: mutation('Sets the protocol text of the current item.', ['NOT_FOUND', 'INVALID_STATE']),
      args: {
        agendaItemId: t.arg.id({ required: true, description: 'The current (running) item.' }),
        protocolText: t.arg.string({ required: true, description: 'What the minutes say under the item; replaces the old text.' }),
      },
      resolve: async (query, _root, args, ctx) => {
        const id = idOf(args.agendaItemId, 'AgendaItem', 'agendaItemId');
        await commands.annotateAgendaItem(liveOf(ctx), id, optionalText(args.protocolText, 'protocolText') ?? null);
        return ctx.prisma.agendaItem.findUniqueOrThrow({ ...query, where: { id } });
      },
    }),
    recordAttendance: t.prismaField({
      type: 'Attendance',
      description:
        mutation(
          'Arrival (PRESENT), leaving (ABSENT while the meeting runs) or an excuse (EXCUSED), from now or `at`. A substitute names the member replaced. ' +
            'Not after the meeting has ended.',
          ['NOT_FOUND', 'INVALID_STATE'],
        ),
      args: {
        meetingId: t.arg.id({ required: true, description: 'The meeting.' }),
        personId: t.arg.id({ required: true, description: 'The person arriving, leaving or excused.' }),
        status: t.arg({ type: AttendanceStatus, required: true, description: 'Present, absent or excused.' }),
        substituteForId: t.arg.id({ description: 'The member (a Person) this person stands in for.' }),
        role: t.arg({ type: AttendanceRole, description: 'By default from the membership.' }),
        at: when(),
      },
      resolve: async (query, _root, args, ctx) => {
        const { id } = await ctx.services.live.attendance.recordAttendance({
          meetingId: idOf(args.meetingId, 'Meeting', 'meetingId'),
          personId: idOf(args.personId, 'Person', 'personId'),
          status: args.status,
          substituteForId: args.substituteForId ? idOf(args.substituteForId, 'Person', 'substituteForId') : undefined,
          role: args.role,
          at: args.at,
        });
        return ctx.prisma.attendance.findUniqueOrThrow({ ...query, where: { id } });
      },
    }),
    recordPresence: t.prismaField({
      type: 'Meeting',
      description: mutation(
        'The clerk records many persons present at once, from now or `at`: `personIds`, or by default every member holding a seat in the meeting\'s organizations. ' +
          'Those present already stay as they are; the others arrive, in one PresenceRecorded event. Not after the meeting has ended.',
        ['NOT_FOUND', 'INVALID_STATE'],
      ),
      args: {
        meetingId: t.arg.id({ required: true, description: 'The meeting.' }),
        personIds: t.arg.idList({ description: 'The persons arriving; by default every member holding a seat.' }),
        at: when(),
      },
      resolve: async (query, _root, args, ctx) => {
        const meetingId = idOf(args.meetingId, 'Meeting', 'meetingId');
        await recordPresence(liveOf(ctx), ctx.services.live.quorum, meetingId, {
          personIds: args.personIds?.map((personId) => idOf(personId, 'Person', 'personIds')),
          at: args.at,
        });
        return ctx.prisma.meeting.findUniqueOrThrow({ ...query, where: { id: meetingId } });
      },
    }),
    correctAttendance: t.prismaField({
      type: 'Attendance',
      description: mutation(
        'Corrects a mistaken attendance entry; only the given fields change (null clears a time or the substitution).',
        ['NOT_FOUND', 'INVALID_STATE'],
      ),
      args: {
        attendanceId: t.arg.id({ required: true, description: 'The entry to correct.' }),
        status: t.arg({ type: AttendanceStatus, description: 'Present, absent or excused; not null.' }),
        role: t.arg({ type: AttendanceRole, description: 'In which capacity; not null.' }),
        substituteForId: t.arg.id({ description: 'The member (a Person) stood in for; null clears it.' }),
        arrivedAt: t.arg({ type: 'DateTime', description: 'When the person arrived; null clears it.' }),
        leftAt: t.arg({ type: 'DateTime', description: 'When the person left; null clears it.' }),
      },
      resolve: async (query, _root, args, ctx) => {
        const id = idOf(args.attendanceId, 'Attendance', 'attendanceId');
        if (args.status === null || args.role === null) throw badInput('status and role cannot be null.', args.status === null ? 'status' : 'role');
        await correctAttendance(liveOf(ctx), ctx.services.live.quorum, id, {
          status: args.status,
          role: args.role,
          substituteForId: args.substituteForId ? idOf(args.substituteForId, 'Person', 'substituteForId') : args.substituteForId,
          arrivedAt: args.arrivedAt,
          leftAt: args.leftAt,
        });
        return ctx.prisma.attendance.findUniqueOrThrow({ ...query, where: { id } });
      },
    }),
  };
});
