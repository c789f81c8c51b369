/**
 * Code fences as CommonMark defines them: an opening fence is three or more backticks or tildes
 * with an optional info string (which, for backticks, cannot contain a backtick); a closing fence
 * uses the same character, is at least as long, and carries nothing but spaces.
 */
import type { Code } from 'mdast';

export interface Fence {
  character: '`' | '~';
  length: number;
  /** The info string, trimmed ('' when there is none). */
  info: string;
}

/** The fence at the start of a line (up to three spaces of indentation), if the line is one. */
export function fenceOf(line: string): Fence | undefined {
  const match = /^ {0,3}(`{3,}|~{3,})(.*)$/.exec(line);
  if (!match) return undefined;
  const run = match[1]!;
  const info = match[2]!.trim();
  if (run[0] === '`' && info.includes('`')) return undefined;
  return { character: run[0] as Fence['character'], length: run.length, info };
}

export function closes(line: string, opening: Fence): boolean {
  const fence = fenceOf(line);
  return (
    fence !== undefined && fence.character === opening.character && fence.length >= opening.length && fence.info === ''
  );
}

export interface FencedBlock {
  node: Code;
  opening: Fence;
  /** The node's source lines (the first starts at the fence; later ones include container prefixes). */
  lines: string[];
  /** Whether the last line is a closing fence. */
  closed: boolean;
}

/** A fenced code block's fences, or undefined for an indented code block. */
export function fencedBlock(text: string, node: Code): FencedBlock | undefined {
  const start = node.position?.start.offset;
  const end = node.position?.end.offset;
  if (start === undefined || end === undefined) return undefined;
  const lines = text.slice(start, end).split(/\r\n|\r|\n/);
  const opening = fenceOf(lines[0]!);
  if (!opening) return undefined;
  const last = lines[lines.length - 1]!;
  // Later lines carry their container's prefix (`> ` in a quote, indentation in a list item).
  const closed = lines.length > 1 && closes(last.replace(/^[\s>]*/, ''), opening);
  return { node, opening, lines, closed };
}

const CONTAINER_NAMES: Record<string, string> = {
  blockquote: 'the blockquote',
  listItem: 'the list item',
  footnoteDefinition: 'the footnote',
};

/** Where an unclosed block ends, by the type of its parent: the end of its container or of the file. */
export function unclosedScope(parentType: string | undefined): string {
  return CONTAINER_NAMES[parentType ?? ''] ?? 'the file';
}
