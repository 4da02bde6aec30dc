/**
 * `npm run bench` (part of it), or alone: `npx tsx bench/parsers.ts`. Times
 * each shared parser of `extractors/shared/` on 100 000-character
 * adversarial strings (long runs of digits, spaces, dots, `n.`, date and
 * ladder fragments) against a linear baseline: a plain
 * `String.prototype.indexOf` scan of the same string for a character it does
 * not hold. The ratio stays about the same when the string grows tenfold for
 * a linear parser; for a quadratic one it grows tenfold too.
 */
import { pathToFileURL } from 'node:url';
import { datesIn, impossibleDates, parseItalianDate } from '../extractors/shared/dates.js';
import { parseGrading } from '../extractors/shared/grading.js';
import { findItalianNumber, parseItalianNumber, parsePercent } from '../extractors/shared/numbers.js';
import { parseTarget } from '../extractors/shared/targets.js';
import { parseIndicatorKind } from '../extractors/shared/kinds.js';
import { normalizeLabel, labelSimilarity } from '../extractors/shared/labels.js';

/** Adversarial inputs of `length` characters: runs that make a backtracking regex try every split. */
export function adversarialStrings(length = 100_000): Record<string, string> {
  const fill = (unit: string) => unit.repeat(Math.ceil(length / unit.length)).slice(0, length);
  return {
    digits: fill('1'),
    spaces: fill(' '),
    dots: fill('.'),
    'n.': fill('n.'),
    'digit-space': fill('1 '),
    'digit-dot': fill('1.'),
    'digit-comma': fill('1,'),
    'digits-then-x': fill('1') .slice(0, length - 1) + 'x',
    'spaces-then-x': fill(' ').slice(0, length - 1) + 'x',
    'day-slash': fill('12/'),
    'day-month': fill('1 gen '),
    'equals-space': fill('= '),
    'gg': fill('1 gg '),
    'da-a': fill('da 1 a '),
    'percent-digits': fill('1') + '%',
    'thousands': fill('1.000'),
    'months': fill('marzo '),
    'digit-spaces': '1' + fill(' ').slice(0, length - 2) + 'x',
    'slash-spaces': '1/' + fill(' ').slice(0, length - 3) + 'x',
    'equals-spaces': '=' + fill(' ').slice(0, length - 2) + 'x',
    'month-spaces': 'marzo' + fill(' ').slice(0, length - 6) + 'x',
    'days-digits': 'oltre ' + fill('1').slice(0, length - 12) + ' = 50%',
    'digits-percent': fill('1').slice(0, length - 8) + ' gg = 5%',
  };
}

export const parsers: Record<string, (s: string) => unknown> = {
  parseItalianDate: (s) => parseItalianDate(s, 2024),
  impossibleDates,
  datesIn,
  parseGrading,
  parseItalianNumber,
  findItalianNumber,
  parsePercent,
  parseTarget: (s) => parseTarget(s, 2024),
  parseIndicatorKind,
  normalizeLabel,
  labelSimilarity: (s) => labelSimilarity(s, 'obiettivo operativo'),
};

function time(fn: () => unknown, minMs = 20): number {
  let rounds = 0;
  const start = process.hrtime.bigint();
  let elapsed = 0;
  do {
    fn();
    rounds++;
    elapsed = Number(process.hrtime.bigint() - start) / 1e6;
  } while (elapsed < minMs && rounds < 1000);
  return elapsed / rounds;
}

/**
 * For each parser, its worst adversarial input at `length` characters: ms
 * per call, the indexOf baseline, their ratio, and the growth of the time
 * from a tenth of the length (about 10 for a linear parser, 100 for a
 * quadratic one).
 */
export function benchParsers(length = Number(process.env.BENCH_PARSER_LENGTH ?? 100_000)): { parser: string; input: string; ms: number; ratio: number; growth: number }[] {
  const inputs = adversarialStrings(length);
  const small = adversarialStrings(Math.round(length / 10));
  console.log(`\nparsers on adversarial strings of ${length} characters: ms per call on the worst input, an indexOf scan of it, their ratio, and the growth from ${length / 10} characters (linear ≈ 10, quadratic ≈ 100)`);
  console.log(`${'parser'.padEnd(20)} ${'worst input'.padEnd(16)} ${'ms'.padStart(9)} ${'indexOf ms'.padStart(11)} ${'ratio'.padStart(9)} ${'growth'.padStart(7)}`);
  const rows = [];
  for (const [name, parse] of Object.entries(parsers)) {
    let row = { parser: name, input: '', ms: 0, base: 1, ratio: 0, growth: 0 };
    for (const [input, s] of Object.entries(inputs)) {
      const ms = time(() => parse(s), 5);
      if (ms <= row.ms) continue;
      const base = time(() => s.indexOf('\u0000'), 5);
      row = { parser: name, input, ms, base, ratio: ms / base, growth: ms / time(() => parse(small[input]!), 5) };
    }
    rows.push(row);
    console.log(`${name.padEnd(20)} ${row.input.padEnd(16)} ${row.ms.toFixed(3).padStart(9)} ${row.base.toFixed(4).padStart(11)} ${row.ratio.toFixed(0).padStart(8)}x ${row.growth.toFixed(1).padStart(7)}`);
  }
  return rows;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) benchParsers();
