/** Italian number formats: `1.234,56`, `4.137,93`, `2,49`, `1.000`, `-1`, `€ 386.650`. */

/**
 * The grouped form (`1.234,56`) ends its groups of three: a fourth digit after the point
 * (`1.2345`) makes the point a decimal point, not a thousands separator.
 */
const NUMBER_RE = /[-+−]?\d{1,3}(?:\.\d{3})+(?!\d)(?:,\d+)?|[-+−]?\d+(?:[.,]\d+)?/;
/** The grouped form (`1.234,56`) at the very start of a text. */
const GROUPED_AT_START = /^[-+−]?\d{1,3}(?:\.\d{3})+(?!\d)(?:,\d+)?/;

const isDigit = (c: number) => c >= 48 && c <= 57;
// A leading `+` changes no value: only the minus signs are read back.
const isMinus = (c: string | undefined) => c === '-' || c === '−';

/** Start of the run of digits that ends just before `end`, or `end` when there is none. */
function digitsBefore(text: string, end: number): number {
  let at = end;
  // At 0, charCodeAt(-1) is NaN, not a digit: the loop stops there.
  while (isDigit(text.charCodeAt(at - 1))) at--;
  return at;
}

/**
 * Leftmost start of a plain number (`[-−]?\d+(?:[.,]\d+)?`; a `+` is left out, it changes no value) that ends
 * exactly at `end`, or -1: found by reading back from `end`, in time linear
 * in the number's length (a regular expression tried at every start would be
 * quadratic on a long run of digits).
 */
function plainNumberEndingAt(text: string, end: number): number {
  const last = digitsBefore(text, end);
  if (last === end) return -1;
  let start = last;
  const sep = text[last - 1];
  if (sep === '.' || sep === ',') {
    const first = digitsBefore(text, last - 1);
    if (first < last - 1) start = first;
  }
  return isMinus(text[start - 1]) ? start - 1 : start;
}

/** Parses one Italian-formatted number in `raw`; null when there is none or it is not only a number. */
export function parseItalianNumber(raw: string): number | null {
  const text = raw
    .replace(/€|euro|eur\b/gi, '')
    .replace(/\s/g, '');
  // What `^grouped|plain$` matches: the grouped form at the start, else the leftmost plain number ending the text.
  const grouped = GROUPED_AT_START.exec(text);
  if (grouped) return toNumber(grouped[0]);
  const start = plainNumberEndingAt(text, text.length);
  return start < 0 ? null : toNumber(text.slice(start));
}

/** The first Italian-formatted number inside a text, with where it stood. */
export function findItalianNumber(raw: string): { value: number; index: number; text: string } | null {
  const m = NUMBER_RE.exec(raw);
  if (!m) return null;
  return { value: toNumber(m[0]), index: m.index, text: m[0] };
}

function toNumber(token: string): number {
  let t = token.replace('−', '-');
  if (t.includes(',')) t = t.replace(/\./g, '').replace(',', '.');
  else if (/^[-+]?\d{1,3}(\.\d{3})+$/.test(t)) t = t.replace(/\./g, '');
  return Number(t);
}

/**
 * A percentage such as `50%`, `50 %`, `50,5%`; null when none. The first `%`
 * preceded by a number decides (the number before an earlier `%` starts
 * earlier), each read back from its `%`.
 */
export function parsePercent(raw: string): number | null {
  for (let at = raw.indexOf('%'); at >= 0; at = raw.indexOf('%', at + 1)) {
    let end = at;
    // At 0, charAt(-1) is '', not a space: the loop stops there.
    while (/\s/.test(raw.charAt(end - 1))) end--;
    let start = plainNumberEndingAt(raw, end);
    if (start < 0) continue;
    // The pattern allows `+` and `-` as signs, not `−`.
    if (raw[start] === '−') start++;
    return Number(raw.slice(start, end).replace(',', '.'));
  }
  return null;
}
