import { builder } from './builder.js';
import { membershipsQuery } from './membership.js';
import { bodyIdFor } from './body-scope.js';
import { idOf } from '../global-id.js';
import { optionalText, requiredText } from './validate.js';

export const Person = builder.prismaNode('Person', {
  id: { field: 'id' },
  fields: (t) => ({
    body: t.relation('body'),
    name: t.exposeString('name'),
    familyName: t.exposeString('familyName', { nullable: true }),
    givenName: t.exposeString('givenName', { nullable: true }),
    formOfAddress: t.exposeString('formOfAddress', { nullable: true }),
    affix: t.exposeString('affix', { nullable: true }),
    title: t.exposeStringList('title'),
    gender: t.exposeString('gender', { nullable: true }),
    phone: t.exposeStringList('phone'),
    email: t.exposeStringList('email'),
    memberships: t.relatedConnection('memberships', { cursor: 'id', totalCount: true, query: membershipsQuery }),
    created: t.expose('created', { type: 'DateTime' }),
    modified: t.expose('modified', { type: 'DateTime' }),
  }),
});

builder.queryField('persons', (t) =>
  t.prismaConnection({
    type: Person,
    cursor: 'id',
    args: { name: t.arg.string({ description: 'Part of the name, case-insensitive.' }) },
    totalCount: (_parent, args, ctx) => ctx.prisma.person.count({ where: personWhere(args.name) }),
    resolve: (query, _root, args, ctx) =>
      ctx.prisma.person.findMany({
        ...query,
        where: personWhere(args.name),
        orderBy: [{ familyName: 'asc' }, { name: 'asc' }, { id: 'asc' }],
      }),
  }),
);

function personWhere(name: string | null | undefined) {
  return { deleted: false, ...(name ? { name: { contains: name, mode: 'insensitive' as const } } : {}) };
}

builder.mutationFields((t) => {
  const args = {
    familyName: t.arg.string(),
    givenName: t.arg.string(),
    formOfAddress: t.arg.string({ description: 'Anrede, e.g. Herr, Frau' }),
    affix: t.arg.string(),
    title: t.arg.stringList({ description: 'Academic titles, e.g. ["Dr."]' }),
    gender: t.arg.string(),
    phone: t.arg.stringList(),
    email: t.arg.stringList(),
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
      args: { bodyId: t.arg.id(), name: t.arg.string({ required: true }), ...args },
      resolve: async (query, _root, args, ctx) => {
        const bodyId = await bodyIdFor(ctx.prisma, args.bodyId);
        return ctx.prisma.person.create({ ...query, data: { ...data(args), bodyId, name: requiredText(args.name, 'name') } });
      },
    }),
    updatePerson: t.prismaField({
      type: Person,
      args: { personId: t.arg.id({ required: true }), name: t.arg.string(), ...args },
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
      description: 'Soft delete.',
      args: { personId: t.arg.id({ required: true }) },
      resolve: (query, _root, args, ctx) => {
        return ctx.prisma.person.update({ ...query, where: { id: idOf(args.personId, 'Person', 'personId'), deleted: false }, data: { deleted: true } });
      },
    }),
  };
});
