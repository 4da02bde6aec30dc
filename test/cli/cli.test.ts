import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../pipeline/cli/index.js';
import { PlanDocument } from '../../models/plan.js';
import { formatBatchTable } from '../../pipeline/cli/format.js';
import type { BatchRow } from '../../pipeline/batch.js';
import { ROOT, seed } from '../helpers.js';

async function run(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

describe('piao extract', () => {
  it('prints the PlanDocument JSON of one file, valid against the schema', async () => {
    const { code, stdout } = await run('extract', seed.piao22);
    expect(code).toBe(0);
    const plan = PlanDocument.parse(JSON.parse(stdout));
    expect(plan.family).toBe('piao-2.2-table');
    expect(plan.objectives.length).toBeGreaterThan(100);
  });

  it('seed 001: family unknown, exit 0', async () => {
    const { code, stdout } = await run('extract', seed.prose);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ family: 'unknown', objectives: [] });
  });

  it('--out writes one JSON per file, progress on stderr, and goes on past a bad file', async () => {
    const out = mkdtempSync(join(tmpdir(), 'piao-out-'));
    const empty = join(out, 'vuoto.txt');
    writeFileSync(empty, '');
    const { code, stderr } = await run('extract', seed.piao22, empty, seed.prose, '--out', join(out, 'json'));
    expect(code).toBe(1); // one file failed, the others were done
    expect(readdirSync(join(out, 'json')).sort()).toEqual(['001_5d50e1c2c5be2f70.json', '002_7ec37e340e3bd953.json', 'vuoto.json']);
    expect(stderr).toContain('[2/3]');
    expect(stderr).toContain(`Il file «${empty}» è vuoto`);
    const bad = JSON.parse(readFileSync(join(out, 'json', 'vuoto.json'), 'utf8'));
    expect(bad.findings[0]).toMatchObject({ rule: 'file-empty', fatal: true });
  });

  it('exit 2 with a clear message when nothing could be done', async () => {
    const missing = join(tmpdir(), 'piao-does-not-exist.txt');
    const r = await run('extract', missing);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`Il file «${missing}» non esiste.`);
  });

  it('English messages with --lang en', async () => {
    const r = await run('extract', join(tmpdir(), 'piao-does-not-exist.txt'), '--lang', 'en');
    expect(r.stderr).toContain('does not exist');
  });
});

describe('piao check', () => {
  it('prints findings with line numbers and a summary per rule', async () => {
    const { code, stdout } = await run('check', seed.piao22);
    expect(code).toBe(0);
    expect(stdout).toContain('riga 34');
    expect(stdout).toContain('row-unaligned');
    expect(stdout).toMatch(/1 file: 0 errori, \d+ avvis[oi], \d+ not[ae]\./);
  });

  it('--format json lists findings per file', async () => {
    const { stdout } = await run('check', seed.prose, '--format', 'json');
    expect(JSON.parse(stdout)).toEqual([
      expect.objectContaining({ family: 'unknown', objectives: 0, findings: [expect.objectContaining({ rule: 'family-unknown' })] }),
    ]);
  });

  it('rejects an unknown format and a bad config with exit 2', async () => {
    expect((await run('check', seed.prose, '--format', 'xml')).code).toBe(2);
    const cfg = join(mkdtempSync(join(tmpdir(), 'piao-cfg-')), 'piao.config.json');
    writeFileSync(cfg, JSON.stringify({ rules: { 'target-missing': 'loud' } }));
    const r = await run('check', seed.prose, '--config', cfg);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('rules.target-missing');
  });

  it('config can turn a check off or raise it to error', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'piao-cfg-'));
    writeFileSync(join(dir, 'off.json'), JSON.stringify({ rules: { 'family-unknown': 'off' } }));
    writeFileSync(join(dir, 'err.json'), JSON.stringify({ rules: { 'family-unknown': 'error' } }));
    expect(JSON.parse((await run('check', seed.prose, '-f', 'json', '--config', join(dir, 'off.json'))).stdout)[0].findings).toEqual([]);
    const raised = await run('check', seed.prose, '--config', join(dir, 'err.json'));
    expect(raised.code).toBe(1);
  });

  it('--help works for every command', async () => {
    for (const cmd of ['extract', 'check', 'schema', 'rules', 'demo']) {
      const r = await run(cmd, '--help');
      expect(r.code).toBe(0);
      expect(r.stdout).toContain(`Uso: piao ${cmd}`);
    }
  });
});

