/**
 * The handlebars side of rendering: one template per document and format in
 * `templates/` (`plan.html.hbs`, `plan.md.hbs`, `plan.odt.hbs`, ...), each
 * compiled once in a private environment. Escaping is never left to the
 * template author: HTML and ODT (XML) use handlebars' escaping of every
 * `{{value}}`; Markdown gets a view whose every string is escaped for
 * Markdown beforehand, so text from a document can inject neither markup,
 * links nor script into a rendered page.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Handlebars from 'handlebars';
import { packageRoot } from '../io.js';
import { plural } from '../messages.js';

export type TemplateFormat = 'html' | 'md' | 'odt';

/**
 * ODT table columns by what they hold: each kind has a relative weight and a
 * table's columns share the text width (17.4 cm) in proportion, so a text
 * column is never squeezed beside numbers and a year column is never wide.
 */
export const COLUMN_WEIGHTS = {
  /** Descriptions, titles, notes. */
  text: 6,
  /** Unit or person names, short phrases (the rule of an outcome). */
  name: 3.6,
  /** Codes (`OB02/I1`, `SO01/A2024.2`). */
  code: 2.3,
  /** A printed value or target (`≥ 24 ore`, `€ 4.137,93`). */
  value: 2.6,
  /** A one-word label (type, outcome, band). */
  label: 2.3,
  /** A date (`31/12/2024`). */
  date: 2.2,
  /** A count or percentage. */
  num: 1.7,
  /** A year. */
  year: 1.4,
  /** A row number. */
  n: 1,
} as const;
export type ColumnKind = keyof typeof COLUMN_WEIGHTS;
/** The text width of an A4 page with the margins of `odt-styles.xml`, in millimetres. */
const TEXT_WIDTH_MM = 174;

/** The narrowest a column of a kind may be, in millimetres: a date or a value on one line at 9 pt. */
const COLUMN_MIN_MM: Record<ColumnKind, number> = { text: 30, name: 22, code: 17, value: 19, label: 16, date: 20, num: 12, year: 11, n: 8 };

/**
 * Column widths in millimetres for a table of these kinds, summing to the text width (unknown kinds count as
 * `name`): in proportion to their weights, each at least its kind's minimum, what the minimums take coming
 * from the columns that have room to spare.
 */
export function columnWidths(kinds: readonly string[]): number[] {
  const known = kinds.map((k) => (k in COLUMN_WEIGHTS ? (k as ColumnKind) : 'name'));
  const weights = known.map((k) => COLUMN_WEIGHTS[k]);
  const total = weights.reduce((a, b) => a + b, 0) || 1;
  let widths = weights.map((w) => (w / total) * TEXT_WIDTH_MM);
  const mins = known.map((k) => COLUMN_MIN_MM[k]);
  if (mins.reduce((a, b) => a + b, 0) >= TEXT_WIDTH_MM) widths = mins.map((m) => (m / mins.reduce((a, b) => a + b, 0)) * TEXT_WIDTH_MM);
  else {
    for (let round = 0; round < 5; round++) {
      const deficit = widths.reduce((d, w, k) => d + Math.max(0, mins[k]! - w), 0);
      if (deficit < 0.01) break;
      const spare = widths.reduce((s, w, k) => s + Math.max(0, w - mins[k]!), 0);
      widths = widths.map((w, k) => (w <= mins[k]! ? mins[k]! : w - (deficit * (w - mins[k]!)) / spare));
    }
  }
  // Whole millimetres summing to the text width: the largest remainders get the millimetres rounding down leaves.
  const scale = TEXT_WIDTH_MM / (widths.reduce((a, b) => a + b, 0) || 1);
  const exact = widths.map((w) => w * scale);
  const mm = exact.map((w) => Math.floor(w));
  const order = exact.map((w, k) => [w - Math.floor(w), k] as const).sort((a, b) => b[0] - a[0]);
  for (let k = 0, left = TEXT_WIDTH_MM - mm.reduce((a, b) => a + b, 0); left > 0 && order.length > 0; k++, left--) mm[order[k % order.length]![1]]! += 1;
  return mm;
}

