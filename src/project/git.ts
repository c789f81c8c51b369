/**
 * Git access: `git` child processes started with execFile (no shell, so no argument is ever
 * interpreted), output read NUL-separated (`-z`) so that no path needs unquoting. Paths going in
 * and out are relative to the lint root, which may be a subfolder of the repository; files outside
 * it are left out.
 *
 * The child inherits the CLI's environment on purpose: inside a commit hook git sets
 * GIT_INDEX_FILE (for `git commit -a` or `git commit <paths>` it is a temporary index), and the
 * staged content that will be committed is in that index.
 */
import { execFile } from 'node:child_process';
import { UsageError } from '../core/errors.js';

/** How a path differs between two states, as `git diff --raw` reports it. */
export type ChangeStatus = 'added' | 'modified' | 'deleted' | 'renamed' | 'copied' | 'type-changed' | 'unmerged';

export interface FileChange {
  status: ChangeStatus;
  /** Root-relative path in the newer state (for deletions: the deleted path). */
  path: string;
  /** For renames and copies: the root-relative path in the older state. */
  oldPath?: string;
  /** Blob id in the older state (absent for additions). */
  oldObject?: string;
  /** Blob id in the newer state when git knows it (the index; not the working tree). */
  newObject?: string;
}

export interface IndexEntry {
  /** Root-relative path. */
  path: string;
  /** `100644`, `100755`, `120000` (symbolic link) or `160000` (submodule). */
  mode: string;
  object: string;
}

const STATUS_BY_LETTER: Record<string, ChangeStatus> = {
  A: 'added',
  M: 'modified',
  D: 'deleted',
  R: 'renamed',
  C: 'copied',
  T: 'type-changed',
  U: 'unmerged',
};

const ZERO_OBJECT = /^0+$/;

/** A failed git command: what ran, and what git said. */
export class GitCommandError extends Error {
  constructor(
    readonly args: readonly string[],
    readonly exitCode: number | null,
    readonly stderr: string,
  ) {
    super(
      `git ${args.join(' ')} failed${exitCode === null ? '' : ` (exit code ${exitCode})`}: ${stderr.trim() || 'no message'}`,
    );
    this.name = 'GitCommandError';
  }
}

/**
 * Runs git and returns what it wrote to stdout; rejects with a GitCommandError (or a UsageError
 * when git is missing). `timeoutMs` stops a git that hangs (a network remote, a lock).
 */
export function runGit(
  cwd: string,
  env: Readonly<Record<string, string | undefined>>,
  args: readonly string[],
  input?: string,
  timeoutMs?: number,
): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      'git',
      args,
      // GIT_OPTIONAL_LOCKS=0: reading must never take index.lock, which a running `git commit` holds.
      {
        cwd,
        env: { ...env, GIT_OPTIONAL_LOCKS: '0' },
        encoding: 'buffer',
        maxBuffer: 1024 * 1024 * 1024,
        windowsHide: true,
        ...(timeoutMs === undefined ? {} : { timeout: timeoutMs }),
      },
      (error, stdout, stderr) => {
        if (!error) return resolve(stdout);
        if ((error as NodeJS.ErrnoException).code === 'ENOENT')
          return reject(
            new UsageError('git is not installed or not on the PATH; --staged and --changed-since need it.'),
          );
        reject(new GitCommandError(args, typeof error.code === 'number' ? error.code : null, stderr.toString('utf8')));
      },
    );
    if (input !== undefined) child.stdin?.end(input);
  });
}

function splitNul(output: Buffer): string[] {
  const fields = output.toString('utf8').split('\0');
  if (fields[fields.length - 1] === '') fields.pop();
  return fields;
}

/** A git working tree seen from the lint root. */
export class GitRepository {
  private constructor(
    /** Absolute path of the lint root. */
    readonly root: string,
    private readonly env: Readonly<Record<string, string | undefined>>,
    /** The root's path inside the repository, with a trailing slash ('' when the root is the top level). */
    private readonly prefix: string,
  ) {}

  /** Opens the repository that contains `root`; a UsageError names the flag that needed it. */
  static async open(
    root: string,
    env: Readonly<Record<string, string | undefined>>,
    neededBy: string,
  ): Promise<GitRepository> {
    let lines: string[] = [];
    try {
      lines = (await runGit(root, env, ['rev-parse', '--is-inside-work-tree', '--show-prefix']))
        .toString('utf8')
        .split('\n');
    } catch (error) {
      if (!(error instanceof GitCommandError)) throw error;
    }
    if (lines[0] !== 'true')
      throw new UsageError(`${neededBy} needs a git working tree, and ${root} is not inside one.`);
    return new GitRepository(root, env, lines[1] ?? '');
  }

  run(args: readonly string[], input?: string): Promise<Buffer> {
    return runGit(this.root, this.env, args, input);
  }

  /** A top-level-relative path as a root-relative one, or undefined when it lies outside the root. */
  private fromTopLevel(topLevelPath: string): string | undefined {
    if (this.prefix === '') return topLevelPath;
    return topLevelPath.startsWith(this.prefix) ? topLevelPath.slice(this.prefix.length) : undefined;
  }

