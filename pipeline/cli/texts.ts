/**
 * Every word the command line says, in Italian and English: commander's own
 * help and error texts translated, the description of each command and
 * option, the examples shown after each command's help, the messages.
 */
import type { Lang } from '../report/summary.js';
import { plural } from '../messages.js';

export type { Lang };

/** `--lang en` / `--lang=en` anywhere in argv decides the language of help and usage errors (before options are parsed). */
export function langOfArgv(argv: readonly string[]): Lang {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') break;
    const value = a === '--lang' ? argv[i + 1] : a.startsWith('--lang=') ? a.slice(7) : undefined;
    if (value === 'en') return 'en';
    if (value === 'it') return 'it';
  }
  return 'it';
}

/** Headings of commander's help. */
export const HELP_TITLES: Record<Lang, Record<string, string>> = {
  it: { 'Usage:': 'Uso:', 'Options:': 'Opzioni:', 'Commands:': 'Comandi:', 'Arguments:': 'Argomenti:', 'Global Options:': 'Opzioni generali:' },
  en: {},
};

/** commander's error messages, matched and rewritten in Italian (English: unchanged). */
const ERRORS_IT: [RegExp, string][] = [
  [/^error: unknown option '(.+?)'/, "errore: opzione sconosciuta «$1»"],
  [/^error: unknown command '(.+?)'/, 'errore: comando sconosciuto «$1»'],
  [/^error: missing required argument '(.+?)'/, "errore: manca l'argomento obbligatorio «$1»"],
  [/^error: option '(.+?)' argument missing/, "errore: manca il valore dell'opzione «$1»"],
  [/^error: required option '(.+?)' not specified/, "errore: manca l'opzione obbligatoria «$1»"],
  [/^error: option '(.+?)' argument '(.*?)' is invalid\. Allowed choices are (.+)\./, "errore: «$2» non è un valore di «$1»; valori ammessi: $3."],
  [/^error: option '(.+?)' argument '(.*?)' is invalid\./, "errore: «$2» non è un valore valido per «$1»."],
  [/^error: too many arguments for '(.+?)'\. Expected (\d+) arguments? but got (\d+)\./, "errore: troppi argomenti per «$1»: ne servono $2, ricevuti $3."],
  [/^error: too many arguments\. Expected (\d+) arguments? but got (\d+)\./, 'errore: troppi argomenti: ne servono $1, ricevuti $2.'],
  [/\(Did you mean one of (.+)\?\)/, '(forse si intendeva uno fra $1?)'],
  [/\(Did you mean (.+)\?\)/, '(forse si intendeva $1?)'],
  [/^error: /, 'errore: '],
];

export function translateCommanderError(text: string, lang: Lang): string {
  if (lang === 'en') return text;
  let out = text;
  for (const [pattern, replacement] of ERRORS_IT) out = out.replace(pattern, replacement);
  return out.replace(/ or /g, ' o ');
}

interface Bi {
  it: string;
  en: string;
}

