/**
 * What every command that reads the repository starts with: the root, the config, the files to
 * look at (the same discovery as `lint`), and a way to read and parse them. `lint` hands the
 * result to the engine; the report commands (`terms`, `mappings`) parse the files themselves.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import picomatch from 'picomatch';
import { FileSettings } from '../config/file-settings.js';
import { UsageError } from '../config/errors.js';
import type { ResolvedConfig } from '../config/load.js';
import type { ProjectSource } from '../engine/lint-project.js';
import { decodeMarkdown } from '../files/decode.js';
import { discoverTargets, findRoot, listRepositoryPaths } from '../files/discover.js';
import type { CliIo } from '../io.js';
import { computeLineStarts, parseMarkdown } from '../markdown/parse.js';
import { RULES_BY_ID } from '../registry.js';
import type { ParsedFile } from '../rule.js';
import { discoveryStart, loadRunConfig } from './load-run-config.js';

export interface OpenProjectOptions {
  config?: string;
  root?: string;
  errorOnUnmatchedPattern: boolean;
}

export interface OpenProject {
  root: string;
  config: ResolvedConfig;
  settings: FileSettings;
  /** Root-relative Markdown files the command is about, sorted. */
  targets: string[];
  source: ProjectSource;
}

export async function openProject(patterns: readonly string[], options: OpenProjectOptions, io: CliIo): Promise<OpenProject> {
  const root = options.root ? path.resolve(io.cwd, options.root) : findRoot(discoveryStart(io.cwd, patterns));
  const config = loadRunConfig(io.cwd, options.config, discoveryStart(io.cwd, patterns), root);
  const settings = new FileSettings(config, RULES_BY_ID, root);
  const targets = await discoverTargets({ cwd: io.cwd, root, config, patterns, errorOnUnmatchedPattern: options.errorOnUnmatchedPattern });
  if (targets.length === 0 && options.errorOnUnmatchedPattern) throw new UsageError('No Markdown files to lint.');
  const isMarkdownPath = picomatch(config.files, { dot: true });
  const source: ProjectSource = {
    targets,
    paths: await listRepositoryPaths(root),
    read: (file) => fs.readFile(path.join(root, file)),
    isMarkdown: (file) => isMarkdownPath(path.relative(config.baseDirectory, path.join(root, file)).split(path.sep).join('/')),
  };
  return { root, config, settings, targets, source };
}

/**
 * The targets parsed, for commands that analyse files outside the engine. Files that cannot be
 * read or decoded are listed separately (`lint` reports them; a report just leaves them out).
 */
export async function parseTargets(project: OpenProject): Promise<{ files: ParsedFile[]; unreadable: string[] }> {
  const files: ParsedFile[] = [];
  const unreadable: string[] = [];
  for (const file of project.targets) {
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
    files.push({ path: file, text: decoded.text, tree: parseMarkdown(decoded.text), lineStarts: computeLineStarts(decoded.text) });
  }
  return { files, unreadable };
}
