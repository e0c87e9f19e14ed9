import { readable } from '../access/visibility.js';
import type { Context } from './context.js';
import { builder } from './builder.js';
import { CREATED, MODIFIED, mutation } from './descriptions.js';
import { idOf } from '../global-id.js';
import { readableNode } from './readable-node.js';
import { chronological, optionalText } from './validate.js';

/** How an organization's and a person's memberships are listed: readable records, oldest first. */
export const membershipsQuery = (_args: object, ctx: Context) => ({
  where: readable.membership(ctx.viewer),
  orderBy: [{ startDate: 'asc' as const }, { id: 'asc' as const }],
});

export const Membership = builder.prismaNode('Membership', {
  description: 'A person\'s membership in an organization over a period (OParl Membership). Public.',
  ...readableNode('membership', { role: true, votingRight: true }),
  fields: (t) => ({
    person: t.relation('person', { description: 'The member.' }),
    organization: t.relation('organization', { description: 'The organization.' }),
    role: t.exposeString('role', { nullable: true, description: 'e.g. Vorsitz, Mitglied, Sachkundiger Bürger.' }),
    votingRight: t.exposeBoolean('votingRight', { description: 'Whether the member may vote (counts towards the quorum).' }),
    onBehalfOf: t.relation('onBehalfOf', { nullable: true, description: 'The party group (Fraktion) the member sits for.' }),
    startDate: t.expose('startDate', { type: 'Date', nullable: true, description: 'First day.' }),
    endDate: t.expose('endDate', { type: 'Date', nullable: true, description: 'Last day; null while current.' }),
    created: t.expose('created', { type: 'DateTime', description: CREATED }),
    modified: t.expose('modified', { type: 'DateTime', description: MODIFIED }),
  }),
});

builder.mutationFields((t) => {
  const args = {
    role: t.arg.string({ description: 'e.g. Vorsitz, Mitglied, Sachkundiger Bürger' }),
    votingRight: t.arg.boolean({ description: 'Whether the member may vote.' }),
    onBehalfOfId: t.arg.id({ description: 'The party group (Fraktion, an Organization) the member sits for; null clears it.' }),
    startDate: t.arg({ type: 'Date', description: 'First day.' }),
    endDate: t.arg({ type: 'Date', description: 'Last day; not before startDate.' }),
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
      description: mutation('Makes a person a member of an organization.', ['NOT_FOUND']),
      args: {
        personId: t.arg.id({ required: true, description: 'The member.' }),
        organizationId: t.arg.id({ required: true, description: 'The organization.' }),
        ...args,
      },
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
      description: mutation('Changes the given fields of a membership, e.g. its endDate when it ends.', ['NOT_FOUND']),
      args: { membershipId: t.arg.id({ required: true, description: 'The membership to change.' }), ...args },
      resolve: (query, _root, args, ctx) => {
        return ctx.prisma.membership.update({ ...query, where: { id: idOf(args.membershipId, 'Membership', 'membershipId'), deleted: false }, data: data(args) });
      },
    }),
    removeMembership: t.prismaField({
      type: Membership,
      description: mutation('Soft delete of a membership entered by mistake; end a real one with updateMembership(endDate).', ['NOT_FOUND']),
      args: { membershipId: t.arg.id({ required: true, description: 'The membership to remove.' }) },
      resolve: (query, _root, args, ctx) => {
        return ctx.prisma.membership.update({ ...query, where: { id: idOf(args.membershipId, 'Membership', 'membershipId'), deleted: false }, data: { deleted: true } });
      },
    }),
  };
});
