// The GO NRW rules as pure functions, table by table: quorum (§ 49), majority and unanimity (§ 50).
import { describe, expect, it } from 'vitest';
import { quorumAt, quorumFrom, type Presence, type SeatHolder } from '../src/rules/quorum.js';
import { isUnanimous, resultOf } from '../src/rules/vote-result.js';

describe('quorum from seats and members present', () => {
  it.each([
    { seats: 11, present: 6, required: 6, quorate: true },
    { seats: 11, present: 5, required: 6, quorate: false },
    // Exactly half is not more than half.
    { seats: 10, present: 5, required: 6, quorate: false },
    { seats: 10, present: 6, required: 6, quorate: true },
    { seats: 1, present: 1, required: 1, quorate: true },
    { seats: 0, present: 0, required: 1, quorate: false },
  ])('$present of $seats seats: quorate $quorate', ({ seats, present, required, quorate }) => {
    expect(quorumFrom(present, seats)).toEqual({ present, seats, required, quorate });
  });
});

describe('quorum of a committee from its attendance', () => {
  const committee = { id: 'ausschuss', statutorySeats: null };
  // Five seat holders (a–e); deputies (Vertretung with a voting right) hold no seat.
  const holders: SeatHolder[] = ['a', 'b', 'c', 'd', 'e'].map((personId) => ({ personId, organizationId: 'ausschuss' }));
  const deputies = ['vertreterin', 'x', 'y'];
  const here = (personId: string, substituteForId: string | null = null): Presence => ({ personId, status: 'PRESENT', substituteForId });
  const away = (personId: string, status: Presence['status'] = 'ABSENT'): Presence => ({ personId, status, substituteForId: null });

  it.each<{ case: string; attendance: Presence[]; present: number; quorate: boolean }>([
    { case: 'three of five members', attendance: [here('a'), here('b'), here('c'), away('d'), away('e', 'EXCUSED')], present: 3, quorate: true },
    { case: 'two of five members', attendance: [here('a'), here('b'), away('c'), away('d'), away('e')], present: 2, quorate: false },
    { case: 'a deputy for an absent member takes the seat', attendance: [here('a'), here('b'), away('c'), here('vertreterin', 'c')], present: 3, quorate: true },
    { case: 'a deputy beside the member they replace adds nothing', attendance: [here('a'), here('b'), here('vertreterin', 'b')], present: 2, quorate: false },
    { case: 'two deputies for the same member take one seat', attendance: [here('a'), here('b'), here('x', 'c'), here('y', 'c')], present: 3, quorate: true },
    { case: 'a deputy for someone without a seat takes none', attendance: [here('a'), here('b'), here('x', 'gast')], present: 2, quorate: false },
    { case: 'a deputy on their own takes no seat', attendance: [here('a'), here('b'), here('vertreterin')], present: 2, quorate: false },
    { case: 'guests and staff of the administration do not count', attendance: [here('a'), here('b'), here('kaemmerer'), here('protokoll')], present: 2, quorate: false },
    { case: 'a deputy who left no longer holds the seat', attendance: [here('a'), here('b'), { personId: 'x', status: 'ABSENT', substituteForId: 'c' }], present: 2, quorate: false },
    { case: 'a substitute without a voting membership takes no seat', attendance: [here('a'), here('b'), here('gast', 'c')], present: 2, quorate: false },
    { case: 'a member named as substitute takes their own seat only', attendance: [here('a'), here('b', 'c')], present: 2, quorate: false },
  ])('$case', ({ attendance, present, quorate }) => {
    expect(quorumAt([committee], holders, attendance, deputies)).toMatchObject({ present, seats: 5, required: 3, quorate });
  });

  it('follows members arriving late and leaving early', () => {
    const opening = [here('a'), here('b'), away('c'), away('d'), away('e')];
    expect(quorumAt([committee], holders, opening, deputies).quorate).toBe(false);
    const lateArrival = opening.map((person) => (person.personId === 'c' ? here('c') : person));
    expect(quorumAt([committee], holders, lateArrival, deputies)).toMatchObject({ present: 3, quorate: true });
    const earlyLeaver = lateArrival.map((person) => (person.personId === 'a' ? away('a') : person));
    expect(quorumAt([committee], holders, earlyLeaver, deputies)).toMatchObject({ present: 2, quorate: false });
  });

  it('counts the statutory seats, not the members, where the statute fixes them', () => {
    // 15 seats by statute, of which five are filled: five present are no quorum.
    const quorum = quorumAt([{ id: 'ausschuss', statutorySeats: 15 }], holders, holders.map(({ personId }) => here(personId)), deputies);
    expect(quorum).toEqual({ present: 5, seats: 15, required: 8, quorate: false });
  });

  it('adds the seats of every organization of a joint meeting', () => {
    const joint = [{ id: 'ausschuss', statutorySeats: null }, { id: 'beirat', statutorySeats: 4 }];
    const beirat: SeatHolder[] = ['f', 'g'].map((personId) => ({ personId, organizationId: 'beirat' }));
    const quorum = quorumAt(joint, [...holders, ...beirat], [here('a'), here('b'), here('c'), here('f')], deputies);
    expect(quorum).toEqual({ present: 4, seats: 9, required: 5, quorate: false });
  });

  it('gives a member of two organizations of a joint meeting one seat', () => {
    const joint = [committee, { id: 'kreisausschuss', statutorySeats: null }];
    // a and b sit in both; f in the Kreisausschuss only: six persons, six seats.
    const kreisausschuss: SeatHolder[] = ['a', 'b', 'f'].map((personId) => ({ personId, organizationId: 'kreisausschuss' }));
    const everyone = ['a', 'b', 'c', 'd', 'e', 'f'].map((personId) => here(personId));
    expect(quorumAt(joint, [...holders, ...kreisausschuss], everyone, deputies)).toEqual({ present: 6, seats: 6, required: 4, quorate: true });
  });
});

