// How an OParl object becomes our rows, per type: which references must be resolved first, the
// row data, the objects embedded in it, and the link tables it fills. Inverse of ./serializers.ts.
import { randomUUID } from 'node:crypto';
import type { Prisma } from '../generated/prisma/client.js';
import type { Inserts, InsertTable } from './inserts.js';
import { meetingStates } from './serializers.js';
import type { ObjectType } from './urls.js';
import type { Values } from './values.js';

export type Json = Record<string, any>;
export type Tx = Prisma.TransactionClient;

/** What a mapping sees of the import in progress. */
export interface ImportContext {
  v: Values;
  /** The local id of an already imported object, by OParl URL. */
  ref(url: unknown): string | undefined;
  /** Ids given by the object that embeds this one (meetingId, personId …) and the Body being imported. */
  parent: Record<string, string | undefined>;
  /** The object's `modified`: rows written alongside (attendance) carry it too. */
  modified: Date;
  /** The row is created by this write: its link tables hold nothing yet. */
  isNew: boolean;
  /** Where link rows go: written with the transaction's other new rows. */
  inserts: Inserts;
}

export interface Child {
  type: ObjectType;
  json: unknown;
  parent: (id: string) => Record<string, string | undefined>;
}

export interface Mapping {
  /** URLs (with their type) this object refers to and that must exist before it is written. */
  refs(json: Json): [unknown, ObjectType][];
  /** Row data, or a message naming the required value that is missing. */
  data(json: Json, context: ImportContext): Record<string, unknown> | string;
  children?(json: Json): Child[];
  links?(tx: Tx, id: string, json: Json, context: ImportContext): Promise<void>;
}

const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : value === undefined || value === null ? [] : [value]);
const first = (value: unknown) => list(value)[0];
const many = (urls: unknown, type: ObjectType): [unknown, ObjectType][] => list(urls).map((url) => [url, type]);
const ids = (urls: unknown, context: ImportContext) => [...new Set(list(urls).map((url) => context.ref(url)).filter((id) => id !== undefined))];

/** Replaces an object's rows in a link table (nothing to clear for a new object). */
async function relink(context: ImportContext, clear: () => Promise<unknown>, table: InsertTable, rows: Record<string, unknown>[]) {
  if (!context.isNew) await clear();
  context.inserts.add(table, rows);
}

const defined = (object: Record<string, unknown>) => Object.fromEntries(Object.entries(object).filter(([, value]) => value !== undefined));

/** Row data of a type that belongs to a Body: its own `body`, else the Body being imported. */
const inBody =
  (data: (json: Json, context: ImportContext) => Record<string, unknown>): Mapping['data'] =>
  (json, context) => {
    const bodyId = context.ref(json.body) ?? context.parent.bodyId;
    return bodyId ? { bodyId, ...data(json, context) } : 'body';
  };

/** Files embedded in a slot: the slot decides the role; the embedding object is the file's parent. */
function files(json: Json, slots: Record<string, string>, parentKey: 'meetingId' | 'agendaItemId' | 'paperId'): Child[] {
  return Object.entries(slots).flatMap(([slot, role]) =>
    list(json[slot]).map((file) => ({ type: 'File' as const, json: file, parent: (id: string) => ({ [parentKey]: id, role }) })),
  );
}

const stateByWord = new Map<string, keyof typeof meetingStates>([
  ...Object.entries(meetingStates).map(([state, word]) => [word, state] as [string, keyof typeof meetingStates]),
  ['eingeladen', 'SCHEDULED'], ['abgeschlossen', 'FINISHED'], ['stattgefunden', 'FINISHED'],
]);

const fileRoles = new Set(['MAIN', 'AUXILIARY', 'INVITATION', 'RESULTS_PROTOCOL', 'VERBATIM_PROTOCOL']);
const attendanceRoles = new Set(['CHAIR', 'MEMBER', 'SUBSTITUTE', 'ADMINISTRATION', 'GUEST', 'MINUTE_TAKER']);
const attendanceStatuses = new Set(['PRESENT', 'EXCUSED', 'ABSENT']);

