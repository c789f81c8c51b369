/** The engine with rules made for these tests: suppressions, crashes, extract, fixes, CRLF, BOM. */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { visit } from 'unist-util-visit';
import { FileSettings } from '../../src/config/file-settings.js';
import { resolveUserConfig } from '../../src/config/load.js';
import { builtInPresets } from '../../src/config/presets.js';
import { applyFixes } from '../../src/fixes/apply-edits.js';
import { lintProject, type LintProjectOptions } from '../../src/engine/lint-project.js';
import { repositoryPathsFromFiles } from '../../src/core/facts.js';
import {
  defineFileRule,
  defineProjectRule,
  type ProgressSink,
  type Rule,
  type RuleEnvironment,
  type Severity,
} from '../../src/core/rule.js';

/** Reports every occurrence of the word "TODO" in text; fix: replace with "DONE". */
const noTodo = defineFileRule({
  id: 'no-todo',
  description: 'No TODO in prose.',
  tags: [],
  scope: 'file',
  defaultSeverity: 'error',
  recommended: true,
  fixable: true,
  options: z.strictObject({ word: z.string().default('TODO') }),
  messages: { found: 'Found {word}.' },
  check({ file, options, report }) {
    visit(file.tree, 'text', (node) => {
      let from = 0;
      for (;;) {
        const at = node.value.indexOf(options.word, from);
        if (at < 0) break;
        const start = node.position!.start.offset! + at;
        report({
          messageId: 'found',
          data: { word: options.word },
          at: { start, end: start + options.word.length },
          fix: { start, end: start + options.word.length, text: 'DONE' },
        });
        from = at + 1;
      }
    });
  },
});

/** Cross-file: every file must be mentioned (by its path) in some other file; uses extract. */
const mentioned = defineProjectRule<Record<string, never>, string[]>({
  id: 'mentioned',
  description: 'Every file is mentioned elsewhere.',
  tags: [],
  scope: 'project',
  defaultSeverity: 'warn',
  recommended: false,
  fixable: false,
  options: z.strictObject({}),
  messages: { orphan: '{file} is not mentioned by any other file.' },
  extract: (file) => file.text.match(/[\w/-]+\.md/g) ?? [],
  check({ index, extracted, report }) {
    const all = new Set<string>();
    for (const facts of index.files.values())
      for (const name of extracted<string[]>(facts) ?? []) if (name !== facts.path) all.add(name);
    for (const facts of index.files.values())
      if (!all.has(facts.path))
        report({ file: facts.path, messageId: 'orphan', data: { file: facts.path }, at: { start: 0, end: 1 } });
  },
});

const crashes = defineFileRule({
  id: 'crashes',
  description: 'Throws.',
  tags: [],
  scope: 'file',
  defaultSeverity: 'error',
  recommended: false,
  fixable: false,
  options: z.strictObject({}),
  messages: {},
  check() {
    throw new Error('boom');
  },
});

/** A project rule whose check throws: its crash must land on a file, or be a run problem, never on a path ''. */
const projectCrashes = defineProjectRule({
  id: 'project-crashes',
  description: 'Throws in check.',
  tags: [],
  scope: 'project',
  defaultSeverity: 'error',
  recommended: false,
  fixable: false,
  options: z.strictObject({}),
  messages: {},
  check() {
    throw new Error('index broken');
  },
});

/** What the asynchronous stand-in did: the words it looked up (its "requests"), in order. */
const lookedUp: string[] = [];

interface Ask {
  word: string;
  start: number;
  end: number;
}

/**
 * An asynchronous project rule standing in for the network check: it looks up every `ask:WORD`
 * that is not silenced, after an await. `ask:gone` is broken (an error), `ask:slow` only doubtful
 * (capped to a warning), `ask:boom` makes the step throw.
 */
