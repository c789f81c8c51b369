import { z } from 'zod';
import { regularExpressionSchema } from '../src/config/option-schemas.js';
import type { LinkFact } from '../src/core/facts.js';
import { caseCorrectedPath, fixCaseEdit, linkLocation, pathTo, replacePathEdit, writtenPath } from '../src/links/destination-edit.js';
import { PathLookup, type TargetSuggestion } from '../src/links/path-lookup.js';
import { destinationPathTo, resolveLinkTarget } from '../src/links/resolve.js';
import { defineProjectRule, type ReportDescriptor } from '../src/core/rule.js';

function isImage(link: LinkFact): boolean {
  return link.kind === 'image' || (link.kind === 'html' && link.tag !== 'a');
}

/** Why the suggested path is offered, in the reader's words. */
function reason(suggestion: TargetSuggestion, name: string): string {
  switch (suggestion.reason) {
    case 'renamed':
      return 'git recorded the rename';
    case 'onlyNamed':
      return `the only other "${name}" in the repository`;
    case 'closestFolders':
      return `of ${suggestion.sameNameCount} files named "${name}", the only one whose path ends with "${suggestion.sharedFolders}${name}"`;
    case 'similar':
      return 'the nearest existing path';
  }
}

/**
 * The did-you-mean of a missing target, written as the link should be written, and its edit: a
 * fix when git recorded the rename, a suggestion otherwise (another file with the same name may
 * be a different document: a third-party LICENSE.md is not the project's).
 */
function missingTargetHelp(link: LinkFact, file: string, target: string, lookup: PathLookup): Pick<ReportDescriptor, 'suggestion' | 'fix' | 'suggestions'> {
  const suggestion = lookup.suggest(target, file, writtenPath(link));
  if (!suggestion) return {};
  const written = pathTo(link, file, suggestion.path);
  const hint = `did you mean "${written}"? (${reason(suggestion, suggestion.path.split('/').pop()!)})`;
  const edit = replacePathEdit(link, file, suggestion.path);
  if (!edit) return { suggestion: hint };
  return suggestion.certain ? { suggestion: hint, fix: edit } : { suggestion: hint, suggestions: [{ desc: `Point the link at "${written}"`, fix: edit }] };
}

/**
 * Every local destination must exist exactly as GitHub looks it up: in the git tree, with exact
 * case, without following symbolic links, inside the repository. Messages show the destination
 * as written in the file, and any correction as it should be written there.
 */
export default defineProjectRule({
  id: 'links',
  description: 'Local link, image and HTML destinations exist in the repository, with exact case, as GitHub resolves them.',
  tags: ['links'],
  scope: 'project',
  dependsOn: ['paths'],
  defaultSeverity: 'error',
  recommended: true,
  fixable: true,
  options: z.strictObject({
    ignorePatterns: z
      .array(regularExpressionSchema)
      .default([])
      .describe('Regular expressions (JavaScript syntax); destinations (as written) that match one are not checked, e.g. "^generated/" for files a build creates.'),
  }),
  messages: {
    missing: 'Link target "{target}" does not exist.',
    notStaged: 'Link target "{target}" exists in the working tree but is not staged: the commit would link to nothing. Stage it with `git add`.',
    wrongCase: 'Link target "{target}" exists only as "{actual}": paths are case-sensitive on GitHub and Linux.',
    escapesRoot: 'Link "{url}" leads outside the repository root.',
    throughSymlink: 'Link target "{target}" goes through the symbolic link "{symlink}", which GitHub does not follow (the page is a 404).',
    toSymlink: 'Link target "{target}" is a symbolic link: GitHub shows a stub with the link path, not the {what}.',
  },
  check({ index, options, report }) {
    const ignored = options.ignorePatterns.map((pattern) => new RegExp(pattern, 'u'));
    const lookup = new PathLookup(index.paths, index.renames);
    for (const file of index.targets) {
      const facts = index.files.get(file);
      if (!facts) continue;
      for (const link of facts.links) {
        if (link.autolink || link.url === '' || ignored.some((pattern) => pattern.test(link.url))) continue;
        const target = resolveLinkTarget(file, link.url);
        if (!target) continue;
        const at = linkLocation(link);
        if (target.escapesRoot) {
          report({ file, messageId: 'escapesRoot', data: { url: link.url }, at });
          continue;
        }
        const written = writtenPath(link);
        const status = lookup.status(target.path);
        switch (status.kind) {
          case 'file':
          case 'directory':
            break;
          case 'symlink':
            report({ file, messageId: 'toSymlink', data: { target: written, what: isImage(link) ? 'image' : 'file' }, at });
            break;
          case 'throughSymlink':
            report({ file, messageId: 'throughSymlink', data: { target: written, symlink: destinationPathTo(file, status.symlink, written.replace(/\/+$/, '')) }, at });
            break;
          case 'wrongCase': {
            const [actual] = status.actual;
            // A case-only correction is certain when exactly one path differs only in case.
            const fix = status.actual.length === 1 ? fixCaseEdit(link, file, actual!) : undefined;
            report({ file, messageId: 'wrongCase', data: { target: written, actual: caseCorrectedPath(link, file, actual!) }, at, ...(fix ? { fix } : {}) });
            break;
          }
          case 'missing':
            if (index.paths.unstaged?.has(target.path.replace(/\/+$/, ''))) {
              report({ file, messageId: 'notStaged', data: { target: written }, at });
              break;
            }
            report({ file, messageId: 'missing', data: { target: written }, at, ...missingTargetHelp(link, file, target.path, lookup) });
            break;
        }
      }
    }
  },
});
