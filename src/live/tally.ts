// Tally progress of named votes. A ballot appends no event (./ballots.ts); instead each instance
// announces, at most every TALLY_INTERVAL_MS per vote, how many ballots the vote has so far, as a
// BallotsCounted event: counted from the Ballot table, so that the ballots cast on every instance
// are in it, and skipped when the vote has closed (VoteClosed says the rest) or when the count is
// the one announced last (by any instance). However many members vote at once, subscribers get
// a few events per second, and the log stays gapless: a BallotsCounted is an ordinary event.
// The split of a named vote is never in it: it is published when the vote closes.
import { quorumOf } from '../rules/quorum.js';
import { Coalescer } from './coalesce.js';
import { changeMeeting, lastEventOf, type LiveDependencies } from './event-log.js';

export const TALLY_INTERVAL_MS = 200;

/** Where castBallot reports a ballot. */
export interface Tallies {
  ballotCast(voteId: string): void;
}

async function announceTally(live: LiveDependencies, voteId: string) {
  const vote = await live.prisma.vote.findUniqueOrThrow({ where: { id: voteId }, select: { state: true, agendaItemId: true, agendaItem: { select: { meetingId: true } } } });
  if (vote.state !== 'OPEN') return;
  const { meetingId } = vote.agendaItem;
  // Who may vote: the seats taken by members present (outside the lock: it reads every seat).
  const { present } = await quorumOf(live.prisma, meetingId);
  await changeMeeting(live, meetingId, async (tx, log) => {
    // Under the meeting lock, which closeVote holds too: not closed meanwhile.
    const now = await tx.vote.findUniqueOrThrow({ where: { id: voteId }, select: { state: true, _count: { select: { ballots: true } } } });
    if (now.state !== 'OPEN') return;
    const announced = (await lastEventOf(tx, meetingId, 'BallotsCounted'))?.payload;
    if (announced?.voteId === voteId && announced.ballotsCast === now._count.ballots) return;
    await log.append({ kind: 'BallotsCounted', payload: { voteId, agendaItemId: vote.agendaItemId, ballotsCast: now._count.ballots, eligible: present } });
  });
}

export function createTallies(live: LiveDependencies): Tallies & { close(): Promise<void> } {
  const coalescer = new Coalescer(TALLY_INTERVAL_MS, (voteId) => announceTally(live, voteId));
  return { ballotCast: (voteId) => coalescer.request(voteId), close: () => coalescer.close() };
}
