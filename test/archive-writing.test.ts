// Clerks prepare a meeting through the API: organizations, persons, memberships, papers,
// meetings and agendas whose numbers and order stay consistent through every edit.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedIds } from '../src/seed/ids.js';
import { startTestServer, tokenFor, type TestServer } from './support/server.js';

let server: TestServer;
let clerk: string;
let member: string;

beforeAll(async () => {
  server = await startTestServer();
  clerk = await tokenFor(['clerk']);
  member = await tokenFor(['member'], seedIds.person.weiss);
});
afterAll(() => server?.stop());

async function write<T = any>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const { data, errors } = await server.graphql(query, variables, clerk);
  expect(errors).toBeUndefined();
  return data;
}

const agendaOf = async (meeting: string) =>
  (await server.graphql(`query($id: ID!) { node(id: $id) { ... on Meeting { agendaItems { number order name parent { number } } } } }`, { id: meeting }))
    .data.node.agendaItems.map((item: any) => `${item.order}:${item.number} ${item.name}`);

describe('preparing a meeting', () => {
  let committee: string;
  let meeting: string;

  it('creates a committee, a person, a membership for a party group and a paper', async () => {
    const { createOrganization } = await write(`mutation { createOrganization(name: "Ausschuss für Mobilität", shortName: "AfM", organizationType: "Gremium", classification: "Ausschuss", statutorySeats: 15) { id name statutorySeats } }`);
    committee = createOrganization.id;
    const { createOrganization: group } = await write(`mutation { createOrganization(name: "Fraktion Test", organizationType: "Fraktion") { id } }`);
    const { createPerson } = await write(`mutation { createPerson(name: "Dr. Erika Muster", familyName: "Muster", givenName: "Erika", title: ["Dr."], formOfAddress: "Frau") { id title } }`);
    const { addMembership } = await write(
      `mutation($p: ID!, $o: ID!, $g: ID!) { addMembership(personId: $p, organizationId: $o, onBehalfOfId: $g, role: "Mitglied", votingRight: true, startDate: "2025-11-01") { votingRight onBehalfOf { name } person { memberships { totalCount } } } }`,
      { p: createPerson.id, o: committee, g: group.id },
    );
    expect(addMembership).toEqual({ votingRight: true, onBehalfOf: { name: 'Fraktion Test' }, person: { memberships: { totalCount: 1 } } });
    const { createPaper } = await write(`mutation { createPaper(name: "Radverkehrskonzept", reference: "61/001/2026", paperType: "Vorlage", date: "2026-11-02") { reference date } }`);
    expect(createPaper).toEqual({ reference: '61/001/2026', date: '2026-11-02' });
  });

  it('creates a meeting with its place and builds an agenda that numbers itself', async () => {
    const { createMeeting } = await write(
      `mutation($o: ID!) { createMeeting(organizationIds: [$o], name: "1. Sitzung", start: "2026-12-03T16:00:00+01:00", end: "2026-12-03T18:00:00+01:00",
         location: { description: "Kreishaus", room: "1.601" }) { id meetingState start location { room } organizations { name } } }`,
      { o: committee },
    );
    meeting = createMeeting.id;
    expect(createMeeting).toMatchObject({ meetingState: 'SCHEDULED', start: '2026-12-03T15:00:00.000Z', location: { room: '1.601' } });
    const add = (name: string, extra = '') => write(`mutation($m: ID!) { addAgendaItem(meetingId: $m, name: "${name}" ${extra}) { id number } }`, { m: meeting });
    const formalien = (await add('Formalien')).addAgendaItem;
    await add('Eröffnung', `, parentId: "${formalien.id}"`);
    await add('Radverkehr');
    await add('Personalangelegenheit', ', public: false');
    await add('Mitteilungen'); // public: goes before the non-public part
    expect(await agendaOf(meeting)).toEqual(['1:1 Formalien', '2:1.1 Eröffnung', '3:2 Radverkehr', '4:3 Mitteilungen', '5:4 Personalangelegenheit']);
    await add('Feststellung der Tagesordnung', ', number: "1.1"');
    expect(await agendaOf(meeting)).toEqual([
      '1:1 Formalien', '2:1.1 Feststellung der Tagesordnung', '3:1.2 Eröffnung', '4:2 Radverkehr', '5:3 Mitteilungen', '6:4 Personalangelegenheit',
    ]);
  });

  it('moves and removes items and keeps numbers and order consistent', async () => {
    const items = (await server.graphql(`query($id: ID!) { node(id: $id) { ... on Meeting { agendaItems { id number } } } }`, { id: meeting })).data.node.agendaItems;
    const id = (number: string) => items.find((item: any) => item.number === number).id;
    await write(`mutation($id: ID!) { moveAgendaItem(agendaItemId: $id, position: 1) { number } }`, { id: id('1.2') });
    expect((await agendaOf(meeting)).slice(0, 3)).toEqual(['1:1 Formalien', '2:1.1 Eröffnung', '3:1.2 Feststellung der Tagesordnung']);
    await write(`mutation($id: ID!) { moveAgendaItem(agendaItemId: $id, number: "2") { number } }`, { id: id('3') });
    expect(await agendaOf(meeting)).toEqual([
      '1:1 Formalien', '2:1.1 Eröffnung', '3:1.2 Feststellung der Tagesordnung', '4:2 Mitteilungen', '5:3 Radverkehr', '6:4 Personalangelegenheit',
    ]);
    await write(`mutation($id: ID!) { removeAgendaItem(agendaItemId: $id) { id } }`, { id: id('1') });
    expect(await agendaOf(meeting)).toEqual(['1:1 Mitteilungen', '2:2 Radverkehr', '3:3 Personalangelegenheit']);
  });

  it('links papers to an item, several per item', async () => {
    const { createPaper } = await write(`mutation { createPaper(name: "Stellungnahme", reference: "61/002/2026") { id } }`);
    const papers = (await server.graphql(`{ papers(reference: "61/001/2026") { edges { node { id } } } }`)).data.papers.edges.map((edge: any) => edge.node.id);
    const { addAgendaItem } = await write(
      `mutation($m: ID!, $p: [ID!]) { addAgendaItem(meetingId: $m, name: "Radverkehrskonzept", paperIds: $p) { id } }`,
      { m: meeting, p: papers },
    );
    const { linkPaper } = await write(`mutation($i: ID!, $p: ID!) { linkPaper(agendaItemId: $i, paperId: $p) { papers { reference } } }`, { i: addAgendaItem.id, p: createPaper.id });
    expect(linkPaper.papers.map((paper: any) => paper.reference)).toEqual(['61/001/2026', '61/002/2026']);
  });

  it('updates and cancels the meeting; a cancelled meeting stays in the archive', async () => {
    // Moving the start past the stored end is refused; moving both is fine.
    const invalid = await server.graphql(`mutation($id: ID!) { updateMeeting(meetingId: $id, start: "2026-12-10T16:00:00+01:00") { id } }`, { id: meeting }, clerk);
    expect(invalid.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'end' });
    const { updateMeeting } = await write(
      `mutation($id: ID!) { updateMeeting(meetingId: $id, name: "1. Sitzung (verlegt)", start: "2026-12-10T16:00:00+01:00", end: "2026-12-10T18:00:00+01:00") { name start end } }`,
      { id: meeting },
    );
    expect(updateMeeting).toEqual({ name: '1. Sitzung (verlegt)', start: '2026-12-10T15:00:00.000Z', end: '2026-12-10T17:00:00.000Z' });
    const { cancelMeeting } = await write(`mutation($id: ID!) { cancelMeeting(meetingId: $id) { cancelled } }`, { id: meeting });
    expect(cancelMeeting.cancelled).toBe(true);
    const { data } = await server.graphql(`query($o: ID!) { meetings(organizationId: $o) { totalCount edges { node { cancelled } } } }`, { o: committee });
    expect(data.meetings).toEqual({ totalCount: 1, edges: [{ node: { cancelled: true } }] });
  });

  it('soft-deletes: a deleted person disappears from lists and node', async () => {
    const { createPerson } = await write(`mutation { createPerson(name: "Irrtum") { id } }`);
    await write(`mutation($id: ID!) { deletePerson(personId: $id) { id } }`, { id: createPerson.id });
    const { data, errors } = await server.graphql(`query($id: ID!) { node(id: $id) { id } persons(name: "Irrtum") { totalCount } }`, { id: createPerson.id });
    expect(data.persons.totalCount).toBe(0);
    expect(data.node).toBeNull();
    expect(errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });
});

