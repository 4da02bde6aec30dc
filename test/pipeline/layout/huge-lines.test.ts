/**
 * Lines of hundreds of thousands of cells or characters (a CSV pasted on one
 * line, a damaged export) must not overflow the stack: minima and maxima over
 * a line's cells or runs are loops, not `Math.max(...values)`.
 */
import { describe, expect, it } from 'vitest';
import { maxOf, minOf } from '../../../extractors/shared/extent.js';
import { readLayout } from '../../../pipeline/run.js';

describe('huge lines', () => {
  it('minOf and maxOf over 1 000 000 values, and the empty list as Math.min() / Math.max()', () => {
    const values = Array.from({ length: 1_000_000 }, (_, i) => (i * 7919) % 1_000_003);
    expect(minOf(values)).toBe(0);
    expect(maxOf(values)).toBe(values.reduce((m, v) => (v > m ? v : m), -Infinity));
    expect(minOf([])).toBe(Math.min());
    expect(maxOf([])).toBe(Math.max());
    expect(maxOf([], 1)).toBe(1);
  });

  it('a text line of 200 000 tab-separated cells becomes a layout (was: Maximum call stack size exceeded in the layout stage)', async () => {
    const line = Array.from({ length: 200_000 }, (_, i) => `c${i}`).join('\t');
    const layout = await readLayout('enorme.txt', new TextEncoder().encode(`Intestazione\n${line}\n${line}\n`));
    expect(layout).not.toBeNull();
    expect(layout!.pages[0]!.lines.length).toBeGreaterThanOrEqual(3);
  });
});
