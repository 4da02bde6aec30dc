/**
 * Orchestration: reads one file, runs the stages over one WorkingDocument and
 * returns the PlanDocument. Nothing here throws for bad input: an unreadable
 * file or a crashing stage becomes a finding naming the file.
 */
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { PlanDocument, SCHEMA_VERSION } from '../models/plan.js';
import type { LayoutDocument } from '../models/layout.js';
import { PiaoConfig, type PiaoConfigInput } from '../models/config.js';
import { extractors } from '../extractors/index.js';
import { familySignatures } from '../extractors/families.js';
import { createContext, type Stage, type StageContext, type WorkingDocument } from './context.js';
import { fileUnreadable, limitExceeded, stageCrash } from './checks.js';
import { ingestStage } from './ingest/index.js';
import { layoutStage } from './layout/index.js';
import { classifyStage } from './classify.js';
import { extractStage } from './extract.js';
import { validateStage } from './validate/engine.js';
import { rules } from './validate/rules/index.js';
import { VERSION } from './version.js';
import { linkProblem } from './io.js';
import { errorMessage } from './messages.js';
import { estimateObjectives } from '../extractors/shared/coverage.js';

export interface RunOptions {
  /** Validated configuration; defaults apply to missing fields. */
  config?: PiaoConfigInput;
  /** Password for encrypted PDFs. */
  password?: string;
  /** Skip the validation rules (extraction only). Default false. */
  skipValidation?: boolean;
  /** OCR workers for this file (config `ocr.workers` wins); default: all cores. The batch pool shares them among its files. */
  ocrWorkers?: number;
  /**
   * The folder the file was found in, when it was: a symbolic link to
   * something outside it, or to nothing, is reported (`file-unreadable`) and
   * not read. Default none (a file named on the command line is read).
   */
  root?: string;
}

/** The stages, in order, each built once. */
function buildStages(skipValidation: boolean): [string, Stage][] {
  const stages: [string, Stage][] = [
    ['ingest', ingestStage()],
    ['layout', layoutStage()],
    ['classify', classifyStage(familySignatures)],
    ['extract', extractStage(extractors)],
  ];
  if (!skipValidation) stages.push(['validate', validateStage(rules)]);
  return stages;
}

/** A working document for `path` with nothing read yet (what every stage starts from). */
export function emptyDocument(path: string): WorkingDocument {
  return {
    source: { path, sha256: null, format: null, pages: 0, ocrPages: [], bytes: 0 },
    bytes: null,
    layout: null,
    family: 'unknown',
    familyScores: {},
    entity: null,
    period: null,
    scoring: null,
    context: [],
    totals: [],
    objectives: [],
    findings: [],
    halted: false,
  };
}

/** What a file-system entry that is not a regular file is, in Italian; null for a regular file (or a folder). */
export function specialKind(info: { isFIFO(): boolean; isSocket(): boolean; isCharacterDevice(): boolean; isBlockDevice(): boolean }): string | null {
  if (info.isFIFO()) return 'una FIFO (pipe con nome)';
  if (info.isSocket()) return 'un socket';
  if (info.isCharacterDevice() || info.isBlockDevice()) return 'un dispositivo';
  return null;
}

function errorCode(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error ? String((error as { code: unknown }).code) : undefined;
}

/** Runs the pipeline on bytes already in memory (`path` names them in findings). */
export async function processBytes(path: string, bytes: Uint8Array, options: RunOptions = {}): Promise<PlanDocument> {
  const config = PiaoConfig.parse(options.config ?? {});
  const ctx = createContext(config, options.password, options.ocrWorkers);
  const doc = emptyDocument(path);
  doc.bytes = bytes;
  doc.source.bytes = bytes.length;
  doc.source.sha256 = createHash('sha256').update(bytes).digest('hex');
  return finish(await runStages(doc, ctx, buildStages(options.skipValidation ?? false)), ctx);
}

/**
 * The layout of some bytes as the pipeline reads it (the ingest and layout
 * stages only, same settings): for tests, benchmarks and tools that look at
 * tables and lines. Null when nothing could be read.
 */
export async function readLayout(path: string, bytes: Uint8Array, options: Pick<RunOptions, 'config' | 'password'> = {}): Promise<LayoutDocument | null> {
  const ctx = createContext(PiaoConfig.parse(options.config ?? {}), options.password);
  const doc = emptyDocument(path);
  doc.bytes = bytes;
  doc.source.bytes = bytes.length;
  await runStages(doc, ctx, buildStages(true).slice(0, 2));
  return doc.layout;
}

