/**
 * The `piao` command line: parses flags, validates them (options.ts) before
 * any file is read, calls the library, formats, returns the exit code
 * (0 clean, 1 error-level findings, 2 fatal). Help, usage errors and
 * messages in Italian, in English with `--lang en` (texts.ts).
 */
import { existsSync } from 'node:fs';
import { open, readFile, stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { Command, CommanderError, Help, Option } from 'commander';
import { parseConfig, type PiaoConfig } from '../../models/config.js';
import type { PlanDocument } from '../../models/plan.js';
import { planDocumentJsonSchema } from '../../models/json-schema.js';
import { processFiles } from '../pool.js';
import { sniffFormat } from '../ingest/index.js';
import { expandInputs, outputName, packageRoot, writeFileAtomic } from '../io.js';
import { exitCodeOf, formatBatchTable, formatFindingsText, counts } from './format.js';
import { formatHtml } from '../report/html.js';
import { formatJunit } from '../report/junit.js';
import { formatSarif } from '../report/sarif.js';
import { RULES_DIR, writeRulePages } from '../report/rule-pages.js';
import { rules } from '../validate/rules/index.js';
import { pipelineChecks } from '../checks.js';
import { resultsChecks } from '../results/checks.js';
import { VERSION } from '../version.js';
import { OutputFolderError, runBatch } from '../batch.js';
import { loadPlan, PlanInputError } from '../plan-input.js';
import { renderPlan, renderRelazione, RENDER_FORMATS, type RenderFormat } from '../render/index.js';
import { resultsCsv, resultsXlsx, readResults } from '../results/sheet.js';
import { computeRelazione } from '../results/relazione.js';
import { resultItems } from '../results/items.js';
import { RenderError } from '../render/pdf.js';
import { fileProgress, progressReporter } from './progress.js';
import { CHECK_FORMATS, parseOptions, UsageError, type BatchOpts, type CheckOpts, type CommonOpts, type ExtractOpts, type RenderPlanOpts, type RenderReportOpts, type ResultsTemplateOpts } from './options.js';
import { count, D, EXAMPLES, HELP_TITLES, langOfArgv, M, translateCommanderError, type Lang } from './texts.js';

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Whether stderr is a terminal (progress is drawn only there). Default: process.stderr.isTTY. */
  stderrIsTty?: boolean;
  /** Width of the terminal for tables. Default: process.stdout.columns, else 120. */
  columns?: number;
}

async function loadConfig(opts: CommonOpts, lang: Lang): Promise<PiaoConfig> {
  let raw: unknown = {};
  const path = opts.config;
  if (path) {
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch {
      throw new UsageError(M.configUnreadable(path)[lang]);
    }
    try {
      raw = JSON.parse(text);
    } catch (error) {
      throw new UsageError(M.configJson(path, (error as Error).message)[lang]);
    }
  }
  // Every id `piao rules` lists may be named; a fatal check cannot be turned off or lowered.
  const knownIds = [...pipelineChecks, ...rules, ...resultsChecks].map((c) => c.id);
  const parsed = parseConfig(raw, { lang, knownIds });
  if (!parsed.success) {
    const lines = parsed.issues.map((i) => `  ${i.path.join('.') || (lang === 'it' ? '(radice)' : '(root)')}: ${i.message}`);
    throw new UsageError(M.configInvalid(path, lines.join('\n'))[lang]);
  }
  const config = parsed.data;
  if (opts.lang !== undefined) config.lang = opts.lang;
  if (opts.ocr === false) config.ocr.enabled = false;
  return config;
}

const password = (opts: { password?: string | undefined }) => (opts.password ? { password: opts.password } : {});
const isTty = (io: CliIo) => io.stderrIsTty ?? Boolean(process.stderr.isTTY);

/**
 * The files of the inputs, each with the folder it was found in (a file
 * named on its own has none): as in a batch, a link out of that folder, or
 * to nothing, is reported and not read.
 */
async function filesOf(inputs: string[], exclude: string[]): Promise<{ file: string; root: string | undefined }[]> {
  const found: { file: string; root: string | undefined }[] = [];
  for (const input of inputs) {
    const isDir = (await stat(input).catch(() => null))?.isDirectory() ?? false;
    for (const file of await expandInputs([input], { exclude })) found.push({ file, root: isDir ? resolve(input) : undefined });
  }
  return found;
}

