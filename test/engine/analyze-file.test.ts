/** Phase 1 on one file: one walk for every rule's handlers, and a crash that stays in its rule. */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { EnabledRule } from '../../src/config/file-settings.js';
import { analyzeText } from '../../src/engine/analyze-file.js';
import { defineFileRule, defineProjectRule, type FileRule } from '../../src/core/rule.js';

const META = {
  description: 'Test rule.',
  tags: [],
  scope: 'file',
  defaultSeverity: 'error',
  recommended: false,
  fixable: false,
  options: z.strictObject({}),
} as const;

/** Reports every heading, at the heading, and says at the end how many it saw. */
const headings = defineFileRule({
  ...META,
  id: 'headings',
  messages: { heading: 'Heading {depth}.', total: '{count} headings.' },
  create({ report }) {
    let count = 0;
    return {
      heading(node) {
        count++;
        report({ messageId: 'heading', data: { depth: node.depth }, at: node });
      },
      'root:exit'() {
        report({ messageId: 'total', data: { count }, at: { start: 0, end: 0 } });
      },
    };
  },
});

/** Reports the first heading, then throws on the second: a bug that shows on some files only. */
function throwsOnSecondHeading(calls: string[]): FileRule {
  return defineFileRule({
    ...META,
    id: 'throws',
    messages: { heading: 'Heading.' },
    create({ report }) {
      let seen = 0;
      return {
        heading(node) {
          calls.push('heading');
          seen++;
          if (seen === 2) throw new Error('boom');
          report({ messageId: 'heading', at: node });
        },
        paragraph() {
          calls.push('paragraph');
        },
        'root:exit'() {
          calls.push('exit');
        },
      };
    },
  });
}

/** A whole-file rule: reads the raw text. */
const lines = defineFileRule({
  ...META,
  id: 'lines',
  messages: { lines: '{count} lines.' },
  check({ file, report }) {
    report({ messageId: 'lines', data: { count: file.lineStarts.length }, at: { start: 0, end: 0 } });
  },
});

const enabled = (...rules: FileRule[]): EnabledRule[] =>
  rules.map((rule) => ({ rule, severity: 'error', options: {} }));

const TEXT = '# One\n\ntext\n\n## Two\n\nmore\n\n### Three\n';

const brief = (analysis: ReturnType<typeof analyzeText>): string[] =>
  analysis.diagnostics.map((diagnostic) => `${diagnostic.ruleId}: ${diagnostic.message}`);

describe('analyzeText', () => {
  it('runs the handlers of every rule in one walk; diagnostics come grouped by rule, in the order of the enabled rules', () => {
    const analysis = analyzeText('doc.md', TEXT, enabled(lines, headings));
    expect(analysis.crashed).toBe(false);
    expect(brief(analysis)).toEqual([
      'lines: 10 lines.',
      'headings: Heading 1.',
      'headings: Heading 2.',
      'headings: Heading 3.',
      'headings: 3 headings.',
    ]);
  });

  it('turns a throwing handler into exactly one rule-crash for its rule, calls none of its handlers again, and lets the other rules report', () => {
    const calls: string[] = [];
    const analysis = analyzeText('doc.md', TEXT, enabled(throwsOnSecondHeading(calls), headings, lines));
    expect(analysis.crashed).toBe(true);
    expect(brief(analysis)).toEqual([
      'throws: Heading.',
      'rule-crash: Rule "throws" crashed: boom.',
      'headings: Heading 1.',
      'headings: Heading 2.',
      'headings: Heading 3.',
      'headings: 3 headings.',
      'lines: 10 lines.',
    ]);
    expect(analysis.diagnostics.filter((diagnostic) => diagnostic.ruleId === 'rule-crash')).toHaveLength(1);
    expect(calls).toEqual(['heading', 'paragraph', 'heading']);
  });

  it('turns a create that throws into a rule-crash', () => {
    const broken = defineFileRule({
      ...META,
      id: 'broken',
      messages: {},
      create() {
        throw new Error('no handlers');
      },
    });
    const analysis = analyzeText('doc.md', TEXT, enabled(broken, headings));
    expect(brief(analysis)).toEqual([
      'rule-crash: Rule "broken" crashed: no handlers.',
      'headings: Heading 1.',
      'headings: Heading 2.',
      'headings: Heading 3.',
      'headings: 3 headings.',
    ]);
  });

  it('a rule that reports an unknown messageId from a handler crashes like one that throws', () => {
    const unknown = defineFileRule({
      ...META,
      id: 'unknown',
      messages: {},
      create: ({ report }) => ({ heading: (node) => report({ messageId: 'nope', at: node }) }),
    });
    const analysis = analyzeText('doc.md', TEXT, enabled(unknown));
    expect(brief(analysis)).toEqual([
      'rule-crash: Rule "unknown" crashed: rule "unknown" reported unknown messageId "nope".',
    ]);
  });

  it('collects facts in the same walk, and with factsOnly runs no file rule', () => {
    let created = false;
    const spy = defineFileRule({
      ...META,
      id: 'spy',
      messages: {},
      create() {
        created = true;
        return {};
      },
    });
    const extracts = defineProjectRule({
      ...META,
      scope: 'project',
      id: 'extracts',
      messages: {},
      extract: (file) => file.tree.children.length,
      check() {},
    });
    const analysis = analyzeText(
      'doc.md',
      '# A\n\n[b](b.md) <a name="c"></a>\n',
      [...enabled(spy), { rule: extracts, severity: 'error', options: {} }],
      true,
    );
    expect(created).toBe(false);
    expect(analysis.facts!.headings.map((heading) => heading.anchor)).toEqual(['a']);
    expect(analysis.facts!.links.map((link) => link.url)).toEqual(['b.md']);
    expect(analysis.facts!.htmlAnchors.map((anchor) => anchor.anchor)).toEqual(['c']);
    expect(analysis.facts!.extracted).toEqual({ extracts: 2 });
  });
});
