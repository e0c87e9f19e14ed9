// What a change of a running meeting checks and states about the meeting as a whole: guards on
// the state of the locked meeting, and the quorum, stated again whenever it moves.
import type { Prisma } from '../generated/prisma/client.js';
import { invalidState } from '../errors.js';
import { quorumOf, type Quorum } from '../rules/quorum.js';
import type { LockedMeeting, MeetingLog } from './event-log.js';

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
