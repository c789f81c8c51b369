/**
 * The language server over its real protocol: the built bin started as `agentops-lint lsp --stdio`
 * and a client speaking JSON-RPC to it (test/lsp/lsp-client.ts). Build first (`npm test` does).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { FileChangeType, type CodeAction, type PublishDiagnosticsParams } from 'vscode-languageserver-protocol/node';
import { bigPage } from '../../bench/big-page.js';
import { ruleDocsUrl } from '../../src/core/tool.js';
import { tempProject } from '../helpers/cli-harness.js';
import { LspClient } from './lsp-client.js';

const GUIDE = '# Guide\n\n## Install steps\n\nRun the installer.\n';
const INDEX = '# Index\n\nSee [the install steps](guide.md#install-steps).\n';

let client: LspClient | undefined;
afterEach(() => {
  client?.kill();
  client = undefined;
});

function summary(params: PublishDiagnosticsParams): string[] {
  return params.diagnostics.map(
    (diagnostic) =>
      `${diagnostic.range.start.line + 1}:${diagnostic.range.start.character + 1} ${diagnostic.code ?? '-'} ${diagnostic.message}`,
  );
}

/** The text after the action's edits for `uri` (the way an editor applies a WorkspaceEdit). */
function applyAction(action: CodeAction, uri: string, text: string): string {
  const edits = action.edit?.changes?.[uri] ?? [];
  return TextDocument.applyEdits(TextDocument.create(uri, 'markdown', 0, text), edits);
}