/** Descriptions of commands and options. */
export const D = {
  program: { it: 'Legge, controlla e rigenera i piani della performance (PIAO 2.2, Piani della Performance, schede obiettivo).', en: 'Reads, checks and regenerates performance plans (PIAO 2.2, Piani della Performance, schede obiettivo).' },
  help: { it: 'mostra questo aiuto', en: 'display help for command' },
  helpCommand: { it: "mostra l'aiuto di un comando", en: 'display help for command' },
  version: { it: 'mostra la versione', en: 'output the version number' },
  config: { it: 'file di configurazione JSON (gravità delle regole, tolleranza, criteri della Relazione)', en: 'JSON configuration file (rule severities, tolerance, Relazione criteria)' },
  lang: { it: 'lingua dei messaggi e dei rapporti: it o en', en: 'language of messages and reports: it or en' },
  password: { it: 'password dei PDF cifrati', en: 'password of encrypted PDFs' },
  noOcr: { it: "non leggere le scansioni con l'OCR (pagine senza testo e immagini restano non lette, con un avviso)", en: 'do not read scans with OCR (pages without text and images stay unread, with a warning)' },
  extract: { it: 'estrae il modello normalizzato (JSON) dai documenti; le cartelle sono lette per intero', en: 'extracts the normalized model (JSON) from documents; folders are read whole' },
  extractFiles: { it: 'file o cartelle da leggere', en: 'files or folders to read' },
  extractOut: { it: 'scrive <dir>/<nome>.json per ogni file invece di stampare il JSON', en: 'writes <dir>/<name>.json for each file instead of printing the JSON' },
  check: { it: 'controlla i file e stampa i rilievi (pesi, date, target, responsabili)', en: 'checks the files and prints the findings (weights, dates, targets, managers)' },
  checkFiles: { it: 'file o cartelle da controllare', en: 'files or folders to check' },
  checkFormat: { it: 'formato del rapporto: text, json, html (da aprire nel browser), junit (XML), sarif; predefinito: dal nome di --out, altrimenti text', en: 'report format: text, json, html (to open in a browser), junit (XML), sarif; default: from the --out name, else text' },
  checkOut: { it: 'scrive il rapporto in questo file (.txt, .json, .html, .xml, .sarif) invece che sullo schermo', en: 'writes the report to this file (.txt, .json, .html, .xml, .sarif) instead of the screen' },
  batch: { it: 'elabora una cartella intera: per ogni file il modello JSON, il rapporto di controllo e il piano; poi OUT/index.html e OUT/indice.csv con una riga per file', en: 'processes a whole folder: for each file the JSON model, the check report and the plan; then OUT/index.html and OUT/indice.csv with one row per file' },
  batchFolder: { it: 'cartella con i documenti (testo, PDF, immagini), letta con le sottocartelle', en: 'folder of documents (text, PDF, images), read with its subfolders' },
  batchOut: { it: 'cartella dei risultati', en: 'output folder' },
  force: { it: "rielabora anche i file che non sono cambiati dall'ultima volta", en: 'processes again the files that did not change since the last run' },
  jobs: { it: 'file letti in parallelo (predefinito: uno per core)', en: 'files read in parallel (default: one per core)' },
  planFormat: { it: 'formato del piano di ogni file: html, md, odt', en: 'format of the plan of each file: html, md, odt' },
  render: { it: 'genera i documenti standardizzati: il piano, la Relazione sulla performance', en: 'generates the standardized documents: the plan, the Relazione sulla performance' },
  renderPlan: { it: 'il piano standardizzato (albero degli obiettivi, una scheda per obiettivo, riepilogo per unità)', en: 'the standardized plan (objective tree, one sheet per objective, summary per unit)' },
  renderPlanFile: { it: 'documento da leggere (testo, PDF, immagine) o modello JSON estratto con piao extract', en: 'document to read (text, PDF, image) or JSON model from piao extract' },
  renderFormat: { it: 'html, md (Markdown), odt (LibreOffice/Word), pdf (richiede LibreOffice); predefinito: dal nome di --out, altrimenti html', en: 'html, md (Markdown), odt (LibreOffice/Word), pdf (needs LibreOffice); default: from the --out name, else html' },
  renderPlanOut: { it: 'file da scrivere (predefinito: <nome del documento>.<formato> nella cartella corrente; - per lo schermo)', en: 'file to write (default: <document name>.<format> in the current folder; - for the screen)' },
  renderReport: { it: "la Relazione sulla performance dell'anno (Linee guida DFP n. 3/2018) dal piano e dai risultati", en: 'the Relazione sulla performance of the year (DFP guidelines 3/2018) from the plan and the results' },
  reportPlan: { it: 'il piano (documento o modello JSON)', en: 'the plan (document or JSON model)' },
  reportResults: { it: 'il foglio dei risultati compilato (.csv o .xlsx, da piao results-template); senza, valgono le schede compilate', en: 'the filled results sheet (.csv or .xlsx, from piao results-template); without it, the filled sheets of the plan' },
  year: { it: 'anno (predefinito: il primo anno del piano)', en: 'year (default: the first year of the plan)' },
  renderReportOut: { it: 'file da scrivere (predefinito: relazione-<anno>.<formato> nella cartella corrente; - per lo schermo)', en: 'file to write (default: relazione-<year>.<format> in the current folder; - for the screen)' },
  resultsTemplate: { it: 'il foglio dei risultati da compilare a fine anno: una riga per indicatore o azione, con le colonne «Valore raggiunto» e «Note»', en: 'the results sheet to fill at the end of the year: one row per indicator or action, with the columns «Valore raggiunto» and «Note»' },
  resultsOut: { it: 'foglio da scrivere: .csv (separato da punto e virgola) o .xlsx', en: 'sheet to write: .csv (semicolon-separated) or .xlsx' },
  rules: { it: 'elenca le regole e i controlli con la gravità predefinita', en: 'lists the rules and checks with their default severity' },
  schema: { it: 'stampa (o scrive con --out) lo JSON Schema del modello', en: 'prints (or writes with --out) the JSON Schema of the model' },
  schemaOut: { it: 'file da scrivere', en: 'file to write' },
  demo: { it: 'elabora i documenti di esempio del pacchetto e mostra dove sono i risultati', en: 'processes the bundled sample documents and shows where the outputs are' },
  demoOut: { it: 'cartella dei risultati', en: 'output folder' },
} satisfies Record<string, Bi>;

