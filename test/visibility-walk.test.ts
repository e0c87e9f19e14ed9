// The whole API walked as an outsider would (issue 9 §2): a secret word is planted in every text
// field of the non-public part (items, a non-public sub-item under a public one, their papers,
// files with extracted text, consultations, votes, assignments and status reports), then every
// root field and `node` of every Node type is queried to depth 4 from the schema's introspection
// (no hand list of fields: a new field is walked without editing this file), every URL of the API
// found in an answer is fetched (minutes and report PDFs, files), OParl is walked from its
// system and the file routes are asked for every file. The secret must appear nowhere, and every count must count only what is listed.
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import {
  buildClientSchema,
  getIntrospectionQuery,
  getNamedType,
  isAbstractType,
  isEnumType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLNamedType,
  type GraphQLObjectType,
  type GraphQLSchema,
} from 'graphql';
import { getDatamodel } from '../src/generated/pothos-types.js';
import { seedIds } from '../src/seed/ids.js';
import { loadConfig } from '../src/config.js';
import { globalIdOf } from '../src/global-id.js';
import { extractText, getDocumentProxy } from 'unpdf';
import { localUrl, uploadFile } from './support/files.js';
import { startTestServer, tokenFor, type GraphQLResponse, type TestServer } from './support/server.js';
import { defined, only } from './support/indexing.js';

const SECRET = 'Quokkaverschwoerung';
const DEPTH = 4;
/** The one code a walk may meet: hidden and unknown records. Anything else fails the walk. */
const EXPECTED_CODES = ['NOT_FOUND'];

let server: TestServer;
let schema: GraphQLSchema;
let clerk: string;
const readers: Record<string, string | undefined> = {};
/** Global IDs per GraphQL type, planted records first: the values of ID arguments. */
const idsByType = new Map<string, string[]>();
/** Global IDs of the records that carry the secret; `node` is asked for each of them. */
const planted: string[] = [];

const lowerFirst = (name: string) => name.charAt(0).toLowerCase() + name.slice(1);
type Delegate = { findMany(args: object): Promise<{ id: string }[]>; update(args: object): Promise<unknown> };
const delegate = (model: string) => defined((server.services.db.prisma as unknown as Record<string, Delegate>)[lowerFirst(model)], `a Prisma delegate for ${model}`);

/** Fields that are not text of the record (keys, storage, checksums) or that the rule shows to everyone (an item's number and title). */
const NOT_PLANTED = new Set(['id', 'oparlId', 'storageKey', 'mimeType', 'sha512Checksum', 'externalUrl', 'AgendaItem.number', 'AgendaItem.name', 'AgendaItem.subtitle', 'MeetingEvent.kind']);

/** Writes the secret into every text column of the record, as the data model lists them. */
async function plant(model: string, id: string) {
  planted.push(globalIdOf(model, id));
  const fields = defined(getDatamodel().datamodel.models[model], `the model ${model}`).fields.filter(
    (field) => field.kind === 'scalar' && field.type === 'String' && !field.isList && !field.name.endsWith('Id') && !NOT_PLANTED.has(field.name) && !NOT_PLANTED.has(`${model}.${field.name}`),
  );
  await delegate(model).update({ where: { id }, data: Object.fromEntries(fields.map((field) => [field.name, `${field.name} ${SECRET}`])) });
}

