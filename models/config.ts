/**
 * The configuration file (`piao.config.json`, or `--config FILE`). Every field
 * has a default, so no config is needed.
 */
import { createRequire } from 'node:module';
import { z } from 'zod';
import type { ScoringTables } from './plan.js';

// natural's index loads storage back-ends that print to stdout: only the distance is loaded.
const { DamerauLevenshteinDistance: editDistance } = createRequire(import.meta.url)('natural/lib/natural/distance/levenshtein_distance.js') as {
  DamerauLevenshteinDistance: (a: string, b: string) => number;
};

export const RuleSetting = z.enum(['off', 'info', 'warn', 'error']);
export type RuleSetting = z.infer<typeof RuleSetting>;

/**
 * Score bands of the Relazione when the SMVP sets none: ranges of the score
 * only, so that they never contradict the outcome (raggiunto / non raggiunto),
 * which the threshold alone decides.
 */
const DEFAULT_BANDS = [
  { min: 100, label: '100%' },
  { min: 80, label: 'da 80% a meno di 100%' },
  { min: 50, label: 'da 50% a meno di 80%' },
  { min: 0, label: 'sotto il 50%' },
];
/** Rows of a results sheet beyond which it is refused (`limits.sheetRows`): a plan has at most a few thousand indicators. */
export const DEFAULT_SHEET_ROWS = 20_000;
/** Uncompressed bytes of an XLSX results sheet beyond which it is refused (`limits.sheetUnzippedBytes`). */
export const DEFAULT_SHEET_UNZIPPED_BYTES = 33_554_432;

const DEFAULT_SMVP = { threshold: null, missingActual: 'zero', lateWithoutLadder: 0, bands: DEFAULT_BANDS, unweighted: 'error', duplicates: 'refuse' } as const;

