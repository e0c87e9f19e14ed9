// Who holds a seat in a meeting, who is present for it, and whether the meeting has a quorum —
// the rules of the Gemeindeordnung / Kreisordnung NRW as they apply to a committee meeting.
import type { Prisma } from '../generated/prisma/client.js';
import type { AttendanceStatus } from '../generated/prisma/enums.js';
import { ApiError } from '../errors.js';

type Tx = Prisma.TransactionClient;

/** Deputies (Vertreter) have a voting right only in place of an absent member: they hold no seat. */
export const SUBSTITUTE_ROLE = 'Vertretung';

export interface Quorum {
  /** Seats taken by present voting members (a substitute takes the seat of the member replaced). */
  present: number;
  /** Statutory seats of the meeting's organizations. */
  seats: number;
  /** The smallest number present that makes a quorum. */
  required: number;
  quorate: boolean;
}

/** The quorum of `present` voting members for `seats` statutory seats. */
export function quorumFrom(present: number, seats: number): Quorum {
  const required = Math.floor(seats / 2) + 1;
  return { present, seats, required, quorate: present >= required };
}

const currentVotingMembership = (organizationIds: string[], now = new Date()): Prisma.MembershipWhereInput => ({
  organizationId: { in: organizationIds },
  votingRight: true,
  deleted: false,
  AND: [{ OR: [{ startDate: null }, { startDate: { lte: now } }] }, { OR: [{ endDate: null }, { endDate: { gte: now } }] }],
});

const seatMembership = (organizationIds: string[]): Prisma.MembershipWhereInput => ({
  ...currentVotingMembership(organizationIds),
  OR: [{ role: null }, { role: { not: SUBSTITUTE_ROLE } }],
});

async function organizationsOf(tx: Tx, meetingId: string) {
  const links = await tx.meetingOrganization.findMany({ where: { meetingId }, select: { organization: { select: { id: true, statutorySeats: true } } } });
  return links.map((link) => link.organization);
}

export interface SeatedOrganization {
  id: string;
  statutorySeats: number | null;
}

/** A current voting member who is not a deputy, in one of the meeting's organizations. */
export interface SeatHolder {
  personId: string;
  organizationId: string;
}

/** Who is in the room now (late arrivals and early leavers as they are at this moment). */
export interface Presence {
  personId: string;
  status: AttendanceStatus;
  substituteForId: string | null;
}

/**
 * Beschlussfähigkeit (§ 49 GO NRW, applied to committees by § 58): more than half of the
 * statutory seats are taken by present voting members. The statutory number is the
 * organization's `statutorySeats`, else its current voting members who are not deputies; in a
 * joint meeting a person holds one seat, however many of its organizations they sit in (they
 * are present once and vote once). A present substitute (one of `deputies`, the current voting
 * members who are deputies) counts for the absent member they replace, never in addition to
 * them; anyone else named as a substitute takes no seat.
 */
export function quorumAt(organizations: readonly SeatedOrganization[], seatHolders: readonly SeatHolder[], attendance: readonly Presence[], deputies: readonly string[]): Quorum {
  const statutory = new Set(organizations.flatMap((organization) => (organization.statutorySeats === null ? [] : [organization.id])));
  const seatedByStatute = new Set(seatHolders.filter((holder) => statutory.has(holder.organizationId)).map((holder) => holder.personId));
  const counted = new Set(seatHolders.filter((holder) => !statutory.has(holder.organizationId) && !seatedByStatute.has(holder.personId)).map((holder) => holder.personId));
  const seats = organizations.reduce((sum, organization) => sum + (organization.statutorySeats ?? 0), counted.size);
  const seatIds = new Set(seatHolders.map((holder) => holder.personId));
  const voting = new Set(deputies);
  const present = attendance.filter((person) => person.status === 'PRESENT');
  const taken = new Set(present.filter((person) => seatIds.has(person.personId)).map((person) => person.personId));
  for (const { personId, substituteForId } of present) if (substituteForId && seatIds.has(substituteForId) && voting.has(personId)) taken.add(substituteForId);
  return quorumFrom(taken.size, seats);
}

