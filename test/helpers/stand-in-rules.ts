/**
 * Two small project rules that stand in for the real cross-file rules in the workflow tests, so
 * that these tests exercise --staged, --changed-since, baselines and the cache without depending
 * on the wording or options of the links and consistency rules (which have their own tests).
 * They are added to the registry only in test files that mock `rules/index.js`:
 *
 *   vi.mock('../../rules/index.js', async (importOriginal) =>
 *     (await import('./stand-in-rules.js')).withStandInRules(await importOriginal()));
 */
import { z } from 'zod';
import { resolveLinkTarget } from '../../src/links/resolve.js';
import { defineProjectRule, type Rule } from '../../src/core/rule.js';
import { createRegistry, type Registry } from '../../src/config/registry.js';

/** A relative link must name an existing path, and its fragment a heading of the target file. */
export const linkTargets = defineProjectRule({
  id: 'test-link-targets',
  description: 'Stand-in: relative links point at existing files and headings.',
  tags: ['links'],
  scope: 'project',
  defaultSeverity: 'error',
  recommended: false,
  fixable: false,
  options: z.strictObject({}),
  messages: {
    missingFile: 'Link target "{target}" does not exist.',
    missingAnchor: 'No heading "#{anchor}" in "{target}".',
  },
  check({ index, report }) {
    for (const file of index.targets) {
      for (const link of index.files.get(file)?.links ?? []) {
        const target = resolveLinkTarget(file, link.url);
        if (!target || target.escapesRoot) continue;
        const isFile = index.paths.files.has(target.path);
        if (!isFile && !index.paths.directories.has(target.path)) {
          report({ file, messageId: 'missingFile', data: { target: target.path }, at: link });
        } else if (isFile && target.fragment) {
          const facts = index.files.get(target.path);
          if (facts && !facts.headings.some((heading) => heading.anchor === target.fragment)) {
            report({
              file,
              messageId: 'missingAnchor',
              data: { target: target.path, anchor: target.fragment },
              at: link,
            });
          }
        }
      }
    }
  },
});

/** Every file's first-level title is unique across the repository (needs every file, linked or not). */
export const uniqueTitles = defineProjectRule({
  id: 'test-unique-titles',
  description: 'Stand-in: no two files share a first-level title.',
  tags: ['consistency'],
  scope: 'project',
  defaultSeverity: 'error',
  recommended: false,
  fixable: false,
  options: z.strictObject({}),
  messages: { duplicate: 'Title "{title}" is also the title of {other}.' },
  readsAllFiles: () => true,
  check({ index, report }) {
    const titleOf = (file: string) => index.files.get(file)?.headings.find((heading) => heading.depth === 1);
    for (const file of index.targets) {
      const title = titleOf(file);
      if (!title) continue;
      const other = [...index.files.keys()]
        .sort()
        .find((candidate) => candidate !== file && titleOf(candidate)?.text === title.text);
      if (other) report({ file, messageId: 'duplicate', data: { title: title.text, other }, at: title });
    }
  },
});

export function withStandInRules<T extends { RULES: readonly Rule[]; REGISTRY: Registry }>(original: T): T {
  const rules = [...original.RULES, linkTargets, uniqueTitles];
  return { ...original, RULES: rules, REGISTRY: createRegistry(rules) };
}

/** The config the workflow tests use: the stand-ins as errors, heading-increment as a warning. */
export const STAND_IN_CONFIG = [
  'rules:',
  '  test-link-targets: error',
  '  test-unique-titles: error',
  '  heading-increment: warn',
  '',
].join('\n');
