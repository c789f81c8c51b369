/**
 * What the report commands (`terms`, `mappings`) start with: the same root, config and files as
 * `lint` on the working tree (src/project/plan.ts), and the files parsed. Reports analyse the
 * parsed files themselves instead of running the engine.
 */
import path from 'node:path';
import { FileSettings } from '../config/file-settings.js';
import type { ResolvedConfig } from '../config/load.js';
import type { ProjectSource } from '../engine/lint-project.js';
import { decodeMarkdown } from '../markdown/decode.js';
import { findRoot } from '../project/discover.js';
import type { CliIo } from '../core/io.js';
import { computeLineStarts, parseMarkdown } from '../markdown/parse.js';
import type { ParsedFile } from '../core/rule.js';
import { planWorkingTree } from '../project/plan.js';
import { discoveryStart, loadRunConfig } from './load-run-config.js';
import { REGISTRY } from '../../rules/index.js';

export interface OpenProjectOptions {
  config?: string;
  root?: string;
}

export interface OpenProject {
  root: string;
  config: ResolvedConfig;
  settings: FileSettings;
  /** Its targets are the Markdown files the command is about. */
  source: ProjectSource;
}

export async function openProject(patterns: readonly string[], options: OpenProjectOptions, io: CliIo): Promise<OpenProject> {
  const root = options.root ? path.resolve(io.cwd, options.root) : findRoot(discoveryStart(io.cwd, patterns));
  const config = loadRunConfig(io.cwd, options.config, discoveryStart(io.cwd, patterns), root);
  const settings = new FileSettings(config, REGISTRY.byId, root);
  const plan = await planWorkingTree({ io, root, config, settings, patterns, errorOnUnmatchedPattern: true });
  return { root, config, settings, source: plan.source };
}

/**
 * The targets parsed. Files that cannot be read or decoded are listed separately (`lint` reports
 * them; a report just leaves them out).
 */
export async function parseTargets(project: OpenProject): Promise<{ files: ParsedFile[]; unreadable: string[] }> {
  const files: ParsedFile[] = [];
  const unreadable: string[] = [];
  for (const file of project.source.targets) {
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
