// Stored event payloads are checked against their kind once, when read.
import { describe, expect, it } from 'vitest';
import { agendaItemIdOf, parseEvent } from '../src/live/events.js';

const item = '00000000-0000-4000-8000-000000000003';
const vote = '00000000-0000-4000-8000-000000000005';

describe('parsing a stored event', () => {
  it.each([
    ['MeetingStarted', {}],
    ['AgendaChanged', { agendaItemId: item, change: 'POSTPONED' }],
    ['QuorumChanged', { present: 8, seats: 15 }],
    ['VoteClosed', { voteId: vote, agendaItemId: item }],
    ['SpeakersListChanged', { agendaItemId: item, speechId: vote, change: 'STARTED' }],
    ['SpeakingTimeChanged', {}],
    ['SpeakingTimeChanged', { agendaItemId: item }],
  ] as const)('accepts a %s event whose payload fits its kind', (kind, payload) => {
    expect(parseEvent(kind, payload)).toEqual({ kind, payload });
  });

  it.each([
    ['AgendaItemStarted', {}, /no valid agendaItemId/],
    ['AgendaChanged', { agendaItemId: item, change: 'MOVED' }, /no valid change/],
    ['QuorumChanged', { present: '8', seats: 15 }, /no valid present/],
    ['VoteTallyChanged', { voteId: 'not an id', agendaItemId: item }, /no valid voteId/],
    ['MeetingEnded', 'ended', /not an object/],
    ['SpeakersListChanged', { agendaItemId: item, speechId: vote, change: 'SHOUTED' }, /no valid change/],
    ['SpeakingTimeChanged', { agendaItemId: 42 }, /no valid agendaItemId/],
  ] as const)('refuses a %s event whose payload does not fit', (kind, payload, problem) => {
    expect(() => parseEvent(kind, payload)).toThrow(problem);
  });

  it('names the agenda item of item and vote events only', () => {
    expect(agendaItemIdOf(parseEvent('VoteOpened', { voteId: vote, agendaItemId: item }))).toBe(item);
    expect(agendaItemIdOf(parseEvent('QuorumChanged', { present: 1, seats: 3 }))).toBeUndefined();
    expect(agendaItemIdOf(parseEvent('SpeakingTimeChanged', {}))).toBeUndefined();
    expect(agendaItemIdOf(parseEvent('SpeakingTimeChanged', { agendaItemId: item }))).toBe(item);
  });
});
