/**
 * Rewriting part of a link's destination in place, so that a fix keeps the link text, the title,
 * the style (inline, reference definition, HTML attribute) and every other character as written.
 */
import type { LinkFact } from '../core/facts.js';
import type { TextEdit } from '../core/rule.js';
import { destinationPathTo, encodeDestinationPath, splitDestination } from './resolve.js';

/** Where a diagnostic about a link points: its destination when known, else the whole construct. */
export function linkLocation(link: LinkFact): { start: number; end: number } {
  if (link.destinationStart !== undefined && link.destinationEnd !== undefined) return { start: link.destinationStart, end: link.destinationEnd };
  return { start: link.start, end: link.end };
}

/** Whether the destination is written exactly as its URL, so that offsets into the URL are offsets into the text. */
function editable(link: LinkFact): link is LinkFact & { destinationStart: number; destinationEnd: number } {
  return link.destinationStart !== undefined && link.destinationEnd !== undefined && !link.destinationEscaped;
}

/** Replaces the path part of the destination with a path that reaches `target` from `fromFile`. */
export function replacePathEdit(link: LinkFact, fromFile: string, target: string): TextEdit | undefined {
  if (!editable(link)) return undefined;
  const parts = splitDestination(link.url);
  const newPath = encodeDestinationPath(destinationPathTo(fromFile, target, parts.path), link.angleBracketed);
  return { start: link.destinationStart, end: link.destinationStart + parts.path.length, text: newPath };
}

/**
 * Corrects only the letter case of the written path, component by component from the end, so
 * that `./`, `../` and encoding stay as they were. Falls back to a rewritten path when the
 * written one is not a plain walk (`a/../b`).
 */
export function fixCaseEdit(link: LinkFact, fromFile: string, actual: string): TextEdit | undefined {
  if (!editable(link)) return undefined;
  const parts = splitDestination(link.url);
  const written = parts.path.split('/');
  const actualSegments = actual.split('/');
  const named = written.map((segment, index) => ({ segment, index })).filter(({ segment }) => segment !== '' && segment !== '.' && segment !== '..');
  const plainWalk = named.every(({ index }) => written.slice(index + 1).every((segment) => segment !== '..'));
  if (!plainWalk || named.length > actualSegments.length) return replacePathEdit(link, fromFile, actual);
  const corrected = [...written];
  named.forEach(({ index }, position) => {
    const replacement = actualSegments[actualSegments.length - named.length + position]!;
    let decoded: string;
    try {
      decoded = decodeURIComponent(written[index]!);
    } catch {
      decoded = written[index]!;
    }
    if (decoded !== replacement) corrected[index] = encodeDestinationPath(replacement, link.angleBracketed);
  });
  return { start: link.destinationStart, end: link.destinationStart + parts.path.length, text: corrected.join('/') };
}

/** Replaces the fragment (after `#`) with another anchor. */
export function replaceFragmentEdit(link: LinkFact, anchor: string): TextEdit | undefined {
  if (!editable(link)) return undefined;
  const hashAt = link.url.indexOf('#');
  if (hashAt < 0) return undefined;
  return { start: link.destinationStart + hashAt + 1, end: link.destinationEnd, text: anchor };
}
