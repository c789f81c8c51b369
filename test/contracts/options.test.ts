/**
 * Contract rules take per-glob options; a mistake in them must be a config error that names the
 * key path, the bad value and what was expected.
 */
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/core/errors.js';
import { parseConfigText } from '../../src/config/load.js';
import { REGISTRY } from '../../rules/index.js';

function configError(yaml: string): string {
  try {
    parseConfigText(yaml, '/repo/agentops-lint.config.yaml', REGISTRY.configContext, 'agentops-lint.config.yaml');
  } catch (error) {
    if (error instanceof ConfigError) return error.message;
    throw error;
  }
  throw new Error('expected a config error');
}

describe('contract rule options', () => {
  it('an unknown key inside a glob contract gets a did-you-mean', () => {
    expect(
      configError('rules:\n  required-sections:\n    - error\n    - "factors/*.md":\n        sectons: [Mission]\n'),
    ).toBe(
      'agentops-lint.config.yaml:4:7: rules.required-sections[1]["factors/*.md"].sections: is required: expected a list\n' +
        'agentops-lint.config.yaml:5:9: rules.required-sections[1]["factors/*.md"]: unknown key "sectons" (did you mean "sections"?)',
    );
  });

  it('an invalid regular expression names the pattern', () => {
    expect(
      configError('rules:\n  required-content:\n    - error\n    - README.md:\n        - allOf: ["/(unclosed/"]\n'),
    ).toMatch(
      /^agentops-lint\.config\.yaml:5:19: rules\.required-content\[1\]\["README\.md"\]\[0\]\.allOf\[0\]: invalid regular expression \/\(unclosed\/: Unterminated group \(got "\/\(unclosed\/"\)$/,
    );
  });

  it('a section that is neither text nor { heading, level, minLevel, maxLevel, nonEmpty }', () => {
    expect(configError('rules:\n  required-sections: [error, { "*.md": { sections: [42] } }]\n')).toBe(
      'agentops-lint.config.yaml:2:53: rules.required-sections[1]["*.md"].sections[0]: expected a heading (text or /regex/flags), or { heading, level, minLevel, maxLevel, nonEmpty } (got 42)',
    );
  });

  it('a section takes level, or minLevel and maxLevel in order', () => {
    expect(
      configError(
        'rules:\n  required-sections: [error, { "*.md": { sections: [{ heading: Rule, level: 2, minLevel: 2 }] } }]\n',
      ),
    ).toContain('rules.required-sections[1]["*.md"].sections[0]: give level, or minLevel and maxLevel, not both');
    expect(
      configError(
        'rules:\n  required-sections: [error, { "*.md": { sections: [{ heading: Rule, minLevel: 4, maxLevel: 2 }] } }]\n',
      ),
    ).toContain('minLevel is greater than maxLevel');
  });

  it('a YAML comment where a quoted "## heading" was meant leaves an empty entry, which is reported', () => {
    expect(
      configError(
        'rules:\n  required-sections:\n    - error\n    - PRODUCT.md:\n        sections:\n          - ## Mission\n',
      ),
    ).toContain(
      'rules.required-sections[1]["PRODUCT.md"].sections[0]: expected a heading (text or /regex/flags), or { heading, level, minLevel, maxLevel, nonEmpty } (got null)',
    );
  });

  it('word-count needs min or max, and min <= max', () => {
    expect(configError('rules:\n  word-count: [error, { "*.md": {} }]\n')).toContain(
      'rules.word-count[1]["*.md"]: give min, max or both',
    );
    expect(configError('rules:\n  word-count: [error, { "*.md": { min: 10, max: 5 } }]\n')).toContain(
      'min is greater than max',
    );
  });

  it('required-content needs exactly one of allOf and anyOf', () => {
    expect(configError('rules:\n  required-content: [error, { "*.md": [{ allOf: [a], anyOf: [b] }] }]\n')).toContain(
      'give exactly one of allOf or anyOf',
    );
  });

  it('required-files entries are paths, { path, message } or { glob, min, max, message }', () => {
    expect(configError('rules:\n  required-files: [error, { files: [{ glob: "a/*", mn: 2 }] }]\n')).toContain(
      'unknown key "mn" (did you mean "min"?)',
    );
    expect(configError('rules:\n  required-files: [error, { files: [7] }]\n')).toContain(
      'expected a path or glob, { path, message }, or { glob, min, max, message } (got 7)',
    );
    expect(configError('rules:\n  required-files: [error, { files: [{ path: a.md, glob: "a/*" }] }]\n')).toContain(
      'rules.required-files[1].files[0]: give path or glob (exactly one of them)',
    );
    expect(configError('rules:\n  required-files: [error, { files: [{ path: a.md, min: 2 }] }]\n')).toContain(
      'min and max count the files of a glob; a path either exists or not',
    );
  });

  it('front matter schemas use known types', () => {
    expect(
      configError('rules:\n  frontmatter: [error, { "*.md": { properties: { status: { type: text } } } }]\n'),
    ).toContain(
      'rules.frontmatter[1]["*.md"].properties.status.type: expected one of "string", "number", "integer", "boolean", "date", "array", "object" (got "text")',
    );
  });
});
