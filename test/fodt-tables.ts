/**
 * The tables of a Flat ODT (`.fodt`) as its author wrote them: an oracle for
 * the tables piao reads from the PDF and the text exports made from it.
 *
 * A tiny walk over the XML tags (no XML library): `table:table` →
 * `table:table-header-rows`? → `table:table-row` → `table:table-cell` (with
 * `table:number-rows-spanned` / `table:number-columns-spanned`) or
 * `table:covered-table-cell` (a position covered by a merged cell, not a cell
 * of its own: ODF writes one at every position a span covers). A cell's text is its paragraphs (`text:p`, `text:h`) joined by
 * a space, spans and `text:s` / `text:tab` / `text:line-break` read as
 * spaces, entities decoded. Nested tables are read as tables of their own.
 */

export interface FodtCell {
  row: number;
  col: number;
  rowSpan: number;
  colSpan: number;
  text: string;
  header: boolean;
}

export interface FodtTable {
  name: string;
  rows: number;
  cols: number;
  /** Rows inside `table:table-header-rows` (repeated by the word processor on every page). */
  headerRows: number;
  /** Anchored cells, row by row; a merged cell appears once, at its top left. */
  cells: FodtCell[];
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decode(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|\w+);/giu, (all, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return Number.isFinite(code) ? String.fromCodePoint(code) : all;
    }
    return ENTITIES[name] ?? all;
  });
}

const attr = (tag: string, name: string): string | null => new RegExp(`\\s${name}="([^"]*)"`, 'u').exec(tag)?.[1] ?? null;
const count = (tag: string, name: string): number => {
  const n = Number(attr(tag, name) ?? 1);
  return Number.isInteger(n) && n >= 1 ? n : 1;
};

interface Open {
  table: FodtTable;
  inHeader: boolean;
  row: number;
  col: number;
  cell: FodtCell | null;
  paragraphs: string[];
  paragraph: string | null;
}

/** Every table of a FODT document, in the order they end (a nested table before the one that holds it). */
export function fodtTables(xml: string): FodtTable[] {
  const done: FodtTable[] = [];
  const stack: Open[] = [];
  const tag = /<(\/?)([\w-]+:[\w-]+)([^>]*?)(\/?)>|([^<]+)/gu;
  for (let m = tag.exec(xml); m; m = tag.exec(xml)) {
    const top = stack[stack.length - 1];
    if (m[5] !== undefined) {
      if (top?.paragraph !== null && top?.paragraph !== undefined) top.paragraph += decode(m[5]);
      continue;
    }
    const closing = m[1] === '/';
    const name = m[2]!;
    const attrs = m[3] ?? '';
    const empty = m[4] === '/';
    switch (name) {
      case 'table:table':
        if (closing) {
          const open = stack.pop();
          if (open) {
            open.table.rows = open.row;
            done.push(open.table);
          }
        } else if (!empty) {
          stack.push({ table: { name: attr(attrs, 'table:name') ?? '', rows: 0, cols: 0, headerRows: 0, cells: [] }, inHeader: false, row: 0, col: 0, cell: null, paragraphs: [], paragraph: null });
        }
        break;
      case 'table:table-header-rows':
        if (top) top.inHeader = !closing && !empty;
        break;
      case 'table:table-row':
        if (!top) break;
        if (!closing) {
          top.col = 0;
          if (top.inHeader) top.table.headerRows++;
        }
        if (closing || empty) top.row++;
        break;
      case 'table:table-cell':
      case 'table:covered-table-cell': {
        if (!top) break;
        if (closing) {
          if (top.cell) finishCell(top);
          break;
        }
        const repeat = count(attrs, 'table:number-columns-repeated');
        for (let k = 0; k < repeat; k++) {
          if (name === 'table:covered-table-cell') {
            top.col++;
            continue;
          }
          const cell: FodtCell = { row: top.row, col: top.col, rowSpan: count(attrs, 'table:number-rows-spanned'), colSpan: count(attrs, 'table:number-columns-spanned'), text: '', header: top.inHeader };
          // The positions a span covers follow as covered cells of their own: one step per element.
          top.col++;
          top.table.cols = Math.max(top.table.cols, cell.col + cell.colSpan);
          top.table.cells.push(cell);
          if (!empty && k === repeat - 1) {
            top.cell = cell;
            top.paragraphs = [];
          }
        }
        break;
      }
      case 'text:p':
      case 'text:h':
        if (!top?.cell) break;
        if (!closing) top.paragraph = '';
        if ((closing || empty) && top.paragraph !== null) {
          top.paragraphs.push(top.paragraph);
          top.paragraph = null;
        }
        break;
      case 'text:s':
      case 'text:tab':
      case 'text:line-break':
        if (top?.paragraph !== null && top?.paragraph !== undefined) top.paragraph += ' ';
        break;
      default:
        break;
    }
  }
  return done;
}

function finishCell(open: Open): void {
  if (!open.cell) return;
  open.cell.text = open.paragraphs
    .map((p) => p.replace(/\s+/gu, ' ').trim())
    .filter((p) => p !== '')
    .join(' ');
  open.cell = null;
  open.paragraphs = [];
}
