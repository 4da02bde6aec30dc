/**
 * Smallest and largest of a list, by a loop: `Math.min(...values)` passes
 * every value as an argument, and a line of 100 000 characters or cells is
 * more arguments than the stack holds ("Maximum call stack size exceeded").
 */

/** The smallest value, `empty` (default +Infinity, as Math.min()) for an empty list. */
export function minOf(values: Iterable<number>, empty = Number.POSITIVE_INFINITY): number {
  let best = empty;
  let any = false;
  for (const v of values) {
    if (!any || v < best) best = v;
    any = true;
  }
  return best;
}

/** The largest value, `empty` (default -Infinity, as Math.max()) for an empty list. */
export function maxOf(values: Iterable<number>, empty = Number.NEGATIVE_INFINITY): number {
  let best = empty;
  let any = false;
  for (const v of values) {
    if (!any || v > best) best = v;
    any = true;
  }
  return best;
}
