/**
 * A run on part of a repository reports what the full run reports there. A project rule's
 * optimisation hooks (ProjectRule.reads, dependsOn, readsAllFiles, mayContribute, demandedBy,
 * plainTextFiles) let a run on named files, `--staged` and `--changed-since` skip files; they are
 * kept in step with `extract` and `check` by hand, so this property checks them on generated
 * repositories (headings that share anchors, relative links with and without fragments, reference
 * definitions, images, folder links, term spellings, retired phrases, mapping tables and
 * statements, required files, sections and content, a plain-text file) for every project rule:
 *
 * - a run on one named file reports exactly the full run's diagnostics on that file;
 * - `--staged`, after a change to a committed repository (files edited, added, deleted), reports
 *   the full run's diagnostics on the staged files, plus the problems the change caused in the
 *   untouched ones: those of the full run today that the full run before the change did not have.
 *
 * `npm test` runs a fixed-seed few; `npm run test:property` runs many with a random seed.
 */
import { readdir, rmdir } from 'node:fs/promises';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { resolveUserConfig, type ResolvedConfig } from '../../src/config/load.js';
import type { Diagnostic } from '../../src/core/diagnostic.js';
import { runLint } from '../../src/pipeline/lint-run.js';
import type { LintScope } from '../../src/pipeline/lint-request.js';
import { newDiagnostics } from '../../src/project/changed-since.js';
import { REGISTRY, RULES_MODULE } from '../../rules/index.js';
import { TempRepo } from '../helpers/temp-repo.js';
import { propertyRuns } from './generators.js';

/** Where files live: the root, a folder with a README, a folder without one. */
const PATHS = ['README.md', 'a.md', 'docs/README.md', 'docs/b.md', 'guide/c.md'] as const;
type DocPath = (typeof PATHS)[number];
/** A file that is not Markdown: required-content and deprecated-phrases search it as plain text. */
const PLAIN = 'notes.txt';

/** Link destinations as root-relative targets; each is written relative to the linking file. */
const TARGETS = [
  'README.md',
  'a.md',
  'docs/README.md',
  'docs/b.md',
  'guide/c.md',
  'docs/',
  'guide/',
  'missing.md',
  'docs/img.png',
] as const;
const FRAGMENTS = ['', '#setup', '#setup-1', '#install', '#usage', '#pods', '#nothing'] as const;
const HEADINGS = ['Setup', 'Install', 'Usage', 'Overview', 'Pods', 'Kubernetes mapping', 'Setup'] as const;
const SENTENCES = [
  'We deploy on K8s every day.',
  'The laptop runs k8s in a VM.',
  'Kubernetes schedules the work.',
  'The Master node is retired.',
  'Use the old name here.',
  'In our design, Pods → Tasks.',
  'In this guide, Pods → Workers.',
  'A Deployment maps to a Rollout.',
  'Nothing to compare here.',
  'See the license.',
] as const;
const ROWS = ['| Pod | Workflow |', '| Pod | Task |', '| Deployment | Rollout |', '| Service | Worker |'] as const;

/** `target` as a link from `from` would write it: relative to the linking file's folder. */
function relativeLink(from: string, target: string): string {
  const fromParts = from.split('/').slice(0, -1);
  const toParts = target.split('/');
  let common = 0;
  while (common < fromParts.length && common < toParts.length - 1 && fromParts[common] === toParts[common]) common++;
  const up = fromParts.slice(common).map(() => '..');
  const rest = toParts.slice(common);
  const joined = [...up, ...rest].join('/');
  return joined === '' ? './' : joined;
}

type Block =
  | { kind: 'heading'; depth: number; text: string }
  | { kind: 'link'; target: string; fragment: string; reference: boolean }
  | { kind: 'self'; fragment: string }
  | { kind: 'image'; target: string }
  | { kind: 'prose'; sentences: string[] }
  | { kind: 'table'; rows: string[] };

