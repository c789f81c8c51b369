/** What the outside world gives a run. Only src/cli.ts builds this from `process`. */
export interface CliIo {
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
  stdout(text: string): void;
  stderr(text: string): void;
  /** Whether stdout is a terminal (colours). */
  stdoutIsTTY: boolean;
  /** Whether stderr is a terminal (progress lines). When not given, stderr is taken to go where stdout goes. */
  stderrIsTTY?: boolean;
  /** The clock, in milliseconds (default: Date.now); tests pass one that runs fast. */
  now?(): number;
  /** The raw standard streams, for the servers that speak a protocol over them (`lsp`, `mcp`); only they touch stdin. */
  stdio?(): { input: NodeJS.ReadableStream; output: NodeJS.WritableStream };
}

/** Exit codes, as documented in the README. */
export const EXIT_OK = 0;
export const EXIT_LINT_ERRORS = 1;
export const EXIT_FAILURE = 2;

/**
 * The exit code of a lint run that ran to its end: a crashed rule makes the result untrustworthy
 * (2); errors, or more warnings than --max-warnings allows, fail it (1).
 */
export function lintExitCode(run: { crashed: boolean; errors: number; tooManyWarnings: boolean }): number {
  if (run.crashed) return EXIT_FAILURE;
  return run.errors > 0 || run.tooManyWarnings ? EXIT_LINT_ERRORS : EXIT_OK;
}

/**
 * Colours: the flag wins (`--color`, `--no-color`: what the user typed for this run), then
 * NO_COLOR, then FORCE_COLOR, then whether stdout is a terminal.
 */
export function colorEnabled(io: CliIo, flag?: boolean): boolean {
  if (flag !== undefined) return flag;
  if (io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== '') return false;
  const force = io.env.FORCE_COLOR;
  if (force !== undefined) return force !== '0' && force !== 'false';
  return io.stdoutIsTTY;
}

/** Whether the run is in a CI job (the CI variable that GitHub, GitLab and most others set): its log is no terminal to redraw. */
export function runsInCi(env: CliIo['env']): boolean {
  const ci = env.CI;
  return ci !== undefined && ci !== '' && ci !== '0' && ci.toLowerCase() !== 'false';
}
