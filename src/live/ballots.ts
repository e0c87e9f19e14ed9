// Members' ballots in named votes. Who may vote, and for which seat, is domain logic and lives
// in src/rules/quorum.ts: a member votes once for their seat, a substitute for the seat of the
// member replaced, and the seat votes once (unique index), so the two can never both vote.
//
// Ballots of one vote are cast in parallel with everything else: a ballot takes neither the
// meeting lock nor a place in the event log (subscribers learn the count from ./tally.ts). The
// ballots that arrive together are counted together, as one batch per vote (a group commit):
// whatever arrives while a batch is written goes into the next, so a thousand members voting
// at once cost a few statements per batch rather than several per ballot (./group-commit.ts).
// A batch is one INSERT that writes only while the vote is open and holds the vote row FOR SHARE while it does;
// closing takes the row FOR UPDATE (./votes.ts), so each ballot either commits before the close
// counts, or sees the vote closed and is refused.
import { LRUCache } from 'lru-cache';
import type { Ballot as StoredBallot, PrismaClient } from '../generated/prisma/client.js';
import type { BallotChoice } from '../generated/prisma/enums.js';
import { ApiError, invalidState, notFound } from '../errors.js';
import { seatsOfVoters } from '../rules/quorum.js';
import { GroupCommit, type Pending } from './group-commit.js';
import type { CountedVote, Tallies } from './tally.js';
import { requireOpen } from './votes.js';

/** What the ballot box keeps of a vote it counts: the meeting's organizations too, for the seats. */
type BallotBoxVote = CountedVote & { organizationIds: string[] };

interface Ballot {
  personId: string;
  choice: BallotChoice;
}

/** Ballots per INSERT; more wait for the next batch. */
const MAX_BATCH = 500;

/**
 * During a burst a vote's batches start at most every 50 ms: each costs three statements whatever
 * its size, and taken up as they came (a handful per turn, src/server/turns.ts) 2,000 ballots over
 * HTTP were written in 55-120 batches.
 */
const BATCH_SPACING_MS = 50;

export class BallotBox {
  private readonly votes = new LRUCache<string, BallotBoxVote>({ max: 1000 });
  private readonly batches = new GroupCommit<Ballot, StoredBallot>(MAX_BATCH, (voteId, batch) => this.count(voteId, batch), BATCH_SPACING_MS);

  constructor(
    private readonly prisma: PrismaClient,
    private readonly tallies: Tallies,
  ) {}

  /** The person votes in an open named vote, once: the ballot as stored. */
  cast(personId: string, voteId: string, choice: BallotChoice): Promise<StoredBallot> {
    return this.batches.submit(voteId, { personId, choice });
  }

  /**
   * The vote's meeting, its organizations and item, read at its first batch: they do not change
   * while the vote is open, and every later batch saves the round trips.
   */
  private async countedVote(voteId: string): Promise<BallotBoxVote> {
    const known = this.votes.get(voteId);
    if (known) return known;
    const vote = await this.prisma.vote.findUnique({
      where: { id: voteId },
      include: { agendaItem: { select: { meeting: { select: { id: true, organizations: { select: { organizationId: true } } } } } } },
    });
    if (!vote) throw notFound('Vote');
    requireOpen(vote);
    if (vote.kind !== 'NAMED') throw invalidState('Ballots are cast in named votes only; a show of hands is counted by the clerk.');
    const { meeting } = vote.agendaItem;
    const counted = { id: vote.id, agendaItemId: vote.agendaItemId, meetingId: meeting.id, organizationIds: meeting.organizations.map((link) => link.organizationId) };
    this.votes.set(voteId, counted);
    return counted;
  }

  // A later batch of a vote closed meanwhile reads no vote first: its INSERT writes nothing, and
  // the check of what was not inserted refuses it (VOTE_CLOSED).
  private async count(voteId: string, batch: Pending<Ballot, StoredBallot>[]) {
    const vote = await this.countedVote(voteId);
    const seats = await seatsOfVoters(this.prisma, vote, [...new Set(batch.map(({ request }) => request.personId))]);
    const entitled = batch.filter((ballot) => {
      const seat = seats.get(ballot.request.personId);
      if (typeof seat !== 'string') ballot.refused(seat);
      return typeof seat === 'string';
    });
    if (!entitled.length) return;
    // In the order of arrival: of two ballots for one seat in the batch, the first counts. The
    // batch goes as one JSON parameter (both database drivers pass it alike; arrays they do not).
    // The whole row comes back, so that castBallot answers without reading it again.
    const rows = entitled.map(({ request }, position) => ({ personId: request.personId, seatPersonId: seats.get(request.personId), choice: request.choice, position }));
    const inserted = await this.prisma.$queryRaw<StoredBallot[]>`
      INSERT INTO "Ballot" (id, "voteId", "personId", "seatPersonId", choice)
      SELECT gen_random_uuid(), "Vote".id, b."personId", b."seatPersonId", b.choice
      FROM "Vote", json_to_recordset(${JSON.stringify(rows)}::json) AS b("personId" uuid, "seatPersonId" uuid, choice "BallotChoice", position int)
      WHERE "Vote".id = ${voteId}::uuid AND "Vote".state = 'OPEN'
      ORDER BY b.position
      FOR SHARE OF "Vote"
      ON CONFLICT DO NOTHING
      RETURNING id::text AS id, "voteId"::text AS "voteId", "personId"::text AS "personId", "seatPersonId"::text AS "seatPersonId", choice::text AS choice, "castAt"`;
    if (inserted.length) this.tallies.ballotCast(vote);
    const stored = new Map(inserted.map((row) => [row.personId, row]));
    // Not inserted: the vote closed meanwhile, or the person or the seat had voted (unique indexes).
    const refused = entitled.filter((ballot) => {
      const row = stored.get(ballot.request.personId);
      stored.delete(ballot.request.personId); // a second ballot of the same person in the batch is refused
      if (row) ballot.done(row);
      return !row;
    });
    if (!refused.length) return;
    const [now, voted] = await Promise.all([
      this.prisma.vote.findUniqueOrThrow({ where: { id: voteId }, select: { state: true } }),
      this.prisma.ballot.findMany({ where: { voteId, personId: { in: refused.map((ballot) => ballot.request.personId) } }, select: { personId: true } }),
    ]);
    requireOpen(now); // closed: the batch's unsettled ballots are refused (the counted ones stay counted)
    const own = new Set(voted.map((ballot) => ballot.personId));
    for (const ballot of refused) {
      ballot.refused(
        own.has(ballot.request.personId)
          ? new ApiError('ALREADY_VOTED', 'You have voted in this vote already.')
          : new ApiError('NOT_ENTITLED', 'The seat you would vote for has voted already (member and substitute vote once).'),
      );
    }
  }
}
