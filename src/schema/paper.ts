import { attachedToReadableItemWhere, readablePaperWhere } from '../access/visibility.js';
import { builder } from './builder.js';
import { bodyIdFor } from './body-scope.js';
import { idOf, idsOf } from '../global-id.js';
import { Organization } from './organization.js';
import { Person } from './person.js';
import { optionalText, requiredText } from './validate.js';

export const Paper = builder.prismaNode('Paper', {
  id: { field: 'id' },
  fields: (t) => ({
    body: t.relation('body'),
    name: t.exposeString('name'),
    reference: t.exposeString('reference', { nullable: true, description: 'Vorlagen-Nr., e.g. 20/022/2024.' }),
    date: t.expose('date', { type: 'Date', nullable: true }),
    paperType: t.exposeString('paperType', { nullable: true, description: 'e.g. Vorlage, Anfrage, Antrag.' }),
    originatorOrganizations: t.field({
      type: [Organization],
      select: (_args, _ctx, nestedSelection) => ({ originatorOrganizations: { select: { organization: nestedSelection(true) } } }),
      resolve: (paper) => paper.originatorOrganizations.map((link) => link.organization),
    }),
    originatorPersons: t.field({
      type: [Person],
      select: (_args, _ctx, nestedSelection) => ({ originatorPersons: { select: { person: nestedSelection(true) } } }),
      resolve: (paper) => paper.originatorPersons.map((link) => link.person),
    }),
    consultations: t.relation('consultations', {
      query: (_args, ctx) => ({ where: { deleted: false, ...attachedToReadableItemWhere(ctx.viewer) }, orderBy: { created: 'asc' } }),
    }),
    files: t.relation('files', { query: { where: { deleted: false }, orderBy: { name: 'asc' } } }),
    created: t.expose('created', { type: 'DateTime' }),
    modified: t.expose('modified', { type: 'DateTime' }),
  }),
});

export const Consultation = builder.prismaNode('Consultation', {
  id: { field: 'id' },
  fields: (t) => ({
    paper: t.relation('paper'),
    agendaItem: t.relation('agendaItem', { nullable: true }),
    meeting: t.relation('meeting', { nullable: true }),
    authoritative: t.exposeBoolean('authoritative', { nullable: true }),
    role: t.exposeString('role', { nullable: true }),
    organizations: t.field({
      type: [Organization],
      select: (_args, _ctx, nestedSelection) => ({ organizations: { select: { organization: nestedSelection(true) } } }),
      resolve: (consultation) => consultation.organizations.map((link) => link.organization),
    }),
    created: t.expose('created', { type: 'DateTime' }),
    modified: t.expose('modified', { type: 'DateTime' }),
  }),
});

builder.queryField('papers', (t) =>
  t.prismaConnection({
    type: Paper,
    cursor: 'id',
    args: {
      reference: t.arg.string({ description: 'The reference as printed, e.g. 20/022/2024.' }),
      modifiedSince: t.arg({ type: 'DateTime' }),
    },
    totalCount: (_parent, args, ctx) => ctx.prisma.paper.count({ where: paperWhere(args, ctx.viewer) }),
    resolve: (query, _root, args, ctx) =>
      ctx.prisma.paper.findMany({ ...query, where: paperWhere(args, ctx.viewer), orderBy: [{ date: 'desc' }, { id: 'asc' }] }),
  }),
);

function paperWhere(args: { reference?: string | null; modifiedSince?: Date | null }, viewer: Parameters<typeof readablePaperWhere>[0]) {
  return {
    AND: [
      { deleted: false },
      args.reference ? { reference: args.reference.trim() } : {},
      args.modifiedSince ? { modified: { gte: args.modifiedSince } } : {},
      readablePaperWhere(viewer),
    ],
  };
}

builder.mutationFields((t) => {
  const args = {
    reference: t.arg.string(),
    date: t.arg({ type: 'Date' }),
    paperType: t.arg.string(),
    originatorOrganizationIds: t.arg.idList(),
    originatorPersonIds: t.arg.idList(),
  };
  type Args = { reference?: string | null; date?: Date | null; paperType?: string | null; originatorOrganizationIds?: string[] | null; originatorPersonIds?: string[] | null };
  const data = (args: Args) => ({
    reference: optionalText(args.reference, 'reference'),
    date: args.date,
    paperType: optionalText(args.paperType, 'paperType'),
    originatorOrganizations: args.originatorOrganizationIds
      ? { deleteMany: {}, create: idsOf(args.originatorOrganizationIds, 'Organization', 'originatorOrganizationIds').map((organizationId) => ({ organizationId })) }
      : undefined,
    originatorPersons: args.originatorPersonIds
      ? { deleteMany: {}, create: idsOf(args.originatorPersonIds, 'Person', 'originatorPersonIds').map((personId) => ({ personId })) }
      : undefined,
  });
  return {
    createPaper: t.prismaField({
      type: Paper,
      args: { bodyId: t.arg.id(), name: t.arg.string({ required: true }), ...args },
      resolve: async (query, _root, args, ctx) => {
        const bodyId = await bodyIdFor(ctx.prisma, args.bodyId);
        const { originatorOrganizations, originatorPersons, ...fields } = data(args);
        return ctx.prisma.paper.create({
          ...query,
          data: {
            ...fields,
            bodyId,
            name: requiredText(args.name, 'name'),
            originatorOrganizations: originatorOrganizations && { create: originatorOrganizations.create },
            originatorPersons: originatorPersons && { create: originatorPersons.create },
          },
        });
      },
    }),
    updatePaper: t.prismaField({
      type: Paper,
      args: { paperId: t.arg.id({ required: true }), name: t.arg.string(), ...args },
      resolve: (query, _root, args, ctx) => {
        return ctx.prisma.paper.update({
          ...query,
          where: { id: idOf(args.paperId, 'Paper', 'paperId'), deleted: false },
          data: { ...data(args), name: args.name == null ? undefined : requiredText(args.name, 'name') },
        });
      },
    }),
    deletePaper: t.prismaField({
      type: Paper,
      description: 'Soft delete.',
      args: { paperId: t.arg.id({ required: true }) },
      resolve: (query, _root, args, ctx) => {
        return ctx.prisma.paper.update({ ...query, where: { id: idOf(args.paperId, 'Paper', 'paperId'), deleted: false }, data: { deleted: true } });
      },
    }),
  };
});
