// What a change of a running meeting checks and states about the meeting as a whole: guards on
// the state of the locked meeting, and the quorum, stated again whenever it moves. Attendance
// changes do not recount the quorum each (a recount reads every seat): they ask for a
// restatement, and the requests of an instance are folded into one per QUORUM_INTERVAL_MS
// (./coalesce.ts), so that 2,000 arrivals cost a few recounts, not 2,000.
import type { Prisma } from '../generated/prisma/client.js';
import { invalidState } from '../errors.js';
import { quorumFrom, quorumOf, type Quorum } from '../rules/quorum.js';
import { Coalescer } from './coalesce.js';
import { changeMeeting, lastEventOf, type LiveDependencies, type LockedMeeting, type MeetingLog } from './event-log.js';

export function requireRunning(meeting: LockedMeeting) {
  if (meeting.meetingState !== 'RUNNING') throw invalidState(`The meeting is ${meeting.meetingState.toLowerCase()}, not running.`);
}

export function requireNotFinished(meeting: LockedMeeting) {
  if (meeting.meetingState === 'FINISHED' || meeting.cancelled) throw invalidState('The meeting has ended or was cancelled.');
}

/** States the quorum when it differs from `before` (always, without `before`). */
export async function announceQuorum(tx: Prisma.TransactionClient, log: MeetingLog, before: Quorum | null) {
  const quorum = await quorumOf(tx, log.meeting.id);
  if (before && before.present === quorum.present && before.seats === quorum.seats) return;
  await log.append({ kind: 'QuorumChanged', payload: { present: quorum.present, seats: quorum.seats } });
}

/**
 * States the quorum of a running meeting if it differs from the last statement: recounted under
 * the meeting lock, which every attendance change takes, so that the last restatement after a
 * change (by any instance) states the quorum as it is.
 */
function restateQuorum(live: LiveDependencies, meetingId: string) {
  return changeMeeting(live, meetingId, async (tx, log) => {
    if (log.meeting.meetingState !== 'RUNNING') return;
    const stated = (await lastEventOf(tx, meetingId, 'QuorumChanged'))?.payload;
    await announceQuorum(tx, log, stated ? quorumFrom(stated.present, stated.seats) : null);
  });
}

export const QUORUM_INTERVAL_MS = 200;

/** Where attendance changes ask for the quorum to be stated again (after their commit). */
export interface QuorumStatements {
  attendanceChanged(meetingId: string): void;
}

export function createQuorumStatements(live: LiveDependencies): QuorumStatements & { close(): Promise<void> } {
  const coalescer = new Coalescer(QUORUM_INTERVAL_MS, (meetingId) => restateQuorum(live, meetingId));
  return { attendanceChanged: (meetingId) => coalescer.request(meetingId), close: () => coalescer.close() };
}
