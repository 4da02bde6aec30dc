/**
 * The `piao` command line: parses flags, calls the library, formats, returns
 * the exit code (0 clean, 1 error-level findings, 2 fatal). Nothing else.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { Command, CommanderError, Option } from 'commander';
import { z } from 'zod';
import { PiaoConfig } from '../../models/config.js';
import type { PlanDocument } from '../../models/plan.js';
import { planDocumentJsonSchema } from '../../models/json-schema.js';
import { processFiles } from '../pool.js';
import { expandInputs, outputName, packageRoot, writeFileAtomic } from '../io.js';
import { exitCodeOf, formatBatchTable, formatFindingsText, counts, type Lang } from './format.js';
import { formatHtml } from '../report/html.js';
import { formatJunit } from '../report/junit.js';
import { formatSarif } from '../report/sarif.js';
import { rules } from '../validate/rules/index.js';
import { pipelineChecks } from '../checks.js';
import { resultsChecks } from '../results/checks.js';
import { VERSION } from '../version.js';
import { runBatch } from '../batch.js';
import { loadPlan, PlanInputError } from '../plan-input.js';
import { renderPlan, renderRelazione, RENDER_FORMATS, type RenderFormat } from '../render/index.js';
import { resultsCsv, resultsXlsx, readResults } from '../results/sheet.js';
import { computeRelazione } from '../results/relazione.js';
import { resultItems } from '../results/items.js';
import { RenderError } from '../render/pdf.js';
import { progressReporter } from './progress.js';

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

const LangOption = z.enum(['it', 'en']);

/** A usage or configuration error: message to stderr, exit 2. */
class UsageError extends Error {}

/** The folder holding package.json (fixtures and templates are found from here). */
async function loadConfig(path: string | undefined, lang: string | undefined, ocr?: boolean): Promise<PiaoConfig> {
  let raw: unknown = {};
  if (path) {
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch {
      throw new UsageError(`File di configurazione non leggibile: ${path}`);
    }
    try {
      raw = JSON.parse(text);
    } catch (error) {
      throw new UsageError(`File di configurazione ${path}: JSON non valido (${(error as Error).message}).`);
    }
  }
  const parsed = PiaoConfig.safeParse(raw);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.') || '(radice)'}: ${i.message}`);
    throw new UsageError(`File di configurazione ${path} non valido:\n${lines.join('\n')}`);
  }
  const config = parsed.data;
  if (lang !== undefined) {
    const l = LangOption.safeParse(lang);
    if (!l.success) throw new UsageError(`--lang accetta "it" o "en", ricevuto "${lang}".`);
    config.lang = l.data;
  }
  if (ocr === false) config.ocr.enabled = false;
  return config;
}

/** Runs the pipeline over every input on a pool of worker threads, with a progress line per file on stderr. */
async function processAll(inputs: string[], config: PiaoConfig, io: CliIo, password?: string): Promise<PlanDocument[]> {
  const files = await expandInputs(inputs);
  if (files.length === 0) throw new UsageError('Nessun file da leggere nelle cartelle indicate.');
  let done = 0;
  return processFiles(files, {
    config,
    ...(password ? { password } : {}),
    onDone: (plan) => {
      if (files.length > 1) io.stderr(`[${++done}/${files.length}] ${plan.source.path}\n`);
    },
  });
}

function fatalMessages(plans: PlanDocument[], lang: Lang): string {
  return plans
    .flatMap((p) => p.findings.filter((f) => f.fatal).map((f) => `piao: ${lang === 'it' ? f.message : f.messageEn}\n`))
    .join('');
}