/** Text files up to this size are read in the command's own process: text is read in linear time, no bomb fits in it. */
const IN_PROCESS_TEXT_BYTES = 2 * 1024 * 1024;

/**
 * Whether the files need a reading process of their own: yes for every PDF,
 * image, office file or large file (what can blow up memory or time); no for
 * a few small text files, which piao reads in linear time (a child process
 * costs more than the reading).
 */
async function needsIsolation(files: readonly string[]): Promise<boolean> {
  if (files.length > 4) return true;
  for (const file of files) {
    try {
      const info = await stat(file);
      if (!info.isFile() || info.size > IN_PROCESS_TEXT_BYTES) return true;
      const handle = await open(file, 'r');
      try {
        const head = new Uint8Array(1024);
        const { bytesRead } = await handle.read(head, 0, head.length, 0);
        if (sniffFormat(head.subarray(0, bytesRead)).format !== 'text') return true;
      } finally {
        await handle.close();
      }
    } catch {
      return true;
    }
  }
  return false;
}

/**
 * Runs the pipeline over every input on the pool of reading processes, with
 * a progress line per file on stderr. Even a single file is read in a
 * process of its own (`isolate`), with the limits of a batch
 * (`limits.seconds`, `limits.memoryMb`): a hostile file ends as its
 * `limit-exceeded` or `stage-crash` finding, never as the end of piao. Only a
 * few small text files are read here (`needsIsolation`).
 */
async function processAll(inputs: string[], config: PiaoConfig, io: CliIo, pw?: string, exclude: string[] = []): Promise<PlanDocument[]> {
  const found = await filesOf(inputs, exclude);
  const files = found.map((f) => f.file);
  if (files.length === 0) throw new UsageError(M.noFiles[config.lang]);
  let done = 0;
  const single = files.length === 1 ? fileProgress(files[0]!, config.lang, isTty(io), io.stderr) : null;
  const plans = await processFiles(files, {
    config,
    ...(pw ? { password: pw } : {}),
    isolate: await needsIsolation(files),
    jobs: files.length === 1 ? 1 : undefined,
    rootOf: (_file, i) => found[i]!.root,
    onDone: (plan) => {
      if (files.length > 1) io.stderr(`[${++done}/${files.length}] ${plan.source.path}\n`);
    },
  });
  single?.stop(plans[0]!);
  return plans;
}

function fatalMessages(plans: PlanDocument[], lang: Lang): string {
  return plans
    .flatMap((p) => p.findings.filter((f) => f.fatal).map((f) => `piao: ${lang === 'it' ? f.message : f.messageEn}\n`))
    .join('');
}

async function extractCommand(inputs: string[], opts: ExtractOpts, io: CliIo): Promise<number> {
  const config = await loadConfig(opts, opts.lang ?? 'it');
  const lang = config.lang;
  const plans = await processAll(inputs, config, io, opts.password, opts.exclude);
  if (opts.out) {
    const used = new Set<string>();
    for (const plan of plans) {
      const target = join(opts.out, outputName(plan.source.path, used));
      await writeFileAtomic(target, JSON.stringify(plan, null, 2) + '\n');
      const c = counts(plan.findings);
      io.stderr(`${plan.source.path} -> ${target} (${plan.family}, ${count.objectives(plan.objectives.length, lang)}, ${count.errors(c.error, lang)}, ${count.warnings(c.warning, lang)})\n`);
    }
  } else if (plans.length === 1) {
    const plan = plans[0]!;
    if (plan.findings.some((f) => f.fatal)) io.stderr(fatalMessages(plans, lang));
    else io.stdout(JSON.stringify(plan, null, 2) + '\n');
  } else {
    io.stdout(JSON.stringify(plans, null, 2) + '\n');
  }
  if (opts.out || plans.length > 1) io.stderr(fatalMessages(plans, lang));
  return exitCodeOf(plans);
}

