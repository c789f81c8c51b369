/**
 * The MCP server never blocks on one big call (issue 23): with a ~2 MB page being linted by
 * `lint_text`, calls that only read answer at once, the big call reports progress, and cancelling
 * it stops its analysis (the worker thread is stopped, the server goes idle) and frees the worker
 * for the next big text. The same holds for a cold `terms_inventory` of a repository with such a
 * page: its files are analysed on worker threads, never on the server's. The built bin over stdio,
 * driven by the SDK's Client.
 */
import { existsSync, readFileSync } from 'node:fs';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import type { Progress } from '@modelcontextprotocol/sdk/types.js';
import { afterEach, describe, expect, it } from 'vitest';
import { bigPage } from '../../bench/big-page.js';
import { BIN, tempProject } from '../helpers/cli-harness.js';

/** CPU seconds the process has used (Linux: /proc/<pid>/stat, in clock ticks of 1/100 s). */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  // utime and stime are fields 14 and 15 of the line, 12 and 13 after the command name.
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** The server uses under 0.2 s of CPU over 2 s, once a second has passed for its stopped worker to end (Linux only). */
async function expectIdle(pid: number): Promise<void> {
  if (!existsSync(`/proc/${pid}/stat`)) return;
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const before = cpuSeconds(pid);
  await new Promise((resolve) => setTimeout(resolve, 2000));
  expect(cpuSeconds(pid) - before).toBeLessThan(0.2);
}

/** How many big pages the inventory test's repository has. */
const PAGES = 24;

let client: Client | undefined;
afterEach(async () => {
  await client?.close();
  client = undefined;
});

interface ToolAnswer {
  isError?: boolean;
  content: { type: string; text?: string }[];
  structuredContent?: Record<string, unknown>;
}

async function timed(work: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await work();
  return performance.now() - started;
}

