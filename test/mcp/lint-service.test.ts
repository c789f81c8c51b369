/**
 * The MCP server's calls that read through another tool (the inventories, `whileReading`) take
 * part in the call lock as readers: a call that writes files waits for them, and a call whose
 * client gave up before its turn never starts its work.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { projectServices } from '../../src/cli/server-services.js';
import type { CliIo } from '../../src/core/io.js';
import { LintService } from '../../src/mcp/lint-service.js';
import { tempProject, WITHOUT_CACHE } from '../helpers/cli-harness.js';

let service: LintService | undefined;
afterEach(async () => {
  await service?.close();
  service = undefined;
});

function quietIo(root: string): CliIo {
  return { cwd: root, env: WITHOUT_CACHE, stdout: () => {}, stderr: () => {}, stdoutIsTTY: false };
}

describe('LintService.whileReading', () => {
  it('holds back a call that writes until the reading work is done', { timeout: 60_000 }, async () => {
    // The link's case is wrong: its fix is certain, and fix_files with apply writes it.
    const root = tempProject({
      'index.md': '# Index\n\nSee [the guide](Guide.md).\n',
      'guide.md': '# Guide\n\nRun it.\n',
    });
    service = await LintService.open(root, projectServices(quietIo(root), { threads: false }));
    let finishReading: () => void = () => {};
    const order: string[] = [];
    const reading = service.whileReading({}, async () => {
      order.push('reading started');
      await new Promise<void>((resolve) => (finishReading = resolve));
      order.push('reading done');
    });
    const fixing = service.fixFiles(['index.md'], true).then((answer) => {
      order.push('fix written');
      return answer;
    });
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(order).toEqual(['reading started']);
    expect(readFileSync(path.join(root, 'index.md'), 'utf8')).toContain('(Guide.md)');
    finishReading();
    await reading;
    expect((await fixing).written).toBe(true);
    expect(order).toEqual(['reading started', 'reading done', 'fix written']);
    expect(readFileSync(path.join(root, 'index.md'), 'utf8')).toBe('# Index\n\nSee [the guide](guide.md).\n');
  });

  it('does not start the work of a call cancelled while it waited for its turn', async () => {
    const root = tempProject({ 'index.md': '# Index\n' });
    service = await LintService.open(root, projectServices(quietIo(root), { threads: false }));
    const cancel = new AbortController();
    cancel.abort(new Error('cancelled by the client'));
    let started = false;
    await expect(
      service.whileReading({ signal: cancel.signal }, async () => {
        started = true;
      }),
    ).rejects.toThrow('cancelled by the client');
    expect(started).toBe(false);
  });
});
