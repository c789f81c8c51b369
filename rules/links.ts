import { z } from 'zod';
import { regularExpressionSchema } from '../src/config/option-schemas.js';
import type { LinkFact } from '../src/core/facts.js';
import {
  caseCorrectedPath,
  fixCaseEdit,
  linkLocation,
  pathTo,
  replacePathEdit,
  writtenPath,
} from '../src/links/destination-edit.js';
import { PathLookup, type TargetSuggestion } from '../src/links/path-lookup.js';
import { destinationPathTo, encodeDestinationPath, isExternal, resolveLinkTarget } from '../src/links/resolve.js';
import { parseSelfUrl, type SelfUrl } from '../src/links/self-urls.js';
import type { ProjectIndex, RepositoryPaths } from '../src/core/facts.js';
import {
  defineProjectRule,
  type ProjectReportDescriptor,
  type ReportDescriptor,
  type TextEdit,
} from '../src/core/rule.js';

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
function missingTargetHelp(
  link: LinkFact,
  file: string,
  target: string,
  lookup: PathLookup,
): Pick<ReportDescriptor, 'suggestion' | 'fix' | 'suggestions'> {
  const suggestion = lookup.suggest(target, file, writtenPath(link));
  if (!suggestion) return {};
  const written = pathTo(link, file, suggestion.path);
  const hint = `did you mean "${written}"? (${reason(suggestion, suggestion.path.split('/').pop()!)})`;
  const edit = replacePathEdit(link, file, suggestion.path);
  if (!edit) return { suggestion: hint };
  return suggestion.certain
    ? { suggestion: hint, fix: edit }
    : { suggestion: hint, suggestions: [{ desc: `Point the link at "${written}"`, fix: edit }] };
}

/** Rewrites the path part of one of the repository's own URLs to name `target` (root-relative), keeping the rest. */
function selfUrlPathEdit(
  link: LinkFact,
  selfUrl: SelfUrl,
  index: ProjectIndex,
  target: string,
): { edit?: TextEdit; written: string } | undefined {
  const urls = index.repository!.urls;
  const topLevel = `${urls.rootPrefix}${target}`.replace(/\/$/, '');
  let named = topLevel;
  const folder = selfUrl.base.folder;
  if (folder !== undefined && folder !== '') {
    if (topLevel !== folder && !topLevel.startsWith(`${folder}/`)) return undefined;
    named = topLevel.slice(folder.length + 1);
  }
  const text = `${named
    .split('/')
    .map((segment) => encodeDestinationPath(segment, link.angleBracketed))
    .join('/')}${selfUrl.trailingSlash ? '/' : ''}`;
  const written = `${link.url.slice(0, selfUrl.pathStart)}${text}${link.url.slice(selfUrl.pathEnd, link.url.indexOf('#') < 0 ? undefined : link.url.indexOf('#'))}`;
  const editable = link.destinationStart !== undefined && !link.destinationEscaped && !link.autolink;
  return {
    written,
    ...(editable
      ? {
          edit: {
            start: link.destinationStart! + selfUrl.pathStart,
            end: link.destinationStart! + selfUrl.pathEnd,
            text,
          },
        }
      : {}),
  };
}

/** The did-you-mean of one of the repository's own URLs that names a missing path, rewritten in the URL. */
function missingSelfTargetHelp(
  link: LinkFact,
  file: string,
  selfUrl: SelfUrl,
  index: ProjectIndex,
  lookup: PathLookup,
): Pick<ReportDescriptor, 'suggestion' | 'fix' | 'suggestions'> {
  const suggestion = lookup.suggest(selfUrl.path, file, `/${selfUrl.path}${selfUrl.trailingSlash ? '/' : ''}`);
  if (!suggestion) return {};
  const rewritten = selfUrlPathEdit(link, selfUrl, index, suggestion.path);
  if (!rewritten) return {};
  const hint = `did you mean "${rewritten.written}"? (${reason(suggestion, suggestion.path.split('/').pop()!)})`;
  if (!rewritten.edit) return { suggestion: hint };
  return suggestion.certain
    ? { suggestion: hint, fix: rewritten.edit }
    : { suggestion: hint, suggestions: [{ desc: `Point the link at "${rewritten.written}"`, fix: rewritten.edit }] };
}

