/**
 * Properties of a whole lint run on generated and mutated Markdown (generators.ts):
 *
 * - no exception escapes, no rule crashes and no file fails to be analysed;
 * - every diagnostic points inside its file;
 * - worker threads report exactly what the main thread reports;
 * - `--fix` twice changes nothing the second time, and fixing never adds a problem;
 * - the phase-1 cache gives what no cache gives, after random edits, renames and deletions.
 *
 * `npm test` runs a few cases with a fixed seed; `npm run test:property` runs hundreds with a
 * random one (AGENTOPS_LINT_PROPERTY_RUNS and AGENTOPS_LINT_PROPERTY_SEED set them). A failure
 * found becomes a case in regressions.test.ts.
 */
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { FileSettings } from '../../src/config/file-settings.js';
import { resolveUserConfig, type ResolvedConfig } from '../../src/config/load.js';
import type { Diagnostic } from '../../src/core/diagnostic.js';
import { repositoryPathsFromFiles } from '../../src/core/facts.js';
import { computeLineStarts } from '../../src/core/text-positions.js';
import {
  lintProject,
  runPhase1Sequentially,
  type LintProjectOptions,
  type Phase1Runner,
  type ProjectSource,
} from '../../src/engine/lint-project.js';
import { createPhase1Pool } from '../../src/engine/phase1-pool.js';
import { Phase1Cache } from '../../src/cache/phase1-cache.js';
import { lintWithFixes } from '../../src/fixes/fix-passes.js';
import { applyFixes } from '../../src/fixes/apply-edits.js';
import type { TextEdit } from '../../src/core/rule.js';
import { REGISTRY, RULES_MODULE } from '../../rules/index.js';
import { document, mutatedFixture, project, propertyRuns } from './generators.js';

type Project = Record<string, Uint8Array>;

const isMarkdown = (file: string): boolean => /\.(md|markdown)$/.test(file);

/** Every rule, at its default severity: `extends: [all]`. */
const CONFIG: ResolvedConfig = resolveUserConfig(
  { extends: ['all'], rules: new Map(), overrides: [] },
  '/project',
  undefined,
  REGISTRY.configContext,
);
const SETTINGS = new FileSettings(CONFIG, REGISTRY.byId, '/project');

function sourceOf(files: Project): ProjectSource {
  return {
    targets: Object.keys(files).filter(isMarkdown).sort(),
    paths: repositoryPathsFromFiles(Object.keys(files)),
    read: async (file) => {
      const bytes = files[file];
      if (bytes === undefined) throw Object.assign(new Error(`ENOENT: ${file}`), { code: 'ENOENT' });
      return bytes;
    },
    isMarkdown,
  };
}

function options(runPhase1: Phase1Runner = runPhase1Sequentially): LintProjectOptions {
  return { settings: SETTINGS, rules: REGISTRY.byId, runPhase1 };
}

async function lint(
  files: Project,
  runPhase1?: Phase1Runner,
): Promise<{ diagnostics: Diagnostic[]; crashed: boolean }> {
  const { diagnostics, crashed } = await lintProject(sourceOf(files), options(runPhase1));
  return { diagnostics, crashed };
}

/** The text a file's diagnostics count lines and columns in: decoded, without a byte-order mark. */
function textOf(bytes: Uint8Array): string {
  const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
  return text.startsWith('\ufeff') ? text.slice(1) : text;
}

