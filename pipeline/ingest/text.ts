/**
 * Text input -> layout: form feeds split pages, each text line is a line,
 * tab-separated cells are cells. Line numbers are those of the file.
 *
 * Tables: a run of tab-separated lines (blank lines and page breaks inside
 * the run allowed) is one table; its rows are marked for `assembleTables`.
 */
import type { LayoutDocument, LayoutLine, LayoutPage } from '../../models/layout.js';

export function layoutFromText(text: string): LayoutDocument {
  const fileLines = text.split(/\r\n|\r|\n/);
  if (fileLines.length > 1 && fileLines[fileLines.length - 1] === '') fileLines.pop();
  const pages: LayoutPage[] = [newPage(1)];
  fileLines.forEach((fileLine, index) => {
    const parts = fileLine.split('\f');
    parts.forEach((part, k) => {
      if (k > 0) pages.push(newPage(pages.length + 1));
      // A form feed alone at the start of a line opens the page; it is not a line of its own.
      if (k > 0 && part === '' && k === parts.length - 1 && parts.length > 1 && fileLine.endsWith('\f')) return;
      if (k === 0 && part === '' && parts.length > 1) return;
      pages[pages.length - 1]!.lines.push(textLine(part, pages.length, index + 1));
    });
  });
  markTabTables(pages);
  return { pages, tables: [] };
}

/** Lines with two or more tab-separated cells, in runs that blank lines do not break, are the rows of one table. */
function markTabTables(pages: LayoutPage[]): void {
  let id = 0;
  let open = false;
  for (const page of pages) {
    for (const line of page.lines) {
      if (line.cells.length >= 2) {
        if (!open) id++;
        open = true;
        line.table = { id: `tabs:${id}`, row: 0 };
      } else if (line.text.trim() !== '') open = false;
    }
  }
}

function newPage(number: number): LayoutPage {
  return { number, width: null, height: null, origin: 'text', lines: [] };
}

function textLine(raw: string, page: number, line: number): LayoutLine {
  return { page, line, text: raw, cells: raw.split('\t').map((part, col) => ({ text: part.trim(), col })) };
}
