/**
 * The options of each command, validated with zod before any file is read:
 * an output name whose extension no format has (`--out r.ods`), a format that
 * contradicts the output name, a year or a job count that is not a number,
 * all fail at once with exit 2 and a message in the user's language. The
 * format follows the output name when `--format` is not given
 * (`--out piano.odt` writes ODT).
 */
import { extname } from 'node:path';
import { z } from 'zod';
import { RENDER_FORMATS, type RenderFormat } from '../render/index.js';
import { M, type Lang } from './texts.js';

/** A usage or configuration error: message to stderr, exit 2. */
export class UsageError extends Error {}

export const CHECK_FORMATS = ['text', 'json', 'html', 'junit', 'sarif'] as const;
export type CheckFormat = (typeof CHECK_FORMATS)[number];

/** The extensions each format writes; the first is the one a default name gets. */
const CHECK_EXT: Record<CheckFormat, readonly string[]> = { text: ['.txt'], json: ['.json'], html: ['.html', '.htm'], junit: ['.xml'], sarif: ['.sarif', '.json'] };
const RENDER_EXT: Record<RenderFormat, readonly string[]> = { html: ['.html', '.htm'], md: ['.md'], odt: ['.odt'], pdf: ['.pdf'] };
const SHEET_EXT = ['.csv', '.xlsx'];

const list = (exts: readonly string[], lang: Lang) => (exts.length < 2 ? exts.join('') : `${exts.slice(0, -1).join(', ')} ${lang === 'it' ? 'o' : 'or'} ${exts.at(-1)}`);

const common = {
  config: z.string().optional(),
  lang: z.enum(['it', 'en']).optional(),
  password: z.string().optional(),
  ocr: z.boolean().optional(),
  exclude: z.array(z.string()).optional(),
};

/** A format given or read from the name of --out; checked against each other. */
function resolveFormat<F extends string>(
  format: F | undefined,
  out: string | undefined,
  table: Record<F, readonly string[]>,
  fallback: F,
  ctx: z.RefinementCtx,
  lang: Lang,
): F {
  const ext = out && out !== '-' ? extname(out).toLowerCase() : '';
  const formats = Object.keys(table) as F[];
  if (format !== undefined) {
    if (ext && !table[format].includes(ext)) ctx.addIssue({ code: 'custom', message: M.formatVsOut(format, out!, list(table[format], lang))[lang] });
    return format;
  }
  if (!ext) return fallback;
  const match = formats.find((f) => table[f].includes(ext));
  if (!match) ctx.addIssue({ code: 'custom', message: M.outExtension('--out', out!, list(formats.flatMap((f) => table[f]).filter((e, i, a) => a.indexOf(e) === i), lang))[lang] });
  return match ?? fallback;
}

function yearField(lang: Lang) {
  return z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined) return undefined;
      const y = Number(v);
      if (!/^\d{4}$/.test(v) || y < 1990 || y > 2100) {
        ctx.addIssue({ code: 'custom', message: M.year(v)[lang] });
        return z.NEVER;
      }
      return y;
    });
}

function schemas(lang: Lang) {
  return {
    extract: z.object({ ...common, out: z.string().optional() }),
    check: z
      .object({ ...common, out: z.string().optional(), format: z.enum(CHECK_FORMATS).optional() })
      .transform((o, ctx) => ({ ...o, format: resolveFormat<CheckFormat>(o.format, o.out, CHECK_EXT, 'text', ctx, lang) })),
    batch: z.object({
      ...common,
      out: z.string(),
      force: z.boolean().optional(),
      planFormat: z.enum(['html', 'md', 'odt']).default('html'),
      jobs: z
        .string()
        .optional()
        .transform((v, ctx) => {
          if (v === undefined) return undefined;
          if (!/^\d+$/.test(v) || Number(v) < 1) {
            ctx.addIssue({ code: 'custom', message: M.jobs(v)[lang] });
            return z.NEVER;
          }
          return Number(v);
        }),
    }),
    'render plan': z
      .object({ ...common, out: z.string().optional(), format: z.enum(RENDER_FORMATS as [RenderFormat, ...RenderFormat[]]).optional() })
      .transform((o, ctx) => ({ ...o, format: resolveFormat<RenderFormat>(o.format, o.out, RENDER_EXT, 'html', ctx, lang) })),
    'render report': z
      .object({
        ...common,
        plan: z.string(),
        results: z.string().optional(), // read by its content (CSV or XLSX), whatever its name
        year: yearField(lang),
        out: z.string().optional(),
        format: z.enum(RENDER_FORMATS as [RenderFormat, ...RenderFormat[]]).optional(),
      })
      .transform((o, ctx) => ({ ...o, format: resolveFormat<RenderFormat>(o.format, o.out, RENDER_EXT, 'html', ctx, lang) })),
    'results-template': z.object({
      ...common,
      out: z.string().superRefine((v, ctx) => {
        if (!SHEET_EXT.includes(extname(v).toLowerCase())) ctx.addIssue({ code: 'custom', message: M.outExtension('--out', v, list(SHEET_EXT, lang))[lang] });
      }),
      year: yearField(lang),
    }),
  };
}

type Schemas = ReturnType<typeof schemas>;
export type CommandName = keyof Schemas;
export type CommonOpts = { config?: string | undefined; lang?: Lang | undefined; password?: string | undefined; ocr?: boolean | undefined };
export type ExtractOpts = z.infer<Schemas['extract']>;
export type CheckOpts = z.infer<Schemas['check']>;
export type BatchOpts = z.infer<Schemas['batch']>;
export type RenderPlanOpts = z.infer<Schemas['render plan']>;
export type RenderReportOpts = z.infer<Schemas['render report']>;
export type ResultsTemplateOpts = z.infer<Schemas['results-template']>;

/** The options of `command` as commander parsed them, validated; a UsageError (exit 2) naming every problem otherwise. */
export function parseOptions<C extends CommandName>(command: C, raw: unknown, argvLang: Lang): z.infer<Schemas[C]> {
  const parsed = (raw as { lang?: unknown }).lang;
  const lang: Lang = parsed === 'en' || parsed === 'it' ? parsed : argvLang;
  const result = schemas(lang)[command].safeParse(raw);
  if (!result.success) throw new UsageError(result.error.issues.map((i) => i.message).join('\n'));
  return result.data as z.infer<Schemas[C]>;
}