/** The bugs a run must never show: a crash, a file that could not be analysed, a position outside its file. */
function expectSoundReport(files: Project, report: { diagnostics: Diagnostic[]; crashed: boolean }): void {
  expect(report.crashed).toBe(false);
  for (const diagnostic of report.diagnostics) {
    expect(diagnostic.ruleId).not.toBe('rule-crash');
    expect(`${diagnostic.ruleId}/${diagnostic.messageId}`).not.toBe('parse-error/failed');
    const bytes = files[diagnostic.file];
    // Repository-level diagnostics (a required file that is missing) sit at 1:1 of a path that is no file.
    if (bytes === undefined) {
      expect([diagnostic.line, diagnostic.column]).toEqual([1, 1]);
      continue;
    }
    const text = textOf(bytes);
    const lineStarts = computeLineStarts(text);
    const lineLength = (line: number): number =>
      (lineStarts[line] ?? text.length + 1) - lineStarts[line - 1]! - (lineStarts[line] === undefined ? 1 : 0);
    const where = `${diagnostic.file}:${diagnostic.line}:${diagnostic.column}-${diagnostic.endLine}:${diagnostic.endColumn} ${diagnostic.ruleId}`;
    expect(diagnostic.line, where).toBeGreaterThanOrEqual(1);
    expect(diagnostic.line, where).toBeLessThanOrEqual(lineStarts.length);
    expect(diagnostic.column, where).toBeGreaterThanOrEqual(1);
    expect(diagnostic.column, where).toBeLessThanOrEqual(lineLength(diagnostic.line) + 1);
    expect(diagnostic.endLine, where).toBeLessThanOrEqual(lineStarts.length);
    expect(diagnostic.endColumn, where).toBeLessThanOrEqual(lineLength(diagnostic.endLine) + 1);
    expect(diagnostic.endLine * 1e9 + diagnostic.endColumn, where).toBeGreaterThanOrEqual(
      diagnostic.line * 1e9 + diagnostic.column,
    );
  }
}

