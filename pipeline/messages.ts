/**
 * Message templates: every finding is produced from a template keyed by id,
 * in Italian and English. Placeholders are `{name}`, filled from `data`.
 */
import type { FindingValue, Severity } from '../models/finding.js';

export interface MessageTemplate {
  it: string;
  en: string;
}

/**
 * A check: one kind of finding that a stage, extractor or validation rule can
 * report. Its id names the rule, its docs page and its severity setting.
 */
export interface Check<M extends string = string> {
  /** Kebab-case id, shared by the rule file, its test and `docs/rules/<id>.md`. */
  readonly id: string;
  /** Stage that reports it: ingest, classify, extract, validate. */
  readonly stage: string;
  /** Severity used when the configuration does not set one. */
  readonly severity: Severity;
  /** One line in each language, for `piao rules` and the docs. */
  readonly description: MessageTemplate;
  readonly messages: Readonly<Record<M, MessageTemplate>>;
}

/** Declares a check; `messageId` values used with it are checked at compile time. */
export function defineCheck<const M extends string>(check: Check<M>): Check<M> {
  return check;
}

/** Fills `{name}` placeholders; a missing value is shown as `{name}` so the gap is visible. */
export function formatMessage(template: string, data: Record<string, FindingValue>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => {
    const value = data[key];
    if (value === undefined) return whole;
    if (value === null) return '—';
    if (typeof value === 'number') return formatNumberIt(value);
    return String(value);
  });
}

/** Italian number format for messages: 1.234,5 */
export function formatNumberIt(n: number): string {
  return new Intl.NumberFormat('it-IT', { maximumFractionDigits: 2, useGrouping: 'min2' }).format(n);
}

/** The message of a thrown value, whatever was thrown (findings quote it as the reason). */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

const pluralRules = { it: new Intl.PluralRules('it-IT'), en: new Intl.PluralRules('en-GB') };

/**
 * A count with its noun in the right form: `1 errore`, `2 errori`, `0 errori` (`1 error`, `2 errors`).
 * The form comes from `Intl.PluralRules` (category `one`, else the plural).
 */
export function plural(n: number, forms: { one: string; other: string }, lang: 'it' | 'en' = 'it'): string {
  const number = lang === 'it' ? formatNumberIt(n) : new Intl.NumberFormat('en-GB').format(n);
  return `${number} ${pluralRules[lang].select(n) === 'one' ? forms.one : forms.other}`;
}
