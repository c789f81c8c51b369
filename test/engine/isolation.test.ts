/**
 * One bad file never costs the report: whatever cannot be decoded, parsed or analysed becomes a
 * diagnostic on that file (file-read or parse-error) and the other files are checked as usual.
 */
import { describe, expect, it } from 'vitest';
import { analyzeBytes, analyzeText } from '../../src/engine/analyze-file.js';
import { MAX_NESTING_DEPTH } from '../../src/markdown/nesting.js';
import { lintInMemory } from '../helpers/rule-tester.js';
import { cpuTimed } from '../helpers/cpu-time.js';
import { REGISTRY } from '../../rules/index.js';
import type { EnabledRule } from '../../src/config/file-settings.js';

/** Every registered rule at its default severity: what `extends: [all]` runs. */
const ALL_RULES: EnabledRule[] = [...REGISTRY.byId.values()].map((rule) => ({
  rule,
  severity: rule.defaultSeverity,
  options: rule.options.parse({}),
}));

const brief = (diagnostics: { ruleId: string; messageId: string; start: number }[]) =>
  diagnostics.map(({ ruleId, messageId, start }) => ({ ruleId, messageId, start }));

function utf16(text: string, littleEndian: boolean, bom: boolean): Uint8Array {
  const bytes: number[] = bom ? (littleEndian ? [0xff, 0xfe] : [0xfe, 0xff]) : [];
  for (const character of text) {
    const code = character.charCodeAt(0);
    bytes.push(...(littleEndian ? [code & 0xff, code >> 8] : [code >> 8, code & 0xff]));
  }
  return new Uint8Array(bytes);
}

describe('nesting deeper than the limit', () => {
  it('50,000 nested quotes: one parse-error at the deep line, every rule runs on the rest of the file', () => {
    const text = `# Deep\n\n${'> '.repeat(50_000)}deep\n\nSee [the guide](missing.md#setup).\n`;
    // CPU time, which a loaded machine does not stretch as it does the wall clock.
    const { result: analysis, cpuMs } = cpuTimed(() => analyzeText('deep.md', text, ALL_RULES));
    expect(cpuMs).toBeLessThan(10_000);
    expect(analysis.crashed).toBe(false);
    expect(brief(analysis.diagnostics).filter((diagnostic) => diagnostic.ruleId === 'parse-error')).toEqual([
      { ruleId: 'parse-error', messageId: 'tooDeep', start: '# Deep\n\n'.length },
    ]);
    expect(analysis.diagnostics.find((diagnostic) => diagnostic.ruleId === 'parse-error')!.message).toBe(
      `Nesting deeper than ${MAX_NESTING_DEPTH} levels (block quotes, lists, emphasis, links) is not analysed: skipped here.`,
    );
    expect(analysis.facts!.links.map((link) => [link.url, link.start])).toEqual([
      ['missing.md#setup', text.indexOf('[the guide]')],
    ]);
  });

  it('10,000 nested lists on one line and a second deep place are counted in one diagnostic', () => {
    const text = `${'- '.repeat(10_000)}x\n\n${'> '.repeat(200)}y\n`;
    const [diagnostic] = analyzeText('lists.md', text, ALL_RULES).diagnostics.filter(
      (found) => found.ruleId === 'parse-error',
    );
    expect(diagnostic!.message).toMatch(/: skipped here and in 1 more place of this file\.$/);
    expect(diagnostic!.start).toBe(0);
  });
});

describe('decoding', () => {
  it('names UTF-16 as UTF-16, with or without a byte-order mark, big- or little-endian', () => {
    const message = (bytes: Uint8Array) =>
      analyzeBytes('u.md', bytes, []).diagnostics.map(
        (diagnostic) => `${diagnostic.ruleId}/${diagnostic.messageId}: ${diagnostic.message}`,
      );
    expect(message(utf16('# Title\n\nText.\n', true, true))).toEqual([
      'file-read/utf16: UTF-16 text (little-endian, with a byte-order mark); Markdown must be UTF-8: save the file as UTF-8.',
    ]);
    expect(message(utf16('# Title\n\nText.\n', false, true))).toEqual([
      'file-read/utf16: UTF-16 text (big-endian, with a byte-order mark); Markdown must be UTF-8: save the file as UTF-8.',
    ]);
    expect(message(utf16('# Title\n\nText.\n', true, false))).toEqual([
      'file-read/utf16: UTF-16 text (little-endian, without a byte-order mark); Markdown must be UTF-8: save the file as UTF-8.',
    ]);
    expect(message(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d]))).toEqual([
      'file-read/binary: Binary file (contains NUL bytes); Markdown must be text.',
    ]);
  });
});

describe('a project with a bad file', () => {
  it('reports the good files in full next to the bad ones', async () => {
    const { diagnostics, crashed } = await lintInMemory(
      {
        'deep.md': `${'> '.repeat(20_000)}x\n`,
        'utf16.md': utf16('# T\n', true, true),
        'binary.md': new Uint8Array([0x23, 0x00, 0x41]),
        'good.md': '# Good\n\nSee [missing](missing.md).\n',
      },
      { rules: { links: 'error' } },
    );
    expect(crashed).toBe(false);
    expect(
      diagnostics.map(({ file, line, column, ruleId, messageId }) => ({ file, line, column, ruleId, messageId })),
    ).toEqual([
      { file: 'binary.md', line: 1, column: 1, ruleId: 'file-read', messageId: 'binary' },
      { file: 'deep.md', line: 1, column: 1, ruleId: 'parse-error', messageId: 'tooDeep' },
      { file: 'good.md', line: 3, column: 15, ruleId: 'links', messageId: 'missing' },
      { file: 'utf16.md', line: 1, column: 1, ruleId: 'file-read', messageId: 'utf16' },
    ]);
  });

  it('a parse-error can be silenced for its file with a control comment, like any problem', async () => {
    const { diagnostics } = await lintInMemory(
      { 'deep.md': `<!-- agentops-lint-disable-file parse-error -- generated -->\n\n${'> '.repeat(200)}x\n` },
      { rules: {} },
    );
    expect(diagnostics).toEqual([]);
  });
});