beforeAll(async () => {
  // The walk asks for whole default pages four levels deep: it tests visibility, not the cost limit.
  server = await startTestServer({ limits: { ...loadConfig({}).limits, maxCost: Number.MAX_SAFE_INTEGER } });
  clerk = await tokenFor(['clerk']);
  readers.anonymous = undefined;
  readers.outsider = await tokenFor(['member'], seedIds.person.hendele); // a member, but of other organizations
  const prisma = server.services.db.prisma;

  // The archive: non-public item 8 of the seed meeting and a non-public 6.9 under the public 6,
  // a paper only item 8 consults, files, votes with a ballot, assignments with status reports.
  const item8 = seedIds.agendaItem['8'];
  const sub = await prisma.agendaItem.create({ data: { meetingId: seedIds.meeting2024, parentId: seedIds.agendaItem['6'], number: '6.9', order: 61, name: 'Vertragsangelegenheit', public: false } });
  const paper = await prisma.paper.create({ data: { bodyId: seedIds.body, name: 'x', consultations: { create: { agendaItemId: item8, meetingId: seedIds.meeting2024 } } } });
  const publicPaper = await prisma.paper.create({ data: { bodyId: seedIds.body, name: 'Öffentliche Vorlage', reference: '99/001/2024' } });
  const text = new TextEncoder().encode(`Anlage ${SECRET}`);
  const uploads = [
    { agendaItem: globalIdOf('AgendaItem', item8), paper: globalIdOf('Paper', publicPaper.id) },
    { paper: globalIdOf('Paper', paper.id) },
    { agendaItem: globalIdOf('AgendaItem', sub.id) },
  ];
  for (const target of uploads) {
    const uploaded = await uploadFile(server, text, 'anlage.txt', target, clerk, 'text/plain');
    expect(uploaded.errors).toBeUndefined();
  }
  for (const agendaItemId of [item8, sub.id]) {
    await plant('AgendaItem', agendaItemId);
    const vote = await prisma.vote.create({
      data: { agendaItemId, subject: 'x', kind: 'NAMED', state: 'CLOSED', yes: 1, no: 0, abstain: 0, result: 'ADOPTED', ballots: { create: { personId: seedIds.person.weiss, choice: 'YES' } } },
      include: { ballots: true },
    });
    planted.push(globalIdOf('Ballot', only(vote.ballots).id));
    const speech = await prisma.speech.create({ data: { agendaItemId, personId: seedIds.person.weiss, startedAt: new Date(), endedAt: new Date() } });
    planted.push(globalIdOf('Speech', speech.id));
  }
  const assignments = [
    await prisma.assignment.create({ data: { organizationId: seedIds.committee, meetingId: seedIds.meeting2024, agendaItemId: item8, text: 'x', status: 'IN_PROGRESS' } }),
    await prisma.assignment.create({ data: { organizationId: seedIds.committee, paperId: paper.id, text: 'x', status: 'IN_PROGRESS' } }),
  ];
  for (const assignment of assignments) {
    await prisma.statusReport.create({ data: { assignmentId: assignment.id, date: new Date('2024-12-01'), status: 'IN_PROGRESS', text: 'x' } });
  }
  const hidden = { agendaItemId: { in: [item8, sub.id] } };
  const plantAll = async (model: string, where: object) => {
    for (const { id } of await delegate(model).findMany({ where, select: { id: true } })) await plant(model, id);
  };
  await plantAll('Paper', { id: paper.id });
  await plantAll('Consultation', { paperId: paper.id });
  await plantAll('File', { OR: [hidden, { paperId: paper.id }] });
  await plantAll('Vote', hidden);
  await plantAll('Assignment', { id: { in: assignments.map((a) => a.id) } });
  await plantAll('StatusReport', { assignmentId: { in: assignments.map((a) => a.id) } });


  // IDs for arguments: every record of every Node type, planted and preferred ones first.
  schema = buildClientSchema((await server.graphql(getIntrospectionQuery())).data);
  const preferred: Record<string, string[]> = {
    Organization: [seedIds.committee],
    Meeting: [seedIds.meeting2024],
    AgendaItem: [item8, sub.id],
    Paper: [paper.id, publicPaper.id],
  };
  for (const type of schema.getPossibleTypes(schema.getType('Node') as never)) {
    const rows = await delegate(type.name).findMany({ select: { id: true }, orderBy: { id: 'asc' } });
    const ids = [...new Set([...(preferred[type.name] ?? []), ...rows.map((row) => row.id)])];
    idsByType.set(type.name, ids.map((id) => globalIdOf(type.name, id)));
  }
}, 180_000);
afterAll(() => server?.stop());
beforeEach(() => {
  leaks.length = 0;
});

// --- Queries generated from the schema ------------------------------------------------------

