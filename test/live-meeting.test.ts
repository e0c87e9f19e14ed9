// Live meetings through the public API: a clerk runs a meeting with mutations; subscribers over
// WebSocket (graphql-ws) and SSE see every event they may see, in order, and can resume.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedIds } from '../src/seed/ids.js';
import { globalIdOf, idOf } from '../src/global-id.js';
import type { Gql } from '../scripts/graphql-client.js';
import { prepareSeedMeeting, runSeedMeeting } from '../scripts/seed-meeting-play.js';
import { startClerkSession, tokenFor, type TestServer } from './support/server.js';
import { sseSubscribe, wsClient, wsSubscribe } from './support/live.js';
import { runningCouncilMeeting } from './support/council.js';
import { at } from './support/indexing.js';

let server: TestServer;
let clerk: string;
let gql: Gql;

beforeAll(async () => ({ server, clerk, gql } = await startClerkSession()));
afterAll(() => server?.stop());

const EVENTS = `subscription($meetingId: ID!, $after: String) {
  meetingEvents(meetingId: $meetingId, after: $after) {
    __typename sequence cursor
    ... on MeetingStarted { meeting { openedAt } }
    ... on AgendaItemStarted { agendaItem { number } }
    ... on AgendaItemCompleted { agendaItem { number result } }
    ... on AgendaChanged { change agendaItem { number protocolText } }
    ... on AttendanceChanged { attendance { person { familyName } arrivedAt } }
    ... on QuorumChanged { quorum { present seats quorate } }
    ... on VoteClosed { vote { result unanimous } }
    ... on MeetingEnded { meeting { closedAt meetingState } }
  }
}`;

type Event = Record<string, any> & { __typename: string; sequence: number; cursor: string };
const eventsOf = (results: { data?: any }[]): Event[] => results.map((result) => result.data.meetingEvents);
const ended = (results: { data?: any }[]) => results.some((result) => result.data?.meetingEvents?.__typename === 'MeetingEnded');
/** Subscribing from the meeting's cursor (read as the subscriber) misses nothing, however long the subscription takes to set up. */
const cursorOf = async (meetingId: string, token?: string) =>
  (await server.graphql(`query($id: ID!) { node(id: $id) { ... on Meeting { eventCursor } } }`, { id: meetingId }, token)).data.node.eventCursor as string;
const codeOf = (response: { errors?: { extensions?: { code?: string } }[] }) => response.errors?.[0]?.extensions?.code;

describe('the seed meeting played live', () => {
  it('reaches a member over WebSocket and an anonymous viewer over SSE, each as they may see it', async () => {
    const meeting = await prepareSeedMeeting(gql);
    const memberToken = await tokenFor(['member'], seedIds.person.zieger);
    const client = wsClient(server, memberToken);
    const member = await wsSubscribe(client, EVENTS, { meetingId: meeting.meetingId, after: await cursorOf(meeting.meetingId, memberToken) });
    const anonymous = await sseSubscribe(server, EVENTS, { meetingId: meeting.meetingId, after: await cursorOf(meeting.meetingId) });

    const secret = (name: string) => `Vertraulich: ${name}`;
    await runSeedMeeting(gql, meeting, { protocolOf: (item) => (item.public ? item.protocolText : secret(item.name)) });
    const seen = eventsOf(await member.until(ended));
    const seenAnonymously = eventsOf(await anonymous.until(ended));
    member.close();
    anonymous.close();
    await client.dispose();

    // Every event from the opening on (the roll before it was recorded first), without gaps.
    expect(seen.map((event) => event.sequence)).toEqual(seen.map((_, index) => at(seen, 0).sequence + index));
    expect(seen[0]).toMatchObject({ __typename: 'MeetingStarted', meeting: { openedAt: '2024-11-21T15:32:00.000Z' } });
    expect(seen.at(-1)).toMatchObject({ __typename: 'MeetingEnded', meeting: { closedAt: '2024-11-21T16:56:00.000Z', meetingState: 'FINISHED' } });
    const started = seen.filter((event) => event.__typename === 'AgendaItemStarted').map((event) => event.agendaItem.number);
    expect(started).toEqual(['1', '1.1', '1.2', '1.3', '1.4', '1.5', '1.6', '2', '3', '4', '5', '6', '6.1', '7', '8', '9', '10']);

    // 12 members and Düchting for Niemeyer at the opening; Frau Zieger arrives at 16:53.
    const quorum = seen.filter((event) => event.__typename === 'QuorumChanged').map((event) => event.quorum);
    expect(quorum).toEqual([
      { present: 13, seats: 15, quorate: true },
      { present: 14, seats: 15, quorate: true },
    ]);
    const arrival = seen.find((event) => event.__typename === 'AttendanceChanged')!;
    expect(arrival.attendance).toEqual({ person: { familyName: 'Zieger' }, arrivedAt: '2024-11-21T15:53:00.000Z' });
    expect(seen.indexOf(arrival)).toBeLessThan(seen.findIndex((event) => event.__typename === 'QuorumChanged' && event.quorum.present === 14));

    const vote = seen.find((event) => event.__typename === 'VoteClosed')!;
    expect(vote.vote).toEqual({ result: 'ADOPTED', unanimous: true });
    expect(seen.find((event) => event.__typename === 'AgendaItemCompleted' && event.agendaItem.number === '5')!.agendaItem.result).toBe('einstimmig angenommen');
    expect(seen.find((event) => event.__typename === 'AgendaChanged' && event.change === 'ADDED')!.agendaItem.number).toBe('6.1');
    expect(JSON.stringify(seen)).toContain(secret('Digitaler Sitzungsdienst'));

    // Anonymous: the same public events in the same order, numbered on their own without gaps,
    // nothing of the non-public part.
    const withoutNumbers = (events: Event[]) => events.map(({ sequence, cursor, ...event }) => event);
    const publicPart = seen.filter((event) => !['7', '8', '9', '10'].includes(event.agendaItem?.number));
    expect(withoutNumbers(seenAnonymously)).toEqual(withoutNumbers(publicPart));
    expect(seenAnonymously.map((event) => event.sequence)).toEqual(seenAnonymously.map((_, index) => at(seenAnonymously, 0).sequence + index));
    expect(anonymous.raw()).not.toContain('Vertraulich');
  });
});