describe('agentops-lint mcp under a big call', () => {
  it('answers other calls at once while a 2 MB page is linted, reports progress, and stops the big call when it is cancelled', async () => {
    // A budget far beyond the page's parse: only cancellation can stop it early.
    const root = tempProject({
      'guide.md': '# Guide\n\n## Install steps\n\nRun the installer.\n',
      'index.md': '# Index\n\nSee [the steps](guide.md#instal-steps).\n',
      '.agentops-lint.yaml': 'extends: [recommended]\ntimeBudgetSeconds: 600\n',
    });
    client = new Client({ name: 'agentops-lint-test', version: '1.0.0' });
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: [BIN, 'mcp', '--no-cache'],
      cwd: root,
      env: { PATH: process.env.PATH ?? '' },
      stderr: 'pipe',
    });
    await client.connect(transport);
    const call = async (name: string, args: Record<string, unknown> = {}): Promise<ToolAnswer> =>
      (await client!.callTool({ name, arguments: args })) as ToolAnswer;
    // The index is built before the big call, as in an agent's session.
    expect((await call('lint')).structuredContent).toMatchObject({ errorCount: 1 });

    const page = bigPage(2_000_000);
    const progress: Progress[] = [];
    const cancel = new AbortController();
    let phase1Started: () => void = () => {};
    const analysing = new Promise<void>((resolve) => (phase1Started = resolve));
    const big = client.callTool({ name: 'lint_text', arguments: { path: 'big.md', text: page } }, undefined, {
      signal: cancel.signal,
      timeout: 170000,
      onprogress: (step) => {
        progress.push(step);
        if (step.message?.startsWith('Analysing')) phase1Started();
      },
    });
    const bigSettled = big.then(
      () => 'answered',
      (error: Error) => error.message,
    );
    await analysing;
    expect(progress[0]).toEqual({ progress: 1, message: 'Analysing 3 files' });

    // Calls that only read answer while the page is analysed, including a lint of another file.
    expect(await timed(() => call('list_rules'))).toBeLessThan(2000);
    expect(await timed(() => call('explain_rule', { rule: 'anchors' }))).toBeLessThan(2000);
    let small: ToolAnswer | undefined;
    expect(await timed(async () => (small = await call('lint', { paths: ['index.md'] })))).toBeLessThan(2000);
    expect(small!.structuredContent).toMatchObject({ filesChecked: 1, errorCount: 1 });
    expect(await Promise.race([bigSettled, new Promise((resolve) => setTimeout(resolve, 100, 'running'))])).toBe(
      'running',
    );

    const cancelledAt = performance.now();
    cancel.abort();
    expect(await bigSettled).toBe('MCP error -32001: AbortError: This operation was aborted');
    expect(performance.now() - cancelledAt).toBeLessThan(1000);

    // The server stopped the analysis: once the worker thread is gone, the server is idle. It
    // would otherwise keep a core busy parsing for many seconds more.
    await expectIdle(transport.pid!);

    // A large text after the cancelled one gets a worker (the stopped one's replacement) and its answer.
    const mid = bigPage(100_000);
    const next = await call('lint_text', { path: 'mid.md', text: `${mid}\n[gone](#section-0)\n` });
    // The page's last "next part" link points one section past its end; the added line is the other.
    const sections = mid.match(/^## /gm)!.length;
    expect((next.structuredContent!.problems as { message: string }[]).map((problem) => problem.message)).toEqual([
      `No heading or anchor "#section-${sections + 1}" in this file.`,
      'No heading or anchor "#section-0" in this file.',
    ]);
  });

  it('answers other calls at once while a cold terms_inventory reads a repository of big pages, reports its progress, and stops it when it is cancelled', async () => {
    // 24 pages of 40 kB: seconds of parsing on one thread, each page below the size a lint keeps
    // off the main thread, and fewer files than a batch that starts a pool of workers.
    const pages = Object.fromEntries(
      Array.from({ length: PAGES }, (_, index) => [`pages/page-${index}.md`, bigPage(40_000)]),
    );
    const root = tempProject({
      ...pages,
      'guide.md': '# Guide\n\n## Install steps\n\nRun the installer on Kubernetes.\n',
      'index.md': '# Index\n\nSee [the steps](guide.md#instal-steps).\n',
      '.agentops-lint.yaml': 'extends: [recommended]\ntimeBudgetSeconds: 600\n',
    });
    client = new Client({ name: 'agentops-lint-test', version: '1.0.0' });
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: [BIN, 'mcp', '--no-cache'],
      cwd: root,
      env: { PATH: process.env.PATH ?? '' },
      stderr: 'pipe',
    });
    await client.connect(transport);
    const call = async (name: string, args: Record<string, unknown> = {}): Promise<ToolAnswer> =>
      (await client!.callTool({ name, arguments: args })) as ToolAnswer;
    // The index is built before the inventory, as in an agent's session: every page's last link is broken.
    expect((await call('lint')).structuredContent).toMatchObject({ filesChecked: PAGES + 2, errorCount: PAGES + 1 });

    const progress: Progress[] = [];
    const cancel = new AbortController();
    let analysisStarted: () => void = () => {};
    const analysing = new Promise<void>((resolve) => (analysisStarted = resolve));
    const inventory = client.callTool({ name: 'terms_inventory', arguments: {} }, undefined, {
      signal: cancel.signal,
      timeout: 170000,
      onprogress: (step) => {
        progress.push(step);
        if (step.message?.startsWith('Analysing')) analysisStarted();
      },
    });
    const inventorySettled = inventory.then(
      () => 'answered',
      (error: Error) => error.message,
    );
    await Promise.race([
      analysing,
      inventorySettled.then((how) => {
        throw new Error(`the inventory sent no progress before it settled: ${how}`);
      }),
    ]);
    expect(progress[0]).toEqual({ progress: 1, message: `Analysing ${PAGES + 2} files` });

    // While the page is analysed: the calls that only read answer, a lint of another file included.
    expect(await timed(() => call('list_rules'))).toBeLessThan(2000);
    let small: ToolAnswer | undefined;
    expect(await timed(async () => (small = await call('lint', { paths: ['index.md'] })))).toBeLessThan(2000);
    expect(small!.structuredContent).toMatchObject({ filesChecked: 1, errorCount: 1 });
    expect(await Promise.race([inventorySettled, new Promise((resolve) => setTimeout(resolve, 100, 'running'))])).toBe(
      'running',
    );

    const cancelledAt = performance.now();
    cancel.abort();
    expect(await inventorySettled).toBe('MCP error -32001: AbortError: This operation was aborted');
    expect(performance.now() - cancelledAt).toBeLessThan(1000);

    // The worker analysing the page was stopped: the server goes idle instead of parsing on.
    await expectIdle(transport.pid!);

    // The next inventory gets its answer, with its progress.
    const steps: string[] = [];
    const next = (await client.callTool({ name: 'terms_inventory', arguments: { paths: ['guide.md'] } }, undefined, {
      onprogress: (step) => steps.push(step.message ?? ''),
    })) as ToolAnswer;
    expect(steps).toEqual(['Analysing 1 file', 'Analysed 1 of 1 file']);
    expect(next.structuredContent).toEqual({
      filesChecked: 1,
      terms: [
        {
          term: 'Kubernetes',
          count: 1,
          forms: [
            {
              form: 'Kubernetes',
              status: 'right',
              count: 1,
              compared: 1,
              files: [{ file: 'guide.md', count: 1, lines: [5] }],
            },
          ],
        },
      ],
    });
  });
});
