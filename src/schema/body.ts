import { readable } from '../access/visibility.js';
import { builder } from './builder.js';
import { CREATED, MODIFIED } from './descriptions.js';
import { readableNode } from './readable-node.js';

export const Body = builder.prismaNode('Body', {
  description: 'A local authority whose council information this is (Körperschaft, OParl Body), e.g. a Kreis. Public.',
  ...readableNode('body'),
  fields: (t) => ({
    name: t.exposeString('name', { description: 'e.g. "Kreis Mettmann".' }),
    shortName: t.exposeString('shortName', { nullable: true, description: 'Short name.' }),
    website: t.exposeString('website', { nullable: true, description: 'URL of its web site.' }),
    classification: t.exposeString('classification', { nullable: true, description: 'e.g. Kreis, Stadt, Gemeinde.' }),
    legislativeTerms: t.relation('legislativeTerms', {
      description: 'Its legislative terms (Wahlperioden), oldest first.',
      query: (_args, ctx) => ({ where: readable.legislativeTerm(ctx.viewer), orderBy: { startDate: 'asc' } }),
    }),
    created: t.expose('created', { type: 'DateTime', description: CREATED }),
    modified: t.expose('modified', { type: 'DateTime', description: MODIFIED }),
  }),
});

export const LegislativeTerm = builder.prismaNode('LegislativeTerm', {
  description: 'A legislative term (Wahlperiode) of a body. Public.',
  ...readableNode('legislativeTerm'),
  fields: (t) => ({
    body: t.relation('body', { description: 'The body.' }),
    name: t.exposeString('name', { description: 'e.g. "Wahlperiode 2020–2025".' }),
    startDate: t.expose('startDate', { type: 'Date', nullable: true, description: 'First day.' }),
    endDate: t.expose('endDate', { type: 'Date', nullable: true, description: 'Last day.' }),
    created: t.expose('created', { type: 'DateTime', description: CREATED }),
    modified: t.expose('modified', { type: 'DateTime', description: MODIFIED }),
  }),
});

builder.queryField('bodies', (t) =>
  t.prismaField({
    type: [Body],
    description: 'All bodies, by name. Public.',
    resolve: (query, _root, _args, ctx) =>
      ctx.prisma.body.findMany({ ...query, where: readable.body(ctx.viewer), orderBy: { name: 'asc' } }),
  }),
);
