import { fencedBlock, unclosedScope } from '../src/markdown/fences.js';
import { RENDERING_BREAKAGE } from '../src/core/rendering-breakage.js';
import { defineFileRule } from '../src/core/rule.js';

/**
 * A fence that is never closed turns the rest of the document (or of its list item or quote)
 * into one code block: headings, links and prose all render as code.
 */
export default defineFileRule({
  id: 'unclosed-code-fence',
  description: 'Every code fence is closed; an unclosed one renders the rest of the file as code.',
  ...RENDERING_BREAKAGE,
  messages: {
    unclosed: 'Code fence {fence} is never closed: everything after it, to the end of {scope}, renders as code.',
  },
  create({ file, report }) {
    return {
      code(node, ancestors) {
        const block = fencedBlock(file.text, node);
        if (!block || block.closed) return;
        const start = node.position!.start.offset!;
        const fence = block.lines[0]!.trimEnd();
        const scope = unclosedScope(ancestors.at(-1)?.type);
        report({
          messageId: 'unclosed',
          data: { fence: `"${fence}"`, scope },
          at: { start, end: start + fence.length },
        });
      },
    };
  },
});
