/**
 * The rule pages (`docs/rules/<id>.md`) as HTML files next to the reports
 * that link to them, so every link of a report works offline, on a shared
 * folder or once published: `<dir>/<id>.html`, plus `<dir>/index.html`
 * listing them. Rendered with marked from the Markdown kept in the package.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { marked } from 'marked';
import { packageRoot, writeFileAtomic } from '../io.js';
import type { Lang } from './summary.js';

/** Folder name of the rule pages next to a report. */
export const RULES_DIR = 'regole';

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const STYLE = `body { font-family: system-ui, "Segoe UI", Arial, sans-serif; margin: 2rem auto; max-width: 48rem; padding: 0 1rem; color: #1b1b1b; line-height: 1.5; }
code { font-family: ui-monospace, Consolas, monospace; background: #f4f4f4; padding: 0 .2rem; }
table { border-collapse: collapse; } th, td { border: 1px solid #ccc; padding: .3rem .5rem; text-align: left; } th { background: #f2f2f2; }
nav { font-size: .9rem; } @media print { nav { display: none; } }`;

function page(title: string, body: string, lang: Lang, back: string): string {
  return `<!DOCTYPE html>
<html lang="it">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>${escapeHtml(title)}</title>
<style>
${STYLE}
</style>
</head>
<body>
<nav><a href="index.html">${lang === 'it' ? 'Tutte le regole' : 'All rules'}</a>${back}</nav>
${body}
</body>
</html>
`;
}

/** Links between rule pages (`weights-sum.md`) and to the other docs (`../ocr.md`, bundled beside them) point to their HTML page. */
function relink(html: string): string {
  return html.replace(/href="(?:\.\.\/|rules\/)?([\w.-]+)\.md(#[^"]*)?"/g, (_w, name: string, hash = '') => `href="${name}.html${hash}"`);
}

/**
 * Writes one HTML page per rule doc into `dir` and returns the rule ids written.
 * `backHref` (relative to `dir`) links each page back to the report.
 */
export async function writeRulePages(dir: string, lang: Lang = 'it', backHref?: string): Promise<string[]> {
  const source = join(packageRoot(), 'docs', 'rules');
  const names = (await readdir(source)).filter((f) => f.endsWith('.md') && f !== 'README.md').sort();
  const back = backHref ? ` · <a href="${escapeHtml(backHref)}">${lang === 'it' ? 'Torna al rapporto' : 'Back to the report'}</a>` : '';
  const ids: string[] = [];
  const items: string[] = [];
  for (const name of names) {
    const id = name.slice(0, -3);
    const markdown = await readFile(join(source, name), 'utf8');
    const title = /^#\s+(.+)$/m.exec(markdown)?.[1] ?? id;
    const summary = markdown.split(/\n\n/)[1]?.trim() ?? '';
    await writeFileAtomic(join(dir, `${id}.html`), page(`${title} — piao`, relink(await marked.parse(markdown)), lang, back));
    items.push(`<li><a href="${id}.html"><code>${escapeHtml(id)}</code></a> — ${escapeHtml(summary)}</li>`);
    ids.push(id);
  }
  // The other docs the rule pages link to (docs/ocr.md, …), bundled with them.
  for (const name of (await readdir(join(source, '..'))).filter((f) => f.endsWith('.md')).sort()) {
    const markdown = await readFile(join(source, '..', name), 'utf8');
    const title = /^#\s+(.+)$/m.exec(markdown)?.[1] ?? name;
    await writeFileAtomic(join(dir, `${name.slice(0, -3)}.html`), page(`${title} — piao`, relink(await marked.parse(markdown)), lang, back));
  }
  const heading = lang === 'it' ? 'Regole e controlli di piao' : 'piao rules and checks';
  await writeFileAtomic(join(dir, 'index.html'), page(heading, `<h1>${heading}</h1>\n<ul>\n${items.join('\n')}\n</ul>`, lang, back));
  return ids;
}
