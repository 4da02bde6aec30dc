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
      it: 'Riga {row} ({code}): il valore «{value}» non si legge; scrivere {form}.',
      en: 'Row {row} ({code}): value "{value}" cannot be read; write {form}.',
    },
    duplicate: {
      it: 'Riga {row}: il codice «{code}» compare già alla riga {first}; vale la prima.',
      en: 'Row {row}: code "{code}" already appears on row {first}; the first one counts.',
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

export const resultsChecks = [resultsUnreadable, resultsRowInvalid, resultsMissing, explanationMissing] as const;
