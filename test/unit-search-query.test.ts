// What people type into the search box, as the tsquery that PostgreSQL receives.
import { describe, expect, it } from 'vitest';
import { toTsQuery } from '../src/search/query.js';

describe('a search query as tsquery', () => {
  it.each([
    { case: 'a word is also a prefix', typed: 'Digital', tsquery: `'Digital':*` },
    { case: 'all words must occur', typed: 'Haushalt  Schule', tsquery: `'Haushalt':* & 'Schule':*` },
    { case: 'an umlaut also as its spelling with e', typed: 'Bürger', tsquery: `('Bürger':* | 'Buerger':*)` },
    { case: 'a spelling with e also as the umlaut', typed: 'Buerger', tsquery: `('Buerger':* | 'Bürger':*)` },
    { case: 'ß also as ss', typed: 'Straße', tsquery: `('Straße':* | 'Strasse':*)` },
    { case: 'a phrase: its words in order, no prefixes', typed: '"digitale Schule"', tsquery: `('digitale' <-> 'Schule')` },
    { case: 'an unclosed phrase runs to the end', typed: '"digitale Schule', tsquery: `('digitale' <-> 'Schule')` },
    { case: 'a word that must not occur', typed: 'Haushalt -Entwurf', tsquery: `'Haushalt':* & !'Entwurf':*` },
    { case: 'a phrase that must not occur', typed: 'Schule -"offene Ganztagsschule"', tsquery: `'Schule':* & !('offene' <-> 'Ganztagsschule')` },
    { case: 'a paper reference as typed, no prefix', typed: '20/022/2024', tsquery: `'20/022/2024'` },
    { case: 'a compound with a hyphen stays one word', typed: 'IT-Sicherheit', tsquery: `'IT-Sicherheit':*` },
    { case: 'punctuation around words is dropped', typed: '(Radweg), „Brücke“!', tsquery: `'Radweg':* & ('Brücke':* | 'Bruecke':*)` },
    { case: 'tsquery syntax is read as words', typed: `Rad & (Weg | !Bahn):*`, tsquery: `'Rad':* & 'Weg':* & 'Bahn':*` },
    { case: 'quotes and backslashes cannot break out', typed: `d'Artagnan \\`, tsquery: `'d':* & 'Artagnan':*` },
  ])('$case: $typed', ({ typed, tsquery }) => {
    expect(toTsQuery(typed)).toBe(tsquery);
  });

  it.each([
    { case: 'nothing to look for', typed: '   ' },
    { case: 'only punctuation', typed: '"" - !?' },
    { case: 'only exclusions', typed: '-Haushalt -"Schule"' },
    { case: 'too long', typed: 'a'.repeat(201) },
    { case: 'too many terms', typed: Array.from({ length: 17 }, (_, i) => `Wort${i}`).join(' ') },
  ])('refuses $case with BAD_USER_INPUT on the query argument', ({ typed }) => {
    expect(() => toTsQuery(typed)).toThrow(expect.objectContaining({ extensions: { code: 'BAD_USER_INPUT', field: 'query' } }));
  });
});
