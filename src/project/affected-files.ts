/**
 * Which untouched files a change can affect (--changed-since, --staged): the comparison of their
 * project-rule results before and after the change needs only the files whose results can
 * differ. Each project rule declares what its reports on a file depend on besides the file itself
 * (ProjectRule.dependsOn), and a file is left out only when none of that changed:
 *
 * - `paths`: a path that came or went (a file, or a folder that appeared or vanished) can change
 *   the status of a link only in a file whose raw text can name it;
 * - `linkTargets`: a file whose content changed can change the anchors of links only in files
 *   whose raw text can name it (its folder's name too, for a README);
 * - `incomingLinks`: links to a file's anchors come, go or move only in the changed files, so only
 *   the files those links land on (before or after) are affected;
 * - `extracts`: when every changed file extracts the same for the rule before and after (as an
 *   empty document does, for files that came or went), no other file's result can move.
 *
 * Names are searched as lowercase letters and digits in every reading of the text (references and
 * percent-escapes decoded), so markup, escapes and case never hide one: a superset. A README that
 * a link to the root folder can land on (`/`, `../`, which name nothing) and any rule that does
 * not declare its dependencies make every untouched file count, as before.
 */
import path from 'node:path';
import type { EnabledRule } from '../config/file-settings.js';
import type { FileFacts, RepositoryFacts } from '../core/facts.js';
import { dependenciesOf, type Dependency, type ProjectRule } from '../core/rule.js';
import { analyzeText } from '../engine/analyze-file.js';
import type { LintProjectOptions, ProjectSource } from '../engine/lint-project.js';
import { isWithin, linkNames, nameKey } from '../links/link-names.js';
import { isReadmeName } from '../links/resolve.js';
import { resolveLocalLink } from '../links/self-urls.js';
import { offsetToPoint } from '../markdown/parse.js';
import { decodeMarkdown } from '../markdown/decode.js';
import { mayMentionAnyKey } from '../terms/raw-text-superset.js';
import type { ChangeSet } from './changed-since.js';

export interface AffectedQuestion {
  untouched: readonly string[];
  changes: ChangeSet;
  today: ProjectSource;
  base: ProjectSource;
  engine: Pick<LintProjectOptions, 'settings' | 'overrides' | 'repository'>;
}

async function textOf(source: ProjectSource, file: string, override?: string): Promise<string | undefined> {
  if (override !== undefined) return override;
  try {
    const decoded = decodeMarkdown(await source.read(file));
    return decoded.ok ? decoded.text : undefined;
  } catch {
    return undefined;
  }
}

/**
 * What the project rules in force for these files depend on besides each file, and the rules that
 * depend on other files' extracts; undefined when one does not say.
 */
export function dependencies(
  files: readonly string[],
  settings: LintProjectOptions['settings'],
): { deps: Set<Dependency>; rules: ProjectRule[] } | undefined {
  const rules = new Map<string, ProjectRule>();
  const deps = new Set<Dependency>();
  let undeclared = false;
  const add = (enabled: readonly EnabledRule[]): void => {
    for (const { rule, options } of enabled) {
      if (rule.scope !== 'project') continue;
      const declared = dependenciesOf(rule, options);
      if (declared === undefined) undeclared = true;
      for (const dependency of declared ?? []) {
        deps.add(dependency);
        if (dependency === 'extracts') rules.set(rule.id, rule);
      }
    }
  };
  add(settings.base());
  for (const file of files) add(settings.forFile(file));
  return undeclared ? undefined : { deps, rules: [...rules.values()] };
}

type Facts = FileFacts | undefined;

/** Whether every changed Markdown file extracts the same for these rules before and after the change. */
function sameExtracts(
  rules: readonly ProjectRule[],
  facts: ReadonlyMap<string, { before: Facts; after: Facts }>,
): boolean {
  for (const { before, after } of facts.values()) {
    for (const rule of rules)
      if (JSON.stringify(before?.extracted[rule.id]) !== JSON.stringify(after?.extracted[rule.id])) return false;
  }
  return true;
}

/**
 * A changed file's links to anchors, each as JSON [target path, fragment, line] (the rule's message
 * names a link's line); links written as the repository's own URLs among them.
 */
function anchorLinks(facts: Facts, repository: RepositoryFacts | undefined): string[] {
  const result: string[] = [];
  for (const link of facts?.links ?? []) {
    const target = resolveLocalLink(facts!.path, link.url, repository);
    if (!target || target.escapesRoot || !target.fragment) continue;
    result.push(
      JSON.stringify([target.path, target.fragment.toLowerCase(), offsetToPoint(facts!.lineStarts, link.start).line]),
    );
  }
  return result;
}