async function newMeeting(organization = seedIds.committee, items = 2) {
  const { createMeeting } = await gql(`mutation($o: [ID!]!) { createMeeting(organizationIds: $o, name: "Sondersitzung", start: "2025-03-01T17:00:00Z") { id } }`, {
    o: [globalIdOf('Organization', organization)],
  });
  const itemIds: string[] = [];
  for (let index = 1; index <= items; index += 1) {
    const { addAgendaItem } = await gql(`mutation($m: ID!, $n: String!) { addAgendaItem(meetingId: $m, name: $n) { id } }`, { m: createMeeting.id, n: `Punkt ${index}` });
    itemIds.push(addAgendaItem.id);
  }
  return { meetingId: createMeeting.id as string, itemIds };
}

describe('agenda progress', () => {
  it('tells a dashboard the current item and how many of the items still to deal with are done', async () => {
    const { meetingId, itemIds } = await newMeeting(seedIds.committee, 4);
    const client = wsClient(server);
    const PROGRESS = `subscription($m: ID!) { agendaProgress(meetingId: $m) { currentItem { name } completed total quorum { seats } } }`;
    const progress = await wsSubscribe(client, PROGRESS, { m: meetingId });
    // The first message is where the meeting stands; from then on the subscription is live.
    const initial = at(await progress.received(1), 0);
    expect(initial.data.agendaProgress).toEqual({ currentItem: null, completed: 0, total: 4, quorum: { seats: 15 } });

    await gql(`mutation($id: ID!) { startMeeting(meetingId: $id) { id } }`, { id: meetingId });
    const { postponeAgendaItem } = await gql(`mutation($id: ID!) { postponeAgendaItem(agendaItemId: $id) { number state } }`, { id: itemIds[2] });
    const { withdrawAgendaItem } = await gql(`mutation($id: ID!) { withdrawAgendaItem(agendaItemId: $id) { number state } }`, { id: itemIds[3] });
    expect([postponeAgendaItem, withdrawAgendaItem]).toEqual([{ number: '3', state: 'POSTPONED' }, { number: '4', state: 'WITHDRAWN' }]);
    await gql(`mutation($id: ID!) { startAgendaItem(agendaItemId: $id) { id } }`, { id: itemIds[0] });
    await gql(`mutation($id: ID!) { startAgendaItem(agendaItemId: $id) { id } }`, { id: itemIds[1] });

    const atItem2 = (results: { data?: any }[]) => results.some((result) => result.data?.agendaProgress.currentItem?.name === 'Punkt 2');
    const last = (await progress.until(atItem2)).at(-1)!.data.agendaProgress;
    expect(last).toEqual({ currentItem: { name: 'Punkt 2' }, completed: 1, total: 2, quorum: { seats: 15 } });
    progress.close();
    await client.dispose();
  });
});

