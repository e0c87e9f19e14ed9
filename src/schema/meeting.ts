import { readable } from '../access/visibility.js';
import type { Viewer } from '../access/viewer.js';
import { badInput, invalidState } from '../errors.js';
import { MeetingState as MeetingStateValues } from '../generated/prisma/enums.js';
import type { Prisma } from '../generated/prisma/client.js';
import { builder } from './builder.js';
import { CREATED, MODIFIED, mutation } from './descriptions.js';
import { readableNode } from './readable-node.js';
import { bodyIdFor } from './body-scope.js';
import { idOf, idsOf } from '../global-id.js';
import { LocationInput } from './location.js';
import { Organization } from './organization.js';
import { Person } from './person.js';
import { chronological, optionalText, requiredText } from './validate.js';

export const MeetingState = builder.enumType(MeetingStateValues, {
  name: 'MeetingState',
  description: 'Where a meeting stands (cancelled is a separate flag).',
  values: {
    SCHEDULED: { description: 'Not opened yet.' },
    RUNNING: { description: 'Opened by the chair and not yet closed: live.' },
    FINISHED: { description: 'Closed.' },
  },
});

export const Meeting = builder.prismaNode('Meeting', {
  description:
    'A meeting (Sitzung) of one or more organizations, with its agenda, attendance and minutes. Public; ' +
    'the details of its non-public agenda items are for members of its organizations, clerks and admins.',
  // Select mode, as the other node types: a meeting reached from a consultation or a list loads
  // the columns its fields ask for, not all twenty (six of them instants, a Date each).
  ...readableNode('meeting', { name: true }),
  fields: (t) => ({
    body: t.relation('body', { description: 'The body (Körperschaft) it belongs to.' }),
    name: t.exposeString('name', { description: 'e.g. "4. Sitzung des Ausschusses für Digitalisierung".' }),
    meetingState: t.expose('meetingState', { type: MeetingState, description: 'Scheduled, running or finished.' }),
    cancelled: t.exposeBoolean('cancelled', { description: 'Cancelled before it started; it stays in the archive.' }),
    start: t.expose('start', { type: 'DateTime', nullable: true, description: 'Scheduled start (UTC).' }),
    end: t.field({
      type: 'DateTime',
      nullable: true,
      description: 'Scheduled end, or the actual end once the meeting has ended (UTC).',
      select: { end: true, closedAt: true },
      resolve: (meeting) => meeting.closedAt ?? meeting.end,
    }),
    openedAt: t.expose('openedAt', { type: 'DateTime', nullable: true, description: 'When the chair opened it (UTC).' }),
    closedAt: t.expose('closedAt', { type: 'DateTime', nullable: true, description: 'When the chair closed it (UTC).' }),
    location: t.relation('location', { nullable: true, description: 'Where it takes place.' }),
    organizations: t.field({
      type: [Organization],
      description: 'The organizations meeting (several for a joint meeting).',
      select: (_args, ctx, nestedSelection) => ({
        organizations: { where: { organization: readable.organization(ctx.viewer) }, select: { organization: nestedSelection(true) } },
      }),
      resolve: (meeting) => meeting.organizations.map((link) => link.organization),
    }),
    agendaItems: t.relation('agendaItems', {
      description: 'The whole agenda in order, sub-items included.',
      query: (_args, ctx) => ({ where: readable.agendaItem(ctx.viewer), orderBy: { order: 'asc' } }),
    }),
    attendance: t.relation('attendance', {
      description: 'Who attends, by role.',
      query: (_args, ctx) => ({ where: readable.attendance(ctx.viewer), orderBy: [{ role: 'asc' }, { created: 'asc' }] }),
    }),
    files: t.relation('files', {
      description: 'Attachments of the meeting and of the agenda items the viewer may read.',
      query: (_args, ctx) => ({ where: readable.file(ctx.viewer), orderBy: { name: 'asc' } }),
    }),
    minuteTaker: t.relation('minuteTaker', { nullable: true, description: 'Who takes the minutes (Schriftführer/in).' }),
    minutesSignedPlace: t.exposeString('minutesSignedPlace', { nullable: true, description: 'Where the minutes were signed, e.g. "Mettmann".' }),
    minutesSignedDate: t.expose('minutesSignedDate', { type: 'Date', nullable: true, description: 'When the minutes were signed.' }),
    signatories: t.field({
      type: [Person],
      description: 'Who signed the minutes, in the order they sign.',
      select: (_args, ctx, nestedSelection) => ({
        signatories: { where: { person: readable.person(ctx.viewer) }, orderBy: { order: 'asc' }, select: { person: nestedSelection(true) } },
      }),
      resolve: (meeting) => meeting.signatories.map((signatory) => signatory.person),
    }),
    created: t.expose('created', { type: 'DateTime', description: CREATED }),
    modified: t.expose('modified', { type: 'DateTime', description: MODIFIED }),
  }),
});