describe('objectives the layout shows but piao did not read', () => {
  // A weighting table of objectives with no title column: no extractor, generic or not, makes objectives of it.
  const UNREAD = 'COMUNE DI VALPROVA\nRiparto del peso degli obiettivi fra i settori - anno 2025\n\nSettore\tPeso obiettivo\nRagioneria\t40\nTributi\t35\nPersonale\t25\nTotale\t100\n';

  it('check exits 1 with the objectives-missed error in Italian (and English with --lang en)', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'piao-missed-')), 'riparto.txt');
    writeFileSync(file, UNREAD);
    const r = await run('check', file);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('errore  Il documento sembra contenere circa 3 obiettivi (3 pesi «Peso obiettivo» che sommano a 100, dalla pagina 1) ma ne sono stati letti 0.  (objectives-missed)');
    expect(r.stdout).toContain('1 file: 1 errore, 1 avviso, 0 note.');
    const en = await run('check', file, '--lang', 'en');
    expect(en.code).toBe(1);
    expect(en.stdout).toContain('The document seems to hold about 3 objectives (3 weights "Peso obiettivo" adding up to 100, from page 1) but 0 were read.');
    const json = JSON.parse((await run('extract', file)).stdout);
    expect(json.coverage).toEqual({ estimated: 3, evidence: [{ kind: 'weights', count: 3, label: 'Peso obiettivo', columns: 1, page: 1, line: 5 }] });
  });

  it('the batch table shows a file read in part against the estimate, and a clean file with nothing read as «da verificare»', () => {
    const row = (file: string, objectives: number, estimated: number | null, status: BatchRow['status']): BatchRow => ({
      file, sha256: null, bytes: 1, format: 'text', pages: 1, ocrPages: 0, family: 'generic', entity: null, period: null, objectives, estimated, errors: 0, warnings: 1, infos: 0,
      status, failure: null, outputs: { model: 'm', report: 'r', plan: null }, reused: false,
    });
    const lines = formatBatchTable([row('parte.pdf', 4, 12, 'warning'), row('tutto.pdf', 12, 12, 'ok'), row('zitto.pdf', 0, 12, 'ok'), row('vecchio.pdf', 7, null, 'ok')], 'it', 200).split('\n');
    expect(lines[0]).toMatch(/^parte\.pdf +avvisi +.* 4 obiettivi \(su circa 12\) +0 errori/);
    expect(lines[1]).toMatch(/^tutto\.pdf +corretto +.* 12 obiettivi +0 errori/);
    expect(lines[2]).toMatch(/^zitto\.pdf +da verificare +.* 0 obiettivi \(su circa 12\)/);
    expect(lines[3]).toMatch(/^vecchio\.pdf +corretto +.* 7 obiettivi +0 errori/); // a row of an earlier run has no estimate
  });
});

describe('the bin', () => {
  it('runs as a process and sets its exit code', () => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'bin', 'piao.ts'), 'extract', seed.prose], { encoding: 'utf8', cwd: ROOT });
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).family).toBe('unknown');
  });
});

describe('piao render plan', () => {
  it('prints Markdown with --out -, writes ODT with --out, and exits 1 when the plan has error-level findings', async () => {
    const md = await run('render', 'plan', seed.schede, '--format', 'md', '--out', '-');
    expect(md.code).toBe(1);
    expect(md.stdout).toMatch(/^# Piano della performance – Comune di Sarzana – 2024-2026$/m);
    const out = join(mkdtempSync(join(tmpdir(), 'piao-render-cli-')), 'piano.odt');
    const odt = await run('render', 'plan', seed.piao22, '--format', 'odt', '--out', out);
    expect(odt.code).toBe(0);
    expect(readFileSync(out).subarray(0, 2).toString()).toBe('PK');
    expect(odt.stderr).toContain(`Documento scritto in ${out}`);
  });

  it('a file it cannot read or a format it does not know: a clear message, exit 2', async () => {
    const bad = await run('render', 'plan', join(ROOT, 'fixtures/pdf/bad/troncato.pdf'));
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^piao: Il PDF «.*troncato\.pdf» è danneggiato/);
    const format = await run('render', 'plan', seed.schede, '--format', 'docx');
    expect(format.code).toBe(2);
    expect(format.stderr).toContain("errore: «docx» non è un valore di «-f, --format <format>»; valori ammessi: html, md, odt, pdf.");
  });
});

