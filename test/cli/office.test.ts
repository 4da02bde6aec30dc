/**
 * What an office meets first on the command line (issue 20): the real `piao` bin, help and errors in
 * Italian (English with --lang en), options refused before any file is read, `render` writing a file by
 * default, plurals, the batch table within the terminal's width, the time left of the progress bar.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../pipeline/cli/index.js';
import { formatBatchTable } from '../../pipeline/cli/format.js';
import { estimateLeft, formatDuration } from '../../pipeline/cli/progress.js';
import { plural } from '../../pipeline/messages.js';
import type { BatchRow } from '../../pipeline/batch.js';
import { ROOT, seed } from '../helpers.js';

async function run(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), stderrIsTty: false });
  return { code, stdout, stderr };
}

const bin = (args: string[], cwd = ROOT) => spawnSync(process.execPath, [join(ROOT, 'bin', 'piao.js'), ...args], { encoding: 'utf8', cwd });

describe('the piao bin (package.json bin, works right after npm ci)', () => {
  it('package.json points at bin/piao.js, plain JS that exists without a build', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    expect(pkg.bin).toEqual({ piao: 'bin/piao.js' });
    expect(readFileSync(join(ROOT, pkg.bin.piao), 'utf8').startsWith('#!/usr/bin/env node')).toBe(true);
    expect(pkg.files).toContain('bin/piao.js');
  });

  it('prints JSON and only JSON on stdout, from any folder', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'piao-bin-'));
    const r = bin(['extract', seed.prose], cwd);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).family).toBe('unknown');
    expect(r.stderr).toBe('');
  });

  it('stops quietly when the reader of its output goes away (piao rules | head -1)', () => {
    const r = spawnSync('sh', ['-c', `"${process.execPath}" "${join(ROOT, 'bin', 'piao.js')}" rules | head -1`], { encoding: 'utf8' });
    expect(r.stdout).toMatch(/^file-unreadable +error/);
    expect(r.stderr).not.toContain('EPIPE');
  });
});

describe('help and usage errors in Italian, English with --lang en', () => {
  it('headings, usage, help option and examples are Italian; none of commander\'s English is left', async () => {
    for (const argv of [['--help'], ['check', '--help'], ['render', 'plan', '--help'], ['batch', '--help'], ['results-template', '--help']]) {
      const r = await run(...argv);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/^Uso: piao/);
      expect(r.stdout).toContain('Opzioni:');
      expect(r.stdout).toContain('mostra questo aiuto');
      expect(r.stdout).toMatch(/\nEsempi?:\n {2}piao /);
      expect(r.stdout).not.toMatch(/Usage:|Options:|Commands:|Arguments:|display help|\[options\]|default:/);
    }
    expect((await run('--help')).stdout).toContain('Comandi:');
    expect((await run('batch', '--help')).stdout).toContain('(predefinito: html)');
  });

  it('--lang en gives the English help', async () => {
    const r = await run('check', '--help', '--lang', 'en');
    expect(r.stdout).toMatch(/^Usage: piao check \[options\] <file\.\.\.>/);
    expect(r.stdout).toContain('display help for command');
    expect(r.stdout).toContain('Examples:');
    expect(r.stdout).not.toMatch(/Uso:|Opzioni:|Esempi:/);
  });

  it('commander\'s errors in Italian, exit 2', async () => {
    expect(await run('check', seed.prose, '--bogus')).toMatchObject({ code: 2, stderr: expect.stringMatching(/^errore: opzione sconosciuta «--bogus»\n/) });
    expect((await run('chek', seed.prose)).stderr).toMatch(/^errore: comando sconosciuto «chek»\n\(forse si intendeva check\?\)/);
    expect((await run('batch', ROOT)).stderr).toMatch(/^errore: manca l'opzione obbligatoria «-o, --out <dir>»/);
    expect((await run('check')).stderr).toMatch(/^errore: manca l'argomento obbligatorio «file»/);
    expect((await run('check', seed.prose, '--lang', 'fr')).stderr).toMatch(/^errore: «fr» non è un valore di «--lang <lang>»; valori ammessi: it, en\./);
    const en = await run('check', seed.prose, '--bogus', '--lang', 'en');
    expect(en).toMatchObject({ code: 2, stderr: expect.stringMatching(/^error: unknown option '--bogus'\n/) });
  });
});

describe('options are validated before any file is read', () => {
  // The inputs do not exist: a message about the options proves nothing was read first.
  const missing = join(tmpdir(), 'piao-non-esiste.pdf');

  it.each([
    [['render', 'plan', missing, '--out', 'r.ods'], 'piao: --out «r.ods»: il nome deve finire con .html, .htm, .md, .odt o .pdf.\n'],
    [['render', 'plan', missing, '--format', 'odt', '--out', 'r.pdf'], 'piao: --format odt non corrisponde a --out «r.pdf»: per odt il nome finisce con .odt.\n'],
    [['render', 'report', '--plan', missing, '--year', 'duemila'], 'piao: --year vuole un anno (es. 2024), ricevuto "duemila".\n'],
    [['results-template', missing, '--out', 'r.ods'], 'piao: --out «r.ods»: il nome deve finire con .csv o .xlsx.\n'],
    [['check', missing, '--out', 'r.ods'], 'piao: --out «r.ods»: il nome deve finire con .txt, .json, .html, .htm, .xml o .sarif.\n'],
    [['check', missing, '--format', 'junit', '--out', 'r.html'], 'piao: --format junit non corrisponde a --out «r.html»: per junit il nome finisce con .xml.\n'],
    [['batch', missing, '--out', 'x', '--jobs', '0'], 'piao: --jobs vuole un numero intero da 1 in su, ricevuto "0".\n'],
  ])('%j', async (argv, message) => {
    const r = await run(...argv);
    expect(r).toEqual({ code: 2, stdout: '', stderr: message });
  });

  it('in English with --lang en', async () => {
    expect((await run('results-template', missing, '--out', 'r.ods', '--lang', 'en')).stderr).toBe('piao: --out «r.ods»: the name must end with .csv or .xlsx.\n');
  });

  it('the format follows the name of --out', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'piao-ext-'));
    const r = await run('check', seed.prose, '--out', join(dir, 'controllo.json'));
    expect(JSON.parse(readFileSync(join(dir, 'controllo.json'), 'utf8'))[0]).toMatchObject({ family: 'unknown' });
    expect(r.code).toBe(0);
    await run('render', 'plan', seed.piao22, '--out', join(dir, 'piano.odt'));
    expect(readFileSync(join(dir, 'piano.odt')).subarray(0, 2).toString()).toBe('PK');
  });
});

describe('render writes a file by default and says when the document has errors', () => {
  it('render plan scheda.txt: <name>.html in the current folder, one line naming the errors and the command to see them, exit 1', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'piao-render-default-'));
    copyFileSync(seed.schede, join(cwd, 'schede.txt'));
    const r = bin(['render', 'plan', 'schede.txt'], cwd);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(readFileSync(join(cwd, 'schede.html'), 'utf8')).toMatch(/^<!DOCTYPE html>/);
    // Seed 003 has 6 error-level findings (see the demo test).
    expect(r.stderr).toBe('Documento scritto in schede.html\nAttenzione: il documento ha 6 errori; per vederli: piao check schede.txt\n');
  });

  it('render report: relazione-<year>.html by default', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'piao-report-default-'));
    const r = bin(['render', 'report', '--plan', seed.schede, '--year', '2024'], cwd);
    expect(readdirSync(cwd)).toEqual(['relazione-2024.html']);
    expect(r.stderr).toContain('Documento scritto in relazione-2024.html');
  });
});

describe('words and numbers', () => {
  it('Italian and English plurals through Intl.PluralRules', () => {
    expect(plural(1, { one: 'errore', other: 'errori' })).toBe('1 errore');
    expect(plural(0, { one: 'errore', other: 'errori' })).toBe('0 errori');
    expect(plural(2, { one: 'errore', other: 'errori' })).toBe('2 errori');
    expect(plural(12345, { one: 'avviso', other: 'avvisi' })).toBe('12.345 avvisi');
    expect(plural(1, { one: 'error', other: 'errors' }, 'en')).toBe('1 error');
  });

  it('the check summary uses them: seed 001 (prose, no layout known) has one warning and no errors', async () => {
    const r = await run('check', seed.prose);
    expect(r.stdout.trim().split('\n').at(-1)).toBe('1 file: 0 errori, 1 avviso, 0 note.');
    expect((await run('check', seed.prose, '--lang', 'en')).stdout.trim().split('\n').at(-1)).toBe('1 file: 0 errors, 1 warning, 0 notes.');
  });

  it('time left: whole seconds, never 60 s or 1m60s; from the files processed in this run', () => {
    expect(formatDuration(119.6)).toBe('2 min 00 s');
    expect(formatDuration(59.6)).toBe('1 min 00 s');
    expect(formatDuration(59.4)).toBe('59 s');
    expect(formatDuration(3599.7)).toBe('1 h 00 min');
    for (let s = 0; s < 8000; s += 0.7) expect(formatDuration(s)).not.toMatch(/\b60 (s|min)/);
    expect(estimateLeft({ done: 0, total: 10, reused: 0 }, 5000)).toBeNull();
    expect(estimateLeft({ done: 2, total: 10, reused: 0 }, 10_000)).toBe(40); // 5 s a file, 8 to go
    expect(estimateLeft({ done: 6, total: 10, reused: 4 }, 10_000)).toBe(20); // reused files took no time
  });
});

describe('progress of a single file', () => {
  it('on a terminal: the file being read, then its pages and the time taken, on stderr only', async () => {
    let stdout = '';
    let stderr = '';
    const code = await runCli(['check', seed.prose], { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), stderrIsTty: true });
    expect(code).toBe(0);
    expect(stderr).toMatch(new RegExp(`^\\r${seed.prose.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/^/, 'Lettura di ')}… \\d+ s`));
    expect(stderr).toMatch(/: 1 pagina in \d+ s\x1b\[K\n$/);
    expect(stdout).not.toContain('Lettura');
  });

  it('not on a terminal: nothing', async () => {
    expect((await run('check', seed.prose)).stderr).toBe('');
  });
});

describe('the batch table fits the terminal', () => {
  const row = (file: string, status: BatchRow['status'], family: string): BatchRow => ({
    file, sha256: null, bytes: 1, format: 'pdf', pages: 3, ocrPages: 0, family, entity: null, period: null, objectives: 27, errors: 4, warnings: 12, infos: 0,
    status, failure: null, outputs: { model: 'm', report: 'r', plan: null }, reused: false,
  });
  const rows = [
    row('settore-urbanistica/sottocartella-con-un-nome-lungo/piano-della-performance-2024-2026-definitivo.pdf', 'error', 'performance-organizzativa'),
    row('a.txt', 'ok', 'legacy-piano'),
    row('scheda.pdf', 'fatal', 'unknown'),
  ];

  it.each([64, 80, 100, 160])('%i columns', (columns) => {
    const lines = formatBatchTable(rows, 'it', columns).trimEnd().split('\n');
    expect(lines).toHaveLength(3);
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(columns);
    expect(lines[1]).toMatch(/^a\.txt +corretto/);
    expect(lines[0]).toMatch(/^….*ivo\.pdf +ERRORI/); // the end of a long name is kept
  });

  it('wide enough, nothing is cut', () => {
    const lines = formatBatchTable(rows, 'it', 200).split('\n');
    expect(lines[0]).toContain('settore-urbanistica/sottocartella-con-un-nome-lungo/piano-della-performance');
    expect(lines[0]).toContain('performance organizzativa');
  });
});

describe('--lang en reaches everything the batch writes', () => {
  it('index.html, indice.csv headers, per-file reports, places', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'piao-batch-en-'));
    copyFileSync(seed.schede, join(dir, 'schede.txt'));
    const r = await run('batch', dir, '--out', join(dir, 'out'), '--lang', 'en');
    expect(r.stdout).toContain('1 file: 0 clean, 0 with warnings, 1 with errors, 0 not processed (1 processed now, 0 unchanged).');
    expect(r.stdout).toMatch(/^schede\.txt +ERRORS +objective sheets \(schede obiettivo\) +38 objectives +6 errors/m);
    const index = readFileSync(join(dir, 'out', 'index.html'), 'utf8');
    expect(index).toContain('<html lang="en">');
    expect(index).toContain('<h1>Folder run</h1>');
    expect(index).not.toMatch(/Cartella|Tipo di documento|con errori|non riconosciuto/);
    const csv = parse(readFileSync(join(dir, 'out', 'indice.csv'), 'utf8').replace(/^\ufeff/, ''), { delimiter: ';' }) as string[][];
    expect(csv[0]!.slice(0, 4)).toEqual(['file', 'format', 'pages', 'OCR pages']);
    expect(csv[1]![11]).toBe('with errors');
    const report = readFileSync(join(dir, 'out', 'documenti', 'schede.txt.controllo.html'), 'utf8');
    expect(report).toContain('<h1>Check report</h1>');
    expect(report).toContain('p. 1, line 804');
    expect(report).not.toContain('riga 804');
  });
});

describe('indice.csv is safe to open in a spreadsheet (OWASP CSV injection)', () => {
  it('file names that look like formulas stay text; a newline in a name keeps the row whole', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'piao-csv-'));
    const names = ['=HYPERLINK("http:x").txt', '+1.txt', '-2.txt', '@SUM(A1).txt', 'riga\nnuova.txt', 'normale.txt'];
    for (const name of names) writeFileSync(join(dir, name), readFileSync(seed.prose));
    await run('batch', dir, '--out', join(dir, 'out'));
    const text = readFileSync(join(dir, 'out', 'indice.csv'), 'utf8');
    const records = parse(text.replace(/^\ufeff/, ''), { delimiter: ';' }) as string[][];
    expect(records).toHaveLength(names.length + 1);
    for (const rec of records) expect(rec).toHaveLength(19);
    expect(records.slice(1).map((r) => r[0]).sort()).toEqual(["'+1.txt", "'-2.txt", "'=HYPERLINK(\"http:x\").txt", "'@SUM(A1).txt", 'normale.txt', 'riga\nnuova.txt']);
    expect(existsSync(join(dir, 'out', 'index.html'))).toBe(true);
  });
});
