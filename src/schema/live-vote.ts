// Votes in a running meeting: the clerk opens and closes them and records the counts of a show
// of hands; in a named vote each member casts their own ballot. Results follow § 50 GO NRW
// (src/rules/vote-result.ts); who may vote follows src/rules/quorum.ts.
import { Prisma } from '../generated/prisma/client.js';
import { ApiError, badInput, invalidState, notFound } from '../errors.js';
import { changeMeeting, meetingOfItem } from '../live/event-log.js';
import { quorumOf, seatOfVoter } from '../rules/quorum.js';
import { isUnanimous, resultOf } from '../rules/vote-result.js';
import { builder } from './builder.js';
import { idOf } from './ids.js';
import { nonNegative, requiredText } from './validate.js';
import { BallotChoice, VoteKind } from './vote.js';

type Tx = Prisma.TransactionClient;

const voteClosed = () => new ApiError('VOTE_CLOSED', 'The vote is closed.');

/** The vote with the meeting whose row a change of it locks. */
async function voteWithMeeting(prisma: Tx, voteId: string) {
  const vote = await prisma.vote.findUnique({ where: { id: voteId }, include: { agendaItem: { select: { meetingId: true } } } });
  if (!vote) throw notFound('Vote');
  return vote;
}

const meetingOfVote = async (prisma: Tx, voteId: string) => (await voteWithMeeting(prisma, voteId)).agendaItem.meetingId;

function requireOpen<V extends { state: string }>(vote: V): V {
  if (vote.state !== 'OPEN') throw voteClosed();
  return vote;
}

const openVoteOf = async (tx: Tx, voteId: string) => requireOpen(await tx.vote.findUniqueOrThrow({ where: { id: voteId } }));

const isUniqueViolation = (error: unknown) => error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002';