describe('piao batch', () => {
  it('a folder: one line per file, the index path, exit 1 when a file has errors', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'piao-batch-cli-'));
    writeFileSync(join(dir, 'piano.txt'), readFileSync(seed.organizzativa));
    writeFileSync(join(dir, 'vuoto.pdf'), '');
    const r = await run('batch', dir, '--out', join(dir, 'risultati'));
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^piano\.txt +ERRORI +performance organizzativa +27 obiettivi/m);
    expect(r.stdout).toMatch(/^vuoto\.pdf +NON ELABORATO/m);
    expect(r.stdout).toContain(`Indice: ${join(dir, 'risultati', 'index.html')}`);
    const again = await run('batch', dir, '--out', join(dir, 'risultati'));
    expect(again.stdout).toContain('(0 elaborati ora, 2 invariati)');
    // Another plan format is another output: the files are redone, the plan is an ODT.
    const odt = await run('batch', dir, '--out', join(dir, 'risultati'), '--plan-format', 'odt');
    expect(odt.stdout).toContain('(2 elaborati ora, 0 invariati)');
    expect(readFileSync(join(dir, 'risultati', 'documenti', 'piano.txt.piano.odt')).subarray(0, 2).toString()).toBe('PK');
    expect(existsSync(join(dir, 'risultati', 'documenti', 'piano.txt.piano.html'))).toBe(false);
  });

  it('a folder that does not exist, or a bad --jobs: exit 2 with the reason', async () => {
    expect(await run('batch', '/non/esiste', '--out', '/tmp/x')).toMatchObject({ code: 2, stderr: 'piao: La cartella «/non/esiste» non esiste.\n' });
    expect((await run('batch', ROOT, '--out', '/tmp/x', '--jobs', 'due')).stderr).toContain('--jobs vuole un numero intero');
  });
});

describe('piao results-template and render report', () => {
  it('template -> filled -> Relazione from the command line; a bad row is named with its number, exit 1', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'piao-relazione-cli-'));
    const sheet = join(dir, 'risultati.csv');
    const t = await run('results-template', seed.schede, '--year', '2024', '--out', sheet);
    expect(t.code).toBe(0);
    expect(t.stderr).toMatch(/Foglio dei risultati 2024 scritto in .*risultati\.csv: \d+ righe da compilare/);
    const lines = readFileSync(sheet, 'utf8').split('\r\n');
    lines[1] = lines[1]!.replace(/;;$/, ';15/12/2024;');
    lines[2] = lines[2]!.replace(/;;$/, ';boh;');
    writeFileSync(sheet, lines.join('\r\n'));
    const out = join(dir, 'relazione.html');
    const r = await run('render', 'report', '--plan', seed.schede, '--results', sheet, '--year', '2024', '--out', out);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('Riga 3 (SO01/A2024.2): il valore «boh» non si legge');
    expect(readFileSync(out, 'utf8')).toContain('Relazione sulla performance 2024 – Comune di Sarzana');
  });

  it('usage errors: a sheet that is not .csv/.xlsx, a year that is not a year, a results file that is not a sheet', async () => {
    expect((await run('results-template', seed.schede, '--out', '/tmp/x.txt')).stderr).toBe('piao: --out «/tmp/x.txt»: il nome deve finire con .csv o .xlsx.\n');
    expect((await run('results-template', seed.schede, '--year', 'duemila', '--out', '/tmp/x.csv')).code).toBe(2);
    const bad = await run('render', 'report', '--plan', seed.schede, '--results', seed.legacy);
    expect(bad).toMatchObject({ code: 2 });
    expect(bad.stderr).toContain('non trovo la riga di intestazione con le colonne «Codice» e «Valore raggiunto»');
  });
});
