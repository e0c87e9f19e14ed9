// One serializer per OParl type: a database row (loaded with the matching `include`) to the OParl
// JSON object. Embedded objects leave out the reference back to the object that embeds them, and
// deleted ones are never embedded. Our own data beyond OParl goes into `x-council:` fields.
import type { Prisma } from '../generated/prisma/client.js';
import { anonymous } from '../access/viewer.js';
import { readable } from '../access/visibility.js';
import { localDateTime } from './local-time.js';
import { listAttribute, bodyLists, typeUri, type ObjectType, type OparlUrls } from './urls.js';

export type OparlObject = Record<string, unknown> & { id: string; type: string };

export interface SerializeOptions {
  urls: OparlUrls;
  /** false for `omit_internal`: embedded objects are left out of list items. */
  embed: boolean;
}

/** The OParl endpoint is public: everything is served as the anonymous viewer sees it. */
const viewer = anonymous;
const alive = { deleted: false } as const;

// --- helpers -------------------------------------------------------------------------------------

const dateTime = (value: Date | null | undefined) => (value ? localDateTime(value) : undefined);
const date = (value: Date | null | undefined) => value?.toISOString().slice(0, 10);

/**
 * Drops attributes without a value: OParl wants them left out rather than null or empty. Copied
 * into a new object rather than deleted from this one: deleting keys makes an object slow to
 * serialize (about 8 % of a list page's serializing).
 */
function compact<T extends Record<string, unknown>>(object: T): T {
  const kept: Record<string, unknown> = {};
  for (const key in object) {
    const value = object[key];
    if (value !== null && value !== undefined && value !== '' && !(Array.isArray(value) && value.length === 0)) kept[key] = value;
  }
  return kept as T;
}

interface Row {
  id: string;
  created: Date;
  modified: Date;
  deleted: boolean;
}

function head(type: ObjectType, row: Row, options: SerializeOptions) {
  return { id: options.urls.object(type, row.id), type: typeUri(type) };
}
const times = (row: Row) => ({ created: dateTime(row.created), modified: dateTime(row.modified) });

/** What OParl keeps of a deleted object: id, type, created, and modified as the deletion time. */
export function serializeDeleted(type: ObjectType, row: Row, options: SerializeOptions): OparlObject {
  return { ...head(type, row, options), ...times(row), deleted: true };
}

const embedded = <T>(options: SerializeOptions, value: T) => (options.embed ? value : undefined);
/** Children embedded in their parent, serialized without the reference back to it. */
const embeddedChildren = <R>(rows: R[], serialize: (row: R, options: SerializeOptions, inParent: boolean) => OparlObject, options: SerializeOptions) =>
  embedded(options, rows.map((row) => serialize(row, options, true)));

// --- includes ----------------------------------------------------------------------------------

const fileWhere = readable.file(viewer) satisfies Prisma.FileWhereInput;
/**
 * A consultation lives only while its paper and its agenda item do: one of a deleted paper or of
 * an item removed from the agenda is served as deleted (see ./resources.ts), never embedded.
 */
export const liveConsultationWhere = {
  deleted: false,
  paper: { deleted: false },
  OR: [{ agendaItemId: null }, { agendaItem: { deleted: false } }],
} satisfies Prisma.ConsultationWhereInput;
const consultationWhere = { AND: [liveConsultationWhere, readable.consultation(viewer)] } satisfies Prisma.ConsultationWhereInput;
const byId = { id: 'asc' } as const;
/** Link rows (meeting, consultation, paper originator) that only name an organization. */
const organizationLinks = { select: { organizationId: true }, orderBy: { organizationId: 'asc' } } as const;

