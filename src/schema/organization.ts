import { readable } from '../access/visibility.js';
import type { Viewer } from '../access/viewer.js';
import { badInput } from '../errors.js';
import { builder } from './builder.js';
import { CREATED, MODIFIED, mutation } from './descriptions.js';
import { readableNode } from './readable-node.js';
import { membershipsQuery } from './membership.js';
import { bodyIdFor } from './body-scope.js';
import { withPredecessors } from './assignment.js';
import { idOf } from '../global-id.js';
import { chronological, optionalText, requiredText } from './validate.js';

export const Organization = builder.prismaNode('Organization', {
  description: 'A committee, council, party group or administrative unit (OParl Organization). Public.',
  ...readableNode('organization', { name: true, shortName: true, organizationType: true, classification: true }),
  fields: (t) => ({
    body: t.relation('body', { description: 'The body it belongs to.' }),
    name: t.exposeString('name', { description: 'e.g. "Ausschuss für Digitalisierung".' }),
    shortName: t.exposeString('shortName', { nullable: true, description: 'e.g. "KA".' }),
    organizationType: t.exposeString('organizationType', { nullable: true, description: 'e.g. Gremium, Fraktion, Verwaltungsbereich.' }),
    classification: t.exposeString('classification', { nullable: true, description: 'e.g. Ausschuss, Kreistag.' }),
    startDate: t.expose('startDate', { type: 'Date', nullable: true, description: 'First day.' }),
    endDate: t.expose('endDate', { type: 'Date', nullable: true, description: 'Last day; null while it exists.' }),
    website: t.exposeString('website', { nullable: true, description: 'URL of its web page.' }),
    statutorySeats: t.exposeInt('statutorySeats', {
      nullable: true,
      description: 'Seats by statute (gesetzliche Mitgliederzahl), the base of the quorum; null when unknown (then the voting members count).',
    }),
    subOrganizationOf: t.relation('subOrganizationOf', { nullable: true, description: 'The organization it is part of.' }),
    predecessor: t.relation('predecessor', { nullable: true, description: 'The organization it continues (before a renaming).' }),
    successor: t.relation('successor', { nullable: true, description: 'The organization that continues it (after a renaming).' }),
    legislativeTerm: t.relation('legislativeTerm', { nullable: true, description: 'The legislative term it was formed for.' }),
    memberships: t.relatedConnection('memberships', {
      description: 'Its members\' memberships, oldest first.',
      cursor: 'id',
      totalCount: true,
      query: membershipsQuery,
    }),
    created: t.expose('created', { type: 'DateTime', description: CREATED }),
    modified: t.expose('modified', { type: 'DateTime', description: MODIFIED }),
  }),
});

builder.queryField('organizations', (t) =>
  t.prismaConnection({
    type: Organization,
    cursor: 'id',
    description: 'Organizations by name. Public.',
    totalCount: (_parent, args, ctx) => ctx.prisma.organization.count({ where: organizationWhere(args, ctx.viewer) }),
    args: { bodyId: t.arg.id({ description: 'Only organizations of this Body.' }), name: t.arg.string({ description: 'Part of the name, case-insensitive.' }) },
    resolve: (query, _root, args, ctx) =>
      ctx.prisma.organization.findMany({ ...query, where: organizationWhere(args, ctx.viewer), orderBy: [{ name: 'asc' }, { id: 'asc' }] }),
  }),
);

function organizationWhere(args: { bodyId?: string | null; name?: string | null }, viewer: Viewer) {
  return {
    ...readable.organization(viewer),
    ...(args.bodyId ? { bodyId: idOf(args.bodyId, 'Body', 'bodyId') } : {}),
    ...(args.name ? { name: { contains: args.name, mode: 'insensitive' as const } } : {}),
  };
}

