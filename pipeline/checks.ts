/**
 * Checks reported by the pipeline stages themselves (reading, recognizing,
 * extracting). Validation rules live in `validate/rules/`, one file each.
 */
import { defineCheck } from './messages.js';

export const fileUnreadable = defineCheck({
  id: 'file-unreadable',
  stage: 'ingest',
  severity: 'error',
  description: { it: 'Il file non si può leggere.', en: 'The file cannot be read.' },
  messages: {
    missing: { it: 'Il file «{file}» non esiste.', en: 'File "{file}" does not exist.' },
    directory: {
      it: '«{file}» è una cartella, non un file: indicare i file da leggere.',
      en: '"{file}" is a folder, not a file: name the files to read.',
    },
    permission: { it: 'Permesso negato nel leggere «{file}».', en: 'Permission denied reading "{file}".' },
    other: { it: 'Impossibile leggere «{file}»: {reason}.', en: 'Cannot read "{file}": {reason}.' },
    linkOutside: {
      it: '«{file}» è un collegamento a «{target}», fuori dalla cartella letta: non è stato seguito.',
      en: '"{file}" is a link to "{target}", outside the folder being read: it was not followed.',
    },
    linkDangling: {
      it: '«{file}» è un collegamento a «{target}», che non esiste.',
      en: '"{file}" is a link to "{target}", which does not exist.',
    },
    special: {
      it: '«{file}» non è un file ordinario ({kind}): non è stato letto.',
      en: '"{file}" is not a regular file ({kind}): it was not read.',
    },
  },
});

export const fileEmpty = defineCheck({
  id: 'file-empty',
  stage: 'ingest',
  severity: 'error',
  description: { it: 'Il file è vuoto.', en: 'The file is empty.' },
  messages: {
    empty: { it: 'Il file «{file}» è vuoto: non contiene testo.', en: 'File "{file}" is empty: it holds no text.' },
  },
});

export const formatUnrecognized = defineCheck({
  id: 'format-unrecognized',
  stage: 'ingest',
  severity: 'error',
  description: {
    it: 'Il file non è un testo, un PDF né un\'immagine.',
    en: 'The file is neither text, PDF nor an image.',
  },
  messages: {
    binary: {
      it: 'Il file «{file}» non è un testo, un PDF né un\'immagine leggibile (contenuto binario: {detail}).',
      en: 'File "{file}" is not text, a PDF or a readable image (binary content: {detail}).',
    },
    notPdf: {
      it: 'Il file «{file}» ha il nome di un PDF ma non lo è (contenuto: {detail}).',
      en: 'File "{file}" is named as a PDF but is not one (content: {detail}).',
    },
    office: {
      it: 'Il file «{file}» è un documento da ufficio compresso ({detail}): salvarlo come PDF o testo e riprovare.',
      en: 'File "{file}" is a zipped office document ({detail}): save it as PDF or text and try again.',
    },
  },
});

export const formatUnsupported = defineCheck({
  id: 'format-unsupported',
  stage: 'ingest',
  severity: 'error',
  description: {
    it: 'Formato riconosciuto che non si può leggere così come è configurato piao (immagini con l\'OCR disattivato, o un\'immagine che non si decodifica).',
    en: 'Format recognized but not readable as piao is configured (images with OCR turned off, or an image that cannot be decoded).',
  },
  messages: {
    ocrOff: {
      it: 'Il file «{file}» è un\'{format}: si legge solo con l\'OCR, che è disattivato (--no-ocr o "ocr": {"enabled": false}).',
      en: 'File "{file}" is an {format}: it can only be read by OCR, which is turned off (--no-ocr or "ocr": {"enabled": false}).',
    },
    undecodable: {
      it: 'Il file «{file}» sembra un\'{format} ma non si decodifica ({reason}).',
      en: 'File "{file}" looks like an {format} but cannot be decoded ({reason}).',
    },
    pageUndecodable: {
      it: 'La pagina {page} dell\'{format} «{file}» non si decodifica ({reason}): non è stata letta, le altre pagine sì.',
      en: 'Page {page} of the {format} "{file}" cannot be decoded ({reason}): it was not read, the other pages were.',
    },
  },
});