export const PiaoConfig = z
  .object({
    /** Severity per rule or check id; overrides the default severity. Default: none. */
    rules: z.record(z.string().regex(/^[a-z0-9-]+$/), RuleSetting).default({}),
    /** Language of messages in reports: "it" (default) or "en". */
    lang: z.enum(['it', 'en']).default('it'),
    /** Rounding tolerance when comparing sums and computed totals. Default 0.01. */
    tolerance: z.number().min(0).max(5).default(0.01),
    /** OCR confidence (0..1) below which a read value gets a `low-confidence` finding. Default 0.6. */
    minConfidence: z.number().min(0).max(1).default(0.6),
    /**
     * The entity's weighting tables (its SMVP), when they differ from those
     * printed in the document or the document prints none.
     */
    scoring: z
      .object({
        /** Strategicità category -> peso, e.g. {"strategico": 40, "miglioramento": 20}. */
        categories: z.record(z.string().min(1), z.number().min(0)),
        /** Staff-count brackets -> coefficient; `max` omitted = open bracket. */
        staffBrackets: z.array(
          z.object({ min: z.number().int().min(0), max: z.number().int().min(0).optional(), coefficient: z.number().min(0) }).strict(),
        ),
      })
      .strict()
      .optional(),
    /**
     * How results are scored in the Relazione sulla performance: the entity's
     * SMVP. Every field has the common default described in docs/relazione.md.
     */
    smvp: z
      .object({
        /** Minimum score (percent) for an objective to count as achieved when the plan prints no soglia minima. Default: none. */
        threshold: z.number().min(0).max(100).nullable().default(null),
        /** A value nobody reported: "zero" (counts as 0%, default) or "exclude" (left out of the means). */
        missingActual: z.enum(['zero', 'exclude']).default('zero'),
        /** Percent for a late temporal indicator whose sheet prints no grading ladder. Default 0. */
        lateWithoutLadder: z.number().min(0).max(100).default(0),
        /** Score bands, highest first: an objective falls in the first band whose `min` it reaches. */
        bands: z
          .array(z.object({ min: z.number().min(0).max(100), label: z.string().min(1) }).strict())
          .min(1)
          .default(DEFAULT_BANDS),
        /**
         * Items without a weight in an objective whose other items have one: "error" (default: the objective is
         * not scored and a `results-weight-missing` error names them), "equal-share" (they share equally what the
         * given weights leave of 100) or "exclude" (left out of the objective's mean).
         */
        unweighted: z.enum(['error', 'equal-share', 'exclude']).default('error'),
        /** The same code on two rows of the results sheet: "refuse" (default: neither counts), "first" or "last". */
        duplicates: z.enum(['refuse', 'first', 'last']).default('refuse'),
      })
      .strict()
      .default({ ...DEFAULT_SMVP, bands: DEFAULT_BANDS }),
    /**
     * Budgets of one file: a file over one of them gets a `limit-exceeded`
     * finding naming the limit, and the run goes on to the next file (see
     * docs/rules/limit-exceeded.md).
     */
    limits: z
      .object({
        /** Size of an input file, bytes. Default 268 435 456 (256 MiB). */
        bytes: z.number().int().min(1).default(268_435_456),
        /** Pages of a TIFF. Default 2000. */
        pages: z.number().int().min(1).default(2000),
        /** Decoded pixels of one image page. Default 120 000 000 (a 600 dpi A2 scan). */
        pixels: z.number().int().min(1).default(120_000_000),
        /** Characters of a text file. Default 50 000 000. */
        textChars: z.number().int().min(1).default(50_000_000),
        /** Time one file may take in `piao batch`, seconds. Default 600. */
        seconds: z.number().min(1).default(600),
        /** Resident memory of the process decoding an image, MiB. Default 2048. */
        memoryMb: z.number().int().min(256).default(2048),
        /** Rows of a results sheet (CSV, or all the worksheets of an XLSX together). Default 20 000. */
        sheetRows: z.number().int().min(1).default(DEFAULT_SHEET_ROWS),
        /** Uncompressed size of the parts of an XLSX results sheet, bytes (a zip bomb stops here). Default 33 554 432 (32 MiB). */
        sheetUnzippedBytes: z.number().int().min(1).default(DEFAULT_SHEET_UNZIPPED_BYTES),
      })
      .strict()
      .default({
        bytes: 268_435_456,
        pages: 2000,
        pixels: 120_000_000,
        textChars: 50_000_000,
        seconds: 600,
        memoryMb: 2048,
        sheetRows: DEFAULT_SHEET_ROWS,
        sheetUnzippedBytes: DEFAULT_SHEET_UNZIPPED_BYTES,
      }),
    /** Reading scans (pages without a usable text layer, image files): see docs/ocr.md. */
    ocr: z
      .object({
        /** Read scans with OCR. Default true; false (`--no-ocr`) leaves them unread with a `text-layer-missing` warning. */
        enabled: z.boolean().default(true),
        /** Resolution PDF pages are rendered at for OCR. Default 300. */
        dpi: z.number().int().min(100).max(600).default(300),
        /** Parallel OCR workers; 0 (default) = the cores this process may use. */
        workers: z.number().int().min(0).max(64).default(0),
        /** tesseract page-segmentation mode. Default 3 (automatic page segmentation), chosen by measurement. */
        psm: z.union([z.literal(3), z.literal(4), z.literal(6), z.literal(11)]).default(3),
        /** Level pages scanned at a slight angle (up to 4 degrees). Default true. */
        deskew: z.boolean().default(true),
        /** Turn pages that read badly as they are (scanned on their side or upside down) to the quarter turn that reads best. Default true. */
        rotate: z.boolean().default(true),
        /** Give the OCR the binarized page instead of the grey one. Default false. */
        binarize: z.boolean().default(false),
        /** An OCR worker is replaced after this many pages, to keep memory bounded. Default 25. */
        recycleAfter: z.number().int().min(1).default(25),
      })
      .strict()
      .default({ enabled: true, dpi: 300, workers: 0, psm: 3, deskew: true, rotate: true, binarize: false, recycleAfter: 25 }),
  })
  .strict();
export type PiaoConfig = z.infer<typeof PiaoConfig>;
export type Smvp = PiaoConfig['smvp'];
export type OcrConfig = PiaoConfig['ocr'];
export type Limits = PiaoConfig['limits'];
export type PiaoConfigInput = z.input<typeof PiaoConfig>;

/** The config's scoring tables in the model's shape, or null when the config has none. */
export function scoringFromConfig(config: PiaoConfig): ScoringTables | null {
  if (!config.scoring) return null;
  return {
    categories: Object.entries(config.scoring.categories).map(([name, weight]) => ({ n: null, name: name.toLowerCase(), weight, raw: `${name}: ${weight}` })),
    staffBrackets: config.scoring.staffBrackets.map((b) => ({
      min: b.min,
      max: b.max ?? null,
      coefficient: b.coefficient,
      raw: `${b.min}${b.max === undefined ? '+' : `-${b.max}`}: ${b.coefficient}`,
    })),
    source: null,
  };
}