/** Where the source serves a File's content. */
export const contentUrl = (json: Json, v: Values) => v.string(json.downloadUrl) ?? v.string(json.accessUrl);

export const mappings: Record<ObjectType, Mapping> = {
  Body: {
    refs: () => [],
    data: (json, { v }) => ({
      name: v.string(json.name) ?? v.string(json.shortName) ?? json.id,
      shortName: v.string(json.shortName) ?? null,
      website: v.string(json.website) ?? null,
      classification: v.string(json.classification) ?? null,
    }),
    children: (json) => list(json.legislativeTerm).map((term) => ({ type: 'LegislativeTerm', json: term, parent: (id) => ({ bodyId: id }) })),
  },
  LegislativeTerm: {
    refs: (json) => [[json.body, 'Body']],
    data: inBody((json, { v }) => ({ name: v.string(json.name) ?? '', startDate: v.date(json.startDate, 'startDate') ?? null, endDate: v.date(json.endDate, 'endDate') ?? null })),
  },
  Location: {
    refs: () => [],
    data: (json, { v, parent }) => ({
      bodyId: parent.bodyId ?? null,
      description: v.string(json.description) ?? null,
      streetAddress: v.string(json.streetAddress) ?? null,
      room: v.string(json.room) ?? null,
      postalCode: v.string(json.postalCode) ?? null,
      subLocality: v.string(json.subLocality) ?? null,
      locality: v.string(json.locality) ?? null,
    }),
  },
  Organization: {
    refs: (json) => [[json.body, 'Body'], [json.subOrganizationOf, 'Organization'], [json['x-council:predecessor'], 'Organization'], [json['x-council:legislativeTerm'], 'LegislativeTerm']],
    data: inBody((json, { v, ref }) => ({
      name: v.string(json.name) ?? v.string(json.shortName) ?? json.id,
      shortName: v.string(json.shortName) ?? null,
      organizationType: v.string(json.organizationType) ?? null,
      classification: v.string(json.classification) ?? null,
      startDate: v.date(json.startDate, 'startDate') ?? null,
      endDate: v.date(json.endDate, 'endDate') ?? null,
      website: v.string(json.website) ?? null,
      subOrganizationOfId: ref(json.subOrganizationOf) ?? null,
      predecessorId: ref(json['x-council:predecessor']) ?? null,
      legislativeTermId: ref(json['x-council:legislativeTerm']) ?? null,
      statutorySeats: v.integer(json['x-council:statutorySeats']) ?? null,
      locationId: ref(json.location?.id) ?? null,
    })),
    // The embedded location is written first (see Importer), so locationId can point at it.
  },
  Person: {
    refs: (json) => [[json.body, 'Body']],
    data: inBody((json, { v }) => {
      const familyName = v.string(json.familyName);
      const givenName = v.string(json.givenName);
      return {
        name: v.string(json.name) ?? ([givenName, familyName].filter(Boolean).join(' ') || json.id),
        familyName: familyName ?? null,
        givenName: givenName ?? null,
        formOfAddress: v.string(json.formOfAddress) ?? null,
        affix: v.string(json.affix) ?? null,
        title: v.strings(json.title),
        gender: v.string(json.gender) ?? null,
        phone: v.strings(json.phone),
        email: v.strings(json.email),
      };
    }),
    children: (json) => list(json.membership).map((membership) => ({ type: 'Membership', json: membership, parent: (id) => ({ personId: id }) })),
  },
  Membership: {
    refs: (json) => [[json.person, 'Person'], [json.organization, 'Organization'], [json.onBehalfOf, 'Organization']],
    data: (json, { v, ref, parent }) => {
      const personId = parent.personId ?? ref(json.person);
      const organizationId = ref(json.organization);
      if (!personId) return 'person';
      if (!organizationId) return 'organization';
      return {
        personId,
        organizationId,
        role: v.string(json.role) ?? null,
        votingRight: v.boolean(json.votingRight) ?? false,
        startDate: v.date(json.startDate, 'startDate') ?? null,
        endDate: v.date(json.endDate, 'endDate') ?? null,
        onBehalfOfId: ref(json.onBehalfOf) ?? null,
      };
    },
  },
  Meeting: {
    refs: (json) => [
      ...many(json.organization, 'Organization'),
      ...many(json.participant, 'Person'),
      ...list(json['x-council:attendance']).flatMap((a: any) => [...many(a?.person, 'Person'), ...many(a?.substituteFor, 'Person')]),
    ],
    data: (json, context) => {
      // OParl gives a Meeting no `body`: it belongs to the Body whose list it came from.
      const bodyId = context.parent.bodyId;
      if (!bodyId) return 'body';
      const { v, ref } = context;
      return {
        bodyId,
        name: v.string(json.name) ?? json.id,
        meetingState: stateByWord.get(v.string(json.meetingState)?.toLowerCase() ?? '') ?? 'SCHEDULED',
        cancelled: v.boolean(json.cancelled) ?? false,
        start: v.dateTime(json.start, 'start') ?? null,
        end: v.dateTime(json.end, 'end') ?? null,
        locationId: ref(json.location?.id) ?? null,
      };
    },
    children: (json) => [
      ...files(json, { invitation: 'INVITATION', resultsProtocol: 'RESULTS_PROTOCOL', verbatimProtocol: 'VERBATIM_PROTOCOL', auxiliaryFile: 'AUXILIARY' }, 'meetingId'),
      ...list(json.agendaItem).map((item, index): Child => ({ type: 'AgendaItem', json: item, parent: (id) => ({ meetingId: id, order: String(index + 1) }) })),
    ],
    links: async (tx, id, json, context) => {
      const organizations = ids(json.organization, context).map((organizationId) => ({ meetingId: id, organizationId }));
      await relink(context, () => tx.meetingOrganization.deleteMany({ where: { meetingId: id } }), 'meetingOrganization', organizations);
      const { v, ref } = context;
      const listed = list(json['x-council:attendance']);
      const attendance = listed.length
        ? listed.map((a: any) => ({
            personId: ref(a?.person),
            role: attendanceRoles.has(a?.role) ? a.role : 'MEMBER',
            status: attendanceStatuses.has(a?.status) ? a.status : 'PRESENT',
            arrivedAt: v.dateTime(a?.arrivedAt, 'arrivedAt') ?? null,
            leftAt: v.dateTime(a?.leftAt, 'leftAt') ?? null,
            substituteForId: ref(a?.substituteFor) ?? null,
            affiliation: v.string(a?.affiliation) ?? null,
          }))
        : ids(json.participant, context).map((personId) => ({ personId, role: 'MEMBER' as const, status: 'PRESENT' as const }));
      const rows = attendance
        .filter((a) => a.personId)
        // The id too: the column's default is Prisma's, and the rows are inserted without Prisma (./inserts.ts).
        .map((a) => ({ ...a, id: randomUUID(), meetingId: id, personId: a.personId!, created: context.modified, modified: context.modified })) satisfies Prisma.AttendanceCreateManyInput[];
      await relink(context, () => tx.attendance.deleteMany({ where: { meetingId: id } }), 'attendance', rows);
    },
  },
  AgendaItem: {
    refs: (json) => [[json.meeting, 'Meeting']],
    data: (json, { v, ref, parent }) => {
      const meetingId = parent.meetingId ?? ref(json.meeting);
      if (!meetingId) return 'meeting';
      return {
        meetingId,
        number: v.string(json.number) ?? null,
        // `order` is required, yet missing in real data (and the specification's own example).
        order: v.integer(json.order) ?? Number(parent.order ?? 0),
        name: v.string(json.name) ?? v.string(json.number) ?? '',
        public: v.boolean(json.public) ?? true,
        result: v.string(json.result) ?? null,
        resolutionText: v.string(json.resolutionText) ?? null,
        start: v.dateTime(json.start, 'start') ?? null,
        end: v.dateTime(json.end, 'end') ?? null,
        subtitle: v.string(json['x-council:subtitle']) ?? null,
      };
    },
    children: (json) => files(json, { resolutionFile: 'MAIN', auxiliaryFile: 'AUXILIARY' }, 'agendaItemId'),
  },
  Paper: {
    refs: (json) => [[json.body, 'Body'], ...many(json.originatorPerson, 'Person'), ...many(json.originatorOrganization, 'Organization')],
    data: inBody((json, { v }) => ({
      name: v.string(json.name) ?? v.string(json.reference) ?? json.id,
      reference: v.string(json.reference) ?? null,
      date: v.date(json.date, 'date') ?? null,
      paperType: v.string(json.paperType) ?? null,
    })),
    children: (json) => [
      ...files(json, { mainFile: 'MAIN', auxiliaryFile: 'AUXILIARY' }, 'paperId'),
      ...list(json.consultation).map((consultation): Child => ({ type: 'Consultation', json: consultation, parent: (id) => ({ paperId: id }) })),
    ],
    links: async (tx, id, json, context) => {
      const persons = ids(json.originatorPerson, context).map((personId) => ({ paperId: id, personId }));
      await relink(context, () => tx.paperOriginatorPerson.deleteMany({ where: { paperId: id } }), 'paperOriginatorPerson', persons);
      const organizations = ids(json.originatorOrganization, context).map((organizationId) => ({ paperId: id, organizationId }));
      await relink(context, () => tx.paperOriginatorOrganization.deleteMany({ where: { paperId: id } }), 'paperOriginatorOrganization', organizations);
    },
  },
  Consultation: {
    refs: (json) => [[json.paper, 'Paper'], [json.agendaItem, 'AgendaItem'], [json.meeting, 'Meeting'], ...many(json.organization, 'Organization')],
    data: (json, { v, ref, parent }) => {
      const paperId = parent.paperId ?? ref(json.paper);
      if (!paperId) return 'paper';
      return {
        paperId,
        agendaItemId: ref(json.agendaItem) ?? null,
        meetingId: ref(json.meeting) ?? null,
        authoritative: v.boolean(json.authoritative) ?? null,
        role: v.string(json.role) ?? null,
      };
    },
    links: async (tx, id, json, context) => {
      const organizations = ids(json.organization, context).map((organizationId) => ({ consultationId: id, organizationId }));
      await relink(context, () => tx.consultationOrganization.deleteMany({ where: { consultationId: id } }), 'consultationOrganization', organizations);
    },
  },
  File: {
    refs: (json) => [...many(first(json.meeting), 'Meeting'), ...many(first(json.agendaItem), 'AgendaItem'), ...many(first(json.paper), 'Paper')],
    data: (json, { v, ref, parent }) => ({
      name: v.string(json.name) ?? v.string(json.fileName) ?? json.id,
      fileName: v.string(json.fileName) ?? null,
      mimeType: v.string(json.mimeType) ?? null,
      size: v.integer(json.size) ?? null,
      sha512Checksum: v.string(json.sha512Checksum) ?? null,
      text: v.string(json.text) ?? null,
      date: v.date(json.date, 'date') ?? null,
      // Kept also when the content is fetched: it tells a later run where the content came from.
      externalUrl: contentUrl(json, v) ?? null,
      role: fileRoles.has(json['x-council:role']) ? json['x-council:role'] : (parent.role ?? 'AUXILIARY'),
      // A file listed on its own may leave out where it is attached: keep what embedding told us.
      ...defined({
        meetingId: parent.meetingId ?? ref(first(json.meeting)),
        agendaItemId: parent.agendaItemId ?? ref(first(json.agendaItem)),
        paperId: parent.paperId ?? ref(first(json.paper)),
      }),
    }),
  },
};

/** Embedded locations are written before the object that embeds them (it holds the foreign key). */
export const embeddedLocations = (type: ObjectType, json: Json): Json[] =>
  (type === 'Meeting' || type === 'Organization') && json.location && typeof json.location === 'object' ? [json.location] : [];
