/**
 * Issue 12, item 4, through the real command line: a did-you-mean is offered only when one answer
 * is clearly best, and messages show the link as written in the file and the suggestion as it
 * should be written there.
 */
import { describe, expect, it } from 'vitest';
import { runCli, tempProject } from '../helpers/cli-harness.js';

const CONFIG = 'extends: []\nrules:\n  links: error\n  anchors: error\n';

async function lintJson(
  files: Record<string, string>,
): Promise<{ file: string; line: number; column: number; message: string; suggestion?: string }[]> {
  const result = await runCli(['--format', 'json'], {
    cwd: tempProject({ 'agentops-lint.config.yaml': CONFIG, ...files }),
  });
  return (
    JSON.parse(result.stdout) as {
      diagnostics: { file: string; line: number; column: number; message: string; suggestion?: string }[];
    }
  ).diagnostics.map(({ file, line, column, message, suggestion }) => ({
    file,
    line,
    column,
    message,
    ...(suggestion === undefined ? {} : { suggestion }),
  }));
}

describe('did you mean', () => {
  it('several files share the missing name: no guess by edit distance (factors/ is not assets/)', async () => {
    expect(
      await lintJson({
        'content/intro/start.md': 'Read [the factors](../../factors/README.md).\n',
        'assets/README.md': '# Assets\n',
        'content/README.md': '# Content\n',
        'README.md': '# Root\n',
      }),
    ).toEqual([
      {
        file: 'content/intro/start.md',
        line: 1,
        column: 20,
        message: 'Link target "../../factors/README.md" does not exist.',
      },
    ]);
  });

  it("of several, the only one under a folder of the link's names is offered, written relative to the file", async () => {
    expect(
      await lintJson({
        'content/intro/start.md': 'Read [the factors](../../factors/README.md).\n',
        'assets/README.md': '# Assets\n',
        'docs/factors/README.md': '# Factors\n',
        'README.md': '# Root\n',
      }),
    ).toEqual([
      {
        file: 'content/intro/start.md',
        line: 1,
        column: 20,
        message: 'Link target "../../factors/README.md" does not exist.',
        suggestion:
          'did you mean "../../docs/factors/README.md"? (of 3 files named "README.md", the only one whose path ends with "factors/README.md")',
      },
    ]);
  });

  it('the folders the link names count, not the folders of the linking file (kubernetes-community elections/ and events/)', async () => {
    expect(
      await lintJson({
        'elections/steering/documentation/README.md': '[elections](elections/README.md)\n',
        'elections/README.md': '# Elections\n',
        'elections/steering/README.md': '# Steering\n',
        'elections/steering/documentation/template/README.md': '# Template\n',
        'events/events-team/content/contributor-workshops.md': '[workshops](./new-contributor-workshops/README.md)\n',
        'events/events-team/content/README.md': '# Content\n',
      }),
    ).toEqual([
      {
        file: 'elections/steering/documentation/README.md',
        line: 1,
        column: 13,
        message: 'Link target "elections/README.md" does not exist.',
        suggestion:
          'did you mean "../../README.md"? (of 4 files named "README.md", the only one whose path ends with "elections/README.md")',
      },
      {
        file: 'events/events-team/content/contributor-workshops.md',
        line: 1,
        column: 13,
        message: 'Link target "./new-contributor-workshops/README.md" does not exist.',
      },
    ]);
  });

  it('the link is shown as written and the suggestion as it should be written: ./marketplace/ stays ./marketplace/', async () => {
    expect(
      await lintJson({
        'docs/index.md':
          '- [Marketplace](./Marketplace/)\n- [Listing](./marketplac/listing.md)\n- [Home](../READNE.md)\n',
        'docs/marketplace/listing.md': '# Listing\n',
        'README.md': '# Home\n',
      }),
    ).toEqual([
      {
        file: 'docs/index.md',
        line: 1,
        column: 17,
        message:
          'Link target "./Marketplace/" exists only as "./marketplace/": paths are case-sensitive on GitHub and Linux.',
      },
      {
        file: 'docs/index.md',
        line: 2,
        column: 13,
        message: 'Link target "./marketplac/listing.md" does not exist.',
        suggestion: 'did you mean "./marketplace/listing.md"? (the only other "listing.md" in the repository)',
      },
      {
        file: 'docs/index.md',
        line: 3,
        column: 10,
        message: 'Link target "../READNE.md" does not exist.',
        suggestion: 'did you mean "../README.md"? (the nearest existing path)',
      },
    ]);
  });

  it('anchors name the page as the link writes it; two equally near headings: no guess', async () => {
    expect(
      await lintJson({
        'docs/a/b.md': '[step](../../guide.md#step-2)\n',
        'guide.md': '# Guide\n\n## Step 1\n\n## Step 3\n',
      }),
    ).toEqual([
      { file: 'docs/a/b.md', line: 1, column: 8, message: 'No heading or anchor "#step-2" in "../../guide.md".' },
    ]);
  });
});
