/**
 * The words of a batch's outputs in each language: `index.html` (template
 * `batch-index.html.hbs`), the header and labels of `indice.csv`. The batch
 * fills the rows; what they are called is here.
 */
import type { Lang } from './summary.js';

export const INDEX_TEXT = {
  it: {
    title: 'Elaborazione della cartella', folder: 'Cartella', processedNow: 'File elaborati in questa esecuzione', reusedLabel: 'invariati e non rielaborati',
    files: 'file', pages: 'pagine', objectives: 'obiettivi letti', estimated: 'stimati', underRead: 'letti per meno della metà', ok: 'corretti', warning: 'con avvisi', error: 'con errori', fatal: 'non elaborati',
    findings: 'rilievi', errors: 'errori', warnings: 'avvisi', notes: 'note',
    caption: 'Un file per riga: tipo di documento, pagine, obiettivi letti e stimati dall\'impaginazione, rilievi per gravità, esito e collegamenti ai risultati.',
    col: { n: 'N.', file: 'File', family: 'Tipo di documento', pages: 'Pagine', objectives: 'Obiettivi letti / stimati', errors: 'Errori', warnings: 'Avvisi', notes: 'Note', status: 'Esito', problem: 'Problema', outputs: 'Risultati' },
    reused: 'invariato: risultati della volta precedente', step: 'Passo', report: 'controllo', model: 'modello JSON', plan: 'piano', rules: 'Le regole di controllo', csv: 'Indice per il foglio di calcolo (indice.csv)',
  },
  en: {
    title: 'Folder run', folder: 'Folder', processedNow: 'Files processed in this run', reusedLabel: 'unchanged and not processed again',
    files: 'files', pages: 'pages', objectives: 'objectives read', estimated: 'estimated', underRead: 'read for less than half', ok: 'clean', warning: 'with warnings', error: 'with errors', fatal: 'not processed',
    findings: 'findings', errors: 'errors', warnings: 'warnings', notes: 'notes',
    caption: 'One file per row: document type, pages, objectives read and estimated from the layout, findings by severity, status and links to the outputs.',
    col: { n: 'No.', file: 'File', family: 'Document type', pages: 'Pages', objectives: 'Objectives read / estimated', errors: 'Errors', warnings: 'Warnings', notes: 'Notes', status: 'Status', problem: 'Problem', outputs: 'Outputs' },
    reused: 'unchanged: outputs of the previous run', step: 'Step', report: 'check report', model: 'JSON model', plan: 'plan', rules: 'The check rules', csv: 'Index for spreadsheets (indice.csv)',
  },
} as const;

/** The status of a row, as the index and the CSV show it. */
export const STATUS_TEXT = {
  it: { ok: 'corretto', warning: 'con avvisi', error: 'con errori', fatal: 'non elaborato', empty: 'nessun obiettivo trovato', check: 'da verificare' },
  en: { ok: 'clean', warning: 'with warnings', error: 'with errors', fatal: 'not processed', empty: 'no objectives found', check: 'to be checked' },
} as const;

/** Header of `indice.csv`. */
export const CSV_HEADER: Record<Lang, readonly string[]> = {
  it: ['file', 'formato', 'pagine', 'pagine OCR', 'tipo di documento', 'ente', 'periodo', 'obiettivi', 'errori', 'avvisi', 'note', 'esito', 'passo non riuscito', 'problema', 'modello', 'controllo', 'piano', 'riutilizzato', 'obiettivi stimati'],
  en: ['file', 'format', 'pages', 'OCR pages', 'document type', 'entity', 'period', 'objectives', 'errors', 'warnings', 'notes', 'status', 'failed step', 'problem', 'model', 'check report', 'plan', 'reused', 'estimated objectives'],
};

export const YES_NO: Record<Lang, readonly [string, string]> = { it: ['sì', 'no'], en: ['yes', 'no'] };