describe('agentops-lint lsp --stdio', () => {
  it('publishes another open document’s diagnostics when an edit breaks its link, and clears them when the edit is undone', async () => {
    const root = tempProject({ 'guide.md': GUIDE, 'index.md': INDEX });
    const guide = pathToFileURL(path.join(root, 'guide.md')).href;
    const index = pathToFileURL(path.join(root, 'index.md')).href;
    const started = await LspClient.start({ root });
    client = started.client;
    expect(started.initialize.serverInfo?.name).toBe('agentops-lint');
    expect(started.initialize.capabilities.codeActionProvider).toEqual({
      codeActionKinds: ['quickfix', 'source.fixAll.agentops-lint'],
    });

    await client.open(guide, GUIDE);
    await client.open(index, INDEX);
    const clean = await client.diagnosticsWhere((params) => params.uri === index && params.version === 1);
    expect(clean.diagnostics).toEqual([]);

    // Rename the heading in guide.md: index.md's link now points at nothing.
    const broken = client.nextDiagnostics(index, (params) => params.diagnostics.length > 0);
    await client.change(guide, 2, GUIDE.replace('## Install steps', '## Setup steps'));
    const afterBreak = await broken;
    expect(summary(afterBreak)).toEqual(['3:25 anchors No heading or anchor "#install-steps" in "guide.md".']);
    expect(afterBreak.version).toBe(1);
    expect(afterBreak.diagnostics[0]).toMatchObject({
      severity: 1,
      source: 'agentops-lint',
      codeDescription: { href: ruleDocsUrl('anchors') },
      range: { start: { line: 2, character: 24 }, end: { line: 2, character: 46 } },
    });

    // Undo the rename: the link resolves again and index.md's diagnostics are cleared.
    const mended = client.nextDiagnostics(index);
    await client.change(guide, 3, GUIDE);
    expect((await mended).diagnostics).toEqual([]);

    expect(await client.stop()).toBe(0);
  });

  it('starts warm: a second start reads every file from the cache lint keeps, and the open file is published before the index is built', async () => {
    const root = tempProject({
      'guide.md': GUIDE,
      'notes.md': '# Notes\n\nSee [the guide](guide.md).\n',
      'index.md': '# Index\n\nSee [the steps](guide.md#instal-steps).\n',
    });
    const index = pathToFileURL(path.join(root, 'index.md')).href;
    const text = readFileSync(path.join(root, 'index.md'), 'utf8');
    const indexedLog = (cacheUse: string) => `agentops-lint: indexed 3 files of ${root} in <s> (${cacheUse})`;
    const withoutTime = (log: string) => log.replace(/ in [0-9.]+ s /, ' in <s> ');
    const startAndOpen = async (args?: string[]): Promise<{ first: PublishDiagnosticsParams; log: string }> => {
      client = (await LspClient.start({ root, ...(args ? { args } : {}) })).client;
      await client.open(index, text);
      const first = await client.diagnosticsWhere((params) => params.uri === index && params.version === 1);
      const log = await client.logWhere((message) => message.includes(' indexed '));
      // The open file's diagnostics came before the index was built (and before its log line).
      expect(client.published.indexOf(first)).toBeLessThan(
        client.logs.find((entry) => entry.message === log)!.afterPublishes,
      );
      expect(summary(first)).toEqual([
        '3:17 anchors No heading or anchor "#instal-steps" in "guide.md". did you mean "#install-steps"?',
      ]);
      expect(await client.stop()).toBe(0);
      client = undefined;
      return { first, log };
    };

    // The first start parses every file (the open one and the file it links to in its own first run, then the rest) and saves them.
    expect(withoutTime((await startAndOpen()).log)).toBe(indexedLog('0 files from the cache, 3 analysed'));
    expect(existsSync(path.join(root, '.agentops-lint-cache', 'phase1-cache.bin'))).toBe(true);
    // A restart parses none of them again, the open one included (its text is the disk's).
    expect(withoutTime((await startAndOpen()).log)).toBe(indexedLog('3 files from the cache, 0 analysed'));
    // --no-cache reads nothing from it; --cache (the default) is still accepted.
    expect(withoutTime((await startAndOpen(['lsp', '--stdio', '--no-cache'])).log)).toBe(indexedLog('no cache'));
    expect(withoutTime((await startAndOpen(['lsp', '--stdio', '--cache'])).log)).toBe(
      indexedLog('3 files from the cache, 0 analysed'),
    );
  });

  it('stops the analysis of a large page over its time budget and keeps answering for the other files (issue 25)', async () => {
    // 12,000 links in one list (about 200 KB): seconds to parse, far over a budget of 50 ms.
    const slowText = `# Slow\n\n${Array.from({ length: 12_000 }, (_, index) => `- [${index}](guide.md#install-steps)`).join('\n')}\n`;
    const root = tempProject({
      'agentops-lint.config.yaml': 'extends: [recommended]\ntimeBudgetSeconds: 0.05\n',
      'guide.md': GUIDE,
      'index.md': INDEX,
      'slow.md': slowText,
    });
    const slow = pathToFileURL(path.join(root, 'slow.md')).href;
    const index = pathToFileURL(path.join(root, 'index.md')).href;
    client = (await LspClient.start({ root, args: ['lsp', '--stdio', '--no-cache'] })).client;

    await client.open(slow, slowText);
    const stopped = await client.diagnosticsWhere((params) => params.uri === slow && params.version === 1);
    expect(summary(stopped)).toEqual([
      '1:1 parse-error This file is not analysed: its analysis took longer than its time budget of 0.1 s and was stopped. The other files were checked.',
    ]);

    // The server goes on: a small file is analysed on its own thread, and an edit gets its answer.
    await client.open(index, INDEX);
    expect(
      (await client.diagnosticsWhere((params) => params.uri === index && params.version === 1)).diagnostics,
    ).toEqual([]);
    const broken = client.nextDiagnostics(index, (params) => params.version === 2);
    await client.change(index, 2, INDEX.replace('#install-steps', '#setup'));
    expect(summary(await broken)).toEqual(['3:25 anchors No heading or anchor "#setup" in "guide.md".']);
    expect(await client.stop()).toBe(0);
  });

  it('never blocks behind a 2 MB page being analysed again after an edit: another file’s edit and code actions answer within 2 s (issue 23)', async () => {
    const root = tempProject({ 'guide.md': GUIDE, 'index.md': INDEX });
    const index = pathToFileURL(path.join(root, 'index.md')).href;
    const big = pathToFileURL(path.join(root, 'big.md')).href;
    client = (await LspClient.start({ root, args: ['lsp', '--stdio', '--no-cache'] })).client;
    await client.open(index, INDEX);
    await client.diagnosticsWhere((params) => params.uri === index && params.version === 1);
    await client.logWhere((message) => message.includes(' indexed '));

    // A 2 MB page (5,500 sections), opened and edited: its analysis takes seconds and is under way.
    const page = bigPage(2 * 1024 * 1024);
    await client.open(big, page);
    await client.change(big, 2, `${page}\nOne more line.\n`);
    await new Promise((resolve) => setTimeout(resolve, 300));

    const editedAt = performance.now();
    const broken = client.nextDiagnostics(index, (params) => params.version === 2);
    await client.change(index, 2, INDEX.replace('#install-steps', '#instal-steps'));
    expect(summary(await broken)).toEqual([
      '3:25 anchors No heading or anchor "#instal-steps" in "guide.md". did you mean "#install-steps"?',
    ]);
    expect(performance.now() - editedAt).toBeLessThan(2000);

    const askedAt = performance.now();
    const actions = await client.codeActions(index, {
      start: { line: 2, character: 30 },
      end: { line: 2, character: 30 },
    });
    expect(performance.now() - askedAt).toBeLessThan(2000);
    expect(actions.map((action) => action.title)).toEqual([
      'Point the link at "#install-steps" (anchors)',
      'Disable anchors for this line',
    ]);
    // The page itself is published once its latest version is analysed, not before.
    expect(client.published.filter((params) => params.uri === big)).toEqual([]);
    client.kill();
  });

  it('offers the certain fix, suggestions and "disable for this line" as code actions; applying the fix clears the problem', async () => {
    const text = '# Index\n\nSee [the steps](Guide.md#install-steps) and [more](guide.md#instal-steps).\n';
    const root = tempProject({ 'guide.md': GUIDE, 'index.md': text });
    const index = pathToFileURL(path.join(root, 'index.md')).href;
    client = (await LspClient.start({ root })).client;
    await client.open(index, text);
    const published = await client.diagnosticsWhere((params) => params.uri === index && params.diagnostics.length > 0);
    expect(summary(published)).toEqual([
      '3:17 links Link target "Guide.md" exists only as "guide.md": paths are case-sensitive on GitHub and Linux.',
      '3:52 anchors No heading or anchor "#instal-steps" in "guide.md". did you mean "#install-steps"?',
    ]);

    // The wrong case has a certain fix; the typo only a suggestion. Both can be silenced for their line.
    const onCase = await client.codeActions(index, {
      start: { line: 2, character: 20 },
      end: { line: 2, character: 20 },
    });
    expect(onCase.map((action) => [action.title, action.kind, action.isPreferred ?? false])).toEqual([
      ['Fix this links problem', 'quickfix', true],
      ['Disable links for this line', 'quickfix', false],
    ]);
    expect(applyAction(onCase[1]!, index, text)).toBe(
      `# Index\n\n<!-- agentops-lint-disable-next-line links -->\n${text.slice('# Index\n\n'.length)}`,
    );
    const onTypo = await client.codeActions(index, {
      start: { line: 2, character: 62 },
      end: { line: 2, character: 62 },
    });
    expect(onTypo.map((action) => [action.title, action.kind, action.isPreferred ?? false])).toEqual([
      ['Point the link at "#install-steps" (anchors)', 'quickfix', false],
      ['Disable anchors for this line', 'quickfix', false],
    ]);
    expect(applyAction(onTypo[0]!, index, text)).toBe(text.replace('#instal-steps', '#install-steps'));

    const fixed = applyAction(onCase[0]!, index, text);
    expect(fixed).toBe(text.replace('Guide.md', 'guide.md'));
    const afterFix = client.nextDiagnostics(index);
    await client.change(index, 2, fixed);
    expect(summary(await afterFix)).toEqual([
      '3:52 anchors No heading or anchor "#instal-steps" in "guide.md". did you mean "#install-steps"?',
    ]);

    expect(await client.stop()).toBe(0);
  });

  it('fixes every certain problem of a file with source.fixAll.agentops-lint', async () => {
    const text = '# Index\n\n[a](Guide.md) and [b](GUIDE.md)\n\n##Usage\n';
    const root = tempProject({ 'guide.md': GUIDE, 'index.md': text });
    const index = pathToFileURL(path.join(root, 'index.md')).href;
    client = (await LspClient.start({ root })).client;
    await client.open(index, text);
    await client.diagnosticsWhere((params) => params.uri === index && params.diagnostics.length === 3);
    const actions = await client.codeActions(
      index,
      { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      ['source.fixAll'],
    );
    expect(actions.map((action) => [action.title, action.kind])).toEqual([
      ['Fix all certain agentops-lint problems in this file', 'source.fixAll.agentops-lint'],
    ]);
    expect(applyAction(actions[0]!, index, text)).toBe('# Index\n\n[a](guide.md) and [b](guide.md)\n\n## Usage\n');
    expect(await client.stop()).toBe(0);
  });

  it('reloads the config when the editor reports it changed (workspace/didChangeWatchedFiles)', async () => {
    const root = tempProject({ 'guide.md': GUIDE, 'index.md': INDEX.replace('#install-steps', '#nowhere') });
    const index = pathToFileURL(path.join(root, 'index.md')).href;
    const started = await LspClient.start({
      root,
      capabilities: { workspace: { didChangeWatchedFiles: { dynamicRegistration: true } } },
    });
    client = started.client;
    await client.open(index, readFileSync(path.join(root, 'index.md'), 'utf8'));
    await client.diagnosticsWhere((params) => params.uri === index && params.diagnostics.length === 1);
    expect(client.registrations.map((registration) => registration.method)).toEqual([
      'workspace/didChangeWatchedFiles',
    ]);

    const cleared = client.nextDiagnostics(index);
    writeFileSync(path.join(root, 'agentops-lint.config.yaml'), 'extends: [recommended]\nrules:\n  anchors: off\n');
    await client.filesChanged([
      { uri: pathToFileURL(path.join(root, 'agentops-lint.config.yaml')).href, type: FileChangeType.Created },
    ]);
    expect((await cleared).diagnostics).toEqual([]);

    // A broken config is shown on the config file itself.
    const config = pathToFileURL(path.join(root, 'agentops-lint.config.yaml')).href;
    const onConfig = client.nextDiagnostics(config);
    writeFileSync(path.join(root, 'agentops-lint.config.yaml'), 'extends: [recommended]\nrules:\n  anchorz: off\n');
    await client.filesChanged([{ uri: config, type: FileChangeType.Changed }]);
    expect(summary(await onConfig)).toEqual(['3:3 - rules.anchorz: unknown rule "anchorz" (did you mean "anchors"?)']);
    expect(await client.stop()).toBe(0);
  });

  it('announces an invalid config with window/showMessage, never window/showMessageRequest (which blocks Neovim), and on the config file (issue 24)', async () => {
    const root = tempProject({
      'agentops-lint.config.yaml': 'extends: [recommended]\nrules:\n  anchorz: off\n',
      'guide.md': GUIDE,
      'index.md': INDEX,
    });
    const index = pathToFileURL(path.join(root, 'index.md')).href;
    const config = pathToFileURL(path.join(root, 'agentops-lint.config.yaml')).href;
    client = (await LspClient.start({ root })).client;
    await client.open(index, INDEX);
    const onConfig = await client.diagnosticsWhere((params) => params.uri === config);
    expect(summary(onConfig)).toEqual(['3:3 - rules.anchorz: unknown rule "anchorz" (did you mean "anchors"?)']);
    // The open document has nothing published: nothing is linted until the config is fixed.
    expect(client.published.filter((params) => params.uri === index)).toEqual([]);
    expect(await client.stop()).toBe(0);
    expect(client.shownMessages).toEqual([
      {
        type: 1,
        message: `agentops-lint: invalid configuration; nothing is linted until it is fixed.\nagentops-lint.config.yaml:3:3: rules.anchorz: unknown rule "anchorz" (did you mean "anchors"?)`,
      },
    ]);
    expect(client.messageRequests).toEqual([]);
  });

  it('watches the disk itself when the editor cannot (and accepts the arguments language clients add)', async () => {
    const root = tempProject({ 'guide.md': GUIDE, 'index.md': INDEX });
    const index = pathToFileURL(path.join(root, 'index.md')).href;
    client = (await LspClient.start({ root, args: ['lsp', '--stdio', `--clientProcessId=${process.pid}`] })).client;
    await client.open(index, INDEX);
    await client.diagnosticsWhere((params) => params.uri === index && params.version === 1);
    expect(client.registrations).toEqual([]);
    const broken = client.nextDiagnostics(index);
    writeFileSync(path.join(root, 'guide.md'), '# Guide\n');
    expect(summary(await broken)).toEqual(['3:25 anchors No heading or anchor "#install-steps" in "guide.md".']);
    expect(await client.stop()).toBe(0);
  });

  it('sees a file changed on disk that is not open, and a file that appears', async () => {
    const root = tempProject({ 'guide.md': GUIDE, 'index.md': INDEX.replace('guide.md', 'setup.md') });
    const index = pathToFileURL(path.join(root, 'index.md')).href;
    const started = await LspClient.start({
      root,
      capabilities: { workspace: { didChangeWatchedFiles: { dynamicRegistration: true } } },
    });
    client = started.client;
    await client.open(index, readFileSync(path.join(root, 'index.md'), 'utf8'));
    await client.diagnosticsWhere(
      (params) => params.uri === index && params.diagnostics.some((diagnostic) => diagnostic.code === 'links'),
    );

    const created = client.nextDiagnostics(index);
    writeFileSync(path.join(root, 'setup.md'), '# Setup\n\n## Install steps\n');
    await client.filesChanged([{ uri: pathToFileURL(path.join(root, 'setup.md')).href, type: FileChangeType.Created }]);
    expect((await created).diagnostics).toEqual([]);

    const changed = client.nextDiagnostics(index);
    writeFileSync(path.join(root, 'setup.md'), '# Setup\n\n## Other steps\n');
    await client.filesChanged([{ uri: pathToFileURL(path.join(root, 'setup.md')).href, type: FileChangeType.Changed }]);
    expect(summary(await changed)).toEqual(['3:25 anchors No heading or anchor "#install-steps" in "setup.md".']);
    expect(await client.stop()).toBe(0);
  });
});
