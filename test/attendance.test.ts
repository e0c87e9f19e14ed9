// Attendance of a running meeting through the public API: late arrivals, departures and
// substitutes move the quorum exactly, however the statements of it are coalesced; the clerk
// records a whole assembly present at once, in one event.
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

const EVENTS = `subscription($m: ID!, $a: String) {
  meetingEvents(meetingId: $m, after: $a) { __typename sequence ... on QuorumChanged { quorum { present seats quorate } } ... on PresenceRecorded { arrived } }
}`;
const quorumOf = async (meetingId: string) => (await gql(`query($id: ID!) { node(id: $id) { ... on Meeting { quorum { present seats quorate } } } }`, { id: meetingId })).node.quorum;
const cursorOf = async (meetingId: string) => (await gql(`query($id: ID!) { node(id: $id) { ... on Meeting { eventCursor } } }`, { id: meetingId })).node.eventCursor;
const record = (meetingId: string, personId: string, status: string, substituteForId?: string) =>
  gql(`mutation($m: ID!, $p: ID!, $st: AttendanceStatus!, $s: ID) { recordAttendance(meetingId: $m, personId: $p, status: $st, substituteForId: $s) { id } }`, {
    m: meetingId,
    p: globalIdOf('Person', personId),
    st: status,
    s: substituteForId && globalIdOf('Person', substituteForId),
  });

/** A new deputy (substitute with a voting right) in the meeting's organization: their person id. */
async function substituteIn(meetingId: string) {
  const prisma = server.services.db.prisma;
  const { organizationId } = only(await prisma.meetingOrganization.findMany({ where: { meetingId: idOf(meetingId, 'Meeting', 'meetingId') } }));
  const substitute = randomUUID();
  await prisma.person.create({ data: { id: substitute, bodyId: seedIds.body, name: 'Vertretung' } });
  await prisma.membership.create({ data: { personId: substitute, organizationId, votingRight: true, role: SUBSTITUTE_ROLE } });
  return substitute;
}

describe('the quorum of a running meeting', () => {
  it('follows late arrivals, departures and substitutes exactly, and the last statement is the quorum as it is', async () => {
    const { meetingId, members } = await runningCouncilMeeting(server, gql, 7, { present: false });
    const substitute = await substituteIn(meetingId);
    const client = wsClient(server, clerk);
    const events = await wsSubscribe(client, EVENTS, { m: meetingId, a: await cursorOf(meetingId) });

    const steps: [() => Promise<unknown>, number][] = [
      [() => record(meetingId, at(members, 0), 'PRESENT'), 1],
      [() => record(meetingId, at(members, 1), 'PRESENT'), 2],
      [() => record(meetingId, at(members, 2), 'PRESENT'), 3],
      [() => record(meetingId, at(members, 3), 'PRESENT'), 4], // quorate: 4 of 7
      [() => record(meetingId, at(members, 3), 'ABSENT'), 3], // leaves
      [() => record(meetingId, substitute, 'PRESENT', at(members, 3)), 4], // stands in for the one who left
      [() => record(meetingId, at(members, 3), 'PRESENT'), 4], // back: the seat counts once
      [() => record(meetingId, at(members, 4), 'EXCUSED'), 4],
      [() => record(meetingId, at(members, 0), 'ABSENT'), 3],
    ];
    for (const [step, present] of steps) {
      await step();
      expect(await quorumOf(meetingId)).toEqual({ present, seats: 7, quorate: present >= 4 });
    }
    // The statements may skip a value that lasted less than their interval, never the last one.
    const ofKind = (so: { data?: any }[], kind: string) => so.map((event) => event.data.meetingEvents).filter((event) => event.__typename === kind);
    const seen = (
      await events.until((so) => ofKind(so, 'AttendanceChanged').length === steps.length && ofKind(so, 'QuorumChanged').at(-1)?.quorum.present === 3)
    ).map((event) => event.data.meetingEvents);
    expect(seen.map((event) => event.sequence)).toEqual(seen.map((_, index) => seen[0].sequence + index));
    const stated = seen.filter((event) => event.__typename === 'QuorumChanged').map((event) => event.quorum.present);
    expect(stated.every((present, index) => index === 0 || present !== stated[index - 1])).toBe(true);
    events.close();
    await client.dispose();
  });
});