describe('who may write', () => {
  it('refuses anonymous writers with UNAUTHENTICATED and members with FORBIDDEN', async () => {
    const mutation = `mutation { createPerson(name: "Niemand") { id } }`;
    expect((await server.graphql(mutation)).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect((await server.graphql(mutation, {}, member)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await server.graphql(`{ persons(name: "Niemand") { totalCount } }`)).data.persons.totalCount).toBe(0);
  });

  it('validates input with BAD_USER_INPUT naming the argument', async () => {
    const cases = [
      [`mutation { createPerson(name: "   ") { id } }`, 'name'],
      [`mutation { createMeeting(organizationIds: [], name: "x", start: "2026-01-01T10:00:00Z") { id } }`, 'organizationIds'],
      [`mutation { createMeeting(organizationIds: ["${Buffer.from(`Organization:${seedIds.committee}`).toString('base64')}"], name: "x", start: "2026-01-01T10:00:00Z", end: "2025-01-01T10:00:00Z") { id } }`, 'end'],
      [`mutation { addMembership(personId: "${Buffer.from(`Meeting:${seedIds.meeting2024}`).toString('base64')}", organizationId: "x") { id } }`, 'personId'],
    ] as const;
    for (const [mutation, field] of cases) {
      const { errors } = await server.graphql(mutation, {}, clerk);
      expect(errors?.[0]?.extensions, mutation).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
  });
});
