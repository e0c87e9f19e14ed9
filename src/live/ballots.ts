// A member's ballot in a named vote. Who may vote, and for which seat, is domain logic and lives
// here (src/rules/quorum.ts): a member votes once for their seat, a substitute for the seat of
// the member replaced, and the seat votes once (unique index), so the two can never both vote.
import { Prisma } from '../generated/prisma/client.js';
import type { BallotChoice } from '../generated/prisma/enums.js';
import { ApiError, invalidState } from '../errors.js';
import { seatOfVoter } from '../rules/quorum.js';
import { changeMeeting, type LiveDependencies } from './event-log.js';
import { openVoteOf, requireOpen, voteWithMeeting } from './votes.js';

const isUniqueViolation = (error: unknown) => error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002';

/** The person votes in an open named vote, once. */
export async function castBallot(live: LiveDependencies, personId: string, voteId: string, choice: BallotChoice) {
  const vote = requireOpen(await voteWithMeeting(live.prisma, voteId));
  const { meetingId } = vote.agendaItem;
  if (vote.kind !== 'NAMED') throw invalidState('Ballots are cast in named votes only; a show of hands is counted by the clerk.');
  // Who may vote is read before the meeting lock, so that concurrent ballots queue only for
  // the writes that must be serialized; the unique seat index still allows one ballot per
  // seat, and whether the vote is still open is read again under the lock.
  const seatPersonId = await seatOfVoter(live.prisma, meetingId, personId);
  try {
    return await changeMeeting(live, meetingId, async (tx, log) => {
      await openVoteOf(tx, voteId);
      const ballot = await tx.ballot.create({ data: { voteId, personId, seatPersonId, choice } });
      await log.append({ kind: 'VoteTallyChanged', payload: { voteId, agendaItemId: vote.agendaItemId } });
      return ballot;
    });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    // Either this person voted already, or the seat they would vote for has been voted for.
    const own = await live.prisma.ballot.count({ where: { voteId, personId } });
    throw own
      ? new ApiError('ALREADY_VOTED', 'You have voted in this vote already.')
      : new ApiError('NOT_ENTITLED', 'The seat you would vote for has voted already (member and substitute vote once).');
  }
}
