/**
 * Rewriting part of a link's destination in place, so that a fix keeps the link text, the title,
 * the style (inline, reference definition, HTML attribute) and every other character as written;
 * and the same rewritten path as text, so that messages show a link as it should be written.
 */
import type { LinkFact } from '../core/facts.js';
import type { TextEdit } from '../core/rule.js';
import { destinationPathTo, encodeDestinationPath, splitDestination } from './resolve.js';

/** Where a diagnostic about a link points: its destination when known, else the whole construct. */
export function linkLocation(link: LinkFact): { start: number; end: number } {
  if (link.destinationStart !== undefined && link.destinationEnd !== undefined)
    return { start: link.destinationStart, end: link.destinationEnd };
  return { start: link.start, end: link.end };
}

/** The path part of the destination as the author wrote it (`../guide.md` of `../guide.md#setup`). */
export function writtenPath(link: LinkFact): string {
  return splitDestination(link.url).path;
}

/** Whether the destination is written exactly as its URL, so that offsets into the URL are offsets into the text. */
function editable(link: LinkFact): link is LinkFact & { destinationStart: number; destinationEnd: number } {
  return link.destinationStart !== undefined && link.destinationEnd !== undefined && !link.destinationEscaped;
}

function pathEdit(link: LinkFact, text: string): TextEdit | undefined {
  if (!editable(link)) return undefined;
  return { start: link.destinationStart, end: link.destinationStart + writtenPath(link).length, text };
}

/** The path, written as in the link (relative, `./`, root-relative, trailing `/`), that reaches `target` from `fromFile`. */
export function pathTo(link: LinkFact, fromFile: string, target: string): string {
  return encodeDestinationPath(destinationPathTo(fromFile, target, writtenPath(link)), link.angleBracketed);
}

/** Replaces the path part of the destination with a path that reaches `target` from `fromFile`. */
export function replacePathEdit(link: LinkFact, fromFile: string, target: string): TextEdit | undefined {
  return pathEdit(link, pathTo(link, fromFile, target));
}

/**
 * The written path with only the letter case corrected, component by component from the end, so
 * that `./`, `../`, a trailing `/` and encoding stay as they were. Falls back to a rewritten path
 * when the written one is not a plain walk (`a/../b`).
 */
export function caseCorrectedPath(link: LinkFact, fromFile: string, actual: string): string {
  const written = writtenPath(link).split('/');
  const actualSegments = actual.split('/');
  const named = written
    .map((segment, index) => ({ segment, index }))
    .filter(({ segment }) => segment !== '' && segment !== '.' && segment !== '..');
  const plainWalk = named.every(({ index }) => written.slice(index + 1).every((segment) => segment !== '..'));
  if (!plainWalk || named.length > actualSegments.length) return pathTo(link, fromFile, actual);
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
  return corrected.join('/');
}

/** Corrects only the letter case of the written path (see caseCorrectedPath). */
export function fixCaseEdit(link: LinkFact, fromFile: string, actual: string): TextEdit | undefined {
  return pathEdit(link, caseCorrectedPath(link, fromFile, actual));
}

/** Replaces the fragment (after `#`) with another anchor. */
export function replaceFragmentEdit(link: LinkFact, anchor: string): TextEdit | undefined {
  if (!editable(link)) return undefined;
  const hashAt = link.url.indexOf('#');
  if (hashAt < 0) return undefined;
  return { start: link.destinationStart + hashAt + 1, end: link.destinationEnd, text: anchor };
}