const asks = defineProjectRule<{ skip: string }, Ask[]>({
  id: 'asks',
  description: 'Looks words up asynchronously.',
  tags: [],
  scope: 'project',
  defaultSeverity: 'error',
  recommended: false,
  fixable: false,
  options: z.strictObject({ skip: z.string().default('') }),
  messages: { gone: '"{word}" is gone.', slow: '"{word}" did not answer.' },
  extract: (file) =>
    [...file.text.matchAll(/ask:(\w+)/g)].map((match) => ({
      word: match[1]!,
      start: match.index,
      end: match.index + match[0].length,
    })),
  check() {},
  async checkAsync({ index, environment, extracted, isSuppressed, optionsFor, report }) {
    if (!environment.networkAllowed) return;
    for (const file of index.targets) {
      for (const { word, start, end } of extracted<Ask[]>(index.files.get(file)!) ?? []) {
        if (isSuppressed(file, { start, end }) || optionsFor(file)?.skip === word) continue;
        await Promise.resolve();
        lookedUp.push(word);
        if (word === 'boom') throw new Error('network down');
        if (word === 'gone' || word === 'slow')
          report({ file, messageId: word, data: { word }, at: { start, end }, atMostWarning: word === 'slow' });
      }
    }
  },
});

const TEST_RULES: Rule[] = [noTodo, mentioned, crashes, asks, projectCrashes];
const RULES = new Map(TEST_RULES.map((rule) => [rule.id, rule]));

async function lint(
  project: Record<string, string | Uint8Array>,
  rules: Record<string, Severity | [Severity, unknown]>,
  extra: {
    reportUnusedDisables?: boolean;
    overrides?: { files: string[]; rules: Record<string, Severity | [Severity, unknown]> }[];
    engine?: Partial<LintProjectOptions>;
  } = {},
) {
  const toEntry = (entry: Severity | [Severity, unknown]) =>
    Array.isArray(entry) ? { severity: entry[0], options: entry[1] as Record<string, unknown> } : { severity: entry };
  const config = resolveUserConfig(
    {
      extends: [],
      rules: new Map(Object.entries(rules).map(([id, entry]) => [id, toEntry(entry)])),
      overrides: (extra.overrides ?? []).map((override) => ({
        files: override.files,
        excludedFiles: [],
        rules: new Map(Object.entries(override.rules).map(([id, entry]) => [id, toEntry(entry)])),
      })),
    },
    '/p',
    undefined,
    { rules: RULES, presets: builtInPresets(TEST_RULES) },
  );
  const encoder = new TextEncoder();
  return lintProject(
    {
      targets: Object.keys(project).sort(),
      paths: repositoryPathsFromFiles(Object.keys(project)),
      read: async (file) => {
        const content = project[file]!;
        return typeof content === 'string' ? encoder.encode(content) : content;
      },
      isMarkdown: () => true,
    },
    {
      settings: new FileSettings(config, RULES, '/p'),
      rules: RULES,
      reportUnusedDisables: extra.reportUnusedDisables ?? false,
      ...extra.engine,
    },
  );
}

