import type { Nodes } from 'mdast';
import type { ParsedFile } from '../rule.js';
import { parseDirectives, type Directive } from '../engine/directives.js';
import type { DefinitionFact, FileFacts, HtmlAnchorFact, LinkFact, ReferenceFact } from '../engine/project-index.js';
import { headingAnchors } from './headings.js';
import { htmlAttributes } from './html.js';
import { offsetToPoint } from './parse.js';
import { forEachNode } from './walk.js';

const HTML_LINK_ATTRIBUTES: Record<string, readonly string[]> = {
  a: ['href'],
  img: ['src', 'srcset'],
  source: ['src', 'srcset'],
  video: ['src', 'poster'],
  audio: ['src'],
};

function range(node: Nodes): { start: number; end: number } {
  return { start: node.position?.start.offset ?? 0, end: node.position?.end.offset ?? 0 };
}

/**
 * Where a link's destination is written in the source. Found by searching the node's source for
 * the destination text after its last `](` or `]:`; undefined when escapes or entities make the
 * written form differ from the decoded URL (a fix then cannot rewrite it safely).
 */
function destinationRange(text: string, node: Nodes, url: string): { destinationStart: number; destinationEnd: number } | undefined {
  const { start, end } = range(node);
  const source = text.slice(start, end);
  const opener = node.type === 'definition' ? source.indexOf(']:') : source.lastIndexOf('](');
  if (opener < 0 || url === '') return undefined;
  const at = source.indexOf(url, opener + 2);
  if (at < 0) return undefined;
  return { destinationStart: start + at, destinationEnd: start + at + url.length };
}

function srcsetUrls(value: string, valueStart: number): { url: string; start: number }[] {
  const result: { url: string; start: number }[] = [];
  for (const candidate of value.matchAll(/[^\s,][^\s]*/g)) {
    let url = candidate[0];
    if (/^\d+(\.\d+)?[wx],?$/.test(url)) continue;
    url = url.replace(/,$/, '');
    result.push({ url, start: valueStart + candidate.index });
  }
  return result;
}

function collectHtml(file: ParsedFile, node: Nodes, links: LinkFact[], anchors: HtmlAnchorFact[]): void {
  const { start, end } = range(node);
  for (const attribute of htmlAttributes(file.text.slice(start, end))) {
    const valueStart = start + attribute.valueStart;
    if (attribute.name === 'id' || (attribute.name === 'name' && attribute.tag === 'a')) {
      anchors.push({ anchor: attribute.value, start: valueStart, end: valueStart + attribute.value.length });
    }
    if (!HTML_LINK_ATTRIBUTES[attribute.tag]?.includes(attribute.name)) continue;
    const urls =
      attribute.name === 'srcset' ? srcsetUrls(attribute.value, valueStart) : [{ url: attribute.value.trim(), start: valueStart }];
    for (const { url, start: urlStart } of urls) {
      if (url === '') continue;
      links.push({
        kind: 'html',
        url,
        start: urlStart,
        end: urlStart + url.length,
        destinationStart: urlStart,
        destinationEnd: urlStart + url.length,
        tag: attribute.tag,
        attribute: attribute.name,
      });
    }
  }
}

/** Lines as GitHub numbers them: a final line break does not start another line. */
export function countLines(text: string, lineStarts: readonly number[]): number {
  if (text === '') return 0;
  return lineStarts[lineStarts.length - 1] === text.length ? lineStarts.length - 1 : lineStarts.length;
}

/** The facts every rule may rely on, gathered in one walk of the tree. */
export function collectFileFacts(file: ParsedFile): FileFacts {
  const links: LinkFact[] = [];
  const definitions: DefinitionFact[] = [];
  const references: ReferenceFact[] = [];
  const htmlAnchors: HtmlAnchorFact[] = [];
  const directives: Directive[] = [];
  const pointOf = (offset: number) => offsetToPoint(file.lineStarts, offset);
  const nextContentLine = (line: number): number => {
    for (let candidate = line + 1; candidate <= file.lineStarts.length; candidate++) {
      const lineStart = file.lineStarts[candidate - 1]!;
      const lineEnd = file.lineStarts[candidate] ?? file.text.length;
      if (file.text.slice(lineStart, lineEnd).trim() !== '') return candidate;
    }
    return line + 1;
  };

  forEachNode(file.tree, (node) => {
    switch (node.type) {
      case 'link':
      case 'image': {
        const { start, end } = range(node);
        const source = file.text.slice(start, end);
        const autolink = node.type === 'link' && !source.startsWith('[');
        const fact: LinkFact = { kind: node.type, url: node.url, start, end };
        if (autolink) fact.autolink = true;
        else Object.assign(fact, destinationRange(file.text, node, node.url));
        links.push(fact);
        break;
      }
      case 'definition': {
        const { start, end } = range(node);
        definitions.push({ identifier: node.identifier, label: node.label ?? node.identifier, url: node.url, start, end });
        links.push({ kind: 'definition', url: node.url, start, end, ...destinationRange(file.text, node, node.url) });
        break;
      }
      case 'linkReference':
      case 'imageReference': {
        const { start, end } = range(node);
        references.push({
          identifier: node.identifier,
          label: node.label ?? node.identifier,
          referenceType: node.referenceType,
          image: node.type === 'imageReference',
          start,
          end,
        });
        break;
      }
      case 'html': {
        collectHtml(file, node, links, htmlAnchors);
        const { start, end } = range(node);
        directives.push(...parseDirectives(file.text.slice(start, end), start, pointOf, nextContentLine));
        break;
      }
    }
  });

  return {
    path: file.path,
    lineStarts: [...file.lineStarts],
    lineCount: countLines(file.text, file.lineStarts),
    headings: headingAnchors(file.tree).map(({ heading, text, anchor }) => ({
      text,
      depth: heading.depth,
      anchor,
      ...range(heading),
    })),
    htmlAnchors,
    links,
    definitions,
    references,
    directives,
    extracted: {},
  };
}
