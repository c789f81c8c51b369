/**
 * The MCP server over its real protocol: the built bin started as `agentops-lint mcp`, driven by
 * the SDK's own Client over stdio. Build first (`npm test` does).
 */
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { AjvJsonSchemaValidator } from '@modelcontextprotocol/sdk/validation/ajv';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_CACHE_LOCATION } from '../../src/cache/phase1-cache.js';
import { MAPPINGS_CACHE_FILE_NAME, TERMS_CACHE_FILE_NAME } from '../../src/cli/inventory-commands.js';
import { ruleDocsUrl } from '../../src/core/tool.js';
import { BIN, tempProject } from '../helpers/cli-harness.js';

const GUIDE = '# Guide\n\n## Install steps\n\nRun the installer.\n';
const INDEX = '# Index\n\nSee [the guide](Guide.md) and [the steps](guide.md#instal-steps).\n';

let client: Client | undefined;
afterEach(async () => {
  await client?.close();
  client = undefined;
});

/** The server's stderr (its log) of the last connect. */
let serverLog = '';

async function connect(root: string, args: string[] = []): Promise<Client> {
  const connected = new Client({ name: 'agentops-lint-test', version: '1.0.0' });
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [BIN, 'mcp', ...args],
    cwd: root,
    env: { PATH: process.env.PATH ?? '' },
    stderr: 'pipe',
  });
  serverLog = '';
  transport.stderr?.on('data', (chunk: Buffer) => (serverLog += chunk.toString()));
  await connected.connect(transport);
  return connected;
}

interface ToolAnswer {
  isError?: boolean;
  content: { type: string; text?: string }[];
  structuredContent?: Record<string, unknown>;
}

async function call(name: string, args: Record<string, unknown> = {}): Promise<ToolAnswer> {
  return (await client!.callTool({ name, arguments: args })) as ToolAnswer;
}

function problems(answer: ToolAnswer): string[] {
  const list = (answer.structuredContent?.problems ??
    (answer.structuredContent?.remaining as { problems: unknown[] } | undefined)?.problems) as {
    file: string;
    line: number;
    column: number;
    ruleId: string;
    message: string;
    fixable: boolean;
  }[];
  return list.map(
    (problem) =>
      `${problem.file}:${problem.line}:${problem.column} ${problem.ruleId}${problem.fixable ? ' (fixable)' : ''} ${problem.message}`,
  );
}

const EXPECTED_PROBLEMS = [
  'index.md:3:17 links (fixable) Link target "Guide.md" exists only as "guide.md": paths are case-sensitive on GitHub and Linux.',
  'index.md:3:43 anchors No heading or anchor "#instal-steps" in "guide.md".',
];

