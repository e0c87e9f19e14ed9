import { readable } from '../access/visibility.js';
import { BallotChoice as BallotChoiceValues, VoteKind as VoteKindValues, VoteResult as VoteResultValues, VoteState as VoteStateValues } from '../generated/prisma/enums.js';
import { builder } from './builder.js';
import { CREATED, MODIFIED } from './descriptions.js';
import { readableNode } from './readable-node.js';

export const VoteKind = builder.enumType(VoteKindValues, {
  name: 'VoteKind',
  description: 'How a vote is taken.',
  values: {
    COUNTED: { description: 'A show of hands: the clerk records the counts (recordVoteCounts).' },
    NAMED: { description: 'A named vote: each voting member casts a ballot (castBallot).' },
  },
});
export const VoteState = builder.enumType(VoteStateValues, {
  name: 'VoteState',
  description: 'Where a vote stands.',
  values: { OPEN: { description: 'Ballots or counts are being taken.' }, CLOSED: { description: 'Closed; the counts and the result are final.' } },
});
export const VoteResult = builder.enumType(VoteResultValues, {
  name: 'VoteResult',
  description: 'The outcome of a closed vote (simple majority of the votes cast, GO NRW).',
  values: { ADOPTED: { description: 'More yes than no (angenommen).' }, REJECTED: { description: 'Not more yes than no, a tie included (abgelehnt).' } },
});
export const BallotChoice = builder.enumType(BallotChoiceValues, {
  name: 'BallotChoice',
  description: 'A member\'s choice in a named vote.',
  values: { YES: { description: 'Ja.' }, NO: { description: 'Nein.' }, ABSTAIN: { description: 'Enthaltung: counted, but neither for nor against.' } },
});

/**
 * A vote on an agenda item. Counts may be unknown (the seed records only "einstimmig
 * angenommen"). While a named vote is open only the number of ballots cast is public.
 */
export const Ballot = builder.prismaNode('Ballot', {
  description: 'One member\'s ballot in a named vote. While the vote is open only the member who cast it sees it; once closed, whoever may read the item.',
  ...readableNode('ballot'),
  fields: (t) => ({
    vote: t.relation('vote', { description: 'The vote it was cast in.' }),
    person: t.relation('person', { description: 'The member who cast it.' }),
    choice: t.expose('choice', { type: BallotChoice, description: 'Yes, no or abstain.' }),
    castAt: t.expose('castAt', { type: 'DateTime', description: 'When it was cast (UTC).' }),
  }),
});

export const Vote = builder.prismaNode('Vote', {
  description:
    'A vote (Abstimmung) on an agenda item. Visible to whoever may read the item. Counts may be unknown (minutes often say only "einstimmig"); ' +
    'while a named vote is open only the number of ballots cast is shown.',
  ...readableNode('vote', { subject: true, kind: true, state: true, unanimous: true, result: true }),
  fields: (t) => ({
    agendaItem: t.relation('agendaItem', { description: 'The item voted on.' }),
    subject: t.exposeString('subject', { description: 'What is voted on, e.g. "Beschlussvorschlag der Verwaltung".' }),
    kind: t.expose('kind', { type: VoteKind, description: 'Show of hands or named vote.' }),
    state: t.expose('state', { type: VoteState, description: 'Open or closed.' }),
    yes: t.int({ nullable: true, description: 'Yes votes; null while open or when not recorded.', select: { state: true, yes: true }, resolve: (vote) => (vote.state === 'CLOSED' ? vote.yes : null) }),
    no: t.int({ nullable: true, description: 'No votes; null while open or when not recorded.', select: { state: true, no: true }, resolve: (vote) => (vote.state === 'CLOSED' ? vote.no : null) }),
    abstain: t.int({ nullable: true, description: 'Abstentions; null while open or when not recorded.', select: { state: true, abstain: true }, resolve: (vote) => (vote.state === 'CLOSED' ? vote.abstain : null) }),
    unanimous: t.exposeBoolean('unanimous', { nullable: true, description: 'Every valid vote was yes (abstentions do not count); null when unknown.' }),
    result: t.expose('result', { type: VoteResult, nullable: true, description: 'Adopted or rejected; null until closed.' }),
    // Counted, not read: the number cast is public while the ballots are not (readable.ballot).
    ballotsCast: t.relationCount('ballots', { description: 'Ballots cast so far (named votes).' }),
    myBallot: t.field({
      type: Ballot,
      nullable: true,
      description: "The signed-in member's own ballot in this vote, if cast.",
      select: (_args, ctx, nestedSelection) => ({
        ballots: { where: { AND: [readable.ballot(ctx.viewer), { personId: { in: ctx.viewer.personId ? [ctx.viewer.personId] : [] } }] }, take: 1, ...nestedSelection(true) },
      }),
      resolve: (vote) => vote.ballots[0] ?? null,
    }),
    openedAt: t.expose('openedAt', { type: 'DateTime', nullable: true, description: 'When it was opened (UTC); null for a vote entered afterwards.' }),
    closedAt: t.expose('closedAt', { type: 'DateTime', nullable: true, description: 'When it was closed (UTC).' }),
    created: t.expose('created', { type: 'DateTime', description: CREATED }),
    modified: t.expose('modified', { type: 'DateTime', description: MODIFIED }),
  }),
});