const brief = (result: Awaited<ReturnType<typeof lint>>) =>
  result.diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.ruleId}/${d.messageId}`);

describe('positions', () => {
  it('columns are exact in CRLF files, after a BOM, and with astral characters', async () => {
    const result = await lint({ 'a.md': '\uFEFF# T\r\n\r\nSee TODO\r\n\r\n- 🚀 x TODO\r\n' }, { 'no-todo': 'error' });
    expect(result.diagnostics.map((d) => [d.line, d.column, d.endLine, d.endColumn])).toEqual([
      [3, 5, 3, 9],
      [5, 8, 5, 12],
    ]);
  });
});

describe('control comments', () => {
  const text = [
    '# T', // 1
    '', // 2
    'TODO one', // 3
    '', // 4
    '<!-- agentops-lint-disable no-todo -->', // 5
    '', // 6
    'TODO two', // 7
    '', // 8
    '<!-- agentops-lint-enable no-todo -->', // 9
    '', // 10
    'TODO three', // 11
    '', // 12
    '<!-- agentops-lint-disable-next-line -->', // 13
    'TODO four', // 14
    '', // 15
    'TODO five <!-- agentops-lint-disable-next-line no-todo -->', // 16
    '', // 17
    'TODO six', // 18
    '',
  ].join('\n');

  it('disable/enable, disable-next-line (all or named rules)', async () => {
    expect(brief(await lint({ 'a.md': text }, { 'no-todo': 'error' }))).toEqual([
      'a.md:3:1 no-todo/found',
      'a.md:11:1 no-todo/found',
      'a.md:16:1 no-todo/found',
    ]);
  });

  it('disable-file silences the named rule in the whole file', async () => {
    expect(
      brief(
        await lint(
          { 'a.md': `<!-- agentops-lint-disable-file no-todo -- legacy page -->\n\nTODO\n` },
          { 'no-todo': 'error' },
        ),
      ),
    ).toEqual([]);
  });

  it('silences project rules too', async () => {
    const project = { 'a.md': 'b.md\n', 'b.md': '<!-- agentops-lint-disable-file mentioned -->\nnothing\n' };
    expect(brief(await lint(project, { mentioned: 'warn' }))).toEqual(['a.md:1:1 mentioned/orphan']);
  });

  it('reports unknown rule ids at the id, with a did-you-mean', async () => {
    const result = await lint(
      { 'a.md': '<!-- agentops-lint-disable-next-line no-tod -->\nTODO\n' },
      { 'no-todo': 'error' },
    );
    expect(brief(result)).toEqual(['a.md:1:38 control-comments/unknownRule', 'a.md:2:1 no-todo/found']);
    expect(result.diagnostics[0]!.message).toBe('Unknown rule "no-tod" in control comment (did you mean "no-todo"?).');
  });

  it('--report-unused-disables reports suppressions that silenced nothing', async () => {
    const result = await lint(
      {
        'a.md':
          '<!-- agentops-lint-disable-next-line no-todo -->\nfine\n\n<!-- agentops-lint-disable-next-line no-todo -->\nTODO\n',
      },
      { 'no-todo': 'error' },
      { reportUnusedDisables: true },
    );
    expect(brief(result)).toEqual(['a.md:1:1 control-comments/unusedDisableRules']);
    expect(result.diagnostics[0]!.message).toBe(
      'Unused agentops-lint-disable-next-line comment: no "no-todo" problem was reported here.',
    );
  });

  it('comments inside code blocks are not directives', async () => {
    expect(
      brief(await lint({ 'a.md': '```md\n<!-- agentops-lint-disable -->\n```\n\nTODO\n' }, { 'no-todo': 'error' })),
    ).toEqual(['a.md:5:1 no-todo/found']);
  });
});

describe('robustness', () => {
  it('a crashing rule becomes a diagnostic; other rules and files still run', async () => {
    const result = await lint({ 'a.md': 'TODO\n', 'b.md': 'TODO\n' }, { 'no-todo': 'error', crashes: 'error' });
    expect(result.crashed).toBe(true);
    expect(brief(result)).toEqual([
      'a.md:1:1 no-todo/found',
      'a.md:1:1 rule-crash/crashed',
      'b.md:1:1 no-todo/found',
      'b.md:1:1 rule-crash/crashed',
    ]);
    expect(result.diagnostics[1]!.message).toBe('Rule "crashes" crashed: boom.');
  });

  it('a project rule that throws is reported on the first file linted', async () => {
    const result = await lint({ 'b.md': 'x\n', 'a.md': 'y\n' }, { 'project-crashes': 'error' });
    expect(result.crashed).toBe(true);
    expect(brief(result)).toEqual(['a.md:1:1 rule-crash/crashed']);
    expect(result.diagnostics[0]!.message).toBe('Rule "project-crashes" crashed: index broken.');
    expect(result.runProblems).toEqual([]);
  });

  describe('a project rule that throws in a run that lints no file', () => {
    const lintNothing = async (engine: Partial<LintProjectOptions>) => {
      const config = resolveUserConfig(
        { extends: [], rules: new Map([['project-crashes', { severity: 'error' as const }]]), overrides: [] },
        '/p',
        undefined,
        { rules: RULES, presets: builtInPresets(TEST_RULES) },
      );
      return lintProject(
        {
          targets: [],
          paths: repositoryPathsFromFiles(['a.md', 'agentops-lint.yml']),
          read: async () => new Uint8Array(),
          isMarkdown: (file) => file.endsWith('.md'),
        },
        { settings: new FileSettings(config, RULES, '/p'), rules: RULES, ...engine },
      );
    };

    it('is reported on the config file', async () => {
      const result = await lintNothing({ configFile: 'agentops-lint.yml' });
      expect(result.crashed).toBe(true);
      expect(brief(result)).toEqual(['agentops-lint.yml:1:1 rule-crash/crashed']);
      expect(result.diagnostics[0]!.message).toBe('Rule "project-crashes" crashed: index broken.');
      expect(result.runProblems).toEqual([]);
    });

    it('without a config file is a run problem, not a diagnostic on the empty path', async () => {
      const result = await lintNothing({});
      expect(result.crashed).toBe(true);
      expect(result.diagnostics).toEqual([]);
      expect(result.runProblems).toEqual(['Rule "project-crashes" crashed: index broken.']);
    });
  });

  it('binary and non-UTF-8 files are reported and the rest is linted', async () => {
    const result = await lint(
      { 'a.md': new Uint8Array([0x23, 0x00, 0x01]), 'b.md': new Uint8Array([0x41, 0xe9, 0x0a]), 'c.md': 'TODO\n' },
      { 'no-todo': 'error' },
    );
    expect(brief(result)).toEqual([
      'a.md:1:1 file-read/binary',
      'b.md:1:1 file-read/invalidUtf8',
      'c.md:1:1 no-todo/found',
    ]);
    expect(result.diagnostics[1]!.message).toBe(
      'Not UTF-8 (invalid UTF-8 at byte 1); GitHub would show replacement characters.',
    );
  });

  it('overrides switch a project rule off for some files', async () => {
    const result = await lint(
      { 'a.md': 'x\n', 'docs/b.md': 'y\n' },
      { mentioned: 'warn' },
      { overrides: [{ files: ['docs/**'], rules: { mentioned: 'off' } }] },
    );
    expect(brief(result)).toEqual(['a.md:1:1 mentioned/orphan']);
  });

  it('rule options reach the rule', async () => {
    expect(brief(await lint({ 'a.md': 'FIXME TODO\n' }, { 'no-todo': ['error', { word: 'FIXME' }] }))).toEqual([
      'a.md:1:1 no-todo/found',
    ]);
  });
});

describe('asynchronous steps (checkAsync)', () => {
  const silentProgress: ProgressSink = { begin: () => ({ tick: () => undefined, done: () => undefined }) };
  const environment: RuleEnvironment = {
    root: '/p',
    env: {},
    networkAllowed: true,
    allowPrivate: false,
    progress: silentProgress,
  };
  const project = (files: Record<string, string>) => {
    lookedUp.length = 0;
    return files;
  };

  it('run only when the caller hands in an environment', async () => {
    const files = project({ 'a.md': 'ask:gone\n' });
    expect(brief(await lint(files, { asks: 'error' }))).toEqual([]);
    expect(lookedUp).toEqual([]);
    expect(brief(await lint(files, { asks: 'error' }, { engine: { environment } }))).toEqual(['a.md:1:1 asks/gone']);
  });

  it('a control comment that silences the rule stops the work, and counts as used', async () => {
    const files = project({
      'a.md': 'ask:gone\n\n<!-- agentops-lint-disable-next-line asks -- flaky -->\nask:flaky\n',
    });
    const result = await lint(files, { asks: 'error' }, { engine: { environment }, reportUnusedDisables: true });
    expect(lookedUp).toEqual(['gone']);
    expect(brief(result)).toEqual(['a.md:1:1 asks/gone']);
  });

  it('an override that switches the rule off stops the work there; per-file options reach the step', async () => {
    const files = project({ 'a.md': 'ask:one ask:two\n', 'old/b.md': 'ask:three\n' });
    await lint(
      files,
      { asks: 'error' },
      {
        engine: { environment },
        overrides: [
          { files: ['old/**'], rules: { asks: 'off' } },
          { files: ['a.md'], rules: { asks: ['error', { skip: 'two' }] } },
        ],
      },
    );
    expect(lookedUp).toEqual(['one']);
  });

  it('atMostWarning caps the severity: error only for what is broken, a warning at most for the rest', async () => {
    const files = project({ 'a.md': 'ask:gone ask:slow\n' });
    const severities = (result: Awaited<ReturnType<typeof lint>>) =>
      result.diagnostics.map((d) => `${d.messageId}:${d.severity}`);
    expect(severities(await lint(files, { asks: 'error' }, { engine: { environment } }))).toEqual([
      'gone:error',
      'slow:warn',
    ]);
    expect(severities(await lint(files, { asks: 'warn' }, { engine: { environment } }))).toEqual([
      'gone:warn',
      'slow:warn',
    ]);
  });

  it('do nothing when the network is not allowed (the step decides)', async () => {
    const files = project({ 'a.md': 'ask:gone\n' });
    expect(
      brief(
        await lint(files, { asks: 'error' }, { engine: { environment: { ...environment, networkAllowed: false } } }),
      ),
    ).toEqual([]);
    expect(lookedUp).toEqual([]);
  });

  it('deferAsyncSteps leaves them to runDeferredSteps, which runs them once', async () => {
    const files = project({ 'a.md': 'ask:gone TODO\n' });
    const deferred = await lint(
      files,
      { asks: 'error', 'no-todo': 'error' },
      { engine: { environment, deferAsyncSteps: true } },
    );
    expect(brief(deferred)).toEqual(['a.md:1:10 no-todo/found']);
    expect(lookedUp).toEqual([]);
    const complete = await deferred.runDeferredSteps!();
    expect(brief(complete)).toEqual(['a.md:1:1 asks/gone', 'a.md:1:10 no-todo/found']);
    expect(lookedUp).toEqual(['gone']);
    expect(complete.runDeferredSteps).toBeUndefined();
  });

  it('never run in projectRulesOnly comparison runs', async () => {
    const files = project({ 'a.md': 'ask:gone\n' });
    expect(brief(await lint(files, { asks: 'error' }, { engine: { environment, projectRulesOnly: true } }))).toEqual(
      [],
    );
    expect(lookedUp).toEqual([]);
  });

  it('a step that throws becomes a rule-crash diagnostic', async () => {
    const files = project({ 'a.md': 'ask:boom\n' });
    const result = await lint(files, { asks: 'error' }, { engine: { environment } });
    expect(result.crashed).toBe(true);
    expect(result.diagnostics.map((d) => d.message)).toEqual(['Rule "asks" crashed: network down.']);
  });
});

describe('applyFixes', () => {
  it('applies non-overlapping fixes and skips overlapping ones', () => {
    const result = applyFixes('abcdef', [
      [{ start: 0, end: 2, text: 'X' }],
      [{ start: 1, end: 3, text: 'Y' }],
      [{ start: 4, end: 5, text: 'Z' }],
    ]);
    expect(result).toEqual({ text: 'XcdZf', applied: 2 });
  });
  it('a fix with several edits is applied whole or not at all', () => {
    expect(
      applyFixes('abcdef', [
        [{ start: 0, end: 1, text: '1' }],
        [
          { start: 5, end: 6, text: '2' },
          { start: 0, end: 1, text: '3' },
        ],
      ]),
    ).toEqual({ text: '1bcdef', applied: 1 });
  });
  it('keeps CRLF line endings when a fix inserts line breaks', () => {
    expect(applyFixes('a\r\nb\r\n', [[{ start: 1, end: 1, text: '\nx' }]]).text).toBe('a\r\nx\r\nb\r\n');
  });
  it('ignores edits outside the text', () => {
    expect(applyFixes('abc', [[{ start: 2, end: 9, text: 'x' }]])).toEqual({ text: 'abc', applied: 0 });
  });
  it('an insertion where another edit starts conflicts with it, whichever comes first (issue 25: "#Ã©" became "#é©")', () => {
    const insertSpace = [{ start: 1, end: 1, text: ' ' }];
    const repair = [{ start: 1, end: 3, text: 'é' }];
    expect(applyFixes('#Ã©', [insertSpace, repair])).toEqual({ text: '# Ã©', applied: 1 });
    expect(applyFixes('#Ã©', [repair, insertSpace])).toEqual({ text: '# Ã©', applied: 1 });
    // An insertion where another edit ends is no conflict: the order is clear.
    expect(applyFixes('abc', [[{ start: 0, end: 1, text: 'A' }], [{ start: 1, end: 1, text: '-' }]])).toEqual({
      text: 'A-bc',
      applied: 2,
    });
  });
  it('certain fixes are taken before suggestions, which never land where a certain fix is', () => {
    const suggestion = [{ start: 1, end: 1, text: ' ' }];
    const certain = [{ start: 1, end: 3, text: 'é' }];
    expect(applyFixes('#Ã©', [certain], [suggestion])).toEqual({ text: '#é', applied: 1 });
    expect(applyFixes('#Ã© x', [certain], [suggestion, [{ start: 4, end: 5, text: 'y' }]])).toEqual({
      text: '#é y',
      applied: 2,
    });
  });
});

describe('files demanded after the targets are analysed (ProjectSource.demand)', () => {
  // t.md links to linked.md; the demand picks demanded.md, which links to skipped.md (a project
  // file the demand left out) and to outside.md (not a project file: read, as a full run reads it).
  const project: Record<string, string> = {
    't.md': '# T\n\nSee [linked](linked.md).\n',
    'linked.md': '# Linked\n',
    'demanded.md': '# Demanded\n\nSee [skipped](skipped.md) and [outside](outside.md).\n',
    'skipped.md': '# Skipped\n',
    'other.md': '# Other\n',
    'outside.md': '# Outside\n',
  };

  async function run(
    select: (targets: ReadonlyMap<string, import('../../src/core/facts.js').FileFacts>) => Promise<readonly string[]>,
  ) {
    const read: string[] = [];
    const config = resolveUserConfig(
      { extends: [], rules: new Map([['mentioned', { severity: 'warn' }]]), overrides: [] },
      '/p',
      undefined,
      { rules: RULES, presets: builtInPresets(TEST_RULES) },
    );
    const result = await lintProject(
      {
        targets: ['t.md'],
        projectFiles: ['t.md'],
        demand: { candidates: ['demanded.md', 'linked.md', 'other.md', 'skipped.md'], session: () => select },
        paths: repositoryPathsFromFiles(Object.keys(project)),
        read: async (file) => {
          read.push(file);
          return new TextEncoder().encode(project[file]!);
        },
        isMarkdown: () => true,
      },
      { settings: new FileSettings(config, RULES, '/p'), rules: RULES },
    );
    return { read: read.sort(), diagnostics: result.diagnostics.map((d) => `${d.file} ${d.ruleId}/${d.messageId}`) };
  }

  it('hands the targets’ facts to the demand and analyses what it selects, with the targets’ links and files outside the project', async () => {
    let seen: string[] = [];
    const { read, diagnostics } = await run(async (targets) => {
      seen = [...targets.keys()];
      expect(targets.get('t.md')!.extracted.mentioned).toEqual(['linked.md']);
      // Asked again after demanded.md is analysed: the engine reads only what is new.
      return ['demanded.md'];
    });
    expect(seen).toEqual(['t.md']);
    expect(read).toEqual(['demanded.md', 'linked.md', 'outside.md', 't.md']);
    // demanded.md names no t.md, linked.md names nothing: t.md is mentioned by no file.
    expect(diagnostics).toEqual(['t.md mentioned/orphan']);
  });

  it('reads only the targets and what they link to when nothing is demanded', async () => {
    const { read } = await run(async () => []);
    expect(read).toEqual(['linked.md', 't.md']);
  });
});

describe('files no rule reads the tree of (ProjectRule.reads)', () => {
  /** Reports how many headings each file's facts hold: what phase 1 gave the project rules. */
  const headingCounter = (reads: 'facts' | 'paths') =>
    defineProjectRule({
      id: `count-${reads}`,
      description: 'Counts headings.',
      tags: [],
      scope: 'project',
      reads,
      defaultSeverity: 'warn',
      recommended: false,
      fixable: false,
      options: z.strictObject({}),
      messages: { count: '{count} headings.' },
      check({ index, report }) {
        for (const facts of index.files.values())
          report({
            file: facts.path,
            messageId: 'count',
            data: { count: facts.headings.length },
            at: { start: 0, end: 0 },
          });
      },
    });
  const rules: Rule[] = [noTodo, headingCounter('paths'), headingCounter('facts')];
  const byId = new Map(rules.map((rule) => [rule.id, rule]));

  async function run(ruleIds: string[]) {
    const project: Record<string, Uint8Array> = {
      'a.md': new TextEncoder().encode('# A\n\n## B\n'),
      'commented.md': new TextEncoder().encode('# C\n\n<!-- agentops-lint-disable no-such-rule -->\n'),
      'latin1.md': Uint8Array.from([0x23, 0x20, 0xe9, 0x0a]),
    };
    const config = resolveUserConfig(
      { extends: [], rules: new Map(ruleIds.map((id) => [id, { severity: 'warn' as const }])), overrides: [] },
      '/p',
      undefined,
      { rules: byId, presets: builtInPresets(rules) },
    );
    const result = await lintProject(
      {
        targets: Object.keys(project).sort(),
        paths: repositoryPathsFromFiles(Object.keys(project)),
        read: async (file) => project[file]!,
        isMarkdown: () => true,
      },
      { settings: new FileSettings(config, byId, '/p'), rules: byId },
    );
    return result.diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.ruleId}/${d.messageId} ${d.message}`);
  }

  it('decodes but does not parse them when every project rule reads only paths; a control comment is still checked', async () => {
    expect(await run(['count-paths'])).toEqual([
      'a.md:1:1 count-paths/count 0 headings.',
      'commented.md:1:1 count-paths/count 1 headings.',
      'commented.md:3:28 control-comments/unknownRule Unknown rule "no-such-rule" in control comment.',
      'latin1.md:1:1 file-read/invalidUtf8 Not UTF-8 (invalid UTF-8 at byte 2); GitHub would show replacement characters.',
    ]);
  });

  it('parses every file when a project rule reads facts, or a file rule is on', async () => {
    expect((await run(['count-paths', 'count-facts'])).filter((line) => line.includes('count-paths'))).toEqual([
      'a.md:1:1 count-paths/count 2 headings.',
      'commented.md:1:1 count-paths/count 1 headings.',
    ]);
    expect((await run(['count-paths', 'no-todo'])).filter((line) => line.includes('count-paths'))).toEqual([
      'a.md:1:1 count-paths/count 2 headings.',
      'commented.md:1:1 count-paths/count 1 headings.',
    ]);
  });
});