builder.queryField('meetings', (t) =>
  t.prismaConnection({
    type: Meeting,
    cursor: 'id',
    description: 'Meetings, newest first. Public.',
    args: {
      organizationId: t.arg.id({ description: 'Only meetings of this organization.' }),
      from: t.arg({ type: 'DateTime', description: 'Meetings starting at or after this instant.' }),
      to: t.arg({ type: 'DateTime', description: 'Meetings starting before or at this instant.' }),
      modifiedSince: t.arg({ type: 'DateTime', description: 'Only meetings changed at or after this instant.' }),
    },
    totalCount: (_parent, args, ctx) => ctx.prisma.meeting.count({ where: meetingWhere(args, ctx.viewer) }),
    resolve: (query, _root, args, ctx) =>
      ctx.prisma.meeting.findMany({ ...query, where: meetingWhere(args, ctx.viewer), orderBy: [{ start: 'desc' }, { id: 'asc' }] }),
  }),
);

function meetingWhere(args: { organizationId?: string | null; from?: Date | null; to?: Date | null; modifiedSince?: Date | null }, viewer: Viewer) {
  chronological(args.from, args.to, 'to');
  return {
    ...readable.meeting(viewer),
    ...(args.organizationId
      ? { organizations: { some: { organizationId: idOf(args.organizationId, 'Organization', 'organizationId') } } }
      : {}),
    ...(args.from || args.to ? { start: { gte: args.from ?? undefined, lte: args.to ?? undefined } } : {}),
    ...(args.modifiedSince ? { modified: { gte: args.modifiedSince } } : {}),
  };
}

/** A meeting's place is stored as its own Location (OParl); each edit writes a new one. */
async function createLocation(prisma: Prisma.TransactionClient, location: typeof LocationInput.$inferInput | null | undefined, bodyId: string) {
  if (!location) return undefined;
  const fields = Object.fromEntries(Object.entries(location).map(([key, value]) => [key, optionalText(value, `location.${key}`)]));
  return (await prisma.location.create({ data: { ...fields, bodyId }, select: { id: true } })).id;
}

