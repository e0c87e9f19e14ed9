// Who is at the meeting: arrivals, departures and excuses as they happen (those arriving together
// written together), many arrivals at once, and corrections of mistaken entries. While the
// meeting runs, each change asks for the quorum to be stated anew; the requests are coalesced
// (./meeting-state.ts), so that a change costs its own writes under the meeting lock and never a
// recount of every seat.
import { Prisma } from '../generated/prisma/client.js';
import type { AttendanceRole, AttendanceStatus } from '../generated/prisma/enums.js';
import { badInput, notFound } from '../errors.js';
import { seatHoldersOf, SUBSTITUTE_ROLE } from '../rules/quorum.js';
import { changeMeeting, type LiveDependencies } from './event-log.js';
import { GroupCommit, type Pending } from './group-commit.js';
import { requireNotFinished, type QuorumStatements } from './meeting-state.js';

type Tx = Prisma.TransactionClient;

/** The role at a meeting that a membership in one of its organizations gives (none: a guest). */
function roleFrom(membership: { role: string | null; votingRight: boolean } | undefined): AttendanceRole {
  if (!membership) return 'GUEST';
  return membership.role === 'Vorsitz' ? 'CHAIR' : membership.role === SUBSTITUTE_ROLE ? 'SUBSTITUTE' : membership.votingRight ? 'MEMBER' : 'ADMINISTRATION';
}

async function requirePersons(tx: Tx, personIds: string[]) {
  const persons = await tx.person.findMany({ where: { id: { in: [...new Set(personIds)] }, deleted: false }, select: { id: true } });
  if (persons.length < new Set(personIds).size) throw notFound('Person');
}

export interface Arrival {
  meetingId: string;
  personId: string;
  status: AttendanceStatus;
  substituteForId?: string;
  role?: AttendanceRole | null;
  at?: Date | null;
}

/** Attendance entries per batch; more wait for the next. */
const MAX_BATCH = 500;

/**
 * Arrivals, departures and excuses of one meeting recorded together (./group-commit.ts): one
 * meeting lock, one upsert and their AttendanceChanged events in one transaction per batch, however
 * many members check in at once, and one request for the quorum to be stated again.
 */
export class AttendanceRecorder {
  private readonly batches = new GroupCommit<Arrival, { id: string }>(MAX_BATCH, (meetingId, batch) => this.record(meetingId, batch));

  constructor(
    private readonly live: LiveDependencies,
    private readonly quorum: QuorumStatements,
  ) {}

  /** Arrival (PRESENT), leaving (ABSENT while the meeting runs) or an excuse (EXCUSED), from now or `at`. */
  recordAttendance(arrival: Arrival): Promise<{ id: string }> {
    if (arrival.substituteForId === arrival.personId) return Promise.reject(badInput('A person cannot substitute for themselves.', 'substituteForId'));
    return this.batches.submit(arrival.meetingId, arrival);
  }