describe('the result of a vote: simple majority of the valid votes', () => {
  it.each([
    { case: 'more yes than no', counts: { yes: 6, no: 5, abstain: 0, invalid: 0 }, result: 'ADOPTED', unanimous: false },
    { case: 'a tie rejects', counts: { yes: 5, no: 5, abstain: 1, invalid: 0 }, result: 'REJECTED', unanimous: false },
    { case: 'abstentions do not count against', counts: { yes: 2, no: 1, abstain: 8, invalid: 0 }, result: 'ADOPTED', unanimous: false },
    { case: 'invalid votes do not count', counts: { yes: 3, no: 4, abstain: 0, invalid: 5 }, result: 'REJECTED', unanimous: false },
    { case: 'one yes and all others abstaining adopts, unanimously', counts: { yes: 1, no: 0, abstain: 10, invalid: 0 }, result: 'ADOPTED', unanimous: true },
    { case: 'unanimous with abstentions', counts: { yes: 9, no: 0, abstain: 2, invalid: 0 }, result: 'ADOPTED', unanimous: true },
    { case: 'unanimous without abstentions', counts: { yes: 11, no: 0, abstain: 0, invalid: 0 }, result: 'ADOPTED', unanimous: true },
    { case: 'one no breaks unanimity', counts: { yes: 10, no: 1, abstain: 0, invalid: 0 }, result: 'ADOPTED', unanimous: false },
    { case: 'everyone abstaining decides nothing', counts: { yes: 0, no: 0, abstain: 11, invalid: 0 }, result: 'REJECTED', unanimous: false },
    { case: 'unanimously against', counts: { yes: 0, no: 7, abstain: 0, invalid: 0 }, result: 'REJECTED', unanimous: false },
  ])('$case', ({ counts, result, unanimous }) => {
    expect(resultOf(counts)).toBe(result);
    expect(isUnanimous(counts)).toBe(unanimous);
  });
});
