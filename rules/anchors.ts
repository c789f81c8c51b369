import { z } from 'zod';
import { regularExpressionSchema } from '../src/config/option-schemas.js';
import type { FileFacts, LinkFact } from '../src/core/facts.js';
import { linkLocation, replaceFragmentEdit, writtenPath } from '../src/links/destination-edit.js';
import { folderReadme, isExternal, parseLineAnchor } from '../src/links/resolve.js';
import { isSelfLinkTarget, numbersLines, rendersHeadings, resolveLocalLink } from '../src/links/self-urls.js';
import { defineProjectRule, type ReportDescriptor } from '../src/core/rule.js';
import { editDistance } from '../src/text/did-you-mean.js';

/** The prefix GitHub puts on every id in rendered Markdown; links may spell it out. */
const USER_CONTENT = 'user-content-';

/** Anchors compared without case, punctuation or spacing: what "the same words" means for a fix. */
function looseKey(anchor: string): string {
  return anchor.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');
}

function anchorsOf(facts: FileFacts): Set<string> {
  return new Set([
    ...facts.headings.map((heading) => heading.anchor),
    ...facts.htmlAnchors.map((anchor) => anchor.anchor),
  ]);
}

/**
 * The anchor a broken fragment most likely meant, and whether it is certain. Certain only when it
 * is the one anchor spelled with the same letters and digits (the fragment differs in letter case,
 * punctuation or spacing alone: GitHub's slugs drop punctuation, so both name the same heading).
 * Otherwise the only anchor within a few edits or whole words is a guess: `#install` is two edits
 * from `#uninstall`, and means the opposite.
 */
function closestAnchor(
  fragment: string,
  anchors: ReadonlySet<string>,
): { anchor: string; certain: boolean } | undefined {
  const key = looseKey(fragment);
  const sameWords = [...anchors].filter((anchor) => key !== '' && looseKey(anchor) === key);
  if (sameWords.length === 1) return { anchor: sameWords[0]!, certain: true };
  if (sameWords.length > 1) return undefined;
  // Words added or dropped at the end (`#escalation-policy` for "Escalation"), or a few edits.
  const lower = fragment.toLowerCase();
  const limit = Math.max(2, Math.floor(fragment.length / 4));
  const near = [...anchors]
    .map((anchor) => {
      const wordPrefix = lower.startsWith(`${anchor}-`) || anchor.startsWith(`${lower}-`);
      return { anchor, distance: wordPrefix ? 0 : editDistance(lower, anchor, limit) };
    })
    .filter(({ distance }) => distance <= limit);
  return near.length === 1 ? { anchor: near[0]!.anchor, certain: false } : undefined;
}

/** The did-you-mean toward the closest anchor, and its edit: a fix when certain, a suggestion otherwise. */
function anchorHelp(
  link: LinkFact,
  closest: { anchor: string; certain: boolean },
): Pick<ReportDescriptor, 'suggestion' | 'fix' | 'suggestions'> {
  const hint = `did you mean "#${closest.anchor}"?`;
  const edit = replaceFragmentEdit(link, closest.anchor);
  if (!edit) return { suggestion: hint };
  return closest.certain
    ? { suggestion: hint, fix: edit }
    : { suggestion: hint, suggestions: [{ desc: `Point the link at "#${closest.anchor}"`, fix: edit }] };
}

/** How a message names the page a fragment points into: the link's path as written, or this file. */
function pageName(link: LinkFact, targetFile: string, file: string, folder: boolean): string {
  if (targetFile === file) return 'this file';
  const written = writtenPath(link);
  return folder ? `the README of "${written}"` : `"${written}"`;
}

/**
 * Links whose fragment GitHub resolves in a rendered page: Markdown links, definitions, `<a href>`,
 * and bare URLs into the repository's own pages (an autolink to a relative path is no link).
 */
function hasCheckableFragment(link: LinkFact): boolean {
  if (!link.url.includes('#')) return false;
  if (link.autolink) return isExternal(link.url);
  return (
    link.kind === 'link' ||
    link.kind === 'definition' ||
    (link.kind === 'html' && link.tag === 'a' && link.attribute === 'href')
  );
}

/**
 * Every `#fragment` must name a heading or HTML anchor of the Markdown file it points into, as
 * GitHub generates them, or a line that exists.
 */
