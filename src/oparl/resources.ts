// How each OParl type is loaded: which table, what is included for serializing it, which rows the
// public may see (./access/visibility.ts decides) and which rows belong to a Body's external list.
import DataLoader from 'dataloader';
import type { Prisma, PrismaClient } from '../generated/prisma/client.js';
import { anonymous } from '../access/viewer.js';
import { visible } from '../access/visibility.js';
import * as s from './serializers.js';
import type { ObjectType } from './urls.js';

type Where = Record<string, unknown>;

type Range = { gte?: Date; lte?: Date };

export interface ResourceType {
  model: 'body' | 'legislativeTerm' | 'organization' | 'person' | 'membership' | 'meeting' | 'agendaItem' | 'paper' | 'consultation' | 'file' | 'location';
  include: object;
  /** Columns never served, left out of every load. */
  omit?: object;
  /** Rows the anonymous viewer may see at all (deleted ones included: they are served as deleted). */
  readable: Where;
  inBody(bodyId: string): Where;
  serialize(row: any, options: s.SerializeOptions): s.OparlObject;
  /** How deletion is told, where not by the object's own flag alone. */
  deletion?: Deletion;
}

/** Rows that live, rows changed (or deleted) in a time range, and when a row was deleted (if it was). */
interface Deletion {
  alive: Where;
  changedIn(range: Range): Where;
  deletedAt(row: any): Date | undefined;
}

/** Most objects are deleted by their own flag, at their `modified`. */
const ownDeletion: Deletion = {
  alive: { deleted: false },
  changedIn: (range) => ({ modified: range }),
  deletedAt: (row) => (row.deleted ? row.modified : undefined),
};

/** A consultation is deleted with its paper and with its agenda item, at the later of the deletions. */
const consultationDeletion: Deletion = {
  alive: s.liveConsultationWhere,
  changedIn: (range) => ({ OR: [{ modified: range }, { paper: { deleted: true, modified: range } }, { agendaItem: { deleted: true, modified: range } }] }),
  deletedAt: (row) => {
    const deletions = [row, row.paper, row.agendaItem].filter((owner) => owner?.deleted).map((owner) => owner.modified as Date);
    return deletions.length ? new Date(Math.max(row.modified.getTime(), ...deletions.map((time) => time.getTime()))) : undefined;
  },
};
const ownerDeletion = { select: { deleted: true, modified: true } } as const;

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
    model: 'agendaItem', include: s.agendaItemInclude, omit: s.agendaItemOmit, readable: {},
    inBody: (bodyId) => ({ meeting: { bodyId } }),
    serialize: s.serializeAgendaItem,
  },
  Paper: { model: 'paper', include: s.paperInclude, readable: visible.paper(anonymous), inBody, serialize: s.serializePaper },
  Consultation: {
    model: 'consultation', include: { ...s.consultationInclude, paper: ownerDeletion, agendaItem: ownerDeletion }, readable: visible.consultation(anonymous),
    inBody: (bodyId) => ({ paper: { bodyId } }),
    serialize: (row, o) => s.serializeConsultation(row, o),
    deletion: consultationDeletion,
  },
  File: {
    model: 'file', include: s.fileInclude, readable: visible.file(anonymous),
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

export const deletionOf = (type: ObjectType) => resourceTypes[type].deletion ?? ownDeletion;

/** A row as OParl serves it: deleted ones reduced to what the specification keeps of them. */
export function serializeRow(type: ObjectType, row: any, options: s.SerializeOptions): { object: s.OparlObject; modified: Date } {
  const deletedAt = deletionOf(type).deletedAt(row);
  if (deletedAt) return { object: s.serializeDeleted(type, { ...row, modified: deletedAt }, options), modified: deletedAt };
  return { object: resourceTypes[type].serialize(row, options), modified: row.modified };
}

/** The readable rows of one type by id, for the requests that arrive together (see objectLoader). */
type RowLoader = DataLoader<string, any>;
const rowLoaders = new WeakMap<PrismaClient, Map<ObjectType, RowLoader>>();

/**
 * Objects asked for at their own URL are read together: the requests of one turn of the event
 * loop (a client walking a system asks for several at once) share one statement per type instead
 * of a statement each. Prisma's own cost per call was the largest part of serving an object.
 * Nothing is kept between batches: a change shows in the next request.
 */
function rowLoader(prisma: PrismaClient, type: ObjectType): RowLoader {
  let loaders = rowLoaders.get(prisma);
  if (!loaders) rowLoaders.set(prisma, (loaders = new Map()));
  let loader = loaders.get(type);
  if (!loader) {
    const resource = resourceTypes[type];
    loader = new DataLoader(
      async (ids) => {
        const rows: { id: string }[] = await delegateOf(prisma, type).findMany({
          where: { AND: [{ id: { in: [...ids] } }, resource.readable] },
          include: resource.include,
          omit: resource.omit,
          // One statement for the batch: its rows are few, their relations built in PostgreSQL.
          relationLoadStrategy: 'join',
        });
        const byId = new Map(rows.map((row) => [row.id, row]));
        return ids.map((id) => byId.get(id));
      },
      // Requests arrive one I/O callback each: collect them until the pending I/O is handled.
      { cache: false, maxBatchSize: 100, batchScheduleFn: (dispatch) => setImmediate(dispatch) },
    );
    loaders.set(type, loader);
  }
  return loader;
}

export async function loadObject(prisma: PrismaClient, type: ObjectType, id: string, options: s.SerializeOptions) {
  const row = await rowLoader(prisma, type).load(id);
  return row ? serializeRow(type, row, options) : undefined;
}

/**
 * The content behind a File's accessUrl/downloadUrl, with the File object's own visibility: a
 * hidden file answers like an unknown one, a deleted one 410, one whose content we do not keep 404.
 */
export async function storedFileContent(prisma: PrismaClient, id: string) {
  const file = await prisma.file.findFirst({
    where: { AND: [{ id }, resourceTypes.File.readable] },
    select: { deleted: true, storageKey: true, mimeType: true, size: true, fileName: true, modified: true },
  });
  if (!file) return { status: 404, message: 'No File with this id.' } as const;
  if (file.deleted) return { status: 410, message: 'This File was deleted.' } as const;
  const { storageKey, mimeType } = file;
  if (!storageKey || !mimeType) return { status: 404, message: 'The content of this File is not kept here.' } as const;
  return { file: { ...file, storageKey, mimeType } };
}