builder.mutationFields((t) => ({
  openVote: t.prismaField({
    type: 'Vote',
    description: 'Opens a vote on the current item. One vote is open at a time.',
    args: { agendaItemId: t.arg.id({ required: true }), subject: t.arg.string({ required: true }), kind: t.arg({ type: VoteKind, required: true }) },
    resolve: async (query, _root, args, ctx) => {
      const agendaItemId = idOf(args.agendaItemId, 'AgendaItem', 'agendaItemId');
      const subject = requiredText(args.subject, 'subject');
      const meetingId = await meetingOfItem(ctx.prisma, agendaItemId);
      return changeMeeting(ctx, meetingId, async (tx, log) => {
        const { state } = await tx.agendaItem.findUniqueOrThrow({ where: { id: agendaItemId }, select: { state: true } });
        if (log.meeting.meetingState !== 'RUNNING' || state !== 'RUNNING') throw invalidState('Votes are taken on the current item of a running meeting.');
        if (await tx.vote.count({ where: { state: 'OPEN', agendaItem: { meetingId } } })) throw invalidState('Another vote is still open.');
        const vote = await tx.vote.create({ ...query, data: { agendaItemId, subject, kind: args.kind, openedAt: new Date() } });
        await log.append('VoteOpened', { voteId: vote.id, agendaItemId });
        return vote;
      });
    },
  }),
  castBallot: t.prismaField({
    type: 'Ballot',
    description: 'The signed-in member votes in an open named vote, once.',
    // The one write members make; whether this person may vote here is decided below.
    skipTypeScopes: true,
    authScopes: { person: true },
    args: { voteId: t.arg.id({ required: true }), choice: t.arg({ type: BallotChoice, required: true }) },
    resolve: async (query, _root, args, ctx) => {
      const personId = ctx.viewer.personId!; // the person scope above
      const voteId = idOf(args.voteId, 'Vote', 'voteId');
      const vote = requireOpen(await voteWithMeeting(ctx.prisma, voteId));
      const { meetingId } = vote.agendaItem;
      if (vote.kind !== 'NAMED') throw invalidState('Ballots are cast in named votes only; a show of hands is counted by the clerk.');
      // Who may vote is read before the meeting lock, so that concurrent ballots queue only for
      // the writes that must be serialized; the unique seat index still allows one ballot per
      // seat, and whether the vote is still open is read again under the lock.
      const seatPersonId = await seatOfVoter(ctx.prisma, meetingId, personId);
      try {
        return await changeMeeting(ctx, meetingId, async (tx, log) => {
          await openVoteOf(tx, voteId);
          const ballot = await tx.ballot.create({ ...query, data: { voteId, personId, seatPersonId, choice: args.choice } });
          await log.append('VoteTallyChanged', { voteId, agendaItemId: vote.agendaItemId });
          return ballot;
        });
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
        // Either this person voted already, or the seat they would vote for has been voted for.
        const own = await ctx.prisma.ballot.count({ where: { voteId, personId } });
        throw own
          ? new ApiError('ALREADY_VOTED', 'You have voted in this vote already.')
          : new ApiError('NOT_ENTITLED', 'The seat you would vote for has voted already (member and substitute vote once).');
      }
    },
  }),
  recordVoteCounts: t.prismaField({
    type: 'Vote',
    description: 'The clerk records a show of hands: all three counts, or just `unanimous` as minutes often do.',
    args: { voteId: t.arg.id({ required: true }), yes: t.arg.int(), no: t.arg.int(), abstain: t.arg.int(), unanimous: t.arg.boolean() },
    resolve: async (query, _root, args, ctx) => {
      const voteId = idOf(args.voteId, 'Vote', 'voteId');
      const counts = [args.yes, args.no, args.abstain].map((value, index) => nonNegative(value, ['yes', 'no', 'abstain'][index]));
      const given = counts.filter((value) => value !== null && value !== undefined).length;
      if (given !== 0 && given !== 3) throw badInput('Give all three counts (yes, no, abstain), or none.', 'yes');
      if (given === 0 && args.unanimous == null) throw badInput('Give the counts or unanimous.', 'unanimous');
      const [yes, no, abstain] = counts as (number | null)[];
      if (given && args.unanimous != null && args.unanimous !== isUnanimous({ yes: yes!, no: no! })) {
        throw badInput('unanimous contradicts the counts.', 'unanimous');
      }
      return changeMeeting(ctx, await meetingOfVote(ctx.prisma, voteId), async (tx, log) => {
        const vote = await openVoteOf(tx, voteId);
        if (vote.kind !== 'COUNTED') throw invalidState('The counts of a named vote come from its ballots.');
        if (given) {
          const { present } = await quorumOf(tx, log.meeting.id);
          if (yes! + no! + abstain! > present) throw badInput(`The counts exceed the ${present} voting members present.`, 'yes');
        }
        const updated = await tx.vote.update({
          ...query,
          where: { id: voteId },
          data: given ? { yes, no, abstain, unanimous: isUnanimous({ yes: yes!, no: no! }) } : { yes: null, no: null, abstain: null, unanimous: args.unanimous },
        });
        await log.append('VoteTallyChanged', { voteId, agendaItemId: vote.agendaItemId });
        return updated;
      });
    },
  }),
  closeVote: t.prismaField({
    type: 'Vote',
    description: 'Closes the vote and computes its result; the split of a named vote is published now.',
    args: { voteId: t.arg.id({ required: true }) },
    resolve: async (query, _root, args, ctx) => {
      const voteId = idOf(args.voteId, 'Vote', 'voteId');
      return changeMeeting(ctx, await meetingOfVote(ctx.prisma, voteId), async (tx, log) => {
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
        const closed = await tx.vote.update({ ...query, where: { id: voteId }, data: { ...outcome, state: 'CLOSED', closedAt: new Date() } });
        await log.append('VoteClosed', { voteId, agendaItemId: vote.agendaItemId });
        return closed;
      });
    },
  }),
}));
