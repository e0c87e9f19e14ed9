import { readable } from '../access/visibility.js';
import type { Viewer } from '../access/viewer.js';
import { builder } from './builder.js';
import { CREATED, MODIFIED, mutation } from './descriptions.js';
import { readableNode } from './readable-node.js';
import { membershipsQuery } from './membership.js';
import { bodyIdFor } from './body-scope.js';
import { idOf } from '../global-id.js';
import { optionalText, requiredText } from './validate.js';

export const Person = builder.prismaNode('Person', {
  description: 'A person (OParl Person): council member, expert citizen, staff. Public.',
  ...readableNode('person', { name: true }),
  fields: (t) => ({
    body: t.relation('body', { description: 'The body the person belongs to.' }),
    name: t.exposeString('name', { description: 'The full name as displayed, e.g. "Dr. Erika Mustermann".' }),
    familyName: t.exposeString('familyName', { nullable: true, description: 'Family name.' }),
    givenName: t.exposeString('givenName', { nullable: true, description: 'Given name.' }),
    formOfAddress: t.exposeString('formOfAddress', { nullable: true, description: 'Anrede, e.g. Herr, Frau.' }),
    affix: t.exposeString('affix', { nullable: true, description: 'Name affix, e.g. "von", "MdL".' }),
    title: t.exposeStringList('title', { description: 'Academic titles, e.g. ["Dr."].' }),
    gender: t.exposeString('gender', { nullable: true, description: 'As given, e.g. female, male, other.' }),
    phone: t.exposeStringList('phone', { description: 'Phone numbers.' }),
    email: t.exposeStringList('email', { description: 'E-mail addresses.' }),
    memberships: t.relatedConnection('memberships', {
      description: 'The person\'s memberships in organizations, oldest first.',
      cursor: 'id',
      totalCount: true,
      query: membershipsQuery,
    }),
    created: t.expose('created', { type: 'DateTime', description: CREATED }),
    modified: t.expose('modified', { type: 'DateTime', description: MODIFIED }),
  }),
});

builder.queryField('persons', (t) =>
  t.prismaConnection({
    type: Person,
    cursor: 'id',
    description: 'Persons by family name. Public.',
    args: { name: t.arg.string({ description: 'Part of the name, case-insensitive.' }) },
    totalCount: (_parent, args, ctx) => ctx.prisma.person.count({ where: personWhere(args.name, ctx.viewer) }),
    resolve: (query, _root, args, ctx) =>
      ctx.prisma.person.findMany({
        ...query,
        where: personWhere(args.name, ctx.viewer),
        orderBy: [{ familyName: 'asc' }, { name: 'asc' }, { id: 'asc' }],
      }),
  }),
);

function personWhere(name: string | null | undefined, viewer: Viewer) {
  return { ...readable.person(viewer), ...(name ? { name: { contains: name, mode: 'insensitive' as const } } : {}) };
}

builder.mutationFields((t) => {
  const args = {
    familyName: t.arg.string({ description: 'Family name.' }),
    givenName: t.arg.string({ description: 'Given name.' }),
    formOfAddress: t.arg.string({ description: 'Anrede, e.g. Herr, Frau' }),
    affix: t.arg.string({ description: 'Name affix, e.g. "von".' }),
    title: t.arg.stringList({ description: 'Academic titles, e.g. ["Dr."]' }),
    gender: t.arg.string({ description: 'e.g. female, male, other.' }),
    phone: t.arg.stringList({ description: 'Phone numbers (replace the old ones).' }),
    email: t.arg.stringList({ description: 'E-mail addresses (replace the old ones).' }),
  };
  type Args = { [K in keyof typeof args]?: K extends 'title' | 'phone' | 'email' ? string[] | null : string | null };
  const data = (args: Args) => ({
    familyName: optionalText(args.familyName, 'familyName'),
    givenName: optionalText(args.givenName, 'givenName'),
    formOfAddress: optionalText(args.formOfAddress, 'formOfAddress'),
    affix: optionalText(args.affix, 'affix'),
    gender: optionalText(args.gender, 'gender'),
    title: args.title ?? undefined,
    phone: args.phone ?? undefined,
    email: args.email ?? undefined,
  });
  return {
    createPerson: t.prismaField({
      type: Person,
      description: mutation('Adds a person.', ['NOT_FOUND']),
      args: {
        bodyId: t.arg.id({ description: 'The Body; may be omitted when there is exactly one.' }),
        name: t.arg.string({ required: true, description: 'The full name as displayed.' }),
        ...args,
      },
      resolve: async (query, _root, args, ctx) => {
        const bodyId = await bodyIdFor(ctx.prisma, args.bodyId);
        return ctx.prisma.person.create({ ...query, data: { ...data(args), bodyId, name: requiredText(args.name, 'name') } });
      },
    }),
    updatePerson: t.prismaField({
      type: Person,
      description: mutation('Changes the given fields of a person; omitted ones stay, null clears an optional one.', ['NOT_FOUND']),
      args: {
        personId: t.arg.id({ required: true, description: 'The person to change.' }),
        name: t.arg.string({ description: 'The full name as displayed.' }),
        ...args,
      },
      resolve: (query, _root, args, ctx) => {
        return ctx.prisma.person.update({
          ...query,
          where: { id: idOf(args.personId, 'Person', 'personId'), deleted: false },
          data: { ...data(args), name: args.name == null ? undefined : requiredText(args.name, 'name') },
        });
      },
    }),
    deletePerson: t.prismaField({
      type: Person,
      description: mutation('Soft delete: the person disappears from lists and stays in the archive.', ['NOT_FOUND']),
      args: { personId: t.arg.id({ required: true, description: 'The person to delete.' }) },
      resolve: (query, _root, args, ctx) => {
        return ctx.prisma.person.update({ ...query, where: { id: idOf(args.personId, 'Person', 'personId'), deleted: false }, data: { deleted: true } });
      },
    }),
  };
});
