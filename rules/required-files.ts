import path from 'node:path/posix';
import picomatch from 'picomatch';
import { z } from 'zod';
import { matchesGlob } from '../src/contracts/per-glob.js';
import type { RepositoryPaths } from '../src/core/facts.js';
import { defineProjectRule, EACH_ITEM } from '../src/core/rule.js';
import { closestMatches } from '../src/text/did-you-mean.js';

const requiredObject = z
  .strictObject({
    path: z
      .string()
      .min(1)
      .optional()
      .describe(
        'A root-relative path that must exist, exactly as cased (a trailing / for a folder). Give path or glob.',
      ),
    glob: z
      .string()
      .min(1)
      .optional()
      .describe('A root-relative glob (picomatch syntax) whose matching files are counted. Give path or glob.'),
    min: z.number().int().min(0).optional().describe('With glob: at least this many files must match (default 1).'),
    max: z
      .number()
      .int()
      .min(0)
      .optional()
      .describe('With glob: at most this many files may match (no limit when omitted).'),
    message: z.string().optional().describe('Why the files are required; shown in the diagnostic.'),
  })
  .refine((entry) => (entry.path === undefined) !== (entry.glob === undefined), {
    message: 'give path or glob (exactly one of them)',
  })
  .refine((entry) => entry.path === undefined || (entry.min === undefined && entry.max === undefined), {
    message: 'min and max count the files of a glob; a path either exists or not',
  });

const requiredEntry = z.union([z.string().min(1), requiredObject], {
  error: 'expected a path or glob, { path, message }, or { glob, min, max, message }',
});

type RequiredEntry = z.infer<typeof requiredEntry>;

const options = z.strictObject({
  files: z
    .array(requiredEntry)
    .default([])
    .describe(
      'Paths that must exist (exact case, root-relative; a trailing / for a folder), objects with a path and a message, or objects with a glob and the number of files that must match it.',
    ),
});

function note(message: string | undefined): string {
  return message ? `: ${message.trim().replace(/[.\s]+$/, '')}` : '';
}

/** One entry in a single shape: a path to check, or a glob to count. */
type Requirement =
  | { kind: 'path'; path: string; message?: string }
  | { kind: 'count'; glob: string; min: number; max?: number; message?: string };

function normalize(entry: RequiredEntry): Requirement {
  if (typeof entry === 'string')
    return picomatch.scan(entry).isGlob ? { kind: 'count', glob: entry, min: 1 } : { kind: 'path', path: entry };
  const message = entry.message === undefined ? {} : { message: entry.message };
  if (entry.path !== undefined) return { kind: 'path', path: entry.path, ...message };
  const glob = entry.glob!;
  // `{ glob }` naming one plain path, no counts: the path must exist (with its own messages).
  if (!picomatch.scan(glob).isGlob && entry.min === undefined && entry.max === undefined)
    return { kind: 'path', path: glob, ...message };
  return {
    kind: 'count',
    glob,
    min: entry.min ?? 1,
    ...(entry.max === undefined ? {} : { max: entry.max }),
    ...message,
  };
}

/** A file in the same folder whose name is close to the missing one (a rename, a typo). */
function closestSibling(missing: string, paths: RepositoryPaths): string | undefined {
  const folder = path.dirname(missing);
  const siblings = [...paths.files].filter((file) => path.dirname(file) === folder).map((file) => path.basename(file));
  const [closest] = closestMatches(path.basename(missing), siblings);
  return closest === undefined ? undefined : path.join(folder, closest);
}

const LISTED = 5;

/**
 * A count in words, for the contributor: where, how many, which ones were found. The config's
 * glob is not shown: with a message, the message says what the files are; without one, only the
 * part of the glob that names the files (`"[0-9][0-9]-*.md"`) is.
 */
