/** What the outside world gives a run. Only src/cli.ts builds this from `process`. */
export interface CliIo {
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
  stdout(text: string): void;
  stderr(text: string): void;
  /** Whether stdout is a terminal (colours, progress lines). */
  stdoutIsTTY: boolean;
}

/** Exit codes, as documented in the README. */
export const EXIT_OK = 0;
export const EXIT_LINT_ERRORS = 1;
export const EXIT_FAILURE = 2;

/** Colours: NO_COLOR wins, then FORCE_COLOR, then whether stdout is a terminal. */
export function colorEnabled(io: CliIo, flag?: boolean): boolean {
  if (flag === false) return false;
  if (io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== '') return false;
  const force = io.env.FORCE_COLOR;
  if (force !== undefined) return force !== '0' && force !== 'false';
  return flag === true || io.stdoutIsTTY;
}
