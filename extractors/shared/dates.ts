/**
 * Italian dates as printed in plans: `31/12/2024`, `31.12.2024`, `Entro il
 * 31/07/2024`, `entro il 31 dicembre 2024`, `1° Ottobre 2024`, `Entro aprile
 * 2024` (end of the month), month ranges `Marzo – Giugno` (end of the last
 * month, in the year given by the context).
 */

export interface ParsedDate {
  /** ISO date, or null when none could be read or it does not exist. */
  iso: string | null;
  /** ok: a real date; invalid: date-shaped but impossible (31/06/2024); none: no date in the text. */
  status: 'ok' | 'invalid' | 'none';
  raw: string;
}

export const MONTHS_IT = [
  'gennaio', 'febbraio', 'marzo', 'aprile', 'maggio', 'giugno',
  'luglio', 'agosto', 'settembre', 'ottobre', 'novembre', 'dicembre',
] as const;

const MONTH_RE = `(${MONTHS_IT.join('|')}|genn?\\.?|febb?r?\\.?|mar\\.?|apr\\.?|magg?\\.?|giu\\.?|lug\\.?|ago\\.?|sett?\\.?|ott\\.?|nov\\.?|dic\\.?)`;

// No two unbounded quantifiers over the same characters side by side (`\s*°?\s+` was one: quadratic on a
// digit followed by a long run of spaces); `(?:\s*°)?\s+` reads the same texts.
const NUMERIC = /(?<!\d)(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{4}|\d{2})(?!\d)/g;
const DAY_MONTH_YEAR = new RegExp(`(?<!\\d)(\\d{1,2})(?:\\s*°)?\\s+${MONTH_RE}\\s+(\\d{4})`, 'gi');
const MONTH_YEAR = new RegExp(`\\b${MONTH_RE}\\s+(?:del\\s+|dell'anno\\s+)?(\\d{4})\\b`, 'gi');
const MONTH_ONLY = new RegExp(`\\b${MONTH_RE}\\b`, 'gi');

function monthIndex(word: string): number {
  // The first three letters decide: no form of MONTH_RE has a point among them.
  const w = word.toLowerCase();
  return MONTHS_IT.findIndex((m) => m.startsWith(w.slice(0, 3)));
}

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function iso(year: number, month: number, day: number): string | null {
  if (month < 1 || month > 12 || day < 1 || day > daysIn(year, month)) return null;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

interface Hit {
  index: number;
  iso: string | null;
}

/**
 * Reads the deadline in a text: the last date it names (a range `dal … al …`
 * ends at its second date). `contextYear` completes dates printed without a
 * year (`entro il mese di luglio`, `Marzo – Giugno`).
 */
export function parseItalianDate(raw: string, contextYear: number | null = null): ParsedDate {
  // Every pattern reads a run of whitespace as one space: the folding keeps long runs short, it does not change what is read.
  const text = raw.replace(/\s+/g, ' ');
  const hits: Hit[] = [];
  for (const m of text.matchAll(NUMERIC)) {
    let year = Number(m[3]);
    if (m[3]!.length === 2) year += 2000;
    hits.push({ index: m.index, iso: iso(year, Number(m[2]), Number(m[1])) });
  }
  for (const m of text.matchAll(DAY_MONTH_YEAR)) {
    hits.push({ index: m.index, iso: iso(Number(m[3]), monthIndex(m[2]!) + 1, Number(m[1])) });
  }
  if (hits.length === 0) {
    for (const m of text.matchAll(MONTH_YEAR)) {
      const month = monthIndex(m[1]!) + 1;
      const year = Number(m[2]);
      hits.push({ index: m.index, iso: iso(year, month, daysIn(year, month)) });
    }
  }
  if (hits.length === 0) {
    // `Entro l'anno 2024`, `nel corso dell'anno 2024`: the end of that year.
    for (const m of text.matchAll(/\banno\s+((?:19|20)\d\d)\b/gi)) hits.push({ index: m.index, iso: `${m[1]}-12-31` });
  }
  if (hits.length === 0 && contextYear !== null) {
    for (const m of text.matchAll(MONTH_ONLY)) {
      const month = monthIndex(m[1]!) + 1;
      hits.push({ index: m.index, iso: iso(contextYear, month, daysIn(contextYear, month)) });
    }
  }
  if (hits.length === 0) return { iso: null, status: 'none', raw };
  hits.sort((a, b) => a.index - b.index);
  const last = hits[hits.length - 1]!;
  if (hits.some((h) => h.iso === null)) return { iso: null, status: 'invalid', raw };
  return { iso: last.iso, status: 'ok', raw };
}

/** Every date-shaped token in a text that is not a real calendar date (e.g. `31/06/2024`). */
export function impossibleDates(raw: string): string[] {
  const out: string[] = [];
  for (const m of raw.matchAll(NUMERIC)) {
    let year = Number(m[3]);
    if (m[3]!.length === 2) year += 2000;
    if (iso(year, Number(m[2]), Number(m[1])) === null) out.push(m[0]);
  }
  for (const m of raw.matchAll(DAY_MONTH_YEAR)) {
    if (iso(Number(m[3]), monthIndex(m[2]!) + 1, Number(m[1])) === null) out.push(m[0]);
  }
  return out;
}

/** Every real calendar date written out in a text (`31/12/2024`, `30 giugno 2024`), as ISO, in order. */
export function datesIn(raw: string): string[] {
  const hits: { index: number; iso: string }[] = [];
  for (const m of raw.matchAll(NUMERIC)) {
    let year = Number(m[3]);
    if (m[3]!.length === 2) year += 2000;
    const d = iso(year, Number(m[2]), Number(m[1]));
    if (d) hits.push({ index: m.index, iso: d });
  }
  for (const m of raw.matchAll(DAY_MONTH_YEAR)) {
    const d = iso(Number(m[3]), monthIndex(m[2]!) + 1, Number(m[1]));
    if (d) hits.push({ index: m.index, iso: d });
  }
  return hits.sort((a, b) => a.index - b.index).map((h) => h.iso);
}

/** An ISO date as Italians write it: 2024-06-30 -> 30/06/2024. */
export function formatDateIt(iso: string): string {
  return iso.split('-').reverse().join('/');
}