async function checkCommand(inputs: string[], opts: CheckOpts, io: CliIo): Promise<number> {
  const config = await loadConfig(opts, opts.lang ?? 'it');
  const lang = config.lang;
  const plans = await processAll(inputs, config, io, opts.password, opts.exclude);
  const checks = [...pipelineChecks, ...rules];
  const html = async () => {
    if (!opts.out) return formatHtml(plans, checks, lang);
    // The rule pages go next to the report, so its links work offline and once published.
    const rulesDir = join(dirname(resolve(opts.out)), RULES_DIR);
    await writeRulePages(rulesDir, lang);
    return formatHtml(plans, checks, lang, { at: opts.out, rules: rulesDir });
  };
  const report = await {
    text: async () => formatFindingsText(plans, lang),
    json: async () => JSON.stringify(plans.map((p) => ({ file: p.source.path, family: p.family, objectives: p.objectives.length, findings: p.findings })), null, 2) + '\n',
    html,
    junit: async () => formatJunit(plans, lang),
    sarif: async () => formatSarif(plans, checks, lang),
  }[opts.format]();
  if (opts.out) {
    await writeFileAtomic(opts.out, report);
    io.stderr(`${M.reportWritten(opts.out)[lang]}\n`);
    if (opts.format !== 'text') io.stdout(formatFindingsText(plans, lang));
  } else io.stdout(report);
  return exitCodeOf(plans);
}

async function demoCommand(opts: { out: string }, io: CliIo, lang: Lang): Promise<number> {
  const root = join(packageRoot(), 'fixtures');
  // The seeds as text and as PDF, plus the damaged PDFs, to show how a bad file is reported,
  // and two scans read by OCR (a mixed PDF, a PNG image).
  // The fixtures' reviewed outputs (*.expected.json) and scripts sit beside the inputs: they are not documents.
  const files = [
    ...(await expandInputs([join(root, 'seeds'), join(root, 'pdf')])).filter((f) => /\.(txt|pdf)$/.test(f)),
    join(root, 'scan', '002-piao.misto.pdf'),
    join(root, 'scan', '004-scheda.png'),
  ];
  const config = await loadConfig({ lang }, lang);
  const progress = progressReporter(isTty(io), lang);
  const result = await runBatch(root, { out: opts.out, files, config, force: true, onProgress: progress.update });
  progress.stop();
  io.stdout(formatBatchTable(result.rows, lang, io.columns));
  io.stdout(`\n${M.demoDone(resolve(opts.out))[lang]}\n`);
  return result.rows.every((r) => r.status === 'fatal') ? 2 : 0;
}

async function batchCommand(input: string, opts: BatchOpts, io: CliIo): Promise<number> {
  const config = await loadConfig(opts, opts.lang ?? 'it');
  const lang = config.lang;
  if (!existsSync(input)) throw new UsageError(M.folderMissing(input)[lang]);
  const progress = progressReporter(isTty(io), lang);
  const result = await runBatch(input, {
    out: opts.out,
    force: opts.force ?? false,
    planFormat: opts.planFormat,
    exclude: opts.exclude ?? [],
    config,
    ...password(opts),
    ...(opts.jobs !== undefined ? { jobs: opts.jobs } : {}),
    onProgress: progress.update,
  });
  progress.stop();
  if (result.rows.length === 0) throw new UsageError(M.noFilesIn(input)[lang]);
  const c = { ok: 0, warning: 0, error: 0, fatal: 0 };
  for (const r of result.rows) c[r.status]++;
  io.stdout(formatBatchTable(result.rows, lang, io.columns));
  io.stdout(`\n${M.batchSummary(lang, { files: result.rows.length, ...c, processed: result.processed, reused: result.reused })}\n${M.index(resolve(result.index))[lang]}\n`);
  return result.rows.some((r) => r.status === 'error' || r.status === 'fatal') ? 1 : 0;
}

/** Where a rendered document goes: --out (`-` is the screen), else `<name>.<ext>` in the current folder. */
async function writeRendered(content: string | Uint8Array, target: string, io: CliIo, lang: Lang): Promise<void> {
  if (target === '-') {
    if (typeof content === 'string') io.stdout(content);
    else process.stdout.write(content);
    return;
  }
  await writeFileAtomic(target, content);
  io.stderr(`${M.documentWritten(target)[lang]}\n`);
}

