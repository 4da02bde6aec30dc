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

export type TemplateFormat = 'html' | 'md' | 'odt';

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
  env.registerHelper('list', (...args: unknown[]) => args.slice(0, -1));
  /** Markdown list indentation: two spaces per level. */
  env.registerHelper('mdIndent', (depth: number) => '  '.repeat(Math.max(0, depth)));
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
  return template(format === 'md' ? deepEscape(view) : view);
}
