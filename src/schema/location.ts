import { builder } from './builder.js';
import { CREATED, MODIFIED } from './descriptions.js';
import { readableNode } from './readable-node.js';

const fieldDescriptions = {
  description: 'e.g. "Kreishaus Mettmann, Sitzungssaal".',
  streetAddress: 'Street and number.',
  room: 'e.g. "1.601".',
  postalCode: 'Postleitzahl.',
  subLocality: 'Part of the town (Ortsteil).',
  locality: 'Town.',
};

export const Location = builder.prismaNode('Location', {
  description: 'A place, e.g. where a meeting takes place (OParl Location). Public.',
  ...readableNode('location', { description: true, streetAddress: true, room: true, postalCode: true, subLocality: true, locality: true }),
  fields: (t) => ({
    description: t.exposeString('description', { nullable: true, description: fieldDescriptions.description }),
    streetAddress: t.exposeString('streetAddress', { nullable: true, description: fieldDescriptions.streetAddress }),
    room: t.exposeString('room', { nullable: true, description: fieldDescriptions.room }),
    postalCode: t.exposeString('postalCode', { nullable: true, description: fieldDescriptions.postalCode }),
    subLocality: t.exposeString('subLocality', { nullable: true, description: fieldDescriptions.subLocality }),
    locality: t.exposeString('locality', { nullable: true, description: fieldDescriptions.locality }),
    created: t.expose('created', { type: 'DateTime', description: CREATED }),
    modified: t.expose('modified', { type: 'DateTime', description: MODIFIED }),
  }),
});

export const LocationInput = builder.inputType('LocationInput', {
  description: 'A place; every field is optional.',
  fields: (t) => ({
    description: t.string({ description: fieldDescriptions.description }),
    streetAddress: t.string({ description: fieldDescriptions.streetAddress }),
    room: t.string({ description: fieldDescriptions.room }),
    postalCode: t.string({ description: fieldDescriptions.postalCode }),
    subLocality: t.string({ description: fieldDescriptions.subLocality }),
    locality: t.string({ description: fieldDescriptions.locality }),
  }),
});