/** A value for an argument, from its type and name; undefined when it cannot be filled. */
function argumentValues(argument: GraphQLArgument, typeName: string): string[] | undefined {
  const type = getNamedType(argument.type);
  const list = isListType(isNonNullType(argument.type) ? argument.type.ofType : argument.type);
  const wrap = (values: string[]) => (list ? [`[${values.join(', ')}]`] : values);
  if (isEnumType(type)) return list ? wrap(type.getValues().map((value) => value.name)) : type.getValues().map((value) => value.name);
  switch (type.name) {
    case 'ID': {
      // `meetingId`, `organization`, `ids` of `nodes`…: the type the name says, else the field's own type.
      const named = argument.name.replace(/Ids?$|s$/, '');
      const target = idsByType.has(named.charAt(0).toUpperCase() + named.slice(1)) ? named.charAt(0).toUpperCase() + named.slice(1) : typeName;
      const ids = idsByType.get(target) ?? [...idsByType.values()].flat();
      return wrap(list ? ids.slice(0, 50).map((id) => JSON.stringify(id)) : [JSON.stringify(ids[0])]);
    }
    case 'String':
      return wrap([JSON.stringify(SECRET)]);
    case 'Int':
      return wrap(['100']);
    case 'Boolean':
      return wrap(['true']);
    case 'Date':
      return wrap([/^(to|until|end)/i.test(argument.name) ? '"2100-12-31"' : '"1990-01-01"']);
    case 'DateTime':
      return wrap([/^(to|until|end)/i.test(argument.name) ? '"2100-12-31T00:00:00Z"' : '"1990-01-01T00:00:00Z"']);
    default:
      return undefined;
  }
}

/** One call per value of each enum argument (every format of the minutes), all else filled once. */
function argumentVariants(field: GraphQLField<unknown, unknown>, typeName: string): string[] | undefined {
  let variants = [''];
  for (const argument of field.args) {
    const required = isNonNullType(argument.type as GraphQLInputType);
    if (!required) continue;
    const values = argumentValues(argument, typeName);
    if (!values) return undefined;
    variants = variants.flatMap((prefix) => values.map((value) => `${prefix}${argument.name}: ${value} `));
  }
  return variants.map((args) => (args ? `(${args.trim()})` : ''));
}

const isConnectionPart = (type: GraphQLNamedType) => /(Connection|Edge)$/.test(type.name);

/** A selection as a tree, so that a query the server finds too big can be split along it. */
interface Selection {
  head: string;
  children?: Selection[];
}

const print = (selection: Selection): string =>
  selection.children ? `${selection.head} { __typename ${selection.children.map(print).join(' ')} }` : selection.head;

/** The selection of a type, `levels` object levels deep; connections and edges do not count as levels. */
function selectionOf(type: GraphQLNamedType, levels: number, path: string[]): Selection[] {
  if (isAbstractType(type)) {
    return schema.getPossibleTypes(type).map((possible) => ({ head: `... on ${possible.name}`, children: fields(possible, levels, path) }));
  }
  return fields(type as GraphQLObjectType, levels, path);
}

/** Each field of the type; a path does not come back to a type it has walked (the walk of that type covers it). */
function fields(type: GraphQLObjectType, levels: number, path: string[]): Selection[] {
  const out: Selection[] = [];
  for (const field of Object.values(type.getFields())) {
    const named = getNamedType(field.type);
    const variants = argumentVariants(field, type.name);
    if (!variants) continue;
    if (isLeafType(named)) {
      variants.forEach((args, i) => out.push({ head: `${field.name}_${i}: ${field.name}${args}` }));
      continue;
    }
    const below = isConnectionPart(named) ? levels : levels - 1;
    if (below < 0 || (!isConnectionPart(named) && path.includes(named.name))) continue;
    variants.forEach((args, i) => out.push({ head: `${field.name}_${i}: ${field.name}${args}`, children: selectionOf(named, below, [...path, named.name]) }));
  }
  return out;
}

/** The selections under a root field, one per way of filling its arguments. */
function rootSelections(field: GraphQLField<unknown, unknown>, typeName: string): Selection[] {
  const named = getNamedType(field.type);
  return (argumentVariants(field, typeName) ?? []).map((args) => ({
    head: `${field.name}${args}`,
    children: isLeafType(named) ? undefined : selectionOf(named, DEPTH - 1, [named.name]),
  }));
}

// --- Checks ---------------------------------------------------------------------------------

const leaks: string[] = [];
const expectNoSecret = (where: string, text: string) => {
  if (text.includes(SECRET)) leaks.push(`${where}: …${text.slice(Math.max(0, text.indexOf(SECRET) - 200), text.indexOf(SECRET) + 50)}…`);
};