/** The paths whose incoming anchor links the change added, removed or moved. */
function relinkedPaths(
  facts: ReadonlyMap<string, { before: Facts; after: Facts }>,
  repository: RepositoryFacts | undefined,
): Set<string> {
  const paths = new Set<string>();
  for (const { before, after } of facts.values()) {
    const was = anchorLinks(before, repository);
    const is = anchorLinks(after, repository);
    const remaining = new Map<string, number>();
    for (const entry of was) remaining.set(entry, (remaining.get(entry) ?? 0) + 1);
    const changed: string[] = [];
    for (const entry of is) {
      const count = remaining.get(entry) ?? 0;
      if (count > 0) remaining.set(entry, count - 1);
      else changed.push(entry);
    }
    for (const [entry, count] of remaining) if (count > 0) changed.push(entry);
    for (const entry of changed) paths.add((JSON.parse(entry) as [string, string, number])[0]);
  }
  return paths;
}

/** Whether links to `target` (a file or a folder) land on `file`: the file itself, or a README of that folder. */
function landsOn(target: string, file: string): boolean {
  if (target === file) return true;
  const folder = path.posix.dirname(file) === '.' ? '' : path.posix.dirname(file);
  return folder === target && isReadmeName(path.posix.basename(file));
}

/** The untouched files whose project-rule results the change can affect, in their order. */
export async function filesAChangeCanAffect(question: AffectedQuestion): Promise<readonly string[]> {
  const { untouched, changes, today, base, engine } = question;
  const declared = dependencies(untouched, engine.settings);
  if (!declared) return untouched;
  const { deps, rules } = declared;
  if (deps.size === 0) return [];

  // The Markdown files the change touched, analysed as they were and as they are.
  const touched = [...new Set([...changes.changed, ...changes.removed])]
    .filter((file) => today.isMarkdown(file))
    .sort();
  const facts = new Map<string, { before: Facts; after: Facts }>();
  for (const file of touched) {
    const existedBefore = changes.removed.has(file) || changes.baseObjects.has(file);
    const before = existedBefore ? await textOf(base, file) : '';
    const after = changes.changed.has(file) ? await textOf(today, file, engine.overrides?.get(file)) : '';
    // A file that cannot be read as text: its facts are unknown, so every file counts.
    if (before === undefined || after === undefined) return untouched;
    const enabled = engine.settings.forFile(file);
    // A file that came or went is compared with an empty document, which adds nothing.
    const analyse = (text: string): Facts => analyzeText(file, text, enabled, true).facts;
    facts.set(file, { before: analyse(before), after: analyse(after) });
  }
  if (deps.has('extracts') && !sameExtracts(rules, facts)) return untouched;

  // Names whose mention makes a file affected, and folders whose files may link to a README without naming it.
  const keys: string[] = [];
  const folders: string[] = [];
  if (deps.has('paths')) {
    const added = [...changes.changed].filter((file) => !changes.baseObjects.has(file));
    const folderChanges = [...today.paths.directories, ...base.paths.directories].filter(
      (folder) => today.paths.directories.has(folder) !== base.paths.directories.has(folder),
    );
    const symlinks = [...today.paths.symlinks, ...base.paths.symlinks].filter(
      (link) => today.paths.symlinks.has(link) !== base.paths.symlinks.has(link),
    );
    for (const file of [...added, ...changes.removed, ...folderChanges, ...symlinks])
      keys.push(nameKey(path.posix.basename(file)));
  }
  if (deps.has('linkTargets')) {
    for (const file of touched) {
      const names = linkNames(file);
      keys.push(...names.keys);
      if (names.within !== undefined) folders.push(names.within);
    }
  }
  const repository = engine.repository && { urls: engine.repository.urls, refPaths: new Map() };
  const relinked = deps.has('incomingLinks') ? relinkedPaths(facts, repository) : new Set<string>();

  const affected: string[] = [];
  for (const file of untouched) {
    if ([...relinked].some((target) => landsOn(target, file)) || folders.some((folder) => isWithin(file, folder))) {
      affected.push(file);
      continue;
    }
    if (keys.length === 0) continue;
    const text = await textOf(today, file, engine.overrides?.get(file));
    if (text === undefined || mayMentionAnyKey(text, keys)) affected.push(file);
  }
  return affected;
}
