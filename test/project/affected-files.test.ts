/**
 * Which untouched files a change can affect (src/project/affected-files.ts): only those are
 * compared before and after the change by --changed-since and --staged.
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { EnabledRule } from '../../src/config/file-settings.js';
import { repositoryPathsFromFiles } from '../../src/core/facts.js';
import { defineProjectRule, type Rule } from '../../src/core/rule.js';
import type { ProjectSource } from '../../src/engine/lint-project.js';
import { filesAChangeCanAffect } from '../../src/project/affected-files.js';
import type { ChangeSet } from '../../src/project/changed-since.js';
import { REGISTRY } from '../../rules/index.js';
import { problems, TempRepo } from '../helpers/temp-repo.js';

const enabled = (id: string, options: Record<string, unknown> = {}): EnabledRule => {
  const rule = REGISTRY.byId.get(id)!;
  return { rule, severity: 'error', options: rule.options ? rule.options.parse(options) : options };
};

/** The link rules, and term-consistency (across the repository), as the kubernetes preset has them. */
const LINK_AND_TERM_RULES = [
  enabled('links'),
  enabled('anchors'),
  enabled('duplicate-heading-anchor'),
  enabled('term-consistency', { packs: ['kubernetes'], scope: 'repository' }),
];

const BEFORE: Record<string, string> = {
  'README.md': '# Home\n\nStart with [the docs](docs/guide.md).\n',
  'docs/setup.md': '# Setup\n\n## Install\n\nRun it.\n',
  'docs/guide.md': '# Guide\n\nFirst [install](setup.md#install).\n',
  'docs/old.md': '# Old\n\nKept for history.\n',
  'docs/far.md': '# Far\n\nSee [the guide](guide.md) and [the old page](old.md).\n',
  'docs/other.md': '# Other\n\nNothing links from here.\n',
};

function source(files: Record<string, string>): ProjectSource {
  return {
    targets: [],
    paths: repositoryPathsFromFiles(Object.keys(files)),
    read: async (file) => {
      if (files[file] === undefined) throw Object.assign(new Error(`no ${file}`), { code: 'ENOENT' });
      return new TextEncoder().encode(files[file]);
    },
    isMarkdown: (file) => file.endsWith('.md'),
  };
}

/** The untouched files a change from BEFORE to `after` can affect, with these rules on for every file. */
async function affectedBy(
  after: Record<string, string>,
  rules: readonly EnabledRule[] = LINK_AND_TERM_RULES,
): Promise<readonly string[]> {
  const changed = new Set(Object.keys(after).filter((file) => after[file] !== BEFORE[file]));
  const removed = new Set(Object.keys(BEFORE).filter((file) => !(file in after)));
  const changes: ChangeSet = {
    base: 'HEAD',
    changed,
    removed,
    baseObjects: new Map(
      [...changed, ...removed].filter((file) => file in BEFORE).map((file) => [file, `blob-of-${file}`]),
    ),
    renames: new Map(),
  };
  const untouched = Object.keys(after)
    .filter((file) => !changed.has(file))
    .sort();
  const settings = { base: () => rules, forFile: () => rules };
  return filesAChangeCanAffect({
    untouched,
    changes,
    today: source(after),
    base: source(BEFORE),
    engine: { settings },
  });
}

