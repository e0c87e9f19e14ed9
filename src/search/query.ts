// What people type into a search box, as a PostgreSQL tsquery for the German configuration:
//   words          all must occur; each also as a prefix ("Digital" finds "Digitalisierung")
//   "a phrase"     the words in this order
//   -word, -"…"    must not occur
//   20/022/2024    paper references as typed (the parser keeps them as one token)
// Umlauts in either spelling: every word also stands for its variants with ä/ae, ö/oe, ü/ue, ß/ss.
// Every term is quoted for to_tsquery, so nothing the user types is read as tsquery syntax.
import { badInput } from '../errors.js';

const MAX_LENGTH = 200;
const MAX_TERMS = 16;

interface Term {
  words: [string, ...string[]];
  exclude: boolean;
  phrase: boolean;
}

function parseTerms(input: string): Term[] {
  const terms: Term[] = [];
  for (const match of input.matchAll(/(-?)(?:"([^"]*)"?|(\S+))/g)) {
    const [, minus, quoted, bare] = match;
    const [first, ...others] = (quoted ?? bare ?? '')
      // Keep letters, digits and the characters inside references and compounds.
      .replace(/[^\p{L}\p{N}/.\-]+/gu, ' ')
      .split(' ')
      .map((word) => word.replace(/^[.\-/]+|[.\-/]+$/g, ''))
      .filter(Boolean);
    if (first) terms.push({ words: [first, ...others], exclude: minus === '-', phrase: quoted !== undefined });
  }
  return terms;
}

const toUmlauts = (word: string) =>
  word.replace(/ae/g, 'ä').replace(/oe/g, 'ö').replace(/ue/g, 'ü').replace(/Ae/g, 'Ä').replace(/Oe/g, 'Ö').replace(/Ue/g, 'Ü');
const fromUmlauts = (word: string) =>
  word.replace(/ä/g, 'ae').replace(/ö/g, 'oe').replace(/ü/g, 'ue').replace(/Ä/g, 'Ae').replace(/Ö/g, 'Oe').replace(/Ü/g, 'Ue').replace(/ß/g, 'ss');

const quote = (word: string) => `'${word.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
const isReference = (word: string) => /\d/.test(word) && /\//.test(word);

/** One word with its spelling variants; a prefix unless inside a phrase or a reference. */
function word(text: string, prefix: boolean): string {
  const variants = [...new Set([text, toUmlauts(text), fromUmlauts(text)])];
  const suffix = prefix && !isReference(text) ? ':*' : '';
  const alternatives = variants.map((variant) => `${quote(variant)}${suffix}`);
  const joined = alternatives.join(' | ');
  return alternatives.length > 1 ? `(${joined})` : joined;
}

function term(t: Term): string {
  const expression = t.phrase ? `(${t.words.map((w) => word(w, false)).join(' <-> ')})` : word(t.words[0], true);
  return t.exclude ? `!${expression}` : expression;
}

/** The tsquery text for to_tsquery('german', …). */
export function toTsQuery(input: string): string {
  if (input.length > MAX_LENGTH) throw badInput(`The search query must not be longer than ${MAX_LENGTH} characters.`, 'query');
  // A bare word with inner punctuation (IT-Sicherheit) stays one term; a phrase keeps its words.
  const terms = parseTerms(input).flatMap((t): Term[] => (t.phrase ? [t] : t.words.map((w) => ({ ...t, words: [w] }))));
  if (!terms.some((t) => !t.exclude)) throw badInput('The search query needs at least one word to look for.', 'query');
  if (terms.length > MAX_TERMS) throw badInput(`The search query must not have more than ${MAX_TERMS} terms.`, 'query');
  return terms.map(term).join(' & ');
}
