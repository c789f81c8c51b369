/**
 * The synthetic corpora are only worth benchmarking if they are what they claim: deterministic,
 * with links that resolve except exactly the planted broken ones listed in the manifest.
 */
import { describe, expect, it } from 'vitest';
import { generateCorpus, type GeneratedCorpus } from '../generate-corpus.js';
import { analyzeText } from '../../src/engine/analyze-file.js';
import { resolveLinkTarget } from '../../src/links/resolve.js';
import { offsetToPoint } from '../../src/markdown/parse.js';

/** Every relative link or anchor of the corpus that does not resolve: file, line, url. */
function brokenLinks(corpus: GeneratedCorpus): { file: string; line: number; url: string }[] {
  const facts = new Map([...corpus.files].map(([file, text]) => [file, analyzeText(file, text, []).facts!]));
  const broken: { file: string; line: number; url: string }[] = [];
  for (const [file, fileFacts] of facts) {
    for (const link of fileFacts.links) {
      if (link.url === 'images/diagram.png') continue; // images are not part of the generated tree
      const target = resolveLinkTarget(file, link.url);
      if (!target) continue;
      const targetFacts = facts.get(target.path);
      const anchorFound =
        target.fragment === undefined || targetFacts?.headings.some((heading) => heading.anchor === target.fragment);
      if (!targetFacts || !anchorFound)
        broken.push({ file, line: offsetToPoint(fileFacts.lineStarts, link.start).line, url: link.url });
    }
  }
  return broken;
}

describe('generateCorpus', () => {
  const corpus = generateCorpus({ files: 300, seed: 5 });

  it('is deterministic for a seed and differs between seeds', () => {
    expect(generateCorpus({ files: 300, seed: 5 })).toEqual(corpus);
    expect(generateCorpus({ files: 300, seed: 6 }).files).not.toEqual(corpus.files);
  });

  it('writes the number of files asked for, with realistic link density', () => {
    expect(corpus.files.size).toBe(300);
    const links = [...corpus.files].reduce(
      (sum, [file, text]) => sum + analyzeText(file, text, []).facts!.links.length,
      0,
    );
    expect(links / corpus.files.size).toBeGreaterThan(20);
    expect(links / corpus.files.size).toBeLessThan(60);
  });

  it('breaks exactly the links its manifest lists', () => {
    const planted = corpus.brokenLinks.map(({ file, line, url }) => ({ file, line, url }));
    expect(planted.length).toBeGreaterThan(10);
    expect(new Set(corpus.brokenLinks.map((link) => link.kind))).toEqual(
      new Set(['missing-file', 'missing-anchor', 'wrong-case', 'missing-local-anchor']),
    );
    const sortKey = (link: { file: string; line: number; url: string }) =>
      `${link.file}\0${String(link.line).padStart(6, '0')}\0${link.url}`;
    expect(brokenLinks(corpus).sort((a, b) => sortKey(a).localeCompare(sortKey(b)))).toEqual(
      planted.sort((a, b) => sortKey(a).localeCompare(sortKey(b))),
    );
  });
});

describe('generateCorpus, framework shape', () => {
  const corpus = generateCorpus({ files: 150, seed: 3, shape: 'framework' });

  it('writes a README, 12 factors, foundations with mapping tables, patterns and guides', () => {
    const paths = [...corpus.files.keys()];
    expect(paths).toHaveLength(150);
    expect(paths[0]).toBe('README.md');
    expect(paths.filter((file) => file.startsWith('factors/'))).toHaveLength(12);
    const foundations = paths.filter((file) => file.startsWith('foundations/'));
    expect(foundations.length).toBeGreaterThan(20);
    expect(foundations.every((file) => corpus.files.get(file)!.includes('| Kubernetes | This framework |'))).toBe(true);
    expect(paths.filter((file) => file.startsWith('patterns/')).length).toBeGreaterThan(60);
    expect(paths.filter((file) => file.startsWith('docs/')).length).toBeGreaterThan(30);
  });

  it('is cross-linked (most links relative) and breaks exactly the links its manifest lists', () => {
    let relative = 0;
    let all = 0;
    for (const [file, text] of corpus.files) {
      for (const link of analyzeText(file, text, []).facts!.links) {
        all++;
        if (!/^[a-z]+:/.test(link.url)) relative++;
      }
    }
    expect(relative / all).toBeGreaterThan(0.4);
    const sortKey = (link: { file: string; line: number; url: string }) =>
      `${link.file}\0${String(link.line).padStart(6, '0')}\0${link.url}`;
    const planted = corpus.brokenLinks.map(({ file, line, url }) => ({ file, line, url }));
    expect(brokenLinks(corpus).sort((a, b) => sortKey(a).localeCompare(sortKey(b)))).toEqual(
      planted.sort((a, b) => sortKey(a).localeCompare(sortKey(b))),
    );
  });
});