async function extractCommand(inputs: string[], opts: { out?: string; config?: string; lang?: string; password?: string; ocr?: boolean }, io: CliIo): Promise<number> {
  const config = await loadConfig(opts.config, opts.lang, opts.ocr);
  const plans = await processAll(inputs, config, io, opts.password);
  if (opts.out) {
    const used = new Set<string>();
    for (const plan of plans) {
      const target = join(opts.out, outputName(plan.source.path, used));
      await writeFileAtomic(target, JSON.stringify(plan, null, 2) + '\n');
      const c = counts(plan.findings);
      io.stderr(`${plan.source.path} -> ${target} (${plan.family}, ${plan.objectives.length} obiettivi, ${c.error} errori, ${c.warning} avvisi)\n`);
    }
  } else if (plans.length === 1) {
    const plan = plans[0]!;
    if (plan.findings.some((f) => f.fatal)) io.stderr(fatalMessages(plans, config.lang));
    else io.stdout(JSON.stringify(plan, null, 2) + '\n');
  } else {
    io.stdout(JSON.stringify(plans, null, 2) + '\n');
  }
  if (opts.out || plans.length > 1) io.stderr(fatalMessages(plans, config.lang));
  return exitCodeOf(plans);
}

async function checkCommand(
  inputs: string[],
  opts: { format: 'text' | 'json' | 'html' | 'junit' | 'sarif'; out?: string; config?: string; lang?: string; password?: string; ocr?: boolean },
  io: CliIo,
): Promise<number> {
  const config = await loadConfig(opts.config, opts.lang, opts.ocr);
  const plans = await processAll(inputs, config, io, opts.password);
  const checks = [...pipelineChecks, ...rules];
  const report = {
    text: () => formatFindingsText(plans, config.lang),
    json: () => JSON.stringify(plans.map((p) => ({ file: p.source.path, family: p.family, objectives: p.objectives.length, findings: p.findings })), null, 2) + '\n',
    html: () => formatHtml(plans, checks, config.lang),
    junit: () => formatJunit(plans, config.lang),
    sarif: () => formatSarif(plans, checks, config.lang),
  }[opts.format]();
  if (opts.out) {
    await writeFileAtomic(opts.out, report);
    io.stderr(`${config.lang === 'it' ? 'Rapporto scritto in' : 'Report written to'} ${opts.out}\n`);
    if (opts.format !== 'text') io.stdout(formatFindingsText(plans, config.lang));
  } else io.stdout(report);
  return exitCodeOf(plans);
}

async function demoCommand(opts: { out: string }, io: CliIo): Promise<number> {
  const root = join(packageRoot(), 'fixtures');
  // The seeds as text and as PDF, plus the damaged PDFs, to show how a bad file is reported,
  // and two scans read by OCR (a mixed PDF, a PNG image).
  // The fixtures' reviewed outputs (*.expected.json) and scripts sit beside the inputs: they are not documents.
  const files = [
    ...(await expandInputs([join(root, 'seeds'), join(root, 'pdf')])).filter((f) => /\.(txt|pdf)$/.test(f)),
    join(root, 'scan', '002-piao.misto.pdf'),
    join(root, 'scan', '004-scheda.png'),
  ];
  const config = await loadConfig(undefined, undefined);
  const progress = progressReporter();
  const result = await runBatch(root, { out: opts.out, files, config, force: true, onProgress: progress.update });
  progress.stop();
  io.stdout(formatBatchTable(result.rows));
  io.stdout(
    `\nRisultati in ${resolve(opts.out)}: aprire index.html nel browser (una riga per file, con i collegamenti al modello JSON, ` +
      `al rapporto di controllo e al piano standardizzato); indice.csv si apre con un foglio di calcolo.\n`,
  );
  return result.rows.every((r) => r.status === 'fatal') ? 2 : 0;
}