  private async record(meetingId: string, batch: Pending<Arrival, { id: string }>[]) {
    let running = false;
    let valid: typeof batch = [];
    // A batch waits for the lock and reads what it needs in one round trip, then writes its entries
    // and their events in a second, and commits: as few as there can be.
    const stored = await changeMeeting(
      this.live,
      meetingId,
      async (tx, log) => {
        const named = namedFrom(log.read);
        valid = batch.filter((entry) => {
          const exists = [entry.request.personId, entry.request.substituteForId].every((personId) => !personId || named.get(personId)?.known);
          if (!exists) entry.refused(notFound('Person'));
          return exists;
        });
        if (!valid.length) return new Map<string, string>();
        requireNotFinished(log.meeting);
        running = log.meeting.meetingState === 'RUNNING';
        // Each entry in order of arrival, on top of the one before it for the same person.
        const entries = new Map<string, Entry>();
        for (const { request } of valid) {
          const { entry, role } = named.get(request.personId)!;
          entries.set(request.personId, entryAfter(request, entries.get(request.personId) ?? entry, role, running));
        }
        // An AttendanceChanged event per arrival, in order, naming the entry the upsert wrote.
        const order = valid.map(({ request }, index) => ({ position: index + 1, personId: request.personId }));
        const rows = await log.appendWith<{ id: string; personId: string }>(
          ({ events, eventsStored }) => Prisma.sql`
            WITH written AS (
              INSERT INTO "Attendance" (id, "meetingId", "personId", role, status, "substituteForId", "arrivedAt", "leftAt", modified)
              SELECT gen_random_uuid(), ${meetingId}::uuid, a."personId", a.role, a.status, a."substituteForId", a."arrivedAt", a."leftAt", now()
              FROM json_to_recordset(${JSON.stringify([...entries.values()])}::json)
                AS a("personId" uuid, role "AttendanceRole", status "AttendanceStatus", "substituteForId" uuid, "arrivedAt" timestamptz, "leftAt" timestamptz)
              ON CONFLICT ("meetingId", "personId") DO UPDATE SET role = excluded.role, status = excluded.status, "substituteForId" = excluded."substituteForId",
                "arrivedAt" = excluded."arrivedAt", "leftAt" = excluded."leftAt", modified = excluded.modified
              RETURNING id, "personId"
            ), appended AS (
              SELECT o.position, 'AttendanceChanged'::"MeetingEventKind" AS kind, jsonb_build_object('attendanceId', written.id::text) AS payload, NULL::uuid AS "agendaItemId"
              FROM json_to_recordset(${JSON.stringify(order)}::json) AS o(position int, "personId" uuid) JOIN written USING ("personId")
            )${events}
            SELECT id::text AS id, "personId"::text AS "personId", ${eventsStored} FROM written`,
        );
        return new Map(rows.map((row) => [row.personId, row.id]));
      },
      namedIn(meetingId, batch.flatMap(({ request }) => [request.personId, ...(request.substituteForId ? [request.substituteForId] : [])])),
    );
    for (const entry of valid) entry.done({ id: stored.get(entry.request.personId)! });
    if (running && valid.length) this.quorum.attendanceChanged(meetingId);
  }
}

/** A person a change of attendance names: whether they exist, the role their membership gives, and their entry so far. */
interface Named {
  known: boolean;
  role: AttendanceRole;
  entry?: Entry;
}

/**
 * What a change of attendance needs to know of the persons it names, as one JSON value: whether
 * each exists (not deleted), the role at the meeting their membership gives (unless the clerk
 * names one: a membership with a voting right first, else a guest) and their entry so far.
 */
function namedIn(meetingId: string, personIds: string[]): Prisma.Sql {
  return Prisma.sql`
    SELECT json_agg(json_build_object('personId', named.id, 'known', person.id IS NOT NULL,
      'membership', CASE WHEN membership."votingRight" IS NOT NULL THEN json_build_object('role', membership.role, 'votingRight', membership."votingRight") END,
      'entry', CASE WHEN entry.id IS NOT NULL THEN json_build_object('role', entry.role, 'status', entry.status, 'substituteForId', entry."substituteForId", 'arrivedAt', entry."arrivedAt", 'leftAt', entry."leftAt") END))
    FROM (SELECT DISTINCT value::uuid AS id FROM json_array_elements_text(${JSON.stringify(personIds)}::json)) AS named
    LEFT JOIN "Person" person ON person.id = named.id AND NOT person.deleted
    LEFT JOIN LATERAL (
      SELECT m.role, m."votingRight" FROM "Membership" m
      WHERE m."personId" = named.id AND NOT m.deleted
        AND m."organizationId" IN (SELECT "organizationId" FROM "MeetingOrganization" WHERE "meetingId" = ${meetingId}::uuid)
      ORDER BY m."votingRight" DESC LIMIT 1
    ) AS membership ON true
    LEFT JOIN "Attendance" entry ON entry."meetingId" = ${meetingId}::uuid AND entry."personId" = named.id`;
}

type NamedRow = {
  personId: string;
  known: boolean;
  membership: { role: string | null; votingRight: boolean } | null;
  entry: (Omit<Entry, 'personId' | 'arrivedAt' | 'leftAt'> & { arrivedAt: string | null; leftAt: string | null }) | null;
};

function namedFrom(read: unknown): Map<string, Named> {
  const rows = (read as NamedRow[] | null) ?? []; // json_agg of no persons is null
  const time = (value: string | null) => (value === null ? null : new Date(value));
  return new Map(
    rows.map(({ personId, known, membership, entry }) => [
      personId,
      { known, role: roleFrom(membership ?? undefined), entry: entry ? { ...entry, personId, arrivedAt: time(entry.arrivedAt), leftAt: time(entry.leftAt) } : undefined },
    ]),
  );
}