export const pdfUnreadable = defineCheck({
  id: 'pdf-unreadable',
  stage: 'ingest',
  severity: 'error',
  description: {
    it: 'Il PDF non si può aprire: danneggiato, troncato, senza pagine o protetto da password.',
    en: 'The PDF cannot be opened: damaged, truncated, without pages or password-protected.',
  },
  messages: {
    passwordNeeded: {
      it: 'Il PDF «{file}» è protetto da password: indicarla con --password.',
      en: 'PDF "{file}" is password-protected: give the password with --password.',
    },
    passwordWrong: {
      it: 'La password indicata non apre il PDF «{file}».',
      en: 'The password given does not open PDF "{file}".',
    },
    invalid: {
      it: 'Il PDF «{file}» è danneggiato o troncato e non si può leggere ({reason}).',
      en: 'PDF "{file}" is damaged or truncated and cannot be read ({reason}).',
    },
    noPages: { it: 'Il PDF «{file}» non ha pagine.', en: 'PDF "{file}" has no pages.' },
    page: {
      it: 'La pagina {page} del PDF «{file}» non si può leggere ({reason}): le altre pagine sono state lette.',
      en: 'Page {page} of PDF "{file}" cannot be read ({reason}): the other pages were read.',
    },
  },
});

export const textLayerMissing = defineCheck({
  id: 'text-layer-missing',
  stage: 'ingest',
  severity: 'warning',
  description: {
    it: 'Pagine senza testo utilizzabile (scansioni) che non sono state lette: OCR disattivato o non riuscito.',
    en: 'Pages without usable text (scans) that were not read: OCR turned off or failed.',
  },
  messages: {
    pages: {
      it: 'Il PDF «{file}» ha {count} pagine senza testo utilizzabile (pagine {pages}): l\'OCR è disattivato, quindi non sono state lette.',
      en: 'PDF "{file}" has {count} pages without usable text (pages {pages}): OCR is turned off, so they were not read.',
    },
    ocrFailed: {
      it: 'La pagina {page} di «{file}» è una scansione e l\'OCR non è riuscito a leggerla ({reason}): le altre pagine sono state lette.',
      en: 'Page {page} of "{file}" is a scan and OCR could not read it ({reason}): the other pages were read.',
    },
  },
});

export const ocrUsed = defineCheck({
  id: 'ocr-used',
  stage: 'ingest',
  severity: 'info',
  description: {
    it: 'Pagine lette con l\'OCR (scansioni, testo assente o illeggibile, immagini): i valori vanno confrontati con l\'originale.',
    en: 'Pages read by OCR (scans, missing or garbled text, images): values should be checked against the original.',
  },
  messages: {
    pages: {
      it: '{count} pagine di «{file}» lette con l\'OCR ({pages}); confidenza media {confidence}%.',
      en: '{count} pages of "{file}" read by OCR ({pages}); mean confidence {confidence}%.',
    },
  },
});

export const encodingFallback = defineCheck({
  id: 'encoding-fallback',
  stage: 'ingest',
  severity: 'info',
  description: { it: 'Il testo non era in UTF-8.', en: 'The text was not UTF-8.' },
  messages: {
    latin1: {
      it: 'Il file non è in UTF-8: letto come Windows-1252 (Latin-1). Verificare le lettere accentate.',
      en: 'The file is not UTF-8: read as Windows-1252 (Latin-1). Check the accented letters.',
    },
  },
});

export const familyUnknown = defineCheck({
  id: 'family-unknown',
  stage: 'classify',
  severity: 'warning',
  description: {
    it: 'Il documento non corrisponde a nessun modello noto di piano: letto con la lettura generica, o non letto.',
    en: 'The document matches no known plan layout: read by the generic reading, or not read.',
  },
  messages: {
    unknown: {
      it: 'Nessun obiettivo letto: il documento non corrisponde a nessun modello noto (PIAO 2.2, schede obiettivo, performance organizzativa, Piano della Performance) e non vi sono stati trovati obiettivi.',
      en: 'No objectives read: the document matches no known layout (PIAO 2.2, objective sheets, organisational performance, Performance Plan) and no objectives were found in it.',
    },
    generic: {
      it: 'Il documento non corrisponde a nessun modello noto: letto con la lettura generica, {objectives} obiettivi; verificare il risultato.',
      en: 'The document matches no known layout: read by the generic reading, {objectives} objectives; check the result.',
    },
  },
});

