/**
 * The layout families and the labels that characterize each one, matched
 * fuzzily (OCR noise included) at the start of lines and cells by the
 * classifier. Kept apart from the extractors so that a family is recognized
 * even where its extractor is not there yet.
 */
import type { Family } from '../models/plan.js';

export interface FamilySignature {
  readonly family: Exclude<Family, 'unknown' | 'generic'>;
  /** Labels characteristic of the family. */
  readonly labels: readonly string[];
  /** How many distinct labels must be found for the document to belong to the family. */
  readonly minLabels: number;
}

/** In tie-breaking order. */
export const familySignatures: readonly FamilySignature[] = [
  {
    family: 'piao-2.2-table',
    labels: ['Sezione 2.2', 'Linea Mandato', 'Obiettivi Strategici', 'Obiettivi Operativi', 'Obiettivi Gestionali', 'N.ro Ob', 'Tipo Ind.', 'Data Previsione', 'Tipo OB'],
    minLabels: 4,
  },
  {
    family: 'schede-obiettivo',
    labels: [
      'OBIETTIVO GESTIONALE',
      'Collegamento al bilancio',
      'Linea programmatica di mandato',
      'Dup - Sezione strategica',
      'Dup - Sezione operativa',
      'Traguardo atteso',
      'PIANO OPERATIVO',
      'GRADUAZIONE',
      'PERSONALE COINVOLTO E PERCENTUALE DI PARTECIPAZIONE',
      'ASSEGNAZIONE FINANZIARIA',
      'PESATURA',
    ],
    minLabels: 5,
  },
  {
    family: 'performance-organizzativa',
    labels: [
      'Gli obiettivi di performance organizzativa',
      'OBIETTIVO N.',
      'Soglia minima risultato atteso',
      'se completata = raggiungimento',
      'Strategicità Peso',
      'N. dipendenti coinvolti',
      'Tempi di attuazione',
      'Indicatori operativi',
    ],
    minLabels: 3,
  },
  {
    family: 'legacy-piano',
    labels: [
      'Piano delle Performance',
      'Gli obiettivi di performance',
      'Attività/Servizi',
      'Fasi',
      'Indicatori',
      'Assessore:',
    ],
    minLabels: 4,
  },
];
