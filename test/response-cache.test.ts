// The response cache (RESPONSE_CACHE=true): answers are kept per audience and never handed to
// another, and a write is visible on the next read, also one made by a live command.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { seedIds } from '../src/seed/ids.js';
import { globalIdOf } from '../src/global-id.js';
import { graphqlClient } from '../scripts/graphql-client.js';
import { startTestServer, tokenFor, type TestServer } from './support/server.js';

const SECRET = 'Leihgeräte Vertragsstrafe Zugangsdaten';
const meetingId = globalIdOf('Meeting', seedIds.meeting2024);
const MEETING = `query($id: ID!) { node(id: $id) { ... on Meeting { name meetingState agendaItems { number protocolText } } } }`;
const withCache = (flag: 'true' | 'false') => ({ http: loadConfig({ RESPONSE_CACHE: flag }).http });

/** The meeting as the reader of `token` gets it: its name, state and item 8's protocol. */
async function meetingAs(server: TestServer, token?: string) {
  const { data, errors } = await server.graphql(MEETING, { id: meetingId }, token);
  expect(errors).toBeUndefined();
  const item8 = data.node.agendaItems.find((item: { number: string }) => item.number === '8');
  return { name: data.node.name as string, state: data.node.meetingState as string, protocol: item8.protocolText as string | null };
}

/** A change that bypasses GraphQL (as an import would): only the cache can hide it. */
const renameInDatabase = (server: TestServer, name: string) => server.services.db.prisma.meeting.update({ where: { id: seedIds.meeting2024 }, data: { name } });

describe('with RESPONSE_CACHE=true', () => {
  let server: TestServer;
  let clerk: string;
  let member: string;
  let outsider: string;
  beforeAll(async () => {
    server = await startTestServer(withCache('true'));
    clerk = await tokenFor(['clerk']);
    member = await tokenFor(['member'], seedIds.person.weiss); // chair of the committee
    outsider = await tokenFor(['member'], seedIds.person.hendele); // not a committee member
    await graphqlClient(server.url, clerk)(`mutation($id: ID!, $text: String!) { updateAgendaItem(agendaItemId: $id, protocolText: $text) { id } }`, {
      id: globalIdOf('AgendaItem', seedIds.agendaItem['8']),
      text: SECRET,
    });
  });
  afterAll(() => server?.stop());

  it("never hands one audience's answer to another", async () => {
    // Each reader asks twice, in turns, so that every second answer could come from the cache.
    for (let round = 0; round < 2; round += 1) {
      expect((await meetingAs(server)).protocol).toBeNull();
      expect((await meetingAs(server, member)).protocol).toBe(SECRET);
      expect((await meetingAs(server, outsider)).protocol).toBeNull();
      expect((await meetingAs(server, clerk)).protocol).toBe(SECRET);
    }
  });

  it('keeps answers: a change that bypasses GraphQL is not seen at once', async () => {
    const before = (await meetingAs(server)).name;
    await renameInDatabase(server, 'Umbenannt ohne Mutation');
    expect((await meetingAs(server)).name).toBe(before);
  });

  it('shows a mutation on the next read, to every audience', async () => {
    await meetingAs(server);
    await meetingAs(server, member);
    await graphqlClient(server.url, clerk)(`mutation($id: ID!) { updateMeeting(meetingId: $id, name: "Sitzung (umbenannt)") { id } }`, { id: meetingId });
    expect((await meetingAs(server)).name).toBe('Sitzung (umbenannt)');
    expect((await meetingAs(server, member)).name).toBe('Sitzung (umbenannt)');
  });

  it('shows what a live command changed on the next read', async () => {
    const gql = graphqlClient(server.url, clerk);
    const { createMeeting } = await gql(`mutation($o: [ID!]!) { createMeeting(organizationIds: $o, name: "Sondersitzung", start: "2025-03-01T17:00:00Z") { id } }`, {
      o: [globalIdOf('Organization', seedIds.committee)],
    });
    const { addAgendaItem } = await gql(`mutation($m: ID!) { addAgendaItem(meetingId: $m, name: "Punkt 1") { id } }`, { m: createMeeting.id });
    const STATE = `query($id: ID!) { node(id: $id) { ... on Meeting { meetingState } } }`;
    const VOTE = `query($id: ID!) { node(id: $id) { ... on Vote { state } } }`;
    const read = async (query: string, id: string) => (await server.graphql(query, { id })).data.node;

    expect(await read(STATE, createMeeting.id)).toEqual({ meetingState: 'SCHEDULED' });
    await gql(`mutation($id: ID!) { startMeeting(meetingId: $id) { id } }`, { id: createMeeting.id });
    expect(await read(STATE, createMeeting.id)).toEqual({ meetingState: 'RUNNING' });

    await gql(`mutation($id: ID!) { startAgendaItem(agendaItemId: $id) { id } }`, { id: addAgendaItem.id });
    const { openVote } = await gql(`mutation($id: ID!) { openVote(agendaItemId: $id, subject: "Antrag", kind: COUNTED) { id } }`, { id: addAgendaItem.id });
    expect(await read(VOTE, openVote.id)).toEqual({ state: 'OPEN' });
    // Nobody is recorded present in this meeting: the counts are zero.
    await gql(`mutation($id: ID!) { recordVoteCounts(voteId: $id, yes: 0, no: 0, abstain: 0) { id } }`, { id: openVote.id });
    await gql(`mutation($id: ID!) { closeVote(voteId: $id) { id } }`, { id: openVote.id });
    expect(await read(VOTE, openVote.id)).toEqual({ state: 'CLOSED' });
  });
});

describe('with RESPONSE_CACHE=false', () => {
  let server: TestServer;
  beforeAll(async () => (server = await startTestServer(withCache('false'))));
  afterAll(() => server?.stop());

  it('answers every query afresh: a change that bypasses GraphQL is seen at once', async () => {
    await meetingAs(server);
    await renameInDatabase(server, 'Umbenannt ohne Mutation');
    expect((await meetingAs(server)).name).toBe('Umbenannt ohne Mutation');
  });
});
