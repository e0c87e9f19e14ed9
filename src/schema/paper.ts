import { readable } from '../access/visibility.js';
import type { Viewer } from '../access/viewer.js';
import { builder } from './builder.js';
import { CREATED, MODIFIED, mutation } from './descriptions.js';
import { readableNode } from './readable-node.js';
import { bodyIdFor } from './body-scope.js';
import { idOf, idsOf } from '../global-id.js';
import { Organization } from './organization.js';
import { Person } from './person.js';
import { optionalText, requiredText } from './validate.js';

export const Paper = builder.prismaNode('Paper', {
  description: 'A paper (Drucksache, Vorlage) put before the council. Hidden from those who may not read any of the agenda items that consult it.',
  ...readableNode('paper', { name: true, reference: true, paperType: true }),
  fields: (t) => ({
    body: t.relation('body', { description: 'The body it belongs to.' }),
    name: t.exposeString('name', { description: 'The title.' }),
    reference: t.exposeString('reference', { nullable: true, description: 'Vorlagen-Nr., e.g. 20/022/2024.' }),
    date: t.expose('date', { type: 'Date', nullable: true, description: 'Date of the paper.' }),
    paperType: t.exposeString('paperType', { nullable: true, description: 'e.g. Vorlage, Anfrage, Antrag.' }),
    originatorOrganizations: t.field({
      type: [Organization],
      description: 'Organizations that submitted it (e.g. a party group for an Antrag).',
      select: (_args, ctx, nestedSelection) => ({
        originatorOrganizations: { where: { organization: readable.organization(ctx.viewer) }, select: { organization: nestedSelection(true) } },
      }),
      resolve: (paper) => paper.originatorOrganizations.map((link) => link.organization),
    }),
    originatorPersons: t.field({
      type: [Person],
      description: 'Persons who submitted it.',
      select: (_args, ctx, nestedSelection) => ({ originatorPersons: { where: { person: readable.person(ctx.viewer) }, select: { person: nestedSelection(true) } } }),
      resolve: (paper) => paper.originatorPersons.map((link) => link.person),
    }),
    consultations: t.relation('consultations', {
      description: 'Where it was or will be dealt with, oldest first; those under items the viewer may not read are left out.',
      query: (_args, ctx) => ({ where: readable.consultation(ctx.viewer), orderBy: { created: 'asc' } }),
    }),
    files: t.relation('files', { description: 'Its files, by name.', query: (_args, ctx) => ({ where: readable.file(ctx.viewer), orderBy: { name: 'asc' } }) }),
    created: t.expose('created', { type: 'DateTime', description: CREATED }),
    modified: t.expose('modified', { type: 'DateTime', description: MODIFIED }),
  }),
});

export const Consultation = builder.prismaNode('Consultation', {
  description: 'A paper dealt with under an agenda item (Beratung, OParl Consultation). Hidden with its agenda item and with its paper.',
  ...readableNode('consultation', { authoritative: true, role: true }),
  fields: (t) => ({
    paper: t.relation('paper', { description: 'The paper.' }),
    agendaItem: t.relation('agendaItem', { nullable: true, description: 'The item it is dealt with under; null if not yet on an agenda.' }),
    meeting: t.relation('meeting', { nullable: true, description: 'The meeting.' }),
    authoritative: t.exposeBoolean('authoritative', { nullable: true, description: 'Whether this consultation decides (beschließend) rather than advises.' }),
    role: t.exposeString('role', { nullable: true, description: 'e.g. Anhörung, Entscheidung, Kenntnisnahme.' }),
    organizations: t.field({
      type: [Organization],
      description: 'The organizations consulting.',
      select: (_args, ctx, nestedSelection) => ({
        organizations: { where: { organization: readable.organization(ctx.viewer) }, select: { organization: nestedSelection(true) } },
      }),
      resolve: (consultation) => consultation.organizations.map((link) => link.organization),
    }),
    created: t.expose('created', { type: 'DateTime', description: CREATED }),
    modified: t.expose('modified', { type: 'DateTime', description: MODIFIED }),
  }),
});

builder.queryField('papers', (t) =>
  t.prismaConnection({
    type: Paper,
    cursor: 'id',
    description: 'Papers the viewer may see, newest first.',
    args: {
      reference: t.arg.string({ description: 'The reference as printed, e.g. 20/022/2024.' }),
      modifiedSince: t.arg({ type: 'DateTime', description: 'Only papers changed at or after this instant.' }),
    },
    totalCount: (_parent, args, ctx) => ctx.prisma.paper.count({ where: paperWhere(args, ctx.viewer) }),
    resolve: (query, _root, args, ctx) =>
      ctx.prisma.paper.findMany({ ...query, where: paperWhere(args, ctx.viewer), orderBy: [{ date: 'desc' }, { id: 'asc' }] }),
  }),
);

function paperWhere(args: { reference?: string | null; modifiedSince?: Date | null }, viewer: Viewer) {
  return {
    AND: [
      args.reference ? { reference: args.reference.trim() } : {},
      args.modifiedSince ? { modified: { gte: args.modifiedSince } } : {},
      readable.paper(viewer),
    ],
  };
}

builder.mutationFields((t) => {
  const args = {
    reference: t.arg.string({ description: 'Vorlagen-Nr., e.g. 20/022/2024.' }),
    date: t.arg({ type: 'Date', description: 'Date of the paper.' }),
    paperType: t.arg.string({ description: 'e.g. Vorlage, Anfrage, Antrag.' }),
    originatorOrganizationIds: t.arg.idList({ description: 'Organizations that submitted it (replace the old ones).' }),
    originatorPersonIds: t.arg.idList({ description: 'Persons who submitted it (replace the old ones).' }),
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
      description: mutation('Adds a paper.', ['NOT_FOUND']),
      args: {
        bodyId: t.arg.id({ description: 'The Body; may be omitted when there is exactly one.' }),
        name: t.arg.string({ required: true, description: 'The title.' }),
        ...args,
      },
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
      description: mutation('Changes the given fields of a paper; omitted ones stay, null clears an optional one.', ['NOT_FOUND']),
      args: { paperId: t.arg.id({ required: true, description: 'The paper to change.' }), name: t.arg.string({ description: 'The title.' }), ...args },
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
      description: mutation('Soft delete: the paper disappears from lists and stays in the archive.', ['NOT_FOUND']),
      args: { paperId: t.arg.id({ required: true, description: 'The paper to delete.' }) },
      resolve: (query, _root, args, ctx) => {
        return ctx.prisma.paper.update({ ...query, where: { id: idOf(args.paperId, 'Paper', 'paperId'), deleted: false }, data: { deleted: true } });
      },
    }),
  };
});