/** The default file of a rendered document: the input's name with the format's extension, in the current folder, never the input itself. */
function defaultTarget(input: string, format: RenderFormat): string {
  const name = outputName(input, new Set(), `.${format}`);
  return resolve(name) === resolve(input) ? outputName(input, new Set(), `.piano.${format}`) : name;
}

async function renderPlanCommand(input: string, opts: RenderPlanOpts, io: CliIo): Promise<number> {
  const config = await loadConfig(opts, opts.lang ?? 'it');
  const lang = config.lang;
  const plan = await readPlan(input, config, opts);
  const target = opts.out ?? defaultTarget(input, opts.format);
  const outDir = target === '-' ? process.cwd() : dirname(resolve(target));
  await writeRendered(await renderPlan(plan, { format: opts.format, outDir }), target, io, lang);
  const errors = counts(plan.findings).error;
  if (errors > 0) io.stderr(`${M.planErrors(count.errors(errors, lang), input)[lang]}\n`);
  return exitCodeOf([plan]);
}

/**
 * The plan of `render` and `results-template`: a model from `piao extract`
 * (JSON) as loadPlan reads it, a document read in a process of its own as
 * `check` reads it (same limits); a fatal finding is the command's error.
 */
async function readPlan(input: string, config: PiaoConfig, opts: { password?: string | undefined }): Promise<PlanDocument> {
  if (/\.json$/i.test(input)) return loadPlan(input, { config, ...password(opts) });
  const [plan] = await processFiles([input], { config, ...password(opts), jobs: 1, isolate: await needsIsolation([input]) });
  const fatal = plan!.findings.find((f) => f.fatal);
  if (fatal) throw new PlanInputError(config.lang === 'it' ? fatal.message : fatal.messageEn);
  return plan!;
}

/** The year of the results: --year, else the first year of the plan's period. */
function yearOf(plan: PlanDocument, year: number | undefined, lang: Lang): number {
  if (year !== undefined) return year;
  if (plan.period) return plan.period.from;
  throw new UsageError(M.noPeriod[lang]);
}

async function resultsTemplateCommand(input: string, opts: ResultsTemplateOpts, io: CliIo): Promise<number> {
  const config = await loadConfig(opts, opts.lang ?? 'it');
  const lang = config.lang;
  const plan = await readPlan(input, config, opts);
  const year = yearOf(plan, opts.year, lang);
  const items = resultItems(plan, year);
  if (items.length === 0) throw new UsageError(M.nothingToSurvey(year)[lang]);
  const content = /\.xlsx$/i.test(opts.out) ? await resultsXlsx(plan, year) : resultsCsv(plan, year);
  await writeFileAtomic(opts.out, content);
  io.stderr(`${M.resultsWritten(year, opts.out, count.rows(items.length, lang))[lang]}\n`);
  return 0;
}

async function renderReportCommand(opts: RenderReportOpts, io: CliIo): Promise<number> {
  const config = await loadConfig(opts, opts.lang ?? 'it');
  const lang = config.lang;
  const plan = await readPlan(opts.plan, config, opts);
  const year = yearOf(plan, opts.year, lang);
  const reading = opts.results ? await readResults(opts.results, plan, year, config) : null;
  if (reading && !reading.ok) throw new UsageError(reading.findings.map((f) => (lang === 'it' ? f.message : f.messageEn)).join('\n'));
  const relazione = computeRelazione(plan, year, reading, config, opts.results ? resolve(opts.results) : null);
  for (const f of relazione.findings.filter((f) => f.rule === 'results-row-invalid')) io.stderr(`piao: ${opts.results}: ${lang === 'it' ? f.message : f.messageEn}\n`);
  const others = relazione.findings.filter((f) => f.rule !== 'results-row-invalid');
  if (others.length) io.stderr(`${M.resultsWarnings(count.warnings(others.length, lang))[lang]}\n`);
  const target = opts.out ?? `relazione-${year}.${opts.format}`;
  const outDir = target === '-' ? process.cwd() : dirname(resolve(target));
  const content = await renderRelazione(relazione, config, { format: opts.format, outDir });
  await writeRendered(content, target, io, lang);
  return relazione.findings.some((f) => f.severity === 'error') ? 1 : 0;
}