/** Examples shown after each command's help. */
export const EXAMPLES: Record<string, Bi> = {
  program: {
    it: `
Esempi:
  piao batch cartella/ --out risultati       tutta la cartella: risultati/index.html
  piao check piano.pdf                       rilievi sullo schermo
  piao render plan piano.pdf --out piano.odt il piano standardizzato
  piao <comando> --help                      aiuto ed esempi di un comando

Codici di uscita: 0 nessun errore, 1 almeno un rilievo di gravità errore, 2 nessun file elaborabile o opzioni errate.`,
    en: `
Examples:
  piao batch folder/ --out results           a whole folder: results/index.html
  piao check plan.pdf                        findings on the screen
  piao render plan plan.pdf --out plan.odt   the standardized plan
  piao <command> --help                      help and examples of a command

Exit codes: 0 no errors, 1 at least one error-level finding, 2 nothing could be processed or bad options.`,
  },
  extract: {
    it: `
Esempi:
  piao extract piano.txt                     stampa il modello JSON del documento
  piao extract cartella/ --out risultati     un file risultati/<nome>.json per documento
  piao extract scansione.pdf --no-ocr        senza OCR`,
    en: `
Examples:
  piao extract plan.txt                      prints the JSON model of the document
  piao extract folder/ --out results         one results/<name>.json per document
  piao extract scan.pdf --no-ocr             without OCR`,
  },
  check: {
    it: `
Esempi:
  piao check cartella/                       rilievi per file e per regola
  piao check cartella/ --out controllo.html  rapporto da aprire nel browser
  piao check piano.pdf --format junit        anche json, sarif (per altri sistemi)
  piao check piano.pdf --password SEGRETO    PDF cifrato`,
    en: `
Examples:
  piao check folder/                         findings per file and per rule
  piao check folder/ --out report.html       a report to open in a browser
  piao check plan.pdf --format junit         also json, sarif (for other systems)
  piao check plan.pdf --password SECRET      encrypted PDF`,
  },
  batch: {
    it: `
Esempi:
  piao batch cartella/ --out risultati                    risultati/index.html, una riga per file
  piao batch cartella/ --out risultati --plan-format odt  il piano di ogni file in ODT
  piao batch cartella/ --out risultati --no-ocr           senza OCR`,
    en: `
Examples:
  piao batch folder/ --out results                    results/index.html, one row per file
  piao batch folder/ --out results --plan-format odt  the plan of each file as ODT
  piao batch folder/ --out results --no-ocr           without OCR`,
  },
  render: {
    it: `
Esempi:
  piao render plan piano.pdf                               scrive piano.html
  piao render plan piano.pdf --out piano.odt               ODT (il formato segue il nome)
  piao render report --plan piano.pdf --results risultati.xlsx --year 2024 --out relazione.odt`,
    en: `
Examples:
  piao render plan plan.pdf                                writes plan.html
  piao render plan plan.pdf --out plan.odt                 ODT (the format follows the name)
  piao render report --plan plan.pdf --results results.xlsx --year 2024 --out relazione.odt`,
  },
  'render plan': {
    it: `
Esempi:
  piao render plan piano.pdf                  scrive piano.html nella cartella corrente
  piao render plan piano.pdf --out piano.odt  ODT, da aprire con LibreOffice o Word
  piao render plan piano.pdf --format md --out -   Markdown sullo schermo`,
    en: `
Examples:
  piao render plan plan.pdf                   writes plan.html in the current folder
  piao render plan plan.pdf --out plan.odt    ODT, to open with LibreOffice or Word
  piao render plan plan.pdf --format md --out -    Markdown on the screen`,
  },
  'render report': {
    it: `
Esempi:
  piao render report --plan piano.pdf --results risultati.xlsx --year 2024 --out relazione.odt
  piao render report --plan piano.pdf --year 2024          scrive relazione-2024.html`,
    en: `
Examples:
  piao render report --plan plan.pdf --results results.xlsx --year 2024 --out relazione.odt
  piao render report --plan plan.pdf --year 2024           writes relazione-2024.html`,
  },
  'results-template': {
    it: `
Esempi:
  piao results-template piano.pdf --year 2024 --out risultati.xlsx
  piao results-template piano.pdf --out risultati.csv      CSV con punto e virgola`,
    en: `
Examples:
  piao results-template plan.pdf --year 2024 --out results.xlsx
  piao results-template plan.pdf --out results.csv         semicolon-separated CSV`,
  },
  rules: { it: '\nEsempio:\n  piao rules', en: '\nExample:\n  piao rules' },
  schema: { it: '\nEsempio:\n  piao schema --out schema.json', en: '\nExample:\n  piao schema --out schema.json' },
  demo: { it: '\nEsempio:\n  piao demo --out out/demo', en: '\nExample:\n  piao demo --out out/demo' },
};