builder.mutationFields((t) => {
  const args = {
  name: t.arg.string({ description: 'e.g. "Ausschuss für Digitalisierung".' }),
  shortName: t.arg.string({ description: 'e.g. "KA".' }),
  organizationType: t.arg.string({ description: 'e.g. Gremium, Fraktion, Verwaltungsbereich' }),
  classification: t.arg.string({ description: 'e.g. Ausschuss, Kreistag' }),
  startDate: t.arg({ type: 'Date', description: 'First day.' }),
  endDate: t.arg({ type: 'Date', description: 'Last day; not before startDate.' }),
  website: t.arg.string({ description: 'URL of its web page.' }),
  statutorySeats: t.arg.int({ description: 'Seats by statute, at least 1; the base of the quorum.' }),
  subOrganizationOfId: t.arg.id({ description: 'The Organization it is part of; null clears it.' }),
  predecessorId: t.arg.id({ description: 'The Organization this one continues (a renamed committee); null clears it.' }),
  };
  return {
    createOrganization: t.prismaField({
      type: Organization,
      description: mutation('Adds an organization.', ['NOT_FOUND']),
      args: {
        bodyId: t.arg.id({ description: 'The Body; may be omitted when there is exactly one.' }),
        ...args,
        name: t.arg.string({ required: true, description: 'e.g. "Ausschuss für Digitalisierung".' }),
      },
      resolve: async (query, _root, args, ctx) => {
        const bodyId = await bodyIdFor(ctx.prisma, args.bodyId);
        return ctx.prisma.organization.create({
          ...query,
          data: { ...organizationData(args), bodyId, name: requiredText(args.name, 'name') },
        });
      },
    }),
    updateOrganization: t.prismaField({
      type: Organization,
      description: mutation('Changes the given fields of an organization; omitted ones stay, null clears an optional one.', ['NOT_FOUND']),
      args: { organizationId: t.arg.id({ required: true, description: 'The organization to change.' }), ...args },
      resolve: async (query, _root, args, ctx) => {
        const id = idOf(args.organizationId, 'Organization', 'organizationId');
        const data = organizationData(args);
        // A succession that comes back to the organization would make it its own predecessor.
        if (data.predecessorId && (await withPredecessors(ctx.prisma, data.predecessorId)).includes(id)) {
          throw badInput('predecessorId would make the organization its own predecessor.', 'predecessorId');
        }
        return ctx.prisma.organization.update({
          ...query,
          where: { id, deleted: false },
          data: { ...data, name: args.name == null ? undefined : requiredText(args.name, 'name') },
        });
      },
    }),
    deleteOrganization: t.prismaField({
      type: Organization,
      description: mutation('Soft delete: the organization disappears from lists and stays in the archive.', ['NOT_FOUND']),
      args: { organizationId: t.arg.id({ required: true, description: 'The organization to delete.' }) },
      resolve: (query, _root, args, ctx) => {
        return ctx.prisma.organization.update({
          ...query,
          where: { id: idOf(args.organizationId, 'Organization', 'organizationId'), deleted: false },
          data: { deleted: true },
        });
      },
    }),
  };
});

type OrganizationArgs = {
  name?: string | null;
  shortName?: string | null;
  organizationType?: string | null;
  classification?: string | null;
  startDate?: Date | null;
  endDate?: Date | null;
  website?: string | null;
  statutorySeats?: number | null;
  subOrganizationOfId?: string | null;
  predecessorId?: string | null;
};

function organizationData(args: OrganizationArgs) {
  chronological(args.startDate, args.endDate, 'endDate');
  if (args.statutorySeats != null && args.statutorySeats < 1) throw badInput('statutorySeats must be at least 1.', 'statutorySeats');
  const reference = (value: string | null | undefined, argument: string) =>
    value === undefined ? undefined : value === null ? null : idOf(value, 'Organization', argument);
  return {
    shortName: optionalText(args.shortName, 'shortName'),
    organizationType: optionalText(args.organizationType, 'organizationType'),
    classification: optionalText(args.classification, 'classification'),
    startDate: args.startDate,
    endDate: args.endDate,
    website: optionalText(args.website, 'website'),
    statutorySeats: args.statutorySeats,
    subOrganizationOfId: reference(args.subOrganizationOfId, 'subOrganizationOfId'),
    predecessorId: reference(args.predecessorId, 'predecessorId'),
  };
}
