/**
 * The bundle's patches to the parser (scripts/micromark-patches.ts): the patched `EditMap#consume`
 * gives exactly the events the published one gives, on random edit lists; the compile with one
 * context per document gives exactly the published compile's trees on every fixture; each patch
 * refuses a source it was not written for and is in the committed bundle.
 */
import { promises as fs, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from 'esbuild';
import type { Root } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { globbySync } from 'globby';
import { linearEditMapSource, sharedCompileContextSource } from '../../scripts/micromark-patches.js';
import { shippedDependencyPatches } from '../../scripts/bundle-build.js';
import { MDAST_EXTENSIONS, MICROMARK_EXTENSIONS } from '../../src/markdown/parse.js';
import { PACKAGE_ROOT, temporaryFolder } from '../helpers/package-checkout.js';

/**
 * The copy micromark itself imports, wherever npm placed it: its `default` export, the file esbuild
 * bundles (vitest resolves the package's `development` export, an unminified twin, to dev/).
 */
const micromarkRequire = createRequire(createRequire(path.join(PACKAGE_ROOT, 'package.json')).resolve('micromark'));
const EDIT_MAP_FILE = path.join(
  path.dirname(micromarkRequire.resolve('micromark-util-edit-map')).replace(/[\\/]dev$/, ''),
  'index.js',
);

interface EditMapLike {
  add(index: number, remove: number, add: unknown[]): void;
  addBefore(index: number, remove: number, add: unknown[]): void;
  consume(events: unknown[]): void;
}
type EditMapClass = new () => EditMapLike;

let base: string;
let Published: EditMapClass;
let Patched: EditMapClass;
beforeAll(async () => {
  base = await temporaryFolder('agentops-lint-edit-map-');
  const patchedFile = path.join(base, 'edit-map-patched.mjs');
  await fs.writeFile(patchedFile, linearEditMapSource(readFileSync(EDIT_MAP_FILE, 'utf8')));
  Published = ((await import(pathToFileURL(EDIT_MAP_FILE).href)) as { EditMap: EditMapClass }).EditMap;
  Patched = ((await import(pathToFileURL(patchedFile).href)) as { EditMap: EditMapClass }).EditMap;
});
afterAll(() => fs.rm(base, { recursive: true, force: true }));

const edit = fc.record({
  at: fc.nat(40),
  remove: fc.nat(4),
  add: fc.array(fc.string({ maxLength: 3 }), { maxLength: 4 }),
  before: fc.boolean(),
});

describe("the bundle's linear EditMap#consume", () => {
  it('gives the same events as the published one for any edits, including none', () => {
    fc.assert(
      fc.property(fc.array(fc.integer(), { maxLength: 40 }), fc.array(edit, { maxLength: 6 }), (events, edits) => {
        const results = [Published, Patched].map((EditMap) => {
          const list: unknown[] = [...events];
          const map = new EditMap();
          for (const { at, remove, add, before } of edits) {
            // Edits never reach past the list, as in micromark (an edit there would add holes).
            const index = Math.min(at, list.length);
            const count = Math.min(remove, list.length - index);
            // A copy each: EditMap appends to the arrays it is given.
            if (before) map.addBefore(index, count, [...add]);
            else map.add(index, count, [...add]);
          }
          map.consume(list);
          return list;
        });
        expect(results[1]).toEqual(results[0]);
      }),
      { seed: 23, numRuns: 300 },
    );
  });

  it('keeps the list object and the events before the first edit in place', () => {
    const events = ['a', 'b', 'c', 'd'];
    const map = new Patched();
    map.add(3, 1, ['x', 'y']);
    map.consume(events);
    expect(events).toEqual(['a', 'b', 'c', 'x', 'y']);
  });

  it('refuses a source it was not written for, so a changed upstream never ships unpatched', () => {
    expect(() => linearEditMapSource('export class EditMap { consume(events) { events.length = 0 } }')).toThrow(
      /micromark-util-edit-map changed/,
    );
    const source = readFileSync(EDIT_MAP_FILE, 'utf8');
    expect(linearEditMapSource(source)).not.toContain('vecs.push(events.slice());');
  });

  it('is in the committed bundle', () => {
    const bundle = path.join(PACKAGE_ROOT, 'bundle');
    const texts = readdirSync(bundle)
      .filter((file) => file.endsWith('.js'))
      .map((file) => readFileSync(path.join(bundle, file), 'utf8'));
    // esbuild drops the patch's comment but names each module it inlines: read that module's code.
    // (micromark-extension-gfm-table has an EditMap of its own, consumed once per document.)
    const marker = '// node_modules/micromark-util-edit-map/index.js\n';
    const modules = texts
      .filter((text) => text.includes(marker))
      .map((text) => text.slice(text.indexOf(marker)).split(/\n\/\/ node_modules\//)[0]!);
    expect(modules).toHaveLength(1);
    expect(modules[0]).toMatch(/let slice = vecs\.pop\(\);/);
    expect(modules[0]).not.toMatch(/vecs\.push\(events\.slice\(\)\);/);
  });
});

type FromMarkdown = typeof fromMarkdown;

/** Every Markdown file of fixtures/: real pages, rule fixtures and hostile inputs. */
const FIXTURE_PAGES = globbySync('fixtures/**/*.md', { cwd: PACKAGE_ROOT, dot: true }).sort();

describe("the bundle's compile with one context per document", () => {
  let patchedFromMarkdown: FromMarkdown;
  beforeAll(async () => {
    // What the bundle ships: the package's default build through the same plugins (esbuild may rename `index` and `context`).
    const outfile = path.join(base, 'from-markdown-patched.mjs');
    await build({
      stdin: { contents: "export { fromMarkdown } from 'mdast-util-from-markdown';", resolveDir: PACKAGE_ROOT },
      absWorkingDir: PACKAGE_ROOT,
      outfile,
      bundle: true,
      format: 'esm',
      platform: 'node',
      plugins: shippedDependencyPatches(),
      logLevel: 'silent',
    });
    const built = readFileSync(outfile, 'utf8');
    expect(built).toMatch(/context\d*\.sliceSerialize = events\d*\[index\d*\]\[2\]\.sliceSerialize, context\d*\)/);
    expect(built).not.toMatch(/\.\.\.context,\s*sliceSerialize/);
    patchedFromMarkdown = ((await import(pathToFileURL(outfile).href)) as { fromMarkdown: FromMarkdown }).fromMarkdown;
  });

  it('builds the same tree as the published compile for every fixture page', () => {
    expect(FIXTURE_PAGES.length).toBeGreaterThan(100);
    const options = { extensions: MICROMARK_EXTENSIONS, mdastExtensions: MDAST_EXTENSIONS };
    for (const page of FIXTURE_PAGES) {
      const text = readFileSync(path.join(PACKAGE_ROOT, page), 'utf8');
      const published: Root = fromMarkdown(text, options);
      expect(patchedFromMarkdown(text, options), page).toEqual(published);
    }
  });

  it('refuses a source it was not written for, so a changed upstream never ships unpatched', () => {
    expect(() => sharedCompileContextSource('function compile(events) { return events }')).toThrow(
      /mdast-util-from-markdown changed: its compile has 0 per-event copies/,
    );
  });

  it('is in the committed bundle', () => {
    const bundle = path.join(PACKAGE_ROOT, 'bundle');
    const marker = '// node_modules/mdast-util-from-markdown/lib/index.js\n';
    const modules = readdirSync(bundle)
      .filter((file) => file.endsWith('.js'))
      .map((file) => readFileSync(path.join(bundle, file), 'utf8'))
      .filter((text) => text.includes(marker))
      .map((text) => text.slice(text.indexOf(marker)).split(/\n\/\/ node_modules\//)[0]!);
    expect(modules).toHaveLength(1);
    expect(modules[0]).toMatch(/context\d*\.sliceSerialize = events\d*\[index\d*\]\[2\]\.sliceSerialize, context\d*\)/);
    expect(modules[0]).not.toMatch(/\.\.\.context,\s*sliceSerialize/);
  });
});
