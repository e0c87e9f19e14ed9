import { badInput } from '../errors.js';
import { builder } from './builder.js';
import { membershipsQuery } from './membership.js';
import { bodyIdFor } from './body-scope.js';
import { idOf } from '../global-id.js';
import { chronological, optionalText, requiredText } from './validate.js';

export const Organization = builder.prismaNode('Organization', {
  id: { field: 'id' },
  fields: (t) => ({
    body: t.relation('body'),
    name: t.exposeString('name'),
    shortName: t.exposeString('shortName', { nullable: true }),
    organizationType: t.exposeString('organizationType', { nullable: true }),
    classification: t.exposeString('classification', { nullable: true }),
    startDate: t.expose('startDate', { type: 'Date', nullable: true }),
    endDate: t.expose('endDate', { type: 'Date', nullable: true }),
    website: t.exposeString('website', { nullable: true }),
    statutorySeats: t.exposeInt('statutorySeats', { nullable: true }),
    subOrganizationOf: t.relation('subOrganizationOf', { nullable: true }),
    predecessor: t.relation('predecessor', { nullable: true }),
    successor: t.relation('successor', { nullable: true }),
    legislativeTerm: t.relation('legislativeTerm', { nullable: true }),
    memberships: t.relatedConnection('memberships', { cursor: 'id', totalCount: true, query: membershipsQuery }),
    created: t.expose('created', { type: 'DateTime' }),
    modified: t.expose('modified', { type: 'DateTime' }),
  }),
});

builder.queryField('organizations', (t) =>
  t.prismaConnection({
    type: Organization,
    cursor: 'id',
    totalCount: (_parent, args, ctx) => ctx.prisma.organization.count({ where: organizationWhere(args) }),
    args: { bodyId: t.arg.id(), name: t.arg.string({ description: 'Part of the name, case-insensitive.' }) },
    resolve: (query, _root, args, ctx) =>
      ctx.prisma.organization.findMany({ ...query, where: organizationWhere(args), orderBy: [{ name: 'asc' }, { id: 'asc' }] }),
  }),
);

function organizationWhere(args: { bodyId?: string | null; name?: string | null }) {
  return {
    deleted: false,
    ...(args.bodyId ? { bodyId: idOf(args.bodyId, 'Body', 'bodyId') } : {}),
    ...(args.name ? { name: { contains: args.name, mode: 'insensitive' as const } } : {}),
  };
}

builder.mutationFields((t) => {
  const args = {
  name: t.arg.string(),
  shortName: t.arg.string(),
  organizationType: t.arg.string({ description: 'e.g. Gremium, Fraktion, Verwaltungsbereich' }),
  classification: t.arg.string({ description: 'e.g. Ausschuss, Kreistag' }),
  startDate: t.arg({ type: 'Date' }),
  endDate: t.arg({ type: 'Date' }),
  website: t.arg.string(),
  statutorySeats: t.arg.int(),
  subOrganizationOfId: t.arg.id(),
  predecessorId: t.arg.id({ description: 'The organization this one continues (a renamed committee).' }),
  };
  return {
    createOrganization: t.prismaField({
      type: Organization,
      args: { bodyId: t.arg.id(), ...args, name: t.arg.string({ required: true }) },
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
      args: { organizationId: t.arg.id({ required: true }), ...args },
      resolve: async (query, _root, args, ctx) => {
        const id = idOf(args.organizationId, 'Organization', 'organizationId');
        return ctx.prisma.organization.update({
          ...query,
          where: { id, deleted: false },
          data: { ...organizationData(args), name: args.name == null ? undefined : requiredText(args.name, 'name') },
        });
      },
    }),
    deleteOrganization: t.prismaField({
      type: Organization,
      description: 'Soft delete: the organization disappears from lists and stays in the archive.',
      args: { organizationId: t.arg.id({ required: true }) },
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