export const extractorMissing = defineCheck({
  id: 'extractor-missing',
  stage: 'extract',
  severity: 'warning',
  description: {
    it: 'Modello di documento riconosciuto, ma questa versione non ne estrae ancora gli obiettivi.',
    en: 'Document layout recognized, but this version does not extract its objectives yet.',
  },
  messages: {
    missing: {
      it: 'Documento riconosciuto come «{family}», ma questa versione di piao non ne estrae ancora gli obiettivi: nessun obiettivo estratto.',
      en: 'Document recognized as "{family}", but this version of piao does not extract its objectives yet: no objectives extracted.',
    },
  },
});

export const stageCrash = defineCheck({
  id: 'stage-crash',
  stage: 'pipeline',
  severity: 'error',
  description: {
    it: 'Un passo dell\'elaborazione si è interrotto per un errore interno.',
    en: 'A processing step stopped on an internal error.',
  },
  messages: {
    crash: {
      it: 'Errore interno nel passo «{stage}» su «{file}»: {reason}. Il file non è stato elaborato del tutto; segnalare il problema allegando il file.',
      en: 'Internal error in step "{stage}" on "{file}": {reason}. The file was not fully processed; please report it with the file attached.',
    },
  },
});

export const valueUnreadable = defineCheck({
  id: 'value-unreadable',
  stage: 'extract',
  severity: 'warning',
  description: {
    it: 'Un valore stampato non si è potuto interpretare; il testo originale è conservato.',
    en: 'A printed value could not be parsed; the original text is kept.',
  },
  messages: {
    date: {
      it: 'Data non interpretabile: «{raw}» ({field}). Il testo è conservato, la data resta vuota.',
      en: 'Unreadable date: "{raw}" ({field}). The text is kept, the date stays empty.',
    },
    number: {
      it: 'Numero non interpretabile: «{raw}» ({field}). Il testo è conservato, il valore resta vuoto.',
      en: 'Unreadable number: "{raw}" ({field}). The text is kept, the value stays empty.',
    },
    kind: {
      it: 'Tipo di indicatore non riconosciuto: «{raw}».',
      en: 'Unrecognized indicator type: "{raw}".',
    },
  },
});

export const rowUnaligned = defineCheck({
  id: 'row-unaligned',
  stage: 'extract',
  severity: 'info',
  description: {
    it: 'Una riga di tabella aveva le celle spostate ed è stata riallineata o saltata.',
    en: 'A table row had shifted cells and was realigned or skipped.',
  },
  messages: {
    realigned: {
      it: 'Riga con celle spostate, letta come {reading}: verificare. Testo: «{raw}».',
      en: 'Row with shifted cells, read as {reading}: please check. Text: "{raw}".',
    },
    skipped: {
      it: 'Riga di tabella non interpretabile, ignorata: «{raw}».',
      en: 'Table row could not be read and was skipped: "{raw}".',
    },
    joined: {
      it: 'Riga spezzata dal cambio pagina, ricongiunta alla precedente: «{raw}».',
      en: 'Row broken by a page break, joined to the previous one: "{raw}".',
    },
    numberRecovered: {
      it: 'Il numero della riga {row} della tabella non è stampato: ricostruito dall\'ordine delle righe. Testo: «{raw}».',
      en: 'Row {row} of the table has no printed number: recovered from the order of the rows. Text: "{raw}".',
    },
    sheetJoined: {
      it: 'La riga {row} della tabella ({title}) è stata unita alla scheda «{sheet}» per somiglianza del titolo, non per numero: verificare.',
      en: 'Table row {row} ({title}) was joined to sheet "{sheet}" by title similarity, not by number: please check.',
    },
    sheetMissing: {
      it: 'La riga {row} della tabella ({title}) non ha una scheda «OBIETTIVO N.» corrispondente.',
      en: 'Table row {row} ({title}) has no matching "OBIETTIVO N." sheet.',
    },
    rowMissing: {
      it: 'La scheda «{sheet}» non ha una riga corrispondente nella tabella di ripartizione.',
      en: 'Sheet "{sheet}" has no matching row in the allocation table.',
    },
  },
});