export const legislativeTermInclude = {} satisfies Prisma.LegislativeTermInclude;
export const locationInclude = {} satisfies Prisma.LocationInclude;
export const membershipInclude = {} satisfies Prisma.MembershipInclude;
export const bodyInclude = { legislativeTerms: { where: alive, orderBy: byId } } satisfies Prisma.BodyInclude;
export const organizationInclude = {
  location: true,
  memberships: { where: alive, select: { id: true }, orderBy: byId },
} satisfies Prisma.OrganizationInclude;
export const personInclude = { memberships: { where: alive, orderBy: byId } } satisfies Prisma.PersonInclude;
export const consultationInclude = { organizations: organizationLinks } satisfies Prisma.ConsultationInclude;
export const fileInclude = {} satisfies Prisma.FileInclude;
/** The protocol text is no OParl attribute, and it can be long: never loaded here. */
export const agendaItemOmit = { protocolText: true } as const satisfies Prisma.AgendaItemOmit;
export const agendaItemInclude = {
  // The one consultation OParl shows on the item: the authoritative one, else the oldest.
  consultations: {
    where: consultationWhere,
    select: { id: true },
    orderBy: [{ authoritative: { sort: 'desc', nulls: 'last' } }, { created: 'asc' }, { paper: { reference: 'asc' } }, { paper: { name: 'asc' } }, byId],
  },
  files: { where: fileWhere, orderBy: byId },
  votes: { where: { state: 'CLOSED', ...readable.vote(viewer) }, orderBy: byId },
} satisfies Prisma.AgendaItemInclude;
export const meetingInclude = {
  location: true,
  organizations: organizationLinks,
  agendaItems: { where: alive, include: agendaItemInclude, omit: agendaItemOmit, orderBy: [{ order: 'asc' }, byId] },
  files: { where: { ...fileWhere, agendaItemId: null }, orderBy: byId },
  attendance: { orderBy: byId },
} satisfies Prisma.MeetingInclude;
export const paperInclude = {
  consultations: { where: consultationWhere, include: consultationInclude, orderBy: byId },
  files: { where: fileWhere, orderBy: byId },
  originatorOrganizations: organizationLinks,
  originatorPersons: { select: { personId: true }, orderBy: { personId: 'asc' } },
} satisfies Prisma.PaperInclude;

type BodyRow = Prisma.BodyGetPayload<{ include: typeof bodyInclude }>;
type LegislativeTermRow = Prisma.LegislativeTermGetPayload<object>;
type LocationRow = Prisma.LocationGetPayload<object>;
type OrganizationRow = Prisma.OrganizationGetPayload<{ include: typeof organizationInclude }>;
type PersonRow = Prisma.PersonGetPayload<{ include: typeof personInclude }>;
type MembershipRow = Prisma.MembershipGetPayload<object>;
type MeetingRow = Prisma.MeetingGetPayload<{ include: typeof meetingInclude }>;
type AgendaItemRow = Prisma.AgendaItemGetPayload<{ include: typeof agendaItemInclude; omit: typeof agendaItemOmit }>;
type PaperRow = Prisma.PaperGetPayload<{ include: typeof paperInclude }>;
type ConsultationRow = Prisma.ConsultationGetPayload<{ include: typeof consultationInclude }>;
type FileRow = Prisma.FileGetPayload<object>;

// --- serializers -------------------------------------------------------------------------------

export function serializeSystem(options: SerializeOptions, modified: Date): OparlObject {
  return {
    id: options.urls.system,
    type: typeUri('System'),
    oparlVersion: 'https://schema.oparl.org/1.1/',
    body: options.urls.bodies,
    name: 'Council archive',
    created: dateTime(new Date(0)),
    modified: dateTime(modified),
  };
}

export function serializeBody(row: BodyRow, options: SerializeOptions): OparlObject {
  const lists = Object.fromEntries(bodyLists.map((list) => [listAttribute[list], options.urls.list(row.id, list)]));
  const body = compact({
    ...head('Body', row, options),
    system: options.urls.system,
    name: row.name,
    shortName: row.shortName,
    website: row.website,
    classification: row.classification,
    ...lists,
    ...times(row),
  });
  // Required by the schema, even when empty, so embedded even with omit_internal.
  return { ...body, legislativeTerm: row.legislativeTerms.map((term) => serializeLegislativeTerm(term, options, true)) };
}

export function serializeLegislativeTerm(row: LegislativeTermRow, options: SerializeOptions, inParent = false): OparlObject {
  return compact({
    ...head('LegislativeTerm', row, options),
    body: inParent ? undefined : options.urls.object('Body', row.bodyId),
    name: row.name,
    startDate: date(row.startDate),
    endDate: date(row.endDate),
    ...times(row),
  });
}

export function serializeLocation(row: LocationRow, options: SerializeOptions): OparlObject {
  return compact({
    ...head('Location', row, options),
    description: row.description,
    streetAddress: row.streetAddress,
    room: row.room,
    postalCode: row.postalCode,
    subLocality: row.subLocality,
    locality: row.locality,
    bodies: row.bodyId ? [options.urls.object('Body', row.bodyId)] : undefined,
    ...times(row),
  });
}

