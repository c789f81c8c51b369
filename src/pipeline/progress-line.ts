/**
 * The progress of long steps (the network check of external links) as one line on the terminal,
 * redrawn in place at most every 100 ms and erased when the step ends. Nothing is drawn when
 * stdout is not a terminal: logs and machine-readable reports stay clean.
 */
import type { CliIo } from '../core/io.js';
import type { ProgressCounter, ProgressSink } from '../core/rule.js';

const REDRAW_INTERVAL_MS = 100;

const SILENT: ProgressCounter = { tick: () => undefined, done: () => undefined };

export function terminalProgress(io: CliIo): ProgressSink {
  return {
    begin(label, total) {
      if (!io.stdoutIsTTY || total === 0) return SILENT;
      let counted = 0;
      let lastDrawn = 0;
      const draw = (): void => io.stderr(`\r\x1b[K${label}: ${counted}/${total}`);
      draw();
      return {
        tick: () => {
          counted++;
          if (Date.now() - lastDrawn > REDRAW_INTERVAL_MS || counted === total) {
            lastDrawn = Date.now();
            draw();
          }
        },
        done: () => io.stderr('\r\x1b[K'),
      };
    },
  };
}
