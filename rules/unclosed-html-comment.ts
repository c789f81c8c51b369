import { RENDERING_BREAKAGE } from '../src/core/rendering-breakage.js';
import { defineFileRule } from '../src/core/rule.js';
import { htmlComments } from '../src/markdown/html.js';

/**
 * Raw HTML goes into the page as written, so a `<!--` without its `-->` comments out everything
 * after it: the rest of the file vanishes from the rendered page without any error. `<!-->` and
 * `<!--->` close themselves (see htmlComments).
 */
export default defineFileRule({
  id: 'unclosed-html-comment',
  description: 'Every HTML comment is closed; an unclosed one hides the rest of the file on GitHub.',
  ...RENDERING_BREAKAGE,
  messages: {
    unclosed: 'HTML comment is never closed ("-->" is missing): GitHub hides everything after it.',
  },
  create({ file, report }) {
    return {
      html(node) {
        const unclosed = htmlComments(node.value).find((comment) => !comment.closed);
        if (!unclosed) return;
        // The value drops container prefixes (`> `), so find the same opener, counted, in the source.
        const nth = node.value.slice(0, unclosed.start).split('<!--').length - 1;
        const source = file.text.slice(node.position!.start.offset!, node.position!.end.offset!);
        let at = -1;
        for (let i = 0; i <= nth; i++) at = source.indexOf('<!--', at + 1);
        const start = node.position!.start.offset! + at;
        report({ messageId: 'unclosed', at: { start, end: start + 4 } });
      },
    };
  },
});