function countData(glob: string, matched: readonly string[], message: string | undefined): Record<string, string> {
  const scan = picomatch.scan(glob);
  const folder = scan.base;
  const names = matched.map((file) => (folder === '' ? file : file.slice(folder.length + 1)));
  const listed =
    names.length === 0
      ? ''
      : ` (${names.slice(0, LISTED).join(', ')}${names.length > LISTED ? `, and ${names.length - LISTED} more` : ''})`;
  const files = matched.length === 1 || matched.length === 0 ? 'file' : 'files';
  const count = message
    ? `${matched.length === 0 ? 'no' : matched.length} matching ${files}${listed}`
    : `${matched.length === 0 ? 'no' : matched.length} ${files} named like "${scan.glob}"${listed}`;
  return { where: folder === '' ? 'The repository root' : `"${folder}/"`, found: count, note: note(message) };
}

const plural = (count: number): string => (count === 1 ? 'is' : 'are');

/**
 * Required files and folders: the documents a framework promises (twelve factors with fixed names,
 * a product brief, an archive with its mapping). A missing file cannot be reported inside itself,
 * so the diagnostic is filed under the missing path (or, for counts, the glob's folder).
 */
export default defineProjectRule({
  id: 'required-files',
  description: 'Required files exist (exact case), and globs match as many files as required.',
  tags: ['contracts'],
  scope: 'project',
  dependsOn: [],
  // Required paths and globs are answered from the repository's paths: no file is parsed for them.
  reads: 'paths',
  defaultSeverity: 'error',
  recommended: false,
  fixable: false,
  options,
  // A glob that matches too few files is this rule's own finding: the config layer checks only the syntax.
  globOptions: [
    { path: ['files', EACH_ITEM], relativeTo: 'root', syntaxOnly: true },
    { path: ['files', EACH_ITEM, 'glob'], relativeTo: 'root', syntaxOnly: true },
  ],
  repositoryWideOptions: ['files'],
  messages: {
    missing: 'Required {kind} "{path}" is missing{note}.',
    wrongCase:
      'Required {kind} "{path}" is missing; "{actual}" differs only in case, and GitHub paths are case-sensitive{note}.',
    tooFew: '{where} has {found}; at least {min} {are} required{note}.',
    tooMany: '{where} has {found}; at most {max} {are} allowed{note}.',
  },
  check({ index, options: { files }, report }) {
    for (const requirement of files.map(normalize)) {
      if (requirement.kind === 'path') {
        const kind = requirement.path.endsWith('/') ? 'folder' : 'file';
        const required = requirement.path.replace(/^\.\//, '').replace(/\/+$/, '');
        if (index.paths.files.has(required) || index.paths.directories.has(required)) continue;
        const data = { kind, path: kind === 'folder' ? `${required}/` : required, note: note(requirement.message) };
        const actual = [...index.paths.files, ...index.paths.directories].find(
          (candidate) => candidate.toLowerCase() === required.toLowerCase(),
        );
        if (actual !== undefined) {
          report({ file: required, messageId: 'wrongCase', data: { ...data, actual }, at: { start: 0, end: 0 } });
          continue;
        }
        const closest = closestSibling(required, index.paths);
        report({
          file: required,
          messageId: 'missing',
          data,
          at: { start: 0, end: 0 },
          ...(closest === undefined ? {} : { suggestion: `Did you mean "${closest}"?` }),
        });
        continue;
      }
      const matched = [...index.paths.files].filter((file) => matchesGlob(requirement.glob, file)).sort();
      const folder = picomatch.scan(requirement.glob).base || '.';
      // The bound the count breaks, if any: too few below `min`, too many above `max`.
      const broken =
        matched.length < requirement.min
          ? { messageId: 'tooFew', key: 'min', limit: requirement.min }
          : requirement.max !== undefined && matched.length > requirement.max
            ? { messageId: 'tooMany', key: 'max', limit: requirement.max }
            : undefined;
      if (broken)
        report({
          file: folder,
          messageId: broken.messageId,
          data: {
            ...countData(requirement.glob, matched, requirement.message),
            [broken.key]: broken.limit,
            are: plural(broken.limit),
          },
          at: { start: 0, end: 0 },
        });
    }
  },
});