// Headings and links to their anchors are weighted up: shared anchors linked from elsewhere are what
// the rarest hooks (duplicate-heading-anchor's) are about.
const block: fc.Arbitrary<Block> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('heading' as const),
      depth: fc.integer({ min: 1, max: 3 }),
      text: fc.constantFrom(...HEADINGS),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('link' as const),
      target: fc.constantFrom(...TARGETS),
      fragment: fc.constantFrom(...FRAGMENTS),
      reference: fc.boolean(),
    }),
  },
  fc.record({ kind: fc.constant('self' as const), fragment: fc.constantFrom(...FRAGMENTS.slice(1)) }),
  fc.record({ kind: fc.constant('image' as const), target: fc.constantFrom('docs/img.png', 'img.png', 'missing.png') }),
  fc.record({
    kind: fc.constant('prose' as const),
    sentences: fc.array(fc.constantFrom(...SENTENCES), { minLength: 1, maxLength: 3 }),
  }),
  fc.record({
    kind: fc.constant('table' as const),
    rows: fc.array(fc.constantFrom(...ROWS), { minLength: 1, maxLength: 3 }),
  }),
);

type Document = Block[];
const documentBlocks: fc.Arbitrary<Document> = fc.array(block, { minLength: 1, maxLength: 7 });

function render(file: string, blocks: Document): string {
  const definitions: string[] = [];
  const parts = blocks.map((part, index) => {
    switch (part.kind) {
      case 'heading':
        return `${'#'.repeat(part.depth)} ${part.text}`;
      case 'link': {
        const destination = `${relativeLink(file, part.target)}${part.fragment}`;
        if (!part.reference) return `See [the ${index}](${destination}).`;
        definitions.push(`[ref${index}]: ${destination}`);
        return `Read [the ${index}][ref${index}] first.`;
      }
      case 'self':
        return `Jump to [here](${part.fragment}).`;
      case 'image':
        return `![diagram](${relativeLink(file, part.target)})`;
      case 'prose':
        return part.sentences.join(' ');
      case 'table':
        return ['How our concepts map to Kubernetes:', '', '| Kubernetes | Ours |', '| --- | --- |', ...part.rows].join(
          '\n',
        );
      default:
        return part satisfies never;
    }
  });
  return `${[...parts, ...definitions].join('\n\n')}\n`;
}

type Repository = Partial<Record<DocPath | typeof PLAIN, string>>;

const PLAIN_TEXTS = ['Install the tool.', 'The Master is old.', 'Nothing here.'] as const;

const repository: fc.Arbitrary<Repository> = fc
  .record({
    docs: fc.dictionary(fc.constantFrom(...PATHS), documentBlocks, { minKeys: 1, maxKeys: PATHS.length }),
    plain: fc.option(fc.constantFrom(...PLAIN_TEXTS), { nil: undefined }),
    image: fc.boolean(),
  })
  .map(({ docs, plain, image }) => {
    const files: Record<string, string> = {};
    for (const [file, blocks] of Object.entries(docs)) files[file] = render(file, blocks);
    if (plain !== undefined) files[PLAIN] = `${plain}\n`;
    if (image) files['docs/img.png'] = 'not really a PNG\n';
    return files as Repository;
  });

/** A change to a repository: for each path, keep it, rewrite it, or delete it (a new path is a rewrite of none). */
type Change = Partial<Record<string, Document | 'delete' | 'keep'>>;
const change: fc.Arbitrary<Change> = fc.dictionary(
  fc.constantFrom(...PATHS),
  fc.oneof(fc.constant('keep' as const), fc.constant('delete' as const), documentBlocks),
  { maxKeys: 3 },
);

function applyChange(before: Repository, changes: Change): Record<string, string | null> {
  const writes: Record<string, string | null> = {};
  for (const [file, what] of Object.entries(changes)) {
    if (what === undefined || what === 'keep') continue;
    if (what === 'delete') {
      if (before[file as DocPath] !== undefined) writes[file] = null;
    } else writes[file] = render(file, what);
  }
  return writes;
}

/** Every rule on, the project rules with something to do: the config a property case lints with. */
const SETTINGS = new Map<string, { severity: 'error' | 'warn'; options?: Record<string, unknown> }>([
  ['required-files', { severity: 'error', options: { files: ['README.md', 'docs/b.md', 'guide/'] } }],
  [
    'required-content',
    {
      severity: 'error',
      options: { 'docs/**': [{ anyOf: ['install', 'setup'] }], '*.txt': [{ allOf: ['install'], plainText: true }] },
    },
  ],
  ['required-sections', { severity: 'warn', options: { 'guide/*.md': { sections: ['Usage'] } } }],
  [
    'deprecated-phrases',
    {
      severity: 'error',
      options: { phrases: ['old name', { phrase: 'Master', use: 'Control Plane' }], plainTextFiles: ['*.txt'] },
    },
  ],
  ['term-consistency', { severity: 'warn', options: { packs: ['kubernetes'], scope: 'repository' } }],
]);

