import { readableFileWhere } from '../access/visibility.js';
import { badInput, invalidState } from '../errors.js';
import { MeetingState as MeetingStateValues } from '../generated/prisma/enums.js';
import type { Prisma } from '../generated/prisma/client.js';
import { builder } from './builder.js';
import { bodyIdFor } from './body-scope.js';
import { idOf, idsOf } from '../global-id.js';
import { LocationInput } from './location.js';
import { Organization } from './organization.js';
import { Person } from './person.js';
import { chronological, optionalText, requiredText } from './validate.js';

export const MeetingState = builder.enumType(MeetingStateValues, { name: 'MeetingState' });

export const Meeting = builder.prismaNode('Meeting', {
  id: { field: 'id' },
  fields: (t) => ({
    body: t.relation('body'),
    name: t.exposeString('name'),
    meetingState: t.expose('meetingState', { type: MeetingState }),
    cancelled: t.exposeBoolean('cancelled'),
    start: t.expose('start', { type: 'DateTime', nullable: true, description: 'Scheduled start.' }),
    end: t.field({
      type: 'DateTime',
      nullable: true,
      description: 'Scheduled end, or the actual end once the meeting has ended.',
      select: { end: true, closedAt: true },
      resolve: (meeting) => meeting.closedAt ?? meeting.end,
    }),
    openedAt: t.expose('openedAt', { type: 'DateTime', nullable: true, description: 'When the chair opened it.' }),
    closedAt: t.expose('closedAt', { type: 'DateTime', nullable: true }),
    location: t.relation('location', { nullable: true }),
    organizations: t.field({
      type: [Organization],
      select: (_args, _ctx, nestedSelection) => ({
        organizations: { select: { organization: nestedSelection(true) } },
      }),
      resolve: (meeting) => meeting.organizations.map((link) => link.organization),
    }),
    agendaItems: t.relation('agendaItems', { query: { where: { deleted: false }, orderBy: { order: 'asc' } } }),
    attendance: t.relation('attendance', { query: { orderBy: [{ role: 'asc' }, { created: 'asc' }] } }),
    files: t.relation('files', {
      description: 'Attachments of the meeting and of the agenda items the viewer may read.',
      query: (_args, ctx) => ({ where: { AND: [{ deleted: false }, readableFileWhere(ctx.viewer)] }, orderBy: { name: 'asc' } }),
    }),
    minuteTaker: t.relation('minuteTaker', { nullable: true }),
    minutesSignedPlace: t.exposeString('minutesSignedPlace', { nullable: true }),
    minutesSignedDate: t.expose('minutesSignedDate', { type: 'Date', nullable: true }),
    signatories: t.field({
      type: [Person],
      select: (_args, _ctx, nestedSelection) => ({
        signatories: { orderBy: { order: 'asc' }, select: { person: nestedSelection(true) } },
      }),
      resolve: (meeting) => meeting.signatories.map((signatory) => signatory.person),
    }),
    created: t.expose('created', { type: 'DateTime' }),
    modified: t.expose('modified', { type: 'DateTime' }),
  }),
});

builder.queryField('meetings', (t) =>
  t.prismaConnection({
    type: Meeting,
    cursor: 'id',
    args: {
      organizationId: t.arg.id(),
      from: t.arg({ type: 'DateTime', description: 'Meetings starting at or after this instant.' }),
      to: t.arg({ type: 'DateTime', description: 'Meetings starting before or at this instant.' }),
      modifiedSince: t.arg({ type: 'DateTime' }),
    },
    totalCount: (_parent, args, ctx) => ctx.prisma.meeting.count({ where: meetingWhere(args) }),
    resolve: (query, _root, args, ctx) =>
      ctx.prisma.meeting.findMany({ ...query, where: meetingWhere(args), orderBy: [{ start: 'desc' }, { id: 'asc' }] }),
  }),
);

function meetingWhere(args: { organizationId?: string | null; from?: Date | null; to?: Date | null; modifiedSince?: Date | null }) {
  chronological(args.from, args.to, 'to');
  return {
    deleted: false,
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
    args: {
      bodyId: t.arg.id(),
      organizationIds: t.arg.idList({ required: true }),
      name: t.arg.string({ required: true }),
      start: t.arg({ type: 'DateTime', required: true }),
      end: t.arg({ type: 'DateTime' }),
      location: t.arg({ type: LocationInput }),
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
    args: {
      meetingId: t.arg.id({ required: true }),
      name: t.arg.string(),
      start: t.arg({ type: 'DateTime' }),
      end: t.arg({ type: 'DateTime' }),
      location: t.arg({ type: LocationInput }),
      organizationIds: t.arg.idList(),
      minuteTakerId: t.arg.id(),
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
    description: 'Marks a scheduled meeting as cancelled; it stays in the archive.',
    args: { meetingId: t.arg.id({ required: true }) },
    resolve: async (query, _root, args, ctx) => {
      const id = idOf(args.meetingId, 'Meeting', 'meetingId');
      const meeting = await ctx.prisma.meeting.findFirstOrThrow({ where: { id, deleted: false } });
      if (meeting.meetingState !== 'SCHEDULED') throw invalidState('Only a meeting that has not started can be cancelled.');
      return ctx.prisma.meeting.update({ ...query, where: { id }, data: { cancelled: true } });
    },
  }),
  deleteMeeting: t.prismaField({
    type: Meeting,
    description: 'Soft delete of a meeting entered by mistake.',
    args: { meetingId: t.arg.id({ required: true }) },
    resolve: (query, _root, args, ctx) => {
      return ctx.prisma.meeting.update({ ...query, where: { id: idOf(args.meetingId, 'Meeting', 'meetingId'), deleted: false }, data: { deleted: true } });
    },
  }),
}));
