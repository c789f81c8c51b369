/**
 * Only regular files inside the repository are read (issue 25): a FIFO named *.md, a symbolic
 * link to a device or out of the repository, a link that leads nowhere or loops — each is one
 * file-read diagnostic on its own path, never opened, and the rest of the run goes on: the good
 * file's broken link beside them is reported, in a folder walk, a glob or when named. File names
 * with line breaks, also in folder names, are linted like any other. The CLI runs as a child
 * process (dist/): a FIFO that were opened would hang it, which the timeout turns into a failure.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runBin, tempProject, type CliResult } from '../helpers/cli-harness.js';

const hasFifos = process.platform !== 'win32';
const LINE_BREAK_FILE = 'odd\nname.md';
const LINE_BREAK_FOLDER_FILE = 'odd\nfolder/in\nside.md';

interface JsonDiagnostic {
  file: string;
  line: number;
  column: number;
  ruleId: string;
  messageId: string;
  message: string;
}

function crafted(): string {
  const root = tempProject({
    'agentops-lint.config.yaml': 'extends: [recommended]\n',
    'good.md': '# Good\n\nSee [the guide](missing-guide.md).\n',
    [LINE_BREAK_FILE]: '# Odd name\n\n[broken](nowhere.md)\n',
    [LINE_BREAK_FOLDER_FILE]: '# Odd folder\n\n[broken](nowhere.md)\n',
  });
  symlinkSync('/dev/zero', path.join(root, 'zero.md'));
  symlinkSync('/etc/hostname', path.join(root, 'outside.md'));
  symlinkSync('nowhere-at-all.md', path.join(root, 'dangling.md'));
  symlinkSync('loop.md', path.join(root, 'loop.md'));
  if (hasFifos) {
    execFileSync('mkfifo', [path.join(root, 'fifo.md')]);
    mkdirSync(path.join(root, 'sub'));
    symlinkSync('../fifo.md', path.join(root, 'sub', 'to-fifo.md'));
  }
  return root;
}

const diagnosticsOf = (result: CliResult): JsonDiagnostic[] =>
  (JSON.parse(result.stdout) as { diagnostics: JsonDiagnostic[] }).diagnostics;
const summary = (result: CliResult): string[] =>
  diagnosticsOf(result).map(
    (found) => `${JSON.stringify(found.file)}:${found.line}:${found.column} ${found.ruleId}/${found.messageId}`,
  );

const GOOD = '"good.md":3:17 links/missing';
const LINE_BREAKS = ['"odd\\nfolder/in\\nside.md":3:10 links/missing', '"odd\\nname.md":3:10 links/missing'];
const FIFO = '"fifo.md":1:1 file-read/notRegular';
const FIFO_THROUGH_LINK = '"sub/to-fifo.md":1:1 file-read/notRegular';

describe('special files beside a good file', () => {
  let root: string;
  beforeAll(() => {
    root = crafted();
  });

  it('a folder walk reports the FIFOs without opening them, lints names with line breaks and skips symbolic links', async () => {
    for (const threads of [['--no-threads'], ['--threads', '2']]) {
      const result = await runBin(['--format', 'json', ...threads], root);
      expect(result.stderr).toBe('');
      expect(result.exitCode).toBe(1);
      expect(summary(result)).toEqual(hasFifos ? [FIFO, GOOD, ...LINE_BREAKS] : [GOOD, ...LINE_BREAKS]);
      expect(diagnosticsOf(result).find((found) => found.file === 'fifo.md')?.message).toBe(
        'Not a regular file (a FIFO); not read.',
      );
    }
  });

  it('named symbolic links that lead nowhere, loop, leave the repository or reach a FIFO are each a diagnostic on their path', async () => {
    const named = [
      'dangling.md',
      'loop.md',
      'zero.md',
      'outside.md',
      'good.md',
      ...(hasFifos ? ['fifo.md', 'sub/to-fifo.md'] : []),
    ];
    const result = await runBin(['--format', 'json', ...named], root);
    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(1);
    expect(summary(result)).toEqual([
      '"dangling.md":1:1 file-read/brokenSymlink',
      ...(hasFifos ? [FIFO] : []),
      GOOD,
      '"loop.md":1:1 file-read/brokenSymlink',
      '"outside.md":1:1 file-read/outsideRepository',
      ...(hasFifos ? [FIFO_THROUGH_LINK] : []),
      '"zero.md":1:1 file-read/outsideRepository',
    ]);
    const messages = new Map(diagnosticsOf(result).map((found) => [found.file, found.message]));
    expect(messages.get('dangling.md')).toBe('Symbolic link cannot be followed: its target does not exist.');
    expect(messages.get('loop.md')).toBe('Symbolic link cannot be followed: the links loop.');
    expect(messages.get('zero.md')).toBe(
      'Symbolic link to a path outside the repository; not followed (the gate reads only files inside the repository).',
    );
  });

  it('a glob reports the FIFO and the good file', async () => {
    const result = await runBin(['--format', 'json', '**/*.md'], root);
    expect(result.exitCode).toBe(1);
    expect(summary(result)).toEqual(hasFifos ? [FIFO, GOOD, ...LINE_BREAKS] : [GOOD, ...LINE_BREAKS]);
  });

  it('a link to a symbolic link to a device is not followed for its facts (it used to read /dev/zero without end)', async () => {
    const linking = tempProject({
      'agentops-lint.config.yaml': 'extends: [all]\n',
      'good.md': '# Good\n\nSee [zero](zero.md#top) and [the guide](missing-guide.md).\n',
    });
    symlinkSync('/dev/zero', path.join(linking, 'zero.md'));
    const result = await runBin(['--format', 'json', 'good.md'], linking);
    expect(result.exitCode).toBe(1);
    expect(summary(result)).toEqual(['"good.md":3:12 links/toSymlink', '"good.md":3:41 links/missing']);
  });
});