const embeddedLocation = (location: LocationRow | null, options: SerializeOptions) =>
  location && !location.deleted ? embedded(options, serializeLocation(location, options)) : undefined;

export function serializeOrganization(row: OrganizationRow, options: SerializeOptions): OparlObject {
  const { urls } = options;
  return compact({
    ...head('Organization', row, options),
    body: urls.object('Body', row.bodyId),
    name: row.name,
    membership: row.memberships.map((membership) => urls.object('Membership', membership.id)),
    shortName: row.shortName,
    subOrganizationOf: row.subOrganizationOfId ? urls.object('Organization', row.subOrganizationOfId) : undefined,
    organizationType: row.organizationType,
    classification: row.classification,
    startDate: date(row.startDate),
    endDate: date(row.endDate),
    website: row.website,
    location: embeddedLocation(row.location, options),
    'x-council:predecessor': row.predecessorId ? urls.object('Organization', row.predecessorId) : undefined,
    'x-council:legislativeTerm': row.legislativeTermId ? urls.object('LegislativeTerm', row.legislativeTermId) : undefined,
    'x-council:statutorySeats': row.statutorySeats,
    ...times(row),
  });
}

export function serializePerson(row: PersonRow, options: SerializeOptions): OparlObject {
  return compact({
    ...head('Person', row, options),
    body: options.urls.object('Body', row.bodyId),
    name: row.name,
    familyName: row.familyName,
    givenName: row.givenName,
    formOfAddress: row.formOfAddress,
    affix: row.affix,
    title: row.title,
    gender: row.gender,
    phone: row.phone,
    email: row.email,
    membership: embeddedChildren(row.memberships, serializeMembership, options),
    ...times(row),
  });
}

export function serializeMembership(row: MembershipRow, options: SerializeOptions, inParent = false): OparlObject {
  const { urls } = options;
  return compact({
    ...head('Membership', row, options),
    person: inParent ? undefined : urls.object('Person', row.personId),
    organization: urls.object('Organization', row.organizationId),
    role: row.role,
    votingRight: row.votingRight,
    startDate: date(row.startDate),
    endDate: date(row.endDate),
    onBehalfOf: row.onBehalfOfId ? urls.object('Organization', row.onBehalfOfId) : undefined,
    ...times(row),
  });
}

/** The first file of each slot role fills its OParl slot (mainFile, invitation …); all others are auxiliary files. */
function fileSlots(files: FileRow[], roles: FileRow['role'][], options: SerializeOptions) {
  const slots = new Map<FileRow['role'], FileRow>();
  for (const file of files) if (roles.includes(file.role) && !slots.has(file.role)) slots.set(file.role, file);
  const slotted = (role: FileRow['role']) => {
    const file = slots.get(role);
    return file ? embedded(options, serializeFile(file, options, true)) : undefined;
  };
  return { slot: slotted, auxiliary: embeddedChildren(files.filter((file) => slots.get(file.role) !== file), serializeFile, options) };
}

/** OParl's meetingState is free text; these are the words German systems use. */
export const meetingStates = { SCHEDULED: 'terminiert', RUNNING: 'laufend', FINISHED: 'durchgeführt' } as const;

export function serializeMeeting(row: MeetingRow, options: SerializeOptions): OparlObject {
  const { urls } = options;
  const files = fileSlots(row.files, ['INVITATION', 'RESULTS_PROTOCOL', 'VERBATIM_PROTOCOL'], options);
  return compact({
    ...head('Meeting', row, options),
    name: row.name,
    meetingState: meetingStates[row.meetingState],
    cancelled: row.cancelled,
    start: dateTime(row.start),
    end: dateTime(row.end),
    location: embeddedLocation(row.location, options),
    organization: row.organizations.map((link) => urls.object('Organization', link.organizationId)),
    participant: row.attendance.filter((a) => a.status === 'PRESENT').map((a) => urls.object('Person', a.personId)),
    invitation: files.slot('INVITATION'),
    resultsProtocol: files.slot('RESULTS_PROTOCOL'),
    verbatimProtocol: files.slot('VERBATIM_PROTOCOL'),
    auxiliaryFile: files.auxiliary,
    agendaItem: embedded(options, row.agendaItems.map((item) => serializeAgendaItem(item, options))),
    'x-council:attendance': row.attendance.map((a) =>
      compact({
        person: urls.object('Person', a.personId),
        role: a.role,
        status: a.status,
        arrivedAt: dateTime(a.arrivedAt),
        leftAt: dateTime(a.leftAt),
        substituteFor: a.substituteForId ? urls.object('Person', a.substituteForId) : undefined,
        affiliation: a.affiliation,
      }),
    ),
    ...times(row),
  });
}