describe('the untouched files a change can affect', () => {
  it('a renamed heading: the files that can name the page', async () => {
    expect(await affectedBy({ ...BEFORE, 'docs/setup.md': '# Setup\n\n## Installation\n\nRun it.\n' })).toEqual([
      'docs/guide.md',
    ]);
  });

  it('a deleted page: the files that can name it', async () => {
    const { 'docs/old.md': _gone, ...after } = BEFORE;
    expect(await affectedBy(after)).toEqual(['docs/far.md']);
  });

  it('a link to an anchor added: the page it lands on, whose shared anchors may now be linked', async () => {
    expect(
      await affectedBy({
        ...BEFORE,
        'docs/setup.md': '# Setup\n\n## Install\n\nRun it, then read [other](other.md#x).\n',
      }),
    ).toEqual(['docs/guide.md', 'docs/other.md']);
  });

  it("a link to a folder's anchor moved to another line: the folder's README", async () => {
    const before = {
      ...BEFORE,
      'docs/other.md': '# Other\n\nSee [the docs](./#usage).\n',
      'docs/README.md': '# Docs\n\n## Usage\n',
    };
    Object.assign(BEFORE, before);
    try {
      expect(
        await affectedBy({ ...before, 'docs/other.md': '# Other\n\nIntro.\n\nSee [the docs](./#usage).\n' }, [
          enabled('duplicate-heading-anchor'),
        ]),
      ).toEqual(['docs/README.md']);
    } finally {
      delete BEFORE['docs/README.md'];
      BEFORE['docs/other.md'] = '# Other\n\nNothing links from here.\n';
    }
  });

  it('a changed README that a link to the root folder lands on: every file', async () => {
    const after = { ...BEFORE, 'README.md': '# Home\n\n## Start\n\nStart with [the docs](docs/guide.md).\n' };
    expect(await affectedBy(after)).toEqual(
      Object.keys(BEFORE)
        .filter((file) => file !== 'README.md')
        .sort(),
    );
  });

  it('a compared term written anew: every file, since the repository-wide count moved', async () => {
    const after = { ...BEFORE, 'docs/other.md': '# Other\n\nWe run the platform on K8s in production.\n' };
    expect(await affectedBy(after)).toEqual(
      Object.keys(BEFORE)
        .filter((file) => file !== 'docs/other.md')
        .sort(),
    );
  });

  it('a name hidden by markup, a reference or a percent-escape is still found', async () => {
    const before = BEFORE['docs/far.md'];
    for (const written of ['[old](ol&#100;.md)', '[old](%6Fld.md)', '[old][o]\n\n[o]: <Old.MD>']) {
      BEFORE['docs/far.md'] = `# Far\n\nSee ${written}.\n`;
      const { 'docs/old.md': _gone, ...after } = BEFORE;
      expect(await affectedBy(after), written).toEqual(['docs/far.md']);
    }
    BEFORE['docs/far.md'] = before!;
  });

  it('a rule that does not say what it depends on: every file', async () => {
    const unknown = defineProjectRule({
      id: 'unknown-dependencies',
      description: 'Reads whatever it likes.',
      tags: [],
      scope: 'project',
      defaultSeverity: 'warn',
      recommended: false,
      fixable: false,
      options: z.strictObject({}),
      messages: {},
      check() {},
    });
    const rules = [...LINK_AND_TERM_RULES, { rule: unknown as Rule, severity: 'warn' as const, options: {} }];
    expect(await affectedBy({ ...BEFORE, 'docs/setup.md': '# Setup\n\nShorter.\n' }, rules)).toEqual(
      Object.keys(BEFORE)
        .filter((file) => file !== 'docs/setup.md')
        .sort(),
    );
  });
});

describe('--staged and --changed-since with the comparison narrowed', () => {
  it('report what a change breaks in an untouched file, once, and a required file gone once', async () => {
    const repo = await TempRepo.create({
      'agentops-lint.config.yaml':
        'extends: [recommended]\nrules:\n  required-files: [error, {files: [docs/setup.md]}]\n',
      ...BEFORE,
    });
    try {
      await repo.commit('docs');
      // guide.md, untouched, links to the page the change deletes; other.md's edit breaks nothing.
      await repo.write({ 'docs/other.md': '# Other\n\nStill nothing links from here.\n' });
      await repo.remove('docs/setup.md');
      await repo.git('add', '-A');
      const staged = await repo.lint(['--staged', '--format', 'json']);
      expect(problems(staged.stdout)).toEqual([
        'docs/guide.md:3:17 error links/missing',
        'docs/setup.md:1:1 error required-files/missing',
      ]);
      const changed = await repo.lint(['--changed-since', 'HEAD', '--format', 'json']);
      expect(problems(changed.stdout)).toEqual([
        'docs/guide.md:3:17 error links/missing',
        'docs/setup.md:1:1 error required-files/missing',
      ]);
    } finally {
      await repo.cleanup();
    }
  });
});
