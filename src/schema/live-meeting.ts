// The clerk's mutations for running a meeting, its agenda and its attendance: each parses its
// arguments, calls the command of the live layer (src/live/) and selects from the result.
import { badInput } from '../errors.js';
import { correctAttendance, recordAttendance } from '../live/attendance.js';
import type { LiveDependencies } from '../live/event-log.js';
import * as commands from '../live/meeting-commands.js';
import { AttendanceRole, AttendanceStatus } from './attendance.js';
import { builder } from './builder.js';
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
      description: 'The chair opens the meeting: it runs from now (or `at`) and its quorum is stated.',
      args: { meetingId: t.arg.id({ required: true }), at: when() },
      resolve: async (query, _root, args, ctx) => {
        const { id } = await commands.startMeeting(liveOf(ctx), idOf(args.meetingId, 'Meeting', 'meetingId'), args.at);
        return ctx.prisma.meeting.findUniqueOrThrow({ ...query, where: { id } });
      },
    }),
    endMeeting: t.prismaField({
      type: 'Meeting',
      description: 'Closes the meeting; the current item completes.',
      args: { meetingId: t.arg.id({ required: true }), at: when() },
      resolve: async (query, _root, args, ctx) => {
        const { id } = await commands.endMeeting(liveOf(ctx), idOf(args.meetingId, 'Meeting', 'meetingId'), args.at);
        return ctx.prisma.meeting.findUniqueOrThrow({ ...query, where: { id } });
      },
    }),
    startAgendaItem: t.prismaField({
      type: 'AgendaItem',
      description: 'Makes the item the current one; the previous current item completes.',
      args: { agendaItemId: t.arg.id({ required: true }), at: when() },
      resolve: async (query, _root, args, ctx) => {
        const { id } = await commands.startAgendaItem(liveOf(ctx), idOf(args.agendaItemId, 'AgendaItem', 'agendaItemId'), args.at);
        return ctx.prisma.agendaItem.findUniqueOrThrow({ ...query, where: { id } });
      },
    }),
    completeAgendaItem: t.prismaField({
      type: 'AgendaItem',
      args: { agendaItemId: t.arg.id({ required: true }), result: t.arg.string(), resolutionText: t.arg.string(), at: when() },
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
      description: 'The item is not dealt with in this meeting (vertagt); it keeps its number.',
      args: { agendaItemId: t.arg.id({ required: true }) },
      resolve: async (query, _root, args, ctx) => {
        const { id } = await commands.postponeAgendaItem(liveOf(ctx), idOf(args.agendaItemId, 'AgendaItem', 'agendaItemId'));
        return ctx.prisma.agendaItem.findUniqueOrThrow({ ...query, where: { id } });
      },
    }),
    withdrawAgendaItem: t.prismaField({
      type: 'AgendaItem',
      description: 'The item was withdrawn (zurückgezogen); it keeps its number.',
      args: { agendaItemId: t.arg.id({ required: true }) },
      resolve: async (query, _root, args, ctx) => {
        const { id } = await commands.withdrawAgendaItem(liveOf(ctx), idOf(args.agendaItemId, 'AgendaItem', 'agendaItemId'));
        return ctx.prisma.agendaItem.findUniqueOrThrow({ ...query, where: { id } });
      },
    }),
    annotateAgendaItem: t.prismaField({
      type: 'AgendaItem',
      description: 'Sets the protocol text of the current item.',
      args: { agendaItemId: t.arg.id({ required: true }), protocolText: t.arg.string({ required: true }) },
      resolve: async (query, _root, args, ctx) => {
        const id = idOf(args.agendaItemId, 'AgendaItem', 'agendaItemId');
        await commands.annotateAgendaItem(liveOf(ctx), id, optionalText(args.protocolText, 'protocolText') ?? null);
        return ctx.prisma.agendaItem.findUniqueOrThrow({ ...query, where: { id } });
      },
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
        const { id } = await recordAttendance(liveOf(ctx), {
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
        if (args.status === null || args.role === null) throw badInput('status and role cannot be null.', args.status === null ? 'status' : 'role');
        await correctAttendance(liveOf(ctx), id, {
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
