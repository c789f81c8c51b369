/**
 * The fix step with rules made for these tests: certain fixes and suggestions, and fixes that are
 * kept only when linting the file again shows their problem gone and no other problem added.
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { EnabledRule } from '../../src/config/file-settings.js';
import { repositoryPathsFromFiles } from '../../src/core/facts.js';
import { defineFileRule, type Rule } from '../../src/core/rule.js';
import type { LintProjectOptions, ProjectSource } from '../../src/engine/lint-project.js';
import { fixedFiles, fixPatches, lintWithFixes, writeFixes } from '../../src/fixes/fix-passes.js';
import type { FixType } from '../../src/fixes/fix-types.js';
import { HELD_BACK_FIX } from '../../src/fixes/verify-fixes.js';

const META = {
  tags: [],
  scope: 'file',
  defaultSeverity: 'error',
  recommended: false,
  fixable: true,
  options: z.strictObject({}),
} as const;

/** "colour" → "color" is certain; "teh" could be "the" or "tech": a suggestion. */
const spelling = defineFileRule({
  ...META,
  id: 'test-spelling',
  description: 'Test rule: fixes and suggestions.',
  messages: { colour: 'Write "color".', teh: 'Typo "teh".' },
  check({ file, report }) {
    for (const match of file.text.matchAll(/colour|teh/g)) {
      const at = { start: match.index, end: match.index + match[0].length };
      if (match[0] === 'colour') report({ messageId: 'colour', at, fix: { ...at, text: 'color' } });
      else
        report({
          messageId: 'teh',
          at,
          suggestions: [
            { desc: 'Replace with "the"', fix: { ...at, text: 'the' } },
            { desc: 'Replace with "tech"', fix: { ...at, text: 'tech' } },
          ],
        });
    }
  },
});

/** "TODO" → "FIXME", a fix that must be checked: the test-no-fixme rule may object to the result. */
const todo = defineFileRule({
  ...META,
  id: 'test-todo',
  description: 'Test rule: a fix that needs checking.',
  messages: { todo: 'TODO left.' },
  check({ file, report }) {
    for (const match of file.text.matchAll(/TODO(!?)/g)) {
      const at = { start: match.index, end: match.index + 4 };
      report({ messageId: 'todo', at, fix: { ...at, text: 'FIXME' }, verifyFix: true });
    }
  },
});

/** Objects to "FIXME!" only: so a TODO followed by "!" cannot be fixed without adding a problem. */
const noShoutedFixme = defineFileRule({
  ...META,
  id: 'test-no-fixme',
  description: 'Test rule: objects to what the todo fix makes in some places.',
  fixable: false,
  messages: { shouted: 'FIXME! shouts.' },
  check({ file, report }) {
    for (const match of file.text.matchAll(/FIXME!/g))
      report({ messageId: 'shouted', at: { start: match.index, end: match.index + 6 } });
  },
});

function engine(rules: readonly Rule[]): LintProjectOptions {
  const enabled: EnabledRule[] = rules.map((rule) => ({ rule, severity: 'error', options: {} }));
  return {
    settings: { forFile: () => enabled, base: () => enabled },
    rules: new Map(rules.map((rule) => [rule.id, rule])),
  };
}

function source(files: Record<string, string>): ProjectSource {
  return {
    targets: Object.keys(files).sort(),
    paths: repositoryPathsFromFiles(Object.keys(files)),
    read: async (file) => new TextEncoder().encode(files[file]!),
    isMarkdown: () => true,
  };
}

async function fix(text: string, rules: readonly Rule[], fixType: FixType = 'fix'): Promise<string> {
  const fixed = await lintWithFixes(source({ 'doc.md': text }), engine(rules), true, fixType);
  return fixed.texts.get('doc.md') ?? text;
}

