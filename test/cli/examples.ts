/**
 * Runs the command examples of a Markdown file (README.md, docs/guida.md) as written on bundled
 * fixtures (test/cli/readme-examples.test.ts, test/cli/guide-examples.test.ts): the fenced `sh` blocks are read, each `piao …` line (also written `npx piao …` or
 * `npm run piao -- …`) is run in one scratch folder, in order, so a results sheet written by one
 * example is read by the next. The first example of each file runs through the real bin as a process;
 * the others go to `runCli`, the function the bin hands its arguments to (`bin/piao.ts`), in this
 * process with the scratch folder as working directory: the same parsing, reading (PDFs still in
 * their limited reading process), outputs and exit code, without a Node start per example. The names the examples use are files there:
 * `cartella/` (three text seeds), `piano.pdf` (a PDF fixture), `piano.txt`, `scheda.txt` (text seeds).
 * Left out, and said so: OCR of scans (minutes; test/pipeline/ingest), the demo (test/cli/cli.test.ts)
 * and PDF output (LibreOffice; test/render/pdf.slow.test.ts).
 */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { expect } from 'vitest';
import { runCli } from '../../pipeline/cli/index.js';
import { ROOT, seed } from '../helpers.js';

/** The `piao` command lines of the fenced sh blocks of a Markdown file, with the line each starts on. */
export function shExamples(markdown: string): { line: number; args: string[] }[] {
  const out: { line: number; args: string[] }[] = [];
  const lines = markdown.split('\n');
  let inSh = false;
  for (const [i, raw] of lines.entries()) {
    if (/^```/.test(raw)) {
      inSh = !inSh && /^```(sh|bash|shell)\s*$/.test(raw);
      continue;
    }
    if (!inSh) continue;
    const command = raw.replace(/\s+#.*$/, '').trim();
    const m = /^(?:npx piao|npm run piao --|piao)\s+(.*)$/.exec(command);
    if (m) out.push({ line: i + 1, args: words(m[1]!) });
  }
  return out;
}

/** Shell words: spaces split, quotes group (the examples use nothing else). */
function words(text: string): string[] {
  return [...text.matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g)].map((m) => m[1] ?? m[2] ?? m[3]!);
}

/** Why an example is not run here (and where it is tested), or null to run it. */
function skipReason(args: string[]): string | null {
  if (args.includes('--help') || args.length === 0) return null;
  if (args[0] === 'demo') return 'demo: test/cli/cli.test.ts';
  if (args.some((a) => /scansione|\.png$|\.tiff?$|\.jpe?g$/i.test(a)) && !args.includes('--no-ocr')) return 'OCR of a scan: test/pipeline/ingest';
  const format = args[args.indexOf('--format') + 1];
  if ((args[0] === 'render' && (format === 'pdf' || args.some((a) => /\.pdf$/.test(a) && args[args.indexOf(a) - 1] === '--out')))) return 'PDF output (LibreOffice): test/render/pdf.slow.test.ts';
  return null;
}

function scratch(): string {
  const cwd = mkdtempSync(join(tmpdir(), 'piao-examples-'));
  mkdirSync(join(cwd, 'cartella', 'settore 1'), { recursive: true });
  copyFileSync(seed.prose, join(cwd, 'cartella', 'relazione-introduttiva.txt'));
  copyFileSync(seed.piao22, join(cwd, 'cartella', 'piao-2024.txt'));
  copyFileSync(seed.schede, join(cwd, 'cartella', 'settore 1', 'schede.txt'));
  copyFileSync(join(ROOT, 'fixtures', 'pdf', '002-piao-2.2.pdflib-portrait-borderless.pdf'), join(cwd, 'piano.pdf'));
  copyFileSync(seed.piao22, join(cwd, 'piano.txt'));
  copyFileSync(seed.schede, join(cwd, 'scheda.txt'));
  return cwd;
}

/**
 * The examples of `file`, in order, in a scratch folder of their own; those written the same way in
 * one of the `already` files are not run again (the guide repeats the README's), but count as run,
 * except one that writes a file not yet in this folder (a later example may read it).
 */
export async function runExamples(file: string, already: string[] = []) {
  const cwd = scratch();
  const seen = new Set(already.flatMap((f) => shExamples(readFileSync(join(ROOT, f), 'utf8')).map((e) => e.args.join('\0'))));
  const home = process.cwd();
  process.chdir(cwd);
  try {
    const examples = shExamples(readFileSync(join(ROOT, file), 'utf8'));
    return { examples: examples.length, ...(await runEach(file, examples, cwd, seen)) };
  } finally {
    process.chdir(home);
  }
}

/** The file an example writes (`--out` / `-o`, not `-`), or null. */
function outputOf(args: string[]): string | null {
  const k = args.findIndex((a) => a === '--out' || a === '-o');
  const out = k === -1 ? undefined : args[k + 1];
  return out === undefined || out === '-' ? null : out;
}

type Run = { status: number | null; stdout: string; stderr: string };

/** Through the real bin, as a process of its own. */
function asProcess(args: string[], cwd: string): Run {
  return spawnSync(process.execPath, [join(ROOT, 'bin', 'piao.js'), ...args], { cwd, encoding: 'utf8', timeout: 60_000 });
}

/** Through `runCli`, in this process (the working directory is the scratch folder). */
async function inProcess(args: string[]): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const status = await runCli(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), stderrIsTty: false });
  return { status, stdout, stderr };
}

async function runEach(file: string, examples: { line: number; args: string[] }[], cwd: string, seen: Set<string>) {
  let ran = 0;
  let processes = 0;
  for (const { line, args } of examples) {
    if (skipReason(args)) continue;
    ran++;
    // A repeated line is not run again, unless it writes a file: a later example of this folder may read it.
    const written = outputOf(args);
    if (seen.has(args.join('\0')) && (written === null || existsSync(join(cwd, written)))) continue;
    seen.add(args.join('\0'));
    const t0 = Date.now();
    const r = processes === 0 ? asProcess(args, cwd) : await inProcess(args);
    // EXAMPLE_TIMES=1 prints what each example costs (to see where the time of this test goes).
    if (process.env.EXAMPLE_TIMES) process.stderr.write(`${Date.now() - t0} ms ${args.join(" ")}\n`);
    if (processes === 0) processes++;
    const where = `${file}:${line}: piao ${args.join(' ')}\n${r.stderr}`;
    // 1: the documents have error-level findings (seed 003 has); 2 would be a usage or input error.
    expect(r.status, where).toBeLessThanOrEqual(1);
    expect(r.stderr, where).not.toMatch(/errore interno|internal error|^error:|Usage:/m);
    if (written !== null) expect(existsSync(join(cwd, written)) && statSync(join(cwd, written)).size > 0, where).toBe(true);
    else if (['check', 'extract', 'rules', 'schema'].includes(args[0]!) || args.includes('--help')) expect(r.stdout.length, where).toBeGreaterThan(0);
    if (args[0] === 'extract' && !args.includes('--out')) expect(() => JSON.parse(r.stdout), where).not.toThrow();
  }
  return { ran, asProcess: processes };
}