/**
 * Checks that stop the reading of a file (reported with `fatal: true`: the
 * file cannot be read, is empty or of an unknown format, exceeds a limit, a
 * stage crashed): the configuration can neither turn them off nor lower their
 * severity, so that a file nobody read never looks clean.
 */
export const FATAL_CHECK_IDS: readonly string[] = [
  'file-unreadable',
  'file-empty',
  'format-unrecognized',
  'format-unsupported',
  'pdf-unreadable',
  'limit-exceeded',
  'stage-crash',
  'results-unreadable',
];

/** One problem of a configuration: where in it (`rules.target-mising`) and what, in the requested language. */
export interface ConfigIssue {
  readonly path: readonly (string | number)[];
  readonly message: string;
}

export type ConfigResult = { readonly success: true; readonly data: PiaoConfig } | { readonly success: false; readonly issues: readonly ConfigIssue[] };

export interface ConfigParseOptions {
  /** Language of the issue messages. Default "it". */
  readonly lang?: 'it' | 'en';
  /**
   * Every rule and check id the configuration may name under `rules`; an id
   * not among them is an issue naming the nearest one. Default: not checked.
   */
  readonly knownIds?: readonly string[];
}

/** The known id nearest to `id` (Damerau-Levenshtein distance: a swapped pair of letters is one edit; ties to the first in the list), or null when there is none. */
export function nearestId(id: string, known: readonly string[]): string | null {
  let best: string | null = null;
  let bestDistance = Infinity;
  for (const candidate of known) {
    const d = editDistance(id.slice(0, 200).toLowerCase(), candidate);
    if (d < bestDistance) [best, bestDistance] = [candidate, d];
  }
  return best;
}

const CONFIG_TEXTS = {
  unknownRule: {
    it: (id: string, near: string | null) => `regola o controllo sconosciuto «${id}»${near ? `: forse «${near}»?` : ''} (l'elenco: piao rules)`,
    en: (id: string, near: string | null) => `unknown rule or check "${id}"${near ? `: did you mean "${near}"?` : ''} (the list: piao rules)`,
  },
  fatal: {
    it: (id: string, setting: string) => `«${id}» segnala un file che non è stato letto o elaborato: non si può impostare a "${setting}" (resta sempre un errore)`,
    en: (id: string, setting: string) => `"${id}" reports a file that was not read or processed: it cannot be set to "${setting}" (it is always an error)`,
  },
};

/**
 * Parses a configuration (the JSON of `piao.config.json`): the defaults filled
 * in, or every issue with its path and a message in `lang` (zod's own locale
 * for shape errors). Beyond the shape: an unknown id under `rules` names the
 * nearest known one, and a fatal check (FATAL_CHECK_IDS) set to anything but
 * "error" is refused.
 */
export function parseConfig(raw: unknown, options: ConfigParseOptions = {}): ConfigResult {
  const lang = options.lang ?? 'it';
  const parsed = PiaoConfig.safeParse(raw, { error: (lang === 'it' ? z.locales.it() : z.locales.en()).localeError });
  const issues: ConfigIssue[] = parsed.success ? [] : parsed.error.issues.map((i) => ({ path: i.path.map((p) => (typeof p === 'symbol' ? String(p) : p)), message: i.message }));
  const rules = typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? (raw as Record<string, unknown>).rules : undefined;
  if (typeof rules === 'object' && rules !== null && !Array.isArray(rules)) {
    for (const [id, setting] of Object.entries(rules)) {
      if (options.knownIds && !options.knownIds.includes(id)) {
        issues.push({ path: ['rules', id], message: CONFIG_TEXTS.unknownRule[lang](id, nearestId(id, options.knownIds)) });
      } else if (FATAL_CHECK_IDS.includes(id) && typeof setting === 'string' && setting !== 'error' && RuleSetting.safeParse(setting).success) {
        issues.push({ path: ['rules', id], message: CONFIG_TEXTS.fatal[lang](id, setting) });
      }
    }
  }
  if (issues.length || !parsed.success) return { success: false, issues };
  return { success: true, data: parsed.data };
}
