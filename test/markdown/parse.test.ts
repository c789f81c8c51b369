/**
 * parseMarkdown lists remark-gfm's extensions one by one and skips the literal-autolink transform
 * (and the position repair after it) where it cannot match. The trees must stay exactly those of
 * the plain unified pipeline with the same repair.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { describe, expect, it } from 'vitest';
import { generateCorpus } from '../../bench/generate-corpus.js';
import { remarkDestinationPositions } from '../../src/markdown/destination-positions.js';
import { parseMarkdown } from '../../src/markdown/parse.js';
import { restoreMissingPositions } from '../../src/markdown/restore-positions.js';

const processor = unified()
  .use(remarkParse)
  .use(remarkGfm)
  .use(remarkFrontmatter, ['yaml', 'toml'])
  .use(remarkDestinationPositions)
  .freeze();
const reference = {
  parse(text: string) {
    const tree = processor.parse(text);
    restoreMissingPositions(tree, text);
    return tree;
  },
};

const AUTOLINK_CASES: Record<string, string> = {
  'bare URLs and www':
    'See https://example.com/a_(b) and www.example.com/x, then HTTP://EXAMPLE.COM. WWW.Example.com!\n',
  'emails, mailto and xmpp':
    'Write to a.b+c@example.co.uk, mailto:x@y.org, xmpp:me@jabber.org/home or foo@bar (no dot).\n',
  'mentions are not emails': 'Reviewed by @alice and @bob-2; see @sig-docs.\n',
  'inside link text and references':
    '[https://example.com](https://example.com) [www.example.com][ref] [x@y.com]\n\n[ref]: https://example.com\n',
  'escaped and entity-encoded': 'http\\://no.example https&#58;//yes.example www&period;example.com a&#64;b.example\n',
  'in emphasis, tables and lists':
    '*https://em.example* **x@y.example**\n\n| a | b |\n| - | - |\n| www.t.example | c@d.example |\n\n- [ ] https://task.example\n',
  'in code and html': '`https://code.example` <span>https://html.example</span>\n\n```\nhttps://fence.example\n```\n',
  'trailing punctuation and brackets': '(https://example.com/path), https://example.com/?q=1; <https://auto.example>\n',
  'front matter and footnotes':
    '---\nurl: https://fm.example\n---\n\nText[^1].\n\n[^1]: https://note.example and n@o.example\n',
  // Each needs its own branch of the guard: the tokenizer leaves these to the transform.
  'only a URL the transform finds': 'https&#58;//entity.example\n',
  'only a www the transform finds': 'www&period;entity.example\n',
  'only an email the transform finds': 'Write to [x@y.example] today.\n',
  'nothing to find': '# Plain\n\nNo addresses here, only [a link](https://example.com).\n',
  'CRLF and non-ASCII': 'Grüße an müller@example.de\r\nsiehe https://example.de/ä\r\n',
};

describe('parseMarkdown', () => {
  for (const [name, text] of Object.entries(AUTOLINK_CASES)) {
    it(`matches the unified pipeline: ${name}`, () => {
      expect(parseMarkdown(text)).toEqual(reference.parse(text));
    });
  }

  it('matches the unified pipeline on the fixtures and a generated corpus', () => {
    const root = fileURLToPath(new URL('../../fixtures/', import.meta.url));
    const texts = readdirSync(root, { recursive: true, encoding: 'utf8' })
      .filter((file) => /\.(md|markdown)$/.test(file))
      .map((file) => readFileSync(path.join(root, file), 'utf8'));
    texts.push(...generateCorpus({ files: 40, seed: 11 }).files.values());
    expect(texts.length).toBeGreaterThan(45);
    for (const text of texts) expect(parseMarkdown(text)).toEqual(reference.parse(text));
  });
});