describe('resuming', () => {
  it('gets exactly the missed events after the cursor, then continues live', async () => {
    const { meetingId, itemIds } = await newMeeting();
    const client = wsClient(server, clerk);
    const first = await wsSubscribe(client, EVENTS, { meetingId, after: await cursorOf(meetingId, clerk) });
    await gql(`mutation($id: ID!) { startMeeting(meetingId: $id) { id } }`, { id: meetingId });
    const before = eventsOf(await first.received(2)); // MeetingStarted, QuorumChanged
    first.close();

    await gql(`mutation($id: ID!) { startAgendaItem(agendaItemId: $id) { id } }`, { id: itemIds[0] });
    await gql(`mutation($id: ID!) { annotateAgendaItem(agendaItemId: $id, protocolText: "Bericht") { id } }`, { id: itemIds[0] });
    await gql(`mutation($id: ID!) { startAgendaItem(agendaItemId: $id) { id } }`, { id: itemIds[1] });

    const resumed = await wsSubscribe(client, EVENTS, { meetingId, after: at(before, 1).cursor });
    await resumed.received(4);
    await gql(`mutation($id: ID!) { endMeeting(meetingId: $id) { id } }`, { id: meetingId });
    const after = eventsOf(await resumed.until(ended));
    resumed.close();
    await client.dispose();

    expect(after.map((event) => [event.sequence, event.__typename])).toEqual([
      [3, 'AgendaItemStarted'],
      [4, 'AgendaChanged'],
      [5, 'AgendaItemCompleted'],
      [6, 'AgendaItemStarted'],
      [7, 'AgendaItemCompleted'],
      [8, 'MeetingEnded'],
    ]);

    const other = await newMeeting(seedIds.committee, 0);
    const wrongCursor = await sseSubscribe(server, EVENTS, { meetingId: other.meetingId, after: at(before, 1).cursor });
    const answer = at(await wrongCursor.received(1), 0);
    expect(codeOf(answer)).toBe('BAD_USER_INPUT');
  });
});