async function batchCommand(
  input: string,
  opts: { out: string; force?: boolean; config?: string; lang?: string; password?: string; ocr?: boolean; jobs?: string; planFormat: 'html' | 'md' | 'odt' },
  io: CliIo,
): Promise<number> {
  const config = await loadConfig(opts.config, opts.lang, opts.ocr);
  const jobs = opts.jobs === undefined ? undefined : Number(opts.jobs);
  if (jobs !== undefined && (!Number.isInteger(jobs) || jobs < 1)) throw new UsageError(`--jobs vuole un numero intero da 1 in su, ricevuto "${opts.jobs}".`);
  if (!existsSync(input)) throw new UsageError(`La cartella «${input}» non esiste.`);
  const progress = progressReporter();
  const result = await runBatch(input, {
    out: opts.out,
    force: opts.force ?? false,
    planFormat: opts.planFormat,
    config,
    ...password(opts),
    ...(jobs !== undefined ? { jobs } : {}),
    onProgress: progress.update,
  });
  progress.stop();
  if (result.rows.length === 0) throw new UsageError(`Nessun file da elaborare in ${input}.`);
  const c = { ok: 0, warning: 0, error: 0, fatal: 0 };
  for (const r of result.rows) c[r.status]++;
  io.stdout(formatBatchTable(result.rows));
  io.stdout(
    `\n${result.rows.length} file: ${c.ok} corretti, ${c.warning} con avvisi, ${c.error} con errori, ${c.fatal} non elaborati` +
      ` (${result.processed} elaborati ora, ${result.reused} invariati).\nIndice: ${resolve(result.index)}\n`,
  );
  return result.rows.some((r) => r.status === 'error' || r.status === 'fatal') ? 1 : 0;
}

const password = (opts: { password?: string }) => (opts.password ? { password: opts.password } : {});

/** Where a rendered document goes: --out, else stdout for text formats, else `<name>.<ext>` in the current folder. */
async function writeRendered(content: string | Uint8Array, format: RenderFormat, input: string, out: string | undefined, io: CliIo): Promise<void> {
  if (!out && typeof content === 'string') {
    io.stdout(content);
    return;
  }
  const target = out ?? outputName(input, new Set(), `.${format}`);
  await writeFileAtomic(target, content);
  io.stderr(`Documento scritto in ${target}\n`);
}

async function renderPlanCommand(input: string, opts: { format: RenderFormat; out?: string; config?: string; password?: string; ocr?: boolean }, io: CliIo): Promise<number> {
  const config = await loadConfig(opts.config, undefined, opts.ocr);
  const plan = await loadPlan(input, { config, ...password(opts) });
  const outDir = opts.out ? dirname(resolve(opts.out)) : process.cwd();
  await writeRendered(await renderPlan(plan, { format: opts.format, outDir }), opts.format, input, opts.out, io);
  return exitCodeOf([plan]);
}

/** The year of the results: --year, else the first year of the plan's period. */
function yearOf(plan: PlanDocument, year: string | undefined): number {
  if (year === undefined) {
    if (plan.period) return plan.period.from;
    throw new UsageError('Il piano non indica il periodo: specificare l\'anno con --year.');
  }
  const y = Number(year);
  if (!Number.isInteger(y) || y < 1990 || y > 2100) throw new UsageError(`--year vuole un anno (es. 2024), ricevuto "${year}".`);
  return y;
}

async function resultsTemplateCommand(input: string, opts: { out: string; year?: string; config?: string; password?: string; ocr?: boolean }, io: CliIo): Promise<number> {
  const config = await loadConfig(opts.config, undefined, opts.ocr);
  const plan = await loadPlan(input, { config, ...password(opts) });
  const year = yearOf(plan, opts.year);
  const items = resultItems(plan, year);
  if (items.length === 0) throw new UsageError(`Il piano non ha indicatori né azioni per il ${year}: niente da rilevare.`);
  if (!/\.(csv|xlsx)$/i.test(opts.out)) throw new UsageError(`--out deve finire con .csv o .xlsx, ricevuto "${opts.out}".`);
  const content = /\.xlsx$/i.test(opts.out) ? await resultsXlsx(plan, year) : resultsCsv(plan, year);
  await writeFileAtomic(opts.out, content);
  io.stderr(`Foglio dei risultati ${year} scritto in ${opts.out}: ${items.length} righe da compilare (colonne «Valore raggiunto» e «Note»).\n`);
  return 0;
}

