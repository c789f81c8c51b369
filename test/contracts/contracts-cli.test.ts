/**
 * Issue 12, item 7, through the real command line: the contract options a real repository needed
 * when its shell checks were rewritten as one config, and messages written for the contributor
 * who must fix the file (what is missing, where, what was found instead), never in config notation.
 */
import { describe, expect, it } from 'vitest';
import { runCli, tempProject } from '../helpers/cli-harness.js';

interface Reported {
  file: string;
  line: number;
  column: number;
  ruleId: string;
  message: string;
  suggestion?: string;
}

async function lintJson(root: string, ...args: string[]): Promise<{ exitCode: number; diagnostics: Reported[] }> {
  const result = await runCli([...args, '--format', 'json'], { cwd: root });
  const diagnostics = (JSON.parse(result.stdout) as { diagnostics: Reported[] }).diagnostics.map(
    ({ file, line, column, ruleId, message, suggestion }) => ({
      file,
      line,
      column,
      ruleId,
      message,
      ...(suggestion === undefined ? {} : { suggestion }),
    }),
  );
  return { exitCode: result.exitCode, diagnostics };
}

const FACTORS_CONFIG = `extends: []
rules:
  required-sections:
    - error
    - "factors/*.md":
        sections:
          - { heading: "/rule/i", minLevel: 2 }
      PRODUCT.md:
        sections: [{ heading: Mission, level: 2 }]
  required-content:
    - error
    - README.md:
        - { allOf: [Operational Discipline], caseSensitive: true, message: The README introduces Operational Discipline }
`;

describe('required-sections and required-content', () => {
  it('minLevel accepts the heading at any depth from 2, as the shell check did; messages and hints speak to the contributor', async () => {
    const root = tempProject({
      'agentops-lint.config.yaml': FACTORS_CONFIG,
      'factors/01-context.md': '# 01 Context\n\n#### The Rule\n\nText.\n',
      'factors/02-gates.md': '# The Rule of gates\n\nText.\n',
      'factors/03-tools.md': '# 03 Tools\n\n## Steps\n',
      'PRODUCT.md': '# Product\n\n## Mission Statement\n\nShip it.\n',
      'README.md': '# Framework\n\nThe operational discipline comes first.\n',
    });
    const { exitCode, diagnostics } = await lintJson(root);
    expect(exitCode).toBe(1);
    expect(diagnostics).toEqual([
      {
        file: 'PRODUCT.md',
        line: 1,
        column: 1,
        ruleId: 'required-sections',
        message: 'Missing required section "Mission" (a level-2 "##" heading).',
        suggestion: 'Found the heading "Mission Statement" on line 3: the contract wants exactly "Mission".',
      },
      {
        file: 'README.md',
        line: 1,
        column: 1,
        ruleId: 'required-content',
        message: 'Missing required text "Operational Discipline": The README introduces Operational Discipline.',
        suggestion:
          'Found "operational discipline" on line 3: the contract wants "Operational Discipline" in that letter case.',
      },
      {
        file: 'factors/02-gates.md',
        line: 1,
        column: 1,
        ruleId: 'required-sections',
        message: 'Section "The Rule of gates" is a level-1 heading ("#"); it must be level 2 to 6 ("##" to "######").',
      },
      {
        file: 'factors/03-tools.md',
        line: 1,
        column: 1,
        ruleId: 'required-sections',
        message:
          'Missing required section with a heading containing "rule" (a heading of level 2 to 6, "##" to "######").',
      },
    ]);
    // No config notation reaches a message: no /regex/flags, no glob.
    for (const { message, suggestion } of diagnostics)
      expect(`${message} ${suggestion ?? ''}`).not.toMatch(/\/rule\/i|factors\/\*|\*\.md/);
  });
});