builder.mutationFields((t) => ({
  createMeeting: t.prismaField({
    type: Meeting,
    description: mutation('Schedules a meeting.', ['NOT_FOUND']),
    args: {
      bodyId: t.arg.id({ description: 'The Body; may be omitted when there is exactly one.' }),
      organizationIds: t.arg.idList({ required: true, description: 'The organizations meeting; at least one.' }),
      name: t.arg.string({ required: true, description: 'e.g. "4. Sitzung des Ausschusses für Digitalisierung".' }),
      start: t.arg({ type: 'DateTime', required: true, description: 'Scheduled start; ISO 8601 with offset.' }),
      end: t.arg({ type: 'DateTime', description: 'Scheduled end; not before start.' }),
      location: t.arg({ type: LocationInput, description: 'Where it takes place.' }),
    },
    resolve: async (query, _root, args, ctx) => {
      const organizationIds = idsOf(args.organizationIds, 'Organization', 'organizationIds');
      if (!organizationIds.length) throw badInput('A meeting needs at least one organization.', 'organizationIds');
      chronological(args.start, args.end);
      const bodyId = await bodyIdFor(ctx.prisma, args.bodyId);
      const name = requiredText(args.name, 'name');
      return ctx.prisma.$transaction(async (tx) =>
        tx.meeting.create({
          ...query,
          data: {
            bodyId,
            name,
            start: args.start,
            end: args.end,
            locationId: await createLocation(tx, args.location, bodyId),
            organizations: { create: [...new Set(organizationIds)].map((organizationId) => ({ organizationId })) },
          },
        }),
      );
    },
  }),
  updateMeeting: t.prismaField({
    type: Meeting,
    description: mutation('Changes the given fields of a meeting; omitted ones stay, null clears an optional one.', ['NOT_FOUND']),
    args: {
      meetingId: t.arg.id({ required: true, description: 'The meeting to change.' }),
      name: t.arg.string({ description: 'The title.' }),
      start: t.arg({ type: 'DateTime', description: 'Scheduled start; ISO 8601 with offset.' }),
      end: t.arg({ type: 'DateTime', description: 'Scheduled end; not before start.' }),
      location: t.arg({ type: LocationInput, description: 'A new place (the old Location stays in the archive).' }),
      organizationIds: t.arg.idList({ description: 'Replaces the organizations meeting; at least one.' }),
      minuteTakerId: t.arg.id({ description: 'The Person taking the minutes; null clears it.' }),
    },
    resolve: async (query, _root, args, ctx) => {
      const id = idOf(args.meetingId, 'Meeting', 'meetingId');
      const organizationIds = args.organizationIds ? idsOf(args.organizationIds, 'Organization', 'organizationIds') : undefined;
      if (organizationIds && !organizationIds.length) throw badInput('A meeting needs at least one organization.', 'organizationIds');
      return ctx.prisma.$transaction(async (tx) => {
        const meeting = await tx.meeting.findFirstOrThrow({ where: { id, deleted: false } });
        chronological(args.start ?? meeting.start, args.end ?? meeting.end);
        if (organizationIds) {
          await tx.meetingOrganization.deleteMany({ where: { meetingId: id } });
          await tx.meetingOrganization.createMany({ data: [...new Set(organizationIds)].map((organizationId) => ({ meetingId: id, organizationId })) });
        }
        return tx.meeting.update({
          ...query,
          where: { id },
          data: {
            name: args.name == null ? undefined : requiredText(args.name, 'name'),
            start: args.start ?? undefined,
            end: args.end,
            locationId: await createLocation(tx, args.location, meeting.bodyId),
            minuteTakerId: args.minuteTakerId === undefined ? undefined : args.minuteTakerId && idOf(args.minuteTakerId, 'Person', 'minuteTakerId'),
          },
        });
      });
    },
  }),
  cancelMeeting: t.prismaField({
    type: Meeting,
    description: mutation('Marks a scheduled meeting as cancelled; it stays in the archive.', ['NOT_FOUND', 'INVALID_STATE']),
    args: { meetingId: t.arg.id({ required: true, description: 'The meeting; it must not have started.' }) },
    resolve: async (query, _root, args, ctx) => {
      const id = idOf(args.meetingId, 'Meeting', 'meetingId');
      const meeting = await ctx.prisma.meeting.findFirstOrThrow({ where: { id, deleted: false } });
      if (meeting.meetingState !== 'SCHEDULED') throw invalidState('Only a meeting that has not started can be cancelled.');
      return ctx.prisma.meeting.update({ ...query, where: { id }, data: { cancelled: true } });
    },
  }),
  deleteMeeting: t.prismaField({
    type: Meeting,
    description: mutation('Soft delete of a meeting entered by mistake.', ['NOT_FOUND']),
    args: { meetingId: t.arg.id({ required: true, description: 'The meeting to delete.' }) },
    resolve: (query, _root, args, ctx) => {
      return ctx.prisma.meeting.update({ ...query, where: { id: idOf(args.meetingId, 'Meeting', 'meetingId'), deleted: false }, data: { deleted: true } });
    },
  }),
}));