async function renderReportCommand(
  opts: { plan: string; results?: string; year?: string; format: RenderFormat; out?: string; config?: string; password?: string; ocr?: boolean },
  io: CliIo,
): Promise<number> {
  const config = await loadConfig(opts.config, undefined, opts.ocr);
  const plan = await loadPlan(opts.plan, { config, ...password(opts) });
  const year = yearOf(plan, opts.year);
  const reading = opts.results ? await readResults(opts.results, plan, year, config) : null;
  if (reading && !reading.ok) throw new UsageError(reading.findings.map((f) => f.message).join('\n'));
  const relazione = computeRelazione(plan, year, reading, config, opts.results ? resolve(opts.results) : null);
  for (const f of relazione.findings.filter((f) => f.rule === 'results-row-invalid')) io.stderr(`piao: ${opts.results}: ${f.message}\n`);
  const others = relazione.findings.filter((f) => f.rule !== 'results-row-invalid');
  if (others.length) io.stderr(`${others.length} avvisi sui risultati (valori mancanti, scostamenti senza motivazione): vedere la Relazione.\n`);
  const outDir = opts.out ? dirname(resolve(opts.out)) : process.cwd();
  const content = await renderRelazione(relazione, config, { format: opts.format, outDir });
  await writeRendered(content, opts.format, `relazione-${year}`, opts.out, io);
  return relazione.findings.some((f) => f.severity === 'error') ? 1 : 0;
}