/** The persons holding a seat in the meeting's organizations now (current voting members, not deputies). */
export async function seatHoldersOf(tx: Tx, meetingId: string): Promise<string[]> {
  const organizationIds = (await organizationsOf(tx, meetingId)).map((organization) => organization.id);
  const holders = await tx.membership.findMany({ where: seatMembership(organizationIds), select: { personId: true }, distinct: ['personId'] });
  return holders.map((holder) => holder.personId);
}

/** The quorum of a meeting as its attendance stands now. */
export async function quorumOf(tx: Tx, meetingId: string): Promise<Quorum> {
  const organizations = await organizationsOf(tx, meetingId);
  const [voters, attendance] = await Promise.all([
    tx.membership.findMany({ where: currentVotingMembership(organizations.map((organization) => organization.id)), select: { personId: true, organizationId: true, role: true } }),
    tx.attendance.findMany({ where: { meetingId }, select: { personId: true, status: true, substituteForId: true } }),
  ]);
  const seatHolders = voters.filter((voter) => voter.role !== SUBSTITUTE_ROLE);
  const deputies = voters.filter((voter) => voter.role === SUBSTITUTE_ROLE).map((voter) => voter.personId);
  return quorumAt(organizations, seatHolders, attendance, deputies);
}

const notEntitled = (message: string) => new ApiError('NOT_ENTITLED', message);

/**
 * The seat each voter votes for (§ 50 GO NRW): their own, if they are present and hold a seat;
 * or, for a present substitute with a voting right, the seat of the absent member they replace.
 * The ballot records the seat, and a seat votes once per vote (unique index), so a member and
 * their substitute can never both vote, even at the same instant. Read for many voters at once
 * (the ballots arriving together, src/live/ballots.ts): a few queries, however many they are.
 * `organizationIds`: the meeting's organizations, which the caller knows already.
 */
export async function seatsOfVoters(tx: Tx, { meetingId, organizationIds }: { meetingId: string; organizationIds: string[] }, personIds: string[]): Promise<Map<string, string | ApiError>> {
  const presentOf = async (ids: string[]) =>
    new Map((await tx.attendance.findMany({ where: { meetingId, personId: { in: ids }, status: 'PRESENT' }, select: { personId: true, substituteForId: true } })).map((entry) => [entry.personId, entry.substituteForId]));
  const membersOf = async (where: Prisma.MembershipWhereInput, ids: string[]) =>
    new Set((await tx.membership.findMany({ where: { ...where, personId: { in: ids } }, select: { personId: true } })).map((membership) => membership.personId));
  const [present, seatHolders] = await Promise.all([presentOf(personIds), membersOf(seatMembership(organizationIds), personIds)]);

  const seats = new Map<string, string | ApiError>();
  const substitutes = personIds.filter((personId) => {
    if (!present.has(personId)) seats.set(personId, notEntitled('Only members present at the meeting may vote.'));
    else if (seatHolders.has(personId)) seats.set(personId, personId);
    else return true;
    return false;
  });
  if (!substitutes.length) return seats;
  const replacedIds = substitutes.flatMap((personId) => present.get(personId) ?? []);
  const [voting, replacedPresent, replacedHolders] = await Promise.all([
    membersOf(currentVotingMembership(organizationIds), substitutes),
    presentOf(replacedIds),
    membersOf(seatMembership(organizationIds), replacedIds),
  ]);
  for (const personId of substitutes) {
    const replaced = present.get(personId);
    if (!replaced || !voting.has(personId)) seats.set(personId, notEntitled('Only members with a voting right in this body may vote.'));
    else if (!replacedHolders.has(replaced)) seats.set(personId, notEntitled('The person this substitute stands in for holds no seat.'));
    else if (replacedPresent.has(replaced)) seats.set(personId, notEntitled('The member this substitute stands in for is present and votes themselves.'));
    else seats.set(personId, replaced);
  }
  return seats;
}
