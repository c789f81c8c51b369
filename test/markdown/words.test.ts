import { describe, expect, it } from 'vitest';
import { parseMarkdown } from '../../src/markdown/parse.js';
import { countWords, proseText, PROSE_ONLY } from '../../src/markdown/words.js';

const words = (markdown: string, options = PROSE_ONLY, urls = false): number =>
  countWords(proseText(parseMarkdown(markdown), options), { urls });

describe('countWords', () => {
  it.each([
    ['plain words', 'one two three', 3],
    ['hyphens, apostrophes and dots stay inside a word', "cloud-native don't e.g. v1.2", 4],
    ['punctuation and symbols alone are not words', '— → … • 🚀 ✅ | -- ##', 0],
    ['numbers are words', '12 factors in 2024', 4],
    ['accented words', 'déjà vu über naïve', 4],
    ['Chinese is segmented into words', '控制平面管理集群', 4],
    ['mixed Latin and Japanese in one token', 'Kubernetesを使う', 3],
  ])('%s', (_name, text, expected) => {
    expect(countWords(text)).toBe(expected);
  });

  it('Japanese is segmented into words, not counted as one token or as characters', () => {
    // ICU's dictionary decides the exact split (コントロール|プレー|ン|を|管理|し|ます in Node 20); the count
    // must be between the number of content words and the number of characters.
    const count = countWords('コントロールプレーンを管理します');
    expect(count).toBeGreaterThanOrEqual(4);
    expect(count).toBeLessThan(16);
  });

  it('URLs are words only when asked', () => {
    expect(countWords('see https://example.com/docs and www.example.com now')).toBe(3);
    expect(countWords('see https://example.com/docs and www.example.com now', { urls: true })).toBe(5);
  });
});

describe('proseText', () => {
  it('leaves out code, front matter and raw HTML unless asked', () => {
    const markdown =
      '---\ntitle: Five words of front matter\n---\n\n# Title\n\nRun `npm test` now.\n\n```sh\nnpm ci\n```\n\n<p>html text</p>\n';
    expect(words(markdown)).toBe(3);
    expect(words(markdown, { code: true, frontMatter: false, html: false })).toBe(7);
    expect(words(markdown, { code: false, frontMatter: true, html: false })).toBe(9);
    expect(words(markdown, { code: false, frontMatter: false, html: true })).toBe(5);
  });

  it('HTML comments are never text, even with html included', () => {
    expect(words('<!-- a hidden note -->\n\nVisible.\n', { code: false, frontMatter: false, html: true })).toBe(1);
  });

  it('link text counts; autolinks are URLs', () => {
    expect(words('[Read the guide](https://example.com) or <https://example.com>.\n')).toBe(4);
    expect(words('Visit https://example.com today.\n', PROSE_ONLY, true)).toBe(3);
  });

  it('blocks, list items, table cells and hard breaks separate words', () => {
    expect(words('a\\\nb\n\n- c\n- d\n\n| e | f |\n| - | - |\n\n> g\n')).toBe(7);
  });
});