function buildProgram(io: CliIo, setExit: (code: number) => void): Command {
  const program = new Command();
  program
    .name('piao')
    .description('Legge, controlla e rigenera i piani della performance (PIAO 2.2, Piani della Performance, schede obiettivo).')
    .version(VERSION)
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .showHelpAfterError();

  const configOption = new Option('--config <file>', 'file di configurazione JSON (gravità delle regole, tolleranza)');
  const langOption = new Option('--lang <lang>', 'lingua dei messaggi: it o en').default(undefined, 'it');
  const passwordOption = new Option('--password <password>', 'password dei PDF cifrati');
  const noOcrOption = new Option('--no-ocr', 'non leggere le scansioni con l\'OCR (pagine senza testo e immagini restano non lette, con un avviso)');

  program
    .command('extract')
    .description('estrae il modello normalizzato (JSON) da file di testo; le cartelle sono lette per intero')
    .argument('<file...>', 'file o cartelle da leggere')
    .option('-o, --out <dir>', 'scrive <dir>/<nome>.json per ogni file invece di stampare il JSON')
    .addOption(configOption)
    .addOption(langOption)
    .addOption(passwordOption)
    .addOption(noOcrOption)
    .action(async (inputs: string[], opts) => setExit(await extractCommand(inputs, opts, io)));

  program
    .command('check')
    .description('controlla i file e stampa i rilievi (pesi, date, target, responsabili)')
    .argument('<file...>', 'file o cartelle da controllare')
    .addOption(new Option('-f, --format <format>', 'formato del rapporto: testo, JSON, HTML (un file da aprire nel browser), JUnit XML, SARIF').choices(['text', 'json', 'html', 'junit', 'sarif']).default('text'))
    .option('-o, --out <file>', 'scrive il rapporto in questo file (intero o per niente) invece che sullo schermo')
    .addOption(configOption)
    .addOption(langOption)
    .addOption(passwordOption)
    .addOption(noOcrOption)
    .action(async (inputs: string[], opts) => setExit(await checkCommand(inputs, opts, io)));

  program
    .command('batch')
    .description('elabora una cartella intera: per ogni file il modello JSON, il rapporto di controllo e il piano; poi OUT/index.html con una riga per file')
    .argument('<cartella>', 'cartella con i documenti (testo, PDF, immagini), letta con le sottocartelle')
    .requiredOption('-o, --out <dir>', 'cartella dei risultati')
    .option('--force', 'rielabora anche i file che non sono cambiati dall\'ultima volta')
    .option('-j, --jobs <n>', 'file letti in parallelo (predefinito: uno per core)')
    .addOption(new Option('--plan-format <formato>', 'formato del piano di ogni file: html, md, odt').choices(['html', 'md', 'odt']).default('html'))
    .addOption(configOption)
    .addOption(langOption)
    .addOption(passwordOption)
    .addOption(noOcrOption)
    .action(async (input: string, opts) => setExit(await batchCommand(input, opts, io)));

  const render = program.command('render').description('genera i documenti standardizzati: il piano, la Relazione sulla performance');
  render
    .command('plan')
    .description('il piano standardizzato (albero degli obiettivi, una scheda per obiettivo, riepilogo per unità)')
    .argument('<file>', 'documento da leggere (testo, PDF) o modello JSON estratto con piao extract')
    .addOption(new Option('-f, --format <format>', 'html, md (Markdown), odt (LibreOffice/Word), pdf (richiede LibreOffice)').choices([...RENDER_FORMATS]).default('html'))
    .option('-o, --out <file>', 'file da scrivere (predefinito: html e md sullo schermo, odt e pdf in <nome>.<formato>)')
    .addOption(configOption)
    .addOption(passwordOption)
    .addOption(noOcrOption)
    .action(async (input: string, opts) => setExit(await renderPlanCommand(input, opts, io)));

  render
    .command('report')
    .description('la Relazione sulla performance dell\'anno (Linee guida DFP n. 3/2018) dal piano e dai risultati')
    .requiredOption('--plan <file>', 'il piano (documento o modello JSON)')
    .option('--results <file>', 'il foglio dei risultati compilato (.csv o .xlsx, da piao results-template); senza, valgono le schede compilate')
    .option('--year <anno>', 'anno della Relazione (predefinito: il primo anno del piano)')
    .addOption(new Option('-f, --format <format>', 'html, md, odt, pdf (richiede LibreOffice)').choices([...RENDER_FORMATS]).default('html'))
    .option('-o, --out <file>', 'file da scrivere (predefinito: html e md sullo schermo, odt e pdf in relazione-<anno>.<formato>)')
    .addOption(configOption)
    .addOption(passwordOption)
    .addOption(noOcrOption)
    .action(async (opts) => setExit(await renderReportCommand(opts, io)));

  program
    .command('results-template')
    .description('il foglio dei risultati da compilare a fine anno: una riga per indicatore o azione, con le colonne «Valore raggiunto» e «Note»')
    .argument('<file>', 'il piano (documento o modello JSON)')
    .requiredOption('-o, --out <file>', 'foglio da scrivere: .csv (separato da punto e virgola) o .xlsx')
    .option('--year <anno>', 'anno dei risultati (predefinito: il primo anno del piano)')
    .addOption(configOption)
    .addOption(passwordOption)
    .addOption(noOcrOption)
    .action(async (input: string, opts) => setExit(await resultsTemplateCommand(input, opts, io)));

  program
    .command('rules')
    .description('elenca le regole e i controlli con la gravità predefinita')
    .action(() => {
      for (const check of [...pipelineChecks, ...rules, ...resultsChecks]) {
        io.stdout(`${check.id.padEnd(22)} ${check.severity.padEnd(8)} ${check.description.it}\n`);
      }
      setExit(0);
    });

  program
    .command('schema')
    .description('stampa (o scrive con --out) lo JSON Schema del modello')
    .option('-o, --out <file>', 'file da scrivere')
    .action(async (opts: { out?: string }) => {
      const text = JSON.stringify(planDocumentJsonSchema(), null, 2) + '\n';
      if (opts.out) {
        await writeFileAtomic(opts.out, text);
        io.stderr(`Schema scritto in ${opts.out}\n`);
      } else io.stdout(text);
      setExit(0);
    });

  program
    .command('demo')
    .description('elabora i documenti di esempio in fixtures/seeds e mostra dove sono i risultati')
    .option('-o, --out <dir>', 'cartella dei risultati', 'out/demo')
    .action(async (opts: { out: string }) => setExit(await demoCommand(opts, io)));

  return program;
}

/** Runs the CLI on `argv` (without `node` and the script) and returns the exit code. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  let code = 0;
  const program = buildProgram(io, (c) => (code = c));
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return code;
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version exit 0; usage errors exit 2 (commander has printed the message).
      return error.exitCode === 0 ? 0 : 2;
    }
    if (error instanceof UsageError || error instanceof PlanInputError || error instanceof RenderError) {
      io.stderr(`piao: ${error.message}\n`);
      return 2;
    }
    io.stderr(`piao: errore interno: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return 2;
  }
}
