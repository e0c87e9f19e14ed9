// Members' ballots in named votes. Who may vote, and for which seat, is domain logic and lives
// in src/rules/quorum.ts: a member votes once for their seat, a substitute for the seat of the
// member replaced, and the seat votes once (unique index), so the two can never both vote.
//
// Ballots of one vote are cast in parallel with everything else: a ballot takes neither the
// meeting lock nor a place in the event log (subscribers learn the count from ./tally.ts). The
// ballots that arrive together are counted together, as one batch per vote (a group commit):
// whatever arrives while a batch is written goes into the next, so a thousand members voting
// at once cost a few statements per batch rather than several per ballot. A batch is one INSERT
// that writes only while the vote is open and holds the vote row FOR SHARE while it does;
// closing takes the row FOR UPDATE (./votes.ts), so each ballot either commits before the close
// counts, or sees the vote closed and is refused.
import type { PrismaClient } from '../generated/prisma/client.js';
import type { BallotChoice } from '../generated/prisma/enums.js';
import { ApiError, invalidState } from '../errors.js';
import { seatsOfVoters } from '../rules/quorum.js';
import type { Tallies } from './tally.js';
import { requireOpen, voteWithMeeting } from './votes.js';

interface Ballot {
  personId: string;
  choice: BallotChoice;
  counted(ballot: { id: string }): void;
  refused(error: unknown): void;
}

/** Ballots per INSERT; more wait for the next batch. */
const MAX_BATCH = 500;

export class BallotBox {
  private readonly waiting = new Map<string, Ballot[]>();

  constructor(
    private readonly prisma: PrismaClient,
    private readonly tallies: Tallies,
  ) {}

  /** The person votes in an open named vote, once. */
  cast(personId: string, voteId: string, choice: BallotChoice): Promise<{ id: string }> {
    return new Promise((counted, refused) => {
      const waiting = this.waiting.get(voteId);
      if (waiting) return waiting.push({ personId, choice, counted, refused });
      this.waiting.set(voteId, [{ personId, choice, counted, refused }]);
      // After the requests that arrived with this one have been read: they join the batch.
      setImmediate(() => void this.write(voteId));
    });
  }

  private async write(voteId: string) {
    for (let waiting = this.waiting.get(voteId); waiting?.length; waiting = this.waiting.get(voteId)) {
      const batch = waiting.splice(0, MAX_BATCH);
      try {
        await this.count(voteId, batch);
      } catch (error) {
        for (const ballot of batch) ballot.refused(error);
      }
    }
    this.waiting.delete(voteId);
  }

  private async count(voteId: string, batch: Ballot[]) {
    const vote = requireOpen(await voteWithMeeting(this.prisma, voteId));
    if (vote.kind !== 'NAMED') throw invalidState('Ballots are cast in named votes only; a show of hands is counted by the clerk.');
    const seats = await seatsOfVoters(this.prisma, vote.agendaItem.meetingId, [...new Set(batch.map((ballot) => ballot.personId))]);
    const entitled = batch.filter((ballot) => {
      const seat = seats.get(ballot.personId);
      if (typeof seat !== 'string') ballot.refused(seat);
      return typeof seat === 'string';
    });
    if (!entitled.length) return;
    // In the order of arrival: of two ballots for one seat in the batch, the first counts. The
    // batch goes as one JSON parameter (both database drivers pass it alike; arrays they do not).
    const rows = entitled.map((ballot, position) => ({ personId: ballot.personId, seatPersonId: seats.get(ballot.personId), choice: ballot.choice, position }));
    const inserted = await this.prisma.$queryRaw<{ personId: string; id: string }[]>`
      INSERT INTO "Ballot" (id, "voteId", "personId", "seatPersonId", choice)
      SELECT gen_random_uuid(), "Vote".id, b."personId", b."seatPersonId", b.choice
      FROM "Vote", json_to_recordset(${JSON.stringify(rows)}::json) AS b("personId" uuid, "seatPersonId" uuid, choice "BallotChoice", position int)
      WHERE "Vote".id = ${voteId}::uuid AND "Vote".state = 'OPEN'
      ORDER BY b.position
      FOR SHARE OF "Vote"
      ON CONFLICT DO NOTHING
      RETURNING "personId"::text AS "personId", id::text AS id`;
    if (inserted.length) this.tallies.ballotCast(voteId);
    const ids = new Map(inserted.map((row) => [row.personId, row.id]));
    // Not inserted: the vote closed meanwhile, or the person or the seat had voted (unique indexes).
    const refused = entitled.filter((ballot) => {
      const id = ids.get(ballot.personId);
      ids.delete(ballot.personId); // a second ballot of the same person in the batch is refused
      if (id) ballot.counted({ id });
      return !id;
    });
    if (!refused.length) return;
    const [now, voted] = await Promise.all([
      this.prisma.vote.findUniqueOrThrow({ where: { id: voteId }, select: { state: true } }),
      this.prisma.ballot.findMany({ where: { voteId, personId: { in: refused.map((ballot) => ballot.personId) } }, select: { personId: true } }),
    ]);
    requireOpen(now); // closed: write() refuses the batch (the counted ballots stay counted)
    const own = new Set(voted.map((ballot) => ballot.personId));
    for (const ballot of refused) {
      ballot.refused(
        own.has(ballot.personId)
          ? new ApiError('ALREADY_VOTED', 'You have voted in this vote already.')
          : new ApiError('NOT_ENTITLED', 'The seat you would vote for has voted already (member and substitute vote once).'),
      );
    }
  }
}