/** The config of a case: every rule, with or without a canonical mapping (mapping-consistency compares documents without one). */
function configFor(root: string, canonical: boolean): ResolvedConfig {
  const rules = new Map(SETTINGS);
  if (canonical)
    rules.set('mapping-consistency', {
      severity: 'error',
      options: { mapping: [{ kubernetes: 'Pod', project: 'Workflow' }] },
    });
  return resolveUserConfig({ extends: ['all'], rules, overrides: [] }, root, undefined, REGISTRY.configContext);
}

const PROJECT_RULES = REGISTRY.rules.filter((rule) => rule.scope === 'project').map((rule) => rule.id);

const line = (diagnostic: Diagnostic): string =>
  `${diagnostic.file}:${diagnostic.line}:${diagnostic.column}-${diagnostic.endLine}:${diagnostic.endColumn} ${diagnostic.severity} ${diagnostic.ruleId}/${diagnostic.messageId} ${diagnostic.message}`;

const sorted = (diagnostics: readonly Diagnostic[]): string[] => diagnostics.map(line).sort();

async function lint(
  repo: TempRepo,
  config: ResolvedConfig,
  patterns: string[],
  scope?: LintScope,
): Promise<Diagnostic[]> {
  const outcome = await runLint({
    patterns,
    root: repo.dir,
    config,
    rules: REGISTRY.byId,
    rulesModule: RULES_MODULE,
    options: {
      ...(scope ? { scope } : {}),
      maxThreads: 1,
      progress: false,
      networkAllowed: false,
      errorOnUnmatchedPattern: false,
    },
    io: { cwd: repo.dir, env: repo.env, stdout: () => {}, stderr: () => {}, stdoutIsTTY: false },
  });
  expect(outcome.crashed).toBe(false);
  return outcome.diagnostics;
}

/** Deletes a file and the folders it leaves empty: git keeps no empty folder, so the working tree and the index agree. */
async function removeWithEmptyFolders(repo: TempRepo, file: string): Promise<void> {
  await repo.remove(file);
  for (let folder = path.posix.dirname(file); folder !== '.'; folder = path.posix.dirname(folder)) {
    if ((await readdir(path.join(repo.dir, folder))).length > 0) break;
    await rmdir(path.join(repo.dir, folder));
  }
}

const repos: TempRepo[] = [];
afterAll(async () => {
  await Promise.all(repos.map((repo) => repo.cleanup()));
});

