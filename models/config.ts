/**
 * The configuration file (`piao.config.json`, or `--config FILE`). Every field
 * has a default, so no config is needed.
 */
import { z } from 'zod';

export const RuleSetting = z.enum(['off', 'info', 'warn', 'error']);
export type RuleSetting = z.infer<typeof RuleSetting>;

export const PiaoConfig = z
  .object({
    /** Severity per rule or check id; overrides the default severity. Default: none. */
    rules: z.record(z.string().regex(/^[a-z0-9-]+$/), RuleSetting).default({}),
    /** Language of messages in reports: "it" (default) or "en". */
    lang: z.enum(['it', 'en']).default('it'),
    /** Rounding tolerance when comparing sums and computed totals. Default 0.01. */
    tolerance: z.number().min(0).max(5).default(0.01),
  })
  .strict();
export type PiaoConfig = z.infer<typeof PiaoConfig>;
export type PiaoConfigInput = z.input<typeof PiaoConfig>;
