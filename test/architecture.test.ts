/**
 * The layout is the architecture: each folder of src/ is one stage or one domain, and imports
 * only point down this table. A folder that imports one above it (or one that imports it back)
 * means a type or a function lives in the wrong room.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** Lowest first. A module may import its own folder and any folder of a lower layer. */
const LAYERS: readonly (readonly string[])[] = [
  ['src/core'],
  ['src/text'],
  ['src/suppressions'],
  ['src/markdown'],
  ['src/config', 'src/links', 'src/terms', 'src/contracts', 'src/external', 'src/reporters'],
  ['rules'],
  ['src/engine'],
  ['src/fixes', 'src/cache', 'src/project'],
  ['src/pipeline'],
  ['src/lsp'],
  ['src/mcp'],
  ['src/cli'],
  ['src/api'],
  ['src/cli.ts', 'src/index.ts'],
];

function sourceFiles(directory: string): string[] {
  return readdirSync(path.join(ROOT, directory), { withFileTypes: true }).flatMap((entry) => {
    const relative = path.posix.join(directory, entry.name);
    if (entry.isDirectory()) return sourceFiles(relative);
    return entry.name.endsWith('.ts') ? [relative] : [];
  });
}

/** `src/<folder>` for modules in a folder of src/, the file itself at src/'s top, `rules` for rules/. */
function unitOf(file: string): string {
  const parts = file.split('/');
  if (parts[0] === 'rules') return 'rules';
  return parts.length > 2 ? `src/${parts[1]}` : file;
}

function layerOf(unit: string): number {
  const layer = LAYERS.findIndex((units) => units.includes(unit));
  if (layer < 0) throw new Error(`${unit} is in no layer of test/architecture.test.ts: add it where it belongs`);
  return layer;
}

function importsOf(file: string): string[] {
  const text = readFileSync(path.join(ROOT, file), 'utf8');
  return [...text.matchAll(/(?:\bfrom\s+|\bimport\s*\(\s*)'(\.{1,2}\/[^']+)'/g)].map((match) =>
    path.posix.normalize(path.posix.join(path.posix.dirname(file), match[1]!)),
  );
}

/**
 * What loading `file` loads before any of its code runs: its static imports, transitively
 * (`import()` loads later, when called; `import type` loads nothing). Project modules by path,
 * packages by name. The bundle splits chunks along exactly these edges.
 */
function staticClosure(file: string): Set<string> {
  const loaded = new Set<string>();
  const visit = (module: string): void => {
    if (loaded.has(module)) return;
    loaded.add(module);
    if (!module.startsWith('src/') && !module.startsWith('rules/')) return;
    const text = readFileSync(path.join(ROOT, module), 'utf8');
    for (const match of text.matchAll(/^(?:import|export)\s+(?!type\b)[^;]*?\bfrom\s+'([^']+)'/gms)) {
      const specifier = match[1]!;
      if (specifier.startsWith('node:')) continue;
      if (specifier.startsWith('.'))
        visit(path.posix.normalize(path.posix.join(path.posix.dirname(module), specifier)).replace(/\.js$/, '.ts'));
      else visit(specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0]!);
    }
  };
  visit(file);
  return loaded;
}

describe('what a command loads', () => {
  it('a language server loads neither the MCP server nor its SDK and JSON Schema validator (a start pays for what it loads)', () => {
    const loaded = [...staticClosure('src/cli/lsp-command.ts')];
    expect(loaded).toContain('src/lsp/language-server.ts');
    expect(loaded).toContain('vscode-languageserver');
    expect(loaded.filter((module) => /^(src\/mcp\/|@modelcontextprotocol\/|ajv)/.test(module))).toEqual([]);
  });

  it('an MCP server does not load the language server', () => {
    const loaded = [...staticClosure('src/cli/mcp-command.ts')];
    expect(loaded).toContain('src/mcp/mcp-server.ts');
    expect(loaded).toContain('@modelcontextprotocol/sdk');
    expect(loaded.filter((module) => module.startsWith('src/lsp/language-server'))).toEqual([]);
  });
});

describe('architecture', () => {
  const files = [...sourceFiles('src'), ...sourceFiles('rules')];

  it('places every folder of src/ in a layer', () => {
    for (const file of files) expect(() => layerOf(unitOf(file)), file).not.toThrow();
  });

  it('imports only point down (or within a folder)', () => {
    const upward: string[] = [];
    for (const file of files) {
      const from = unitOf(file);
      for (const target of importsOf(file)) {
        const to = unitOf(target);
        if (to === from || target.startsWith('node_modules')) continue;
        if (layerOf(to) >= layerOf(from)) upward.push(`${file} imports ${target} (${from} → ${to})`);
      }
    }
    expect(upward).toEqual([]);
  });

  it('the engine and the libraries name no rule: only the CLI and the programmatic API import the rule list', () => {
    const offenders = files.filter(
      (file) =>
        !file.startsWith('rules/') &&
        !file.startsWith('src/cli') &&
        !file.startsWith('src/api/') &&
        importsOf(file).some((target) => target.startsWith('rules/')),
    );
    expect(offenders).toEqual([]);
  });

  it('outside rules/, only the rule list is imported: no module reaches into one rule (the CLI included)', () => {
    const offenders = files.flatMap((file) =>
      file.startsWith('rules/')
        ? []
        : importsOf(file)
            .filter((target) => target.startsWith('rules/') && target !== 'rules/index.js')
            .map((target) => `${file} imports ${target}`),
    );
    expect(offenders).toEqual([]);
  });
});
