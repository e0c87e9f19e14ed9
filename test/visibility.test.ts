// The non-public part of a meeting through every path: nested fields, node, connections, counts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedIds } from '../src/seed/ids.js';
import { globalIdOf } from '../src/global-id.js';
import { displayTokenFor, startTestServer, tokenFor, type TestServer } from './support/server.js';
import { localUrl, uploadFile } from './support/files.js';
import { pdfText } from './support/documents.js';

const SECRET = 'Leihgeräte Vertragsstrafe Zugangsdaten';
const item8 = globalIdOf('AgendaItem', seedIds.agendaItem['8']);
const meetingId = globalIdOf('Meeting', seedIds.meeting2024);
const paper8 = globalIdOf('Paper', seedIds.paper['12/006/2024']);

let server: TestServer;
const viewers: Record<'anonymous' | 'member' | 'outsider' | 'clerk' | 'display' | 'otherDisplay', string | undefined> = {
  anonymous: undefined,
  member: undefined,
  outsider: undefined,
  clerk: undefined,
  display: undefined,
  otherDisplay: undefined,
};
let voteId: string;

beforeAll(async () => {
  server = await startTestServer();
  viewers.clerk = await tokenFor(['clerk']);
  viewers.member = await tokenFor(['member'], seedIds.person.weiss); // chair of the committee
  viewers.outsider = await tokenFor(['member'], seedIds.person.hendele); // not a committee member
  viewers.display = await displayTokenFor([seedIds.committee]); // the meeting room's display
  viewers.otherDisplay = await displayTokenFor([seedIds.kreistag]);
  // The clerk writes the closed-session protocol and a vote, as after a real meeting.
  const updated = await server.graphql(
    `mutation($id: ID!, $text: String!) { updateAgendaItem(agendaItemId: $id, protocolText: $text, result: "beschlossen", resolutionText: $text) { id } }`,
    { id: item8, text: SECRET },
    viewers.clerk,
  );
  expect(updated.errors).toBeUndefined();
  const vote = await server.services.db.prisma.vote.create({
    data: { agendaItemId: seedIds.agendaItem['8'], subject: SECRET, kind: 'COUNTED', state: 'CLOSED', yes: 9, no: 2, abstain: 1, result: 'ADOPTED' },
  });
  voteId = globalIdOf('Vote', vote.id);
});
afterAll(() => server?.stop());

const ITEM_FIELDS = `number name subtitle public protocolText result resolutionText papers { reference } votes { subject } files { name } consultations { id }`;

describe.each([
  ['anonymous', false],
  ['outsider', false],
  ['otherDisplay', false],
  ['member', true],
  ['clerk', true],
  ['display', true],
] as const)('a %s reader', (who, entitled) => {
  const token = () => viewers[who];

  it('sees number and title of a non-public item through the meeting, details only if entitled', async () => {
    const { data, errors } = await server.graphql(`query($id: ID!) { node(id: $id) { ... on Meeting { agendaItems { ${ITEM_FIELDS} } } } }`, { id: meetingId }, token());
    expect(errors).toBeUndefined();
    const item = data.node.agendaItems.find((candidate: any) => candidate.number === '8');
    expect(item).toMatchObject({ name: 'Digitaler Sitzungsdienst', subtitle: 'hier: Leihgeräte Kreistagsabgeordnete', public: false });
    if (entitled) {
      expect(item).toMatchObject({ protocolText: SECRET, result: 'beschlossen', resolutionText: SECRET });
      expect(item.papers).toEqual([{ reference: '12/006/2024' }]);
      expect(item.votes).toEqual([{ subject: SECRET }]);
    } else {
      expect(item).toMatchObject({ protocolText: null, result: null, resolutionText: null, papers: [], votes: [], files: [], consultations: [] });
      expect(JSON.stringify(data)).not.toContain('Vertragsstrafe');
    }
  });

  it('gets the same answer through node(id) of the item', async () => {
    const { data } = await server.graphql(`query($id: ID!) { node(id: $id) { ... on AgendaItem { ${ITEM_FIELDS} } } }`, { id: item8 }, token());
    expect(data.node.protocolText).toBe(entitled ? SECRET : null);
    expect(data.node.papers).toHaveLength(entitled ? 1 : 0);
  });

  it('finds the paper and vote of the non-public item by ID and in lists only if entitled', async () => {
    const byId = await server.graphql(`query($p: ID!, $v: ID!) { paper: node(id: $p) { id } vote: node(id: $v) { id } }`, { p: paper8, v: voteId }, token());
    const list = await server.graphql(`{ papers(reference: "12/006/2024") { totalCount edges { node { id } } } all: papers { totalCount } }`, {}, token());
    if (entitled) {
      expect(byId.data).toEqual({ paper: { id: paper8 }, vote: { id: voteId } });
      expect(list.data.papers.totalCount).toBe(1);
    } else {
      expect(byId.data).toEqual({ paper: null, vote: null });
      expect(byId.errors!.map((error) => error.extensions?.code)).toEqual(['NOT_FOUND', 'NOT_FOUND']);
      expect(list.data.papers).toEqual({ totalCount: 0, edges: [] });
    }
    const { data: counts } = await server.graphql(`{ papers { totalCount } }`, {}, viewers.clerk);
    expect(list.data.all.totalCount).toBe(entitled ? counts.papers.totalCount : counts.papers.totalCount - 1);
  });
});

