// A large council for ballot tests and benchmarks: `size` members with a voting right, all
// present (unless `present: false`) at a running meeting whose only item is current. Members and roll go straight into the
// database (fixtures); the meeting is run through the API.
import { randomUUID } from 'node:crypto';
import type { Instance } from '../../src/start.js';
import { seedIds } from '../../src/seed/ids.js';
import { globalIdOf, idOf } from '../../src/global-id.js';
import type { Gql } from '../../scripts/graphql-client.js';

export interface Council {
  meetingId: string;
  itemId: string;
  /** Person UUIDs of the members. */
  members: string[];
}

export async function runningCouncilMeeting(instance: Instance, gql: Gql, size: number, { present = true } = {}): Promise<Council> {
  const prisma = instance.services.db.prisma;
  const organization = await prisma.organization.create({ data: { bodyId: seedIds.body, name: `Rat mit ${size} Sitzen` } });
  const members = Array.from({ length: size }, () => randomUUID());
  await prisma.person.createMany({ data: members.map((id, index) => ({ id, bodyId: seedIds.body, name: `Mitglied ${index + 1}` })) });
  await prisma.membership.createMany({ data: members.map((personId) => ({ personId, organizationId: organization.id, votingRight: true, role: 'Mitglied' })) });
  const { createMeeting } = await gql(`mutation($o: [ID!]!) { createMeeting(organizationIds: $o, name: "Ratssitzung", start: "2025-03-01T17:00:00Z") { id } }`, {
    o: [globalIdOf('Organization', organization.id)],
  });
  const meetingId: string = createMeeting.id;
  const { addAgendaItem } = await gql(`mutation($m: ID!) { addAgendaItem(meetingId: $m, name: "Antrag") { id } }`, { m: meetingId });
  const meetingUuid = idOf(meetingId, 'Meeting', 'meetingId');
  if (present) await prisma.attendance.createMany({ data: members.map((personId) => ({ meetingId: meetingUuid, personId, role: 'MEMBER' as const, status: 'PRESENT' as const })) });
  await gql(`mutation($id: ID!) { startMeeting(meetingId: $id) { id } }`, { id: meetingId });
  await gql(`mutation($id: ID!) { startAgendaItem(agendaItemId: $id) { id } }`, { id: addAgendaItem.id });
  return { meetingId, itemId: addAgendaItem.id, members };
}