const n = (count: number, one: string, other: string, lang: Lang) => plural(count, { one, other }, lang);

/** Counts in words, in either language. */
export const count = {
  errors: (k: number, lang: Lang) => (lang === 'it' ? n(k, 'errore', 'errori', lang) : n(k, 'error', 'errors', lang)),
  warnings: (k: number, lang: Lang) => (lang === 'it' ? n(k, 'avviso', 'avvisi', lang) : n(k, 'warning', 'warnings', lang)),
  notes: (k: number, lang: Lang) => (lang === 'it' ? n(k, 'nota', 'note', lang) : n(k, 'note', 'notes', lang)),
  objectives: (k: number, lang: Lang) => (lang === 'it' ? n(k, 'obiettivo', 'obiettivi', lang) : n(k, 'objective', 'objectives', lang)),
  files: (k: number, lang: Lang) => (lang === 'it' ? n(k, 'file', 'file', lang) : n(k, 'file', 'files', lang)),
  pages: (k: number, lang: Lang) => (lang === 'it' ? n(k, 'pagina', 'pagine', lang) : n(k, 'page', 'pages', lang)),
  rows: (k: number, lang: Lang) => (lang === 'it' ? n(k, 'riga', 'righe', lang) : n(k, 'row', 'rows', lang)),
};

