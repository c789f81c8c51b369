/**
 * LiveProject, the repository kept open between runs: an edit re-analyses only the edited file,
 * and the project rules see the edit in every other file; changes on disk and in the config are
 * taken in when reported (diskChanged) or looked for (verifyDisk).
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectServices } from '../../src/cli/server-services.js';
import type { CliIo } from '../../src/core/io.js';
import { bigPage } from '../../bench/big-page.js';
import { LARGE_DOCUMENT_BYTES, LiveProject } from '../../src/lsp/live-project.js';
import { tempProject } from '../helpers/cli-harness.js';

const GUIDE = '# Guide\n\n## Install steps\n\nRun the installer.\n';
const INDEX = '# Index\n\nSee [the steps](guide.md#install-steps).\n';
const OTHER = '# Other\n\nNothing to see.\n';

function io(root: string): CliIo {
  return { cwd: root, env: {}, stdout: () => {}, stderr: () => {}, stdoutIsTTY: false };
}

async function open(files: Record<string, string>): Promise<{ root: string; project: LiveProject }> {
  const root = tempProject(files);
  const project = await LiveProject.open(root, projectServices(io(root), { threads: false }));
  return { root, project };
}

async function findings(project: LiveProject, targets: string[]): Promise<string[]> {
  return (await project.lint(targets)).diagnostics.map(
    (diagnostic) =>
      `${diagnostic.file}:${diagnostic.line}:${diagnostic.column} ${diagnostic.ruleId} ${diagnostic.message}`,
  );
}

describe('LiveProject', () => {
  it('after the first index, an edit re-analyses only the edited file and reaches the files that link to it', async () => {
    const { project } = await open({ 'guide.md': GUIDE, 'index.md': INDEX, 'other.md': OTHER });
    await project.warmUp();
    expect(project.isIndexed).toBe(true);
    expect(project.memoStats).toEqual({ hits: 0, misses: 3 });
    expect(await findings(project, ['index.md'])).toEqual([]);

    project.setDocument('guide.md', GUIDE.replace('Install steps', 'Setup steps'), 1);
    const before = { ...project.memoStats };
    expect(await findings(project, ['guide.md', 'index.md'])).toEqual([
      'index.md:3:17 anchors No heading or anchor "#install-steps" in "guide.md".',
    ]);
    expect(project.memoStats.misses - before.misses).toBe(1);
    expect(project.memoStats.hits - before.hits).toBe(2);

    // Closing the document puts the disk's text back.
    project.closeDocument('guide.md');
    expect(await findings(project, ['index.md'])).toEqual([]);
  });

  it('before the first index, reads the targets and the files they link to', async () => {
    const { project } = await open({
      'guide.md': GUIDE,
      'index.md': INDEX.replace('#install-steps', '#nowhere'),
      'other.md': OTHER,
    });
    expect(project.isIndexed).toBe(false);
    expect(await findings(project, ['index.md'])).toEqual([
      'index.md:3:17 anchors No heading or anchor "#nowhere" in "guide.md".',
    ]);
    expect(project.memoStats.misses).toBe(2);
  });

  it('takes in files changed on disk when told (diskChanged), and loads a new config', async () => {
    const { root, project } = await open({ 'guide.md': GUIDE, 'index.md': INDEX });
    await project.warmUp();
    writeFileSync(path.join(root, 'guide.md'), '# Guide\n');
    // Not told yet: the index still has the old headings.
    expect(await findings(project, ['index.md'])).toEqual([]);
    expect(await project.diskChanged([{ path: 'guide.md', kind: 'changed' }])).toEqual({
      configReloaded: false,
      relevant: true,
    });
    // A file that is not Markdown changed: nothing a rule reads (links only ask whether it exists).
    writeFileSync(path.join(root, 'report.txt'), 'x');
    expect(await project.diskChanged([{ path: 'report.txt', kind: 'changed' }])).toEqual({
      configReloaded: false,
      relevant: false,
    });
    expect(await findings(project, ['index.md'])).toEqual([
      'index.md:3:17 anchors No heading or anchor "#install-steps" in "guide.md".',
    ]);

    writeFileSync(path.join(root, 'agentops-lint.config.yaml'), 'extends: [recommended]\nrules:\n  anchors: off\n');
    expect(await project.diskChanged([{ path: 'agentops-lint.config.yaml', kind: 'created' }])).toEqual({
      configReloaded: true,
      relevant: true,
    });
    expect(project.isIndexed).toBe(false);
    expect(await findings(project, ['index.md'])).toEqual([]);
  });

  it('finds changes by itself with verifyDisk: contents, new files and config files', async () => {
    const { root, project } = await open({ 'guide.md': GUIDE, 'index.md': INDEX.replace('guide.md', 'setup.md') });
    await project.warmUp();
    expect(await findings(project, ['index.md'])).toEqual([
      'index.md:3:17 links Link target "setup.md" does not exist.',
    ]);
    writeFileSync(path.join(root, 'setup.md'), '# Setup\n');
    expect(await project.verifyDisk()).toEqual({ configReloaded: false, relevant: true });
    expect(await findings(project, ['index.md'])).toEqual([
      'index.md:3:17 anchors No heading or anchor "#install-steps" in "setup.md".',
    ]);
    writeFileSync(path.join(root, 'setup.md'), '# Setup\n\n## Install steps\n');
    await project.verifyDisk();
    expect(await findings(project, ['index.md'])).toEqual([]);

    writeFileSync(path.join(root, '.agentops-lint.json'), '{ "rules": { "nope": "error" } }');
    expect(await project.verifyDisk()).toEqual({ configReloaded: true, relevant: true });
    expect(String(project.settingsError)).toMatch(/nope/);
  });

  it('gives each file the rules of its nearest config', async () => {
    const broken = '# Page\n\n[x](#nowhere)\n';
    const { project } = await open({
      'index.md': broken,
      'docs/page.md': broken,
      'docs/.agentops-lint.yaml': 'extends: [recommended]\nrules:\n  anchors: off\n',
    });
    await project.warmUp();
    expect(await findings(project, ['index.md', 'docs/page.md'])).toEqual([
      'index.md:3:5 anchors No heading or anchor "#nowhere" in this file.',
    ]);
  });

  it('lints an open document that does not exist on disk, and lets other files link to it', async () => {
    const { project } = await open({ 'index.md': '# Index\n\nSee [new](new.md#part).\n' });
    await project.warmUp();
    expect(await findings(project, ['index.md'])).toEqual(['index.md:3:11 links Link target "new.md" does not exist.']);
    project.setDocument('new.md', '# New\n\n## Part\n', 1);
    expect(project.isLintable('new.md')).toBe(true);
    expect(await findings(project, ['index.md', 'new.md'])).toEqual([]);
  });
  it('analyses a large open document on a runner of its own; a newer version stops the older one’s analysis (issue 23)', async () => {
    const { project } = await open({ 'guide.md': GUIDE, 'index.md': INDEX });
    await project.warmUp();
    const page = bigPage(LARGE_DOCUMENT_BYTES + 1024);
    project.setDocument('big.md', page, 1);
    expect(project.isReadyToLint('big.md')).toBe(false);
    expect(project.isReadyToLint('index.md')).toBe(true);
    const first = project.analyseInBackground('big.md');
    const edited = `${page}\n[more](nowhere.md)\n`;
    project.setDocument('big.md', edited, 2);
    const second = project.analyseInBackground('big.md');
    // Asking again for the same version joins the analysis under way.
    const again = project.analyseInBackground('big.md');
    expect(await first).toBe(false);
    expect(await second).toBe(true);
    expect(await again).toBe(true);
    expect(project.isReadyToLint('big.md')).toBe(true);
    const misses = project.memoStats.misses;
    expect(await findings(project, ['big.md', 'index.md'])).toEqual([
      // The page ends in its last section, whose link to the next one points at nothing.
      'big.md:3415:67 anchors No heading or anchor "#section-157" in this file.',
      `big.md:${edited.split('\n').length - 1}:8 links Link target "nowhere.md" does not exist.`,
    ]);
    // The run took the background analysis: nothing was analysed again.
    expect(project.memoStats.misses).toBe(misses);
    await project.close();
  });
});
