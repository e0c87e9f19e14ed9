// The meeting of 21.11.2024 (the seed minutes) played again as a live meeting through the API:
// `prepareSeedMeeting` copies its agenda and roll into a new scheduled meeting, `runSeedMeeting`
// then runs it as the minutes tell it — opened 16:32, Frau Zieger arriving 16:53, the unanimous
// vote on TOP 5, the late item 6.1, the non-public part, the end at 17:56. Used by
// `npm run demo:live` and by the tests.
import type { Gql } from './graphql-client.js';
import { seedIds } from '../src/seed/ids.js';
import { globalIdOf } from '../src/global-id.js';

interface SeedItem {
  id: string;
  number: string;
  name: string;
  subtitle: string | null;
  public: boolean;
  urgent: boolean;
  protocolText: string | null;
  result: string | null;
  resolutionText: string | null;
  votes: { subject: string; kind: string; unanimous: boolean | null }[];
}

interface SeedAttendance {
  person: { id: string };
  role: string;
  status: string;
  arrivedAt: string | null;
  substituteFor: { id: string } | null;
}

export interface PreparedMeeting {
  meetingId: string;
  openedAt: Date;
  closedAt: Date;
  agenda: SeedItem[];
  lateArrivals: SeedAttendance[];
  /** Agenda item ids of the new meeting by number, filled as items are added. */
  items: Map<string, string>;
}

const seedQuery = `query SeedMeeting($id: ID!) {
  node(id: $id) { ... on Meeting {
    name start openedAt closedAt organizations { id }
    agendaItems { id number name subtitle public urgent protocolText result resolutionText votes { subject kind unanimous } }
    attendance { person { id } role status arrivedAt substituteFor { id } }
  } }
}`;

export async function prepareSeedMeeting(gql: Gql): Promise<PreparedMeeting> {
  const seed = (await gql(seedQuery, { id: globalIdOf('Meeting', seedIds.meeting2024) })).node;
  const { createMeeting } = await gql(
    `mutation($organizations: [ID!]!, $name: String!, $start: DateTime!) { createMeeting(organizationIds: $organizations, name: $name, start: $start) { id } }`,
    { organizations: seed.organizations.map((o: { id: string }) => o.id), name: `${seed.name} (live)`, start: seed.start },
  );
  const meetingId: string = createMeeting.id;
  const items = new Map<string, string>();
  for (const item of seed.agendaItems as SeedItem[]) {
    if (item.urgent) continue; // the Nachtrag is added while the meeting runs
    const { addAgendaItem } = await gql(
      `mutation($meeting: ID!, $name: String!, $number: String, $subtitle: String, $public: Boolean) {
        addAgendaItem(meetingId: $meeting, name: $name, number: $number, subtitle: $subtitle, public: $public) { id } }`,
      { meeting: meetingId, name: item.name, number: item.number, subtitle: item.subtitle, public: item.public },
    );
    items.set(item.number, addAgendaItem.id);
  }
  const roll = seed.attendance as SeedAttendance[];
  for (const entry of roll.filter((a) => !a.arrivedAt)) await recordAttendance(gql, meetingId, entry);
  return {
    meetingId,
    openedAt: new Date(seed.openedAt),
    closedAt: new Date(seed.closedAt),
    agenda: seed.agendaItems,
    lateArrivals: roll.filter((a) => a.arrivedAt),
    items,
  };
}

function recordAttendance(gql: Gql, meetingId: string, entry: SeedAttendance, at?: string) {
  return gql(
    `mutation($meetingId: ID!, $personId: ID!, $status: AttendanceStatus!, $substituteFor: ID, $role: AttendanceRole, $at: DateTime) {
      recordAttendance(meetingId: $meetingId, personId: $personId, status: $status, substituteForId: $substituteFor, role: $role, at: $at) { id } }`,
    { meetingId, personId: entry.person.id, status: entry.status, substituteFor: entry.substituteFor?.id, role: entry.role, at },
  );
}

