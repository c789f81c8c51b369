/**
 * What `npm run release -- <version>` does, as functions of a repository folder, so tests run it
 * on a temporary copy (scripts/release.ts only reads the command line and prints).
 *
 * A release: refuse a dirty tree or a version already tagged; write the version wherever it is
 * written (package.json, package-lock.json, the VS Code extension's package.json, the pins of the
 * docs and examples, the sample output that names it); rebuild the bundle and the generated docs
 * (schema.json's `$id` and the rule docs come from the version); move CHANGELOG.md's
 * `[Unreleased]` into a dated section; commit; create the annotated tag `vX.Y.Z` and move the
 * major tag `vX` that the GitHub Action is pinned by. Nothing is pushed.
 */
import { execFile } from 'node:child_process';
import { existsSync, promises as fs } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { ChangelogError, changelogReleases, releaseChangelog, releaseNotes } from './changelog.js';
import { findVersionPins } from './version-pins.js';

const run = promisify(execFile);

export const CHANGELOG_FILE = 'CHANGELOG.md';
export const REPOSITORY_URL = 'https://github.com/agentops-lint/agentops-lint';

/** The JSON files whose version fields are the package's version. */
const VERSION_JSON_FILES: { file: string; fields: string[][] }[] = [
  { file: 'package.json', fields: [['version']] },
  { file: 'package-lock.json', fields: [['version'], ['packages', '', 'version']] },
  // The extension is built and released from this repository with the tool it runs.
  { file: 'editors/vscode/package.json', fields: [['version']] },
];

/** Places in the docs that show the version in a form that is not a pin. */
const VERSION_MENTIONS: { file: string; text: (version: string) => string }[] = [
  { file: 'docs/editors.md', text: (version) => `agentops-lint-vscode-${version}.vsix` },
  { file: 'docs/output-formats.md', text: (version) => `{ "name": "agentops-lint", "version": "${version}" }` },
];

/** Docs and examples whose pins follow the release: tracked Markdown and YAML, not fixtures or tests. */
function holdsPins(file: string): boolean {
  return (
    /\.(md|ya?ml)$/.test(file) && file !== CHANGELOG_FILE && !/^(fixtures|test|bench|node_modules|bundle)\//.test(file)
  );
}

/** The commands that regenerate what the version is built into. */
export const REBUILD_COMMANDS: readonly (readonly string[])[] = [
  ['npm', 'run', 'bundle'],
  ['npm', 'run', 'docs'],
];

export class ReleaseError extends Error {}

export interface GitOptions {
  /** The repository's top folder. */
  root: string;
  /** The environment git runs with (the caller's, or an isolated one in tests). */
  env: NodeJS.ProcessEnv;
}

async function git(options: GitOptions, ...args: string[]): Promise<string> {
  try {
    const { stdout } = await run('git', args, { cwd: options.root, env: options.env, maxBuffer: 64 * 1024 * 1024 });
    return stdout;
  } catch (error) {
    const failure = error as { stderr?: string; message: string };
    throw new ReleaseError(`git ${args.join(' ')} failed: ${(failure.stderr ?? failure.message).trim()}`);
  }
}

interface Version {
  major: number;
  minor: number;
  patch: number;
}

