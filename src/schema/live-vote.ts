// The mutations of votes: the clerk opens and closes them and records the counts of a show of
// hands; members cast their ballots. Each parses its arguments, calls the command of the live
// layer (src/live/votes.ts, src/live/ballots.ts) and selects from the result.
import { badInput } from '../errors.js';
import { castBallot } from '../live/ballots.js';
import { closeVote, openVote, recordVoteCounts, type Show } from '../live/votes.js';
import { isUnanimous } from '../rules/vote-result.js';
import { builder } from './builder.js';
import { idOf } from '../global-id.js';
import { liveOf } from './live-meeting.js';
import { nonNegative, requiredText } from './validate.js';
import { BallotChoice, VoteKind } from './vote.js';

interface ShowArguments {
  yes?: number | null;
  no?: number | null;
  abstain?: number | null;
  unanimous?: boolean | null;
}

/** All three counts (and a `unanimous` that agrees with them), or just `unanimous`. */
function showOf(args: ShowArguments): Show {
  const [yes, no, abstain] = (['yes', 'no', 'abstain'] as const).map((name) => nonNegative(args[name], name));
  if (yes != null && no != null && abstain != null) {
    if (args.unanimous != null && args.unanimous !== isUnanimous({ yes, no })) throw badInput('unanimous contradicts the counts.', 'unanimous');
    return { yes, no, abstain };
  }
  if (yes != null || no != null || abstain != null) throw badInput('Give all three counts (yes, no, abstain), or none.', 'yes');
  if (args.unanimous == null) throw badInput('Give the counts or unanimous.', 'unanimous');
  return { unanimous: args.unanimous };
}

builder.mutationFields((t) => ({
  openVote: t.prismaField({
    type: 'Vote',
    description: 'Opens a vote on the current item. One vote is open at a time.',
    args: { agendaItemId: t.arg.id({ required: true }), subject: t.arg.string({ required: true }), kind: t.arg({ type: VoteKind, required: true }) },
    resolve: async (query, _root, args, ctx) => {
      const agendaItemId = idOf(args.agendaItemId, 'AgendaItem', 'agendaItemId');
      const { id } = await openVote(liveOf(ctx), agendaItemId, { subject: requiredText(args.subject, 'subject'), kind: args.kind });
      return ctx.prisma.vote.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
  castBallot: t.prismaField({
    type: 'Ballot',
    description: 'The signed-in member votes in an open named vote, once.',
    // The one write members make; whether this person may vote here is decided by the command.
    skipTypeScopes: true,
    authScopes: { person: true },
    args: { voteId: t.arg.id({ required: true }), choice: t.arg({ type: BallotChoice, required: true }) },
    resolve: async (query, _root, args, ctx) => {
      const personId = ctx.viewer.personId!; // the person scope above
      const { id } = await castBallot(liveOf(ctx), personId, idOf(args.voteId, 'Vote', 'voteId'), args.choice);
      return ctx.prisma.ballot.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
  recordVoteCounts: t.prismaField({
    type: 'Vote',
    description: 'The clerk records a show of hands: all three counts, or just `unanimous` as minutes often do.',
    args: { voteId: t.arg.id({ required: true }), yes: t.arg.int(), no: t.arg.int(), abstain: t.arg.int(), unanimous: t.arg.boolean() },
    resolve: async (query, _root, args, ctx) => {
      const voteId = idOf(args.voteId, 'Vote', 'voteId');
      const { id } = await recordVoteCounts(liveOf(ctx), voteId, showOf(args));
      return ctx.prisma.vote.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
  closeVote: t.prismaField({
    type: 'Vote',
    description: 'Closes the vote and computes its result; the split of a named vote is published now.',
    args: { voteId: t.arg.id({ required: true }) },
    resolve: async (query, _root, args, ctx) => {
      const { id } = await closeVote(liveOf(ctx), idOf(args.voteId, 'Vote', 'voteId'));
      return ctx.prisma.vote.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
}));
