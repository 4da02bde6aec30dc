/**
 * The `piao` command line: parses flags, calls the library, formats, returns
 * the exit code (0 clean, 1 error-level findings, 2 fatal). Nothing else.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command, CommanderError, Option } from 'commander';
import { z } from 'zod';
import { PiaoConfig } from '../../models/config.js';
import type { PlanDocument } from '../../models/plan.js';
import { planDocumentJsonSchema } from '../../models/json-schema.js';
import { processFiles } from '../pool.js';
import { expandInputs, outputName, packageRoot, writeFileAtomic } from '../io.js';
import { exitCodeOf, formatFindingsText, counts, type Lang } from './format.js';
import { formatHtml } from '../report/html.js';
import { formatJunit } from '../report/junit.js';
import { formatSarif } from '../report/sarif.js';
import { rules } from '../validate/rules/index.js';
import { pipelineChecks } from '../checks.js';
import { VERSION } from '../version.js';

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

const LangOption = z.enum(['it', 'en']);

/** A usage or configuration error: message to stderr, exit 2. */
class UsageError extends Error {}

/** The folder holding package.json (fixtures and templates are found from here). */
async function loadConfig(path: string | undefined, lang: string | undefined): Promise<PiaoConfig> {
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

async function extractCommand(inputs: string[], opts: { out?: string; config?: string; lang?: string; password?: string }, io: CliIo): Promise<number> {
  const config = await loadConfig(opts.config, opts.lang);
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
  opts: { format: 'text' | 'json' | 'html' | 'junit' | 'sarif'; out?: string; config?: string; lang?: string; password?: string },
  io: CliIo,
): Promise<number> {
  const config = await loadConfig(opts.config, opts.lang);
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
  const root = packageRoot();
  const config = await loadConfig(undefined, undefined);
  // The seeds as text and as PDF, plus one damaged PDF to show how a bad file is reported.
  // The fixtures' reviewed outputs (*.expected.json) sit beside the inputs: they are not documents.
  const inputs = [
    ...(await expandInputs([join(root, 'fixtures', 'seeds')])).filter((f) => !f.endsWith('.expected.json')),
    ...(await expandInputs([join(root, 'fixtures', 'pdf')])).filter((f) => !f.includes(`${join('pdf', 'bad')}`)),
    join(root, 'fixtures', 'pdf', 'bad', 'troncato.pdf'),
  ];
  const plans = await processAll(inputs, config, io);
  const used = new Set<string>();
  for (const plan of plans) {
    await writeFileAtomic(join(opts.out, outputName(plan.source.path, used)), JSON.stringify(plan, null, 2) + '\n');
  }
  const report = formatFindingsText(plans.map((p) => ({ ...p, source: { ...p.source, path: relative(root, p.source.path) } })), 'it');
  await writeFileAtomic(join(opts.out, 'controllo.txt'), report);
  const relativePlans = plans.map((p) => ({ ...p, source: { ...p.source, path: relative(root, p.source.path) } }));
  await writeFileAtomic(join(opts.out, 'controllo.html'), formatHtml(relativePlans, [...pipelineChecks, ...rules], 'it'));
  io.stdout(report);
  io.stdout(`\nRisultati in ${resolve(opts.out)}: un file JSON per documento e il rapporto di controllo (controllo.txt, controllo.html da aprire nel browser).\n`);
  return plans.every((p) => p.findings.some((f) => f.fatal)) ? 2 : 0;
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

  program
    .command('extract')
    .description('estrae il modello normalizzato (JSON) da file di testo; le cartelle sono lette per intero')
    .argument('<file...>', 'file o cartelle da leggere')
    .option('-o, --out <dir>', 'scrive <dir>/<nome>.json per ogni file invece di stampare il JSON')
    .addOption(configOption)
    .addOption(langOption)
    .addOption(passwordOption)
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
    .action(async (inputs: string[], opts) => setExit(await checkCommand(inputs, opts, io)));

  program
    .command('rules')
    .description('elenca le regole e i controlli con la gravità predefinita')
    .action(() => {
      for (const check of [...pipelineChecks, ...rules]) {
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
    if (error instanceof UsageError) {
      io.stderr(`piao: ${error.message}\n`);
      return 2;
    }
    io.stderr(`piao: errore interno: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return 2;
  }
}
