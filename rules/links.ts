import { z } from 'zod';
import type { LinkFact } from '../src/core/facts.js';
import { fixCaseEdit, linkLocation, replacePathEdit } from '../src/links/destination-edit.js';
import { PathLookup, type TargetSuggestion } from '../src/links/path-lookup.js';
import { destinationPathTo, resolveLinkTarget, splitDestination } from '../src/links/resolve.js';
import { defineProjectRule, type TextEdit } from '../src/core/rule.js';

const REASONS: Record<TargetSuggestion['reason'], string> = {
  renamed: 'git recorded the rename',
  moved: 'a file with this name is there',
  similar: 'the nearest existing path',
};

function isImage(link: LinkFact): boolean {
  return link.kind === 'image' || (link.kind === 'html' && link.tag !== 'a');
}

/**
 * Every local destination must exist exactly as GitHub looks it up: in the git tree, with exact
 * case, without following symbolic links, inside the repository.
 */
export default defineProjectRule({
  id: 'links',
  description: 'Local link, image and HTML destinations exist in the repository, with exact case, as GitHub resolves them.',
  tags: ['links'],
  scope: 'project',
  defaultSeverity: 'error',
  recommended: true,
  fixable: true,
  options: z.strictObject({
    ignorePatterns: z
      .array(z.string())
      .default([])
      .describe('Regular expressions (JavaScript syntax); destinations (as written) that match one are not checked, e.g. "^generated/" for files a build creates.'),
  }),
  messages: {
    missing: 'Link target "{target}" does not exist.',
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
        const status = lookup.status(target.path);
        switch (status.kind) {
          case 'file':
          case 'directory':
            break;
          case 'symlink':
            report({ file, messageId: 'toSymlink', data: { target: target.path, what: isImage(link) ? 'image' : 'file' }, at });
            break;
          case 'throughSymlink':
            report({ file, messageId: 'throughSymlink', data: { target: target.path, symlink: status.symlink }, at });
            break;
          case 'wrongCase': {
            const [actual] = status.actual;
            const fix = status.actual.length === 1 ? fixCaseEdit(link, file, actual!) : undefined;
            report({ file, messageId: 'wrongCase', data: { target: target.path, actual: actual! }, at, ...(fix ? { fix } : {}) });
            break;
          }
          case 'missing': {
            const suggestion = lookup.suggest(target.path, file);
            let fix: TextEdit | undefined;
            let hint: string | undefined;
            if (suggestion) {
              hint = `did you mean "${destinationPathTo(file, suggestion.path, splitDestination(link.url).path)}"? (${REASONS[suggestion.reason]})`;
              if (suggestion.certain) fix = replacePathEdit(link, file, suggestion.path);
            }
            report({ file, messageId: 'missing', data: { target: target.path }, at, ...(hint ? { suggestion: hint } : {}), ...(fix ? { fix } : {}) });
            break;
          }
        }
      }
    }
  },
});
