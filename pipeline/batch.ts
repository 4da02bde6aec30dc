/**
 * The main job: a whole folder of submissions, end to end. For every input
 * file it writes, under `OUT/documenti/`, the model (`<file>.modello.json`),
 * the check report (`<file>.controllo.html`) and the standardized plan
 * (`<file>.piano.html`), then `OUT/index.html` and `OUT/indice.csv` with one
 * row per input file, always, whatever happened to it.
 *
 * Files are read on the worker pool; each result is written and dropped as
 * it arrives, so memory holds only the files in flight and the index rows.
 * Every write is atomic. `OUT/.piao-batch.json` remembers each file's hash,
 * the tool version and the configuration, so a second run skips what has
 * not changed (`force` redoes everything); it is saved as the run goes, so
 * an interrupted run loses at most the files in flight.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, existsSync } from 'node:fs';
import { mkdir, readdir, readFile, stat, unlink, writeFile } from 'node:fs/promises';
import { join, relative, resolve, sep } from 'node:path';
import { z } from 'zod';
import { PiaoConfig } from '../models/config.js';
import type { PlanDocument } from '../models/plan.js';
import { outputUnwritable, pipelineChecks } from './checks.js';
import { formatMessage } from './messages.js';
import { expandInputs, writeFileAtomic } from './io.js';
import { forEachPlan, type PoolOptions } from './pool.js';
import { formatHtml } from './report/html.js';
import { CSV_HEADER, INDEX_TEXT, STATUS_TEXT, YES_NO } from './report/batch-index.js';
import { csvSheet } from './report/csv-safe.js';
import { formatDateTime } from './report/dates.js';
import { RULES_DIR, writeRulePages } from './report/rule-pages.js';
import { counts, estimatedOf, familyLabel, shownStatus, statusOf, underRead } from './report/summary.js';
import { renderPlan } from './render/index.js';
import { renderTemplate } from './render/templates.js';
import { formatNumber } from './render/italian.js';
import { rules } from './validate/rules/index.js';
import { VERSION } from './version.js';

export const BatchRow = z.object({
  file: z.string().describe('Path relative to the input folder.'),
  sha256: z.string().nullable(),
  bytes: z.number(),
  format: z.string().nullable(),
  pages: z.number(),
  ocrPages: z.number(),
  family: z.string(),
  entity: z.string().nullable(),
  period: z.string().nullable(),
  objectives: z.number(),
  estimated: z.number().nullable().optional().describe('Objectives the layout seems to hold (PlanDocument.coverage), null when the file was not read.'),
  errors: z.number(),
  warnings: z.number(),
  infos: z.number(),
  status: z.enum(['ok', 'warning', 'error', 'fatal']),
  failure: z.object({ stage: z.string(), message: z.string() }).nullable().describe('Why the file was not (fully) processed.'),
  outputs: z.object({ model: z.string(), report: z.string(), plan: z.string().nullable() }).describe('Paths relative to OUT.'),
  reused: z.boolean().describe('True when the outputs of an earlier run were kept (same content, tool and configuration).'),
});
export type BatchRow = z.infer<typeof BatchRow>;

const Manifest = z.object({
  tool: z.string(),
  config: z.string(),
  files: z.record(z.string(), BatchRow),
});
type Manifest = z.infer<typeof Manifest>;

export const MANIFEST_NAME = '.piao-batch.json';

export interface BatchProgress {
  done: number;
  total: number;
  pages: number;
  reused: number;
  file: string;
}

export interface BatchOptions extends Omit<PoolOptions, 'onDone'> {
  /** Output folder. */
  out: string;
  /** Redo every file even when unchanged. */
  force?: boolean;
  /** Called after each file. */
  onProgress?: (progress: BatchProgress) => void;
  /** Date printed in the outputs (default now). */
  date?: Date;
  /** Only these files under the input folder (default: every file in it). */
  files?: string[];
  /** Format of each file's standardized plan: html (default), md or odt. */
  planFormat?: 'html' | 'md' | 'odt';
  /** Glob patterns of entries of the input folder to leave out (see `expandInputs`). Default none. */
  exclude?: readonly string[];
}

export interface BatchResult {
  rows: BatchRow[];
  index: string;
  processed: number;
  reused: number;
}

export async function sha256File(path: string): Promise<string | null> {
  try {
    // A FIFO or a device would never end the read.
    if (!(await stat(path)).isFile()) return null;
    const hash = createHash('sha256');
    for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
    return hash.digest('hex');
  } catch {
    return null;
  }
}