describe('lint properties', { timeout: 600_000 }, () => {
  it('generated projects: nothing escapes, nothing crashes, every position is inside its file', async () => {
    await fc.assert(
      fc.asyncProperty(project, async (files) => {
        expectSoundReport(files, await lint(files));
      }),
      propertyRuns(40),
    );
  });

  it('real files with their bytes mutated: the same', async () => {
    await fc.assert(
      fc.asyncProperty(mutatedFixture, async ({ bytes }) => {
        const files = { 'doc.md': bytes, 'a.md': new TextEncoder().encode('# Setup\n\n[doc](doc.md#setup)\n') };
        expectSoundReport(files, await lint(files));
      }),
      propertyRuns(40),
    );
  });

  it('--fix twice changes nothing the second time, and fixing never adds a problem', async () => {
    const fix = async (files: Project): Promise<Project> => {
      const fixed = await lintWithFixes(sourceOf(files), options(), true);
      const result: Project = { ...files };
      for (const [file, text] of fixed.texts)
        result[file] = new TextEncoder().encode((fixed.originals.get(file)?.bom ? '\ufeff' : '') + text);
      return result;
    };
    const counts = (diagnostics: Diagnostic[]): Map<string, number> => {
      const result = new Map<string, number>();
      for (const { file, ruleId, messageId } of diagnostics)
        result.set(`${file} ${ruleId}/${messageId}`, (result.get(`${file} ${ruleId}/${messageId}`) ?? 0) + 1);
      return result;
    };
    await fc.assert(
      fc.asyncProperty(project, async (files) => {
        const once = await fix(files);
        const twice = await fix(once);
        expect(Object.fromEntries(Object.entries(twice).map(([file, bytes]) => [file, textOf(bytes)]))).toEqual(
          Object.fromEntries(Object.entries(once).map(([file, bytes]) => [file, textOf(bytes)])),
        );
        const before = counts((await lint(files)).diagnostics);
        for (const [key, count] of counts((await lint(once)).diagnostics))
          expect(count, `after --fix: ${key}`).toBeLessThanOrEqual(before.get(key) ?? 0);
      }),
      propertyRuns(20),
    );
  });

  it('--fix --fix-type suggestion (certain fixes and suggestions mixed): twice changes nothing the second time, and the fixed files lint soundly', async () => {
    const fix = async (files: Project): Promise<Project> => {
      const fixed = await lintWithFixes(sourceOf(files), options(), true, 'suggestion');
      const result: Project = { ...files };
      for (const [file, text] of fixed.texts)
        result[file] = new TextEncoder().encode((fixed.originals.get(file)?.bom ? '\ufeff' : '') + text);
      return result;
    };
    await fc.assert(
      fc.asyncProperty(project, async (files) => {
        const once = await fix(files);
        expectSoundReport(once, await lint(once));
        const twice = await fix(once);
        expect(Object.fromEntries(Object.entries(twice).map(([file, bytes]) => [file, textOf(bytes)]))).toEqual(
          Object.fromEntries(Object.entries(once).map(([file, bytes]) => [file, textOf(bytes)])),
        );
      }),
      propertyRuns(20),
    );
  });

  it('a pass of mixed fixes applies what a one-at-a-time model applies: certain fixes first, no two edits touching or sharing an offset with an insertion', () => {
    const edit = (length: number) =>
      fc
        .tuple(fc.nat(length), fc.nat(3), fc.constantFrom('', 'x', 'yz'))
        .map(([start, size, text]) => ({ start, end: Math.min(start + size, length), text }));
    const text = 'abcdefghij';
    const fixes = fc.array(fc.array(edit(text.length), { minLength: 1, maxLength: 2 }), { maxLength: 6 });
    fc.assert(
      fc.property(fixes, fixes, (certain, likely) => {
        const clash = (a: TextEdit, b: TextEdit): boolean =>
          (a.start < b.end && b.start < a.end) || (a.start === b.start && (a.start === a.end || b.start === b.end));
        const taken: TextEdit[] = [];
        let applied = 0;
        const byStart = (list: TextEdit[][]) =>
          list
            .filter((fix) => fix.every((a, i) => fix.every((b, j) => i === j || !clash(a, b))))
            .map((fix) => [...fix].sort((a, b) => a.start - b.start || a.end - b.end))
            .sort((a, b) => a[0]!.start - b[0]!.start || a[a.length - 1]!.end - b[b.length - 1]!.end);
        for (const fix of [...byStart(certain), ...byStart(likely)]) {
          if (fix.some((a) => taken.some((b) => clash(a, b)))) continue;
          taken.push(...fix);
          applied++;
        }
        let expected = text;
        for (const one of [...taken].sort((a, b) => b.start - a.start))
          expected = expected.slice(0, one.start) + one.text + expected.slice(one.end);
        expect(applyFixes(text, certain, likely)).toEqual({ text: expected, applied });
      }),
      propertyRuns(200),
    );
  });

  it('the phase-1 cache gives what no cache gives, after random edits, renames and deletions', async () => {
    const edit = fc.record({
      changed: fc.array(fc.tuple(fc.nat(), document), { maxLength: 3 }),
      renamed: fc.array(fc.nat(), { maxLength: 2 }),
      deleted: fc.array(fc.nat(), { maxLength: 1 }),
    });
    await fc.assert(
      fc.asyncProperty(project, edit, async (files, { changed, renamed, deleted }) => {
        const cache = Phase1Cache.inMemory('property-test');
        const cached = cache.wrap(runPhase1Sequentially);
        await lint(files, cached);
        const next: Project = { ...files };
        const names = () => Object.keys(next).sort();
        for (const [index, generated] of changed) next[names()[index % names().length]!] = generated.bytes;
        for (const index of renamed) {
          const from = names()[index % names().length]!;
          next[`moved/${from}`] = next[from]!;
          delete next[from];
        }
        for (const index of deleted) if (names().length > 1) delete next[names()[index % names().length]!];
        expect(await lint(next, cached)).toEqual(await lint(next));
      }),
      propertyRuns(20),
    );
  });

  describe('threads', () => {
    // Workers start once (they load the parser and the rules) and serve every run.
    const pool = createPhase1Pool({
      config: CONFIG,
      root: '/project',
      rulesModule: RULES_MODULE,
      maxThreads: 2,
      minFilesForThreads: 1,
    });
    afterAll(() => pool.close());

    it('worker threads report exactly what the main thread reports', async () => {
      // 48 files at least: fewer stay on the main thread.
      const largeProject = fc
        .array(document, { minLength: 48, maxLength: 60 })
        .map(
          (documents) =>
            Object.fromEntries(
              documents.map((generated, index) => [index === 0 ? 'a.md' : `docs/file-${index}.md`, generated.bytes]),
            ) as Project,
        );
      await fc.assert(
        fc.asyncProperty(largeProject, async (files) => {
          const threaded = await lint(files, pool.run);
          expect(pool.threads).toBe(2);
          expect(threaded).toEqual(await lint(files));
        }),
        propertyRuns(2),
      );
    });
  });
});