describe('fixes and suggestions', () => {
  it('--fix applies certain fixes only; suggestions are reported with their edits', async () => {
    const { result } = await lintWithFixes(source({ 'doc.md': 'teh colour\n' }), engine([spelling]), false);
    expect(result.diagnostics.map(({ messageId, fix, suggestions }) => ({ messageId, fix, suggestions }))).toEqual([
      {
        messageId: 'teh',
        fix: undefined,
        suggestions: [
          { desc: 'Replace with "the"', fix: [{ start: 0, end: 3, text: 'the' }] },
          { desc: 'Replace with "tech"', fix: [{ start: 0, end: 3, text: 'tech' }] },
        ],
      },
      { messageId: 'colour', fix: [{ start: 4, end: 10, text: 'color' }], suggestions: undefined },
    ]);
    expect(await fix('teh colour\n', [spelling])).toBe('teh color\n');
  });

  it('--fix-type suggestion also applies the first suggestion of each problem without a fix', async () => {
    expect(await fix('teh colour\n', [spelling], 'suggestion')).toBe('the color\n');
    const preview = await lintWithFixes(source({ 'doc.md': 'teh\n' }), engine([spelling]), true, 'suggestion');
    expect(fixPatches(preview).join('')).toContain('-teh\n+the\n');
  });
});

describe('fixes that must be checked', () => {
  it('are kept when the file, linted again, has their problem gone and no new one', async () => {
    const { result } = await lintWithFixes(
      source({ 'doc.md': 'TODO and TODO\n' }),
      engine([todo, noShoutedFixme]),
      false,
    );
    expect(result.diagnostics.map(({ fix, verifyFix, suggestions }) => ({ fix, verifyFix, suggestions }))).toEqual([
      { fix: [{ start: 0, end: 4, text: 'FIXME' }], verifyFix: undefined, suggestions: undefined },
      { fix: [{ start: 9, end: 13, text: 'FIXME' }], verifyFix: undefined, suggestions: undefined },
    ]);
    expect(await fix('TODO and TODO\n', [todo, noShoutedFixme])).toBe('FIXME and FIXME\n');
  });

  it('are held back as suggestions when the result would add a problem, one by one', async () => {
    const { result } = await lintWithFixes(
      source({ 'doc.md': 'TODO and TODO!\n' }),
      engine([todo, noShoutedFixme]),
      false,
    );
    expect(result.diagnostics.map(({ column, fix, suggestions }) => ({ column, fix, suggestions }))).toEqual([
      { column: 1, fix: [{ start: 0, end: 4, text: 'FIXME' }], suggestions: undefined },
      {
        column: 10,
        fix: undefined,
        suggestions: [{ desc: HELD_BACK_FIX, fix: [{ start: 9, end: 13, text: 'FIXME' }] }],
      },
    ]);
    expect(await fix('TODO and TODO!\n', [todo, noShoutedFixme])).toBe('FIXME and TODO!\n');
    expect(await fix('TODO and TODO!\n', [todo, noShoutedFixme], 'suggestion')).toBe('FIXME and FIXME!\n');
  });

  it('are checked against the rules in force only: without the objecting rule the fix is certain', async () => {
    expect(await fix('TODO!\n', [todo])).toBe('FIXME!\n');
  });
});

describe('texts handed in (an unsaved page)', () => {
  it('stay in place in every pass, and only the ones a fix changed count as fixed', async () => {
    const overrides = new Map([
      ['doc.md', 'colour TODO\n'],
      ['other.md', 'teh\n'],
    ]);
    const fixed = await lintWithFixes(
      source({ 'doc.md': 'on disk\n', 'other.md': 'on disk\n' }),
      { ...engine([spelling, todo]), overrides },
      true,
    );
    // Both passes linted the handed-in text of doc.md, never the disk's.
    expect(fixed.texts.get('doc.md')).toBe('color FIXME\n');
    expect(fixed.result.diagnostics.map((diagnostic) => `${diagnostic.file} ${diagnostic.messageId}`)).toEqual([
      'other.md teh',
    ]);
    // other.md's text was handed in, not fixed: no patch, and nothing to write.
    expect(fixedFiles(fixed)).toEqual(['doc.md']);
    expect(fixPatches(fixed)).toHaveLength(1);
    await expect(writeFixes({ ...fixed, texts: new Map([['other.md', 'teh\n']]) }, '/nonexistent')).resolves.toBe(
      undefined,
    );
  });
});
