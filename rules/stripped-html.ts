import { z } from 'zod';
import { blankHtmlComments, htmlAttributes } from '../src/markdown/html.js';
import { defineFileRule } from '../src/core/rule.js';

/**
 * Elements GitHub's sanitiser removes from rendered Markdown. Only elements known to be removed are
 * listed: GitHub keeps many others (details, summary, kbd, sup, picture…), and a false alarm would
 * teach people to ignore the rule.
 */
const SANITISED_ELEMENTS = new Set([
  'applet',
  'base',
  'button',
  'canvas',
  'embed',
  'form',
  'frame',
  'frameset',
  'input',
  'link',
  'meta',
  'noscript',
  'object',
  'select',
  'svg',
  'template',
]);

/**
 * The GFM tag filter's list (cmark-gfm's `tagfilter` extension, which GitHub runs): these tags are
 * escaped, not removed, so the tag and what it holds (a whole script, a style sheet) appear on the
 * page as text.
 */
const TAG_FILTERED_ELEMENTS = new Set([
  'iframe',
  'noembed',
  'noframes',
  'plaintext',
  'script',
  'style',
  'textarea',
  'title',
  'xmp',
]);

const OPENING_TAG = /<([a-zA-Z][\w:-]*)(?=[\s/>])/g;

/**
 * Raw HTML that does not render on GitHub as the author meant: forms, frames and inline SVG are
 * removed, as are event handler attributes (`onclick`), inline `style` attributes and
 * `javascript:` URLs; scripts, style sheets, iframes and the rest of the tag filter's list are
 * shown as text. The author sees them work in an editor's preview and not on github.com.
 */
export default defineFileRule({
  id: 'stripped-html',
  description:
    'No raw HTML that GitHub removes (forms, SVG, event handlers, `style` attributes, `javascript:` URLs) or shows as text (`<script>`, `<style>`, `<iframe>`).',
  tags: ['rendering', 'html'],
  scope: 'file',
  defaultSeverity: 'warn',
  recommended: true,
  fixable: false,
  options: z.strictObject({
    allowElements: z
      .array(z.string().min(1))
      .default([])
      .describe('Element names not to report (any case), for a site other than GitHub that renders them.'),
  }),
  messages: {
    element: '<{tag}> does not render on GitHub: its sanitiser removes the element.',
    shownAsText:
      '<{tag}> is shown as text on GitHub: its tag filter escapes the tag, so the tag and what it holds appear on the page as written.',
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
          if (allowed.has(tag)) continue;
          const at = { start: start + match.index, end: start + match.index + match[0].length };
          if (TAG_FILTERED_ELEMENTS.has(tag)) report({ messageId: 'shownAsText', data: { tag }, at });
          else if (SANITISED_ELEMENTS.has(tag)) report({ messageId: 'element', data: { tag }, at });
        }
        for (const attribute of htmlAttributes(source)) {
          // The whole tag of a tag-filtered element is text: its attributes do nothing either way.
          if (TAG_FILTERED_ELEMENTS.has(attribute.tag.toLowerCase())) continue;
          const at = {
            start: start + attribute.valueStart,
            end: start + attribute.valueStart + attribute.value.length,
          };
          if (/^on[a-z]+$/.test(attribute.name))
            report({ messageId: 'eventHandler', data: { attribute: attribute.name, tag: attribute.tag }, at });
          else if (attribute.name === 'style')
            report({ messageId: 'styleAttribute', data: { tag: attribute.tag }, at });
          else if (
            (attribute.name === 'href' || attribute.name === 'src') &&
            /^\s*javascript:/i.test(attribute.value)
          ) {
            report({ messageId: 'javascriptUrl', data: { attribute: attribute.name, tag: attribute.tag }, at });
          }
        }
      },
    };
  },
});
