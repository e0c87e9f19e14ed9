// Named votes under load, through the public API: ballots of one vote are cast in parallel, yet
// a vote that closes while ballots arrive counts exactly the acknowledged ones, a seat votes once
// even when member and substitute press at the same moment, and subscribers follow the tally
// through a burst in a few coalesced events, without gaps and without being cut off.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { globalIdOf, idOf } from '../src/global-id.js';
import { seedIds } from '../src/seed/ids.js';
import { SUBSTITUTE_ROLE } from '../src/rules/quorum.js';
import type { Gql } from '../scripts/graphql-client.js';
import { startClerkSession, tokenFor, type TestServer } from './support/server.js';
import { wsClient, wsSubscribe } from './support/live.js';
import { runningCouncilMeeting } from './support/council.js';
import { at, only } from './support/indexing.js';

let server: TestServer;
let clerk: string;
let gql: Gql;

beforeAll(async () => ({ server, clerk, gql } = await startClerkSession()));
afterAll(() => server?.stop());

const CHOICES = ['YES', 'NO', 'ABSTAIN'] as const;
const CAST = `mutation($v: ID!, $c: BallotChoice!) { castBallot(voteId: $v, choice: $c) { choice } }`;
const codeOf = (response: { errors?: { extensions?: { code?: string } }[] }) => response.errors?.[0]?.extensions?.code;
const openNamedVote = async (itemId: string) =>
  (await gql(`mutation($id: ID!) { openVote(agendaItemId: $id, subject: "Antrag", kind: NAMED) { id } }`, { id: itemId })).openVote.id as string;
const closeVote = async (voteId: string) =>
  (await gql(`mutation($id: ID!) { closeVote(voteId: $id) { yes no abstain ballotsCast } }`, { id: voteId })).closeVote as { yes: number; no: number; abstain: number; ballotsCast: number };

describe('a vote closed during a burst of 200 ballots', () => {
  it('counts every acknowledged ballot and no refused one, and accepts none after the close', async () => {
    const { meetingId, itemId, members } = await runningCouncilMeeting(server, gql, 200);
    const voteId = await openNamedVote(itemId);
    const cursor = (await server.graphql(`query($id: ID!) { node(id: $id) { ... on Meeting { eventCursor } } }`, { id: meetingId }, clerk)).data.node.eventCursor;
    const client = wsClient(server, clerk);
    const events = await wsSubscribe(client, `subscription($m: ID!, $a: String) { meetingEvents(meetingId: $m, after: $a) { __typename sequence ... on BallotsCounted { ballotsCast } } }`, {
      m: meetingId,
      a: cursor,
    });
    const tokens = await Promise.all(members.map((member) => tokenFor(['member'], member)));
    const choiceOf = (index: number) => CHOICES[index % 3];

    // The clerk closes as soon as the 50th ballot is acknowledged, while the others are in flight.
    let acknowledged = 0;
    let closing: ReturnType<typeof closeVote> | undefined;
    const results = await Promise.all(
      members.map(async (_, index) => {
        const answer = await server.graphql(CAST, { v: voteId, c: choiceOf(index) }, tokens[index]);
        if (!answer.errors && (acknowledged += 1) === 50) closing = closeVote(voteId);
        return answer;
      }),
    );
    const result = await closing!;

    const accepted = members.flatMap((_, index) => (at(results, index).errors ? [] : [index]));
    const refused = members.flatMap((_, index) => (at(results, index).errors ? [codeOf(at(results, index))] : []));
    expect(new Set(refused)).toEqual(new Set(refused.length ? ['VOTE_CLOSED'] : []));
    const count = (choice: string) => accepted.filter((index) => choiceOf(index) === choice).length;
    expect(result).toEqual({ yes: count('YES'), no: count('NO'), abstain: count('ABSTAIN'), ballotsCast: accepted.length });
    expect(accepted.length).toBeGreaterThanOrEqual(50);

    // After the close: refused, and the vote still has exactly the acknowledged ballots.
    const late = members.findIndex((_, index) => at(results, index).errors);
    if (late >= 0) expect(codeOf(await server.graphql(CAST, { v: voteId, c: 'YES' }, tokens[late]))).toBe('VOTE_CLOSED');
    const after = await server.graphql(`query($id: ID!) { node(id: $id) { ... on Vote { ballotsCast yes } } }`, { id: voteId });
    expect(after.data.node).toEqual({ ballotsCast: accepted.length, yes: count('YES') });

    // The log after the burst: gapless, the tallies counted up to the close, and the close last.
    const seen = (await events.until((so) => so.some((event) => event.data?.meetingEvents.__typename === 'VoteClosed'))).map((event) => event.data.meetingEvents);
    expect(seen.map((event) => event.sequence)).toEqual(seen.map((_, index) => seen[0].sequence + index));
    const tallies = seen.filter((event) => event.__typename === 'BallotsCounted').map((event) => event.ballotsCast);
    expect(tallies).toEqual([...tallies].sort((a, b) => a - b));
    expect(Math.max(0, ...tallies)).toBeLessThanOrEqual(accepted.length);
    expect(seen.at(-1).__typename).toBe('VoteClosed');
    events.close();
    await client.dispose();
  });
});

