/**
 * The parts of code actions that the protocol test does not reach: positions in a text with a
 * byte-order mark, the one edit of "fix all", and which kinds are offered when.
 */
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/core/diagnostic.js';
import { codeActions, DocumentFindings, fixAllEdit } from '../../src/lsp/code-actions.js';
import { EditorText, toProtocolDiagnostic } from '../../src/lsp/protocol-diagnostics.js';

function diagnostic(overrides: Partial<Diagnostic>): Diagnostic {
  return {
    file: 'a.md',
    line: 1,
    column: 1,
    endLine: 1,
    endColumn: 2,
    ruleId: 'links',
    messageId: 'missing',
    severity: 'error',
    message: 'Broken.',
    ...overrides,
  };
}

describe('EditorText', () => {
  it('moves positions on the first line and every edit offset past a byte-order mark', () => {
    const text = new EditorText('\uFEFF# A\nb\n');
    expect(text.analysedText).toBe('# A\nb\n');
    expect(text.positionOf(1, 3)).toEqual({ line: 0, character: 3 });
    expect(text.positionOf(2, 1)).toEqual({ line: 1, character: 0 });
    expect(text.edits([{ start: 2, end: 3, text: 'B' }])).toEqual([
      { range: { start: { line: 0, character: 3 }, end: { line: 0, character: 4 } }, newText: 'B' },
    ]);
  });

  it('shows the suggestion after the message and links the rule page', () => {
    const published = toProtocolDiagnostic(
      diagnostic({ suggestion: 'did you mean "b.md"?', severity: 'warn' }),
      new EditorText('x\n'),
    );
    expect(published).toMatchObject({
      message: 'Broken. did you mean "b.md"?',
      severity: 2,
      code: 'links',
      source: 'agentops-lint',
      data: { ruleId: 'links', messageId: 'missing' },
    });
    expect(published.codeDescription?.href).toMatch(/\/rules\/links\.md$/);
    expect(
      toProtocolDiagnostic(diagnostic({ ruleId: 'rule-crash' }), new EditorText('x\n')).codeDescription?.href,
    ).toMatch(/docs\/configuration\.md#engine-diagnostics$/);
  });
});

describe('code actions', () => {
  const text = '[a](A.md) and [b](B.md)\n';
  const fixes = [
    diagnostic({ column: 5, endColumn: 9, fix: [{ start: 4, end: 8, text: 'a.md' }] }),
    diagnostic({ column: 19, endColumn: 23, fix: [{ start: 18, end: 22, text: 'b.md' }] }),
  ];

  it('fixes everything in one edit over the part that changed', () => {
    const findings = new DocumentFindings('file:///a.md', 1, new EditorText(text), fixes);
    expect(fixAllEdit(findings)).toEqual({
      range: { start: { line: 0, character: 4 }, end: { line: 0, character: 19 } },
      newText: 'a.md) and [b](b',
    });
  });

  it('offers quick fixes where the cursor is, and fix all beside them or when asked for by kind', () => {
    const findings = new DocumentFindings('file:///a.md', 1, new EditorText(text), fixes);
    const atFirst = codeActions(findings, { start: { line: 0, character: 6 }, end: { line: 0, character: 6 } });
    expect(atFirst.map((action) => action.title)).toEqual([
      'Fix this links problem',
      'Disable links for this line',
      'Fix all certain agentops-lint problems in this file',
    ]);
    expect(
      codeActions(findings, { start: { line: 0, character: 6 }, end: { line: 0, character: 6 } }, ['quickfix']).map(
        (action) => action.kind,
      ),
    ).toEqual(['quickfix', 'quickfix']);
    expect(codeActions(findings, { start: { line: 5, character: 0 }, end: { line: 5, character: 0 } })).toEqual([]);
    expect(
      codeActions(findings, { start: { line: 5, character: 0 }, end: { line: 5, character: 0 } }, [
        'source.fixAll',
      ]).map((action) => action.kind),
    ).toEqual(['source.fixAll.agentops-lint']);
  });

  it('never offers to disable the engine’s own diagnostics', () => {
    const findings = new DocumentFindings('file:///a.md', 1, new EditorText(text), [
      diagnostic({ ruleId: 'control-comments' }),
    ]);
    expect(codeActions(findings, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } })).toEqual([]);
  });
});
