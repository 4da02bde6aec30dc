/**
 * Issue 22, point 3: the shared parsers run in linear time. Each one is run
 * on 100 000-character adversarial strings (long runs of digits, spaces,
 * dots, `n.`, a digit before a long run of spaces…) and its result checked;
 * a quadratic parser would take minutes here and hit the test timeout (the
 * times themselves are measured in `bench/parsers.ts`, not asserted). Then
 * the rewritten parsers are checked against the regular expressions they
 * replace, on 20 000 seeded random short strings: same results.
 */
import { describe, expect, it } from 'vitest';
import { random } from '../../../fixtures/damage.js';
import { datesIn, impossibleDates, parseItalianDate } from '../../../extractors/shared/dates.js';
import { parseGrading } from '../../../extractors/shared/grading.js';
import { findItalianNumber, parseItalianNumber, parsePercent } from '../../../extractors/shared/numbers.js';
import { parseTarget } from '../../../extractors/shared/targets.js';

const N = 100_000;
const run = (unit: string, length = N) => unit.repeat(Math.ceil(length / unit.length)).slice(0, length);

describe('parsers on 100 000-character adversarial strings', () => {
  it('numbers', () => {
    expect(parseItalianNumber(run('1') + '%')).toBeNull();
    expect(parseItalianNumber(run('1') + 'x')).toBeNull();
    expect(parseItalianNumber(run(' ') + '12,5')).toBe(12.5);
    expect(parseItalianNumber(`€ ${run(' ')}1.234,5`)).toBe(1234.5);
    expect(parseItalianNumber(run('.') + '7')).toBe(7);
    expect(parseItalianNumber(run('n.'))).toBeNull();
    expect(parsePercent(run('1'))).toBeNull();
    expect(parsePercent(run('1') + ' 50%')).toBe(50);
    expect(parsePercent(run(' ') + '%')).toBeNull();
    expect(parsePercent(run('%'))).toBeNull();
    expect(parsePercent(`${run('1,')}5 %`)).toBe(1.5);
    expect(findItalianNumber(run(' ') + '-3')).toEqual({ value: -3, index: N, text: '-3' });
    expect(findItalianNumber(run('n.'))).toBeNull();
  });

  it('dates', () => {
    // A day, a long run of spaces, a month and a year: a date, read once.
    expect(datesIn(`1${run(' ')}marzo 2024`)).toEqual(['2024-03-01']);
    expect(impossibleDates(`31${run(' ')}giugno 2024`)).toEqual([`31${run(' ')}giugno 2024`]);
    expect(datesIn(`1/${run(' ')}x`)).toEqual([]);
    expect(datesIn(run('1'))).toEqual([]);
    expect(impossibleDates(run('1 '))).toEqual([]);
    expect(parseItalianDate(run('12/'), 2024)).toMatchObject({ iso: '2012-12-12', status: 'ok' });
    expect(parseItalianDate(run('.'), 2024)).toMatchObject({ iso: null, status: 'none' });
    expect(parseItalianDate(`marzo${run(' ')}2024`)).toMatchObject({ iso: '2024-03-31', status: 'ok' });
    expect(parseItalianDate(run('n.'), 2024)).toMatchObject({ status: 'none' });
  });

  it('grading ladders', () => {
    expect(parseGrading(`Nessun ritardo = 100%; ${run('1')} = 50%`)?.steps).toEqual([{ maxDelayDays: 0, percent: 100 }]);
    expect(parseGrading(`Nessun ritardo = 100%; ritardo ${run('9')} = 50%`)?.steps).toEqual([{ maxDelayDays: 0, percent: 100 }]);
    expect(parseGrading(`Nessun ritardo = 100%; fino a 30 gg${run(' ')}= 80%`)?.steps).toEqual([{ maxDelayDays: 0, percent: 100 }, { maxDelayDays: 30, percent: 80 }]);
    expect(parseGrading(run('= '))?.steps).toEqual([]);
    expect(parseGrading(run('1 gg '))?.steps).toEqual([]);
  });

  it('targets', () => {
    expect(parseTarget(run('1 '), 2024).value).not.toBeNull();
    expect(parseTarget(`n. ${run(' ')}5`, 2024)).toMatchObject({ value: 5 });
    expect(parseTarget(run('.'), 2024).value).toBeNull();
  });
});