async function loadManifest(out: string): Promise<Manifest | null> {
  try {
    const parsed = Manifest.safeParse(JSON.parse(await readFile(join(out, MANIFEST_NAME), 'utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null; // no manifest yet, or a damaged one: everything is redone
  }
}

/** What the file's row says went wrong: the first fatal finding, with the stage it happened in. */
function failureOf(plan: PlanDocument, lang: PiaoConfig['lang']): BatchRow['failure'] {
  const fatal = plan.findings.find((f) => f.fatal);
  if (!fatal) return null;
  const stage = fatal.rule === 'stage-crash' && typeof fatal.data.stage === 'string' ? fatal.data.stage : fatal.stage;
  return { stage, message: lang === 'it' ? fatal.message : fatal.messageEn };
}

const slash = (p: string) => p.split(sep).join('/');

function rowOf(plan: PlanDocument, file: string, outputs: BatchRow['outputs'], lang: PiaoConfig['lang']): BatchRow {
  const c = counts(plan.findings);
  return {
    file,
    sha256: plan.source.sha256,
    bytes: plan.source.bytes,
    format: plan.source.format,
    pages: plan.source.pages,
    ocrPages: plan.source.ocrPages.length,
    family: plan.family,
    entity: plan.entity,
    period: plan.period ? `${plan.period.from}-${plan.period.to}` : null,
    objectives: plan.objectives.length,
    estimated: estimatedOf(plan),
    errors: c.error,
    warnings: c.warning,
    infos: c.info,
    status: statusOf(plan),
    failure: failureOf(plan, lang),
    outputs,
    reused: false,
  };
}

/** Why a write failed, as the system says it (the error code first: ENAMETOOLONG, ENOSPC, EACCES…). */
function writeReason(error: unknown): string {
  const code = typeof error === 'object' && error !== null && 'code' in error ? String((error as { code: unknown }).code) : null;
  const message = error instanceof Error ? error.message : String(error);
  return code && !message.startsWith(code) ? `${code}: ${message}` : message;
}

/** The row's failure for an output that could not be written (`output-unwritable`, in the run's language). */
function unwritable(row: BatchRow, out: string, path: string, file: string, error: unknown, lang: PiaoConfig['lang']): void {
  const template = outputUnwritable.messages.write[lang];
  const message = formatMessage(template, { path: slash(relative(out, path)) || path, file, reason: writeReason(error) });
  row.failure ??= { stage: 'write', message };
  if (row.status !== 'fatal') row.status = 'error';
}

/**
 * Writes one file's outputs. Nothing is thrown: a rendering failure or a
 * write that fails (a name too long, a full disk) is recorded in the row.
 */
async function writeOutputs(plan: PlanDocument, file: string, out: string, date: Date, format: 'html' | 'md' | 'odt', lang: PiaoConfig['lang']): Promise<BatchRow> {
  const base = join('documenti', file);
  const outputs = { model: slash(`${base}.modello.json`), report: slash(`${base}.controllo.html`), plan: null as string | null };
  const withRelativePath = { ...plan, source: { ...plan.source, path: file } };
  const row = rowOf(plan, file, outputs, lang);
  const write = async (path: string, content: () => string | Uint8Array | Promise<string | Uint8Array>): Promise<boolean> => {
    try {
      await writeFileAtomic(path, await content());
      return true;
    } catch (error) {
      unwritable(row, out, path, file, error, lang);
      return false;
    }
  };
  await write(join(out, outputs.model), () => JSON.stringify(withRelativePath, null, 2) + '\n');
  const planPath = join(out, `${base}.piano.${format}`);
  if (plan.objectives.length > 0) {
    let rendered: string | Uint8Array | null = null;
    try {
      const planDir = join(out, 'documenti', file, '..');
      const nav = { report: slash(relative(planDir, join(out, outputs.report))), index: slash(relative(planDir, join(out, 'index.html'))) };
      rendered = await renderPlan(plan, { format, outDir: planDir, date, nav });
    } catch (error) {
      row.failure ??= { stage: 'render', message: `Impossibile generare il piano: ${(error as Error).message}` };
      if (row.status !== 'fatal') row.status = 'error';
    }
    if (rendered !== null && (await write(planPath, () => rendered))) row.outputs.plan = slash(`${base}.piano.${format}`);
  }
  // No stale plan from an earlier run (another format, or a file that no longer has objectives).
  for (const f of ['html', 'md', 'odt'] as const) {
    const stale = join(out, `${base}.piano.${f}`);
    if ((f !== format || !row.outputs.plan) && existsSync(stale)) await unlink(stale).catch(() => undefined);
  }
  const links = { at: join(out, outputs.report), rules: join(out, RULES_DIR), sources: [plan.source.path], index: join(out, 'index.html'), plans: [row.outputs.plan && join(out, row.outputs.plan)], models: [join(out, outputs.model)] };
  await write(join(out, outputs.report), () => formatHtml([withRelativePath], [...pipelineChecks, ...rules], lang, links, date));
  return row;
}

function indexView(rows: BatchRow[], input: string, date: Date, processed: number, reused: number, lang: PiaoConfig['lang']) {
  const total = { files: rows.length, objectives: 0, pages: 0, errors: 0, warnings: 0, infos: 0, ok: 0, warning: 0, error: 0, fatal: 0 };
  for (const r of rows) {
    total.objectives += r.objectives;
    total.pages += r.pages;
    total.errors += r.errors;
    total.warnings += r.warnings;
    total.infos += r.infos;
    total[r.status]++;
  }
  const href = (p: string | null) => (p ? p.split('/').map(encodeURIComponent).join('/') : null);
  return {
    lang,
    t: INDEX_TEXT[lang],
    rulesIndex: `${RULES_DIR}/index.html`,
    input,
    date: formatDateTime(date, lang),
    tool: `piao ${VERSION}`,
    processed,
    reused,
    total: Object.fromEntries(Object.entries(total).map(([k, v]) => [k, formatNumber(v)])),
    rows: rows.map((r, k) => ({
      n: k + 1,
      ...r,
      familyLabel: familyLabel(r.family, lang),
      statusLabel: STATUS_TEXT[lang][rowStatus(r)],
      estimatedText: r.estimated == null ? '—' : formatNumber(r.estimated),
      underRead: underRead(r.objectives, r.estimated ?? null),
      links: { model: href(r.outputs.model), report: href(r.outputs.report), plan: href(r.outputs.plan) },
    })),
  };
}

/**
 * What a row's status says: a file with no objectives and no sign of any is «nessun obiettivo
 * trovato»; a clean file read in part (or not at all) is «da verificare», never «corretto».
 */
function rowStatus(r: BatchRow): keyof (typeof STATUS_TEXT)['it'] {
  if (r.objectives === 0 && (r.status === 'ok' || r.status === 'warning') && !underRead(0, r.estimated ?? null)) return 'empty';
  return shownStatus(r.status, r.objectives, r.estimated ?? null);
}

function indexCsv(rows: BatchRow[], lang: PiaoConfig['lang']): string {
  const body = rows.map((r) => [
    r.file, r.format ?? '', r.pages, r.ocrPages, familyLabel(r.family, lang), r.entity ?? '', r.period ?? '', r.objectives, r.errors, r.warnings, r.infos,
    STATUS_TEXT[lang][r.status], r.failure?.stage ?? '', r.failure?.message ?? '', r.outputs.model, r.outputs.report, r.outputs.plan ?? '', YES_NO[lang][r.reused ? 0 : 1],
    r.estimated ?? '',
  ]);
  // Cells that could start a formula neutralized, newlines inside a cell kept in the row (report/csv-safe.ts).
  return csvSheet([CSV_HEADER[lang], ...body]);
}

/** True when a process with this id is running (a signal 0 reaches it, or it exists but is not ours). */
function alive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes the temp files interrupted runs left behind (writeFileAtomic's
 * `.<name>.<pid>.<rand>.tmp`, the pid naming the run): only those of runs
 * that are no longer alive; a run writing into the same folder right now
 * keeps its own.
 */
async function removeStaleTemps(out: string): Promise<void> {
  const entries = await readdir(out, { recursive: true, withFileTypes: true }).catch(() => []);
  for (const e of entries) {
    const run = e.isFile() ? /^\..+\.(\d+)\.[0-9a-f]{8}\.tmp$/.exec(e.name) : null;
    if (run && !alive(Number(run[1]))) await unlink(join(e.parentPath, e.name)).catch(() => undefined);
  }
}

/** An output folder that cannot be used (a file, or a folder that cannot be written): refused before any work. */
export class OutputFolderError extends Error {}

/** Makes sure `out` is a folder this process can write into, creating it when missing; throws OutputFolderError otherwise. */
export async function prepareOutputFolder(out: string, lang: PiaoConfig['lang'] = 'it'): Promise<void> {
  const it = lang === 'it';
  const info = await stat(out).catch(() => null);
  if (info && !info.isDirectory())
    throw new OutputFolderError(it ? `la cartella di uscita «${out}» è un file, non una cartella` : `output folder "${out}" is a file, not a folder`);
  try {
    await mkdir(out, { recursive: true });
    const probe = join(out, `.piao-prova.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
    await writeFile(probe, '');
    await unlink(probe);
  } catch (error) {
    throw new OutputFolderError(it ? `non si può scrivere nella cartella di uscita «${out}»: ${writeReason(error)}` : `cannot write to output folder "${out}": ${writeReason(error)}`);
  }
}

/** Runs the batch over the files of `input` (a folder, or one file). */
export async function runBatch(input: string, options: BatchOptions): Promise<BatchResult> {
  const out = resolve(options.out);
  const root = resolve(input);
  const rootIsDir = (await stat(root).catch(() => null))?.isDirectory() ?? false;
  const all = options.files ? options.files.map((f) => resolve(f)) : await expandInputs([root], { exclude: options.exclude ?? [] });
  const files = all.filter((f) => !resolve(f).startsWith(out + sep)); // never read our own outputs
  const rel = (f: string) => (rootIsDir ? slash(relative(root, f)) : slash(relative(join(root, '..'), f)));
  const date = options.date ?? new Date();
  const { config: configInput, force = false, onProgress, out: _out, date: _date, files: _files, planFormat = 'html', exclude: _exclude, ...pool } = options;
  const config = PiaoConfig.parse(configInput ?? {});
  const configHash = createHash('sha256').update(JSON.stringify({ config, planFormat })).digest('hex');
  await prepareOutputFolder(out, config.lang);
  await removeStaleTemps(out);
  const previous = force ? null : await loadManifest(out);
  const reusable = previous && previous.tool === VERSION && previous.config === configHash ? previous.files : {};
  const manifest: Manifest = { tool: VERSION, config: configHash, files: {} };

  const rows: BatchRow[] = new Array(files.length);
  const todo: number[] = [];
  let done = 0;
  let pages = 0;
  let reused = 0;
  for (const [i, file] of files.entries()) {
    const name = rel(file);
    const before = reusable[name];
    if (before && before.sha256 !== null && (await sha256File(file)) === before.sha256 && [before.outputs.model, before.outputs.report, before.outputs.plan].every((p) => p === null || existsSync(join(out, p)))) {
      rows[i] = { ...before, reused: true };
      manifest.files[name] = before;
      reused++;
      done++;
      pages += before.pages;
      onProgress?.({ done, total: files.length, pages, reused, file: name });
    } else todo.push(i);
  }

  const saveManifest = () => writeFileAtomic(join(out, MANIFEST_NAME), JSON.stringify(manifest) + '\n');
  // The index of what is done so far, rewritten as files finish: an interrupted run leaves one to open.
  const writeIndex = async () => {
    const finished = rows.filter((r) => r !== undefined);
    await writeFileAtomic(join(out, 'index.html'), renderTemplate('batch-index', 'html', indexView(finished, input, date, todo.length, reused, config.lang)));
    await writeFileAtomic(join(out, 'indice.csv'), indexCsv(finished, config.lang));
  };
  const saveProgress = async () => {
    try {
      await saveManifest();
      await writeIndex();
    } catch {
      // a failed intermediate save is retried at the next one, and the final one reports
    }
  };
  await writeRulePages(join(out, RULES_DIR), config.lang, '../index.html').catch(() => undefined);
  await saveProgress();
  // At most one save a second, one at a time; a file that finishes meanwhile is in the next one, which a timer makes sure comes.
  let lastSave = Date.now();
  let saving: Promise<void> = Promise.resolve();
  let timer: NodeJS.Timeout | null = null;
  const requestSave = () => {
    if (timer) return;
    timer = setTimeout(() => {
      timer = null;
      saving = saving.then(async () => {
        await saveProgress();
        lastSave = Date.now();
      });
    }, Math.max(0, lastSave + 1000 - Date.now()));
  };
  await forEachPlan(
    todo.map((i) => files[i]!),
    { ...pool, config, ...(rootIsDir ? { root } : {}) },
    async (plan, k) => {
      const i = todo[k]!;
      const name = rel(files[i]!);
      let row: BatchRow;
      try {
        row = await writeOutputs(plan, name, out, date, planFormat, config.lang);
      } catch (error) {
        // writeOutputs records its own failures; this is a bug of the batch itself, and still only this file's row.
        row = rowOf(plan, name, { model: slash(join('documenti', `${name}.modello.json`)), report: slash(join('documenti', `${name}.controllo.html`)), plan: null }, config.lang);
        unwritable(row, out, join(out, 'documenti', name), name, error, config.lang);
      }
      rows[i] = row;
      manifest.files[name] = row;
      done++;
      pages += row.pages;
      try {
        onProgress?.({ done, total: files.length, pages, reused, file: name });
      } catch {
        // a progress display that fails does not stop the run
      }
      requestSave();
    },
  ).finally(() => {
    if (timer) clearTimeout(timer);
    timer = null;
  });
  await saving;
  await writeRulePages(join(out, RULES_DIR), config.lang, '../index.html');
  await writeIndex();
  await saveManifest();
  return { rows, index: join(out, 'index.html'), processed: todo.length, reused };
}