/** Every connection in an answer counts exactly what it lists (nothing hidden is counted). */
function checkCounts(where: string, value: unknown) {
  if (!value || typeof value !== 'object') return;
  if (Array.isArray(value)) return value.forEach((entry) => checkCounts(where, entry));
  const record = value as Record<string, unknown>;
  for (const [key, child] of Object.entries(record)) {
    if (key.startsWith('totalCount_') && typeof child === 'number') {
      const edges = Object.entries(record).find(([name]) => name.startsWith('edges_'))?.[1] as unknown[] | undefined;
      const pageInfo = Object.entries(record).find(([name]) => name.startsWith('pageInfo_'))?.[1] as { hasNextPage_0?: boolean } | undefined;
      if (edges && pageInfo && pageInfo.hasNextPage_0 === false) expect(child, `${where}: totalCount against the edges listed`).toBe(edges.length);
    }
    checkCounts(where, child);
  }
}

/** URLs of this API in an answer (PDFs of minutes and reports, files): fetched with the same token. */
function apiUrls(text: string): string[] {
  const base = server.services.config.publicUrl.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return [...new Set(text.match(new RegExp(`${base}/[^"\\s\\\\]*`, 'g')) ?? [])];
}

/** Once more when a kept-alive connection was closed under the request (a busy machine): every request here is a read. */
const again = <T>(request: () => Promise<T>) => request().catch((error: Error) => (error.message === 'fetch failed' ? request() : Promise.reject(error)));

async function fetchText(url: string, token?: string): Promise<string> {
  const response = await again(() => fetch(localUrl(server, url), { headers: token ? { authorization: `Bearer ${token}` } : {} }));
  const bytes = new Uint8Array(await response.arrayBuffer());
  if (response.headers.get('content-type')?.startsWith('application/pdf')) {
    return (await extractText(await getDocumentProxy(bytes), { mergePages: true })).text;
  }
  return new TextDecoder().decode(bytes);
}

const fetched = new Set<string>();

/** The server found the operation too deep or too costly (a cost model may well refuse a whole walk). */
const refused = (response: GraphQLResponse<unknown>) => !response.data && /cost|depth|complex/i.test(JSON.stringify(response.errors));

async function ask(who: string, document: string, token: string | undefined): Promise<GraphQLResponse<any>> {
  const response = await again(() => server.graphql(document, {}, token));
  const text = JSON.stringify(response);
  expectNoSecret(`${who} ${document.slice(0, 120)}`, text);
  if (!response.data) return response;
  for (const error of response.errors ?? []) {
    expect(EXPECTED_CODES, `${who} ${document.slice(0, 200)}: ${error.message}`).toContain(error.extensions?.code);
  }
  checkCounts(`${who} ${document.slice(0, 120)}`, response.data);
  for (const url of apiUrls(text)) {
    if (fetched.has(`${who} ${url}`)) continue;
    fetched.add(`${who} ${url}`);
    expectNoSecret(`${who} GET ${url}`, await fetchText(url, token));
  }
  return response;
}

/**
 * Asks for the selection under `path` (outer selections, innermost last); when the server refuses
 * it as too costly, asks again for its leaves together and for each nested child on its own.
 */