describe('member and substitute of the same seat', () => {
  it('count once when both vote at the same moment, the loser told NOT_ENTITLED', async () => {
    const seats = 20;
    const { meetingId, itemId, members } = await runningCouncilMeeting(server, gql, seats, { present: false });
    // Each member has a substitute (Vertretung) with a voting right, present in the member's place.
    const prisma = server.services.db.prisma;
    const { organizationId } = only(await prisma.meetingOrganization.findMany({ where: { meetingId: idOf(meetingId, 'Meeting', 'meetingId') } }));
    const substitutes = members.map(() => randomUUID());
    await prisma.person.createMany({ data: substitutes.map((id, index) => ({ id, bodyId: seedIds.body, name: `Vertretung ${index + 1}` })) });
    await prisma.membership.createMany({ data: substitutes.map((personId) => ({ personId, organizationId, votingRight: true, role: SUBSTITUTE_ROLE })) });
    const arrive = (personId: string, substituteForId?: string) =>
      gql(`mutation($m: ID!, $p: ID!, $s: ID) { recordAttendance(meetingId: $m, personId: $p, status: PRESENT, substituteForId: $s) { id } }`, {
        m: meetingId,
        p: globalIdOf('Person', personId),
        s: substituteForId && globalIdOf('Person', substituteForId),
      });
    for (const [index, substitute] of substitutes.entries()) await arrive(substitute, at(members, index));
    const voteId = await openNamedVote(itemId);

    // The substitute votes while the member walks in and votes too: whoever comes second loses.
    const cast = async (personId: string, choice: string) => server.graphql(CAST, { v: voteId, c: choice }, await tokenFor(['member'], personId));
    const answers = await Promise.all(
      members.flatMap((member, index) => [
        cast(at(substitutes, index), 'NO'),
        arrive(member).then(() => cast(member, 'YES')),
      ]),
    );
    const accepted = answers.filter((answer) => !answer.errors);
    expect(answers.filter((answer) => answer.errors).map(codeOf)).toEqual(Array(answers.length - accepted.length).fill('NOT_ENTITLED'));
    expect(accepted).toHaveLength(seats);
    const result = await closeVote(voteId);
    expect(result.ballotsCast).toBe(seats);
    expect(result.yes + result.no).toBe(seats);
  });
});