export const valueAmbiguous = defineCheck({
  id: 'value-ambiguous',
  stage: 'extract',
  severity: 'info',
  description: {
    it: 'Valori stampati attaccati fra loro si possono leggere in più modi: è stata scelta la lettura più plausibile.',
    en: 'Values printed glued together can be read in more than one way: the most plausible reading was kept.',
  },
  messages: {
    glued: {
      it: 'Valori attaccati «{raw}» letti come {reading}; altra lettura possibile: {alternative}. Verificare sull\'originale.',
      en: 'Glued values "{raw}" read as {reading}; another possible reading: {alternative}. Please check the original.',
    },
    year: {
      it: 'Valore «{raw}» dell\'indicatore «{name}» senza anno riconoscibile: conservato come testo, anno non assegnato.',
      en: 'Value "{raw}" of indicator "{name}" has no recognizable year: kept as text, no year assigned.',
    },
    parent: {
      it: 'Il progetto «{title}» è stato collegato al programma «{parent}» per somiglianza del testo ({score}): verificare.',
      en: 'Project "{title}" was linked to programme "{parent}" by text similarity ({score}): please check.',
    },
    block: {
      it: 'Gli indicatori da «{first}» sono stati attribuiti al progetto «{title}» per somiglianza del testo: verificare.',
      en: 'The indicators from "{first}" were assigned to project "{title}" by text similarity: please check.',
    },
  },
});

export const parentMissing = defineCheck({
  id: 'parent-missing',
  stage: 'extract',
  severity: 'info',
  description: {
    it: 'Un obiettivo non ha un obiettivo di livello superiore corrispondente.',
    en: 'An objective has no matching higher-level objective.',
  },
  messages: {
    operativo: {
      it: 'L\'obiettivo «{code}» ({unit}) non compare nella tabella degli obiettivi operativi: «{title}».',
      en: 'Objective "{code}" ({unit}) is not in the operational objectives table: "{title}".',
    },
    otherUnit: {
      it: 'L\'obiettivo «{code}» ({unit}) è collegato all\'obiettivo operativo {parent} «{title}», che la tabella degli obiettivi operativi elenca sotto un\'altra unità ({parentUnit}): verificare.',
      en: 'Objective "{code}" ({unit}) is linked to operational objective {parent} "{title}", which the operational table lists under another unit ({parentUnit}): please check.',
    },
  },
});

export const limitExceeded = defineCheck({
  id: 'limit-exceeded',
  stage: 'ingest',
  severity: 'error',
  description: {
    it: 'Il file supera uno dei limiti per file (dimensione, pagine, pixel, testo, tempo, memoria): non è stato letto, gli altri sì.',
    en: 'The file exceeds one of the per-file limits (size, pages, pixels, text, time, memory): it was not read, the others were.',
  },
  messages: {
    file: {
      it: 'Il file «{file}» supera il limite «{limit}» ({value}; massimo {max}): non è stato letto. Per alzare il limite: "limits": {"{limit}": …} nel file di configurazione.',
      en: 'File "{file}" exceeds the "{limit}" limit ({value}; at most {max}): it was not read. To raise the limit: "limits": {"{limit}": …} in the configuration file.',
    },
    page: {
      it: 'La pagina {page} di «{file}» supera il limite «{limit}» ({value}; massimo {max}): non è stata letta, le altre pagine sì. Per alzare il limite: "limits": {"{limit}": …} nel file di configurazione.',
      en: 'Page {page} of "{file}" exceeds the "{limit}" limit ({value}; at most {max}): it was not read, the other pages were. To raise the limit: "limits": {"{limit}": …} in the configuration file.',
    },
  },
});

export const outputUnwritable = defineCheck({
  id: 'output-unwritable',
  stage: 'write',
  severity: 'error',
  description: {
    it: 'Un file di risultato non si è potuto scrivere nella cartella di uscita.',
    en: 'An output file could not be written to the output folder.',
  },
  messages: {
    write: {
      it: 'Impossibile scrivere «{path}» (risultato di «{file}»): {reason}.',
      en: 'Cannot write "{path}" (output of "{file}"): {reason}.',
    },
  },
});

/** Every check the pipeline stages and extractors can report, in a stable order. */
export const pipelineChecks = [
  fileUnreadable,
  fileEmpty,
  formatUnrecognized,
  formatUnsupported,
  pdfUnreadable,
  textLayerMissing,
  ocrUsed,
  encodingFallback,
  familyUnknown,
  extractorMissing,
  stageCrash,
  valueUnreadable,
  rowUnaligned,
  valueAmbiguous,
  parentMissing,
  limitExceeded,
  outputUnwritable,
] as const;