export function parseVersion(text: string): Version {
  const match = /^(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (!match)
    throw new ReleaseError(`"${text}" is not a version: give X.Y.Z (pre-release versions are not supported).`);
  return { major: Number(match[1]), minor: Number(match[2]), patch: Number(match[3]) };
}

function compareVersions(a: Version, b: Version): number {
  return a.major - b.major || a.minor - b.minor || a.patch - b.patch;
}

export interface FileEdit {
  file: string;
  before: string;
  after: string;
  /** What changes, for the dry run: "version 0.1.0 → 0.2.0", "3 pins". */
  what: string;
}

export interface ReleasePlan {
  version: string;
  previousVersion: string;
  edits: FileEdit[];
  /** Version mentions that were not found where they were expected (the docs changed): check by hand. */
  missingMentions: string[];
  /** Whether the commit holds anything (a release of the version already written only tags). */
  commitMessage: string;
  tags: { name: string; message: string; move: boolean }[];
}

async function readText(root: string, file: string): Promise<string | undefined> {
  const full = path.join(root, file);
  return existsSync(full) ? fs.readFile(full, 'utf8') : undefined;
}

/** The checks every release step makes first: a clean tree and a tag that does not exist yet. */
async function checkReadyToTag(options: GitOptions, version: string): Promise<void> {
  const status = await git(options, 'status', '--porcelain', '--untracked-files=normal');
  if (status.trim() !== '') {
    const files = status.trimEnd().split('\n');
    throw new ReleaseError(
      `the working tree has uncommitted changes (${files
        .slice(0, 5)
        .map((line) => line.slice(3))
        .join(
          ', ',
        )}${files.length > 5 ? ', …' : ''}): commit or stash them first, so the release commit holds only the release.`,
    );
  }
  const tag = `v${version}`;
  const existing = (await git(options, 'tag', '--list', tag)).trim();
  if (existing !== '') {
    const commit = (await git(options, 'rev-list', '-n', '1', tag)).trim();
    throw new ReleaseError(`the tag ${tag} exists already (at ${commit.slice(0, 12)}): ${version} is released.`);
  }
}

async function packageVersion(root: string): Promise<string> {
  const text = await readText(root, 'package.json');
  if (text === undefined) throw new ReleaseError(`no package.json in ${root}.`);
  return (JSON.parse(text) as { version: string }).version;
}

/** A JSON file with the given fields set, written as npm writes it (two spaces, final newline). */
function setJsonFields(file: string, text: string, fields: string[][], value: string): string {
  const data = JSON.parse(text) as Record<string, unknown>;
  if (`${JSON.stringify(data, null, 2)}\n` !== text) {
    throw new ReleaseError(`${file} is not laid out as npm writes it: rewriting its version would reformat it.`);
  }
  for (const field of fields) {
    let holder = data;
    for (const key of field.slice(0, -1)) holder = holder[key] as Record<string, unknown>;
    holder[field.at(-1) as string] = value;
  }
  return `${JSON.stringify(data, null, 2)}\n`;
}

/** The text with every pin of `from` (and of its major tag, when the major changes) moved to `to`. */
export function rewritePins(file: string, text: string, from: string, to: string): { text: string; count: number } {
  const fromMajor = `v${from.split('.')[0]}`;
  const toMajor = `v${to.split('.')[0]}`;
  const lines = text.split('\n');
  let count = 0;
  // Right to left within a line, so that earlier columns stay where they were found.
  const pins = findVersionPins(file, text).sort((a, b) => a.line - b.line || b.column - a.column);
  for (const pin of pins) {
    const replacement = pin.ref === `v${from}` ? `v${to}` : pin.ref === fromMajor ? toMajor : undefined;
    if (replacement === undefined || replacement === pin.ref) continue;
    const line = lines[pin.line - 1] as string;
    const start = pin.column - 1;
    lines[pin.line - 1] = line.slice(0, start) + replacement + line.slice(start + pin.ref.length);
    count++;
  }
  return { text: lines.join('\n'), count };
}

export interface PlanOptions extends GitOptions {
  version: string;
  /** The release date, `YYYY-MM-DD`. */
  date: string;
}

/** Everything the release will change, computed without changing anything. */
export async function planRelease(options: PlanOptions): Promise<ReleasePlan> {
  const { root, version, date } = options;
  const target = parseVersion(version);
  await checkReadyToTag(options, version);
  const previousVersion = await packageVersion(root);
  if (compareVersions(target, parseVersion(previousVersion)) < 0) {
    throw new ReleaseError(`${version} is older than the version in package.json (${previousVersion}).`);
  }

  const edits: FileEdit[] = [];
  for (const { file, fields } of VERSION_JSON_FILES) {
    const before = await readText(root, file);
    if (before === undefined) continue;
    const after = setJsonFields(file, before, fields, version);
    if (after !== before) edits.push({ file, before, after, what: `version ${previousVersion} → ${version}` });
  }

  const tracked = (await git(options, 'ls-files', '-z')).split('\0').filter(holdsPins);
  for (const file of tracked) {
    const before = await readText(root, file);
    if (before === undefined) continue;
    const { text: after, count } = rewritePins(file, before, previousVersion, version);
    if (count > 0) edits.push({ file, before, after, what: `${count} pin${count === 1 ? '' : 's'}` });
  }

  const missingMentions: string[] = [];
  for (const mention of VERSION_MENTIONS) {
    const edit = edits.find((candidate) => candidate.file === mention.file);
    const before = edit?.after ?? (await readText(root, mention.file));
    const from = mention.text(previousVersion);
    if (before === undefined || !before.includes(from)) {
      missingMentions.push(`${mention.file}: "${from}"`);
      continue;
    }
    if (previousVersion === version) continue;
    const after = before.replaceAll(from, mention.text(version));
    if (edit) {
      edit.after = after;
      edit.what += ', the version it shows';
    } else {
      edits.push({ file: mention.file, before, after, what: `the version it shows (${from})` });
    }
  }

  const changelogBefore = await readText(root, CHANGELOG_FILE);
  if (changelogBefore === undefined) throw new ReleaseError(`no ${CHANGELOG_FILE} in ${root}.`);
  let changelog: ReturnType<typeof releaseChangelog>;
  try {
    changelog = releaseChangelog(changelogBefore, version, date, REPOSITORY_URL);
  } catch (error) {
    if (error instanceof ChangelogError) throw new ReleaseError(error.message);
    throw error;
  }
  if (changelog.text !== changelogBefore) {
    edits.push({
      file: CHANGELOG_FILE,
      before: changelogBefore,
      after: changelog.text,
      what: changelog.movedUnreleased ? `[Unreleased] moved into [${version}] - ${date}` : `[${version}] dated ${date}`,
    });
  }

  return {
    version,
    previousVersion,
    edits,
    missingMentions,
    commitMessage: `Release ${version}`,
    tags: releaseTagSpecs(version, releaseNotes(changelog.text, version) ?? ''),
  };
}

function releaseTagSpecs(version: string, notes: string): ReleasePlan['tags'] {
  const major = `v${version.split('.')[0]}`;
  return [
    { name: `v${version}`, message: `agentops-lint ${version}\n\n${notes}\n`, move: false },
    {
      name: major,
      message: `agentops-lint ${version}: the latest ${major}.x release (moved by each release)\n`,
      move: true,
    },
  ];
}

/** The dry run's account of a plan, one line per action. */
export function describePlan(plan: ReleasePlan): string[] {
  const lines = [`Release ${plan.version} (package.json has ${plan.previousVersion}):`];
  for (const edit of plan.edits) lines.push(`  edit ${edit.file}: ${edit.what}`);
  for (const command of REBUILD_COMMANDS) lines.push(`  run ${command.join(' ')}`);
  lines.push(`  commit "${plan.commitMessage}" (when anything changed)`);
  for (const tag of plan.tags) {
    lines.push(`  tag ${tag.name} (annotated${tag.move ? ', moved to this commit if it exists' : ''})`);
  }
  for (const missing of plan.missingMentions) lines.push(`  warning: not found, check by hand: ${missing}`);
  return lines;
}

/** Runs one rebuild command in the repository; a failure stops the release. */
export type CommandRunner = (command: readonly string[], root: string) => Promise<void>;

export interface CarryOutOptions extends GitOptions {
  runCommand: CommandRunner;
}

/** Writes the edits, rebuilds, commits and tags. Returns the commit the tags point at. */
export async function carryOutRelease(plan: ReleasePlan, options: CarryOutOptions): Promise<string> {
  for (const edit of plan.edits) await fs.writeFile(path.join(options.root, edit.file), edit.after);
  for (const command of REBUILD_COMMANDS) await options.runCommand(command, options.root);
  await git(options, 'add', '-A');
  const staged = (await git(options, 'diff', '--cached', '--name-only')).trim();
  if (staged !== '') await git(options, 'commit', '-q', '--no-verify', '-m', plan.commitMessage);
  await createTags(options, plan.tags);
  return (await git(options, 'rev-parse', 'HEAD')).trim();
}

async function createTags(options: GitOptions, tags: ReleasePlan['tags']): Promise<void> {
  for (const tag of tags) {
    // verbatim: git's default clean-up would drop the notes' "### Added" lines as comments.
    await git(
      options,
      'tag',
      '--cleanup=verbatim',
      ...(tag.move ? ['-f'] : []),
      '-a',
      tag.name,
      '-m',
      tag.message,
      'HEAD',
    );
  }
}

/**
 * The tagging step alone, for a version that package.json and CHANGELOG.md already release at
 * HEAD: the annotated `vX.Y.Z` and the moved `vX`. No file is changed.
 */
export async function tagRelease(options: GitOptions & { version?: string }): Promise<{ tags: string[] }> {
  const current = await packageVersion(options.root);
  const version = options.version ?? current;
  parseVersion(version);
  if (version !== current) {
    throw new ReleaseError(
      `package.json has ${current}, not ${version}: run the whole release (without --tag-only) to write the new version first.`,
    );
  }
  await checkReadyToTag(options, version);
  const changelog = await readText(options.root, CHANGELOG_FILE);
  const release = changelogReleases(changelog ?? '').find((listed) => listed.version === version);
  if (changelog === undefined || release?.date === undefined) {
    throw new ReleaseError(
      `${CHANGELOG_FILE} has no dated section for ${version} ("## [${version}] - YYYY-MM-DD"): run the whole release to write it.`,
    );
  }
  const tags = releaseTagSpecs(version, releaseNotes(changelog, version) ?? '');
  await createTags(options, tags);
  return { tags: tags.map((tag) => tag.name) };
}

/** How to publish what the release made (the script pushes nothing). */
export function pushInstructions(version: string): string {
  const major = `v${version.split('.')[0]}`;
  return `Push the release: git push origin HEAD v${version} && git push --force origin ${major}`;
}
