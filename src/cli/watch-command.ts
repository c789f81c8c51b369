/**
 * `agentops-lint --watch [paths...]`: lint, then lint again whenever a file under the root
 * changes, printing the report each time. It runs on the language server's LiveProject, so after
 * the first run only the files that changed are parsed again; the project rules still see the
 * whole repository, as in the editor.
 *
 * What needs a run to end (fixes, baselines, --staged, --changed-since, the network check of
 * external links) is refused with --watch. The command runs until it is interrupted (Ctrl+C).
 */
import path from 'node:path';
import { ConfigError, UsageError } from '../core/errors.js';
import type { CliIo } from '../core/io.js';
import { REPOSITORY_URL, TOOL_NAME, TOOL_VERSION } from '../core/tool.js';
import { watchTree } from '../lsp/disk-watcher.js';
import { LiveProject, type DiskChange } from '../lsp/live-project.js';
import { findRoot } from '../project/discover.js';
import { pathArgumentMatcher } from '../project/project-files.js';
import { parseOutputTargets, prepareOutputFolders, writeReports, type OutputTarget } from '../reporters/outputs.js';
import type { LintCommandOptions } from './lint-command.js';
import { discoveryStart } from './load-run-config.js';
import { projectServices } from './server-services.js';
import { REGISTRY } from '../../rules/index.js';

/** Flags that make no sense for a run that never ends, and why. */
const REFUSED: readonly [keyof LintCommandOptions, string, string][] = [
  ['fix', '--fix', 'fixes are written once; run --fix, then --watch'],
  ['fixDryRun', '--fix-dry-run', 'the diff is printed once; run it without --watch'],
  ['staged', '--staged', 'it lints the next commit, which a watch of the working tree does not see'],
  ['changedSince', '--changed-since', 'it compares with a branch once'],
  ['baseline', '--baseline', 'a baseline applies to a finished run'],
  ['writeBaseline', '--write-baseline', 'a baseline records a finished run'],
  ['maxWarnings', '--max-warnings', 'there is no exit code until the watch ends'],
  ['external', '--external', 'URLs would be requested again at every change'],
];

function checkWatchOptions(options: LintCommandOptions): void {
  for (const [key, flag, reason] of REFUSED) {
    const value = options[key];
    if (value !== undefined && value !== false)
      throw new UsageError(`--watch cannot be combined with ${flag}: ${reason}.`);
  }
}

/** One report: the targets' problems, as `lint` would print them. */
async function printReport(
  project: LiveProject,
  targets: readonly string[],
  outputs: readonly OutputTarget[],
  options: LintCommandOptions,
  io: CliIo,
): Promise<void> {
  const started = performance.now();
  const { diagnostics } = await project.lint(targets);
  const shown = options.quiet ? diagnostics.filter((diagnostic) => diagnostic.severity === 'error') : diagnostics;
  // A terminal shows the current state only: clear it first.
  if (io.stdoutIsTTY) io.stdout('\x1b[2J\x1b[H');
  await writeReports(
    {
      toolName: TOOL_NAME,
      toolVersion: TOOL_VERSION,
      informationUri: REPOSITORY_URL,
      cwd: io.cwd,
      root: project.root,
      filesChecked: targets.length,
      files: targets,
      diagnostics: shown,
      rules: REGISTRY.reportedRules,
      mayClaimNoProblems: true,
      offerFix: true,
    },
    outputs,
    io,
    options.color,
  );
  const time = new Date().toTimeString().slice(0, 8);
  io.stderr(
    `${TOOL_NAME}: watching ${targets.length} file${targets.length === 1 ? '' : 's'} (linted at ${time} in ${Math.round(performance.now() - started)} ms); press Ctrl+C to stop.\n`,
  );
}

export async function watchCommand(
  patterns: readonly string[],
  options: LintCommandOptions,
  io: CliIo,
): Promise<number> {
  checkWatchOptions(options);
  const outputs = parseOutputTargets(options.format, options.outputFile, io.cwd);
  await prepareOutputFolders(outputs);
  const root = options.root ? path.resolve(io.cwd, options.root) : findRoot(discoveryStart(io.cwd, patterns));
  const project = await LiveProject.open(root, projectServices(io, options), {
    reportUnusedDisables: options.reportUnusedDisables,
  });
  if (project.settingsError !== undefined) throw project.settingsError;
  const isNamed = pathArgumentMatcher(io.cwd, root, patterns);
  const targets = (): string[] => {
    const files = project.projectFiles().filter(isNamed);
    if (files.length === 0 && options.errorOnUnmatchedPattern) throw new UsageError('No Markdown files to lint.');
    return files;
  };
  const relint = async (changes: DiskChange[]): Promise<void> => {
    try {
      const effect = await project.diskChanged(changes);
      if (!effect.relevant) return;
      if (project.settingsError !== undefined) throw project.settingsError;
      if (!project.isIndexed) await project.warmUp();
      await printReport(project, targets(), outputs, options, io);
    } catch (error) {
      // A config broken while editing it is reported, and watched until it is mended.
      if (!(error instanceof ConfigError || error instanceof UsageError)) throw error;
      io.stderr(
        `${TOOL_NAME}: ${error instanceof ConfigError ? `invalid configuration\n${error.message}` : error.message}\n${TOOL_NAME}: still watching.\n`,
      );
    }
  };
  // Never resolves: the watch ends when the process is interrupted, or with an internal error (exit code 2, as for lint).
  return new Promise<number>((_resolve, reject) => {
    const fail = (error: unknown): void => {
      watcher.close();
      reject(error);
    };
    // Watching starts before the first index is built, so that no change is missed; runs go one
    // at a time, and changes that arrive during one are taken in by the next.
    let queue: Promise<void> = Promise.resolve();
    const watcher = watchTree(
      root,
      (changes) => {
        queue = queue.then(() => relint(changes)).catch(fail);
      },
      fail,
    );
    queue = queue
      .then(() => project.warmUp())
      .then(() => printReport(project, targets(), outputs, options, io))
      .catch(fail);
  });
}
