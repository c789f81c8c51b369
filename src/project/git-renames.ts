/**
 * The renames git knows of (old path → new path, root-relative), so that a link to a renamed file
 * can be fixed with certainty. Staged renames (`git mv` not yet committed) come first, then the
 * recent history, newest first. Anything that goes wrong (no git, not a checkout, a shallow clone
 * that lacks history) just means fewer renames: this is a hint, never a requirement.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { ProjectSource } from '../engine/lint-project.js';

const run = promisify(execFile);

/** How far back the history is searched: enough for a docs repository, bounded for huge ones. */
export const RENAME_HISTORY_DEPTH = 2000;

/** Parses `--name-status -z` output restricted to renames: `R100\0old\0new\0…`. */
export function parseRenameRecords(output: string): [from: string, to: string][] {
  const fields = output.split('\0').filter((field) => field !== '');
  const renames: [string, string][] = [];
  for (let i = 0; i < fields.length; ) {
    if (/^R\d*$/.test(fields[i]!) && i + 2 < fields.length) {
      renames.push([fields[i + 1]!, fields[i + 2]!]);
      i += 3;
    } else i += 1;
  }
  return renames;
}

async function gitOutput(root: string, args: string[]): Promise<string> {
  try {
    const { stdout } = await run('git', args, {
      cwd: root,
      timeout: 15_000,
      maxBuffer: 64 * 1024 * 1024,
      encoding: 'utf8',
    });
    return stdout;
  } catch {
    return '';
  }
}

export async function gitRenames(root: string): Promise<Map<string, string>> {
  const renames = new Map<string, string>();
  // Two git processes at once: a start (the language server's, a hook's) waits for both.
  const [staged, history] = await Promise.all([
    gitOutput(root, ['diff', '--cached', '-M', '--diff-filter=R', '--name-status', '-z', '--relative']),
    gitOutput(root, [
      'log',
      `--max-count=${RENAME_HISTORY_DEPTH}`,
      '-M',
      '--diff-filter=R',
      '--name-status',
      '--format=',
      '-z',
      '--relative',
    ]),
  ]);
  for (const [from, to] of [...parseRenameRecords(staged), ...parseRenameRecords(history)]) {
    if (!renames.has(from) && from !== to) renames.set(from, to);
  }
  return renames;
}

/** The source with git's renames added; renames the plan already knows (e.g. --changed-since) win. */
export async function withGitRenames(source: ProjectSource, root: string): Promise<ProjectSource> {
  return { ...source, renames: new Map([...(await gitRenames(root)), ...(source.renames ?? [])]) };
}
