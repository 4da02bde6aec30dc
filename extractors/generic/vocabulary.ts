/**
 * The vocabulary of roles: which model field a column header or a label names
 * (`Peso obiettivo` -> weight, `Valore atteso 2025` -> target of 2025,
 * `Obiettivo strategico (codice DUP)` -> code of a strategic objective). The
 * phrases are data, in `vocabulary.json` (documented in docs/vocabulary.md),
 * checked with zod when loaded.
 *
 * Matching, with `natural`: a header matches a phrase when every word of the
 * phrase is among the header's words, compared by Italian stem; a word broken
 * by wrapping (`raggiun-gimento`, `strategic o`) or with an OCR error
 * (`obbiettivo`) still matches by prefix or Jaro-Winkler distance, never by
 * meaning. The phrase covering most of the header wins (`peso indicatore`
 * beats `peso` and `indicatore`); a tie goes to the role listed first.
 */
import { createRequire } from 'node:module';
import { z } from 'zod';
import type { ObjectiveLevel } from '../../models/plan.js';
import { normalizeLabel } from '../shared/labels.js';
import bundled from './vocabulary.json' with { type: 'json' };

const require = createRequire(import.meta.url);
const stemmerIt = require('natural/lib/natural/stemmers/porter_stemmer_it.js') as { stem(word: string): string };
const jaroWinkler = require('natural/lib/natural/distance/jaro-winkler_distance.js') as (a: string, b: string) => number;

export const ROLES = [
  'code', 'title', 'description', 'unit', 'manager', 'weight', 'indicatorWeight', 'indicator', 'measureUnit', 'baseline',
  'target', 'deadline', 'actual', 'achievement', 'score', 'budget', 'action', 'staff', 'notes',
] as const;
export type Role = (typeof ROLES)[number];

const Phrases = z.array(z.string().regex(/^[a-z0-9 ]+$/, 'lower case, no accents or punctuation')).min(1);
export const Vocabulary = z.strictObject({
  $comment: z.string().optional(),
  roles: z.strictObject(Object.fromEntries(ROLES.map((r) => [r, Phrases])) as Record<Role, typeof Phrases>),
  levels: z.partialRecord(z.enum(['mandato', 'strategico', 'operativo', 'gestionale', 'organizzativo', 'programma', 'progetto']), Phrases),
  unitWords: Phrases,
  unitPrefixesDropped: Phrases,
});
export type Vocabulary = z.infer<typeof Vocabulary>;

/** Words that carry no meaning in a header (articles, prepositions, conjunctions). */
const STOP = new Set(['di', 'del', 'dello', 'della', 'dei', 'degli', 'delle', 'dell', 'il', 'lo', 'la', 'i', 'gli', 'le', 'l', 'e', 'ed', 'a', 'al', 'alla', 'ai', 'agli', 'alle', 'all', 'per', 'in', 'nel', 'nella', 'nei', 'con', 'da', 'dal', 'dalla', 'su', 'sul', 'o', 'un', 'una', 'uno']);

interface Word {
  word: string;
  stem: string;
}

/** A header's meaningful words: normalized, broken words joined (`raggiun-gimento`), articles dropped. */
export function headerWords(text: string): Word[] {
  const joined = text.replace(/(\p{Ll})-\s*(\p{Ll})/gu, '$1$2');
  return normalizeLabel(joined)
    .split(' ')
    .filter((w) => w !== '' && !STOP.has(w))
    .map((word) => ({ word, stem: stemmerIt.stem(word) }));
}

/** Two words are the same: same stem, one a long prefix of the other (a word broken by wrapping), or an OCR slip. */
function sameWord(a: Word, b: Word): boolean {
  if (a.stem === b.stem || a.word === b.word) return true;
  const [short, long] = a.word.length <= b.word.length ? [a.word, b.word] : [b.word, a.word];
  if (short.length >= 6 && long.startsWith(short)) return true;
  return short.length >= 5 && jaroWinkler(a.word, b.word) >= 0.93;
}

interface Phrase {
  role: Role;
  words: Word[];
}

export interface RoleMatch {
  role: Role;
  /** Share of the header's words the phrase covers (1 = the header is the phrase). */
  score: number;
  /** Words of the phrase. */
  size: number;
}

