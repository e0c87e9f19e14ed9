// Agenda numbers from the agenda's shape, and the numbers clerks type.
import { describe, expect, it } from 'vitest';
import { numberAgenda, parseNumber, type AgendaEntry } from '../src/agenda/numbering.js';

const entry = (id: string, parentId: string | null = null): AgendaEntry => ({ id, parentId });
const numbers = (entries: AgendaEntry[]) => numberAgenda(entries).map(({ id, number, order }) => `${id}=${number}#${order}`);

describe('numbering an agenda', () => {
  it.each([
    { case: 'an empty agenda', entries: [], expected: [] },
    { case: 'top-level items', entries: [entry('a'), entry('b'), entry('c')], expected: ['a=1#1', 'b=2#2', 'c=3#3'] },
    {
      case: 'sub-items numbered under their parent, order depth-first',
      entries: [entry('a'), entry('b'), entry('b1', 'b'), entry('b2', 'b'), entry('c')],
      expected: ['a=1#1', 'b=2#2', 'b1=2.1#3', 'b2=2.2#4', 'c=3#5'],
    },
    {
      case: 'three levels',
      entries: [entry('a'), entry('a1', 'a'), entry('a1x', 'a1'), entry('a1y', 'a1'), entry('a2', 'a')],
      expected: ['a=1#1', 'a1=1.1#2', 'a1x=1.1.1#3', 'a1y=1.1.2#4', 'a2=1.2#5'],
    },
    {
      case: 'children listed before their parent still follow it',
      entries: [entry('b1', 'b'), entry('a'), entry('b'), entry('b2', 'b')],
      expected: ['a=1#1', 'b=2#2', 'b1=2.1#3', 'b2=2.2#4'],
    },
    {
      case: 'an item whose parent is not on the agenda (deleted) moves to the top level',
      entries: [entry('a'), entry('waise', 'geloescht'), entry('b')],
      expected: ['a=1#1', 'waise=2#2', 'b=3#3'],
    },
  ])('$case', ({ entries, expected }) => {
    expect(numbers(entries)).toEqual(expected);
  });
});

describe('reading a typed agenda number', () => {
  it.each([
    { typed: '6', parsed: { parentNumber: null, position: 6 } },
    { typed: '6.', parsed: { parentNumber: null, position: 6 } },
    { typed: ' 6.2 ', parsed: { parentNumber: '6', position: 2 } },
    { typed: '6.2.3', parsed: { parentNumber: '6.2', position: 3 } },
    { typed: '12.10', parsed: { parentNumber: '12', position: 10 } },
    { typed: '0', parsed: { parentNumber: null, position: 0 } },
    { typed: '', parsed: undefined },
    { typed: 'TOP 6', parsed: undefined },
    { typed: '6a', parsed: undefined },
    { typed: '6..2', parsed: undefined },
    { typed: '-1', parsed: undefined },
    { typed: 'Ö1', parsed: undefined },
  ])('"$typed"', ({ typed, parsed }) => {
    expect(parseNumber(typed)).toEqual(parsed);
  });
});
