import path from 'node:path/posix';
import picomatch from 'picomatch';
import { z } from 'zod';
import { matchesGlob } from '../src/contracts/per-glob.js';
import type { RepositoryPaths } from '../src/core/facts.js';
import { defineProjectRule } from '../src/core/rule.js';
import { closestMatches } from '../src/text/did-you-mean.js';

const countedGlob = z.strictObject({
  glob: z.string().min(1).describe('A root-relative path or glob (picomatch syntax).'),
  min: z.number().int().min(0).default(1).describe('At least this many files must match.'),
  max: z.number().int().min(0).optional().describe('At most this many files may match (no limit when omitted).'),
  message: z.string().optional().describe('Why the file is required; shown in the diagnostic.'),
});

const requiredEntry = z.union([z.string().min(1), countedGlob], {
  error: 'expected a path or glob, or { glob, min, max, message }',
});

type RequiredEntry = z.infer<typeof requiredEntry>;

const options = z.strictObject({
  files: z
    .array(requiredEntry)
    .default([])
    .describe('Paths that must exist (exact case, root-relative; a trailing / for a folder), or objects with a glob and the number of files that must match it.'),
});

function note(message: string | undefined): string {
  return message ? `: ${message.trim().replace(/[.\s]+$/, '')}` : '';
}

/** Where a count problem is reported: the folder the glob starts in (the repository root is "."). */
function globFolder(glob: string): string {
  return picomatch.scan(glob).base || '.';
}

function normalize(entry: RequiredEntry): { glob: string; min: number; max?: number; message?: string } {
  return typeof entry === 'string' ? { glob: entry, min: 1 } : entry;
}

/** A file in the same folder whose name is close to the missing one (a rename, a typo). */
function closestSibling(missing: string, paths: RepositoryPaths): string | undefined {
  const folder = path.dirname(missing);
  const siblings = [...paths.files].filter((file) => path.dirname(file) === folder).map((file) => path.basename(file));
  const [closest] = closestMatches(path.basename(missing), siblings);
  return closest === undefined ? undefined : path.join(folder, closest);
}

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
  defaultSeverity: 'error',
  recommended: false,
  fixable: false,
  options,
  messages: {
    missing: 'Required file "{path}" is missing{note}.',
    wrongCase: 'Required file "{path}" is missing; "{actual}" differs only in case, and GitHub paths are case-sensitive{note}.',
    tooFew: '{count} found matching "{glob}"; at least {min} required{note}.',
    tooMany: '{count} found matching "{glob}"; at most {max} allowed{note}.',
  },
  check({ index, options: { files }, report }) {
    for (const entry of files.map(normalize)) {
      const scan = picomatch.scan(entry.glob);
      if (!scan.isGlob && entry.min === 1 && entry.max === undefined) {
        const required = entry.glob.replace(/^\.\//, '').replace(/\/+$/, '');
        if (index.paths.files.has(required) || index.paths.directories.has(required)) continue;
        const actual = [...index.paths.files, ...index.paths.directories].find((candidate) => candidate.toLowerCase() === required.toLowerCase());
        if (actual !== undefined) {
          report({ file: required, messageId: 'wrongCase', data: { path: required, actual, note: note(entry.message) }, at: { start: 0, end: 0 } });
          continue;
        }
        const closest = closestSibling(required, index.paths);
        report({
          file: required,
          messageId: 'missing',
          data: { path: required, note: note(entry.message) },
          at: { start: 0, end: 0 },
          ...(closest === undefined ? {} : { suggestion: `Did you mean "${closest}"?` }),
        });
        continue;
      }
      let count = 0;
      for (const file of index.paths.files) if (matchesGlob(entry.glob, file)) count++;
      const files = (n: number): string => `${n} ${n === 1 ? 'file' : 'files'}`;
      if (count < entry.min) {
        report({ file: globFolder(entry.glob), messageId: 'tooFew', data: { count: files(count), glob: entry.glob, min: entry.min, note: note(entry.message) }, at: { start: 0, end: 0 } });
      } else if (entry.max !== undefined && count > entry.max) {
        report({ file: globFolder(entry.glob), messageId: 'tooMany', data: { count: files(count), glob: entry.glob, max: entry.max, note: note(entry.message) }, at: { start: 0, end: 0 } });
      }
    }
  },
});
