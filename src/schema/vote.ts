import { BallotChoice as BallotChoiceValues, VoteKind as VoteKindValues, VoteResult as VoteResultValues, VoteState as VoteStateValues } from '../generated/prisma/enums.js';
import { builder } from './builder.js';

export const VoteKind = builder.enumType(VoteKindValues, { name: 'VoteKind', description: 'COUNTED: show of hands; NAMED: ballots per person.' });
export const VoteState = builder.enumType(VoteStateValues, { name: 'VoteState' });
export const VoteResult = builder.enumType(VoteResultValues, { name: 'VoteResult' });
export const BallotChoice = builder.enumType(BallotChoiceValues, { name: 'BallotChoice' });

/**
 * A vote on an agenda item. Counts may be unknown (the seed records only "einstimmig
 * angenommen"). While a named vote is open only the number of ballots cast is public.
 */
export const Ballot = builder.prismaNode('Ballot', {
  id: { field: 'id' },
  fields: (t) => ({
    vote: t.relation('vote'),
    person: t.relation('person'),
    choice: t.expose('choice', { type: BallotChoice }),
    castAt: t.expose('castAt', { type: 'DateTime' }),
  }),
});

/** A person id that matches no ballot, for anonymous viewers. */
const NOBODY = '00000000-0000-0000-0000-000000000000';

export const Vote = builder.prismaNode('Vote', {
  id: { field: 'id' },
  fields: (t) => ({
    agendaItem: t.relation('agendaItem'),
    subject: t.exposeString('subject'),
    kind: t.expose('kind', { type: VoteKind }),
    state: t.expose('state', { type: VoteState }),
    yes: t.int({ nullable: true, select: { state: true, yes: true }, resolve: (vote) => (vote.state === 'CLOSED' ? vote.yes : null) }),
    no: t.int({ nullable: true, select: { state: true, no: true }, resolve: (vote) => (vote.state === 'CLOSED' ? vote.no : null) }),
    abstain: t.int({ nullable: true, select: { state: true, abstain: true }, resolve: (vote) => (vote.state === 'CLOSED' ? vote.abstain : null) }),
    unanimous: t.exposeBoolean('unanimous', { nullable: true }),
    result: t.expose('result', { type: VoteResult, nullable: true }),
    ballotsCast: t.relationCount('ballots', { description: 'Ballots cast so far (named votes).' }),
    myBallot: t.field({
      type: Ballot,
      nullable: true,
      description: "The signed-in member's own ballot in this vote, if cast.",
      select: (_args, ctx, nestedSelection) => ({
        ballots: { where: { personId: ctx.viewer.personId ?? NOBODY }, take: 1, ...nestedSelection(true) },
      }),
      resolve: (vote) => vote.ballots[0] ?? null,
    }),
    openedAt: t.expose('openedAt', { type: 'DateTime', nullable: true }),
    closedAt: t.expose('closedAt', { type: 'DateTime', nullable: true }),
    created: t.expose('created', { type: 'DateTime' }),
    modified: t.expose('modified', { type: 'DateTime' }),
  }),
});
