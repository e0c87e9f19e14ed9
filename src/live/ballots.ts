// A member's ballot in a named vote. Who may vote, and for which seat, is domain logic and lives
// here (src/rules/quorum.ts): a member votes once for their seat, a substitute for the seat of
// the member replaced, and the seat votes once (unique index), so the two can never both vote.
//
// Ballots of one vote are cast in parallel: a ballot takes neither the meeting lock nor a place
// in the event log (subscribers learn the count from ./tally.ts). It is one statement that inserts only while the vote is open and holds the
// vote row FOR SHARE while it does; closing takes the same row FOR UPDATE (./votes.ts), so a
// ballot either commits before the close counts, or sees the vote closed and is refused.
import type { BallotChoice } from '../generated/prisma/enums.js';
import { ApiError, invalidState } from '../errors.js';
import { seatOfVoter } from '../rules/quorum.js';
import type { LiveDependencies } from './event-log.js';
import type { Tallies } from './tally.js';
import { requireOpen, voteWithMeeting } from './votes.js';

/** The person votes in an open named vote, once. */
export async function castBallot(live: LiveDependencies, tallies: Tallies, personId: string, voteId: string, choice: BallotChoice): Promise<{ id: string }> {
  const vote = requireOpen(await voteWithMeeting(live.prisma, voteId));
  const { meetingId } = vote.agendaItem;
  if (vote.kind !== 'NAMED') throw invalidState('Ballots are cast in named votes only; a show of hands is counted by the clerk.');
  const seatPersonId = await seatOfVoter(live.prisma, meetingId, personId);
  // Nothing is inserted when the vote has closed since the check above, or when the person or
  // the seat has voted (one ballot per person and seat: the unique indexes).
  const [ballot] = await live.prisma.$queryRaw<{ id: string }[]>`
    INSERT INTO "Ballot" (id, "voteId", "personId", "seatPersonId", choice)
    SELECT gen_random_uuid(), id, ${personId}::uuid, ${seatPersonId}::uuid, ${choice}::"BallotChoice"
    FROM "Vote" WHERE id = ${voteId}::uuid AND state = 'OPEN' FOR SHARE
    ON CONFLICT DO NOTHING
    RETURNING id::text AS id`;
  if (!ballot) {
    const [now, own] = await Promise.all([live.prisma.vote.findUniqueOrThrow({ where: { id: voteId }, select: { state: true } }), live.prisma.ballot.count({ where: { voteId, personId } })]);
    requireOpen(now);
    throw own
      ? new ApiError('ALREADY_VOTED', 'You have voted in this vote already.')
      : new ApiError('NOT_ENTITLED', 'The seat you would vote for has voted already (member and substitute vote once).');
  }
  tallies.ballotCast(voteId);
  return ballot;
}
