import { z } from 'zod';
import { blankHtmlComments, htmlAttributes } from '../src/markdown/html.js';
import { defineFileRule } from '../src/core/rule.js';

/**
 * Elements GitHub's sanitiser removes from rendered Markdown (or, for the GFM tag filter's list,
 * shows as escaped text). Only elements known to be filtered are listed: GitHub keeps many others
 * (details, summary, kbd, sup, picture…), and a false alarm would teach people to ignore the rule.
 */
const STRIPPED_ELEMENTS = new Set([
  'applet',
  'base',
  'button',
  'canvas',
  'embed',
  'form',
  'frame',
  'frameset',
  'iframe',
  'input',
  'link',
  'meta',
  'noembed',
  'noframes',
  'noscript',
  'object',
  'plaintext',
  'script',
  'select',
  'style',
  'svg',
  'template',
  'textarea',
  'title',
  'xmp',
]);

const OPENING_TAG = /<([a-zA-Z][\w:-]*)(?=[\s/>])/g;

/**
 * Raw HTML that GitHub strips: scripts, styles, frames and forms, event handler attributes
 * (`onclick`), inline `style` attributes and `javascript:` URLs. The author sees it in an editor's
 * preview and nowhere on github.com.
 */
export default defineFileRule({
  id: 'stripped-html',
  description: 'No raw HTML that GitHub strips: `<script>`, `<style>`, `<iframe>`, forms, event handlers, `style` attributes, `javascript:` URLs.',
  tags: ['rendering', 'html'],
  scope: 'file',
  defaultSeverity: 'warn',
  recommended: true,
  fixable: false,
  options: z.strictObject({
    allowElements: z.array(z.string().min(1)).default([]).describe('Element names not to report (any case), for a site other than GitHub that renders them.'),
  }),
  messages: {
    element: '<{tag}> does not render on GitHub: its sanitiser removes the element.',
    eventHandler: 'Attribute "{attribute}" on <{tag}> is removed by GitHub: event handlers never run.',
    styleAttribute: 'Attribute "style" on <{tag}> is removed by GitHub: inline CSS has no effect.',
    javascriptUrl: 'The javascript: URL in "{attribute}" on <{tag}> is removed by GitHub.',
  },
  create({ file, options, report }) {
    const allowed = new Set(options.allowElements.map((name) => name.toLowerCase()));
    return {
      html(node) {
        const start = node.position!.start.offset!;
        const source = file.text.slice(start, node.position!.end.offset!);
        const withoutComments = blankHtmlComments(source);
        for (const match of withoutComments.matchAll(OPENING_TAG)) {
          const tag = match[1]!.toLowerCase();
          if (!STRIPPED_ELEMENTS.has(tag) || allowed.has(tag)) continue;
          report({ messageId: 'element', data: { tag }, at: { start: start + match.index, end: start + match.index + match[0].length } });
        }
        for (const attribute of htmlAttributes(source)) {
          const at = { start: start + attribute.valueStart, end: start + attribute.valueStart + attribute.value.length };
          if (/^on[a-z]+$/.test(attribute.name)) report({ messageId: 'eventHandler', data: { attribute: attribute.name, tag: attribute.tag }, at });
          else if (attribute.name === 'style') report({ messageId: 'styleAttribute', data: { tag: attribute.tag }, at });
          else if ((attribute.name === 'href' || attribute.name === 'src') && /^\s*javascript:/i.test(attribute.value)) {
            report({ messageId: 'javascriptUrl', data: { attribute: attribute.name, tag: attribute.tag }, at });
          }
        }
      },
    };
  },
});