describe('the closed session', () => {
  it('leaves no trace in what anonymous readers see: their own gapless numbering, resumable, and cursors only for their audience', async () => {
    const { meetingId, members } = await runningCouncilMeeting(server, gql, 5);
    const member = await tokenFor(['member'], members[0]);
    const readMeeting = async (token?: string) =>
      (await server.graphql(`query($id: ID!) { node(id: $id) { ... on Meeting { eventCursor modified } } }`, { id: meetingId }, token)).data.node as {
        eventCursor: string;
        modified: string;
      };
    const anonymousClient = wsClient(server);
    const memberClient = wsClient(server, member);
    const anonymousSse = await sseSubscribe(server, EVENTS, { meetingId, after: (await readMeeting()).eventCursor });
    const anonymousWs = await wsSubscribe(anonymousClient, EVENTS, { meetingId, after: (await readMeeting()).eventCursor });
    const memberWs = await wsSubscribe(memberClient, EVENTS, { meetingId, after: (await readMeeting(member)).eventCursor });

    const addItem = `mutation($m: ID!, $name: String!, $public: Boolean!) { addUrgentAgendaItem(meetingId: $m, name: $name, public: $public) { id } }`;
    const secretItem = (await gql(addItem, { m: meetingId, name: 'Grundstücksangelegenheit', public: false })).addUrgentAgendaItem.id as string;
    const publicItem = (await gql(addItem, { m: meetingId, name: 'Anfragen', public: true })).addUrgentAgendaItem.id as string;
    await gql(`mutation($id: ID!) { startAgendaItem(agendaItemId: $id) { id } }`, { id: secretItem });
    const { openVote } = await gql(`mutation($id: ID!) { openVote(agendaItemId: $id, subject: "Geheimsache Ankauf", kind: NAMED) { id } }`, { id: secretItem });
    const cast = async (index: number) => {
      const { errors } = await server.graphql(`mutation($v: ID!) { castBallot(voteId: $v, choice: YES) { choice } }`, { v: openVote.id }, await tokenFor(['member'], members[index]));
      expect(errors).toBeUndefined();
    };
    await cast(0);
    const afterFirstBallot = await readMeeting();
    for (const index of [1, 2, 3, 4]) await cast(index);
    // Neither the anonymous cursor nor `modified` moves with the ballots.
    expect(await readMeeting()).toEqual(afterFirstBallot);
    await gql(`mutation($id: ID!) { closeVote(voteId: $id) { id } }`, { id: openVote.id });
    await gql(`mutation($id: ID!) { startAgendaItem(agendaItemId: $id) { id } }`, { id: publicItem });

    // Anonymous readers saw the public item added, item 1 completed and the public item started.
    const seenBefore = eventsOf(await anonymousSse.received(3));
    expect(seenBefore.map((event) => event.__typename)).toEqual(['AgendaChanged', 'AgendaItemCompleted', 'AgendaItemStarted']);
    expect((await readMeeting()).eventCursor).toBe(at(seenBefore, 2).cursor);
    const memberBefore = eventsOf(await memberWs.received(3));
    // Resuming from a cursor: the stored events after it, then live ones.
    const resumingClients = [wsClient(server), wsClient(server, member)] as const;
    const anonymousResumed = await wsSubscribe(resumingClients[0], EVENTS, { meetingId, after: at(seenBefore, 0).cursor });
    const memberResumed = await wsSubscribe(resumingClients[1], EVENTS, { meetingId, after: at(memberBefore, 2).cursor });
    await anonymousResumed.received(2);
    await gql(`mutation($id: ID!) { endMeeting(meetingId: $id) { id } }`, { id: meetingId });

    const seen = eventsOf(await anonymousSse.until(ended));
    const seenByMember = eventsOf(await memberWs.until(ended));
    expect(seen.map((event) => event.__typename)).toEqual(['AgendaChanged', 'AgendaItemCompleted', 'AgendaItemStarted', 'AgendaItemCompleted', 'MeetingEnded']);
    expect(seen.map((event) => event.sequence)).toEqual(seen.map((_, index) => at(seen, 0).sequence + index));
    expect(eventsOf(await anonymousWs.until(ended))).toEqual(seen);
    expect(eventsOf(await anonymousResumed.until(ended))).toEqual(seen.slice(1));
    expect(eventsOf(await memberResumed.until(ended))).toEqual(seenByMember.slice(3));
    // The member saw the closed session: the secret item, its vote with five ballots.
    expect(seenByMember.map((event) => event.__typename).filter((kind) => kind === 'VoteClosed')).toHaveLength(1);
    expect(seenByMember.map((event) => event.sequence)).toEqual(seenByMember.map((_, index) => at(seenByMember, 0).sequence + index));
    // Added, started, opened, closed, completed; and the ballots counted, coalesced (test/named-votes.test.ts).
    const tallies = seenByMember.filter((event) => event.__typename === 'BallotsCounted');
    expect(tallies.length).toBeGreaterThanOrEqual(1);
    expect(seenByMember.length - tallies.length).toBe(seen.length + 5);
    const secretItemId = secretItem.replace(/=+$/, '');
    expect(anonymousSse.raw()).not.toContain('Geheimsache');
    expect(JSON.stringify(seen)).not.toContain(secretItemId);
    for (const subscription of [anonymousWs, memberWs, anonymousResumed, memberResumed]) subscription.close();
    anonymousSse.close();

    // A cursor of the other audience is refused exactly like one that is no cursor at all.
    const refusal = async (after: string, token?: string) => {
      const answer = at(await (await sseSubscribe(server, EVENTS, { meetingId, after }, token)).received(1), 0);
      return answer.errors;
    };
    const malformed = await refusal(Buffer.from(`MeetingEvent:${idOf(meetingId, 'Meeting', 'meetingId')}:X:1`).toString('base64url'));
    expect(malformed?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(await refusal(at(seenByMember, 0).cursor)).toEqual(malformed);
    expect(await refusal(seenByMember.at(-1)!.cursor)).toEqual(malformed);
    expect(await refusal(at(seen, 0).cursor, member)).toEqual(malformed);
    for (const client of [anonymousClient, memberClient, ...resumingClients]) await client.dispose();
  });
});

describe('a named vote of 200 members', () => {
  it('counts every concurrent ballot once and refuses a second one', async () => {
    const { meetingId, itemId, members } = await runningCouncilMeeting(server, gql, 200);
    const { openVote } = await gql(`mutation($id: ID!) { openVote(agendaItemId: $id, subject: "Antrag", kind: NAMED) { id } }`, { id: itemId });

    const client = wsClient(server);
    const results = await wsSubscribe(client, `subscription($m: ID!) { voteResults(meetingId: $m) { state yes no abstain ballotsCast result unanimous } }`, { m: meetingId });

    const choiceOf = (index: number) => (index < 120 ? 'YES' : index < 170 ? 'NO' : 'ABSTAIN');
    const tokens = await Promise.all(members.map((member) => tokenFor(['member'], member)));
    const cast = (index: number) =>
      server.graphql(`mutation($v: ID!, $c: BallotChoice!) { castBallot(voteId: $v, choice: $c) { choice } }`, { v: openVote.id, c: choiceOf(index) }, tokens[index]);
    const ballots = await Promise.all(members.map((_, index) => cast(index)));
    expect(ballots.filter((ballot) => ballot.errors)).toEqual([]);

    const open = await server.graphql(`query($id: ID!) { node(id: $id) { ... on Vote { yes no ballotsCast } } }`, { id: openVote.id }, clerk);
    expect(open.data.node).toEqual({ yes: null, no: null, ballotsCast: 200 });
    expect(codeOf(await cast(0))).toBe('ALREADY_VOTED');
    const guest = await tokenFor(['member'], seedIds.person.fischer);
    expect(codeOf(await server.graphql(`mutation($v: ID!) { castBallot(voteId: $v, choice: YES) { choice } }`, { v: openVote.id }, guest))).toBe('NOT_ENTITLED');

    // The last ballot is always counted in a tally event, at the latest one interval after it.
    await results.until((so) => so.some((result) => result.data?.voteResults.ballotsCast === 200));
    const { closeVote } = await gql(`mutation($id: ID!) { closeVote(voteId: $id) { yes no abstain result unanimous } }`, { id: openVote.id });
    expect(closeVote).toEqual({ yes: 120, no: 50, abstain: 30, result: 'ADOPTED', unanimous: false });
    expect(codeOf(await cast(1))).toBe('VOTE_CLOSED');

    // The live tally showed the count while open, the split only at the close.
    const live = (await results.until((so) => so.some((result) => result.data?.voteResults.state === 'CLOSED'))).map((result) => result.data.voteResults);
    expect(live.filter((vote) => vote.state === 'OPEN').every((vote) => vote.yes === null)).toBe(true);
    expect(live.filter((vote) => vote.state === 'OPEN').at(-1).ballotsCast).toBe(200);
    expect(live.at(-1)).toMatchObject({ yes: 120, no: 50, abstain: 30, result: 'ADOPTED' });
    results.close();
    await client.dispose();

    // A show of hands cannot count more hands than voting members present.
    const counted = await gql(`mutation($id: ID!) { openVote(agendaItemId: $id, subject: "Vertagung", kind: COUNTED) { id } }`, { id: itemId });
    const tooMany = await server.graphql(`mutation($id: ID!) { recordVoteCounts(voteId: $id, yes: 150, no: 51, abstain: 0) { id } }`, { id: counted.openVote.id }, clerk);
    expect(codeOf(tooMany)).toBe('BAD_USER_INPUT');
  });
});

describe('rules of running a meeting', () => {
  it('refuses changes out of order and to those who may not make them', async () => {
    const { meetingId, itemIds } = await newMeeting();
    const startItem = `mutation($id: ID!) { startAgendaItem(agendaItemId: $id) { id } }`;
    expect(codeOf(await server.graphql(startItem, { id: itemIds[0] }, clerk))).toBe('INVALID_STATE');
    const startMeeting = `mutation($id: ID!) { startMeeting(meetingId: $id) { id } }`;
    expect(codeOf(await server.graphql(startMeeting, { id: meetingId }))).toBe('UNAUTHENTICATED');
    expect(codeOf(await server.graphql(startMeeting, { id: meetingId }, await tokenFor(['member'], seedIds.person.zieger)))).toBe('FORBIDDEN');
    expect(codeOf(await server.graphql(startMeeting, { id: itemIds[0] }, clerk))).toBe('BAD_USER_INPUT');
  });

  it('ends a subscription whose token expires with UNAUTHENTICATED', async () => {
    const { meetingId } = await newMeeting(seedIds.committee, 0);
    const client = wsClient(server, await tokenFor(['member'], seedIds.person.zieger, '2s'));
    const subscription = await wsSubscribe(client, EVENTS, { meetingId });
    await subscription.completed;
    expect(codeOf(subscription.results.at(-1)!)).toBe('UNAUTHENTICATED');
    await client.dispose();
  });
});
