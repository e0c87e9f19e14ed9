// The URL scheme of our OParl endpoint: every object has one canonical id URL
// (<publicUrl>/oparl/v1.1/<type>/<uuid>), every body its external lists (…/body/<uuid>/<list>).
// Parsing is lenient (any case, trailing slash) so that non-canonical URLs can be redirected.

export const OPARL_PATH = '/oparl/v1.1';
export const SCHEMA = 'https://schema.oparl.org/1.1/';

/** OParl object types with their URL segment (the type name with a lower-case first letter). */
export const objectTypes = [
  'Body', 'LegislativeTerm', 'Organization', 'Person', 'Membership', 'Meeting',
  'AgendaItem', 'Paper', 'Consultation', 'File', 'Location',
] as const;
export type ObjectType = (typeof objectTypes)[number];

/** External lists of a Body, by the Body attribute that names them (locationList/legislativeTermList: see listAttribute). */
export const bodyLists = [
  'organization', 'person', 'meeting', 'paper', 'legislativeTerm', 'agendaItem',
  'consultation', 'file', 'location', 'membership',
] as const;
export type BodyList = (typeof bodyLists)[number];

export const listType: Record<BodyList, ObjectType> = {
  organization: 'Organization', person: 'Person', meeting: 'Meeting', paper: 'Paper',
  legislativeTerm: 'LegislativeTerm', agendaItem: 'AgendaItem', consultation: 'Consultation',
  file: 'File', location: 'Location', membership: 'Membership',
};

/** Body attribute holding a list's URL: `location` and `legislativeTerm` are taken by embedded objects. */
export const listAttribute: Record<BodyList, string> = {
  ...(Object.fromEntries(bodyLists.map((list) => [list, list])) as Record<BodyList, string>),
  location: 'locationList',
  legislativeTerm: 'legislativeTermList',
};

export const segmentOf = (type: ObjectType) => type.charAt(0).toLowerCase() + type.slice(1);
export const typeUri = (type: ObjectType | 'System' | 'Error') => `${SCHEMA}${type}`;

export type Resource =
  | { kind: 'system' }
  | { kind: 'bodies' }
  | { kind: 'object'; type: ObjectType; id: string }
  | { kind: 'list'; bodyId: string; list: BodyList }
  | { kind: 'fileContent'; id: string; disposition: FileDisposition };

/** A File's content: `accessUrl` shows it (inline), `downloadUrl` saves it (attachment). */
export const fileContentSegments = { content: 'inline', download: 'attachment' } as const;
export type FileDisposition = (typeof fileContentSegments)[keyof typeof fileContentSegments];

export class OparlUrls {
  readonly base: string;
  constructor(publicUrl: string) {
    this.base = `${publicUrl}${OPARL_PATH}`;
  }
  get system() {
    return `${this.base}/`;
  }
  get bodies() {
    return `${this.base}/body`;
  }
  object(type: ObjectType, id: string) {
    return `${this.base}/${segmentOf(type)}/${id}`;
  }
  list(bodyId: string, list: BodyList) {
    return `${this.base}/body/${bodyId}/${list}`;
  }
  fileContent(id: string, segment: keyof typeof fileContentSegments) {
    return `${this.object('File', id)}/${segment}`;
  }
}

/** Our objects' ids. */
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const typeBySegment = new Map(objectTypes.map((type) => [segmentOf(type).toLowerCase(), type]));
const listBySegment = new Map(bodyLists.map((list) => [list.toLowerCase(), list]));

/** The resource a path names and that resource's canonical path, or undefined outside the scheme. */
export function parsePath(pathname: string): { resource: Resource; canonical: string } | undefined {
  if (!pathname.toLowerCase().startsWith(OPARL_PATH)) return undefined;
  const rest = pathname.slice(OPARL_PATH.length);
  if (rest !== '' && !rest.startsWith('/')) return undefined;
  const parts = decodedSegments(rest);
  if (!parts) return undefined;
  if (parts.length === 0) return { resource: { kind: 'system' }, canonical: `${OPARL_PATH}/` };
  const [typeSegment = '', idSegment = '', subSegment = ''] = parts;
  const type = typeBySegment.get(typeSegment.toLowerCase());
  if (!type) return undefined;
  if (parts.length === 1 && type === 'Body') return { resource: { kind: 'bodies' }, canonical: `${OPARL_PATH}/body` };
  if (!UUID.test(idSegment)) return undefined;
  const id = idSegment.toLowerCase();
  if (parts.length === 2) return { resource: { kind: 'object', type, id }, canonical: `${OPARL_PATH}/${segmentOf(type)}/${id}` };
  const list = listBySegment.get(subSegment.toLowerCase());
  if (parts.length === 3 && type === 'Body' && list) {
    return { resource: { kind: 'list', bodyId: id, list }, canonical: `${OPARL_PATH}/body/${id}/${list}` };
  }
  const segment = subSegment.toLowerCase();
  if (parts.length === 3 && type === 'File' && Object.hasOwn(fileContentSegments, segment)) {
    const disposition = fileContentSegments[segment as keyof typeof fileContentSegments];
    return { resource: { kind: 'fileContent', id, disposition }, canonical: `${OPARL_PATH}/file/${id}/${segment}` };
  }
  return undefined;
}

/** The path's segments, decoded; undefined for a malformed escape (`%zz`), which names nothing. */
function decodedSegments(path: string): string[] | undefined {
  try {
    return path.split('/').filter(Boolean).map(decodeURIComponent);
  } catch {
    return undefined;
  }
}