/** commander's help in the chosen language: headings, `[options]`, defaults and choices. */
function localizedHelp(lang: Lang): Partial<Help> {
  return {
    styleTitle: (title: string) => HELP_TITLES[lang][title] ?? title,
    commandUsage(cmd: Command): string {
      const usage = Help.prototype.commandUsage.call(this, cmd);
      return lang === 'it' ? usage.replace('[options]', '[opzioni]').replace('[command]', '<comando>') : usage;
    },
    subcommandTerm(cmd: Command): string {
      const term = Help.prototype.subcommandTerm.call(this, cmd);
      return lang === 'it' ? term.replace('[options]', '[opzioni]') : term;
    },
    // The choices are named in each description, in words; only defaults are added.
    optionDescription(option: Option): string {
      const extra: string[] = [];
      if (option.defaultValue !== undefined && typeof option.defaultValue !== 'boolean') extra.push(`${lang === 'it' ? 'predefinito' : 'default'}: ${option.defaultValueDescription ?? String(option.defaultValue)}`);
      return extra.length ? `${option.description} (${extra.join('; ')})` : option.description;
    },
  };
}

function buildProgram(io: CliIo, setExit: (code: number) => void, lang: Lang): Command {
  const d = (key: keyof typeof D) => D[key][lang];
  const program = new Command();
  program
    .name('piao')
    .description(d('program'))
    .version(VERSION, '-V, --version', d('version'))
    .helpOption('-h, --help', d('help'))
    .helpCommand(lang === 'it' ? 'help [comando]' : 'help [command]', d('helpCommand'))
    .configureHelp(localizedHelp(lang))
    .exitOverride()
    .configureOutput({
      writeOut: io.stdout,
      writeErr: io.stderr,
      outputError: (text, write) => write(translateCommanderError(text, lang)),
    })
    .showHelpAfterError(lang === 'it' ? '(piao --help, oppure piao <comando> --help, per l\'aiuto e gli esempi)' : '(piao --help, or piao <command> --help, for help and examples)')
    .addHelpText('after', EXAMPLES.program![lang]);

  const configOption = () => new Option('--config <file>', d('config'));
  const langOption = () => new Option('--lang <lang>', d('lang')).choices(['it', 'en']);
  const passwordOption = () => new Option('--password <password>', d('password'));
  const noOcrOption = () => new Option('--no-ocr', d('noOcr'));
  const common = (cmd: Command) => cmd.addOption(configOption()).addOption(langOption()).addOption(passwordOption()).addOption(noOcrOption());
  const examples = (cmd: Command, key: string) => cmd.addHelpText('after', EXAMPLES[key]![lang]);
  const excludeOption = () =>
    new Option('--exclude <pattern>', lang === 'it' ? 'lascia fuori dalla cartella le voci che corrispondono al modello glob (ripetibile), per esempio "archivio/**" o "*.bak"' : 'leave out of the folder the entries matching the glob pattern (repeatable), e.g. "archivio/**" or "*.bak"')
      .argParser((value: string, previous: string[] = []) => [...previous, value]);

  common(
    examples(program.command('extract').description(d('extract')).argument('<file...>', d('extractFiles')).option('-o, --out <dir>', d('extractOut')).addOption(excludeOption()), 'extract'),
  ).action(async (inputs: string[], raw) => setExit(await extractCommand(inputs, parseOptions('extract', raw, lang), io)));

  common(
    examples(
      program
        .command('check')
        .description(d('check'))
        .argument('<file...>', d('checkFiles'))
        .addOption(new Option('-f, --format <format>', d('checkFormat')).choices([...CHECK_FORMATS]))
        .option('-o, --out <file>', d('checkOut'))
        .addOption(excludeOption()),
      'check',
    ),
  ).action(async (inputs: string[], raw) => setExit(await checkCommand(inputs, parseOptions('check', raw, lang), io)));

  common(
    examples(
      program
        .command('batch')
        .description(d('batch'))
        .argument(lang === 'it' ? '<cartella>' : '<folder>', d('batchFolder'))
        .requiredOption('-o, --out <dir>', d('batchOut'))
        .option('--force', d('force'))
        .option('-j, --jobs <n>', d('jobs'))
        .addOption(new Option('--plan-format <formato>', d('planFormat')).choices(['html', 'md', 'odt']).default('html'))
        .addOption(excludeOption()),
      'batch',
    ),
  ).action(async (input: string, raw) => setExit(await batchCommand(input, parseOptions('batch', raw, lang), io)));

  const render = examples(program.command('render').description(d('render')), 'render');
  common(
    examples(
      render
        .command('plan')
        .description(d('renderPlan'))
        .argument('<file>', d('renderPlanFile'))
        .addOption(new Option('-f, --format <format>', d('renderFormat')).choices([...RENDER_FORMATS]))
        .option('-o, --out <file>', d('renderPlanOut')),
      'render plan',
    ),
  ).action(async (input: string, raw) => setExit(await renderPlanCommand(input, parseOptions('render plan', raw, lang), io)));

  common(
    examples(
      render
        .command('report')
        .description(d('renderReport'))
        .requiredOption('--plan <file>', d('reportPlan'))
        .option('--results <file>', d('reportResults'))
        .option('--year <anno>', d('year'))
        .addOption(new Option('-f, --format <format>', d('renderFormat')).choices([...RENDER_FORMATS]))
        .option('-o, --out <file>', d('renderReportOut')),
      'render report',
    ),
  ).action(async (raw) => setExit(await renderReportCommand(parseOptions('render report', raw, lang), io)));

  common(
    examples(
      program
        .command('results-template')
        .description(d('resultsTemplate'))
        .argument('<file>', d('reportPlan'))
        .requiredOption('-o, --out <file>', d('resultsOut'))
        .option('--year <anno>', d('year')),
      'results-template',
    ),
  ).action(async (input: string, raw) => setExit(await resultsTemplateCommand(input, parseOptions('results-template', raw, lang), io)));

  examples(program.command('rules').description(d('rules')), 'rules')
    .addOption(new Option('--lang <lang>', d('lang')).choices(['it', 'en']))
    .action((raw: { lang?: Lang }) => {
      const l = raw.lang ?? lang;
      for (const check of [...pipelineChecks, ...rules, ...resultsChecks]) {
        io.stdout(`${check.id.padEnd(22)} ${check.severity.padEnd(8)} ${check.description[l]}\n`);
      }
      setExit(0);
    });

  examples(program.command('schema').description(d('schema')).option('-o, --out <file>', d('schemaOut')), 'schema')
    .addOption(new Option('--lang <lang>', d('lang')).choices(['it', 'en']))
    .action(async (opts: { out?: string }) => {
      const text = JSON.stringify(planDocumentJsonSchema(), null, 2) + '\n';
      if (opts.out) {
        await writeFileAtomic(opts.out, text);
        io.stderr(`${M.schemaWritten(opts.out)[lang]}\n`);
      } else io.stdout(text);
      setExit(0);
    });

  examples(program.command('demo').description(d('demo')).option('-o, --out <dir>', d('demoOut'), 'out/demo'), 'demo')
    .addOption(new Option('--lang <lang>', d('lang')).choices(['it', 'en']))
    .action(async (opts: { out: string; lang?: Lang }) => setExit(await demoCommand(opts, io, opts.lang ?? lang)));

  return program;
}

/** Runs the CLI on `argv` (without `node` and the script) and returns the exit code. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  let code = 0;
  const lang = langOfArgv(argv);
  const program = buildProgram(io, (c) => (code = c), lang);
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return code;
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version exit 0; usage errors exit 2 (commander has printed the message).
      return error.exitCode === 0 ? 0 : 2;
    }
    if (error instanceof UsageError || error instanceof PlanInputError || error instanceof RenderError || error instanceof OutputFolderError) {
      io.stderr(`piao: ${error.message}\n`);
      return 2;
    }
    io.stderr(`piao: ${M.internal(error instanceof Error ? (error.stack ?? error.message) : String(error))[lang]}\n`);
    return 2;
  }
}
