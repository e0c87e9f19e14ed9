// The seed meeting through the public API, as a frontend reads it, and the N+1 guard.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MeetingPageDocument } from './generated/graphql.js';
import { seedIds } from '../src/seed/ids.js';
import { globalIdOf } from '../src/global-id.js';
import { startTestServer, tokenFor, type TestServer } from './support/server.js';

let server: TestServer;
let clerk: string;
const meetingId = globalIdOf('Meeting', seedIds.meeting2024);

beforeAll(async () => {
  server = await startTestServer();
  clerk = await tokenFor(['clerk']);
});
afterAll(() => server?.stop());

describe('the meeting of 21.11.2024', () => {
  it('has its times, place, minute-taker and organization', async () => {
    const { data, errors } = await server.graphql(MeetingPageDocument, { id: meetingId });
    expect(errors).toBeUndefined();
    const meeting = data!.node as any;
    expect(meeting.start).toBe('2024-11-21T15:35:00.000Z'); // 16:35 Europe/Berlin
    expect(meeting.openedAt).toBe('2024-11-21T15:32:00.000Z'); // opened early, 16:32
    expect(meeting.end).toBe('2024-11-21T16:56:00.000Z'); // 17:56
    expect(meeting.meetingState).toBe('FINISHED');
    expect(meeting.location).toMatchObject({
      streetAddress: 'Düsseldorfer Straße 26',
      postalCode: '40822',
      locality: 'Mettmann',
      room: 'Raum 1.601 (großer Sitzungssaal)',
    });
    expect(meeting.organizations.map((o: { name: string }) => o.name)).toEqual(['Ausschuss für Digitalisierung']);
    expect(meeting.minuteTaker).toMatchObject({ name: 'Mirko Schumacher', phone: ['02104 99 1345'], email: ['mirko.schumacher@kreis-mettmann.de'] });
  });

  it('lists attendance with late arrival, substitutes, excused members and guests', async () => {
    const { data } = await server.graphql(MeetingPageDocument, { id: meetingId });
    const attendance = (data!.node as any).attendance as any[];
    const of = (name: string) => attendance.find((entry) => entry.person.name.endsWith(name));
    expect(of('Weiß')).toMatchObject({ role: 'CHAIR', status: 'PRESENT' });
    expect(of('Zieger')).toMatchObject({ status: 'PRESENT', arrivedAt: '2024-11-21T15:53:00.000Z' });
    expect(of('Düchting')).toMatchObject({ role: 'SUBSTITUTE', status: 'PRESENT', substituteFor: { name: expect.stringContaining('Niemeyer') } });
    expect(of('Niemeyer')).toMatchObject({ status: 'EXCUSED' });
    expect(of('Buchholz')).toMatchObject({ status: 'EXCUSED' });
    expect(of('Burghaus')).toMatchObject({ status: 'EXCUSED', substituteFor: { name: expect.stringContaining('Buchholz') } });
    expect(of('Fischer')).toMatchObject({ role: 'GUEST', status: 'PRESENT' });
    expect(of('Lemm')).toMatchObject({ role: 'GUEST', status: 'PRESENT' });
    expect(of('Gilbert')).toMatchObject({ role: 'ADMINISTRATION' });
    expect(attendance.filter((entry) => entry.role === 'MEMBER' && entry.status === 'PRESENT')).toHaveLength(12);
  });

  it('has the agenda in order with numbers, parts, papers and the vote on item 5', async () => {
    const { data } = await server.graphql(MeetingPageDocument, { id: meetingId });
    const items = (data!.node as any).agendaItems as any[];
    expect(items.map((item) => item.number)).toEqual(['1', '1.1', '1.2', '1.3', '1.4', '1.5', '1.6', '2', '3', '4', '5', '6', '6.1', '7', '8', '9', '10']);
    expect(items.map((item) => item.order)).toEqual(items.map((_, index) => index + 1));
    expect(items.filter((item) => !item.public).map((item) => item.number)).toEqual(['7', '8', '9', '10']);
    const byNumber = Object.fromEntries(items.map((item) => [item.number, item]));
    expect(byNumber['1.4']).toMatchObject({ name: 'Feststellung der Beschlussfähigkeit', parent: { number: '1' } });
    expect(byNumber['5']).toMatchObject({ name: 'Haushalt 2025', result: 'einstimmig angenommen' });
    expect(byNumber['5'].papers.map((paper: any) => paper.reference)).toEqual(['20/022/2024']);
    expect(byNumber['5'].resolutionText).toMatch(/^Der Ausschuss nimmt den vorliegenden Haushaltsentwurf für das Haushaltsjahr 2025/);
    expect(byNumber['5'].votes).toEqual([
      expect.objectContaining({ kind: 'COUNTED', yes: null, no: null, abstain: null, unanimous: true, result: 'ADOPTED' }),
    ]);
    expect(byNumber['6.1']).toMatchObject({ name: 'Einsatz von KI', parent: { number: '6' } });
    expect(byNumber['6.1'].subtitle).toBe('hier: Anfrage der Fraktion BÜNDNIS 90/DIE GRÜNEN vom 06.11.2024');
    expect(byNumber['6.1'].papers[0]).toMatchObject({ reference: '12/007/2024', paperType: 'Anfrage' });
    expect(byNumber['4'].protocolText).toContain('76% der Kernprodukte des KRZN');
    expect(byNumber['3'].files.map((file: any) => file.name)).toEqual([expect.stringContaining('Anlage 1')]);
    expect(byNumber['8']).toMatchObject({ name: 'Digitaler Sitzungsdienst', subtitle: 'hier: Leihgeräte Kreistagsabgeordnete' });
  });

  it('finds the paper by its reference and the originator of the inquiry', async () => {
    const { data } = await server.graphql(
      `{ papers(reference: "12/007/2024") { totalCount edges { node { name date paperType originatorOrganizations { name } } } } }`,
    );
    expect(data.papers.totalCount).toBe(1);
    expect(data.papers.edges[0].node).toEqual({
      name: 'Einsatz von KI',
      date: '2024-11-06',
      paperType: 'Anfrage',
      originatorOrganizations: [{ name: 'Fraktion BÜNDNIS 90/DIE GRÜNEN' }],
    });
  });

  it('follows the renamed committee to its predecessor and its assignments', async () => {
    const { data } = await server.graphql(
      `query($id: ID!) { node(id: $id) { ... on Organization { name predecessor { name successor { name } } } }
         assignments(organizationId: $id, first: 20) { totalCount edges { node { status text meeting { start } } } } }`,
      { id: globalIdOf('Organization', seedIds.committee) },
    );
    expect(data.node.predecessor).toEqual({
      name: 'Ausschuss für Informationstechnik und digitale Verwaltung',
      successor: { name: 'Ausschuss für Digitalisierung' },
    });
    expect(data.assignments.totalCount).toBe(9);
    const statuses = data.assignments.edges.map((edge: any) => edge.node.status);
    expect(statuses.filter((status: string) => status === 'NOT_FEASIBLE')).toHaveLength(1);
  });

  it('filters assignments by status and period', async () => {
    const { data } = await server.graphql(
      `{ assignments(status: [DONE], from: "2018-01-01", to: "2020-12-31") { totalCount } all: assignments { totalCount } }`,
    );
    expect(data.assignments.totalCount).toBe(2);
    expect(data.all.totalCount).toBe(9);
  });

  it('pages through persons with stable cursors', async () => {
    const first = await server.graphql(`{ persons(first: 5) { totalCount edges { cursor node { id } } pageInfo { hasNextPage endCursor } } }`);
    const second = await server.graphql(`query($after: String) { persons(first: 5, after: $after) { edges { node { id } } } }`, {
      after: first.data.persons.pageInfo.endCursor,
    });
    expect(first.data.persons.totalCount).toBe(32);
    expect(first.data.persons.pageInfo.hasNextPage).toBe(true);
    const ids = [...first.data.persons.edges, ...second.data.persons.edges].map((edge: any) => edge.node.id);
    expect(new Set(ids).size).toBe(10);
  });
});