describe('the quorum of a joint meeting', () => {
  it('gives a member of both organizations one seat, and none to a substitute without a voting right', async () => {
    const prisma = server.services.db.prisma;
    const committee = await prisma.organization.create({ data: { bodyId: seedIds.body, name: 'Ausschuss' } });
    const board = await prisma.organization.create({ data: { bodyId: seedIds.body, name: 'Kreisausschuss' } });
    const [both1, both2, committeeOnly, boardOnly, guest] = [randomUUID(), randomUUID(), randomUUID(), randomUUID(), randomUUID()];
    await prisma.person.createMany({ data: [both1, both2, committeeOnly, boardOnly, guest].map((id, index) => ({ id, bodyId: seedIds.body, name: `Person ${index + 1}` })) });
    const seat = (personId: string, organizationId: string) => ({ personId, organizationId, votingRight: true, role: 'Mitglied' });
    await prisma.membership.createMany({ data: [seat(both1, committee.id), seat(both1, board.id), seat(both2, committee.id), seat(both2, board.id), seat(committeeOnly, committee.id), seat(boardOnly, board.id)] });
    const { createMeeting } = await gql(`mutation($o: [ID!]!) { createMeeting(organizationIds: $o, name: "Gemeinsame Sitzung", start: "2025-03-01T17:00:00Z") { id } }`, {
      o: [committee.id, board.id].map((id) => globalIdOf('Organization', id)),
    });
    const meetingId: string = createMeeting.id;
    await gql(`mutation($id: ID!) { startMeeting(meetingId: $id) { id } }`, { id: meetingId });

    await Promise.all([record(meetingId, both1, 'PRESENT'), record(meetingId, both2, 'PRESENT'), record(meetingId, boardOnly, 'EXCUSED')]);
    expect(await quorumOf(meetingId)).toEqual({ present: 2, seats: 4, quorate: false });
    // A guest named as substitute for the excused member has no voting right there: no seat.
    await record(meetingId, guest, 'PRESENT', boardOnly);
    expect(await quorumOf(meetingId)).toEqual({ present: 2, seats: 4, quorate: false });
    await record(meetingId, committeeOnly, 'PRESENT');
    expect(await quorumOf(meetingId)).toEqual({ present: 3, seats: 4, quorate: true });
  });
});