/** The relative destination that shows what a default-branch URL shows on GitHub; undefined when none does (raw bytes of a page, the editor, blame). */
function relativeReplacement(link: LinkFact, file: string, selfUrl: SelfUrl, isDirectory: boolean): string | undefined {
  const rendered =
    selfUrl.view === 'blob' || selfUrl.view === 'tree' || selfUrl.view === 'root' || selfUrl.view === 'src';
  if (selfUrl.base.kind === 'site' || !(rendered || (selfUrl.view === 'raw' && isImage(link)))) return undefined;
  const hashAt = link.url.indexOf('#');
  const fragment = hashAt < 0 ? '' : link.url.slice(hashAt);
  if (selfUrl.path === file && fragment !== '') return fragment;
  const relative = destinationPathTo(file, selfUrl.path, isDirectory ? 'folder/' : 'file');
  return `${encodeDestinationPath(relative, link.angleBracketed)}${fragment}`;
}

/** The paths a self-link's ref holds: the working tree's for the default branch, git's for a ref it has; undefined when it cannot be told. */
function pathsOfRef(selfUrl: SelfUrl, index: ProjectIndex): RepositoryPaths | undefined {
  if (selfUrl.ref.kind === 'default') return index.paths;
  return selfUrl.ref.kind === 'ref' ? index.repository?.refPaths.get(selfUrl.ref.name) : undefined;
}

/**
 * One of the repository's own URLs, checked as the local link it is: on the default branch
 * against the repository's paths (with did-you-mean and fixes rewritten in the URL), on another
 * ref git has against git's tree of it. Other refs are the external check's.
 */
function checkSelfLink(
  link: LinkFact,
  file: string,
  index: ProjectIndex,
  relativeSelfLinks: boolean,
  lookups: (paths: RepositoryPaths) => PathLookup,
  report: (descriptor: ProjectReportDescriptor) => void,
): void {
  const selfUrl = parseSelfUrl(link.url, index.repository!.urls);
  if (!selfUrl) return;
  const paths = pathsOfRef(selfUrl, index);
  if (!paths) return;
  const lookup = lookups(paths);
  const at = linkLocation(link);
  const url = writtenPath(link);
  const status = lookup.status(selfUrl.path);
  switch (status.kind) {
    case 'file':
    case 'directory': {
      if (!relativeSelfLinks || selfUrl.ref.kind !== 'default' || link.autolink) break;
      const relative = relativeReplacement(link, file, selfUrl, status.kind === 'directory');
      if (relative === undefined) break;
      const editable =
        link.destinationStart !== undefined && link.destinationEnd !== undefined && !link.destinationEscaped;
      report({
        file,
        messageId: 'selfCouldBeRelative',
        data: { url, relative },
        at,
        ...(editable ? { fix: { start: link.destinationStart!, end: link.destinationEnd!, text: relative } } : {}),
      });
      break;
    }
    case 'symlink':
      report({ file, messageId: 'toSymlink', data: { target: url, what: isImage(link) ? 'image' : 'file' }, at });
      break;
    case 'throughSymlink':
      report({ file, messageId: 'throughSymlink', data: { target: url, symlink: status.symlink }, at });
      break;
    case 'wrongCase': {
      const rewritten = selfUrlPathEdit(link, selfUrl, index, status.actual[0]!);
      const fix = status.actual.length === 1 ? rewritten?.edit : undefined;
      report({
        file,
        messageId: 'selfWrongCase',
        data: { url, target: selfUrl.path, actual: status.actual[0]! },
        at,
        ...(fix ? { fix } : {}),
      });
      break;
    }
    case 'missing':
      if (selfUrl.ref.kind === 'default')
        report({
          file,
          messageId: 'selfMissing',
          data: { url, target: selfUrl.path },
          at,
          ...missingSelfTargetHelp(link, file, selfUrl, index, lookup),
        });
      else
        report({ file, messageId: 'selfMissingAtRef', data: { url, target: selfUrl.path, ref: selfUrl.ref.name }, at });
      break;
  }
}

