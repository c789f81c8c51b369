/**
 * A failure outside the rules (here the parser, made to throw as a stack overflow would) is the
 * file's parse-error diagnostic, exit code 1 as for any error, and the other files are reported
 * in full. The parser is replaced for this file only: no real input makes it fail any more.
 */
import { describe, expect, it, vi } from 'vitest';

vi.mock('../../src/markdown/parse.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../src/markdown/parse.js')>();
  const failIf = (text: string) => {
    if (text.includes('PARSER-FAILS-HERE')) throw new RangeError('Maximum call stack size exceeded');
  };
  return {
    ...original,
    parseMarkdownWithLimits: (text: string) => {
      failIf(text);
      return original.parseMarkdownWithLimits(text);
    },
  };
});

const { analyzeBytes } = await import('../../src/engine/analyze-file.js');
const { lintInMemory } = await import('../helpers/rule-tester.js');

describe('a file whose analysis fails', () => {
  it('becomes one parse-error naming the step and the error; no facts, the decoded text kept', () => {
    const analysis = analyzeBytes('bad.md', new TextEncoder().encode('\ufeffPARSER-FAILS-HERE\n'), []);
    expect(analysis.crashed).toBe(false);
    expect(analysis.facts).toBeUndefined();
    expect(analysis.text).toBe('PARSER-FAILS-HERE\n');
    expect(analysis.bom).toBe(true);
    expect(
      analysis.diagnostics.map(({ ruleId, messageId, severity, start, message }) => ({
        ruleId,
        messageId,
        severity,
        start,
        message,
      })),
    ).toEqual([
      {
        ruleId: 'parse-error',
        messageId: 'failed',
        severity: 'error',
        start: 0,
        message:
          'This file could not be analysed: parsing failed (RangeError: Maximum call stack size exceeded). The other files were checked; please report this.',
      },
    ]);
  });

  it('does not stop the run: the other files are reported, and the run did not crash (exit 1, not 2)', async () => {
    const { diagnostics, crashed } = await lintInMemory(
      { 'bad.md': 'PARSER-FAILS-HERE\n', 'good.md': '[x](bad.md#anchor) [y](missing.md)\n' },
      { rules: { links: 'error', anchors: 'error' } },
    );
    expect(crashed).toBe(false);
    expect(
      diagnostics.map(({ file, line, column, ruleId, messageId }) => ({ file, line, column, ruleId, messageId })),
    ).toEqual([
      { file: 'bad.md', line: 1, column: 1, ruleId: 'parse-error', messageId: 'failed' },
      // The link into the failed file is not judged: its anchors are unknown.
      { file: 'good.md', line: 1, column: 24, ruleId: 'links', messageId: 'missing' },
    ]);
  });
});
