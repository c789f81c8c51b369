import { promises as fs } from 'node:fs';
import path from 'node:path';
import { createTwoFilesPatch } from 'diff';
import { FileSettings } from '../config/file-settings.js';
import { UsageError } from '../config/errors.js';
import type { Diagnostic } from '../engine/diagnostic.js';
import { applyFixes } from '../engine/fix.js';
import { lintProject, type LintProjectResult, type ProjectSource } from '../engine/lint-project.js';
import { discoverTargets, findRoot, listRepositoryPaths } from '../files/discover.js';
import { gitRenames } from '../files/git-renames.js';
import { enableExternalLinks, externalLinkDiagnostics, withExternalDiagnostics } from '../external/external-links.js';
import { writeFileAtomic } from '../files/write-atomic.js';
import { colorEnabled, EXIT_FAILURE, EXIT_LINT_ERRORS, EXIT_OK, type CliIo } from '../io.js';
import { REPORTERS, REPORTER_NAMES } from '../reporters/index.js';
import { countBySeverity, type LintReport } from '../reporters/report.js';
import { reportedRules, RULES_BY_ID } from '../registry.js';
import { REPOSITORY_URL, TOOL_NAME, TOOL_VERSION } from '../tool.js';
import { discoveryStart, loadRunConfig } from './load-run-config.js';
import picomatch from 'picomatch';

export interface LintCommandOptions {
  config?: string;
  root?: string;
  format: string;
  outputFile?: string;
  fix: boolean;
  fixDryRun: boolean;
  quiet: boolean;
  maxWarnings?: number;
  reportUnusedDisables: boolean;
  errorOnUnmatchedPattern: boolean;
  color?: boolean;
  /** --external / --no-external: force the network check of external links on or off. */
  external?: boolean;
  allowPrivate?: boolean;
}

export const MAX_FIX_PASSES = 10;

export async function lintCommand(patterns: readonly string[], options: LintCommandOptions, io: CliIo): Promise<number> {
  const reporter = REPORTERS[options.format];
  if (!reporter) throw new UsageError(`Unknown format "${options.format}"; choose one of: ${REPORTER_NAMES.join(', ')}.`);
  if (options.maxWarnings !== undefined && (!Number.isInteger(options.maxWarnings) || options.maxWarnings < 0)) {
    throw new UsageError('--max-warnings takes a whole number of 0 or more.');
  }
  const root = options.root ? path.resolve(io.cwd, options.root) : findRoot(discoveryStart(io.cwd, patterns));
  const config = loadRunConfig(io.cwd, options.config, discoveryStart(io.cwd, patterns), root);
  if (options.external === true) enableExternalLinks(config);
  const settings = new FileSettings(config, RULES_BY_ID, root);
  const targets = await discoverTargets({ cwd: io.cwd, root, config, patterns, errorOnUnmatchedPattern: options.errorOnUnmatchedPattern });
  if (targets.length === 0 && options.errorOnUnmatchedPattern) throw new UsageError('No Markdown files to lint.');
  const isMarkdownPath = picomatch(config.files, { dot: true });
  const source: ProjectSource = {
    targets,
    paths: await listRepositoryPaths(root),
    renames: await gitRenames(root),
    read: (file) => fs.readFile(path.join(root, file)),
    isMarkdown: (file) => isMarkdownPath(path.relative(config.baseDirectory, path.join(root, file)).split(path.sep).join('/')),
  };

  const fixing = options.fix || options.fixDryRun;
  const texts = new Map<string, string>();
  let result: LintProjectResult = await lintProject(source, { settings, rules: RULES_BY_ID, reportUnusedDisables: options.reportUnusedDisables });
  const originals = new Map<string, { text: string; bom: boolean }>();
  for (let pass = 1; fixing && pass <= MAX_FIX_PASSES; pass++) {
    const changed = applyPass(result, texts, originals);
    if (!changed) break;
    result = await lintProject(source, { settings, rules: RULES_BY_ID, reportUnusedDisables: options.reportUnusedDisables, overrides: texts });
  }

  if (options.fixDryRun) {
    const patches = [...texts].filter(([file, text]) => originals.get(file)?.text !== text).map(([file, text]) => createTwoFilesPatch(`a/${file}`, `b/${file}`, originals.get(file)!.text, text));
    const out = options.format === 'stylish' ? io.stdout : io.stderr;
    for (const patch of patches) out(patch);
  } else if (options.fix) {
    for (const [file, text] of texts) {
      const original = originals.get(file)!;
      if (original.text === text) continue;
      await writeFileAtomic(path.join(root, file), (original.bom ? '\uFEFF' : '') + text);
    }
  }

  if (options.external !== false) {
    const external = await externalLinkDiagnostics({ analyses: result.analyses, settings, root, io, allowPrivate: options.allowPrivate === true });
    result = { ...result, diagnostics: withExternalDiagnostics(result.diagnostics, external) };
  }

  return report(result.diagnostics, targets.length, result.crashed, options, io, root, reporter);
}

/** Applies the fixes of one pass to the in-memory texts; returns whether anything changed. */
function applyPass(result: LintProjectResult, texts: Map<string, string>, originals: Map<string, { text: string; bom: boolean }>): boolean {
  const fixesByFile = new Map<string, Diagnostic[]>();
  for (const diagnostic of result.diagnostics) {
    if (!diagnostic.fix) continue;
    const list = fixesByFile.get(diagnostic.file) ?? [];
    list.push(diagnostic);
    fixesByFile.set(diagnostic.file, list);
  }
  let changed = false;
  for (const [file, diagnostics] of fixesByFile) {
    const analysis = result.analyses.get(file);
    if (analysis?.text === undefined) continue;
    if (!originals.has(file)) originals.set(file, { text: analysis.text, bom: analysis.bom ?? false });
    const fixed = applyFixes(analysis.text, diagnostics.map((diagnostic) => diagnostic.fix!));
    if (fixed.applied > 0 && fixed.text !== analysis.text) {
      texts.set(file, fixed.text);
      changed = true;
    }
  }
  return changed;
}

async function report(
  diagnostics: Diagnostic[],
  filesChecked: number,
  crashed: boolean,
  options: LintCommandOptions,
  io: CliIo,
  root: string,
  reporter: (report: LintReport) => string,
): Promise<number> {
  const counts = countBySeverity(diagnostics);
  const shown = options.quiet ? diagnostics.filter((diagnostic) => diagnostic.severity === 'error') : diagnostics;
  const lintReport: LintReport = {
    toolName: TOOL_NAME,
    toolVersion: TOOL_VERSION,
    informationUri: REPOSITORY_URL,
    cwd: io.cwd,
    root,
    filesChecked,
    diagnostics: shown,
    rules: reportedRules(),
    color: options.outputFile === undefined && colorEnabled(io, options.color),
  };
  const output = reporter(lintReport);
  if (options.outputFile !== undefined) {
    const file = path.resolve(io.cwd, options.outputFile);
    await fs.mkdir(path.dirname(file), { recursive: true });
    await fs.writeFile(file, output);
  } else {
    io.stdout(output);
  }
  const tooManyWarnings = options.maxWarnings !== undefined && counts.warnings > options.maxWarnings;
  if (tooManyWarnings) io.stderr(`agentops-lint found too many warnings (${counts.warnings}; the maximum is ${options.maxWarnings}).\n`);
  if (crashed) return EXIT_FAILURE;
  return counts.errors > 0 || tooManyWarnings ? EXIT_LINT_ERRORS : EXIT_OK;
}