describe('agentops-lint mcp', () => {
  it('lists its tools, lints files and unsaved texts, and previews fixes without writing', async () => {
    const root = tempProject({ 'guide.md': GUIDE, 'index.md': INDEX });
    client = await connect(root);
    expect(client.getServerVersion()?.name).toBe('agentops-lint');
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name).sort()).toEqual([
      'explain_rule',
      'fix_files',
      'fix_text',
      'lint',
      'lint_text',
      'list_rules',
      'mappings_inventory',
      'terms_inventory',
    ]);
    expect(tools.find((tool) => tool.name === 'lint')?.annotations?.readOnlyHint).toBe(true);

    const lint = await call('lint');
    expect(lint.isError).toBeUndefined();
    expect(lint.structuredContent).toMatchObject({
      root,
      filesChecked: 2,
      errorCount: 2,
      warningCount: 0,
      truncated: false,
    });
    expect(problems(lint)).toEqual(EXPECTED_PROBLEMS);
    const [first] = lint.structuredContent!.problems as Record<string, unknown>[];
    expect(first).toMatchObject({ docsUrl: ruleDocsUrl('links'), severity: 'error', endLine: 3, endColumn: 25 });
    // The same answer as JSON text, for clients that read only text.
    expect(JSON.parse(lint.content[0]!.text!)).toEqual(lint.structuredContent);

    const typo = (lint.structuredContent!.problems as { suggestions?: string[] }[])[1]!;
    expect(typo.suggestions).toEqual(['Point the link at "#install-steps"']);

    const preview = await call('fix_files', { paths: ['index.md'] });
    expect(preview.structuredContent).toMatchObject({ written: false, files: [{ file: 'index.md' }] });
    const [file] = preview.structuredContent!.files as { patch: string }[];
    expect(file!.patch).toContain(
      '-See [the guide](Guide.md) and [the steps](guide.md#instal-steps).\n+See [the guide](guide.md) and [the steps](guide.md#instal-steps).\n',
    );
    expect(problems(preview)).toEqual([EXPECTED_PROBLEMS[1]]);
    expect(readFileSync(path.join(root, 'index.md'), 'utf8')).toBe(INDEX);

    const unsaved = await call('lint_text', {
      path: 'docs/new.md',
      text: '# New\n\nSee [the steps](../guide.md#install-steps) and [gone](../missing.md).\n',
    });
    expect(problems(unsaved)).toEqual(['docs/new.md:3:55 links Link target "../missing.md" does not exist.']);
    expect(unsaved.structuredContent).toMatchObject({ filesChecked: 1, errorCount: 1 });

    const fixedText = await call('fix_text', { path: 'index.md', text: INDEX });
    expect(fixedText.structuredContent?.fixedText).toBe(INDEX.replace('Guide.md', 'guide.md'));
  });

  it('starts warm: a second start reads every file from the cache lint keeps; --no-cache reads none', async () => {
    const root = tempProject({ 'guide.md': GUIDE, 'index.md': INDEX, 'notes.md': '# Notes\n' });
    const startAndLint = async (args: string[] = []): Promise<string> => {
      client = await connect(root, args);
      expect(problems(await call('lint', { paths: ['index.md'] }))).toEqual(EXPECTED_PROBLEMS);
      await client.close();
      client = undefined;
      return serverLog;
    };
    expect(await startAndLint()).toBe(`agentops-lint: indexed ${root} (0 files from the cache, 3 analysed)\n`);
    expect(await startAndLint()).toBe(`agentops-lint: indexed ${root} (3 files from the cache, 0 analysed)\n`);
    expect(await startAndLint(['--no-cache'])).toBe(`agentops-lint: indexed ${root} (no cache)\n`);
  });

  it('applies fixes when asked, and sees files changed on disk between calls', async () => {
    const root = tempProject({ 'guide.md': GUIDE, 'index.md': INDEX });
    client = await connect(root);
    const applied = await call('fix_files', { paths: ['index.md'], apply: true });
    expect(applied.structuredContent).toMatchObject({ written: true, files: [{ file: 'index.md' }] });
    expect(readFileSync(path.join(root, 'index.md'), 'utf8')).toBe(INDEX.replace('Guide.md', 'guide.md'));

    // An edit made outside the server (by the agent) is seen by the next call.
    writeFileSync(path.join(root, 'guide.md'), GUIDE.replace('## Install steps', '## Instal steps'));
    expect(problems(await call('lint'))).toEqual([]);
  });

  it('refuses paths outside the repository root and unknown rules, and explains rules', async () => {
    const root = tempProject({ 'guide.md': GUIDE });
    client = await connect(root);
    const outside = await call('lint', { paths: ['../elsewhere.md'] });
    expect(outside.isError).toBe(true);
    expect(outside.content[0]!.text).toBe(
      `"../elsewhere.md" is outside the repository root ${root}: give a path inside it, relative to it.`,
    );
    const absolute = await call('lint_text', { path: '/etc/passwd.md', text: '# x\n' });
    expect(absolute.isError).toBe(true);
    expect(absolute.content[0]!.text).toBe(
      `"/etc/passwd.md" is outside the repository root ${root}: give a path inside it, relative to it.`,
    );
    const invalid = await call('lint', { paths: 'guide.md' });
    expect(invalid.isError).toBe(true);
    expect(invalid.content[0]!.text).toBe(
      'MCP error -32602: Input validation error: Invalid arguments for tool lint: Invalid input: expected array, received string at paths',
    );
    const none = await call('lint', { paths: ['docs/'] });
    expect(none.content[0]!.text).toBe(
      'No Markdown file to lint matches "docs/": it does not exist, or the config\'s files and ignore globs leave it out.',
    );

    const unknown = await call('explain_rule', { rule: 'anchor' });
    expect(unknown.isError).toBe(true);
    expect(unknown.content[0]!.text).toBe(
      'There is no rule "anchor" (did you mean "anchors"?). The list_rules tool lists them.',
    );
    const explained = await call('explain_rule', { rule: 'anchors' });
    expect(explained.structuredContent).toMatchObject({
      id: 'anchors',
      scope: 'project',
      severity: 'error',
      docsUrl: ruleDocsUrl('anchors'),
    });
    expect(explained.structuredContent!.documentation).toBe(
      readFileSync(new URL('../../rules/anchors.md', import.meta.url), 'utf8'),
    );

    const listed = await call('list_rules');
    const rules = listed.structuredContent!.rules as { id: string; severity: string }[];
    expect(rules.find((rule) => rule.id === 'terminology')?.severity).toBe('off');
    expect(rules.find((rule) => rule.id === 'links')?.severity).toBe('error');
  });

  it('returns the terms and mappings inventories', async () => {
    const root = tempProject({ 'guide.md': '# Guide\n\nKubernetes and kubernetes and K8s.\n' });
    client = await connect(root);
    const terms = await call('terms_inventory');
    expect(terms.isError).toBeUndefined();
    const kubernetes = (
      terms.structuredContent!.terms as {
        term: string;
        count: number;
        forms: { form: string; count: number; status: string }[];
      }[]
    ).find((term) => term.term === 'Kubernetes');
    expect(kubernetes?.forms.map((form) => `${form.form} ${form.status} ${form.count}`)).toEqual(
      expect.arrayContaining(['Kubernetes right 1', 'kubernetes wrong 1']),
    );
    const mappings = await call('mappings_inventory', { paths: ['guide.md'] });
    expect(mappings.isError).toBeUndefined();
    expect(mappings.structuredContent).toMatchObject({ filesChecked: 1 });
    // They keep their rows where `agentops-lint terms` and `mappings` do (the server's cache is on by default).
    expect(readdirSync(path.join(root, DEFAULT_CACHE_LOCATION))).toEqual(
      expect.arrayContaining([TERMS_CACHE_FILE_NAME, MAPPINGS_CACHE_FILE_NAME]),
    );
  });

  it('takes ".", "./" and "" for the repository root, and names that begin with ".." inside it', async () => {
    const root = tempProject({
      'guide.md': GUIDE,
      'index.md': INDEX,
      '..notes.md': '# Notes\n\nSee [the guide](guide.md).\n',
    });
    client = await connect(root);
    for (const rootPath of ['.', './', '']) {
      const whole = await call('lint', { paths: [rootPath] });
      expect(whole.isError, `paths: ["${rootPath}"]`).toBeUndefined();
      expect(whole.structuredContent).toMatchObject({ filesChecked: 3, errorCount: 2 });
      expect(problems(whole)).toEqual(EXPECTED_PROBLEMS);
    }
    const dotted = await call('lint', { paths: ['..notes.md'] });
    expect(dotted.isError).toBeUndefined();
    expect(dotted.structuredContent).toMatchObject({ filesChecked: 1, errorCount: 0 });
    const dottedText = await call('lint_text', { path: '..draft.md', text: '# Draft\n\n[gone](missing.md)\n' });
    expect(problems(dottedText)).toEqual(['..draft.md:3:8 links Link target "missing.md" does not exist.']);
    const terms = await call('terms_inventory', { paths: ['.'] });
    expect(terms.structuredContent).toMatchObject({ filesChecked: 3 });
    // A first segment that is exactly ".." still climbs out.
    const outside = await call('lint', { paths: ['../..notes.md'] });
    expect(outside.content[0]!.text).toBe(
      `"../..notes.md" is outside the repository root ${root}: give a path inside it, relative to it.`,
    );
  });

  it('refuses arguments a tool does not have, naming the ones it has', async () => {
    const root = tempProject({ 'guide.md': GUIDE, 'index.md': INDEX });
    client = await connect(root);
    const misspelt = await call('lint', { pathz: ['guide.md'] });
    expect(misspelt.isError).toBe(true);
    expect(misspelt.content[0]!.text).toBe(
      'MCP error -32602: Input validation error: Invalid arguments for tool lint: Unknown argument "pathz": the arguments are paths, maxProblems.',
    );
    const two = await call('lint_text', { path: 'a.md', text: '# A\n', fix: true, max: 3 });
    expect(two.content[0]!.text).toBe(
      'MCP error -32602: Input validation error: Invalid arguments for tool lint_text: Unknown arguments "fix", "max": the arguments are path, text, maxProblems.',
    );
    const none = await call('list_rules', { verbose: true });
    expect(none.content[0]!.text).toBe(
      'MCP error -32602: Input validation error: Invalid arguments for tool list_rules: Unknown argument "verbose": this tool takes no arguments.',
    );
    // The listed input schemas say so too, for clients that check before they call.
    const { tools } = await client.listTools();
    for (const tool of tools) expect(tool.inputSchema.additionalProperties, tool.name).toBe(false);
  });

  it('declares an output schema for every tool, and every answer validates against it', async () => {
    const root = tempProject({
      'guide.md': GUIDE,
      'index.md': INDEX,
      'platform.md': '# Platform\n\n| Kubernetes | Ours |\n| --- | --- |\n| Pod | Worker |\n| Deployment | Service |\n',
    });
    client = await connect(root);
    const { tools } = await client.listTools();
    const calls: Record<string, Record<string, unknown>> = {
      lint: {},
      lint_text: { path: 'new.md', text: '# New\n' },
      fix_files: { paths: ['index.md'] },
      fix_text: { path: 'index.md', text: INDEX },
      list_rules: {},
      explain_rule: { rule: 'links' },
      terms_inventory: {},
      mappings_inventory: {},
    };
    expect(tools.map((tool) => tool.name).sort()).toEqual(Object.keys(calls).sort());
    const validator = new AjvJsonSchemaValidator();
    for (const tool of tools) {
      expect(tool.outputSchema, tool.name).toBeDefined();
      const answer = await call(tool.name, calls[tool.name]);
      expect(answer.isError, tool.name).toBeUndefined();
      const verdict = validator.getValidator(tool.outputSchema!)(answer.structuredContent);
      expect(verdict.errorMessage, tool.name).toBeUndefined();
      expect(verdict.valid, tool.name).toBe(true);
    }
    const mappings = await call('mappings_inventory');
    expect(mappings.structuredContent).toMatchObject({ filesChecked: 3, statements: 2 });
  });
});
