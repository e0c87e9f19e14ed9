// The non-public part of a meeting through every path: nested fields, node, connections, counts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedIds } from '../src/seed/ids.js';
import { globalIdOf } from '../src/global-id.js';
import { displayTokenFor, startTestServer, tokenFor, type TestServer } from './support/server.js';

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

it('answers a forged token with UNAUTHENTICATED, not as anonymous', async () => {
  const forged = `${viewers.clerk!.slice(0, -4)}AAAA`;
  const { data, errors } = await server.graphql(`{ bodies { name } }`, {}, forged);
  expect(data).toBeUndefined();
  expect(errors![0].extensions!.code).toBe('UNAUTHENTICATED');
});

it('answers an expired token with UNAUTHENTICATED', async () => {
  const expired = await tokenFor(['clerk'], undefined, Math.floor(Date.now() / 1000) - 60);
  const { errors } = await server.graphql(`{ viewer { roles } }`, {}, expired);
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
  expect(errors![0].extensions!.code).toBe('FORBIDDEN');
});