  /** The full id of the commit `ref` names; a UsageError when git does not know it. */
  async resolveCommit(ref: string, neededBy: string): Promise<string> {
    try {
      return (await this.run(['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`]))
        .toString('utf8')
        .trim();
    } catch (error) {
      if (!(error instanceof GitCommandError)) throw error;
      throw new UsageError(
        `${neededBy}: git does not know the commit "${ref}". Fetch it first (for example \`git fetch origin main\`; in GitHub Actions check out with \`fetch-depth: 0\`).`,
      );
    }
  }

  /** The best common ancestor of `ref` and HEAD: what a pull request's diff is taken against. */
  async mergeBase(ref: string, neededBy: string): Promise<string> {
    const commit = await this.resolveCommit(ref, neededBy);
    try {
      return (await this.run(['merge-base', commit, 'HEAD'])).toString('utf8').trim();
    } catch (error) {
      if (!(error instanceof GitCommandError)) throw error;
      throw new UsageError(
        `${neededBy}: "${ref}" and HEAD have no common ancestor in this clone. A shallow clone hides it: fetch more history (in GitHub Actions, check out with \`fetch-depth: 0\`).`,
      );
    }
  }

  /** Differences between `commit` and the working tree (tracked files), renames detected. */
  async changesSince(commit: string): Promise<FileChange[]> {
    return this.parseRawDiff(
      await this.run(['diff', '--raw', '-z', '-M', '--no-abbrev', '--no-ext-diff', '--no-textconv', commit, '--']),
    );
  }

  /** Differences between HEAD (or nothing, before the first commit) and the index. */
  async stagedChanges(): Promise<FileChange[]> {
    return this.parseRawDiff(
      await this.run(['diff', '--cached', '--raw', '-z', '-M', '--no-abbrev', '--no-ext-diff', '--no-textconv', '--']),
    );
  }

  /** Files that git does not track and does not ignore, root-relative. */
  async untrackedFiles(): Promise<string[]> {
    const output = await this.run(['ls-files', '--others', '--exclude-standard', '-z', '--full-name', '--', '.']);
    return splitNul(output).flatMap((file) => this.fromTopLevel(file) ?? []);
  }

  /** Every path in the index (merged entries only), root-relative. */
  async indexEntries(): Promise<IndexEntry[]> {
    const output = await this.run(['ls-files', '--stage', '-z', '--full-name', '--', '.']);
    const entries: IndexEntry[] = [];
    for (const record of splitNul(output)) {
      const tab = record.indexOf('\t');
      const [mode, object, stage] = record.slice(0, tab).split(' ');
      const file = this.fromTopLevel(record.slice(tab + 1));
      // Stages 1-3 are an unresolved merge conflict, which git refuses to commit anyway.
      if (file === undefined || stage !== '0' || !mode || !object) continue;
      entries.push({ path: file, mode, object });
    }
    return entries;
  }

  /** The content of each blob, read through one `git cat-file --batch` process. */
  async readBlobs(objects: Iterable<string>): Promise<Map<string, Buffer>> {
    const wanted = [...new Set(objects)];
    const result = new Map<string, Buffer>();
    if (wanted.length === 0) return result;
    const output = await this.run(['cat-file', '--batch'], `${wanted.join('\n')}\n`);
    let offset = 0;
    for (const object of wanted) {
      const headerEnd = output.indexOf(0x0a, offset);
      const header = output.subarray(offset, headerEnd).toString('utf8').split(' ');
      if (header[1] === 'missing' || header.length < 3)
        throw new Error(`git object ${object} is missing from the repository`);
      const size = Number(header[2]);
      result.set(object, output.subarray(headerEnd + 1, headerEnd + 1 + size));
      offset = headerEnd + 1 + size + 1;
    }
    return result;
  }

  /** Parses `git diff --raw -z`: `:oldmode newmode old new status\0path\0[newpath\0]`. */
  private parseRawDiff(output: Buffer): FileChange[] {
    const fields = splitNul(output);
    const changes: FileChange[] = [];
    for (let i = 0; i < fields.length; ) {
      const [, , oldObject = '', newObject = '', statusField = ''] = fields[i++]!.slice(1).split(' ');
      const status = STATUS_BY_LETTER[statusField[0] ?? ''];
      const first = fields[i++]!;
      const second = statusField[0] === 'R' || statusField[0] === 'C' ? fields[i++] : undefined;
      if (!status) continue;
      const newPath = this.fromTopLevel(second ?? first);
      const oldPath = second === undefined ? undefined : this.fromTopLevel(first);
      const change: FileChange = { status, path: newPath ?? oldPath ?? '' };
      if ((status === 'renamed' || status === 'copied') && oldPath !== undefined) change.oldPath = oldPath;
      if (!ZERO_OBJECT.test(oldObject)) change.oldObject = oldObject;
      if (!ZERO_OBJECT.test(newObject)) change.newObject = newObject;
      if (newPath === undefined && oldPath === undefined) continue;
      if (newPath === undefined) {
        // Moved out of the root: from the root's point of view, a deletion.
        changes.push({
          status: 'deleted',
          path: oldPath!,
          ...(change.oldObject ? { oldObject: change.oldObject } : {}),
        });
        continue;
      }
      if (oldPath === undefined && second !== undefined) {
        // Moved in from outside the root: an addition.
        changes.push({ status: 'added', path: newPath, ...(change.newObject ? { newObject: change.newObject } : {}) });
        continue;
      }
      changes.push(change);
    }
    return changes;
  }
}
