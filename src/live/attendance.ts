// Who is at the meeting: arrivals, departures and excuses as they happen, and corrections of
// mistaken entries. While the meeting runs, every change that moves the quorum states it anew.
import type { Prisma } from '../generated/prisma/client.js';
import type { AttendanceRole, AttendanceStatus } from '../generated/prisma/enums.js';
import { badInput, notFound } from '../errors.js';
import { quorumOf, SUBSTITUTE_ROLE, type Quorum } from '../rules/quorum.js';
import { changeMeeting, type LiveDependencies, type MeetingLog } from './event-log.js';
import { announceQuorum, requireNotFinished } from './meeting-state.js';

type Tx = Prisma.TransactionClient;

/** Attendance counts for the quorum only while the meeting runs; before, it is the roll. */
async function attendanceChanged(tx: Tx, log: MeetingLog, attendanceId: string, before: Quorum) {
  await log.append({ kind: 'AttendanceChanged', payload: { attendanceId } });
  if (log.meeting.meetingState === 'RUNNING') await announceQuorum(tx, log, before);
}

/** The role at the meeting follows from the membership, unless the clerk names it. */
async function defaultRole(tx: Tx, meetingId: string, personId: string, substituteForId: string | null | undefined): Promise<AttendanceRole> {
  if (substituteForId) return 'SUBSTITUTE';
  const membership = await tx.membership.findFirst({
    where: { personId, deleted: false, organization: { meetings: { some: { meetingId } } } },
    orderBy: { votingRight: 'desc' },
    select: { role: true, votingRight: true },
  });
  if (!membership) return 'GUEST';
  if (membership.role === 'Vorsitz') return 'CHAIR';
  if (membership.role === SUBSTITUTE_ROLE) return 'SUBSTITUTE';
  return membership.votingRight ? 'MEMBER' : 'ADMINISTRATION';
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
export function recordAttendance(live: LiveDependencies, { meetingId, personId, status, substituteForId, role, at }: Arrival) {
  if (substituteForId === personId) throw badInput('A person cannot substitute for themselves.', 'substituteForId');
  return changeMeeting(live, meetingId, async (tx, log) => {
    requireNotFinished(log.meeting);
    const ids = [personId, ...(substituteForId ? [substituteForId] : [])];
    if ((await tx.person.count({ where: { id: { in: ids }, deleted: false } })) !== ids.length) throw notFound('Person');
    const before = await quorumOf(tx, meetingId);
    const previous = await tx.attendance.findUnique({ where: { meetingId_personId: { meetingId, personId } } });
    const running = log.meeting.meetingState === 'RUNNING';
    const time = at ?? (running ? new Date() : null);
    const arriving = status === 'PRESENT';
    const leaving = !arriving && previous?.status === 'PRESENT';
    const data = {
      status,
      role: role ?? previous?.role ?? (await defaultRole(tx, meetingId, personId, substituteForId)),
      substituteForId: substituteForId ?? previous?.substituteForId ?? null,
      ...(arriving ? { arrivedAt: running || at ? time : previous?.arrivedAt, leftAt: null } : {}),
      ...(leaving ? { leftAt: time } : {}),
    };
    const attendance = await tx.attendance.upsert({
      where: { meetingId_personId: { meetingId, personId } },
      create: { meetingId, personId, ...data },
      update: data,
    });
    await attendanceChanged(tx, log, attendance.id, before);
    return attendance;
  });
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
export async function correctAttendance(live: LiveDependencies, attendanceId: string, correction: AttendanceCorrection) {
  const existing = await live.prisma.attendance.findUnique({ where: { id: attendanceId }, select: { meetingId: true, personId: true } });
  if (!existing) throw notFound('Attendance');
  if (correction.substituteForId === existing.personId) throw badInput('A person cannot substitute for themselves.', 'substituteForId');
  return changeMeeting(live, existing.meetingId, async (tx, log) => {
    const before = await quorumOf(tx, existing.meetingId);
    const attendance = await tx.attendance.update({ where: { id: attendanceId }, data: correction });
    await attendanceChanged(tx, log, attendanceId, before);
    return attendance;
  });
}
