// Tally progress of named votes. A ballot appends no event (./ballots.ts); instead each instance
// announces, at most every TALLY_INTERVAL_MS per vote, how many ballots the vote has so far, as a
// BallotsCounted event: counted from the Ballot table, so that the ballots cast on every instance
// are in it, and skipped when the vote has closed (VoteClosed says the rest) or when the count is
// the one announced last (by any instance). However many members vote at once, subscribers get
// a few events per second, and the log stays gapless: a BallotsCounted is an ordinary event.
// The split of a named vote is never in it: it is published when the vote closes.
import { quorumOf } from '../rules/quorum.js';
import { Coalescer } from './coalesce.js';
import { LRUCache } from 'lru-cache';
import type { Prisma } from '../generated/prisma/client.js';
import { changeMeeting, type LiveDependencies } from './event-log.js';
import { parseEvent } from './events.js';

export const TALLY_INTERVAL_MS = 200;

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
// the vote is not read again, and its state, count and the count announced last are one query
// under the lock.
async function announceTally(live: LiveDependencies, { id: voteId, agendaItemId, meetingId }: CountedVote) {
  // Who may vote: the seats taken by members present (outside the lock: it reads every seat; not
  // while awaiting the lock either: the embedded database has one connection, which the lock holds).
  const { present: eligible } = await quorumOf(live.prisma, meetingId);
  await changeMeeting(live, meetingId, async (tx, log) => {
    // Under the meeting lock, which closeVote holds too: not closed meanwhile.
    const [now] = await tx.$queryRaw<{ open: boolean; ballotsCast: number; announced: Prisma.JsonValue }[]>`
      SELECT state = 'OPEN' AS open,
        (SELECT count(*)::int FROM "Ballot" WHERE "voteId" = ${voteId}::uuid) AS "ballotsCast",
        (SELECT payload FROM "MeetingEvent" WHERE "meetingId" = ${meetingId}::uuid AND kind = 'BallotsCounted' ORDER BY sequence DESC LIMIT 1) AS announced
      FROM "Vote" WHERE id = ${voteId}::uuid`;
    if (!now?.open) return;
    const announced = now.announced === null ? undefined : parseEvent('BallotsCounted', now.announced);
    if (announced?.kind === 'BallotsCounted' && announced.payload.voteId === voteId && announced.payload.ballotsCast === now.ballotsCast) return;
    await log.append({ kind: 'BallotsCounted', payload: { voteId, agendaItemId, ballotsCast: now.ballotsCast, eligible } });
  });
}

export function createTallies(live: LiveDependencies): Tallies & { close(): Promise<void> } {
  // The votes being counted, for the coalesced runs (bounded: a closed vote is simply forgotten).
  const votes = new LRUCache<string, CountedVote>({ max: 1000 });
  const coalescer = new Coalescer(TALLY_INTERVAL_MS, (voteId) => announceTally(live, votes.get(voteId)!));
  return {
    ballotCast: (vote) => {
      votes.set(vote.id, vote);
      coalescer.request(vote.id);
    },
    close: () => coalescer.close(),
  };
}