// The expressions the rewrites replace, as they were, for the comparison below (the grouped form with
// the later fix: a fourth digit after the point is no group of thousands, `1.2345`).
const OLD_NUMBER = /[-+−]?\d{1,3}(?:\.\d{3})+(?!\d)(?:,\d+)?|[-+−]?\d+(?:[.,]\d+)?/;
function oldParseItalianNumber(raw: string): number | null {
  const text = raw.replace(/€|euro|eur\b/gi, '').replace(/\s+/g, '').trim();
  if (text === '') return null;
  const m = new RegExp(`^${OLD_NUMBER.source}$`).exec(text);
  if (!m) return null;
  let t = m[0].replace('−', '-');
  if (t.includes(',')) t = t.replace(/\./g, '').replace(',', '.');
  else if (/^[-+]?\d{1,3}(\.\d{3})+$/.test(t)) t = t.replace(/\./g, '');
  return Number(t);
}
function oldParsePercent(raw: string): number | null {
  const m = /([-+]?\d+(?:[.,]\d+)?)\s*%/.exec(raw);
  return m ? Number(m[1]!.replace(',', '.')) : null;
}
const OLD_DAY_MONTH_YEAR = /(?<!\d)(\d{1,2})\s*°?\s+(gennaio|febbraio|marzo|aprile|maggio|giugno|luglio|agosto|settembre|ottobre|novembre|dicembre|genn?\.?|febb?r?\.?|mar\.?|apr\.?|magg?\.?|giu\.?|lug\.?|ago\.?|sett?\.?|ott\.?|nov\.?|dic\.?)\s+(\d{4})/gi;
const OLD_NUMERIC = /(?<!\d)(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{4}|\d{2})(?!\d)/g;
const MONTHS = ['gennaio', 'febbraio', 'marzo', 'aprile', 'maggio', 'giugno', 'luglio', 'agosto', 'settembre', 'ottobre', 'novembre', 'dicembre'];
const monthIndex = (word: string) => MONTHS.findIndex((m) => m.startsWith(word.toLowerCase().replace('.', '').slice(0, 3)));
function isoOf(year: number, month: number, day: number): string | null {
  if (month < 1 || month > 12 || day < 1 || day > new Date(Date.UTC(year, month, 0)).getUTCDate()) return null;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
function oldHits(raw: string): { index: number; iso: string | null; text: string }[] {
  const hits = [];
  for (const m of raw.matchAll(OLD_NUMERIC)) hits.push({ index: m.index, iso: isoOf(Number(m[3]) + (m[3]!.length === 2 ? 2000 : 0), Number(m[2]), Number(m[1])), text: m[0] });
  const numeric = hits.length;
  for (const m of raw.matchAll(OLD_DAY_MONTH_YEAR)) hits.push({ index: m.index, iso: isoOf(Number(m[3]), monthIndex(m[2]!) + 1, Number(m[1])), text: m[0] });
  return hits.map((h, k) => ({ ...h, order: k < numeric ? 0 : 1 }));
}
const oldImpossibleDates = (raw: string) => oldHits(raw).filter((h) => h.iso === null).map((h) => h.text);
const oldDatesIn = (raw: string) => oldHits(raw).filter((h) => h.iso !== null).sort((a, b) => a.index - b.index).map((h) => h.iso!);
const OLD_DAYS = String.raw`(\d+)\s*(?:gg|giorni|gg\.|g\.)`;
function oldMaxDelay(d: string): number | null | undefined {
  const range = new RegExp(String.raw`(?:da|tra|oltre)\s*(\d+)\s*(?:gg\.?|giorni)?\s*(?:a|e|e fino a?|fino a?)\s*${OLD_DAYS}`).exec(d);
  if (range) return Number(range[2]);
  const upTo = new RegExp(String.raw`(?:fino a|entro|max|massimo|sino a|non superiore a|inferiore a)\s*${OLD_DAYS}`).exec(d) ?? new RegExp(String.raw`${OLD_DAYS}\s*(?:di\s*)?ritardo`).exec(d);
  if (upTo && !/oltre/.test(d)) return Number(upTo[1]);
  if (/oltre|superiore/.test(d)) return null;
  if (/nessun ritardo|senza ritardo|rispetto del(?:la)? (?:termine|data|scadenza)|entro (?:il |la |l')?\d|entro il|entro la|^\s*rispetto/.test(d)) return 0;
  const days = new RegExp(OLD_DAYS).exec(d);
  return days ? Number(days[1]) : undefined;
}

describe('the rewrites read what the expressions they replace read', () => {
  const pieces = ['1', '2', '3', '12', '31', '2024', '000', '.', ',', ' ', '  ', '-', '+', '−', '%', '°', '/', '€', 'eur', 'x', 'n.', 'gg', 'gg.', 'giorni', ' di ritardo', 'da ', ' a ', 'oltre ', 'fino a ', 'entro ', 'e ', 'marzo', 'giu.', 'dic', '= ', ': ', 'nessun ritardo', '\t', '\n'];
  const strings = (seed: number, count: number) => {
    const rnd = random(seed);
    return Array.from({ length: count }, () => Array.from({ length: 1 + Math.floor(rnd() * 12) }, () => pieces[Math.floor(rnd() * pieces.length)]).join(''));
  };

  it('parseItalianNumber and parsePercent', () => {
    for (const s of strings(22, 20_000)) {
      expect(parseItalianNumber(s), JSON.stringify(s)).toEqual(oldParseItalianNumber(s));
      expect(parsePercent(s), JSON.stringify(s)).toEqual(oldParsePercent(s));
    }
  });

  it('datesIn and impossibleDates', () => {
    for (const s of strings(23, 20_000)) {
      expect(datesIn(s), JSON.stringify(s)).toEqual(oldDatesIn(s));
      expect(impossibleDates(s), JSON.stringify(s)).toEqual(oldImpossibleDates(s));
    }
  });

  it('grading ladders', () => {
    for (const s of strings(24, 20_000)) {
      const text = s.replace(/\s+/g, ' ').trim();
      const steps: { maxDelayDays: number | null; percent: number }[] = [];
      let from = 0;
      for (const m of text.matchAll(/(?:=|:)\s*[-–]?\s*(\d{1,3}(?:[.,]\d+)?)(?:\s*%|(?=\s+\p{L}))/gu)) {
        const description = text.slice(from, m.index);
        from = m.index + m[0].length;
        let delay = oldMaxDelay(description.toLowerCase());
        if (delay === undefined && steps.length === 0 && /entro|termine|scadenza/.test(description.toLowerCase()) && m[1] === '100') delay = 0;
        if (delay === undefined) continue;
        steps.push({ maxDelayDays: delay, percent: Number(m[1]!.replace(',', '.')) });
      }
      expect(parseGrading(s)?.steps ?? [], JSON.stringify(s)).toEqual(text === '' ? [] : steps);
    }
  });
});