/** Reads a file and runs the pipeline on it. Never rejects for bad input. */
export async function processFile(path: string, options: RunOptions = {}): Promise<PlanDocument> {
  const config = PiaoConfig.parse(options.config ?? {});
  const ctx = createContext(config, options.password, options.ocrWorkers);
  try {
    const link = options.root ? await linkProblem(path, options.root) : null;
    if (link) {
      const doc = emptyDocument(path);
      ctx.report(doc, fileUnreadable, { messageId: link.kind === 'outside' ? 'linkOutside' : 'linkDangling', data: { file: path, target: link.target }, fatal: true });
      return finish(doc, ctx);
    }
    const info = await stat(path);
    if (info.isDirectory()) {
      const doc = emptyDocument(path);
      ctx.report(doc, fileUnreadable, { messageId: 'directory', data: { file: path }, fatal: true });
      return finish(doc, ctx);
    }
    // A FIFO would block the read for ever, a device never end it: only regular files are read.
    const kind = specialKind(info);
    if (kind) {
      const doc = emptyDocument(path);
      ctx.report(doc, fileUnreadable, { messageId: 'special', data: { file: path, kind }, fatal: true });
      return finish(doc, ctx);
    }
    if (info.size > config.limits.bytes) {
      const doc = emptyDocument(path);
      doc.source.bytes = info.size;
      ctx.report(doc, limitExceeded, { messageId: 'file', data: { file: path, limit: 'bytes', value: info.size, max: config.limits.bytes }, fatal: true });
      return finish(doc, ctx);
    }
    return await processBytes(path, await readFile(path), options);
  } catch (error) {
    const doc = emptyDocument(path);
    const code = errorCode(error);
    if (code === 'ENOENT') ctx.report(doc, fileUnreadable, { messageId: 'missing', data: { file: path }, fatal: true });
    else if (code === 'EACCES' || code === 'EPERM') ctx.report(doc, fileUnreadable, { messageId: 'permission', data: { file: path }, fatal: true });
    else ctx.report(doc, fileUnreadable, { messageId: 'other', data: { file: path, reason: errorMessage(error) }, fatal: true });
    return finish(doc, ctx);
  }
}

async function runStages(doc: WorkingDocument, ctx: StageContext, stages: [string, Stage][]): Promise<WorkingDocument> {
  let current = doc;
  for (const [name, stage] of stages) {
    if (current.halted) break;
    try {
      current = await stage(current, ctx);
    } catch (error) {
      ctx.report(current, stageCrash, {
        messageId: 'crash',
        data: { stage: name, file: current.source.path, reason: errorMessage(error) },
        fatal: true,
      });
    }
  }
  return current;
}

/** The PlanDocument of a WorkingDocument, checked against the schema (a mismatch is a bug, reported as such). */
function finish(doc: WorkingDocument, ctx: StageContext): PlanDocument {
  const plan: PlanDocument = {
    schemaVersion: SCHEMA_VERSION,
    tool: { name: 'piao', version: VERSION },
    source: doc.source,
    family: doc.family,
    entity: doc.entity,
    period: doc.period,
    scoring: doc.scoring,
    context: doc.context,
    objectives: doc.objectives,
    findings: doc.findings,
  };
  if (doc.totals.length > 0) plan.totals = doc.totals;
  // The objectives the layout seems to hold, beside those read (the rule objectives-missed compares the two; remembered per layout).
  if (doc.layout) {
    try {
      plan.coverage = estimateObjectives(doc.layout);
    } catch {
      // never fails the file: the rule, run by the engine, reports a crash of the estimate
    }
  }
  const parsed = PlanDocument.safeParse(plan);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    ctx.report(doc, stageCrash, {
      messageId: 'crash',
      data: { stage: 'schema', file: doc.source.path, reason: `${issue.message} a ${issue.path.join('.')}` },
      path: issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p)),
    });
    plan.findings = doc.findings;
  }
  return plan;
}

/** The PlanDocument of a file whose processing died outside the stages (e.g. its worker thread). */
export function crashedPlan(path: string, stage: string, reason: string, options: RunOptions = {}): PlanDocument {
  const ctx = createContext(PiaoConfig.parse(options.config ?? {}));
  const doc = emptyDocument(path);
  ctx.report(doc, stageCrash, { messageId: 'crash', data: { stage, file: path, reason }, fatal: true });
  return finish(doc, ctx);
}

/** The PlanDocument of a file stopped at one of its limits (`limits.seconds`, `limits.memoryMb`) outside the stages. */
export function limitPlan(path: string, limit: 'seconds' | 'memoryMb', value: number, max: number, options: RunOptions = {}): PlanDocument {
  const ctx = createContext(PiaoConfig.parse(options.config ?? {}));
  const doc = emptyDocument(path);
  ctx.report(doc, limitExceeded, { messageId: 'file', data: { file: path, limit, value, max }, fatal: true });
  return finish(doc, ctx);
}

/** True when a document could not be processed at all. */
export function isFatal(plan: PlanDocument): boolean {
  return plan.findings.some((f) => f.fatal);
}