/**
 * Every local destination must exist exactly as GitHub looks it up: in the git tree, with exact
 * case, without following symbolic links, inside the repository. Messages show the destination
 * as written in the file, and any correction as it should be written there.
 */
export default defineProjectRule({
  id: 'links',
  description:
    'Local link, image and HTML destinations exist in the repository, with exact case, as GitHub resolves them.',
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
      .describe(
        'Regular expressions (JavaScript syntax); destinations (as written) that match one are not checked, e.g. "^generated/" for files a build creates.',
      ),
    relativeSelfLinks: z
      .boolean()
      .default(false)
      .describe(
        "Report links written as the repository's own URL on its default branch that a relative link can replace, with a fix that rewrites them (for files read only on GitHub).",
      ),
  }),
  messages: {
    missing: 'Link target "{target}" does not exist.',
    notStaged:
      'Link target "{target}" exists in the working tree but is not staged: the commit would link to nothing. Stage it with `git add`.',
    wrongCase: 'Link target "{target}" exists only as "{actual}": paths are case-sensitive on GitHub and Linux.',
    escapesRoot: 'Link "{url}" leads outside the repository root.',
    throughSymlink:
      'Link target "{target}" goes through the symbolic link "{symlink}", which GitHub does not follow (the page is a 404).',
    toSymlink: 'Link target "{target}" is a symbolic link: GitHub shows a stub with the link path, not the {what}.',
    selfMissing: 'Link "{url}" is this repository\'s own URL, and "{target}" does not exist in it.',
    selfMissingAtRef: 'Link "{url}" is this repository\'s own URL, and "{target}" does not exist at "{ref}".',
    selfWrongCase:
      'Link "{url}" is this repository\'s own URL, and "{target}" exists only as "{actual}": paths are case-sensitive on GitHub.',
    selfCouldBeRelative:
      'Link "{url}" is this repository\'s own URL on its default branch; the relative link "{relative}" shows the same page and follows the file in forks and branches.',
  },
  check({ index, options, report }) {
    const ignored = options.ignorePatterns.map((pattern) => new RegExp(pattern, 'u'));
    const lookup = new PathLookup(index.paths, index.renames);
    // Git's renames apply to the files being linted only; another ref's tree is looked up as it is.
    const lookups = new Map<RepositoryPaths, PathLookup>([[index.paths, lookup]]);
    const lookupIn = (paths: RepositoryPaths): PathLookup => {
      let found = lookups.get(paths);
      if (!found) {
        found = new PathLookup(paths, new Map());
        lookups.set(paths, found);
      }
      return found;
    };
    for (const file of index.targets) {
      const facts = index.files.get(file);
      if (!facts) continue;
      for (const link of facts.links) {
        if (link.url === '' || ignored.some((pattern) => pattern.test(link.url))) continue;
        if (index.repository && isExternal(link.url)) {
          checkSelfLink(link, file, index, options.relativeSelfLinks, lookupIn, report);
          continue;
        }
        if (link.autolink) continue;
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
            report({
              file,
              messageId: 'toSymlink',
              data: { target: written, what: isImage(link) ? 'image' : 'file' },
              at,
            });
            break;
          case 'throughSymlink':
            report({
              file,
              messageId: 'throughSymlink',
              data: { target: written, symlink: destinationPathTo(file, status.symlink, written.replace(/\/+$/, '')) },
              at,
            });
            break;
          case 'wrongCase': {
            const [actual] = status.actual;
            // A case-only correction is certain when exactly one path differs only in case.
            const fix = status.actual.length === 1 ? fixCaseEdit(link, file, actual!) : undefined;
            report({
              file,
              messageId: 'wrongCase',
              data: { target: written, actual: caseCorrectedPath(link, file, actual!) },
              at,
              ...(fix ? { fix } : {}),
            });
            break;
          }
          case 'missing':
            if (index.paths.unstaged?.has(target.path.replace(/\/+$/, ''))) {
              report({ file, messageId: 'notStaged', data: { target: written }, at });
              break;
            }
            report({
              file,
              messageId: 'missing',
              data: { target: written },
              at,
              ...missingTargetHelp(link, file, target.path, lookup),
            });
            break;
        }
      }
    }
  },
});