/** Widths used by the ODT being rendered: each becomes an automatic column style `ColW<mm>`. */
let widthsInUse: Set<number> | null = null;

function columnStyles(widths: Iterable<number>): string {
  return [...widths]
    .sort((a, b) => a - b)
    .map((mm) => `<style:style style:name="ColW${mm}" style:family="table-column"><style:table-column-properties style:column-width="${(mm / 10).toFixed(1)}cm" style:rel-width="${mm}*"/></style:style>`)
    .join('');
}

/** Markdown: backslash before every character that could start markup; line breaks become spaces (table cells). */
export function escapeMarkdown(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').replace(/([\\`*_{}[\]()<>#+!|~&])/g, '\\$1');
}

function deepEscape(value: unknown): unknown {
  if (typeof value === 'string') return escapeMarkdown(value);
  if (Array.isArray(value)) return value.map(deepEscape);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, deepEscape(v)]));
  return value;
}

function environment(): typeof Handlebars {
  const env = Handlebars.create();
  env.registerHelper('eq', (a: unknown, b: unknown) => a === b);
  env.registerHelper('add', (a: number, b: number) => a + b);
  env.registerHelper('lt', (a: number, b: number) => a < b);
  /** `{{plural n "pagina" "pagine"}}` -> `1 pagina`, `9 pagine` (Italian plural rules, Italian number form). */
  env.registerHelper('plural', (n: number, one: string, other: string) => plural(Number(n), { one, other }));
  env.registerHelper('list', (...args: unknown[]) => args.slice(0, -1));
  /** HTML: `{{breakable file}}` escapes a file name and lets it break only after `/`, `\\`, `_`, `-` or `.` (`<wbr>`), never inside a word. */
  env.registerHelper('breakable', (value: unknown) =>
    new env.SafeString(env.escapeExpression(String(value ?? '')).replace(/([/\\_.-]|&#x2F;)(?=.)/gu, '$1<wbr>')),
  );
  /** Markdown list indentation: two spaces per level. */
  env.registerHelper('mdIndent', (depth: number) => '  '.repeat(Math.max(0, depth)));
  env.registerHelper('repeat', (value: unknown, n: number) => Array.from({ length: Math.max(0, Math.min(1000, Number(n) || 0)) }, () => value));
  /** ODT: `{{{columns "text" "num" ...}}}` writes a table's columns with widths from their kinds (COLUMN_WEIGHTS). */
  env.registerHelper('columns', (...args: unknown[]) => {
    const kinds = args.slice(0, -1).flatMap((a) => (Array.isArray(a) ? a : [a])).map(String);
    const widths = columnWidths(kinds);
    for (const mm of widths) widthsInUse?.add(mm);
    return new env.SafeString(widths.map((mm) => `<table:table-column table:style-name="ColW${mm}"/>`).join(''));
  });
  // Shared pieces (`{{> odt-head}}`): templates/partials/<name>.hbs, trailing newline dropped so inline use adds no space.
  const partials = join(packageRoot(), 'templates', 'partials');
  for (const file of readdirSync(partials).filter((f) => f.endsWith('.hbs'))) {
    env.registerPartial(file.replace(/\.hbs$/, ''), readFileSync(join(partials, file), 'utf8').replace(/\n$/, ''));
  }
  return env;
}

const compiled = new Map<string, Handlebars.TemplateDelegate>();

export function renderTemplate(document: string, format: TemplateFormat, view: object): string {
  const name = `${document}.${format}.hbs`;
  let template = compiled.get(name);
  if (!template) {
    const source = readFileSync(join(packageRoot(), 'templates', name), 'utf8');
    template = environment().compile(source, { noEscape: format === 'md', strict: false });
    compiled.set(name, template);
  }
  if (format !== 'odt') return template(format === 'md' ? deepEscape(view) : view);
  widthsInUse = new Set();
  try {
    const xml = template(view);
    return xml.replace('</office:automatic-styles>', `${columnStyles(widthsInUse)}</office:automatic-styles>`);
  } finally {
    widthsInUse = null;
  }
}
