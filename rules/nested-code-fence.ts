import { fenceOf, fencedBlock, unclosedScope } from '../src/markdown/fences.js';
import { RENDERING_BREAKAGE } from '../src/core/rendering-breakage.js';
import { defineFileRule } from '../src/core/rule.js';

/**
 * Inside a block opened with ```` ```markdown ````, a line such as ```` ```go ```` cannot open a
 * nested block and cannot close the outer one (a closing fence carries no info string): it is
 * content. The next bare ```` ``` ```` then closes the outer block, and every later fence pairs
 * wrongly: code samples become prose and headings, and prose becomes code. Reported at the inner
 * fence, with the line where the block really closes.
 */
export default defineFileRule({
  id: 'nested-code-fence',
  description:
    'A fence with an info string inside an open code block of the same fence does not nest; the outer fence must be longer.',
  ...RENDERING_BREAKAGE,
  messages: {
    nested:
      'Fence "{inner}" is inside the code block opened at line {openLine}, so it is content, not a nested block; the block really closes at {closes}. Open the outer block with a longer fence ("{longer}").',
  },
  create({ file, report }) {
    return {
      code(node, ancestors) {
        const block = fencedBlock(file.text, node);
        if (!block) return;
        const openLine = node.position!.start.line;
        const closesAt = block.closed
          ? `line ${node.position!.end.line}`
          : `the end of ${unclosedScope(ancestors.at(-1)?.type)}`;
        // node.value holds the content lines without container prefixes, one per source line after the opening fence.
        node.value.split(/\r\n|\r|\n/).forEach((content, index) => {
          const inner = fenceOf(content);
          if (
            !inner ||
            inner.info === '' ||
            inner.character !== block.opening.character ||
            inner.length < block.opening.length
          )
            return;
          const line = openLine + 1 + index;
          const sourceLine = file.text.slice(file.lineStarts[line - 1]!, file.lineStarts[line] ?? file.text.length);
          const run = inner.character.repeat(inner.length);
          const start = file.lineStarts[line - 1]! + sourceLine.indexOf(run);
          const written = `${run}${sourceLine.slice(sourceLine.indexOf(run) + run.length).trimEnd()}`;
          report({
            messageId: 'nested',
            data: {
              inner: written,
              openLine,
              closes: closesAt,
              longer: block.opening.character.repeat(inner.length + 1),
            },
            at: { start, end: start + written.length },
          });
        });
      },
    };
  },
});