describe('N+1 guard', () => {
  it('runs the same number of SQL statements for the meeting page whatever the number of rows', async () => {
    const before = await server.graphql(MeetingPageDocument, { id: meetingId });
    expect(before.errors).toBeUndefined();
    const statements = before.extensions!.sqlStatements!;
    // Grow the meeting: five more agenda items, each with a new paper, and two more attendance rows.
    for (let i = 1; i <= 5; i += 1) {
      const paper = await server.graphql(`mutation($name: String!) { createPaper(name: $name, reference: $name) { id } }`, { name: `99/00${i}/2024` }, clerk);
      const added = await server.graphql(
        `mutation($meeting: ID!, $paper: ID!) { addAgendaItem(meetingId: $meeting, name: "Zusatz", paperIds: [$paper]) { number } }`,
        { meeting: meetingId, paper: paper.data.createPaper.id },
        clerk,
      );
      expect(added.errors).toBeUndefined();
    }
    const after = await server.graphql(MeetingPageDocument, { id: meetingId });
    expect((after.data!.node as any).agendaItems).toHaveLength(22);
    expect(after.extensions!.sqlStatements).toBe(statements);
    // Relation joins load the whole page, the visibility rule included, in one statement.
    expect(statements).toBe(1);
  });

  it('runs the same number of SQL statements for a list of meetings with their agenda items whatever its length', async () => {
    const list = `query($first: Int) { meetings(first: $first) { edges { node { id name agendaItems { number name } } } } }`;
    const one = await server.graphql(list, { first: 1 });
    const fifty = await server.graphql(list, { first: 50 });
    expect(fifty.errors).toBeUndefined();
    const meetings = fifty.data.meetings.edges.map((edge: any) => edge.node);
    expect(meetings.length).toBeGreaterThan(5);
    expect(meetings.filter((meeting: any) => meeting.agendaItems.length > 0).length).toBeGreaterThan(1);
    expect(fifty.extensions!.sqlStatements).toBe(one.extensions!.sqlStatements);
    expect(fifty.extensions!.sqlStatements).toBe(1);
  });

  it("answers an anonymous list of meetings with their items' speakers' lists in the statements of the list alone", async () => {
    const list = (selection: string) => `{ meetings(first: 50) { edges { node { agendaItems { public ${selection} } } } } }`;
    const withLists = await server.graphql(list('speakersList { current { id } }'));
    expect(withLists.errors).toBeUndefined();
    const items = withLists.data.meetings.edges.flatMap((edge: any) => edge.node.agendaItems);
    // A non-public item's list is hidden from an anonymous reader, a public one's is not.
    expect(items.filter((item: any) => !item.public).length).toBeGreaterThan(0);
    for (const item of items) expect(item.speakersList === null).toBe(!item.public);
    expect(withLists.extensions!.sqlStatements).toBe((await server.graphql(list(''))).extensions!.sqlStatements);
  });

  it('answers a list of meetings with their organizations and event cursors in as many statements for 50 meetings as for one, each cursor the one the meeting alone gives its reader', async () => {
    const list = `query($first: Int) { meetings(first: $first) { edges { node { id organizations { id } eventCursor } } } }`;
    const alone = `query($id: ID!) { node(id: $id) { ... on Meeting { eventCursor } } }`;
    const member = await tokenFor(['member'], seedIds.person.weiss);
    for (const token of [undefined, member, clerk]) {
      const one = await server.graphql(list, { first: 1 }, token);
      const fifty = await server.graphql(list, { first: 50 }, token);
      expect(fifty.errors).toBeUndefined();
      const meetings = fifty.data.meetings.edges.map((edge: any) => edge.node);
      expect(meetings.length).toBeGreaterThan(5);
      expect(fifty.extensions!.sqlStatements).toBe(one.extensions!.sqlStatements);
      for (const meeting of meetings) {
        expect(meeting.organizations.length).toBeGreaterThan(0);
        expect(meeting.eventCursor).toBe((await server.graphql(alone, { id: meeting.id }, token)).data.node.eventCursor);
      }
    }
    // The member's own committee's meetings are read as the closed session reads them, the others as the public does.
    const audiences = async (token?: string) =>
      (await server.graphql(list, { first: 50 }, token)).data.meetings.edges.map((edge: any) => Buffer.from(edge.node.eventCursor, 'base64url').toString().split(':')[2]);
    expect(new Set(await audiences())).toEqual(new Set(['P']));
    expect(new Set(await audiences(clerk))).toEqual(new Set(['C']));
    expect(new Set(await audiences(member))).toEqual(new Set(['P', 'C']));
  });

  it("answers a member's list of meetings with their items' speakers' lists in one statement more than the list, however many meetings have a non-public part", async () => {
    const member = await tokenFor(['member'], seedIds.person.weiss);
    const outsider = await tokenFor(['member'], seedIds.person.hendele);
    const list = (selection: string) => `{ meetings(first: 50) { edges { node { id agendaItems { public ${selection} } } } } }`;
    const listsRead = async (token: string) => {
      const response = await server.graphql(list('speakersList { current { id } }'), {}, token);
      expect(response.errors).toBeUndefined();
      const without = await server.graphql(list(''), {}, token);
      return { response, extra: response.extensions!.sqlStatements! - without.extensions!.sqlStatements! };
    };
    const before = await listsRead(member);
    // A second meeting of the member's committee gets a non-public part.
    const added = await server.graphql(
      `mutation($meeting: ID!) { addAgendaItem(meetingId: $meeting, name: "Personalangelegenheit", public: false) { id } }`,
      { meeting: globalIdOf('Meeting', seedIds.meeting20240909) },
      clerk,
    );
    expect(added.errors).toBeUndefined();
    const after = await listsRead(member);
    expect(before.extra).toBe(1);
    expect(after.extra).toBe(1);
    // The member reads every non-public item's list; someone of another organization none of them.
    const items = (response: any) => response.data.meetings.edges.flatMap((edge: any) => edge.node.agendaItems);
    const nonPublic = items(after.response).filter((item: any) => !item.public);
    expect(nonPublic.length).toBeGreaterThan(4);
    for (const item of nonPublic) expect(item.speakersList).not.toBeNull();
    for (const item of items((await listsRead(outsider)).response)) expect(item.speakersList === null).toBe(!item.public);
  });
});
