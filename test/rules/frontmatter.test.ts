import { readFileSync } from 'node:fs';
import rule from '../../rules/frontmatter.js';
import { runRuleTests } from '../helpers/rule-tester.js';

const fixture = (name: string): string => readFileSync(new URL(`../../fixtures/rules/frontmatter/${name}`, import.meta.url), 'utf8');

const patternSchema = {
  'patterns/*.md': {
    required: ['title', 'status', 'summary'],
    properties: {
      title: { type: 'string' },
      status: { enum: ['draft', 'stable', 'deprecated'] },
      order: { type: 'integer' },
      tags: { type: 'array', items: 'string' },
      reviewed: { type: 'date' },
      summary: { type: 'string' },
    },
    allowUnknownKeys: false,
  },
};

runRuleTests(rule, {
  valid: [
    { name: 'no front matter, no options', code: '# Title\n' },
    { name: 'valid YAML without a schema', code: '---\ntitle: x\nlist:\n  - a\n  - b\n---\n\n# x\n' },
    { name: 'empty front matter', code: '---\n---\n\n# x\n' },
    {
      name: 'every key matches its schema; CRLF; non-ASCII values',
      code: {
        'patterns/circuit-breaker.md':
          '---\r\ntitle: "Disjoncteur 🚦"\r\nstatus: stable\r\norder: 3\r\ntags: [resilience, agents]\r\nreviewed: 2024-05-01\r\nsummary: Stops failing agents.\r\n---\r\n\r\n# Disjoncteur\r\n',
      },
      options: patternSchema,
    },
    { name: 'a glob that does not match needs nothing', code: { 'docs/guide.md': '# Guide\n' }, options: patternSchema },
    { name: 'a thematic break at the top is not front matter', code: '---\n\nText.\n', options: { '*.md': { properties: { title: { type: 'string' } } } } },
  ],
  invalid: [
    {
      name: 'fixture: invalid YAML is reported at its line, with or without a schema',
      code: { 'broken-yaml.md': fixture('broken-yaml.md') },
      errors: [{ messageId: 'invalidYaml', line: 4, column: 1, file: 'broken-yaml.md', message: 'Front matter is not valid YAML: Flow sequence in block collection must be sufficiently indented and end with a ].' }],
    },
    {
      name: 'fixture: wrong values, types and an unknown key',
      code: { 'patterns/circuit-breaker.md': fixture('pattern.md') },
      options: patternSchema,
      errors: [
        { messageId: 'missingKey', line: 1, column: 1, endLine: 8, message: 'Front matter lacks the key "summary" that "patterns/*.md" requires.' },
        { messageId: 'notAllowed', line: 3, column: 9, endColumn: 17, message: 'Front matter key "status" is "publishd"; allowed: "draft", "stable", "deprecated".' },
        { messageId: 'wrongType', line: 4, column: 8, endColumn: 11, message: 'Front matter key "order" must be an integer, not a string.' },
        { messageId: 'wrongType', line: 5, column: 7, message: 'Front matter key "tags" must be a list of string values, not a list.' },
        { messageId: 'wrongType', line: 6, column: 11, message: 'Front matter key "reviewed" must be a date (YYYY-MM-DD), not a string.' },
        { messageId: 'unknownKey', line: 7, column: 1, endColumn: 6, message: 'Front matter key "owner" is not in the schema for "patterns/*.md".' },
      ],
    },
    {
      name: 'no front matter where keys are required',
      code: { 'patterns/x.md': '# X\n' },
      options: patternSchema,
      errors: [{ messageId: 'missingFrontMatter', line: 1, column: 1, message: 'No front matter; "patterns/*.md" requires the keys "title", "status", "summary".' }],
    },
    {
      name: 'front matter that is a list, not a mapping',
      code: '---\n- a\n- b\n---\n',
      options: { '*.md': { required: ['title'] } },
      errors: [{ messageId: 'notMapping', line: 1, column: 1, message: 'Front matter must be a mapping of keys to values, not a list.' }],
    },
    {
      name: 'duplicate keys are invalid YAML',
      code: '---\ntitle: a\ntitle: b\n---\n',
      errors: [{ messageId: 'invalidYaml', line: 3, column: 1, message: 'Map keys must be unique' }],
    },
    {
      name: 'a typo in a key gets a suggestion; an empty required value has the wrong type',
      code: { 'patterns/x.md': '---\ntitel: X\ntitle:\nstatus: draft\nsummary: S\n---\n' },
      options: patternSchema,
      errors: [
        { messageId: 'unknownKey', line: 2, column: 1, suggestion: 'Did you mean "title"?' },
        { messageId: 'wrongType', line: 3, column: 1, message: 'must be a string, not empty' },
      ],
    },
  ],
});