export default defineProjectRule({
  id: 'anchors',
  description:
    'Link fragments (#section) name a heading or HTML anchor of the target Markdown file, with GitHub’s slugs, or a line it has.',
  tags: ['links'],
  scope: 'project',
  dependsOn: ['paths', 'linkTargets'],
  defaultSeverity: 'error',
  recommended: true,
  fixable: true,
  options: z.strictObject({
    strictCase: z
      .boolean()
      .default(false)
      .describe(
        'Report fragments that differ from the anchor only in letter case (GitHub forgives them; other renderers do not).',
      ),
    ignorePatterns: z
      .array(regularExpressionSchema)
      .default([])
      .describe(
        'Regular expressions (JavaScript syntax); fragments (without the #) that match one are not checked, e.g. anchors a script adds at run time.',
      ),
  }),
  messages: {
    missing: 'No heading or anchor "#{fragment}" in {where}.',
    caseMismatch: 'Fragment "#{fragment}" differs in case from the anchor "#{anchor}".',
    lineOutOfRange: 'Line anchor "#{fragment}" points past the end of {where} ({lines} lines).',
    noReadme: 'Folder "{folder}" has no README, so it has no anchor "#{fragment}".',
  },
  check({ index, options, report }) {
    const ignored = options.ignorePatterns.map((pattern) => new RegExp(pattern, 'u'));
    const anchorCache = new Map<string, Set<string>>();
    const anchorsIn = (facts: FileFacts): Set<string> => {
      let anchors = anchorCache.get(facts.path);
      if (!anchors) {
        anchors = anchorsOf(facts);
        anchorCache.set(facts.path, anchors);
      }
      return anchors;
    };
    for (const file of index.targets) {
      const facts = index.files.get(file);
      if (!facts) continue;
      for (const link of facts.links) {
        if (!hasCheckableFragment(link)) continue;
        const target = resolveLocalLink(file, link.url, index.repository);
        if (!target || target.escapesRoot || target.fragment === undefined) continue;
        const fragment = target.fragment;
        // The repository's own URLs: headings only where the page renders the file, lines where it numbers them.
        const view = isSelfLinkTarget(target) ? target.selfUrl.view : undefined;
        if (fragment === '' || fragment.toLowerCase() === 'top' || ignored.some((pattern) => pattern.test(fragment)))
          continue;
        let targetFile = target.path;
        const at = linkLocation(link);
        if (index.paths.directories.has(target.path)) {
          const readme = folderReadme(index.paths, target.path);
          if (readme === undefined) {
            report({ file, messageId: 'noReadme', data: { folder: writtenPath(link), fragment }, at });
            continue;
          }
          // A folder's page gives the README it shows the id "readme" (GitHub's "#readme" links).
          if (fragment.toLowerCase() === 'readme') continue;
          targetFile = readme;
        }
        // Missing or wrongly cased files are the links rule's; fragments into other files are not checkable.
        const targetFacts = index.paths.files.has(targetFile) ? index.files.get(targetFile) : undefined;
        if (!targetFacts) continue;
        const where = pageName(link, targetFile, file, targetFile !== target.path);

        const lineAnchor = parseLineAnchor(fragment);
        if (view !== undefined && !(lineAnchor ? numbersLines(view) : rendersHeadings(view))) continue;
        if (lineAnchor) {
          const last = Math.max(lineAnchor.startLine, lineAnchor.endLine);
          if (lineAnchor.startLine < 1 || last > targetFacts.lineCount)
            report({ file, messageId: 'lineOutOfRange', data: { fragment, where, lines: targetFacts.lineCount }, at });
          continue;
        }

        const anchors = anchorsIn(targetFacts);
        const wanted = fragment.startsWith(USER_CONTENT) ? fragment.slice(USER_CONTENT.length) : fragment;
        if (anchors.has(wanted)) continue;
        // GitHub's page script retries a fragment it cannot find in lower case.
        if (anchors.has(wanted.toLowerCase())) {
          if (options.strictCase) {
            const fix = replaceFragmentEdit(link, wanted.toLowerCase());
            report({
              file,
              messageId: 'caseMismatch',
              data: { fragment, anchor: wanted.toLowerCase() },
              at,
              ...(fix ? { fix } : {}),
            });
          }
          continue;
        }
        const closest = closestAnchor(wanted, anchors);
        report({
          file,
          messageId: 'missing',
          data: { fragment, where },
          at,
          ...(closest ? anchorHelp(link, closest) : {}),
        });
      }
    }
  },
});
