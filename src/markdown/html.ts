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

export interface HtmlComment {
  start: number;
  /** Just after its `-->`, or the end of the text when it is never closed. */
  end: number;
  closed: boolean;
}

/**
 * The HTML comments of raw HTML, in order: `<!--` up to the next `-->`, or to the end of the text
 * when none follows. `<!-->` and `<!--->` are whole (empty) comments: a browser closes them at
 * their `>`, and cmark-gfm (GitHub) shows them as text when they are inline — neither waits for a
 * later `-->`. One pass: after a comment that never closes there is nothing left to scan.
 */
export function htmlComments(html: string): HtmlComment[] {
  const comments: HtmlComment[] = [];
  let from = 0;
  for (;;) {
    const start = html.indexOf('<!--', from);
    if (start < 0) return comments;
    const selfClosing = /^-?>/.exec(html.slice(start + 4, start + 6));
    if (selfClosing) {
      from = start + 4 + selfClosing[0].length;
      comments.push({ start, end: from, closed: true });
      continue;
    }
    const closer = html.indexOf('-->', start + 4);
    if (closer < 0) {
      comments.push({ start, end: html.length, closed: false });
      return comments;
    }
    comments.push({ start, end: closer + 3, closed: true });
    from = closer + 3;
  }
}

/** Comments are blanked with spaces so that offsets of the rest stay exact. */
export function blankHtmlComments(html: string): string {
  let result = '';
  let copied = 0;
  for (const comment of htmlComments(html)) {
    result += html.slice(copied, comment.start) + html.slice(comment.start, comment.end).replace(/[^\r\n]/g, ' ');
    copied = comment.end;
  }
  return result + html.slice(copied);
}

/**
 * `html` with every tag (`<` up to the next `>`) replaced by `replacement`: what
 * `html.replace(/<[^>]*>/g, replacement)` gives, in one pass even when `<` never closes.
 */
export function replaceTags(html: string, replacement: string): string {
  let result = '';
  let copied = 0;
  for (;;) {
    const open = html.indexOf('<', copied);
    if (open < 0) break;
    const close = html.indexOf('>', open + 1);
    // No `>` after this `<`: none after any later `<` either.
    if (close < 0) break;
    result += html.slice(copied, open) + replacement;
    copied = close + 1;
  }
  return result + html.slice(copied);
}

/** JavaScript's `\s`: what the attribute grammar treats as whitespace. */
export function isSpace(code: number): boolean {
  return (
    (code >= 0x09 && code <= 0x0d) ||
    code === 0x20 ||
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0xfeff
  );
}

const isAsciiLetter = (code: number): boolean => (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a);
const isTagNameCharacter = (code: number): boolean =>
  isAsciiLetter(code) || (code >= 0x30 && code <= 0x39) || code === 0x5f || code === 0x3a || code === 0x2d;
/** Not whitespace, quotes, `>`, `/` or `=`. */
const isAttributeNameCharacter = (code: number): boolean =>
  !isSpace(code) && code !== 0x22 && code !== 0x27 && code !== 0x3e && code !== 0x2f && code !== 0x3d;
/** Not whitespace, quotes, `=`, `<`, `>` or a backtick. */
const isUnquotedValueCharacter = (code: number): boolean =>
  !isSpace(code) && code !== 0x22 && code !== 0x27 && code !== 0x3d && code !== 0x3c && code !== 0x3e && code !== 0x60;

type TagScan =
  | { ok: true; end: number; attributes: HtmlAttribute[] }
  | {
      ok: false;
      /** Where the next tag may start: the first `<` inside a quoted value, else where the scan failed. */
      resume: number;
    };

/**
 * One start tag at `start` (a `<` followed by a letter), by the grammar
 * `<name (\s+attribute(\s*=\s*value)?)* \s* /? >`, scanned forward once. Every choice in that
 * grammar is forced by the next character, so no backtracking is needed; a tag that does not end
 * fails where the grammar breaks.
 */
function scanTag(source: string, start: number): TagScan {
  let at = start + 1;
  while (at < source.length && isTagNameCharacter(source.charCodeAt(at))) at++;
  const tag = source.slice(start + 1, at).toLowerCase();
  const attributes: HtmlAttribute[] = [];
  let resume = -1;
  const fail = (where: number): TagScan => ({ ok: false, resume: resume >= 0 ? Math.min(resume, where) : where });
  for (;;) {
    const spaceStart = at;
    while (at < source.length && isSpace(source.charCodeAt(at))) at++;
    const code = source.charCodeAt(at);
    if (code === 0x3e) return { ok: true, end: at + 1, attributes };
    if (code === 0x2f) return source.charCodeAt(at + 1) === 0x3e ? { ok: true, end: at + 2, attributes } : fail(at);
    if (at === spaceStart || !isAttributeNameCharacter(code) || at >= source.length) return fail(at);
    const nameStart = at;
    while (at < source.length && isAttributeNameCharacter(source.charCodeAt(at))) at++;
    const name = source.slice(nameStart, at).toLowerCase();
    let equals = at;
    while (equals < source.length && isSpace(source.charCodeAt(equals))) equals++;
    if (source.charCodeAt(equals) !== 0x3d) continue;
    let valueStart = equals + 1;
    while (valueStart < source.length && isSpace(source.charCodeAt(valueStart))) valueStart++;
    const quote = source.charCodeAt(valueStart);
    if (quote === 0x22 || quote === 0x27) {
      const close = source.indexOf(quote === 0x22 ? '"' : "'", valueStart + 1);
      if (close < 0) return fail(valueStart);
      const value = source.slice(valueStart + 1, close);
      // A tag may begin inside a quoted value when this one turns out not to be a tag.
      if (resume < 0) {
        const inner = value.indexOf('<');
        if (inner >= 0) resume = valueStart + 1 + inner;
      }
      attributes.push({ tag, name, value, valueStart: valueStart + 1 });
      at = close + 1;
    } else {
      let valueEnd = valueStart;
      while (valueEnd < source.length && isUnquotedValueCharacter(source.charCodeAt(valueEnd))) valueEnd++;
      if (valueEnd === valueStart) return fail(valueStart);
      attributes.push({ tag, name, value: source.slice(valueStart, valueEnd), valueStart });
      at = valueEnd;
    }
  }
}

/**
 * The attributes of every start tag in `html`, in order, with the offset of each value. Comments
 * are left out. The scan is linear: where a `<` does not begin a tag, the next attempt starts
 * where that one broke down, or at the first `<` inside one of its quoted values (any `<` between
 * would be read exactly as the failed attempt read it, and fail there too).
 */
export function htmlAttributes(html: string): HtmlAttribute[] {
  const source = blankHtmlComments(html);
  const result: HtmlAttribute[] = [];
  let at = source.indexOf('<');
  while (at >= 0 && at < source.length) {
    if (!isAsciiLetter(source.charCodeAt(at + 1))) {
      at = source.indexOf('<', at + 1);
      continue;
    }
    const scan = scanTag(source, at);
    if (scan.ok) {
      result.push(...scan.attributes);
      at = source.indexOf('<', scan.end);
    } else at = source.indexOf('<', Math.max(at + 1, scan.resume));
  }
  return result;
}
