/**
 * The external-link check end to end through the CLI, in-process, against a local server the test
 * starts: flags, config options, severities, suppression comments, the cache and the guard.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import type { CliIo } from '../../src/core/io.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

let server: TestServer;
const scratch = mkdtempSync(path.join(tmpdir(), 'agentops-lint-external-'));
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
  rmSync(scratch, { recursive: true, force: true });
});

interface Run {
  code: number;
  stdout: string;
  stderr: string;
  json: { file: string; line: number; column: number; ruleId: string; messageId: string; severity: string }[];
}

function project(name: string, files: Record<string, string>): string {
  const root = path.join(scratch, name);
  for (const [file, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), content);
  }
  mkdirSync(path.join(root, '.git'), { recursive: true });
  return root;
}

async function lint(root: string, ...args: string[]): Promise<Run> {
  return lintWith(false, root, ...args);
}

async function lintWith(terminal: boolean, root: string, ...args: string[]): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    cwd: root,
    env: {},
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
    stdoutIsTTY: terminal,
    // A clock that stands still: the file counter waits for PROGRESS_AFTER_MS of it, which a run on a
    // loaded machine would otherwise reach, drawing "analysing files" before the network counter.
    now: () => 0,
  };
  const code = await main(['--format', 'json', ...args, '.'], io);
  const parsed = stdout.trim() === '' ? [] : (JSON.parse(stdout) as { diagnostics?: Run['json'] } | Run['json']);
  const diagnostics = Array.isArray(parsed) ? parsed : (parsed.diagnostics ?? []);
  return { code, stdout, stderr, json: diagnostics.filter((diagnostic) => diagnostic.ruleId === 'external-links') };
}

const CONFIG = (extra = '') =>
  `extends: [recommended]\nrules:\n  external-links: [error, { cache: false, timeoutMs: 1000, retryDelayMs: 10, perHostDelayMs: 0${extra} }]\n`;

function docs(url: (path: string) => string): string {
  return [
    '# External',
    '',
    `- [fine](${url('/ok')}) and [fine again](${url('/ok')}#section)`,
    `- [gone](${url('/missing')})`,
    `- [moved](${url('/moved')})`,
    `- <${url('/gone')}>`,
    '',
    '<!-- agentops-lint-disable-next-line external-links -- known to be flaky -->',
    `- [down](${url('/down')})`,
    '',
    '```sh',
    `curl ${url('/missing')}`,
    '```',
    '',
  ].join('\n');
}

describe('external links through the CLI', () => {
  it('is off by default: no request is made', async () => {
    const root = project('off', { 'README.md': docs(server.url) });
    const before = server.requests.length;
    const run = await lint(root);
    expect(run.json).toEqual([]);
    expect(server.requests.length).toBe(before);
  });

  it('--external --allow-private checks the local server: 404/410 are errors, permanent redirects warnings', async () => {
    const root = project('on', { 'README.md': docs(server.url), 'agentops-lint.config.yaml': CONFIG() });
    const run = await lint(root, '--external', '--allow-private');
    expect(run.json.map(({ line, column, messageId, severity }) => ({ line, column, messageId, severity }))).toEqual([
      { line: 4, column: 10, messageId: 'notFound', severity: 'error' },
      { line: 5, column: 11, messageId: 'permanentRedirect', severity: 'warn' },
      { line: 6, column: 3, messageId: 'notFound', severity: 'error' },
    ]);
    expect(run.code).toBe(1);
    expect(server.requests).not.toContain('HEAD /down');
  });

  it('the rule enabled in the config is enough; --no-external turns the network off', async () => {
    const root = project('config', {
      'README.md': `[gone](${server.url('/missing')})\n`,
      'agentops-lint.config.yaml': CONFIG(', allowPrivate: true'),
    });
    expect((await lint(root)).json.map((diagnostic) => diagnostic.messageId)).toEqual(['notFound']);
    expect((await lint(root, '--no-external')).json).toEqual([]);
  });

  it('at warn severity everything is a warning', async () => {
    const root = project('warn', {
      'README.md': `[gone](${server.url('/missing')})\n`,
      'agentops-lint.config.yaml':
        'rules:\n  external-links: [warn, { cache: false, allowPrivate: true, perHostDelayMs: 0 }]\n',
    });
    const run = await lint(root);
    expect(run.json.map((diagnostic) => diagnostic.severity)).toEqual(['warn']);
    expect(run.code).toBe(0);
  });

  it('include and exclude patterns', async () => {
    const root = project('patterns', {
      'README.md': `[a](${server.url('/missing')}) [b](${server.url('/gone')})\n`,
      'agentops-lint.config.yaml': CONFIG(', exclude: ["/gone$"]'),
    });
    expect((await lint(root, '--allow-private')).json.map((diagnostic) => diagnostic.column)).toEqual([5]);
  });

  it('without --allow-private the guard refuses the local server and sends nothing', async () => {
    const root = project('guarded', {
      'README.md': `[a](${server.url('/missing')}) [b](http://localhost:${server.port}/gone)\n`,
      'agentops-lint.config.yaml': CONFIG(),
    });
    const before = server.requests.length;
    const run = await lint(root, '--external');
    expect(run.json.map(({ messageId, severity }) => ({ messageId, severity }))).toEqual([
      { messageId: 'blocked', severity: 'warn' },
      { messageId: 'blocked', severity: 'warn' },
    ]);
    expect(server.requests.length).toBe(before);
  });

  it('caches definitive answers on disk and does not ask again within the TTL', async () => {
    const root = project('cached', {
      'README.md': `[a](${server.url('/gone')}?cached) [b](${server.url('/ok')}?cached)\n`,
      'agentops-lint.config.yaml':
        'rules:\n  external-links: [error, { cache: .cache/links.json, allowPrivate: true, perHostDelayMs: 0 }]\n',
    });
    const first = await lint(root);
    const asked = server.requests.filter((request) => request.includes('?cached')).length;
    expect(first.json.map((diagnostic) => diagnostic.messageId)).toEqual(['notFound']);
    const second = await lint(root);
    expect(second.json).toEqual(first.json);
    expect(server.requests.filter((request) => request.includes('?cached')).length).toBe(asked);
    expect(
      Object.keys(
        (JSON.parse(readFileSync(path.join(root, '.cache/links.json'), 'utf8')) as { entries: object }).entries,
      ),
    ).toHaveLength(2);
  });

  it('shows a progress line on a terminal, and erases it', async () => {
    const root = project('progress', {
      'README.md': `[a](${server.url('/ok')}) [b](${server.url('/found')})\n`,
      'agentops-lint.config.yaml': CONFIG(', allowPrivate: true'),
    });
    // biome-ignore lint/suspicious/noControlCharactersInRegex: the progress line is drawn with ESC [K.
    expect((await lintWith(true, root)).stderr).toMatch(/^\r\x1b\[Kchecking external links: 0\/2[\s\S]*2\/2\r\x1b\[K$/);
    expect((await lint(root)).stderr).toBe('');
  });

  it('--fix with the rule on checks the network once, on the fixed files, however many passes the fixes take', async () => {
    const root = project('fix-once', {
      'README.md': `#Title\n\n[fine](${server.url('/ok?fix-once')})\n\n[gone](${server.url('/missing?fix-once')})\n`,
      'agentops-lint.config.yaml': CONFIG(', allowPrivate: true'),
    });
    const run = await lint(root, '--fix');
    expect(readFileSync(path.join(root, 'README.md'), 'utf8')).toMatch(/^# Title\n/);
    expect(run.json.map((diagnostic) => diagnostic.messageId)).toEqual(['notFound']);
    expect(server.requests.filter((request) => request.includes('?fix-once'))).toEqual([
      'HEAD /ok?fix-once',
      'HEAD /missing?fix-once',
      'GET /missing?fix-once',
    ]);
  });

  it('when no host can be reached, says so once, as a warning, instead of an error per URL', async () => {
    const links = Array.from(
      { length: 30 },
      (_, index) => `- [link ${index}](https://host-${index % 15}.invalid/page/${index})`,
    ).join('\n');
    const root = project('offline', { 'README.md': `# Offline\n\n${links}\n`, 'agentops-lint.config.yaml': CONFIG() });
    const run = await lint(root, '--external');
    expect(run.json.map(({ line, column, messageId, severity }) => ({ line, column, messageId, severity }))).toEqual([
      { line: 3, column: 12, messageId: 'networkDown', severity: 'warn' },
    ]);
    const diagnostics = (JSON.parse(run.stdout) as { diagnostics: { message: string }[] }).diagnostics;
    expect(diagnostics[0]!.message).toBe(
      'External URLs not checked: no host could be reached (such as host-0.invalid: the name does not resolve). Offline, or behind a firewall or proxy (HTTPS_PROXY)? 30 URLs on 15 hosts not checked; the option strict: true reports each.',
    );
    expect(run.code).toBe(0);
  });

  it('strict: true reports every URL whose host cannot be reached, each host asked once', async () => {
    const root = project('offline-strict', {
      'README.md': '[a](https://one.invalid/a) [b](https://one.invalid/b) [c](https://two.invalid/c)\n',
      'agentops-lint.config.yaml': CONFIG(', strict: true'),
    });
    const run = await lint(root, '--external');
    expect(run.json.map(({ column, messageId, severity }) => ({ column, messageId, severity }))).toEqual([
      { column: 5, messageId: 'hostNotFound', severity: 'error' },
      { column: 32, messageId: 'hostNotFound', severity: 'error' },
      { column: 59, messageId: 'hostNotFound', severity: 'error' },
    ]);
    expect(run.code).toBe(1);
  });

  it('stops at the deadline and sums up what was not checked in one warning', async () => {
    const root = project('deadline', {
      'README.md': `[ok](${server.url('/ok?deadline-rule')})\n\n[slow](${server.url('/slow?a')}) [slower](${server.url('/slow?b')})\n`,
      'agentops-lint.config.yaml':
        'rules:\n  external-links: [error, { cache: false, allowPrivate: true, perHostDelayMs: 0, perHostConcurrency: 4, timeoutMs: 60000, deadlineSeconds: 1 }]\n',
    });
    const started = Date.now();
    const run = await lint(root);
    // Without the deadline the run would wait for timeoutMs (60 s) on each /slow URL; the margin is for a loaded machine.
    expect(Date.now() - started).toBeLessThan(30_000);
    expect(run.json.map(({ line, column, messageId, severity }) => ({ line, column, messageId, severity }))).toEqual([
      { line: 3, column: 8, messageId: 'deadline', severity: 'warn' },
    ]);
    expect(run.stdout).toContain(
      'External link check stopped at its deadline of 1 s: 2 URLs of 3 not checked (raise deadlineSeconds, or narrow include/exclude).',
    );
  });

  it('names a proxy setting it cannot use instead of failing every URL', async () => {
    const root = project('bad-proxy', {
      'README.md': `[a](https://example.invalid/)\n`,
      'agentops-lint.config.yaml': CONFIG(),
    });
    let stdout = '';
    const io: CliIo = {
      cwd: root,
      env: { HTTPS_PROXY: 'socks5://proxy.corp:1080' },
      stdout: (text) => {
        stdout += text;
      },
      stderr: () => undefined,
      stdoutIsTTY: false,
    };
    expect(await main(['--format', 'json', '--external', '.'], io)).toBe(0);
    const diagnostics = (
      JSON.parse(stdout) as { diagnostics: { messageId: string; message: string; severity: string }[] }
    ).diagnostics;
    expect(diagnostics.map(({ messageId, message, severity }) => ({ messageId, message, severity }))).toEqual([
      {
        messageId: 'proxyProblem',
        severity: 'warn',
        message:
          'External URLs not checked: HTTPS_PROXY uses socks5://: only http:// proxies are supported ("socks5://proxy.corp:1080").',
      },
    ]);
  });

  it('reports malformed URLs offline, without --external', async () => {
    const root = project('malformed', {
      'README.md': '[api](<https://api.example.com:80a/v1>)\n',
      'agentops-lint.config.yaml': 'rules:\n  external-links: error\n',
    });
    expect(
      (await lint(root, '--no-external')).json.map(({ messageId, line, column }) => ({ messageId, line, column })),
    ).toEqual([{ messageId: 'malformed', line: 1, column: 8 }]);
  });
});
