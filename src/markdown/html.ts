/**
 * Attributes of raw HTML inside Markdown. GitHub renders a sanitised subset of HTML, and the
 * attributes that matter to a docs linter (link targets and anchors) are simple enough that a
 * tokenizer for tags and attributes is all that is needed — no DOM.
 */
export interface HtmlAttribute {
  tag: string;
  name: string;
  value: string;
  /** Offset of the value (inside the quotes) relative to the scanned text. */
  valueStart: number;
}

const TAG = /<([a-zA-Z][\w:-]*)((?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*)\s*\/?>/g;
const ATTRIBUTE = /([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;

/** Comments are blanked with spaces so that offsets of the rest stay exact. */
export function blankHtmlComments(html: string): string {
  return html.replace(/<!--[\s\S]*?(?:-->|$)/g, (comment) => comment.replace(/[^\r\n]/g, ' '));
}

export function htmlAttributes(html: string): HtmlAttribute[] {
  const source = blankHtmlComments(html);
  const result: HtmlAttribute[] = [];
  for (const tagMatch of source.matchAll(TAG)) {
    const tag = tagMatch[1]!.toLowerCase();
    const attributesText = tagMatch[2] ?? '';
    const attributesStart = tagMatch.index + 1 + tagMatch[1]!.length;
    for (const attributeMatch of attributesText.matchAll(ATTRIBUTE)) {
      const value = attributeMatch[2] ?? attributeMatch[3] ?? attributeMatch[4];
      if (value === undefined) continue;
      const quoted = attributeMatch[2] !== undefined || attributeMatch[3] !== undefined;
      const matchEnd = attributeMatch.index + attributeMatch[0].length;
      const valueStart = attributesStart + matchEnd - value.length - (quoted ? 1 : 0);
      result.push({ tag, name: attributeMatch[1]!.toLowerCase(), value, valueStart });
    }
  }
  return result;
}