describe('arrivals, departures and substitutes recorded at the same moment', () => {
  it('are each answered with their own entry, one event each, and the quorum is exact', async () => {
    const { meetingId, members } = await runningCouncilMeeting(server, gql, 40, { present: false });
    const prisma = server.services.db.prisma;
    const { organizationId } = only(await prisma.meetingOrganization.findMany({ where: { meetingId: idOf(meetingId, 'Meeting', 'meetingId') } }));
    const substitutes = Array.from({ length: 6 }, () => randomUUID());
    await prisma.person.createMany({ data: substitutes.map((id, index) => ({ id, bodyId: seedIds.body, name: `Vertretung ${index + 1}` })) });
    await prisma.membership.createMany({ data: substitutes.map((personId) => ({ personId, organizationId, votingRight: true, role: SUBSTITUTE_ROLE })) });
    const client = wsClient(server, clerk);
    const events = await wsSubscribe(client, EVENTS, { m: meetingId, a: await cursorOf(meetingId) });
    const statusOf = (answers: { recordAttendance: { id: string } }[]) =>
      gql(`query($ids: [ID!]!) { nodes(ids: $ids) { ... on Attendance { status person { id } } } }`, { ids: answers.map((answer) => answer.recordAttendance.id) });

    // 30 arrive, 5 are excused and their substitutes stand in, and one unknown person is refused alone.
    const first = [
      ...members.slice(0, 30).map((member) => record(meetingId, member, 'PRESENT')),
      ...members.slice(30, 35).map((member) => record(meetingId, member, 'EXCUSED')),
      ...substitutes.slice(0, 5).map((substitute, index) => record(meetingId, substitute, 'PRESENT', at(members, 30 + index))),
    ];
    const unknown = server.graphql(`mutation($m: ID!, $p: ID!) { recordAttendance(meetingId: $m, personId: $p, status: PRESENT) { id } }`, { m: meetingId, p: globalIdOf('Person', randomUUID()) }, clerk);
    const answers = await Promise.all(first);
    expect((await unknown).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const firstStatuses = (await statusOf(answers)).nodes.map((entry: { status: string }) => entry.status);
    expect(firstStatuses).toEqual([...Array(30).fill('PRESENT'), ...Array(5).fill('EXCUSED'), ...Array(5).fill('PRESENT')]);
    expect(await quorumOf(meetingId)).toEqual({ present: 35, seats: 40, quorate: true });

    // Ten leave while the last five arrive late and a substitute takes the seat of one who leaves.
    const second = await Promise.all([
      ...members.slice(0, 10).map((member) => record(meetingId, member, 'ABSENT')),
      ...members.slice(35, 40).map((member) => record(meetingId, member, 'PRESENT')),
      record(meetingId, at(substitutes, 5), 'PRESENT', at(members, 0)),
    ]);
    const secondStatuses = (await statusOf(second)).nodes.map((entry: { status: string }) => entry.status);
    expect(secondStatuses).toEqual([...Array(10).fill('ABSENT'), ...Array(6).fill('PRESENT')]);
    expect(await quorumOf(meetingId)).toEqual({ present: 31, seats: 40, quorate: true });

    // One event per entry, numbered without gaps; the last statement of the quorum is the quorum.
    const ofKind = (so: { data?: any }[], kind: string) => so.map((event) => event.data.meetingEvents).filter((event) => event.__typename === kind);
    const seen = (
      await events.until((so) => ofKind(so, 'AttendanceChanged').length === first.length + second.length && ofKind(so, 'QuorumChanged').at(-1)?.quorum.present === 31)
    ).map((event) => event.data.meetingEvents);
    expect(seen.map((event) => event.sequence)).toEqual(seen.map((_, index) => seen[0].sequence + index));
    events.close();
    await client.dispose();
  });
});

describe('the clerk records everyone present', () => {
  it('in one event, leaving those present as they were, and the quorum follows', async () => {
    const { meetingId, members } = await runningCouncilMeeting(server, gql, 60, { present: false });
    await record(meetingId, at(members, 0), 'PRESENT');
    await record(meetingId, at(members, 1), 'EXCUSED');
    const client = wsClient(server, clerk);
    const events = await wsSubscribe(client, EVENTS, { m: meetingId, a: await cursorOf(meetingId) });

    const RECORD = `mutation($m: ID!, $p: [ID!]) { recordPresence(meetingId: $m, personIds: $p) { attendance { status arrivedAt person { id } } } }`;
    const { recordPresence } = await gql(RECORD, { m: meetingId });
    expect(recordPresence.attendance).toHaveLength(60);
    expect(recordPresence.attendance.every((entry: { status: string; arrivedAt: string | null }) => entry.status === 'PRESENT' && entry.arrivedAt)).toBe(true);
    expect(await quorumOf(meetingId)).toEqual({ present: 60, seats: 60, quorate: true });

    const seen = (await events.until((so) => so.some((event) => event.data.meetingEvents.quorum?.present === 60))).map((event) => event.data.meetingEvents);
    // One event for all 59 arrivals (and the quorum stated after it), none per person.
    expect(seen.filter((event) => event.__typename !== 'QuorumChanged')).toEqual([{ __typename: 'PresenceRecorded', sequence: expect.any(Number), arrived: 59 }]);

    // Again, and for a list that names one unknown person: nothing changes, or nothing at all.
    await gql(RECORD, { m: meetingId });
    const unknown = await server.graphql(RECORD, { m: meetingId, p: [globalIdOf('Person', at(members, 2)), globalIdOf('Person', randomUUID())] }, clerk);
    expect(unknown.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    await record(meetingId, at(members, 5), 'ABSENT');
    const { recordPresence: listed } = await gql(RECORD, { m: meetingId, p: [globalIdOf('Person', at(members, 5))] });
    expect(listed.attendance.filter((entry: { status: string }) => entry.status === 'PRESENT')).toHaveLength(60);
    const after = (await events.until((so) => so.filter((event) => event.data.meetingEvents.__typename === 'PresenceRecorded').length === 2)).map((event) => event.data.meetingEvents);
    expect(after.filter((event) => event.__typename === 'PresenceRecorded').map((event) => event.arrived)).toEqual([59, 1]);
    expect(await quorumOf(meetingId)).toEqual({ present: 60, seats: 60, quorate: true });
    events.close();
    await client.dispose();

    // Only the clerk.
    const member = await tokenFor(['member'], at(members, 0));
    expect((await server.graphql(RECORD, { m: meetingId }, member)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});

describe('departures recorded while the clerk records everyone present', () => {
  it('each come before the arrivals or leave after them, never on top of what was there before, and the quorum is exact', async () => {
    const { meetingId, members } = await runningCouncilMeeting(server, gql, 30, { present: false });
    const substitute = await substituteIn(meetingId);
    const ATTENDANCE = `query($id: ID!) { node(id: $id) { ... on Meeting { attendance { status arrivedAt leftAt person { id } } } } }`;

    // Twice: everyone recorded present while ten leave one by one and a substitute arrives for the first.
    for (const round of [1, 2]) {
      await Promise.all([
        ...members.slice(0, 5).map((member) => record(meetingId, member, 'ABSENT')),
        gql(`mutation($m: ID!) { recordPresence(meetingId: $m) { id } }`, { m: meetingId }),
        ...members.slice(5, 10).map((member) => record(meetingId, member, 'ABSENT')),
        record(meetingId, substitute, round === 1 ? 'PRESENT' : 'ABSENT', at(members, 0)),
      ]);
      const { attendance } = (await gql(ATTENDANCE, { id: meetingId })).node;
      const entries = new Map<string, { status: string; arrivedAt: string | null; leftAt: string | null }>(
        attendance.map((entry: { person: { id: string } }) => [idOf(entry.person.id, 'Person', 'personId'), entry]),
      );
      // A departure after the arrival leaves a stamped stay; one before it is followed by the arrival.
      for (const member of members.slice(0, 10)) {
        const entry = entries.get(member)!;
        if (entry.status !== 'PRESENT') expect({ round, status: entry.status, arrived: !!entry.arrivedAt, left: !!entry.leftAt }).toEqual({ round, status: 'ABSENT', arrived: true, left: true });
      }
      const present = members.filter((member) => entries.get(member)?.status === 'PRESENT').length;
      const standsIn = entries.get(substitute)?.status === 'PRESENT' && entries.get(at(members, 0))?.status !== 'PRESENT' ? 1 : 0;
      expect(await quorumOf(meetingId)).toEqual({ present: present + standsIn, seats: 30, quorate: present + standsIn >= 16 });
    }
  });
});
