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

/** What the rules read of a voter at a meeting. */
interface Standing {
  /** Present at the meeting; for a substitute, with the member they stand in for. */
  present: boolean;
  substituteForId: string | null;
  /** A current voting membership in one of the meeting's organizations (currentVotingMembership). */
  votingRight: boolean;
  /** One that is not a deputy's: a seat (seatMembership). */
  holdsSeat: boolean;
}

/**
 * The standing of each person at the meeting, by one raw statement with the IDs as JSON
 * parameters, the predicates of currentVotingMembership and seatMembership in SQL: one statement
 * text (prepared once per connection) whatever the number of persons. Prisma's two findMany with
 * an IN list of a ballot batch's 150 IDs cost 2.5-2.9 ms of the server's CPU, and each size of
 * list was a new statement for PostgreSQL to parse and plan.
 */
async function standingsOf(tx: Tx, meetingId: string, organizationIds: string[], personIds: string[]): Promise<Map<string, Standing>> {
  const today = new Date().toISOString().slice(0, 10);
  const rows = await tx.$queryRaw<(Standing & { personId: string })[]>`
    WITH voting AS (
      SELECT m."personId", (m.role IS NULL OR m.role <> ${SUBSTITUTE_ROLE}) AS seat
      FROM "Membership" m
      WHERE m."personId" IN (SELECT value::uuid FROM json_array_elements_text(${JSON.stringify(personIds)}::json))
        AND m."organizationId" IN (SELECT value::uuid FROM json_array_elements_text(${JSON.stringify(organizationIds)}::json))
        AND m."votingRight" AND NOT m.deleted
        AND (m."startDate" IS NULL OR m."startDate" <= ${today}::date) AND (m."endDate" IS NULL OR m."endDate" >= ${today}::date))
    SELECT p.id AS "personId", a."personId" IS NOT NULL AS present, a."substituteForId"::text AS "substituteForId",
      EXISTS (SELECT 1 FROM voting v WHERE v."personId" = p.id::uuid) AS "votingRight",
      EXISTS (SELECT 1 FROM voting v WHERE v."personId" = p.id::uuid AND v.seat) AS "holdsSeat"
    FROM json_array_elements_text(${JSON.stringify(personIds)}::json) AS p(id)
    LEFT JOIN "Attendance" a ON a."meetingId" = ${meetingId}::uuid AND a."personId" = p.id::uuid AND a.status = 'PRESENT'`;
  return new Map(rows.map(({ personId, ...standing }) => [personId, standing]));
}

/**
 * The seat each voter votes for (§ 50 GO NRW): their own, if they are present and hold a seat;
 * or, for a present substitute with a voting right, the seat of the absent member they replace.
 * The ballot records the seat, and a seat votes once per vote (unique index), so a member and
 * their substitute can never both vote, even at the same instant. Read for many voters at once
 * (the ballots arriving together, src/live/ballots.ts): one statement, and one more for the
 * members whom substitutes replace.
 * `organizationIds`: the meeting's organizations, which the caller knows already.
 */
export async function seatsOfVoters(tx: Tx, { meetingId, organizationIds }: { meetingId: string; organizationIds: string[] }, personIds: string[]): Promise<Map<string, string | ApiError>> {
  const voters = await standingsOf(tx, meetingId, organizationIds, personIds);
  const seats = new Map<string, string | ApiError>();
  const substitutes = personIds.filter((personId) => {
    const voter = voters.get(personId);
    if (!voter?.present) seats.set(personId, notEntitled('Only members present at the meeting may vote.'));
    else if (voter.holdsSeat) seats.set(personId, personId);
    else return true;
    return false;
  });
  if (!substitutes.length) return seats;
  const replacedIds = substitutes.flatMap((personId) => voters.get(personId)?.substituteForId ?? []);
  const replaced = await standingsOf(tx, meetingId, organizationIds, replacedIds);
  for (const personId of substitutes) {
    const replacedId = voters.get(personId)?.substituteForId;
    const member = replacedId ? replaced.get(replacedId) : undefined;
    if (!replacedId || !voters.get(personId)?.votingRight) seats.set(personId, notEntitled('Only members with a voting right in this body may vote.'));
    else if (!member?.holdsSeat) seats.set(personId, notEntitled('The person this substitute stands in for holds no seat.'));
    else if (member.present) seats.set(personId, notEntitled('The member this substitute stands in for is present and votes themselves.'));
    else seats.set(personId, replacedId);
  }
  return seats;
}
