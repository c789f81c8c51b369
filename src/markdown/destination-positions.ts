/**
 * mdast keeps a link's decoded `url` but not where its destination is written, which fixes need
 * (to rewrite `old.md` inside `[text](old.md "title")` and nothing else). micromark knows: this
 * from-markdown extension records the offsets of each `resourceDestination` / `definitionDestination`
 * token on the link, image or definition node being built, at no extra parsing cost.
 */
import type { Extension } from 'mdast-util-from-markdown';
import type { Processor } from 'unified';

declare module 'mdast' {
  interface Data {
    /** Offsets of the destination as written, `<…>` included when bracketed. */
    destinationRange?: [number, number];
  }
}

interface Token {
  type: string;
  start: { offset: number };
  end: { offset: number };
}

interface CompileContext {
  stack: { type: string; data?: Record<string, unknown> | undefined }[];
}

function recordDestination(this: CompileContext, token: Token): void {
  if (token.type !== 'resourceDestination' && token.type !== 'definitionDestination') return;
  const node = this.stack[this.stack.length - 1];
  if (!node || (node.type !== 'link' && node.type !== 'image' && node.type !== 'definition')) return;
  node.data = { ...node.data, destinationRange: [token.start.offset, token.end.offset] };
}

/** The from-markdown extension (parseMarkdown passes it to mdast-util-from-markdown directly). */
export const destinationPositionsFromMarkdown = { afterExit: recordDestination } as Extension;

/** unified plugin: adds the extension to remark-parse's from-markdown step. */
export function remarkDestinationPositions(this: Processor): void {
  const data = this.data() as { fromMarkdownExtensions?: unknown[] };
  data.fromMarkdownExtensions ??= [];
  data.fromMarkdownExtensions.push(destinationPositionsFromMarkdown);
}
