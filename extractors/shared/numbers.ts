/** Italian number formats: `1.234,56`, `4.137,93`, `2,49`, `1.000`, `-1`, `€ 386.650`. */

const NUMBER_RE = /[-+−]?\d{1,3}(?:\.\d{3})+(?:,\d+)?|[-+−]?\d+(?:[.,]\d+)?/;

/** Parses one Italian-formatted number in `raw`; null when there is none or it is not only a number. */
export function parseItalianNumber(raw: string): number | null {
  const text = raw.replace(/€|euro|eur\b/gi, '').replace(/\s+/g, '').trim();
  if (text === '') return null;
  const m = new RegExp(`^${NUMBER_RE.source}$`).exec(text);
  if (!m) return null;
  return toNumber(m[0]);
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

/** A percentage such as `50%`, `50 %`, `50,5%`; null when none. */
export function parsePercent(raw: string): number | null {
  const m = /([-+]?\d+(?:[.,]\d+)?)\s*%/.exec(raw);
  return m ? Number(m[1]!.replace(',', '.')) : null;
}