/** What an attendance entry says (the columns a change of attendance writes). */
interface Entry {
  personId: string;
  role: AttendanceRole;
  status: AttendanceStatus;
  substituteForId: string | null;
  arrivedAt: Date | null;
  leftAt: Date | null;
}

/** The entry after an arrival, a departure or an excuse: arriving clears the departure, leaving a running meeting stamps it. */
function entryAfter({ personId, status, substituteForId, role, at }: Arrival, previous: Entry | undefined, membershipRole: AttendanceRole, running: boolean): Entry {
  const time = at ?? (running ? new Date() : null);
  const arriving = status === 'PRESENT';
  const leaving = !arriving && previous?.status === 'PRESENT';
  return {
    personId,
    status,
    // The role follows from the membership unless the clerk names it (or the person substitutes).
    role: role ?? previous?.role ?? (substituteForId ? 'SUBSTITUTE' : membershipRole),
    substituteForId: substituteForId ?? previous?.substituteForId ?? null,
    arrivedAt: arriving ? (running || at ? time : (previous?.arrivedAt ?? null)) : (previous?.arrivedAt ?? null),
    leftAt: arriving ? null : leaving ? time : (previous?.leftAt ?? null),
  };
}

/**
 * The clerk records many persons present at once, from now or `at`: `personIds`, or by default
 * every member holding a seat in the meeting's organizations. Those present already stay as they
 * are; the others arrive, in one PresenceRecorded event. Returns how many arrived.
 */
export async function recordPresence(live: LiveDependencies, quorum: QuorumStatements, meetingId: string, { personIds, at }: { personIds?: string[]; at?: Date | null }) {
  if (personIds) await requirePersons(live.prisma, personIds);
  let running = false;
  const arrived = await changeMeeting(live, meetingId, async (tx, log) => {
    requireNotFinished(log.meeting);
    running = log.meeting.meetingState === 'RUNNING';
    const time = at ?? (running ? new Date() : null);
    const ids = [...new Set(personIds ?? (await seatHoldersOf(tx, meetingId)))];
    const [{ read }] = await tx.$queryRaw<[{ read: unknown }]>`SELECT (${namedIn(meetingId, ids)}) AS read`;
    const named = namedFrom(read);
    const statusOf = (personId: string) => named.get(personId)?.entry?.status;
    const newcomers = ids.filter((id) => !statusOf(id));
    const returning = ids.filter((id) => statusOf(id) && statusOf(id) !== 'PRESENT');
    await tx.attendance.createMany({ data: newcomers.map((personId) => ({ meetingId, personId, role: named.get(personId)!.role, status: 'PRESENT' as const, arrivedAt: time })) });
    await tx.attendance.updateMany({ where: { meetingId, personId: { in: returning } }, data: { status: 'PRESENT', leftAt: null, ...(time ? { arrivedAt: time } : {}) } });
    const count = newcomers.length + returning.length;
    if (count) await log.append({ kind: 'PresenceRecorded', payload: { arrived: count } });
    return count;
  });
  if (running && arrived) quorum.attendanceChanged(meetingId);
  return arrived;
}

/** Only the given fields change; null clears a time or the substitution. */
export interface AttendanceCorrection {
  status?: AttendanceStatus;
  role?: AttendanceRole;
  substituteForId?: string | null;
  arrivedAt?: Date | null;
  leftAt?: Date | null;
}

/** Corrects a mistaken attendance entry. */
export async function correctAttendance(live: LiveDependencies, quorum: QuorumStatements, attendanceId: string, correction: AttendanceCorrection) {
  const existing = await live.prisma.attendance.findUnique({ where: { id: attendanceId }, select: { meetingId: true, personId: true } });
  if (!existing) throw notFound('Attendance');
  if (correction.substituteForId === existing.personId) throw badInput('A person cannot substitute for themselves.', 'substituteForId');
  let running = false;
  const attendance = await changeMeeting(live, existing.meetingId, async (tx, log) => {
    running = log.meeting.meetingState === 'RUNNING';
    const attendance = await tx.attendance.update({ where: { id: attendanceId }, data: correction });
    await log.append({ kind: 'AttendanceChanged', payload: { attendanceId } });
    return attendance;
  });
  if (running) quorum.attendanceChanged(existing.meetingId);
  return attendance;
}
