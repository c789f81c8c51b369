import { describe, expect, it } from 'vitest';
import { collectFileFacts, srcsetUrls } from '../../src/markdown/facts.js';
import { computeLineStarts, parseMarkdown } from '../../src/markdown/parse.js';

function factsOf(text: string) {
  return collectFileFacts({ path: 'doc.md', text, tree: parseMarkdown(text), lineStarts: computeLineStarts(text) });
}

function written(text: string) {
  return factsOf(text).links.map((link) => ({
    url: link.url,
    destination:
      link.destinationStart === undefined ? undefined : text.slice(link.destinationStart, link.destinationEnd),
    escaped: link.destinationEscaped ?? false,
  }));
}

describe('link destinations in FileFacts', () => {
  it('records the exact destination of inline links, images and definitions, titles left out', () => {
    expect(written('[a](b.md "b.md") ![i](img/x.png \'t\')\n\n[d]: <docs/my file.md> "title"\n')).toEqual([
      { url: 'b.md', destination: 'b.md', escaped: false },
      { url: 'img/x.png', destination: 'img/x.png', escaped: false },
      { url: 'docs/my file.md', destination: 'docs/my file.md', escaped: false },
    ]);
  });

  it('finds the destination even when the link text contains "](" or the title repeats the URL', () => {
    expect(written('[see \\](x) here](target.md "target.md")\n')).toEqual([
      { url: 'target.md', destination: 'target.md', escaped: false },
    ]);
  });

  it('flags destinations whose written form differs from the URL', () => {
    expect(written('[a](a\\(b\\).md) [e](caf&eacute;.md)\n')).toEqual([
      { url: 'a(b).md', destination: 'a\\(b\\).md', escaped: true },
      { url: 'café.md', destination: 'caf&eacute;.md', escaped: true },
    ]);
  });

  it('marks autolinks and skips links inside code', () => {
    const facts = factsOf(
      '<https://example.com> and www.example.org\n\n`[x](in-code.md)`\n\n```\n[y](fenced.md)\n```\n',
    );
    expect(facts.links.map((link) => [link.url, link.autolink])).toEqual([
      ['https://example.com', true],
      ['http://www.example.org', true],
    ]);
  });

  it('reads HTML href, src and srcset with entities decoded and exact offsets', () => {
    const text =
      '<picture>\n  <source media="(prefers-color-scheme: dark)" srcset="dark.png 1x,dark@2x.png 2x">\n  <img src="light.png" alt="">\n</picture>\n\n<a href="a.md?x=1&amp;y=2#Top">top</a>\n';
    const facts = factsOf(text);
    expect(facts.links.map((link) => [link.tag, link.attribute, link.url, text.slice(link.start, link.end)])).toEqual([
      ['source', 'srcset', 'dark.png', 'dark.png'],
      ['source', 'srcset', 'dark@2x.png', 'dark@2x.png'],
      ['img', 'src', 'light.png', 'light.png'],
      ['a', 'href', 'a.md?x=1&y=2#Top', 'a.md?x=1&amp;y=2#Top'],
    ]);
    expect(facts.links[3]!.destinationEscaped).toBe(true);
  });
});

describe('srcsetUrls', () => {
  it.each([
    ['a.png', ['a.png']],
    ['a.png 1x, b.png 2x', ['a.png', 'b.png']],
    ['a.png 1x,b.png 2x', ['a.png', 'b.png']],
    ['a.png, b.png 2x', ['a.png', 'b.png']],
    ['  a.png   480w ,  b.png 800w  ', ['a.png', 'b.png']],
    ['img,with,commas.png 1x', ['img,with,commas.png']],
  ])('%j', (value, urls) => {
    expect(srcsetUrls(value).map((candidate) => candidate.url)).toEqual(urls);
  });
});
