/**
 * Checks of a filled results sheet (`piao results-template` read back) and
 * of the results themselves in the Relazione. Row numbers are the sheet's
 * own (header = row 1), given as `line` in each finding's place.
 */
import { defineCheck } from '../messages.js';

export const resultsUnreadable = defineCheck({
  id: 'results-unreadable',
  stage: 'results',
  severity: 'error',
  description: { it: 'Il foglio dei risultati non si può leggere.', en: 'The results sheet cannot be read.' },
  messages: {
    missing: { it: 'Il foglio dei risultati «{file}» non esiste o non si può leggere.', en: 'Results sheet "{file}" does not exist or cannot be read.' },
    format: {
      it: 'Il foglio dei risultati «{file}» non è un CSV né un file Excel (.xlsx) leggibile: {reason}.',
      en: 'Results sheet "{file}" is neither a readable CSV nor an Excel (.xlsx) file: {reason}.',
    },
    header: {
      it: 'Nel foglio «{file}» non trovo la riga di intestazione con le colonne «Codice» e «Valore raggiunto»: usare il foglio prodotto da piao results-template.',
      en: 'Sheet "{file}" has no header row with the "Codice" and "Valore raggiunto" columns: use the sheet made by piao results-template.',
    },
  },
});

export const resultsRowInvalid = defineCheck({
  id: 'results-row-invalid',
  stage: 'results',
  severity: 'error',
  description: { it: 'Una riga del foglio dei risultati non corrisponde al piano o ha un valore illeggibile.', en: 'A row of the results sheet does not match the plan or has an unreadable value.' },
  messages: {
    codeUnknown: {
      it: 'Riga {row}: il codice «{code}» non è un indicatore né un\'azione del piano per il {year}.',
      en: 'Row {row}: code "{code}" is neither an indicator nor an action of the plan for {year}.',
    },
    objectiveUnknown: {
      it: 'Riga {row}: l\'obiettivo «{objective}» non è nel piano.',
      en: 'Row {row}: objective "{objective}" is not in the plan.',
    },
    objectiveMismatch: {
      it: 'Riga {row}: il codice «{code}» appartiene all\'obiettivo «{expected}», non a «{objective}».',
      en: 'Row {row}: code "{code}" belongs to objective "{expected}", not "{objective}".',
    },
    valueInvalid: {
      it: 'Riga {row} ({code}): il valore «{value}» non si legge; scrivere {form}. Il valore non è usato: {policy}.',
      en: 'Row {row} ({code}): value "{value}" cannot be read; write {form}. The value is not used: {policy}.',
    },
    valueNoDeadline: {
      it: 'Riga {row} ({code}): «{value}» è una data di completamento, ma il piano non dà una scadenza (target «{target}»); scrivere {form}. Il valore non è usato: {policy}.',
      en: 'Row {row} ({code}): "{value}" is a completion date, but the plan gives no deadline (target "{target}"); write {form}. The value is not used: {policy}.',
    },
    valueNumberForActivity: {
      it: 'Riga {row} ({code}): «{value}» è un numero, ma il target «{target}» non è un numero; scrivere {form}. Il valore non è usato: {policy}.',
      en: 'Row {row} ({code}): "{value}" is a number, but target "{target}" is not a number; write {form}. The value is not used: {policy}.',
    },
    valueNotNumber: {
      it: 'Riga {row} ({code}): il target «{target}» è un numero, «{value}» no; scrivere {form}. Il valore non è usato: {policy}.',
      en: 'Row {row} ({code}): target "{target}" is a number, "{value}" is not; write {form}. The value is not used: {policy}.',
    },
    valueOverHundred: {
      it: 'Riga {row} ({code}): la percentuale «{value}» non è fra 0% e 100%. Il valore non è usato: {policy}.',
      en: 'Row {row} ({code}): percentage "{value}" is not between 0% and 100%. The value is not used: {policy}.',
    },
    valueOutOfScale: {
      it: 'Riga {row} ({code}): «{value}» non è sulla scala da 0 a 5 del target «{target}». Il valore non è usato: {policy}.',
      en: 'Row {row} ({code}): "{value}" is not on the 0 to 5 scale of target "{target}". The value is not used: {policy}.',
    },
    duplicate_refuse: {
      it: 'Righe {first} e {row}: il codice «{code}» compare due volte; nessuna delle due vale (smvp.duplicates: "refuse"): {policy}.',
      en: 'Rows {first} and {row}: code "{code}" appears twice; neither counts (smvp.duplicates: "refuse"): {policy}.',
    },
    duplicate_first: {
      it: 'Righe {first} e {row}: il codice «{code}» compare due volte; vale la riga {first} (smvp.duplicates: "first").',
      en: 'Rows {first} and {row}: code "{code}" appears twice; row {first} counts (smvp.duplicates: "first").',
    },
    duplicate_last: {
      it: 'Righe {first} e {row}: il codice «{code}» compare due volte; vale la riga {last} (smvp.duplicates: "last").',
      en: 'Rows {first} and {row}: code "{code}" appears twice; row {last} counts (smvp.duplicates: "last").',
    },
  },
});

