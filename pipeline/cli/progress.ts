/**
 * Progress on stderr, only on a terminal (when stderr is a file or a pipe
 * nothing is drawn, so logs and redirected output stay clean):
 * - a batch: a cli-progress bar with files, pages, unchanged files and the
 *   time left, computed here from the files processed in this run (reused
 *   files take no time) and written as `2 min 05 s`, never `1m60s`;
 * - a single file: `Lettura di piano.pdf… 12 s`, then the pages read (and
 *   how many by OCR) and the time taken.
 */
import cliProgress from 'cli-progress';
import type { PlanDocument } from '../../models/plan.js';
import type { BatchProgress } from '../batch.js';
import { count, M, type Lang } from './texts.js';

export interface ProgressReporter {
  update: (p: BatchProgress) => void;
  stop: () => void;
}

/** `45 s`, `2 min 05 s`, `1 h 02 min`: whole seconds, rounded once, so no `60` ever shows. */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
  const m = Math.round(s / 60);
  return `${Math.floor(m / 60)} h ${String(m % 60).padStart(2, '0')} min`;
}

/** Time left from the rate of the files processed so far in this run; null before the first one. */
export function estimateLeft(p: Pick<BatchProgress, 'done' | 'total' | 'reused'>, elapsedMs: number): number | null {
  const processed = p.done - p.reused;
  if (processed <= 0) return null;
  return ((elapsedMs / 1000) * (p.total - p.done)) / processed;
}

export function progressReporter(isTty = Boolean(process.stderr.isTTY), lang: Lang = 'it'): ProgressReporter {
  if (!isTty) return { update: () => undefined, stop: () => undefined };
  let bar: cliProgress.SingleBar | null = null;
  const start = Date.now();
  const words = lang === 'it' ? { files: 'file', reused: 'invariati', left: 'fine tra' } : { files: 'files', reused: 'unchanged', left: 'left' };
  const width = () => Math.max(20, (process.stderr.columns ?? 100) - 1);
  return {
    update(p) {
      if (!bar) {
        bar = new cliProgress.SingleBar(
          {
            format: `{bar} {value}/{total} ${words.files} | {pages} | {reused} ${words.reused} | ${words.left} {left} | {file}`,
            hideCursor: true,
            barsize: 20,
            stream: process.stderr,
          },
          cliProgress.Presets.shades_classic,
        );
        bar.start(p.total, 0, { pages: count.pages(0, lang), reused: 0, left: '—', file: '' });
      }
      const left = estimateLeft(p, Date.now() - start);
      const room = Math.max(10, width() - 75);
      bar.update(p.done, { pages: count.pages(p.pages, lang), reused: p.reused, left: left === null ? '—' : formatDuration(left), file: p.file.length > room ? `…${p.file.slice(-(room - 1))}` : p.file });
    },
    stop() {
      bar?.stop();
    },
  };
}

export interface FileProgress {
  stop: (plan: PlanDocument) => void;
}

/** A one-line status while one file is read, replaced at the end by the pages read and the time taken. */
export function fileProgress(file: string, lang: Lang, isTty: boolean, write: (text: string) => void): FileProgress {
  if (!isTty) return { stop: () => undefined };
  const start = Date.now();
  const line = () => `\r${M.reading(file)[lang]} ${formatDuration((Date.now() - start) / 1000)}\x1b[K`;
  write(line());
  const timer = setInterval(() => write(line()), 1000);
  timer.unref();
  return {
    stop(plan) {
      clearInterval(timer);
      const seconds = formatDuration((Date.now() - start) / 1000);
      write(`\r${M.read(file, count.pages(plan.source.pages, lang), plan.source.ocrPages.length, seconds)[lang]}\x1b[K\n`);
    },
  };
}