export interface HeaderMeaning {
  role: Role | null;
  score: number;
  level: ObjectiveLevel | null;
  /** A year printed in the header (`Target 2025`, `Valore 2024`), or null. */
  year: number | null;
  /** Single-letter or abbreviated month of a Gantt grid (`G`, `F`, `Gen`…): its index 0-11, or null. */
  month: number | null;
}

/** `cache.get(key)`, computed once; a cache grown past 10 000 texts starts again (a document of endless distinct lines). */
function memoized<T>(cache: Map<string, T>, key: string, compute: () => T): T {
  let found = cache.get(key);
  if (found === undefined) {
    found = compute();
    if (cache.size > 10_000) cache.clear();
    cache.set(key, found);
  }
  return found;
}

const MONTH_LETTERS = ['g', 'f', 'm', 'a', 'm', 'g', 'l', 'a', 's', 'o', 'n', 'd'];
const MONTH_ABBR = ['gen', 'feb', 'mar', 'apr', 'mag', 'giu', 'lug', 'ago', 'set', 'ott', 'nov', 'dic'];

export class RoleVocabulary {
  private readonly phrases: Phrase[];
  private readonly levels: { level: ObjectiveLevel; words: Word[] }[];
  readonly unitWords: readonly string[];
  readonly unitPrefixesDropped: readonly string[];

  constructor(readonly data: Vocabulary) {
    this.phrases = ROLES.flatMap((role) => data.roles[role].map((p) => ({ role, words: headerWords(p) })));
    this.levels = Object.entries(data.levels).flatMap(([level, list]) => list.map((p) => ({ level: level as ObjectiveLevel, words: headerWords(p) })));
    this.unitWords = data.unitWords;
    this.unitPrefixesDropped = data.unitPrefixesDropped;
  }

  private readonly memo = new Map<string, RoleMatch[]>();

  /** Every role the header names, best first (memoized: headers and labels repeat on every page). */
  matches(text: string): RoleMatch[] {
    return memoized(this.memo, text, () => this.match(text));
  }

  private match(text: string): RoleMatch[] {
    const words = headerWords(text.replace(/\b(19|20)\d\d\b/g, ' '));
    if (words.length === 0) return [];
    const out: RoleMatch[] = [];
    for (const phrase of this.phrases) {
      if (phrase.words.length === 0 || phrase.words.length > words.length) continue;
      if (!phrase.words.every((p) => words.some((w) => sameWord(p, w)))) continue;
      out.push({ role: phrase.role, score: phrase.words.length / words.length, size: phrase.words.length });
    }
    return out.sort((a, b) => b.size - a.size || b.score - a.score || ROLES.indexOf(a.role) - ROLES.indexOf(b.role));
  }

  private readonly meanings = new Map<string, HeaderMeaning>();

  /** What a column header means: its best role, the level and year it names, the month of a Gantt column. */
  meaning(text: string): HeaderMeaning {
    return memoized(this.meanings, text, () => this.readMeaning(text));
  }

  private readMeaning(text: string): HeaderMeaning {
    const trimmed = text.trim();
    const yearMatch = /\b((?:19|20)\d\d)\b/.exec(trimmed);
    const year = yearMatch ? Number(yearMatch[1]) : null;
    const norm = normalizeLabel(trimmed);
    let month: number | null = null;
    if (/^[a-z]$/.test(norm)) month = MONTH_LETTERS.indexOf(norm) >= 0 ? -1 : null;
    else if (MONTH_ABBR.includes(norm.slice(0, 3)) && norm.length <= 9 && /^[a-z]+$/.test(norm)) month = MONTH_ABBR.indexOf(norm.slice(0, 3));
    const best = this.matches(trimmed)[0];
    const words = headerWords(trimmed);
    const level = this.levels.filter((l) => l.words.every((p) => words.some((w) => sameWord(p, w)))).sort((a, b) => b.words.length - a.words.length)[0]?.level ?? null;
    return { role: best?.role ?? null, score: best?.score ?? 0, level, year, month };
  }

  /** The role of a label (`Obiettivo:`, `Valore atteso`, `Peso`), only when the label is all phrase (no other words). */
  labelRole(label: string): Role | null {
    const best = this.matches(label)[0];
    return best && best.score >= 0.99 ? best.role : null;
  }
}

let loaded: RoleVocabulary | null = null;

/** The bundled vocabulary (extractors/generic/vocabulary.json), validated once. */
export function vocabulary(): RoleVocabulary {
  loaded ??= new RoleVocabulary(Vocabulary.parse(bundled));
  return loaded;
}