/** What the property found on one case; empty when the partial runs equal the full runs. */
async function partialRunMismatches(
  before: Repository,
  changes: Change,
  canonical: boolean,
  /** The files linted alone, each a run of its own: all, or the one at this index of the Markdown files (modulo their count). */
  namedFiles: readonly string[] | 'all' | number = 'all',
): Promise<{ run: string; expected: string[]; actual: string[] }[]> {
  const repo = await TempRepo.create(before as Record<string, string>);
  repos.push(repo);
  const config = configFor(repo.dir, canonical);
  await repo.commit('before');
  const fullBefore = await lint(repo, config, []);

  const writes = applyChange(before, changes);
  for (const [file, text] of Object.entries(writes)) {
    if (text === null) await removeWithEmptyFolders(repo, file);
    else await repo.write({ [file]: text });
  }
  await repo.git('add', '-A');
  const today = { ...before } as Record<string, string>;
  for (const [file, text] of Object.entries(writes)) {
    if (text === null) delete today[file];
    else today[file] = text;
  }
  const full = await lint(repo, config, []);
  const mismatches: { run: string; expected: string[]; actual: string[] }[] = [];
  const compare = (run: string, expected: readonly Diagnostic[], actual: readonly Diagnostic[]): void => {
    const [wanted, got] = [sorted(expected), sorted(actual)];
    if (JSON.stringify(wanted) !== JSON.stringify(got)) mismatches.push({ run, expected: wanted, actual: got });
  };

  // A file that is not there is a repository-level finding (a required file): every run reports it.
  const existing = new Set(Object.keys(today));
  const markdown = Object.keys(today).filter((name) => name.endsWith('.md'));
  const named =
    namedFiles === 'all'
      ? markdown
      : typeof namedFiles === 'number'
        ? markdown.slice(namedFiles % Math.max(1, markdown.length)).slice(0, 1)
        : markdown.filter((name) => namedFiles.includes(name));
  for (const file of named) {
    compare(
      `one file: ${file}`,
      full.filter((diagnostic) => diagnostic.file === file || !existing.has(diagnostic.file)),
      await lint(repo, config, [file]),
    );
  }

  const staged = new Set(Object.entries(writes).flatMap(([file, text]) => (text === null ? [] : [file])));
  const untouched = (diagnostic: Diagnostic): boolean => existing.has(diagnostic.file) && !staged.has(diagnostic.file);
  compare(
    '--staged',
    [
      ...full.filter((diagnostic) => staged.has(diagnostic.file) && diagnostic.file.endsWith('.md')),
      ...newDiagnostics(full.filter(untouched), fullBefore.filter(untouched)),
    ],
    (await lint(repo, config, [], { kind: 'staged' })).filter((diagnostic) => existing.has(diagnostic.file)),
  );
  return mismatches;
}

const RUNS = propertyRuns(2);

describe('a run on part of the repository reports what the full run reports there', () => {
  it('covers every project rule', () => {
    // A project rule added later must get something to do in the generated repositories above.
    expect(PROJECT_RULES).toEqual([
      'anchors',
      'deprecated-phrases',
      'duplicate-heading-anchor',
      'external-links',
      'links',
      'mapping-consistency',
      'required-content',
      'required-files',
      'term-consistency',
    ]);
  });

  it(
    'one named file, and --staged after a change, for every project rule',
    async () => {
      await fc.assert(
        fc.asyncProperty(
          repository,
          change,
          fc.boolean(),
          // One named file a case keeps a case to four runs; many cases name every path in turn.
          fc.constantFrom(...PATHS),
          async (before, changes, canonical, named) => {
            expect(await partialRunMismatches(before, changes, canonical, [named])).toEqual([]);
          },
        ),
        RUNS,
      );
    },
    RUNS.numRuns * 60_000,
  );
});

describe('cases the property found, and the plainest case of each hook', () => {
  it('a folder that vanishes with its last file: the untouched link to it', async () => {
    expect(
      await partialRunMismatches(
        { 'guide/c.md': 'See [the 0](../README.md).\n', 'README.md': 'See [the 0](guide/).\n' },
        { 'guide/c.md': 'delete' },
        false,
        ['README.md'],
      ),
    ).toEqual([]);
  });

  it('a named file whose shared anchor is linked from a file it does not link to (duplicate-heading-anchor.demandedBy)', async () => {
    expect(
      await partialRunMismatches(
        {
          'a.md': '# A\n\n## Setup\n\nOne.\n\n## Setup\n\nTwo.\n',
          'README.md': '# Home\n\nSee [setup](a.md#setup).\n',
        },
        {},
        false,
        ['a.md'],
      ),
    ).toEqual([]);
  });

  it('a staged link to a shared anchor of an untouched file (duplicate-heading-anchor.dependsOn)', async () => {
    expect(
      await partialRunMismatches(
        { 'a.md': '# A\n\n## Setup\n\nOne.\n\n## Setup\n\nTwo.\n', 'guide/c.md': '# C\n' },
        { 'guide/c.md': [{ kind: 'link', target: 'a.md', fragment: '#setup', reference: false }] },
        false,
        [],
      ),
    ).toEqual([]);
  });

  it('a folder that appears without a README: the untouched link to its anchor', async () => {
    expect(
      await partialRunMismatches(
        { 'README.md': 'See [the 0](guide/#pods).\n\nSee [the 1](README.md).\n' },
        { 'guide/c.md': [{ kind: 'image', target: 'docs/img.png' }] },
        false,
        ['README.md'],
      ),
    ).toEqual([]);
  });
});
