import { describe, expect, it } from 'vitest';
import { optionGlobs } from '../../src/config/option-globs.js';
import { EACH_ITEM, GLOB_KEYS, type GlobOption } from '../../src/core/rule.js';

const where = (...globOptions: GlobOption[]) => ({ globOptions });
const found = (rule: ReturnType<typeof where>, options: unknown) =>
  optionGlobs(rule, options).map(({ keyPath, glob, isKey }) => ({ keyPath, glob, isKey }));

describe('optionGlobs: the globs a rule declares in its options', () => {
  it('finds glob keys, list items and fields of list items, with their key paths', () => {
    const rule = where(
      { path: [GLOB_KEYS] },
      { path: ['plainTextFiles', EACH_ITEM] },
      { path: ['files', EACH_ITEM, 'glob'] },
    );
    expect(
      found(rule, {
        'factors/*.md': { min: 1 },
        plainTextFiles: ['img/*.svg'],
        files: ['README.md', { glob: 'docs/*.md', min: 2 }, { path: 'LICENSE' }],
      }),
    ).toEqual([
      { keyPath: ['factors/*.md'], glob: 'factors/*.md', isKey: true },
      { keyPath: ['plainTextFiles'], glob: 'plainTextFiles', isKey: true },
      { keyPath: ['files'], glob: 'files', isKey: true },
      { keyPath: ['plainTextFiles', 0], glob: 'img/*.svg', isKey: false },
      { keyPath: ['files', 1, 'glob'], glob: 'docs/*.md', isKey: false },
    ]);
  });

  it('goes on into the value of a glob key, skips values of other shapes, and finds nothing without a declaration', () => {
    expect(
      found(where({ path: [GLOB_KEYS, 'extra', EACH_ITEM] }), {
        'a/*.md': { extra: ['b/*.md', 3] },
        'c.md': 'not an object',
      }),
    ).toEqual([{ keyPath: ['a/*.md', 'extra', 0], glob: 'b/*.md', isKey: false }]);
    expect(found(where({ path: ['files', EACH_ITEM] }), { files: 'README.md' })).toEqual([]);
    expect(optionGlobs({}, { 'a/*.md': {} })).toEqual([]);
  });
});
