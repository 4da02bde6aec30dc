/**
 * Charts of the Relazione as inline SVG, built here rather than in a
 * template so that every label is escaped in one place: a unit name read
 * from a document can never become markup. Sizes are fixed, so the same
 * SVG works inline in HTML and as a picture inside the ODT.
 */
import { formatNumber } from './italian.js';

const esc = (s: string) => s.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** A rough width of a text in a sans font, in px: capitals and digits are wider than lower case. */
const textWidth = (s: string, fontSize: number) => [...s].reduce((w, c) => w + (/[A-ZÀ-ÖØ-Þ0-9MW@%]/.test(c) ? 0.68 : /[ il.,;:'|!()\[\]-]/.test(c) ? 0.3 : 0.55), 0) * fontSize;

/** The text cut with an ellipsis so that it fits `width` px: a label never runs out of the picture. */
export function fitText(s: string, width: number, fontSize: number): string {
  const text = s.replace(/\s+/g, ' ').trim();
  if (textWidth(text, fontSize) <= width) return text;
  let n = text.length;
  while (n > 1 && textWidth(`${text.slice(0, n)}…`, fontSize) > width) n--;
  return `${text.slice(0, n).trimEnd()}…`;
}

/** The tallest a chart is drawn when it has many rows, in px (23 cm at 96 dpi: it fits an A4 page with its heading). */
const MAX_HEIGHT = 870;

/** Horizontal bars, one per row, 0-100%; with many rows they get thinner (down to 12 px) so the chart keeps to a page. */
export function barChart(title: string, rows: readonly { label: string; percent: number | null }[]): string {
  const rowH = Math.max(12, Math.min(22, Math.floor((MAX_HEIGHT - 54) / Math.max(1, rows.length))));
  const font = Math.min(11, rowH - 4);
  // 650 px: 17,2 cm at 96 dpi, within the 17,4 cm text width of the ODT page.
  const labelW = 290;
  const barW = 290;
  const top = 30;
  const height = top + rows.length * rowH + 24;
  const width = labelW + barW + 70;
  const bars = rows
    .map((r, k) => {
      const y = top + k * rowH;
      const w = r.percent === null ? 0 : (Math.max(0, Math.min(100, r.percent)) / 100) * barW;
      const value = r.percent === null ? 'n.d.' : `${formatNumber(r.percent, 1)}%`;
      return (
        `<text x="${labelW - 6}" y="${(y + rowH * 0.68).toFixed(1)}" text-anchor="end" font-size="${font}">${esc(fitText(r.label, labelW - 10, font))}</text>` +
        `<rect x="${labelW}" y="${(y + rowH * 0.18).toFixed(1)}" width="${w.toFixed(1)}" height="${(rowH * 0.64).toFixed(1)}" fill="#4a6fa5"/>` +
        `<text x="${labelW + w + 4}" y="${(y + rowH * 0.68).toFixed(1)}" font-size="${font}">${value}</text>`
      );
    })
    .join('');
  const axis = [0, 50, 100]
    .map((p) => `<line x1="${labelW + (p / 100) * barW}" y1="${top}" x2="${labelW + (p / 100) * barW}" y2="${height - 20}" stroke="#bbb" stroke-dasharray="2,2"/><text x="${labelW + (p / 100) * barW}" y="${height - 6}" text-anchor="middle" font-size="10">${p}%</text>`)
    .join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="Liberation Sans, DejaVu Sans, Arial, sans-serif" role="img" aria-label="${esc(title)}"><text x="0" y="16" font-size="13" font-weight="bold">${esc(title)}</text>${axis}${bars}</svg>`;
}

/** Vertical bars: how many objectives fall in each score band. */
export function bandChart(title: string, bands: readonly { label: string; count: number }[]): string {
  const colW = 130;
  const plotH = 140;
  const top = 34;
  const width = Math.max(300, bands.length * colW + 20);
  const height = top + plotH + 44;
  const max = Math.max(1, ...bands.map((b) => b.count));
  const cols = bands
    .map((b, k) => {
      const h = (b.count / max) * plotH;
      const x = 10 + k * colW;
      return (
        `<rect x="${x + 25}" y="${(top + plotH - h).toFixed(1)}" width="${colW - 50}" height="${h.toFixed(1)}" fill="#6a8f4e"/>` +
        `<text x="${x + colW / 2}" y="${(top + plotH - h - 4).toFixed(1)}" text-anchor="middle" font-size="12">${b.count}</text>` +
        `<text x="${x + colW / 2}" y="${top + plotH + 16}" text-anchor="middle" font-size="10">${esc(fitText(b.label, colW - 6, 10))}</text>`
      );
    })
    .join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="Liberation Sans, DejaVu Sans, Arial, sans-serif" role="img" aria-label="${esc(title)}"><text x="0" y="16" font-size="13" font-weight="bold">${esc(title)}</text><line x1="10" y1="${top + plotH}" x2="${width - 10}" y2="${top + plotH}" stroke="#999"/>${cols}</svg>`;
}
