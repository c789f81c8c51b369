/**
 * Signs of life on long runs, as one line on stderr redrawn in place (at most every 100 ms) and
 * erased when the run ends: files analysed of the total, then the project-wide step, then the
 * network check of external links. Only on a terminal: never in CI logs, pipes or with --quiet,
 * so logs and machine-readable reports stay clean. The file counter appears only once the run
 * has lasted PROGRESS_AFTER_MS, so that short runs (a pre-commit hook) never flicker; a network
 * check is long work by nature and shows its counter at once.
 */
import { runsInCi, type CliIo } from '../core/io.js';
import type { ProgressCounter, ProgressSink } from '../core/rule.js';
import type { Phase1Runner } from '../engine/lint-project.js';

/** How long a run goes on before the file counter is drawn. */
export const PROGRESS_AFTER_MS = 1000;

const REDRAW_INTERVAL_MS = 100;

const ERASE_LINE = '\r\x1b[K';

const SILENT: ProgressCounter = { tick: () => undefined, done: () => undefined };

/** Whether a progress line may be drawn: stderr is a terminal outside CI, and the user did not ask for quiet. */
export function progressAllowed(io: CliIo, wanted: boolean): boolean {
  return wanted && (io.stderrIsTTY ?? io.stdoutIsTTY) && !runsInCi(io.env);
}

/** The one line: drawn, redrawn no more often than REDRAW_INTERVAL_MS, erased. */
class TerminalLine {
  private drawn = false;
  private lastDrawn = Number.NEGATIVE_INFINITY;
  private readonly startedAt: number;

  constructor(
    private readonly io: CliIo,
    readonly enabled: boolean,
    private readonly afterMs: number,
  ) {
    this.startedAt = this.now();
  }

  /** Draws `text` unless it was redrawn moments ago (`force` draws anyway) or the run is still young (`soon` ignores that). */
  show(text: string, { force = false, soon = false }: { force?: boolean; soon?: boolean } = {}): void {
    if (!this.enabled) return;
    const now = this.now();
    if (!soon && now - this.startedAt < this.afterMs) return;
    if (!force && now - this.lastDrawn < REDRAW_INTERVAL_MS) return;
    this.lastDrawn = now;
    this.drawn = true;
    this.io.stderr(`${ERASE_LINE}${text}`);
  }

  clear(): void {
    if (!this.drawn) return;
    this.drawn = false;
    this.io.stderr(ERASE_LINE);
  }

  private now(): number {
    return this.io.now?.() ?? Date.now();
  }
}

/** The progress of one lint run. */
export interface RunProgress {
  /** For the asynchronous steps of rules (the external-link counter). */
  readonly sink: ProgressSink;
  /** The phase-1 runner, counting the files of each batch; the project-wide step is shown after it. */
  trackPhase1(runner: Phase1Runner): Phase1Runner;
  /** Files analysed since the last call (the worker pool reports them as they come back). */
  filesAnalysed(count: number): void;
  /** Writes a line of its own on stderr without tearing the progress line. */
  print(text: string): void;
  /** Erases the line: the run is over. */
  finish(): void;
}

export function runProgress(io: CliIo, wanted: boolean, afterMs = PROGRESS_AFTER_MS): RunProgress {
  const line = new TerminalLine(io, progressAllowed(io, wanted), afterMs);
  let batch: { done: number; total: number } | undefined;
  const showBatch = (force: boolean): void => {
    if (batch) line.show(`analysing files: ${batch.done}/${batch.total}`, { force });
  };
  return {
    sink: {
      begin(label, total) {
        if (!line.enabled || total === 0) return SILENT;
        let counted = 0;
        line.show(`${label}: ${counted}/${total}`, { force: true, soon: true });
        return {
          tick: () => {
            counted++;
            line.show(`${label}: ${counted}/${total}`, { force: counted === total, soon: true });
          },
          done: () => line.clear(),
        };
      },
    },
    trackPhase1(runner) {
      return async (jobs, source, options) => {
        if (jobs.length === 0) return runner(jobs, source, options);
        batch = { done: 0, total: jobs.length };
        showBatch(true);
        try {
          return await runner(jobs, source, options);
        } finally {
          batch = undefined;
          line.show('checking across files (links, anchors, consistency)', { force: true });
        }
      };
    },
    filesAnalysed(count) {
      if (!batch) return;
      batch.done = Math.min(batch.total, batch.done + count);
      showBatch(batch.done === batch.total);
    },
    print(text) {
      line.clear();
      io.stderr(text);
    },
    finish: () => line.clear(),
  };
}
