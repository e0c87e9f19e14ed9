// The mutations of votes: the clerk opens and closes them and records the counts of a show of
// hands; members cast their ballots. Each parses its arguments, calls the command of the live
// layer (src/live/votes.ts, src/live/ballots.ts) and selects from the result.
import { badInput } from '../errors.js';
import { closeVote, openVote, recordVoteCounts, type Show } from '../live/votes.js';
import { isUnanimous } from '../rules/vote-result.js';
import { builder } from './builder.js';
import { mutation } from './descriptions.js';
import { idOf } from '../global-id.js';
import { liveOf } from './live-meeting.js';
import { nonNegative, requiredText } from './validate.js';
import { Ballot, BallotChoice, VoteKind } from './vote.js';

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
    description: mutation('Opens a vote on the current item of a running meeting. One vote is open at a time.', ['NOT_FOUND', 'INVALID_STATE']),
    args: {
      agendaItemId: t.arg.id({ required: true, description: 'The current (running) item.' }),
      subject: t.arg.string({ required: true, description: 'What is voted on, e.g. "Beschlussvorschlag der Verwaltung".' }),
      kind: t.arg({ type: VoteKind, required: true, description: 'Show of hands or named vote.' }),
    },
    resolve: async (query, _root, args, ctx) => {
      const agendaItemId = idOf(args.agendaItemId, 'AgendaItem', 'agendaItemId');
      const { id } = await openVote(liveOf(ctx), agendaItemId, { subject: requiredText(args.subject, 'subject'), kind: args.kind });
      return ctx.prisma.vote.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
  castBallot: t.field({
    type: Ballot,
    description: mutation(
      'The signed-in member votes in an open named vote, once; a substitute votes for the member replaced, and each seat votes once.',
      ['NOT_FOUND', 'INVALID_STATE', 'VOTE_CLOSED', 'ALREADY_VOTED', 'NOT_ENTITLED'],
      'Signed-in persons (a token naming a Person); NOT_ENTITLED unless a voting member present.',
    ),
    // The one write members make; whether this person may vote here is decided by the command.
    skipTypeScopes: true,
    authScopes: { person: true },
    args: {
      voteId: t.arg.id({ required: true, description: 'An open named vote.' }),
      choice: t.arg({ type: BallotChoice, required: true, description: 'Yes, no or abstain.' }),
    },
    // The ballot as the batch stored it, not read again (a burst of 2,000 would queue 2,000 reads
    // in the pool); relations asked for are loaded by the Prisma plugin, batched.
    resolve: (_root, args, ctx) => {
      const personId = ctx.viewer.personId!; // the person scope above
      return ctx.services.live.ballots.cast(personId, idOf(args.voteId, 'Vote', 'voteId'), args.choice);
    },
  }),
  recordVoteCounts: t.prismaField({
    type: 'Vote',
    description: mutation(
      'The clerk records a show of hands: all three counts, or just `unanimous` as minutes often do. The counts may not exceed the voting members present.',
      ['NOT_FOUND', 'INVALID_STATE', 'VOTE_CLOSED'],
    ),
    args: {
      voteId: t.arg.id({ required: true, description: 'An open counted vote.' }),
      yes: t.arg.int({ description: 'Yes votes, 0 or more; with no and abstain.' }),
      no: t.arg.int({ description: 'No votes, 0 or more; with yes and abstain.' }),
      abstain: t.arg.int({ description: 'Abstentions, 0 or more; with yes and no.' }),
      unanimous: t.arg.boolean({ description: 'Every valid vote was yes; must agree with the counts when both are given.' }),
    },
    resolve: async (query, _root, args, ctx) => {
      const voteId = idOf(args.voteId, 'Vote', 'voteId');
      const { id } = await recordVoteCounts(liveOf(ctx), voteId, showOf(args));
      return ctx.prisma.vote.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
  closeVote: t.prismaField({
    type: 'Vote',
    description: mutation(
      'Closes the vote and computes its result; the split of a named vote is published now. A counted vote needs its counts (or unanimous) first.',
      ['NOT_FOUND', 'INVALID_STATE', 'VOTE_CLOSED'],
    ),
    args: { voteId: t.arg.id({ required: true, description: 'The open vote.' }) },
    resolve: async (query, _root, args, ctx) => {
      const { id } = await closeVote(liveOf(ctx), idOf(args.voteId, 'Vote', 'voteId'));
      return ctx.prisma.vote.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
}));
