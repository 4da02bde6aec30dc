/**
 * Column roles from a table's header cells and a header vocabulary
 * (role -> the phrases offices print over that column). Each column gets the
 * role whose phrase it matches best: the header must begin with the phrase,
 * word by word, each word equal, an abbreviation of it printed with a dot
 * (`Ind.` for `indicatore`, three letters at least) or, for words of four letters or more,
 * the same word with a typing or OCR error (same first letter). The longest phrase wins, so `Tipo Ind.` is the
 * indicator type and not the objective type (`Tipo OB`), and `Ufficio/Personale`
 * is not read as a bare `Ufficio`. A role goes to its first column only.
 */
import { normalizeLabel, normalizedLabelSimilarity } from './labels.js';

/** Similarity from which a header word counts as the phrase's word despite a typing or OCR error. */
export const HEADER_WORD_THRESHOLD = 0.86;

/** A header's words, normalized; `abbreviated` when the word was printed with a dot after it (`Ind.`, `Cod.`, the `N` of `N.ro`). */
function headerWords(text: string): { word: string; abbreviated: boolean }[] {
  return text.split(/[^\p{L}\p{N}.]+/u).flatMap((token) => {
    const parts = token.split('.');
    return parts.map((part, i) => ({ word: normalizeLabel(part), abbreviated: i < parts.length - 1 })).filter((w) => w.word !== '');
  });
}

function wordMatches(header: { word: string; abbreviated: boolean }, phrase: string): boolean {
  const { word } = header;
  if (word === phrase) return true;
  if (header.abbreviated && word.length >= 3 && phrase.startsWith(word)) return true;
  return word.length >= 4 && phrase.length >= 4 && normalizedLabelSimilarity(word, phrase) >= HEADER_WORD_THRESHOLD;
}

/** How many words of `phrase` the header `text` begins with (0 when it does not begin with the whole phrase). */
export function headerPhraseScore(text: string, phrase: string): number {
  const h = headerWords(text.slice(0, phrase.length * 2 + 16));
  const p = normalizeLabel(phrase).split(' ').filter(Boolean);
  if (p.length === 0 || h.length < p.length) return 0;
  return p.every((w, i) => wordMatches(h[i]!, w)) ? p.length : 0;
}

/** The column of each role: every header given the role of its best phrase, each role kept by its first column. */
export function columnRoles<R extends string>(headers: readonly string[], vocabulary: Readonly<Record<R, readonly string[]>>): Partial<Record<R, number>> {
  const out: Partial<Record<R, number>> = {};
  headers.forEach((header, col) => {
    if (header.trim() === '') return;
    let best: R | null = null;
    let bestScore = 0;
    for (const role of Object.keys(vocabulary) as R[]) {
      for (const phrase of vocabulary[role]) {
        const score = headerPhraseScore(header, phrase);
        if (score > bestScore) {
          best = role;
          bestScore = score;
        }
      }
    }
    if (best !== null && out[best] === undefined) out[best] = col;
  });
  return out;
}
