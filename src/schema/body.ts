import { builder } from './builder.js';

export const Body = builder.prismaNode('Body', {
  id: { field: 'id' },
  fields: (t) => ({
    name: t.exposeString('name'),
    shortName: t.exposeString('shortName', { nullable: true }),
    website: t.exposeString('website', { nullable: true }),
    classification: t.exposeString('classification', { nullable: true }),
    legislativeTerms: t.relation('legislativeTerms', {
      query: { where: { deleted: false }, orderBy: { startDate: 'asc' } },
    }),
    created: t.expose('created', { type: 'DateTime' }),
    modified: t.expose('modified', { type: 'DateTime' }),
  }),
});

export const LegislativeTerm = builder.prismaNode('LegislativeTerm', {
  id: { field: 'id' },
  fields: (t) => ({
    body: t.relation('body'),
    name: t.exposeString('name'),
    startDate: t.expose('startDate', { type: 'Date', nullable: true }),
    endDate: t.expose('endDate', { type: 'Date', nullable: true }),
    created: t.expose('created', { type: 'DateTime' }),
    modified: t.expose('modified', { type: 'DateTime' }),
  }),
});

builder.queryField('bodies', (t) =>
  t.prismaField({
    type: [Body],
    resolve: (query, _root, _args, ctx) =>
      ctx.prisma.body.findMany({ ...query, where: { deleted: false }, orderBy: { name: 'asc' } }),
  }),
);