it('counts a membership until its last day, and an ended one no more', async () => {
  const { prisma } = server.services.db;
  const token = await tokenFor(['member'], seedIds.person.hendele); // not a committee member until now
  const reads = async () => (await server.graphql(`query($id: ID!) { node(id: $id) { ... on AgendaItem { protocolText } } }`, { id: item8 }, token)).data.node.protocolText;
  const today = new Date(new Date().toISOString().slice(0, 10));
  const yesterday = new Date(today.getTime() - 86_400_000);
  const membership = await prisma.membership.create({ data: { personId: seedIds.person.hendele, organizationId: seedIds.committee, endDate: yesterday } });
  try {
    expect(await reads()).toBeNull();
    await prisma.membership.update({ where: { id: membership.id }, data: { endDate: today } });
    expect(await reads()).toBe(SECRET);
    await prisma.membership.update({ where: { id: membership.id }, data: { deleted: true } });
    expect(await reads()).toBeNull();
  } finally {
    await prisma.membership.delete({ where: { id: membership.id } });
  }
});

it('answers a forged token with UNAUTHENTICATED, not as anonymous', async () => {
  const forged = `${viewers.clerk!.slice(0, -4)}AAAA`;
  const { data, errors } = await server.graphql(`{ bodies { name } }`, {}, forged);
  expect(data).toBeUndefined();
  expect(errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
});

it('answers an expired token with UNAUTHENTICATED', async () => {
  const expired = await tokenFor(['clerk'], undefined, Math.floor(Date.now() / 1000) - 60);
  const { errors } = await server.graphql(`{ viewer { roles } }`, {}, expired);
  expect(errors![0]).toMatchObject({ message: 'The token has expired.', extensions: { code: 'UNAUTHENTICATED' } });
});

it('refuses a token that expired after it was accepted, although verified tokens are remembered', async () => {
  const shortLived = await tokenFor(['clerk'], undefined, '2s');
  expect((await server.graphql(`{ viewer { roles } }`, {}, shortLived)).data.viewer).toEqual({ roles: ['CLERK'] });
  await new Promise((resolve) => setTimeout(resolve, 3_000));
  const { errors } = await server.graphql(`{ viewer { roles } }`, {}, shortLived);
  expect(errors![0]).toMatchObject({ message: 'The token has expired.', extensions: { code: 'UNAUTHENTICATED' } });
});

it('tells the signed-in viewer who they are', async () => {
  const { data } = await server.graphql(`{ viewer { roles person { name } } }`, {}, viewers.member);
  expect(data.viewer).toEqual({ roles: ['MEMBER'], person: { name: 'Dietmar Weiß' } });
  const anonymous = await server.graphql(`{ viewer { roles } }`);
  expect(anonymous.data.viewer).toBeNull();
});

it('lets a display token read but never write', async () => {
  const { errors } = await server.graphql(`mutation($id: ID!) { updateAgendaItem(agendaItemId: $id, protocolText: "x") { id } }`, { id: item8 }, viewers.display);
  expect(errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
});

// Leaks found by trying the archive as an outsider would (issue 9 §1): each planted secret must
// stay out of every answer an unentitled reader gets, while the entitled still read it.
describe('records hanging off a non-public item', () => {
  const FILE_SECRET = 'Quastenflosser Zugangscode';
  const SUB_ITEM_SECRET = 'Pfauenauge Vergleichssumme';
  const ASSIGNMENT_SECRET = 'Schildkröte Schadensersatz';
  const item6 = globalIdOf('AgendaItem', seedIds.agendaItem['6']);
  let paper: string;
  let file: string;
  let ballot: string;
  let assignment: string;

  beforeAll(async () => {
    const prisma = server.services.db.prisma;
    // A public paper whose attachment the clerk also links to the non-public item 8.
    const created = await server.graphql(`mutation { createPaper(name: "Öffentliche Vorlage", reference: "99/001/2024") { id } }`, {}, viewers.clerk);
    paper = created.data.createPaper.id;
    const uploaded = await uploadFile(server, new TextEncoder().encode(`Anlage: ${FILE_SECRET}`), 'anlage.txt', { agendaItem: item8, paper }, viewers.clerk, 'text/plain');
    expect(uploaded.errors).toBeUndefined();
    file = uploaded.data!.uploadFile.id;
    // A non-public 6.x under the public item 6, with protocol, resolution and a vote.
    const sub = await prisma.agendaItem.create({
      data: {
        meetingId: seedIds.meeting2024, parentId: seedIds.agendaItem['6'], number: '6.9', order: 61, name: 'Vertragsangelegenheit', public: false,
        protocolText: SUB_ITEM_SECRET, resolutionText: SUB_ITEM_SECRET,
        votes: { create: { subject: 'Vergleich', kind: 'COUNTED', state: 'CLOSED', yes: 7, no: 6, abstain: 0, result: 'ADOPTED' } },
      },
    });
    expect(sub.parentId).toBe(seedIds.agendaItem['6']);
    const vote8 = await prisma.vote.findFirstOrThrow({ where: { agendaItemId: seedIds.agendaItem['8'] } });
    ballot = globalIdOf('Ballot', (await prisma.ballot.create({ data: { voteId: vote8.id, personId: seedIds.person.weiss, choice: 'YES' } })).id);
    // An assignment without an item whose paper only the non-public item 8 consults.
    const row = await prisma.assignment.create({
      data: {
        organizationId: seedIds.committee, meetingId: seedIds.meeting2024, paperId: seedIds.paper['12/006/2024'], kind: 'WORK', status: 'IN_PROGRESS', text: ASSIGNMENT_SECRET,
        statusReports: { create: { date: new Date('2024-12-01'), status: 'IN_PROGRESS', text: ASSIGNMENT_SECRET } },
      },
    });
    assignment = globalIdOf('Assignment', row.id);
  });

  it('lists a file of the non-public item under no path, as node(file) does not find it', async () => {
    const query = `query($p: ID!, $i: ID!, $m: ID!, $f: ID!) {
      paper: node(id: $p) { ... on Paper { files { name text } } }
      item: node(id: $i) { ... on AgendaItem { files { name text } } }
      meeting: node(id: $m) { ... on Meeting { files { name text } } }
      file: node(id: $f) { ... on File { name } }
    }`;
    const variables = { p: paper, i: item8, m: meetingId, f: file };
    const anonymous = await server.graphql(query, variables);
    expect(anonymous.data).toMatchObject({ paper: { files: [] }, item: { files: [] }, file: null });
    expect(anonymous.errors!.map((error) => error.extensions?.code)).toEqual(['NOT_FOUND']);
    expect(JSON.stringify(anonymous)).not.toContain('Quastenflosser');
    const member = await server.graphql(query, variables, viewers.member);
    expect(member.data.paper.files).toEqual([{ name: 'anlage.txt', text: expect.stringContaining(FILE_SECRET) }]);
    expect(member.data.item.files).toEqual(member.data.paper.files);
    expect(member.data.meeting.files).toEqual(expect.arrayContaining(member.data.paper.files));
  });

  it.each(['MARKDOWN', 'HTML', 'PDF'] as const)('prints no protocol of a non-public sub-item under a public one in the %s minutes', async (format) => {
    const text = async (token?: string) => {
      const { data } = await server.graphql(
        `query($id: ID!, $format: DocumentFormat!) { node(id: $id) { ... on Meeting { minutes(format: $format) { content downloadUrl } } } }`,
        { id: meetingId, format },
        token,
      );
      const { content, downloadUrl } = data.node.minutes;
      if (content) return content as string;
      return pdfText(await fetch(localUrl(server, downloadUrl), { headers: token ? { authorization: `Bearer ${token}` } : {} }));
    };
    const anonymous = await text();
    expect(anonymous).toContain('Vertragsangelegenheit');
    expect(anonymous).not.toContain('Pfauenauge');
    expect(anonymous).not.toContain('7 Ja');
    expect(await text(viewers.member)).toContain('Pfauenauge');
  });

  it('answers node(ballot) of a hidden vote as it answers an unknown ballot', async () => {
    const unknown = globalIdOf('Ballot', '0f0f0f0f-0000-4000-8000-000000000000');
    for (const token of [viewers.anonymous, viewers.outsider]) {
      const { data, errors } = await server.graphql(`query($a: ID!, $b: ID!) { a: node(id: $a) { id } b: node(id: $b) { id } }`, { a: ballot, b: unknown }, token);
      expect(data).toEqual({ a: null, b: null });
      expect(errors!.map((error) => [error.message, error.extensions?.code])).toEqual([
        ['Object not found.', 'NOT_FOUND'],
        ['Object not found.', 'NOT_FOUND'],
      ]);
    }
    const own = await server.graphql(`query($a: ID!) { node(id: $a) { id } }`, { a: ballot }, viewers.member);
    expect(own.data.node).toEqual({ id: ballot });
  });

  it('hides an assignment whose paper is hidden in assignments, node, the report and search', async () => {
    const query = `query($a: ID!, $o: ID!) {
      assignments { totalCount edges { node { text paper { reference } } } }
      node(id: $a) { ... on Assignment { text paper { reference } } }
      resolutionsReport(organizationId: $o, from: "2024-01-01", to: "2024-12-31") { rows { text paperReference } document(format: MARKDOWN) { content } }
      search(query: "Schildkröte") { totalCount edges { node { title snippet } } }
    }`;
    const variables = { a: assignment, o: globalIdOf('Organization', seedIds.committee) };
    for (const token of [viewers.anonymous, viewers.outsider]) {
      const response = await server.graphql(query, variables, token);
      expect(response.errors!.map((error) => error.extensions?.code)).toEqual(['NOT_FOUND']);
      expect(response.data.search.totalCount).toBe(0);
      expect(response.data.assignments.totalCount).toBe(response.data.assignments.edges.length);
      expect(JSON.stringify(response.data)).not.toMatch(/Schildkröte|12\/006\/2024/);
    }
    const member = await server.graphql(query, variables, viewers.member);
    expect(member.data.node).toEqual({ text: ASSIGNMENT_SECRET, paper: { reference: '12/006/2024' } });
    expect(member.data.search.totalCount).toBe(1);
    expect(member.data.resolutionsReport.rows).toContainEqual({ text: ASSIGNMENT_SECRET, paperReference: '12/006/2024' });
  });

  it('costs the same number of statements for a hidden record as for an unknown one', async () => {
    const unknown = globalIdOf('Paper', '0f0f0f0f-0000-4000-8000-000000000000');
    const statements = async (id: string) => (await server.graphql(`query($id: ID!) { node(id: $id) { id } }`, { id })).extensions!.sqlStatements;
    expect(await statements(paper8)).toBe(await statements(unknown));
  });
});

it('answers a failing database as an error, never as NOT_FOUND', async () => {
  const session = server.services.db.session;
  await session.query('ALTER TABLE "Paper" RENAME TO "PaperAway"');
  try {
    const { data, errors } = await server.graphql(`query($id: ID!) { node(id: $id) { id } }`, { id: paper8 }, viewers.clerk);
    expect(data?.node ?? null).toBeNull();
    expect(errors?.[0]?.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
  } finally {
    await session.query('ALTER TABLE "PaperAway" RENAME TO "Paper"');
  }
});
