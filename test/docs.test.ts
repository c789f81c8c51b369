/**
 * Rule docs cannot drift from behaviour: every rule has a doc whose `incorrect` examples fail and
 * whose `correct` examples pass; the README rule table, schema.json and each rule doc's metadata
 * line and options table match the metadata and option schemas.
 */
import { readFileSync, existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineFileRule } from '../src/core/rule.js';
import {
  ruleMetaMarkdown,
  ruleOptionsMarkdown,
  schemaJsonText,
  withRuleDocBlocks,
  withRulesTable,
} from '../scripts/generated-docs.js';
import { lintInMemory, type Project } from './helpers/rule-tester.js';
import { REGISTRY } from '../rules/index.js';

interface DocExample {
  kind: 'correct' | 'incorrect';
  project: Project;
  options?: unknown;
  line: number;
}

/** Examples are fenced blocks with info `markdown correct|incorrect [JSON options]`; `<!-- file: x.md -->` lines split files. */
function docExamples(doc: string): DocExample[] {
  const examples: DocExample[] = [];
  const fence = /^(`{3,}|~{3,})markdown (correct|incorrect)(?: (\{.*\}))?\n([\s\S]*?)^\1\s*$/gm;
  for (const match of doc.matchAll(fence)) {
    const body = match[4]!;
    const project: Project = {};
    const parts = body.split(/^<!-- file: (\S+) -->\n/m);
    if (parts.length === 1) project['doc.md'] = body;
    else for (let i = 1; i < parts.length; i += 2) project[parts[i]!] = parts[i + 1]!;
    const example: DocExample = {
      kind: match[2] as DocExample['kind'],
      project,
      line: doc.slice(0, match.index).split('\n').length,
    };
    if (match[3]) example.options = JSON.parse(match[3]) as unknown;
    examples.push(example);
  }
  return examples;
}

describe('rule docs', () => {
  for (const rule of REGISTRY.rules) {
    describe(rule.id, () => {
      const docPath = new URL(`../rules/${rule.id}.md`, import.meta.url);
      it('has a doc with a title, its description, and both kinds of example', () => {
        expect(existsSync(docPath)).toBe(true);
        const doc = readFileSync(docPath, 'utf8');
        expect(doc.startsWith(`# ${rule.id}\n`)).toBe(true);
        const kinds = new Set(docExamples(doc).map((example) => example.kind));
        expect([...kinds].sort()).toEqual(['correct', 'incorrect']);
      });
      it('has an up-to-date metadata line and options table (run `npm run docs`)', () => {
        const doc = readFileSync(docPath, 'utf8');
        expect(doc).toBe(withRuleDocBlocks(rule, doc));
      });
      const doc = existsSync(docPath) ? readFileSync(docPath, 'utf8') : '';
      for (const example of docExamples(doc)) {
        it(`${example.kind} example at line ${example.line}`, async () => {
          const { diagnostics } = await lintInMemory(example.project, {
            rules: { [rule.id]: example.options === undefined ? 'error' : ['error', example.options] },
          });
          const own = diagnostics.filter((diagnostic) => diagnostic.ruleId === rule.id);
          if (example.kind === 'correct') expect(own).toEqual([]);
          else expect(own.length).toBeGreaterThan(0);
        });
      }
    });
  }
});

describe('generated files', () => {
  it('README rule table is up to date (run `npm run docs`)', () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    expect(readme).toBe(withRulesTable(readme));
  });
  it('schema.json is up to date (run `npm run docs`)', () => {
    expect(readFileSync(new URL('../schema.json', import.meta.url), 'utf8')).toBe(schemaJsonText());
  });
});

describe('rule doc blocks', () => {
  const stub = (options: z.ZodType) =>
    defineFileRule({
      id: 'stub',
      description: 'A stub.',
      tags: ['a', 'b'],
      scope: 'file',
      defaultSeverity: 'warn',
      recommended: false,
      fixable: true,
      options,
      messages: {},
      check: () => undefined,
    });

  it('the metadata line names scope, severity, presets, fixable and tags', () => {
    expect(ruleMetaMarkdown(stub(z.strictObject({})))).toBe(
      '- Scope: file · Default severity: `warn` · Presets: none · Fixable: yes · Tags: `a`, `b`',
    );
    expect(ruleMetaMarkdown(REGISTRY.byId.get('term-consistency')!)).toContain('Presets: `recommended`, `kubernetes`');
  });

  it('a rule without options says so', () => {
    expect(ruleOptionsMarkdown(stub(z.strictObject({})))).toBe('This rule has no options.');
  });

  it('options of every shape get a row with type, default and description; pipes are escaped', () => {
    const options = z.strictObject({
      mode: z.enum(['a', 'b']).default('a').describe('Mode a | mode b.'),
      limit: z.number().int().min(1).max(9).optional().describe('A limit.'),
      entries: z
        .array(
          z.union([
            z.string(),
            z.strictObject({
              name: z.string().describe('Its name.'),
              tags: z.array(z.string()).default([]).describe('Its tags.'),
            }),
          ]),
        )
        .default([])
        .describe('Entries.'),
      byKey: z
        .record(z.string().meta({ title: 'glob' }), z.strictObject({ on: z.boolean().describe('On.') }))
        .default({})
        .describe('Glob → settings.'),
    });
    expect(ruleOptionsMarkdown(stub(options)).split('\n')).toEqual([
      '| Option | Type | Default | Description |',
      '| --- | --- | --- | --- |',
      '| `mode` | "a" \\| "b" | `"a"` | Mode a \\| mode b. |',
      '| `limit` | integer (1–9) | — | A limit. |',
      '| `entries` | (string \\| object)[] | `[]` | Entries. |',
      '| `entries[].name` | string | required | Its name. |',
      '| `entries[].tags` | string[] | `[]` | Its tags. |',
      '| `byKey` | glob → object | `{}` | Glob → settings. |',
      '| `byKey.<glob>` | object | — | Glob → settings. |',
      '| `byKey.<glob>.on` | boolean | required | On. |',
    ]);
  });

  it('an option without a description is an error', () => {
    expect(() => ruleOptionsMarkdown(stub(z.strictObject({ quiet: z.boolean().default(false) })))).toThrow(
      /option "quiet" has no description/,
    );
  });
});