/** Of a non-public item only what the agenda shows: number and name (plus what the schema requires). */
export function serializeAgendaItem(row: AgendaItemRow, options: SerializeOptions): OparlObject {
  const { urls } = options;
  const base = { ...head('AgendaItem', row, options), meeting: urls.object('Meeting', row.meetingId), number: row.number, order: row.order, name: row.name, public: row.public };
  if (!row.public) return compact({ ...base, ...times(row) });
  const files = fileSlots(row.files, ['MAIN'], options);
  return compact({
    ...base,
    // OParl allows one consultation per item; all of them are in the papers' `consultation`.
    consultation: row.consultations[0] ? urls.object('Consultation', row.consultations[0].id) : undefined,
    result: row.result,
    resolutionText: row.resolutionText,
    resolutionFile: files.slot('MAIN'),
    auxiliaryFile: files.auxiliary,
    start: dateTime(row.start),
    end: dateTime(row.end),
    'x-council:subtitle': row.subtitle,
    'x-council:vote': row.votes.map((vote) =>
      compact({ subject: vote.subject, kind: vote.kind, result: vote.result, unanimous: vote.unanimous, yes: vote.yes, no: vote.no, abstain: vote.abstain }),
    ),
    ...times(row),
  });
}

export function serializePaper(row: PaperRow, options: SerializeOptions): OparlObject {
  const { urls } = options;
  const files = fileSlots(row.files, ['MAIN'], options);
  return compact({
    ...head('Paper', row, options),
    body: urls.object('Body', row.bodyId),
    name: row.name,
    reference: row.reference,
    date: date(row.date),
    paperType: row.paperType,
    mainFile: files.slot('MAIN'),
    auxiliaryFile: files.auxiliary,
    originatorPerson: row.originatorPersons.map((link) => urls.object('Person', link.personId)),
    originatorOrganization: row.originatorOrganizations.map((link) => urls.object('Organization', link.organizationId)),
    consultation: embeddedChildren(row.consultations, serializeConsultation, options),
    ...times(row),
  });
}

export function serializeConsultation(row: ConsultationRow, options: SerializeOptions, inParent = false): OparlObject {
  const { urls } = options;
  return compact({
    ...head('Consultation', row, options),
    paper: inParent ? undefined : urls.object('Paper', row.paperId),
    agendaItem: row.agendaItemId ? urls.object('AgendaItem', row.agendaItemId) : undefined,
    meeting: row.meetingId ? urls.object('Meeting', row.meetingId) : undefined,
    organization: row.organizations.map((link) => urls.object('Organization', link.organizationId)),
    authoritative: row.authoritative,
    role: row.role,
    ...times(row),
  });
}

/**
 * `accessUrl` is required. Content the file store keeps is served under the File's id (and saved
 * from `downloadUrl`), like GraphQL's File.accessUrl; content we only reference, from where it lives.
 */
function contentUrls(row: FileRow, urls: OparlUrls) {
  if (row.storageKey || !row.externalUrl) return { accessUrl: urls.fileContent(row.id, 'content'), downloadUrl: row.storageKey ? urls.fileContent(row.id, 'download') : undefined };
  return { accessUrl: row.externalUrl };
}

export function serializeFile(row: FileRow, options: SerializeOptions, inParent = false): OparlObject {
  const { urls } = options;
  const parents = (type: ObjectType, id: string | null) => (inParent || !id ? undefined : [urls.object(type, id)]);
  return compact({
    ...head('File', row, options),
    name: row.name,
    fileName: row.fileName,
    mimeType: row.mimeType,
    date: date(row.date),
    size: row.size,
    sha512Checksum: row.sha512Checksum,
    text: row.text,
    ...contentUrls(row, urls),
    meeting: parents('Meeting', row.meetingId),
    agendaItem: parents('AgendaItem', row.agendaItemId),
    paper: parents('Paper', row.paperId),
    'x-council:role': row.role,
    ...times(row),
  });
}
