/**
 * docs/editors.md's Neovim 0.7 recipe, as a user runs it: the Lua block is taken from the page,
 * its `npx` command pointed at this checkout's build, and a headless Neovim opens a Markdown file
 * of a fixture repository with it as its init.lua. A script then waits for the diagnostics to
 * arrive and writes them to a file.
 *
 * Needs the `nvim` command (.ci/run installs Debian 12's package, Neovim 0.7.2); without it the
 * test is skipped, and says so.
 */
import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { BIN, PROJECT_ROOT, tempProject } from '../helpers/cli-harness.js';

const run = promisify(execFile);

async function neovimVersion(): Promise<string | undefined> {
  try {
    return (await run('nvim', ['--version'])).stdout.split('\n')[0]!.trim();
  } catch {
    return undefined;
  }
}

const neovim = await neovimVersion();
if (neovim === undefined) {
  console.warn(
    'test/lsp/neovim.test.ts: skipped, `nvim` is not on the PATH (.ci/run installs it with apt-get; locally: apt-get install neovim).',
  );
}

/** The Lua block that follows `heading` in docs/editors.md. */
function recipeAfter(heading: string): string {
  const page = readFileSync(path.join(PROJECT_ROOT, 'docs', 'editors.md'), 'utf8');
  const start = page.indexOf(heading);
  if (start < 0) throw new Error(`docs/editors.md has no "${heading}"`);
  const block = /```lua\n([\s\S]*?)```/.exec(page.slice(start));
  if (!block) throw new Error(`no Lua block after "${heading}" in docs/editors.md`);
  return block[1]!;
}

const NPX_COMMAND = "{ 'npx', '--no', 'agentops-lint', 'lsp', '--stdio' }";

/** Waits (up to WAIT_MS, Neovim's event loop running) for the buffer's diagnostics, writes them to RESULT, quits. */
const WAIT_FOR_DIAGNOSTICS = `
local result = os.getenv('RESULT')
local arrived = vim.wait(tonumber(os.getenv('WAIT_MS')), function() return #vim.diagnostic.get(0) > 0 end, 50)
local lines = {}
if not arrived then table.insert(lines, 'no diagnostics') end
for _, d in ipairs(vim.diagnostic.get(0)) do
  table.insert(lines, string.format('%d:%d %s %s', d.lnum + 1, d.col + 1, d.source or '-', d.message))
end
vim.fn.writefile(lines, result)
vim.cmd('qall!')
`;

/** Opens index.md of a project in a headless Neovim with the 0.7 recipe; the lines the wait script wrote. */
async function diagnosticsInNeovim(files: Record<string, string>, waitMs: number): Promise<string[]> {
  const recipe = recipeAfter('Neovim 0.7, which has no `vim.lsp.start`');
  expect(recipe).toContain(NPX_COMMAND);
  const root = tempProject(files);
  const init = path.join(root, '..', `${path.basename(root)}-init.lua`);
  const wait = path.join(root, '..', `${path.basename(root)}-wait.lua`);
  const result = path.join(root, '..', `${path.basename(root)}-diagnostics.txt`);
  writeFileSync(
    init,
    recipe.replace(NPX_COMMAND, `{ ${JSON.stringify(process.execPath)}, ${JSON.stringify(BIN)}, 'lsp', '--stdio' }`),
  );
  writeFileSync(wait, WAIT_FOR_DIAGNOSTICS);
  // A prompt that waits for an answer would hold Neovim until this timeout kills it (and the test fails).
  await run('nvim', ['--headless', '-u', init, '-c', `luafile ${wait}`, 'index.md'], {
    cwd: root,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: root,
      XDG_STATE_HOME: root,
      XDG_DATA_HOME: root,
      RESULT: result,
      WAIT_MS: String(waitMs),
    },
    timeout: waitMs + 30000,
  });
  return readFileSync(result, 'utf8').trimEnd().split('\n');
}

const GUIDE = '# Guide\n\n## Install steps\n\nRun the installer.\n';

describe.skipIf(neovim === undefined)(`docs/editors.md's Neovim 0.7 recipe in ${neovim}`, () => {
  it('starts the server with vim.lsp.start_client, attaches the buffer and receives its diagnostics', async () => {
    const lines = await diagnosticsInNeovim(
      { 'guide.md': GUIDE, 'index.md': '# Index\n\nSee [the steps](guide.md#instal-steps).\n' },
      30000,
    );
    expect(lines).toEqual([
      '3:17 agentops-lint No heading or anchor "#instal-steps" in "guide.md". did you mean "#install-steps"?',
    ]);
  });

  it('is not held by a prompt when the config is invalid (the error is a window/showMessage notification)', async () => {
    const lines = await diagnosticsInNeovim(
      {
        'agentops-lint.config.yaml': 'extends: [recommended]\nrules:\n  anchorz: off\n',
        'guide.md': GUIDE,
        'index.md': '# Index\n\nSee [the steps](guide.md#instal-steps).\n',
      },
      5000,
    );
    // Nothing is linted until the config is fixed; Neovim went on and quit.
    expect(lines).toEqual(['no diagnostics']);
  });
});
