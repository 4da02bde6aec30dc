/**
 * Fuzzy label matching with `natural`: OCR and typing errors (`OBBIETTIVO`,
 * `Collaborante al bilancio`, `Trauardo atteso`) still match their label.
 * Only the submodules are loaded: natural's index pulls in storage back-ends
 * that print to stdout.
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const jaroWinkler = require('natural/lib/natural/distance/jaro-winkler_distance.js') as (a: string, b: string) => number;
const dice = require('natural/lib/natural/distance/dice_coefficient.js') as (a: string, b: string) => number;
const ItalianTokenizer = require('natural/lib/natural/tokenizers/aggressive_tokenizer_it.js') as new () => {
  tokenize(text: string): string[];
};
const stemmerIt = require('natural/lib/natural/stemmers/porter_stemmer_it.js') as { stem(word: string): string };

const tokenizer = new ItalianTokenizer();

/** Every run of white space one space, trimmed: a printed value as one line. */
export function collapseSpaces(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Lower case, accents removed, every run of non-alphanumerics one space. */
export function normalizeLabel(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** Italian word tokens of a text, normalized. */
export function tokens(text: string): string[] {
  return tokenizer.tokenize(normalizeLabel(text));
}

/** Italian stems of a text's tokens. */
export function stems(text: string): string[] {
  return tokens(text).map((t) => stemmerIt.stem(t));
}

/**
 * How well `text` starts with `label`, from 0 to 1: 1 when it does exactly
 * (after normalization), otherwise the similarity of the label with the
 * text's first words (as many as the label has).
 */
export function labelSimilarity(text: string, label: string): number {
  // Only the start of the text can match: do not normalize a whole paragraph.
  return normalizedLabelSimilarity(normalizeLabel(text.slice(0, label.length * 2 + 16)), normalizeLabel(label));
}

/** `labelSimilarity` for texts already passed through `normalizeLabel` (hot loops). */
export function normalizedLabelSimilarity(t: string, l: string): number {
  if (l === '') return 0;
  // OCR damage seen in real sheets keeps the first letter (`OBBIETTIVO`, `Trauardo`, `RSORSE`, `Dip.`);
  // checking it first keeps classification of long documents fast.
  if (t[0] !== l[0]) return 0;
  if (t === l || t.startsWith(l + ' ')) return 1;
  const lWords = l.split(' ');
  const head = t.split(' ').slice(0, lWords.length).join(' ');
  if (head.length === 0) return 0;
  // Jaro-Winkler rewards a common start; Dice catches doubled or swapped letters.
  const whole = Math.max(Math.min(jaroWinkler(head, l), dice(head, l) + 0.1), dice(head, l));
  // Long labels: word by word, so one badly read word (`Collaborante al bilancio`) does not sink the rest.
  const hWords = head.split(' ');
  if (lWords.length < 3 || hWords.length !== lWords.length) return whole;
  const byWord = lWords.reduce((sum, w, i) => sum + jaroWinkler(hWords[i]!, w), 0) / lWords.length;
  return Math.max(whole, byWord);
}

/** Default similarity above which a text counts as the label. */
export const LABEL_THRESHOLD = 0.86;

/** True when `text` starts with `label`, allowing for OCR and typing errors. */
export function matchesLabel(text: string, label: string, threshold = LABEL_THRESHOLD): boolean {
  return labelSimilarity(text, label) >= threshold;
}

/** The label of `labels` that `text` matches best, or null when none reaches the threshold. */
export function bestLabel<L extends string>(text: string, labels: readonly L[], threshold = LABEL_THRESHOLD): L | null {
  let best: L | null = null;
  let bestScore = threshold;
  for (const label of labels) {
    const s = labelSimilarity(text, label);
    if (s >= bestScore) {
      best = label;
      bestScore = s;
    }
  }
  return best;
}

/** Similarity of two free texts (titles), 0..1, insensitive to case, accents and punctuation. */
export function textSimilarity(a: string, b: string): number {
  const x = normalizeLabel(a);
  const y = normalizeLabel(b);
  if (x === y) return 1;
  if (x.length === 0 || y.length === 0) return 0;
  return dice(x, y);
}
