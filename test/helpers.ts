/**
 * Shared test helpers: fixture paths, comparison with a reviewed JSON file (never written by a plain run).
 * Curated (hand-written) expected files are compared by `expectCurated` in test/expected.ts.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { expect } from 'vitest';

export const ROOT = join(import.meta.dirname, '..');
export const SEEDS = join(ROOT, 'fixtures', 'seeds');

export const seed = {
  legacy: join(SEEDS, '000_47863afee0935d57.txt'),
  prose: join(SEEDS, '001_5d50e1c2c5be2f70.txt'),
  piao22: join(SEEDS, '002_7ec37e340e3bd953.txt'),
  schede: join(SEEDS, '003_c478a5ea033ad6cc.txt'),
  organizzativa: join(SEEDS, '004_c815e41a38a1a3ff.txt'),
} as const;

/**
 * A small line diff (`-` expected, `+` actual, two lines of context), for
 * showing what `UPDATE_EXPECTED=1` changed in an expected file.
 */
export function lineDiff(before: string, after: string, context = 2): string {
  const a = before.split('\n');
  const b = after.split('\n');
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const x = a.slice(head, a.length - tail);
  const y = b.slice(head, b.length - tail);
  if (x.length === 0 && y.length === 0) return '';
  // Longest common subsequence of the differing middle; past 2000 x 2000 lines, the whole middle is shown as replaced.
  const ops: string[] = [];
  if (x.length * y.length <= 4_000_000) {
    const lcs = Array.from({ length: x.length + 1 }, () => new Uint32Array(y.length + 1));
    for (let i = x.length - 1; i >= 0; i--)
      for (let j = y.length - 1; j >= 0; j--) lcs[i]![j] = x[i] === y[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
    let i = 0;
    let j = 0;
    while (i < x.length || j < y.length) {
      if (i < x.length && j < y.length && x[i] === y[j]) ops.push(`  ${x[i++]}`), j++;
      else if (i < x.length && (j === y.length || lcs[i + 1]![j]! >= lcs[i]![j + 1]!)) ops.push(`- ${x[i++]}`);
      else ops.push(`+ ${y[j++]}`);
    }
  } else {
    ops.push(...x.map((l) => `- ${l}`), ...y.map((l) => `+ ${l}`));
  }
  const lines = [...a.slice(Math.max(0, head - context), head).map((l) => `  ${l}`), ...ops, ...a.slice(a.length - tail, a.length - tail + context).map((l) => `  ${l}`)];
  // Long runs of unchanged lines inside the middle are shortened.
  const out: string[] = [`@@ line ${Math.max(0, head - context) + 1} @@`];
  let same: string[] = [];
  const flush = () => {
    if (same.length > 2 * context + 1) out.push(...same.slice(0, context), `  … ${same.length - 2 * context} unchanged lines`, ...same.slice(-context));
    else out.push(...same);
    same = [];
  };
  for (const l of lines) {
    if (l.startsWith('  ')) same.push(l);
    else flush(), out.push(l);
  }
  flush();
  return out.join('\n');
}

/**
 * Compares `actual` with the JSON file at `path`: for a whole value produced
 * from an independent source and reviewed by hand (a document's model is
 * compared with a curated file instead: `expectCurated` in test/expected.ts). A missing file fails the test: nothing writes
 * it except `UPDATE_EXPECTED=1`, which writes it and prints the diff, to be
 * reviewed before it is committed.
 */
export function expectMatchesFile(actual: unknown, path: string): void {
  const name = relative(ROOT, path);
  const text = JSON.stringify(actual, null, 2) + '\n';
  if (process.env.UPDATE_EXPECTED === '1') {
    const before = existsSync(path) ? readFileSync(path, 'utf8') : '';
    if (before !== text) {
      writeFileSync(path, text);
      console.log(`UPDATE_EXPECTED: ${before ? 'rewrote' : 'wrote'} ${name}; review the diff before committing:\n${lineDiff(before, text)}`);
    }
  }
  if (!existsSync(path)) expect.fail(`expected file ${name} is missing; it is only written by UPDATE_EXPECTED=1, and then reviewed`);
  expect(JSON.parse(text)).toEqual(JSON.parse(readFileSync(path, 'utf8')));
}