describe('the answer to castBallot', () => {
  it('is the ballot as stored, with its vote and voter', async () => {
    const { itemId, members } = await runningCouncilMeeting(server, gql, 3);
    const voteId = await openNamedVote(itemId);
    const member = await tokenFor(['member'], at(members, 0));
    const BALLOT = `id choice castAt vote { id state ballotsCast } person { id }`;
    const { data } = await server.graphql(`mutation($v: ID!) { castBallot(voteId: $v, choice: NO) { ${BALLOT} } }`, { v: voteId }, member);
    expect(data.castBallot).toMatchObject({ choice: 'NO', vote: { id: voteId, state: 'OPEN', ballotsCast: 1 }, person: { id: globalIdOf('Person', at(members, 0)) } });
    const stored = await server.graphql(`query($id: ID!) { node(id: $id) { ... on Ballot { ${BALLOT} } } }`, { id: data.castBallot.id }, member);
    expect(stored.data.node).toEqual(data.castBallot);
  });
});

describe('who may vote, while members leave and a substitute arrives during the vote', () => {
  it('is counted with each tally: the seats taken by those present at that moment', async () => {
    const { meetingId, itemId, members } = await runningCouncilMeeting(server, gql, 10);
    const prisma = server.services.db.prisma;
    const { organizationId } = only(await prisma.meetingOrganization.findMany({ where: { meetingId: idOf(meetingId, 'Meeting', 'meetingId') } }));
    const substitute = randomUUID();
    await prisma.person.create({ data: { id: substitute, bodyId: seedIds.body, name: 'Vertretung' } });
    await prisma.membership.create({ data: { personId: substitute, organizationId, votingRight: true, role: SUBSTITUTE_ROLE } });
    const voteId = await openNamedVote(itemId);
    const cursor = (await server.graphql(`query($id: ID!) { node(id: $id) { ... on Meeting { eventCursor } } }`, { id: meetingId }, clerk)).data.node.eventCursor;
    const client = wsClient(server, clerk);
    const events = await wsSubscribe(client, `subscription($m: ID!, $a: String) { meetingEvents(meetingId: $m, after: $a) { __typename ... on BallotsCounted { ballotsCast eligible } } }`, {
      m: meetingId,
      a: cursor,
    });
    const tallies = async (ballotsCast: number) =>
      (await events.until((so) => so.some((event) => event.data.meetingEvents.ballotsCast === ballotsCast)))
        .map((event) => event.data.meetingEvents)
        .filter((event) => event.__typename === 'BallotsCounted');
    const record = (personId: string, status: string, substituteForId?: string) =>
      gql(`mutation($m: ID!, $p: ID!, $st: AttendanceStatus!, $s: ID) { recordAttendance(meetingId: $m, personId: $p, status: $st, substituteForId: $s) { id } }`, {
        m: meetingId,
        p: globalIdOf('Person', personId),
        st: status,
        s: substituteForId && globalIdOf('Person', substituteForId),
      });

    await server.graphql(CAST, { v: voteId, c: 'YES' }, await tokenFor(['member'], at(members, 0)));
    expect((await tallies(1)).at(-1)).toEqual({ __typename: 'BallotsCounted', ballotsCast: 1, eligible: 10 });
    // Two leave, and a substitute takes the seat of one of them; at once a ballot is cast.
    await Promise.all([record(at(members, 8), 'ABSENT'), record(at(members, 9), 'ABSENT'), record(substitute, 'PRESENT', at(members, 9))]);
    await server.graphql(CAST, { v: voteId, c: 'NO' }, await tokenFor(['member'], at(members, 1)));
    expect((await tallies(2)).at(-1)).toEqual({ __typename: 'BallotsCounted', ballotsCast: 2, eligible: 9 });
    // And once the quorum has been stated again, from that statement.
    await events.until((so) => so.some((event) => event.data.meetingEvents.__typename === 'QuorumChanged'));
    await server.graphql(CAST, { v: voteId, c: 'NO' }, await tokenFor(['member'], substitute));
    expect((await tallies(3)).at(-1)).toEqual({ __typename: 'BallotsCounted', ballotsCast: 3, eligible: 9 });
    events.close();
    await client.dispose();
  });
});