describe('required-files', () => {
  it('every entry form takes a message, and counts say where and what was found, not the glob', async () => {
    const root = tempProject({
      'agentops-lint.config.yaml': `extends: []
rules:
  required-files:
    - error
    - files:
        - { path: PRODUCT.md, message: Agents read the product brief first }
        - { path: docs/plans/, message: Plans live in the repository }
        - { glob: "factors/[0-9][0-9]-*.md", min: 3, message: The framework has three factors }
`,
      'README.md': '# Framework\n',
      'factors/01-context.md': '# 01\n',
      'factors/02-gates.md': '# 02\n',
    });
    expect((await lintJson(root)).diagnostics).toEqual([
      {
        file: 'PRODUCT.md',
        line: 1,
        column: 1,
        ruleId: 'required-files',
        message: 'Required file "PRODUCT.md" is missing: Agents read the product brief first.',
      },
      {
        file: 'docs/plans',
        line: 1,
        column: 1,
        ruleId: 'required-files',
        message: 'Required folder "docs/plans/" is missing: Plans live in the repository.',
      },
      {
        file: 'factors',
        line: 1,
        column: 1,
        ruleId: 'required-files',
        message:
          '"factors/" has 2 matching files (01-context.md, 02-gates.md); at least 3 are required: The framework has three factors.',
      },
    ]);
  });
});

describe('searching code and plain-text files', () => {
  const CONFIG = `extends: []
rules:
  deprecated-phrases:
    - error
    - phrases: [{ phrase: Shift-Left Validation, use: validation gates }]
      code: true
      plainTextFiles: ["**/*.svg"]
  required-content:
    - error
    - "docs/diagrams/*.svg":
        - { allOf: [Validation Gates], plainText: true, message: Every diagram shows the gates }
`;
  const files = {
    'agentops-lint.config.yaml': CONFIG,
    'README.md': '# Framework\n\n```sh\nmake shift-left validation\n```\n',
    'docs/guide.md': '# Guide\n',
    'docs/diagrams/flow.svg':
      '<svg xmlns="http://www.w3.org/2000/svg">\n  <text>Shift-Left Validation</text>\n</svg>\n',
    'docs/diagrams/gates.svg': '<svg><text>Validation Gates</text></svg>\n',
    'assets/logo.png': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00]),
  };

  it('code blocks and SVG labels are searched; SVGs are reported at their own lines', async () => {
    const root = tempProject(files);
    expect((await lintJson(root)).diagnostics).toEqual([
      {
        file: 'README.md',
        line: 4,
        column: 6,
        ruleId: 'deprecated-phrases',
        message: '"shift-left validation" is a retired phrase: use "validation gates".',
      },
      {
        file: 'docs/diagrams/flow.svg',
        line: 1,
        column: 1,
        ruleId: 'required-content',
        message: 'Missing required text "Validation Gates": Every diagram shows the gates.',
      },
      {
        file: 'docs/diagrams/flow.svg',
        line: 2,
        column: 9,
        ruleId: 'deprecated-phrases',
        message: '"Shift-Left Validation" is a retired phrase: use "validation gates".',
      },
    ]);
  });

  it('plain-text files are searched only where the run looks: not for a file named alone, yes for their folder', async () => {
    const root = tempProject(files);
    expect((await lintJson(root, 'README.md')).diagnostics.map((d) => d.file)).toEqual(['README.md']);
    expect((await lintJson(root, 'docs')).diagnostics.map((d) => `${d.file}:${d.line} ${d.ruleId}`)).toEqual([
      'docs/diagrams/flow.svg:1 required-content',
      'docs/diagrams/flow.svg:2 deprecated-phrases',
    ]);
  });

  it('--fix rewrites the code block but never a plain-text file', async () => {
    const root = tempProject(files);
    expect((await runCli(['--fix'], { cwd: root })).exitCode).toBe(1);
    const after = await lintJson(root);
    expect(after.diagnostics.map((d) => `${d.file}:${d.line} ${d.ruleId}`)).toEqual([
      'docs/diagrams/flow.svg:1 required-content',
      'docs/diagrams/flow.svg:2 deprecated-phrases',
    ]);
  });
});
