// The outcome of a vote (§ 50 GO NRW): decisions are taken by the simple majority of the votes
// cast; abstentions and invalid votes do not count, so a tie rejects the motion.
import type { VoteResult } from '../generated/prisma/enums.js';

export interface Counts {
  yes: number;
  no: number;
}

export const resultOf = ({ yes, no }: Counts): VoteResult => (yes > no ? 'ADOPTED' : 'REJECTED');

/** Unanimous: every valid vote is a yes (abstentions are not valid votes). */
export const isUnanimous = ({ yes, no }: Counts): boolean => yes > 0 && no === 0;
