/**
 * What the report commands (`terms`, `mappings`) start with: the same root, config and files as
 * `lint` on the working tree (src/project/plan.ts), and the files parsed. Reports analyse the
 * parsed files themselves instead of running the engine.
 */
import path from 'node:path';
import type { ConfigSet } from '../config/config-set.js';
import type { FileSettings } from '../config/file-settings.js';
import type { ProjectSource } from '../engine/lint-project.js';
import { decodeMarkdown } from '../markdown/decode.js';
import { findRoot } from '../project/discover.js';
import type { CliIo } from '../core/io.js';
import { computeLineStarts, parseMarkdown } from '../markdown/parse.js';
import type { ParsedFile } from '../core/rule.js';
import { comparingRules } from '../project/demanded-files.js';
import { planWorkingTree } from '../project/plan.js';
import { discoveryStart, openConfigs } from './load-run-config.js';

export interface OpenProjectOptions {
  config?: string;
  root?: string;
}

export interface OpenProject {
  root: string;
  /** The config of each file, as `lint` finds them. */
  configs: ConfigSet;
  /** The rules in force for each file (the configs'). */
  settings: Pick<FileSettings, 'forFile' | 'base'>;
  /** Its targets are the Markdown files the command is about. */
  source: ProjectSource;
}

/**
 * The project as `lint` would plan it. `judgedBy` names the rule whose findings the report shows
 * (mapping-consistency for `mappings`): it is switched on where the configs leave it off, so that
 * named files get the whole repository as context exactly when a lint with that rule would.
 */
export async function openProject(
  patterns: readonly string[],
  options: OpenProjectOptions,
  io: CliIo,
  judgedBy?: string,
): Promise<OpenProject> {
  const root = options.root ? path.resolve(io.cwd, options.root) : findRoot(discoveryStart(io.cwd, patterns));
  const configs = openConfigs(io, root, options.config, judgedBy === undefined ? [] : [judgedBy]);
  const warn = (message: string): void => io.stderr(`agentops-lint: warning: ${message}\n`);
  const plan = await planWorkingTree({ io, root, configs, warn, patterns, errorOnUnmatchedPattern: true });
  return { root, configs, settings: configs, source: plan.source };
}

/** Whether a rule comparing documents in force for this file may extract something from its raw text (the reports read extracts). */
function mayContributeToComparison(project: OpenProject, file: string, text: string): boolean {
  return comparingRules(project.settings.forFile(file)).some(
    ({ rule, options }) => rule.extract !== undefined && (rule.mayContribute?.(text, options) ?? true),
  );
}

/**
 * The targets parsed (or, with `withContext`, every file the plan reads for facts: the targets and
 * the rest of the repository a cross-file rule compares them with). Files that cannot be read or
 * decoded are listed separately (`lint` reports them; a report just leaves them out).
 */
export async function parseTargets(
  project: OpenProject,
  withContext = false,
): Promise<{ files: ParsedFile[]; unreadable: string[] }> {
  const files: ParsedFile[] = [];
  const unreadable: string[] = [];
  const { source } = project;
  // For named files, lint chooses the rest of the repository from what they hold; a report takes
  // every file a comparing rule may use (mayContribute), a superset that judges the same.
  const candidates = new Set(withContext ? (source.demand?.candidates ?? []) : []);
  const wanted = withContext
    ? [...new Set([...source.targets, ...(source.projectFiles ?? []), ...candidates])].sort()
    : source.targets;
  for (const file of wanted) {
    let bytes: Uint8Array;
    try {
      bytes = await project.source.read(file);
    } catch {
      unreadable.push(file);
      continue;
    }
    const decoded = decodeMarkdown(bytes);
    if (!decoded.ok) {
      unreadable.push(file);
      continue;
    }
    if (candidates.has(file) && !mayContributeToComparison(project, file, decoded.text)) continue;
    files.push({
      path: file,
      text: decoded.text,
      tree: parseMarkdown(decoded.text),
      lineStarts: computeLineStarts(decoded.text),
    });
  }
  return { files, unreadable };
}
