import { slug } from 'github-slugger';
import { z } from 'zod';
import type { FileFacts, HeadingFact, ProjectIndex } from '../src/core/facts.js';
import { isWithin, linkNames, nameKey } from '../src/links/link-names.js';
import { resolveLocalLink } from '../src/links/self-urls.js';
import { mayMentionAnyKey } from '../src/terms/raw-text-superset.js';
import { offsetToPoint } from '../src/markdown/parse.js';
import { defineProjectRule } from '../src/core/rule.js';

interface LinkToAnchor {
  from: string;
  line: number;
}

/** The Markdown file a link lands on: a folder link lands on its README. */
function landingFile(index: ProjectIndex, path: string): string {
  if (index.paths.directories.has(path)) return path === '' ? 'README.md' : `${path}/README.md`;
  return path;
}

/** Links anywhere in the index, by "file#fragment" with the fragment lower-cased. */
function linksByAnchor(index: ProjectIndex): Map<string, LinkToAnchor[]> {
  const result = new Map<string, LinkToAnchor[]>();
  for (const facts of index.files.values()) {
    for (const link of facts.links) {
      const target = resolveLocalLink(facts.path, link.url, index.repository);
      if (!target || target.escapesRoot || target.fragment === undefined || target.fragment === '') continue;
      const key = `${landingFile(index, target.path)}#${target.fragment.toLowerCase()}`;
      const list = result.get(key) ?? [];
      list.push({ from: facts.path, line: offsetToPoint(facts.lineStarts, link.start).line });
      result.set(key, list);
    }
  }
  return result;
}

/** Headings of one file grouped by the anchor each would get on its own (before GitHub numbers duplicates). */
function sameAnchorGroups(facts: FileFacts): Map<string, HeadingFact[]> {
  const groups = new Map<string, HeadingFact[]>();
  for (const heading of facts.headings) {
    const anchor = slug(heading.text);
    // Appended in place: copying the group for each heading made 100,000 same-named headings quadratic.
    const group = groups.get(anchor);
    if (group) group.push(heading);
    else groups.set(anchor, [heading]);
  }
  return groups;
}

/**
 * Two headings with the same text get `#setup` and `#setup-1`; a link to `#setup` always lands
 * on the first. That is only a problem when something links to the plain anchor, so only then is
 * it reported, at each later heading, naming the link.
 */
export default defineProjectRule({
  id: 'duplicate-heading-anchor',
  description:
    'Headings that share an anchor in one file are reported when a link targets that anchor (it always lands on the first).',
  tags: ['rendering', 'links'],
  scope: 'project',
  dependsOn: ['incomingLinks'],
  // The links to a file's anchors can be in any file: a run on named files reads them all, and
  // parses those that can name a named file whose headings share an anchor (none usually do).
  readsAllFiles: () => true,
  // A file matters only if it can hold a link to one of those anchors: the anchor is written in it.
  demandedBy: ({ files }) => {
    const keys: string[] = [];
    const folders: string[] = [];
    const anchors: string[] = [];
    for (const facts of files) {
      const shared = [...sameAnchorGroups(facts)]
        .filter(([, headings]) => headings.length > 1)
        .map(([anchor]) => nameKey(anchor));
      if (shared.length === 0) continue;
      anchors.push(...shared);
      // A README is reached from inside its folder by links that name nothing ("../#setup").
      const names = linkNames(facts.path);
      keys.push(...names.keys);
      if (names.within !== undefined) folders.push(names.within);
    }
    if (anchors.length === 0) return undefined;
    return {
      key: [
        ...keys.sort(),
        ...folders.sort().map((folder) => `${folder}/`),
        ...anchors.sort().map((anchor) => `#${anchor}`),
      ].join('\n'),
      text: (rawText, path) =>
        (folders.some((folder) => isWithin(path, folder)) || mayMentionAnyKey(rawText, keys)) &&
        mayMentionAnyKey(rawText, anchors),
    };
  },
  defaultSeverity: 'warn',
  recommended: true,
  fixable: false,
  options: z.strictObject({}),
  messages: {
    ambiguous:
      'Heading "{text}" has the same anchor "#{anchor}" as line {firstLine}; {links} to "#{anchor}" ({example}) {land} on line {firstLine}, never here (this one is "#{own}"). Rename one of the headings.',
  },
  check({ index, report }) {
    const links = linksByAnchor(index);
    for (const path of index.targets) {
      const facts = index.files.get(path);
      if (!facts) continue;
      for (const [anchor, headings] of sameAnchorGroups(facts)) {
        if (headings.length < 2) continue;
        const linked = links.get(`${path}#${anchor}`);
        if (!linked) continue;
        const first = headings[0]!;
        const firstLine = offsetToPoint(facts.lineStarts, first.start).line;
        const example = linked[0]!.from === path ? `line ${linked[0]!.line}` : `${linked[0]!.from}:${linked[0]!.line}`;
        for (const heading of headings.slice(1)) {
          report({
            file: path,
            messageId: 'ambiguous',
            data: {
              text: heading.text.trim(),
              anchor,
              firstLine,
              links: linked.length === 1 ? 'the link' : `the ${linked.length} links`,
              land: linked.length === 1 ? 'lands' : 'land',
              example,
              own: heading.anchor,
            },
            at: { start: heading.start, end: heading.end },
          });
        }
      }
    }
  },
});
