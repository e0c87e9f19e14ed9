// Votes in a running meeting: the clerk opens and closes them and records the counts of a show
// of hands (a named vote counts its ballots, ./ballots.ts). Results follow § 50 GO NRW
// (src/rules/vote-result.ts).
import { meetingOfItem } from '../agenda/editing.js';
import type { Prisma } from '../generated/prisma/client.js';
import type { VoteKind } from '../generated/prisma/enums.js';
import { ApiError, badInput, invalidState, notFound } from '../errors.js';
import { quorumOf } from '../rules/quorum.js';
import { isUnanimous, resultOf } from '../rules/vote-result.js';
import { changeMeeting, type LiveDependencies } from './event-log.js';

type Tx = Prisma.TransactionClient;

/** The vote with the meeting whose row a change of it locks. */
async function voteWithMeeting(prisma: Tx, voteId: string) {
  const vote = await prisma.vote.findUnique({ where: { id: voteId }, include: { agendaItem: { select: { meetingId: true } } } });
  if (!vote) throw notFound('Vote');
  return vote;
}

const meetingOfVote = async (prisma: Tx, voteId: string) => (await voteWithMeeting(prisma, voteId)).agendaItem.meetingId;

export function requireOpen<V extends { state: string }>(vote: V): V {
  if (vote.state !== 'OPEN') throw new ApiError('VOTE_CLOSED', 'The vote is closed.');
  return vote;
}

/**
 * The vote, locked for a change of its counts or state, read again under the lock: still open?
 * FOR UPDATE waits for the ballots being inserted (they hold the row FOR SHARE, ./ballots.ts)
 * and keeps new ones out until the change commits.
 */
export async function openVoteOf(tx: Tx, voteId: string) {
  await tx.$queryRaw`SELECT 1 FROM "Vote" WHERE id = ${voteId}::uuid FOR UPDATE`;
  return requireOpen(await tx.vote.findUniqueOrThrow({ where: { id: voteId } }));
}

export interface NewVote {
  subject: string;
  kind: VoteKind;
}

/** Opens a vote on the current item. One vote is open at a time. */
export async function openVote(live: LiveDependencies, agendaItemId: string, { subject, kind }: NewVote) {
  const meetingId = await meetingOfItem(live.prisma, agendaItemId);
  return changeMeeting(live, meetingId, async (tx, log) => {
    const { state } = await tx.agendaItem.findUniqueOrThrow({ where: { id: agendaItemId }, select: { state: true } });
    if (log.meeting.meetingState !== 'RUNNING' || state !== 'RUNNING') throw invalidState('Votes are taken on the current item of a running meeting.');
    if (await tx.vote.count({ where: { state: 'OPEN', agendaItem: { meetingId } } })) throw invalidState('Another vote is still open.');
    const vote = await tx.vote.create({ data: { agendaItemId, subject, kind, openedAt: new Date() } });
    await log.append({ kind: 'VoteOpened', payload: { voteId: vote.id, agendaItemId } });
    return vote;
  });
}

/** A show of hands: all three counts, or only whether it was unanimous. */
export type Show = { yes: number; no: number; abstain: number } | { unanimous: boolean };

/** The clerk records a show of hands, no more hands than voting members present. */
export async function recordVoteCounts(live: LiveDependencies, voteId: string, show: Show) {
  return changeMeeting(live, await meetingOfVote(live.prisma, voteId), async (tx, log) => {
    const vote = await openVoteOf(tx, voteId);
    if (vote.kind !== 'COUNTED') throw invalidState('The counts of a named vote come from its ballots.');
    if ('yes' in show) {
      const { present } = await quorumOf(tx, log.meeting.id);
      if (show.yes + show.no + show.abstain > present) throw badInput(`The counts exceed the ${present} voting members present.`, 'yes');
    }
    const updated = await tx.vote.update({
      where: { id: voteId },
      data: 'yes' in show ? { ...show, unanimous: isUnanimous(show) } : { yes: null, no: null, abstain: null, unanimous: show.unanimous },
    });
    await log.append({ kind: 'VoteTallyChanged', payload: { voteId, agendaItemId: vote.agendaItemId } });
    return updated;
  });
}

/** Closes the vote and computes its result; the split of a named vote is published now. */
export async function closeVote(live: LiveDependencies, voteId: string) {
  return changeMeeting(live, await meetingOfVote(live.prisma, voteId), async (tx, log) => {
    const vote = await openVoteOf(tx, voteId);
    let outcome: Prisma.VoteUpdateInput;
    if (vote.kind === 'NAMED') {
      const groups = await tx.ballot.groupBy({ by: ['choice'], where: { voteId }, _count: { _all: true } });
      const count = (choice: string) => groups.find((group) => group.choice === choice)?._count._all ?? 0;
      const tally = { yes: count('YES'), no: count('NO'), abstain: count('ABSTAIN') };
      outcome = { ...tally, unanimous: isUnanimous(tally), result: resultOf(tally) };
    } else if (vote.yes !== null && vote.no !== null) {
      outcome = { result: resultOf({ yes: vote.yes, no: vote.no }) };
    } else if (vote.unanimous !== null) {
      // "einstimmig angenommen" without counts: unanimous means adopted; not unanimous says nothing.
      if (!vote.unanimous) throw invalidState('Record the counts before closing a vote that was not unanimous.');
      outcome = { result: 'ADOPTED' };
    } else {
      throw invalidState('Record the counts before closing the vote.');
    }
    const closed = await tx.vote.update({ where: { id: voteId }, data: { ...outcome, state: 'CLOSED', closedAt: new Date() } });
    await log.append({ kind: 'VoteClosed', payload: { voteId, agendaItemId: vote.agendaItemId } });
    return closed;
  });
}