export const resultsWeightMissing = defineCheck({
  id: 'results-weight-missing',
  stage: 'results',
  severity: 'error',
  description: {
    it: 'Un obiettivo ha pesi solo per alcuni indicatori o azioni.',
    en: 'An objective has weights for only some of its indicators or actions.',
  },
  messages: {
    error: {
      it: 'Obiettivo {objective}: {codes} senza peso mentre gli altri hanno un peso; l\'obiettivo non è calcolato (smvp.unweighted: "error"; "equal-share" o "exclude" per calcolarlo).',
      en: 'Objective {objective}: {codes} without a weight while the others have one; the objective is not scored (smvp.unweighted: "error"; "equal-share" or "exclude" to score it).',
    },
    'equal-share': {
      it: 'Obiettivo {objective}: {codes} senza peso; si dividono in parti uguali il {rest}% che i pesi indicati lasciano (smvp.unweighted: "equal-share").',
      en: 'Objective {objective}: {codes} without a weight; they share equally the {rest}% the given weights leave (smvp.unweighted: "equal-share").',
    },
    noRest: {
      it: 'Obiettivo {objective}: {codes} senza peso, e i pesi indicati arrivano già al {given}%: non resta nulla da dividere; l\'obiettivo non è calcolato.',
      en: 'Objective {objective}: {codes} without a weight, and the given weights already reach {given}%: nothing is left to share; the objective is not scored.',
    },
    exclude: {
      it: 'Obiettivo {objective}: {codes} senza peso, esclusi dalla media (smvp.unweighted: "exclude").',
      en: 'Objective {objective}: {codes} without a weight, left out of the mean (smvp.unweighted: "exclude").',
    },
  },
});

export const resultsNamesMerged = defineCheck({
  id: 'results-names-merged',
  stage: 'results',
  severity: 'info',
  description: {
    it: 'Nomi di unità o responsabili scritti in modi diversi, contati come uno solo.',
    en: 'Unit or manager names written in different ways, counted as one.',
  },
  messages: {
    unit: {
      it: 'Le unità {variants} sono contate come una sola unità, «{name}».',
      en: 'Units {variants} are counted as one unit, "{name}".',
    },
    manager: {
      it: 'I responsabili {variants} sono contati come un solo responsabile, «{name}».',
      en: 'Managers {variants} are counted as one manager, "{name}".',
    },
  },
});

export const resultsMissing = defineCheck({
  id: 'results-missing',
  stage: 'results',
  severity: 'warning',
  description: { it: 'Un indicatore o un\'azione dell\'anno non ha il valore raggiunto.', en: 'An indicator or action of the year has no achieved value.' },
  messages: {
    missing: {
      it: 'Manca il valore raggiunto di «{code}» (obiettivo {objective}): {policy}.',
      en: 'No achieved value for "{code}" (objective {objective}): {policy}.',
    },
  },
});

export const explanationMissing = defineCheck({
  id: 'explanation-missing',
  stage: 'results',
  severity: 'warning',
  description: {
    it: 'Uno scostamento dal target non ha spiegazione nella colonna delle note.',
    en: 'A deviation from the target has no explanation in the notes column.',
  },
  messages: {
    missing: {
      it: '«{code}» (obiettivo {objective}) ha raggiunto il {percent}% senza una spiegazione dello scostamento nelle note.',
      en: '"{code}" (objective {objective}) reached {percent}% with no explanation of the deviation in the notes.',
    },
  },
});

export const resultsChecks = [resultsUnreadable, resultsRowInvalid, resultsMissing, explanationMissing, resultsWeightMissing, resultsNamesMerged] as const;
