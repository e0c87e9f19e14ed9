import { builder } from './builder.js';

export const Location = builder.prismaNode('Location', {
  id: { field: 'id' },
  fields: (t) => ({
    description: t.exposeString('description', { nullable: true }),
    streetAddress: t.exposeString('streetAddress', { nullable: true }),
    room: t.exposeString('room', { nullable: true }),
    postalCode: t.exposeString('postalCode', { nullable: true }),
    subLocality: t.exposeString('subLocality', { nullable: true }),
    locality: t.exposeString('locality', { nullable: true }),
    created: t.expose('created', { type: 'DateTime' }),
    modified: t.expose('modified', { type: 'DateTime' }),
  }),
});

export const LocationInput = builder.inputType('LocationInput', {
  fields: (t) => ({
    description: t.string(),
    streetAddress: t.string(),
    room: t.string(),
    postalCode: t.string(),
    subLocality: t.string(),
    locality: t.string(),
  }),
});
