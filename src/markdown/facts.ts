import type { Nodes } from 'mdast';
import type { NodeHandlers, ParsedFile } from '../core/rule.js';
import type { Directive } from '../core/facts.js';
import { parseDirectives } from '../suppressions/control-comments.js';
import type { DefinitionFact, FileFacts, HtmlAnchorFact, LinkFact, ReferenceFact } from '../core/facts.js';
import { decodeHtmlEntities, headingAnchorCollector } from './headings.js';
import { htmlAttributes } from './html.js';
import { offsetToPoint } from './parse.js';
import { combineHandlers, walkWithHandlers } from './walk.js';

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
 * Where a link's destination is written, from the offsets the parser recorded (see
 * destination-positions.ts): inside the brackets for `<…>`, and flagged when escapes or entities
 * make the written form differ from the decoded URL, so that fixes leave such links alone.
 */
function destinationFacts(text: string, node: Nodes, url: string): Partial<LinkFact> {
  const recorded = node.data?.destinationRange;
  if (!recorded) return {};
  let [start, end] = recorded;
  const facts: Partial<LinkFact> = {};
  if (text[start] === '<') {
    start += 1;
    end -= 1;
    facts.angleBracketed = true;
  }
  facts.destinationStart = start;
  facts.destinationEnd = end;
  if (text.slice(start, end) !== url) facts.destinationEscaped = true;
  return facts;
}

/**
 * The URLs of a `srcset` value, as the HTML standard splits it: candidates separated by commas,
 * each a URL (which may itself contain commas, but not end with one) followed by optional
 * descriptors such as `2x` or `480w`.
 */
export function srcsetUrls(value: string): { url: string; start: number }[] {
  const result: { url: string; start: number }[] = [];
  let position = 0;
  while (position < value.length) {
    while (position < value.length && /[\s,]/.test(value[position]!)) position++;
    if (position >= value.length) break;
    const start = position;
    while (position < value.length && !/\s/.test(value[position]!)) position++;
    let url = value.slice(start, position);
    const trailingCommas = /,+$/.exec(url);
    if (trailingCommas) url = url.slice(0, trailingCommas.index);
    else {
      // Skip the descriptors up to the comma that ends this candidate (commas in parentheses do not).
      let depth = 0;
      while (position < value.length && (depth > 0 || value[position] !== ',')) {
        if (value[position] === '(') depth++;
        else if (value[position] === ')') depth = Math.max(0, depth - 1);
        position++;
      }
    }
    if (url !== '') result.push({ url, start });
  }
  return result;
}

function collectHtml(file: ParsedFile, node: Nodes, links: LinkFact[], anchors: HtmlAnchorFact[]): void {
  const { start, end } = range(node);
  for (const attribute of htmlAttributes(file.text.slice(start, end))) {
    const valueStart = start + attribute.valueStart;
    if (attribute.name === 'id' || (attribute.name === 'name' && attribute.tag === 'a')) {
      anchors.push({
        anchor: decodeHtmlEntities(attribute.value),
        start: valueStart,
        end: valueStart + attribute.value.length,
      });
    }
    if (!HTML_LINK_ATTRIBUTES[attribute.tag]?.includes(attribute.name)) continue;
    const leading = attribute.value.length - attribute.value.trimStart().length;
    const written =
      attribute.name === 'srcset'
        ? srcsetUrls(attribute.value).map(({ url, start: at }) => ({ url, start: valueStart + at }))
        : [{ url: attribute.value.trim(), start: valueStart + leading }];
    for (const { url: raw, start: urlStart } of written) {
      if (raw === '') continue;
      const url = decodeHtmlEntities(raw);
      const fact: LinkFact = {
        kind: 'html',
        url,
        start: urlStart,
        end: urlStart + raw.length,
        destinationStart: urlStart,
        destinationEnd: urlStart + raw.length,
        tag: attribute.tag,
        attribute: attribute.name,
      };
      if (raw !== url) fact.destinationEscaped = true;
      links.push(fact);
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
  const collector = fileFactsCollector(file);
  walkWithHandlers(file.tree, collector.handlers);
  return collector.facts();
}

/**
 * collectFileFacts as handlers, so that phase 1 gathers the facts in the same walk that runs the
 * rules; `facts()` gives the result once the walk is over.
 */
export function fileFactsCollector(file: ParsedFile): { handlers: NodeHandlers; facts(): FileFacts } {
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

  const addLink = (node: Extract<Nodes, { type: 'link' | 'image' }>): void => {
    const { start, end } = range(node);
    const source = file.text.slice(start, end);
    const autolink = node.type === 'link' && !source.startsWith('[');
    const fact: LinkFact = { kind: node.type, url: node.url, start, end };
    if (autolink) fact.autolink = true;
    else Object.assign(fact, destinationFacts(file.text, node, node.url));
    links.push(fact);
  };
  const addReference = (node: Extract<Nodes, { type: 'linkReference' | 'imageReference' }>): void => {
    const { start, end } = range(node);
    references.push({
      identifier: node.identifier,
      label: node.label ?? node.identifier,
      referenceType: node.referenceType,
      image: node.type === 'imageReference',
      start,
      end,
    });
  };
  const ownHandlers: NodeHandlers = {
    link: addLink,
    image: addLink,
    definition(node) {
      const { start, end } = range(node);
      definitions.push({
        identifier: node.identifier,
        label: node.label ?? node.identifier,
        url: node.url,
        start,
        end,
      });
      links.push({ kind: 'definition', url: node.url, start, end, ...destinationFacts(file.text, node, node.url) });
    },
    linkReference: addReference,
    imageReference: addReference,
    html(node) {
      collectHtml(file, node, links, htmlAnchors);
      const { start, end } = range(node);
      directives.push(...parseDirectives(file.text.slice(start, end), start, pointOf, nextContentLine));
    },
  };
  const headingCollector = headingAnchorCollector();

  const facts = (): FileFacts => {
    const headings: FileFacts['headings'] = [];
    // HTML headings' anchors come after the `id`/`name` anchors, as they always have.
    const anchors = [...htmlAnchors];
    for (const heading of headingCollector.anchors) {
      if (heading.kind === 'markdown')
        headings.push({
          text: heading.text,
          depth: heading.heading.depth,
          anchor: heading.anchor,
          ...range(heading.heading),
        });
      else anchors.push({ anchor: heading.anchor, start: heading.start, end: heading.end });
    }
    return {
      path: file.path,
      lineStarts: [...file.lineStarts],
      lineCount: countLines(file.text, file.lineStarts),
      headings,
      htmlAnchors: anchors,
      links,
      definitions,
      references,
      directives,
      extracted: {},
    };
  };
  return { handlers: combineHandlers([ownHandlers, headingCollector.handlers]), facts };
}