async function walk(who: string, path: string[], selection: Selection, token: string | undefined, operation = 'query'): Promise<void> {
  const document = `${operation} { ${path.map((head) => `${head} {`).join(' ')} ${print(selection)} ${'}'.repeat(path.length)} }`;
  const response = await ask(who, document, token);
  if (!refused(response)) return;
  const leaves = selection.children?.filter((child) => !child.children) ?? [];
  const nested = selection.children?.filter((child) => child.children) ?? [];
  expect(nested.length, `${who} ${document.slice(0, 300)}: ${JSON.stringify(response.errors)}`).toBeGreaterThan(0);
  if (leaves.length) await walk(who, path, { head: selection.head, children: leaves }, token, operation);
  for (const child of nested) await walk(who, [...path, selection.head], child, token, operation);
}

it('shows an outsider and an anonymous reader nothing of the non-public part, on any path of the schema', async () => {
  const query = schema.getQueryType()!;
  const nodeTypes = schema.getPossibleTypes(schema.getType('Node') as never);
  const walkAs = async (who: string, token: string | undefined, nodes = true) => {
    for (const field of Object.values(query.getFields())) {
      if (field.name === 'node' || field.name === 'nodes') continue;
      const selections = rootSelections(field, 'Query');
      expect(selections, `Query.${field.name} can be asked`).not.toEqual([]);
      for (const selection of selections) await walk(who, [], selection, token);
    }
    // node of every Node type: of planted records and some others (hidden ones are NOT_FOUND, like unknown ones).
    for (const type of nodes ? nodeTypes : []) {
      const children = fields(type, DEPTH - 1, [type.name]);
      const ids = [...idsByType.get(type.name)!.slice(0, 2), ...planted.filter((id) => idsByType.get(type.name)!.includes(id))];
      for (const id of new Set(ids)) {
        await walk(who, [`node(id: ${JSON.stringify(id)})`], { head: `... on ${type.name}`, children }, token);
      }
    }
  };
  // A clerk walks the root fields too: the secret is there and the walk finds it, so the check can fail.
  await Promise.all([...Object.entries(readers).map(([who, token]) => walkAs(who, token)), walkAs('clerk', clerk, false)]);
  const found = (who: string) => leaks.filter((leak) => leak.startsWith(who));
  expect(found('clerk').length).toBeGreaterThan(10);
  leaks.splice(0, leaks.length, ...leaks.filter((leak) => !leak.startsWith('clerk')));
  expect(leaks).toEqual([]);
}, 300_000);

it('counts in every root connection what the entitled see, minus what is hidden from the reader', async () => {
  const query = schema.getQueryType()!;
  for (const field of Object.values(query.getFields())) {
    const type = getNamedType(field.type);
    // Connections of records (search counts matches, which the walk compares with its edges).
    const edges = isObjectType(type) ? type.getFields().edges : undefined;
    const edge = edges ? getNamedType(edges.type) : undefined;
    const nodeField = edge && isObjectType(edge) ? edge.getFields().node : undefined;
    const node = nodeField ? getNamedType(nodeField.type) : undefined;
    if (!isObjectType(type) || !type.getFields().totalCount || !node || !isObjectType(node) || !node.getInterfaces().some((i) => i.name === 'Node')) continue;
    const variants = argumentVariants(field, 'Query') ?? [];
    for (const filled of variants) {
      const args = `(first: 100 ${filled.replace(/^\(|\)$/g, '')})`;
      const listed = `{ ${field.name}${args} { totalCount edges { node { ... on Node { id } } } } }`;
      const entitled = await again(() => server.graphql(listed, {}, clerk));
      const ids: string[] = entitled.data[field.name].edges.map((edge: { node: { id: string } }) => edge.node.id);
      for (const [who, token] of Object.entries(readers)) {
        const found = ids.length ? await again(() => server.graphql(`query($ids: [ID!]!) { nodes(ids: $ids) { id } }`, { ids }, token)) : { data: { nodes: [] } };
        const readable = found.data.nodes.filter(Boolean).length;
        const theirs = await again(() => server.graphql(listed, {}, token));
        expect(theirs.data[field.name].totalCount, `${who}: Query.${field.name}${args}`).toBe(readable);
      }
    }
  }
});

it('serves OParl and the file routes without the secret', async () => {
  const base = server.services.config.publicUrl;
  const queue = [`${base}/oparl/v1.1/`];
  const seen = new Set(queue);
  while (queue.length && seen.size < 3000) {
    const url = queue.shift()!;
    const text = await fetchText(url);
    expectNoSecret(`GET ${url}`, text);
    for (const next of apiUrls(text)) {
      if (!seen.has(next)) {
        seen.add(next);
        queue.push(next);
      }
    }
  }
  expect(seen.size).toBeGreaterThan(50);
  const files = await server.services.db.prisma.file.findMany({ select: { id: true } });
  for (const [who, token] of Object.entries(readers)) {
    for (const { id } of files) {
      for (const path of [`/files/${globalIdOf('File', id)}`, `/files/${globalIdOf('File', id)}/download`]) {
        expectNoSecret(`${who} GET ${path}`, await fetchText(`${base}${path}`, token));
      }
    }
  }
  expect(leaks).toEqual([]);
});
