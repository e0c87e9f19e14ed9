// Who is at the meeting: arrivals, departures and excuses as they happen, many arrivals at once,
// and corrections of mistaken entries. While the meeting runs, each change asks for the quorum
// to be stated anew; the requests are coalesced (./meeting-state.ts), so that a change costs
// its own writes under the meeting lock and never a recount of every seat.
import type { Prisma } from '../generated/prisma/client.js';
import type { AttendanceRole, AttendanceStatus } from '../generated/prisma/enums.js';
import { badInput, notFound } from '../errors.js';
import { seatHoldersOf, SUBSTITUTE_ROLE } from '../rules/quorum.js';
import { changeMeeting, type LiveDependencies } from './event-log.js';
import { requireNotFinished, type QuorumStatements } from './meeting-state.js';

type Tx = Prisma.TransactionClient;

/** The role at the meeting follows from the membership (one with a voting right first), unless the clerk names it. */
async function defaultRoles(tx: Tx, meetingId: string, personIds: string[]): Promise<Map<string, AttendanceRole>> {
  const memberships = await tx.membership.findMany({
    where: { personId: { in: personIds }, deleted: false, organization: { meetings: { some: { meetingId } } } },
    orderBy: { votingRight: 'desc' },
    select: { personId: true, role: true, votingRight: true },
  });
  const roles = new Map<string, AttendanceRole>(personIds.map((personId) => [personId, 'GUEST']));
  for (const membership of memberships.reverse()) {
    const role = membership.role === 'Vorsitz' ? 'CHAIR' : membership.role === SUBSTITUTE_ROLE ? 'SUBSTITUTE' : membership.votingRight ? 'MEMBER' : 'ADMINISTRATION';
    roles.set(membership.personId, role);
  }
  return roles;
}

async function requirePersons(tx: Tx, personIds: string[]) {
  if ((await tx.person.count({ where: { id: { in: personIds }, deleted: false } })) !== new Set(personIds).size) throw notFound('Person');
}

export interface Arrival {
  meetingId: string;
  personId: string;
  status: AttendanceStatus;
  substituteForId?: string;
  role?: AttendanceRole | null;
  at?: Date | null;
}

/** Arrival (PRESENT), leaving (ABSENT while the meeting runs) or an excuse (EXCUSED), from now or `at`. */
export async function recordAttendance(live: LiveDependencies, quorum: QuorumStatements, { meetingId, personId, status, substituteForId, role, at }: Arrival) {
  if (substituteForId === personId) throw badInput('A person cannot substitute for themselves.', 'substituteForId');
  // Read before the meeting lock: they do not change with the meeting.
  await requirePersons(live.prisma, [personId, ...(substituteForId ? [substituteForId] : [])]);
  const membershipRole = role || substituteForId ? undefined : (await defaultRoles(live.prisma, meetingId, [personId])).get(personId);
  let running = false;
  const attendance = await changeMeeting(live, meetingId, async (tx, log) => {
    requireNotFinished(log.meeting);
    const previous = await tx.attendance.findUnique({ where: { meetingId_personId: { meetingId, personId } } });
    running = log.meeting.meetingState === 'RUNNING';
    const time = at ?? (running ? new Date() : null);
    const arriving = status === 'PRESENT';
    const leaving = !arriving && previous?.status === 'PRESENT';
    const data = {
      status,
      role: role ?? previous?.role ?? (substituteForId ? 'SUBSTITUTE' : membershipRole!),
      substituteForId: substituteForId ?? previous?.substituteForId ?? null,
      ...(arriving ? { arrivedAt: running || at ? time : previous?.arrivedAt, leftAt: null } : {}),
      ...(leaving ? { leftAt: time } : {}),
    };
    const attendance = await tx.attendance.upsert({
      where: { meetingId_personId: { meetingId, personId } },
      create: { meetingId, personId, ...data },
      update: data,
    });
    await log.append({ kind: 'AttendanceChanged', payload: { attendanceId: attendance.id } });
    return attendance;
  });
  if (running) quorum.attendanceChanged(meetingId);
  return attendance;
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
    const entries = await tx.attendance.findMany({ where: { meetingId, personId: { in: ids } }, select: { personId: true, status: true } });
    const status = new Map(entries.map((entry) => [entry.personId, entry.status]));
    const newcomers = ids.filter((id) => !status.has(id));
    const returning = ids.filter((id) => status.has(id) && status.get(id) !== 'PRESENT');
    const roles = await defaultRoles(tx, meetingId, newcomers);
    await tx.attendance.createMany({ data: newcomers.map((personId) => ({ meetingId, personId, role: roles.get(personId)!, status: 'PRESENT' as const, arrivedAt: time })) });
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