/** Messages of the command line. */
export const M = {
  configUnreadable: (path: string) => ({ it: `File di configurazione non leggibile: ${path}`, en: `Configuration file not readable: ${path}` }),
  configJson: (path: string, why: string) => ({ it: `File di configurazione ${path}: JSON non valido (${why}).`, en: `Configuration file ${path}: invalid JSON (${why}).` }),
  configInvalid: (path: string | undefined, lines: string) => ({ it: `File di configurazione ${path} non valido:\n${lines}`, en: `Configuration file ${path} is not valid:\n${lines}` }),
  noFiles: { it: 'Nessun file da leggere nelle cartelle indicate.', en: 'No files to read in the given folders.' },
  noFilesIn: (dir: string) => ({ it: `Nessun file da elaborare in ${dir}.`, en: `No files to process in ${dir}.` }),
  folderMissing: (dir: string) => ({ it: `La cartella «${dir}» non esiste.`, en: `The folder «${dir}» does not exist.` }),
  jobs: (v: string) => ({ it: `--jobs vuole un numero intero da 1 in su, ricevuto "${v}".`, en: `--jobs needs a whole number from 1 up, got "${v}".` }),
  year: (v: string) => ({ it: `--year vuole un anno (es. 2024), ricevuto "${v}".`, en: `--year needs a year (e.g. 2024), got "${v}".` }),
  noPeriod: { it: "Il piano non indica il periodo: specificare l'anno con --year.", en: 'The plan does not state its period: give the year with --year.' },
  outExtension: (option: string, out: string, allowed: string) => ({
    it: `${option} «${out}»: il nome deve finire con ${allowed}.`,
    en: `${option} «${out}»: the name must end with ${allowed}.`,
  }),
  formatVsOut: (format: string, out: string, allowed: string) => ({
    it: `--format ${format} non corrisponde a --out «${out}»: per ${format} il nome finisce con ${allowed}.`,
    en: `--format ${format} does not match --out «${out}»: for ${format} the name ends with ${allowed}.`,
  }),
  nothingToSurvey: (year: number) => ({ it: `Il piano non ha indicatori né azioni per il ${year}: niente da rilevare.`, en: `The plan has no indicators or actions for ${year}: nothing to survey.` }),
  reportWritten: (out: string) => ({ it: `Rapporto scritto in ${out}`, en: `Report written to ${out}` }),
  documentWritten: (out: string) => ({ it: `Documento scritto in ${out}`, en: `Document written to ${out}` }),
  schemaWritten: (out: string) => ({ it: `Schema scritto in ${out}`, en: `Schema written to ${out}` }),
  planErrors: (errors: string, input: string) => ({
    it: `Attenzione: il documento ha ${errors}; per vederli: piao check ${input}`,
    en: `Note: the document has ${errors}; to see them: piao check ${input}`,
  }),
  resultsWritten: (year: number, out: string, rows: string) => ({
    it: `Foglio dei risultati ${year} scritto in ${out}: ${rows} da compilare (colonne «Valore raggiunto» e «Note»).`,
    en: `Results sheet ${year} written to ${out}: ${rows} to fill (columns «Valore raggiunto» and «Note»).`,
  }),
  resultsWarnings: (warnings: string) => ({
    it: `${warnings} sui risultati (valori mancanti, scostamenti senza motivazione): vedere la Relazione.`,
    en: `${warnings} on the results (missing values, deviations without explanation): see the Relazione.`,
  }),
  batchSummary: (lang: Lang, c: { files: number; ok: number; warning: number; error: number; fatal: number; processed: number; reused: number }) =>
    lang === 'it'
      ? `${count.files(c.files, lang)}: ${c.ok} ${c.ok === 1 ? 'corretto' : 'corretti'}, ${c.warning} con avvisi, ${c.error} con errori, ${c.fatal} non ${c.fatal === 1 ? 'elaborato' : 'elaborati'} (${c.processed} ${c.processed === 1 ? 'elaborato' : 'elaborati'} ora, ${c.reused} ${c.reused === 1 ? 'invariato' : 'invariati'}).`
      : `${count.files(c.files, lang)}: ${c.ok} clean, ${c.warning} with warnings, ${c.error} with errors, ${c.fatal} not processed (${c.processed} processed now, ${c.reused} unchanged).`,
  index: (path: string) => ({ it: `Indice: ${path}`, en: `Index: ${path}` }),
  demoDone: (dir: string) => ({
    it: `Risultati in ${dir}: aprire index.html nel browser (una riga per file, con i collegamenti al modello JSON, al rapporto di controllo e al piano standardizzato); indice.csv si apre con un foglio di calcolo.`,
    en: `Outputs in ${dir}: open index.html in a browser (one row per file, with links to the JSON model, the check report and the standardized plan); indice.csv opens in a spreadsheet.`,
  }),
  reading: (file: string) => ({ it: `Lettura di ${file}…`, en: `Reading ${file}…` }),
  read: (file: string, pages: string, ocr: number, seconds: string) => ({
    it: `${file}: ${pages} ${ocr ? `(${ocr} con OCR) ` : ''}in ${seconds}`,
    en: `${file}: ${pages} ${ocr ? `(${ocr} by OCR) ` : ''}in ${seconds}`,
  }),
  internal: (why: string) => ({ it: `errore interno: ${why}`, en: `internal error: ${why}` }),
};

export function say(text: Bi, lang: Lang): string {
  return text[lang];
}