export interface RunOptions {
  /** Waits for this many minutes of meeting time (the demo scales it; tests do not wait). */
  pause?: (minutes: number) => Promise<void>;
  /** Protocol text of an item by number; by default the one of the minutes. */
  protocolOf?: (item: SeedItem) => string | null;
  onStep?: (description: string) => void;
}

export async function runSeedMeeting(gql: Gql, meeting: PreparedMeeting, options: RunOptions = {}): Promise<void> {
  const { meetingId, items } = meeting;
  const pause = options.pause ?? (async () => {});
  const step = options.onStep ?? (() => {});
  // The minutes give only opening, late arrival and end: the items share the time in between.
  const minutesPerItem = (meeting.closedAt.getTime() - meeting.openedAt.getTime()) / 60_000 / meeting.agenda.length;
  let clock = meeting.openedAt.getTime();
  const late = [...meeting.lateArrivals];

  await gql(`mutation($id: ID!, $at: DateTime) { startMeeting(meetingId: $id, at: $at) { id } }`, { id: meetingId, at: meeting.openedAt });
  step('Meeting opened');
  for (const item of meeting.agenda) {
    while (late[0] && new Date(late[0].arrivedAt!).getTime() <= clock) {
      const arrival = late.shift()!;
      await recordAttendance(gql, meetingId, { ...arrival, status: 'PRESENT' }, arrival.arrivedAt!);
      step(`Arrival at ${arrival.arrivedAt}`);
    }
    if (item.urgent) {
      const { addUrgentAgendaItem } = await gql(
        `mutation($meetingId: ID!, $name: String!, $subtitle: String, $number: String, $public: Boolean) {
          addUrgentAgendaItem(meetingId: $meetingId, name: $name, subtitle: $subtitle, number: $number, public: $public) { id } }`,
        { meetingId, name: item.name, subtitle: item.subtitle, number: item.number, public: item.public },
      );
      items.set(item.number, addUrgentAgendaItem.id);
      step(`Urgent item ${item.number} added`);
    }
    const id = items.get(item.number)!;
    await gql(`mutation($id: ID!, $at: DateTime) { startAgendaItem(agendaItemId: $id, at: $at) { id } }`, { id, at: new Date(clock) });
    step(`TOP ${item.number} ${item.name}`);
    await pause(minutesPerItem / 2);
    const protocolText = options.protocolOf ? options.protocolOf(item) : item.protocolText;
    if (protocolText) await gql(`mutation($id: ID!, $text: String!) { annotateAgendaItem(agendaItemId: $id, protocolText: $text) { id } }`, { id, text: protocolText });
    for (const vote of item.votes) {
      const { openVote } = await gql(`mutation($id: ID!, $subject: String!, $kind: VoteKind!) { openVote(agendaItemId: $id, subject: $subject, kind: $kind) { id } }`, {
        id,
        subject: vote.subject,
        kind: vote.kind,
      });
      await gql(`mutation($id: ID!, $unanimous: Boolean) { recordVoteCounts(voteId: $id, unanimous: $unanimous) { id } }`, { id: openVote.id, unanimous: vote.unanimous });
      await gql(`mutation($id: ID!) { closeVote(voteId: $id) { result } }`, { id: openVote.id });
      step(`Vote "${vote.subject}" closed`);
    }
    clock += minutesPerItem * 60_000;
    await pause(minutesPerItem / 2);
    await gql(
      `mutation($id: ID!, $result: String, $resolutionText: String, $at: DateTime) {
        completeAgendaItem(agendaItemId: $id, result: $result, resolutionText: $resolutionText, at: $at) { id } }`,
      { id, result: item.result, resolutionText: item.resolutionText, at: new Date(clock) },
    );
  }
  await gql(`mutation($id: ID!, $at: DateTime) { endMeeting(meetingId: $id, at: $at) { id } }`, { id: meetingId, at: meeting.closedAt });
  step('Meeting closed');
}
