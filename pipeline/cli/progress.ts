/**
 * The batch progress bar (cli-progress) on stderr: files done, pages read,
 * ETA. Only on a terminal: when stderr is a file or a pipe nothing is drawn,
 * so logs stay clean.
 */
import cliProgress from 'cli-progress';
import type { BatchProgress } from '../batch.js';

export interface ProgressReporter {
  update: (p: BatchProgress) => void;
  stop: () => void;
}

export function progressReporter(isTty = Boolean(process.stderr.isTTY)): ProgressReporter {
  if (!isTty) return { update: () => undefined, stop: () => undefined };
  let bar: cliProgress.SingleBar | null = null;
  return {
    update(p) {
      if (!bar) {
        bar = new cliProgress.SingleBar(
          { format: '{bar} {value}/{total} file | {pages} pagine | {reused} invariati | fine tra {eta_formatted} | {file}', hideCursor: true, etaBuffer: 20, stream: process.stderr },
          cliProgress.Presets.shades_classic,
        );
        bar.start(p.total, 0, { pages: 0, reused: 0, file: '' });
      }
      bar.update(p.done, { pages: p.pages, reused: p.reused, file: p.file.length > 40 ? `…${p.file.slice(-39)}` : p.file });
    },
    stop() {
      bar?.stop();
    },
  };
}
