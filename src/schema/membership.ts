import { builder } from './builder.js';
import { idOf } from '../global-id.js';
import { chronological, optionalText } from './validate.js';

/** How an organization's and a person's memberships are listed: current records, oldest first. */
export const membershipsQuery = { where: { deleted: false }, orderBy: [{ startDate: 'asc' as const }, { id: 'asc' as const }] };

export const Membership = builder.prismaNode('Membership', {
  id: { field: 'id' },
  fields: (t) => ({
    person: t.relation('person'),
    organization: t.relation('organization'),
    role: t.exposeString('role', { nullable: true }),
    votingRight: t.exposeBoolean('votingRight'),
    onBehalfOf: t.relation('onBehalfOf', { nullable: true, description: 'The party group (Fraktion) the member sits for.' }),
    startDate: t.expose('startDate', { type: 'Date', nullable: true }),
    endDate: t.expose('endDate', { type: 'Date', nullable: true }),
    created: t.expose('created', { type: 'DateTime' }),
    modified: t.expose('modified', { type: 'DateTime' }),
  }),
});

builder.mutationFields((t) => {
  const args = {
    role: t.arg.string({ description: 'e.g. Vorsitz, Mitglied, Sachkundiger Bürger' }),
    votingRight: t.arg.boolean(),
    onBehalfOfId: t.arg.id(),
    startDate: t.arg({ type: 'Date' }),
    endDate: t.arg({ type: 'Date' }),
  };
  const data = (args: { role?: string | null; votingRight?: boolean | null; onBehalfOfId?: string | null; startDate?: Date | null; endDate?: Date | null }) => {
    chronological(args.startDate, args.endDate, 'endDate');
    return {
      role: optionalText(args.role, 'role'),
      votingRight: args.votingRight ?? undefined,
      onBehalfOfId: args.onBehalfOfId === undefined ? undefined : args.onBehalfOfId && idOf(args.onBehalfOfId, 'Organization', 'onBehalfOfId'),
      startDate: args.startDate,
      endDate: args.endDate,
    };
  };
  return {
    addMembership: t.prismaField({
      type: Membership,
      args: { personId: t.arg.id({ required: true }), organizationId: t.arg.id({ required: true }), ...args },
      resolve: (query, _root, args, ctx) => {
        return ctx.prisma.membership.create({
          ...query,
          data: {
            ...data(args),
            personId: idOf(args.personId, 'Person', 'personId'),
            organizationId: idOf(args.organizationId, 'Organization', 'organizationId'),
          },
        });
      },
    }),
    updateMembership: t.prismaField({
      type: Membership,
      args: { membershipId: t.arg.id({ required: true }), ...args },
      resolve: (query, _root, args, ctx) => {
        return ctx.prisma.membership.update({ ...query, where: { id: idOf(args.membershipId, 'Membership', 'membershipId'), deleted: false }, data: data(args) });
      },
    }),
    removeMembership: t.prismaField({
      type: Membership,
      description: 'Soft delete of a membership entered by mistake; end a real one with updateMembership(endDate).',
      args: { membershipId: t.arg.id({ required: true }) },
      resolve: (query, _root, args, ctx) => {
        return ctx.prisma.membership.update({ ...query, where: { id: idOf(args.membershipId, 'Membership', 'membershipId'), deleted: false }, data: { deleted: true } });
      },
    }),
  };
});
