/**
 * Where reports go. `--format NAME` may be repeated, each optionally with its own file as
 * `NAME:FILE` (`-` is stdout): `--format github --format sarif:report.sarif` annotates the pull
 * request and writes SARIF for code scanning in one run. A format without a file goes to
 * `--output-file` when given, else to stdout. Two reports may not share a destination.
 *
 * In GitHub Actions ($GITHUB_STEP_SUMMARY set), a job summary is appended as well.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { UsageError } from '../core/errors.js';
import { colorEnabled, type CliIo } from '../core/io.js';
import { reporterNamed } from './index.js';
import { formatJobSummary } from './job-summary.js';
import type { LintReport } from './report.js';

export const DEFAULT_FORMAT = 'stylish';

/** File name extensions for examples in messages. */
const EXTENSIONS: Readonly<Record<string, string>> = { sarif: 'sarif', json: 'json', gitlab: 'json', junit: 'xml' };

export interface OutputTarget {
  format: string;
  /** Absolute path, or undefined for stdout. */
  file?: string;
  /** The destination as the user wrote it, for messages. */
  shownAs: string;
}

export function parseOutputTargets(
  formats: readonly string[],
  outputFile: string | undefined,
  cwd: string,
): OutputTarget[] {
  const specs = formats.length > 0 ? formats : [DEFAULT_FORMAT];
  const targets = specs.map((spec): OutputTarget => {
    const colon = spec.indexOf(':');
    const format = colon < 0 ? spec : spec.slice(0, colon);
    reporterNamed(format);
    const destination = colon < 0 ? outputFile : spec.slice(colon + 1);
    if (destination === '')
      throw new UsageError(
        `--format ${spec}: the file after ":" is empty (write ${format}:FILE, or ${format}:- for stdout).`,
      );
    if (destination === undefined || destination === '-') return { format, shownAs: 'stdout' };
    return { format, file: path.resolve(cwd, destination), shownAs: destination };
  });
  const byDestination = new Map<string, OutputTarget>();
  for (const target of targets) {
    const key = target.file ?? '-';
    const other = byDestination.get(key);
    if (other) {
      throw new UsageError(
        `--format ${other.format} and --format ${target.format} would both write to ${target.shownAs}; give each its own file, for example --format ${target.format}:agentops-lint.${EXTENSIONS[target.format] ?? 'txt'}.`,
      );
    }
    byDestination.set(key, target);
  }
  return targets;
}

const FILE_SYSTEM_ERRORS: Readonly<Record<string, string>> = {
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'read-only file system',
  ENOENT: 'no such file or folder',
  ENOTDIR: 'a part of the path is a file, not a folder',
  EISDIR: 'it is a folder',
  ENOSPC: 'no space left on the device',
};

/** A file-system error in words, with its code; `words` replaces the generic ones for some codes. */
function reasonOf(error: unknown, words: Readonly<Record<string, string>> = {}): string {
  const code = (error as NodeJS.ErrnoException).code;
  const text = code === undefined ? undefined : (words[code] ?? FILE_SYSTEM_ERRORS[code]);
  return text === undefined ? (error as Error).message : `${text} (${code})`;
}

/**
 * Creates the folder of a report file one level at a time. `fs.mkdir(…, { recursive: true })`
 * spins forever on some file systems that refuse the folder (under /proc, Node 20), so each
 * missing level is created on its own and the first refusal is an error that says where.
 */
async function createFolder(folder: string, target: OutputTarget): Promise<void> {
  const missing: string[] = [];
  for (let current = folder; ; current = path.dirname(current)) {
    const stats = await fs.stat(current).catch(() => undefined);
    if (stats?.isDirectory()) break;
    if (stats)
      throw new UsageError(
        `Cannot write the ${target.format} report to ${target.shownAs}: ${current} is a file, not a folder.`,
      );
    missing.unshift(current);
    if (path.dirname(current) === current) break;
  }
  for (const level of missing) {
    try {
      await fs.mkdir(level);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST' && (await fs.stat(level)).isDirectory()) continue;
      // mkdir says ENOENT when the file system (/proc, /sys) takes no new folder under a parent that exists.
      const reason = reasonOf(error, { ENOENT: 'the file system takes no new folder there' });
      throw new UsageError(
        `Cannot write the ${target.format} report to ${target.shownAs}: cannot create the folder ${level}: ${reason}.`,
      );
    }
  }
}

/**
 * Makes sure every report file can be created before the lint starts, so that a destination that
 * cannot be written fails at once with its name, not after minutes of work.
 */
export async function prepareOutputFolders(targets: readonly OutputTarget[]): Promise<void> {
  for (const target of targets) if (target.file !== undefined) await createFolder(path.dirname(target.file), target);
}

/** Writes every report, then the job summary when GitHub Actions asks for one. */
export async function writeReports(
  report: Omit<LintReport, 'color'>,
  targets: readonly OutputTarget[],
  io: CliIo,
  colorFlag: boolean | undefined,
): Promise<void> {
  for (const target of targets) {
    const output = reporterNamed(target.format)({
      ...report,
      color: target.file === undefined && colorEnabled(io, colorFlag),
    });
    if (target.file === undefined) {
      io.stdout(output);
      continue;
    }
    await createFolder(path.dirname(target.file), target);
    try {
      await fs.writeFile(target.file, output);
    } catch (error) {
      throw new UsageError(`Cannot write the ${target.format} report to ${target.shownAs}: ${reasonOf(error)}.`);
    }
  }
  const summaryFile = io.env.GITHUB_STEP_SUMMARY;
  if (!summaryFile) return;
  try {
    await fs.appendFile(path.resolve(io.cwd, summaryFile), formatJobSummary({ ...report, color: false }));
  } catch (error) {
    // The summary is a courtesy: the annotations and the exit code still tell the whole story.
    io.stderr(`agentops-lint: could not write the job summary to ${summaryFile} (${(error as Error).message}).\n`);
  }
}
