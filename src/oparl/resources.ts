// How each OParl type is loaded: which table, what is included for serializing it, which rows the
// public may see (./access/visibility.ts decides) and which rows belong to a Body's external list.
import type { Prisma, PrismaClient } from '../generated/prisma/client.js';
import { anonymous } from '../access/viewer.js';
import { readableConsultationWhere, readableFileWhere, readablePaperWhere } from '../access/visibility.js';
import * as s from './serializers.js';
import type { ObjectType } from './urls.js';

type Where = Record<string, unknown>;

export interface ResourceType {
  model: 'body' | 'legislativeTerm' | 'organization' | 'person' | 'membership' | 'meeting' | 'agendaItem' | 'paper' | 'consultation' | 'file' | 'location';
  include: object;
  /** Rows the anonymous viewer may see at all (deleted ones included: they are served as deleted). */
  readable: Where;
  inBody(bodyId: string): Where;
  serialize(row: any, options: s.SerializeOptions): s.OparlObject;
}

const inBody = (bodyId: string) => ({ bodyId });

export const resourceTypes: Record<ObjectType, ResourceType> = {
  Body: { model: 'body', include: s.bodyInclude, readable: {}, inBody: (id) => ({ id }), serialize: s.serializeBody },
  LegislativeTerm: { model: 'legislativeTerm', include: s.legislativeTermInclude, readable: {}, inBody, serialize: (row, o) => s.serializeLegislativeTerm(row, o) },
  Organization: { model: 'organization', include: s.organizationInclude, readable: {}, inBody, serialize: s.serializeOrganization },
  Person: { model: 'person', include: s.personInclude, readable: {}, inBody, serialize: s.serializePerson },
  Membership: {
    model: 'membership', include: s.membershipInclude, readable: {},
    inBody: (bodyId) => ({ person: { bodyId } }),
    serialize: (row, o) => s.serializeMembership(row, o),
  },
  Meeting: { model: 'meeting', include: s.meetingInclude, readable: {}, inBody, serialize: s.serializeMeeting },
  AgendaItem: {
    model: 'agendaItem', include: s.agendaItemInclude, readable: {},
    inBody: (bodyId) => ({ meeting: { bodyId } }),
    serialize: s.serializeAgendaItem,
  },
  Paper: { model: 'paper', include: s.paperInclude, readable: readablePaperWhere(anonymous), inBody, serialize: s.serializePaper },
  Consultation: {
    model: 'consultation', include: s.consultationInclude, readable: readableConsultationWhere(anonymous),
    inBody: (bodyId) => ({ paper: { bodyId } }),
    serialize: (row, o) => s.serializeConsultation(row, o),
  },
  File: {
    model: 'file', include: s.fileInclude, readable: readableFileWhere(anonymous),
    inBody: (bodyId) => ({ OR: [{ meeting: { bodyId } }, { agendaItem: { meeting: { bodyId } } }, { paper: { bodyId } }] }),
    serialize: (row, o) => s.serializeFile(row, o),
  },
  Location: {
    model: 'location', include: s.locationInclude, readable: {},
    inBody: (bodyId) => ({ OR: [{ bodyId }, { meetings: { some: { bodyId } } }, { organizations: { some: { bodyId } } }] }),
    serialize: s.serializeLocation,
  },
};

interface Delegate {
  findFirst(args: object): Promise<any>;
  findUnique(args: object): Promise<any>;
  findMany(args: object): Promise<any[]>;
  count(args: object): Promise<number>;
  upsert(args: object): Promise<any>;
  updateMany(args: object): Promise<unknown>;
}

/** The Prisma delegate of a type (here and in the importer); the models share the shape relied on. */
export const delegateOf = (client: Prisma.TransactionClient, type: ObjectType) => client[resourceTypes[type].model] as unknown as Delegate;

export async function loadObject(prisma: PrismaClient, type: ObjectType, id: string, options: s.SerializeOptions) {
  const resource = resourceTypes[type];
  const row = await delegateOf(prisma, type).findFirst({ where: { AND: [{ id }, resource.readable] }, include: resource.include });
  if (!row) return undefined;
  return { object: row.deleted ? s.serializeDeleted(type, row, options) : resource.serialize(row, options), modified: row.modified as Date };
}
