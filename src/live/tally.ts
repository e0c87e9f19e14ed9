// Tally progress of named votes. A ballot appends no event (./ballots.ts); instead each instance
// announces, at most every TALLY_INTERVAL_MS per vote, how many ballots the vote has so far, as a
// BallotsCounted event: counted from the Ballot table, so that the ballots cast on every instance
// are in it, and skipped when the vote has closed (VoteClosed says the rest) or when the count is
// the one announced last (by any instance). However many members vote at once, subscribers get
// a few events per second, and the log stays gapless: a BallotsCounted is an ordinary event.
// The split of a named vote is never in it: it is published when the vote closes.
import { quorumOf } from '../rules/quorum.js';
import { Coalescer } from './coalesce.js';
import { Prisma } from '../generated/prisma/client.js';
import { changeMeeting, type LiveDependencies } from './event-log.js';
import { parseEvent } from './events.js';

export const TALLY_INTERVAL_MS = 150;

/** The vote whose ballots were counted: what never changes about it (read once by the ballot box). */
export interface CountedVote {
  id: string;
  agendaItemId: string;
  meetingId: string;
}

/** Where castBallot reports a ballot. */
export interface Tallies {
  ballotCast(vote: CountedVote): void;
}

// Few round trips, as it runs while a burst keeps the event loop busy and each one waits its turn:
// the vote is not read again, and its state, count, the count announced last and the quorum
// stated last are read with the meeting lock, in its statement.
async function announceTally(live: LiveDependencies, { id: voteId, agendaItemId, meetingId }: CountedVote) {
  await changeMeeting(
    live,
    meetingId,
    async (tx, log) => {
      // Under the meeting lock, which closeVote holds too: not closed meanwhile.
      const now = log.read as { open: boolean; ballotsCast: number; announced: Prisma.JsonValue; stated: Prisma.JsonValue; statedIsCurrent: boolean } | null;
      if (!now?.open) return;
      const announced = now.announced === null ? undefined : parseEvent('BallotsCounted', now.announced);
      if (announced?.kind === 'BallotsCounted' && announced.payload.voteId === voteId && announced.payload.ballotsCast === now.ballotsCast) return;
      // Who may vote: the seats taken by members present, as the quorum was stated last, unless
      // attendance changed since (the restatement is still to come): then counted now.
      const stated = now.statedIsCurrent && now.stated !== null ? parseEvent('QuorumChanged', now.stated) : undefined;
      const eligible = stated?.kind === 'QuorumChanged' ? stated.payload.present : (await quorumOf(tx, meetingId)).present;
      await log.append({ kind: 'BallotsCounted', payload: { voteId, agendaItemId, ballotsCast: now.ballotsCast, eligible } });
    },
    Prisma.sql`
      SELECT json_build_object(
        'open', state = 'OPEN',
        'ballotsCast', (SELECT count(*) FROM "Ballot" WHERE "voteId" = ${voteId}::uuid),
        'announced', (SELECT payload FROM "MeetingEvent" WHERE "meetingId" = ${meetingId}::uuid AND kind = 'BallotsCounted' ORDER BY sequence DESC LIMIT 1),
        'stated', stated.payload,
        'statedIsCurrent', stated.sequence > coalesce((
          SELECT max(sequence) FROM "MeetingEvent" WHERE "meetingId" = ${meetingId}::uuid AND kind IN ('AttendanceChanged', 'PresenceRecorded') AND sequence > stated.sequence
        ), 0))
      FROM "Vote" LEFT JOIN LATERAL (
        SELECT payload, sequence FROM "MeetingEvent" WHERE "meetingId" = ${meetingId}::uuid AND kind = 'QuorumChanged' ORDER BY sequence DESC LIMIT 1
      ) AS stated ON true
      WHERE id = ${voteId}::uuid`,
  );
}

export function createTallies(live: LiveDependencies): Tallies & { close(): Promise<void> } {
  // Per vote; the run gets the vote as the ballot box keeps it, so nothing else keeps it.
  const coalescer = new Coalescer<CountedVote>(TALLY_INTERVAL_MS, (vote) => announceTally(live, vote), (vote) => vote.id);
  return {
    ballotCast: (vote) => coalescer.request(vote),
    close: () => coalescer.close(),
  };
}
