// The whole API walked as an outsider would (issue 9 §2): a secret word is planted in every text
// field of the non-public part (items, a non-public sub-item under a public one, their papers,
// files with extracted text, consultations, votes, assignments and status reports), then every
// root field and `node` of every Node type is queried to depth 4 from the schema's introspection
// (no hand list of fields: a new field is walked without editing this file), every URL of the API
// found in an answer is fetched (minutes and report PDFs, files), OParl is walked from its
// system, the file routes are asked for every file, and every subscription (over WebSocket and
// SSE) watches a clerk run the non-public part of a meeting with the secret. The secret must
// appear nowhere, and every count must count only what is listed.
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
import { runningCouncilMeeting } from './support/council.js';
import { sseSubscribe, wsClient, wsSubscribe, type Subscription } from './support/live.js';
import { request as httpRequest } from 'node:http';
import { startTestServer, tokenFor, type GraphQLResponse, type TestServer } from './support/server.js';
import { at, defined, only } from './support/indexing.js';

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
function argumentValues(argument: GraphQLArgument, typeName: string, ids: IdSource): string[] | undefined {
  const type = getNamedType(argument.type);
  const list = isListType(isNonNullType(argument.type) ? argument.type.ofType : argument.type);
  const wrap = (values: string[]) => (list ? [`[${values.join(', ')}]`] : values);
  if (isEnumType(type)) return list ? wrap(type.getValues().map((value) => value.name)) : type.getValues().map((value) => value.name);
  switch (type.name) {
    case 'ID': {
      // `meetingId`, `organization`, `ids` of `nodes`…: the type the name says, else the field's own type.
      const named = argument.name.replace(/Ids?$|s$/, '');
      const target = ids.byType.has(named.charAt(0).toUpperCase() + named.slice(1)) ? named.charAt(0).toUpperCase() + named.slice(1) : typeName;
      const values = (ids.byType.get(target) ?? [...ids.byType.values()].flat()).map((id) => JSON.stringify(id));
      return wrap(list ? values.slice(0, 50) : ids.each ? values : values.slice(0, 1));
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

/** Where ID arguments come from: the first ID of the type, or (`each`) one call per ID. */
interface IdSource {
  byType: Map<string, string[]>;
  each?: boolean;
}

/** One call per value of each enum argument (every format of the minutes), all else filled once. */
function argumentVariants(field: GraphQLField<unknown, unknown>, typeName: string, ids: IdSource = { byType: idsByType }): string[] | undefined {
  let variants = [''];
  for (const argument of field.args) {
    const required = isNonNullType(argument.type as GraphQLInputType);
    if (!required) continue;
    const values = argumentValues(argument, typeName, ids);
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
    return schema.getPossibleTypes(type).map((possible) => ({ head: `... on ${possible.name}`, children: fields(possible, levels, path, `_${possible.name}`) }));
  }
  return fields(type as GraphQLObjectType, levels, path);
}

/**
 * Each field of the type; a path does not come back to a type it has walked (the walk of that type
 * covers it). Under an abstract type the aliases end with the type's name (`suffix`): fields of the
 * same name may have different types in two members.
 */
function fields(type: GraphQLObjectType, levels: number, path: string[], suffix = ''): Selection[] {
  const out: Selection[] = [];
  for (const field of Object.values(type.getFields())) {
    const named = getNamedType(field.type);
    const variants = argumentVariants(field, type.name);
    if (!variants) continue;
    if (isLeafType(named)) {
      variants.forEach((args, i) => out.push({ head: `${field.name}_${i}${suffix}: ${field.name}${args}` }));
      continue;
    }
    const below = isConnectionPart(named) ? levels : levels - 1;
    if (below < 0 || (!isConnectionPart(named) && path.includes(named.name))) continue;
    variants.forEach((args, i) => out.push({ head: `${field.name}_${i}${suffix}: ${field.name}${args}`, children: selectionOf(named, below, [...path, named.name]) }));
  }
  return out;
}

/** The selections under a root field, one per way of filling its arguments. */
function rootSelections(field: GraphQLField<unknown, unknown>, typeName: string, ids?: IdSource): Selection[] {
  const named = getNamedType(field.type);
  return (argumentVariants(field, typeName, ids) ?? []).map((args) => ({
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

// --- Subscriptions ----------------------------------------------------------------------------

/** The subject of the last vote and the resolution of the last item, both public: what every subscription to the meeting passes on last. */
const FINAL = 'Schlussabstimmung';
/** How long the streams may take to pass on the whole run (a loaded machine); a stream still waiting then fails the test by name. */
const STREAM_DEADLINE_MS = 180_000;

interface Stream {
  who: string;
  transport: 'WebSocket' | 'SSE';
  field: string;
  document: string;
  subscription: Subscription & { raw?: () => string };
  ended?: boolean;
}

const nameOf = (stream: Stream) => `${stream.who} ${stream.transport} ${stream.document.slice(0, 100)}`;
const textOf = (stream: Stream) => stream.subscription.raw?.() ?? JSON.stringify(stream.subscription.results);
/**
 * A stream is through once it has passed on the public end of the run (the last vote, the last
 * item's resolution, the meeting's end) or has ended; a clerk's stream of the non-public item
 * also once it has shown the secret, since that item's list never sees the public end.
 */
const isThrough = (stream: Stream) =>
  stream.ended || /"MeetingEnded"|"FINISHED"/.test(textOf(stream)) || textOf(stream).includes(FINAL) || (stream.who === 'clerk' && textOf(stream).includes(SECRET));

/**
 * A mutation on a connection of its own. On the loaded machine a kept-alive connection may be
 * closed by the server just as the next request goes out (ECONNRESET); a read can simply be sent
 * again (`again`), a mutation cannot.
 */
function mutate(document: string, variables: Record<string, unknown>, token = clerk): Promise<any> {
  const body = JSON.stringify({ query: document, variables });
  return new Promise((resolve, reject) => {
    const headers = { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)), authorization: `Bearer ${token}` };
    const sent = httpRequest(`${server.url}/graphql`, { method: 'POST', agent: false, headers }, (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (text += chunk));
      response.on('end', () => {
        const { data, errors } = JSON.parse(text) as GraphQLResponse<any>;
        if (errors) reject(new Error(`${document}: ${JSON.stringify(errors)}`));
        else resolve(data);
      });
    });
    sent.on('error', reject);
    sent.end(body);
  });
}

/** Waits, bounded, until every stream is through; names those that are not. */
async function untilThrough(streams: Stream[]) {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<void>((resolve) => (timer = setTimeout(resolve, STREAM_DEADLINE_MS)));
  for (const stream of streams) {
    stream.subscription.completed.then(
      () => (stream.ended = true),
      () => (stream.ended = true),
    );
  }
  const through = streams.map((stream) =>
    Promise.race([stream.subscription.until(() => isThrough(stream)).catch(() => {}), stream.subscription.completed.catch(() => {})]),
  );
  await Promise.race([Promise.all(through), deadline]);
  clearTimeout(timer);
  expect(
    streams.filter((stream) => !isThrough(stream)).map((stream) => `${nameOf(stream)}: ${stream.subscription.results.length} results, not through`),
    `streams that did not pass on the end of the run within ${STREAM_DEADLINE_MS / 1000} s`,
  ).toEqual([]);
}

it('streams nothing of a non-public item that a clerk runs to outsiders and anonymous subscribers, over WebSocket and SSE', async () => {
  const run = (document: string, variables: Record<string, unknown> = {}) => mutate(document, variables);
  // A running meeting of a committee the outsider is no member of; its first (public) item is current.
  const { meetingId, itemId, members } = await runningCouncilMeeting(server, run, 3);
  const addItem = `mutation($m: ID!, $name: String!, $public: Boolean!) { addUrgentAgendaItem(meetingId: $m, name: $name, public: $public) { id } }`;
  const hiddenItem: string = (await run(addItem, { m: meetingId, name: 'Personalangelegenheit', public: false })).addUrgentAgendaItem.id;
  const finalItem: string = (await run(addItem, { m: meetingId, name: 'Anfragen', public: true })).addUrgentAgendaItem.id;
  // Arguments from the running meeting: one subscription per meeting and per item of the run.
  const ids: IdSource = { byType: new Map([...idsByType, ['Meeting', [meetingId]], ['AgendaItem', [hiddenItem, finalItem]]]), each: true };
  const subscribers = { ...readers, clerk };
  const cursors: Record<string, string> = {};
  for (const [who, token] of Object.entries(subscribers)) {
    cursors[who] = (await again(() => server.graphql(`query($m: ID!) { node(id: $m) { ... on Meeting { eventCursor } } }`, { m: meetingId }, token))).data.node.eventCursor;
  }

  const fields = Object.values(schema.getSubscriptionType()!.getFields());
  const documents = fields.flatMap((field) => {
    const selections = rootSelections(field, 'Subscription', ids);
    expect(selections, `Subscription.${field.name} can be asked`).not.toEqual([]);
    return selections.map((selection) => ({ field, document: `subscription { ${print(selection)} }` }));
  });
  const clients: ReturnType<typeof wsClient>[] = [];
  /** Every document as every subscriber, over both transports; with `after`, from the cursor each read before the run. */
  const subscribeAll = async (after?: Record<string, string>) => {
    const streams: Stream[] = [];
    for (const [who, token] of Object.entries(subscribers)) {
      for (const { field, document: plain } of documents) {
        let document = plain;
        if (after) {
          if (!field.args.some((argument) => argument.name === 'after')) continue;
          document = plain.replace(`${field.name}(`, `${field.name}(after: ${JSON.stringify(after[who])} `);
        }
        // A client per stream: the helper resolves on the connection's acknowledgement.
        const client = wsClient(server, token);
        clients.push(client);
        streams.push({ who, transport: 'WebSocket', field: field.name, document, subscription: await wsSubscribe(client, document, {}) });
        streams.push({ who, transport: 'SSE', field: field.name, document, subscription: await again(() => sseSubscribe(server, document, {}, token)) });
      }
    }
    return streams;
  };
  const live = await subscribeAll();

  // The clerk runs the non-public item: protocol, speakers, a named vote with ballots, a counted vote, the resolution.
  await run(`mutation($i: ID!) { startAgendaItem(agendaItemId: $i) { id } }`, { i: hiddenItem });
  await run(`mutation($i: ID!, $t: String!) { annotateAgendaItem(agendaItemId: $i, protocolText: $t) { id } }`, { i: hiddenItem, t: `Protokoll ${SECRET}` });
  const speak = async (item: string, member: string) => {
    await run(`mutation($i: ID!, $p: ID!) { addSpeechRequest(agendaItemId: $i, personId: $p) { id } }`, { i: item, p: globalIdOf('Person', member) });
    await run(`mutation($i: ID!) { startSpeech(agendaItemId: $i) { id } }`, { i: item });
    await run(`mutation($i: ID!) { endSpeech(agendaItemId: $i) { id } }`, { i: item });
  };
  await speak(hiddenItem, at(members, 0));
  const named = (await run(`mutation($i: ID!, $s: String!) { openVote(agendaItemId: $i, subject: $s, kind: NAMED) { id } }`, { i: hiddenItem, s: `Abstimmung ${SECRET}` })).openVote.id;
  for (const member of members) {
    await mutate(`mutation($v: ID!) { castBallot(voteId: $v, choice: NO) { id } }`, { v: named }, await tokenFor(['member'], member));
  }
  await run(`mutation($v: ID!) { closeVote(voteId: $v) { id } }`, { v: named });
  const counted = (await run(`mutation($i: ID!, $s: String!) { openVote(agendaItemId: $i, subject: $s, kind: COUNTED) { id } }`, { i: hiddenItem, s: `Zählung ${SECRET}` })).openVote.id;
  await run(`mutation($v: ID!) { recordVoteCounts(voteId: $v, yes: 2, no: 1, abstain: 0) { id } }`, { v: counted });
  await run(`mutation($v: ID!) { closeVote(voteId: $v) { id } }`, { v: counted });
  await run(`mutation($i: ID!, $t: String!) { completeAgendaItem(agendaItemId: $i, result: $t, resolutionText: $t) { id } }`, { i: hiddenItem, t: `Beschluss ${SECRET}` });
  // Then the public end that every subscriber sees: an item with a speaker and a vote, its resolution, the meeting's end.
  await run(`mutation($i: ID!) { startAgendaItem(agendaItemId: $i) { id } }`, { i: finalItem });
  await speak(finalItem, at(members, 1));
  const last = (await run(`mutation($i: ID!, $s: String!) { openVote(agendaItemId: $i, subject: $s, kind: COUNTED) { id } }`, { i: finalItem, s: FINAL })).openVote.id;
  await run(`mutation($v: ID!) { recordVoteCounts(voteId: $v, unanimous: true) { id } }`, { v: last });
  await run(`mutation($v: ID!) { closeVote(voteId: $v) { id } }`, { v: last });
  await run(`mutation($i: ID!, $t: String!) { completeAgendaItem(agendaItemId: $i, result: $t, resolutionText: $t) { id } }`, { i: finalItem, t: FINAL });
  await run(`mutation($m: ID!) { endMeeting(meetingId: $m) { id } }`, { m: meetingId });
  await untilThrough(live);
  // Subscribers that come late and replay the run from their cursor.
  const replayed = await subscribeAll(cursors);
  expect(replayed.length).toBeGreaterThan(0);
  await untilThrough(replayed);

  const streams = [...live, ...replayed];
  for (const stream of streams) stream.subscription.close();
  await Promise.all(clients.map((client) => client.dispose()));
  for (const stream of streams) {
    // The one refusal a subscriber may meet: NOT_FOUND for the non-public item's list.
    for (const error of stream.subscription.results.flatMap((result) => result.errors ?? [])) {
      expect(EXPECTED_CODES, `${nameOf(stream)}: ${error.message}`).toContain(error.extensions?.code);
    }
    expectNoSecret(nameOf(stream), textOf(stream) + String(await stream.subscription.completed.catch((error: Error) => error.message)));
  }
  // Every subscription field delivered data to every subscriber on both transports: a refusal checks nothing.
  for (const who of Object.keys(subscribers)) {
    for (const transport of ['WebSocket', 'SSE']) {
      for (const field of fields) {
        const delivered = streams.filter((stream) => stream.who === who && stream.transport === transport && stream.field === field.name && stream.subscription.results.some((result) => result.data));
        expect(delivered.length, `${who} ${transport} Subscription.${field.name} delivered data`).toBeGreaterThan(0);
      }
    }
  }
  // The clerk was shown the secret in every subscription field on both transports: the check can fail.
  const shown = new Set(leaks.filter((leak) => leak.startsWith('clerk')).map((leak) => leak.split(' ').slice(1, 3).join(' ').replace(/\(.*$/, '')));
  for (const transport of ['WebSocket', 'SSE']) {
    for (const field of fields) expect(shown, `clerk ${transport} Subscription.${field.name} showed the secret`).toContain(`${transport} subscription`);
  }
  leaks.splice(0, leaks.length, ...leaks.filter((leak) => !leak.startsWith('clerk')));
  expect(leaks).toEqual([]);
}, 600_000);
