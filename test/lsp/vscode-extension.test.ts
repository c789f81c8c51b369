/**
 * The VS Code extension (editors/vscode/) without VS Code: how it finds and starts the server, and
 * that its manifest points at files that exist. The protocol itself is tested against the real
 * server in language-server.test.ts.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const EXTENSION = fileURLToPath(new URL('../../editors/vscode/', import.meta.url));
const require = createRequire(import.meta.url);
const { serverCommand } = require(path.join(EXTENSION, 'server-command.js')) as {
  serverCommand(
    settings: { serverPath: string; nodePath: string; debounceMs: number; reportUnusedDisables: boolean },
    folders: string[],
    resolve: (request: string, options: { paths: string[] }) => string,
  ): { command: string; args: string[]; initializationOptions: object } | { error: string };
};

const DEFAULTS = { serverPath: '', nodePath: 'node', debounceMs: 50, reportUnusedDisables: false };

describe('editors/vscode', () => {
  it('starts the agentops-lint installed in the first workspace folder that has one', () => {
    const resolve = (request: string, options: { paths: string[] }): string => {
      if (options.paths[0] !== '/work/b') throw new Error(`Cannot find module '${request}'`);
      return `/work/b/node_modules/${request}`;
    };
    expect(serverCommand(DEFAULTS, ['/work/a', '/work/b'], resolve)).toEqual({
      command: 'node',
      args: ['/work/b/node_modules/agentops-lint/bin/agentops-lint.js', 'lsp'],
      initializationOptions: { debounceMs: 50, reportUnusedDisables: false },
    });
  });

  it('uses the configured server and Node.js, relative to the first folder', () => {
    const resolve = (): string => {
      throw new Error('must not be asked');
    };
    expect(
      serverCommand(
        {
          ...DEFAULTS,
          serverPath: 'tools/agentops-lint/bin/agentops-lint.js',
          nodePath: '/opt/node20/bin/node',
          debounceMs: 200,
        },
        ['/work/a'],
        resolve,
      ),
    ).toEqual({
      command: '/opt/node20/bin/node',
      args: ['/work/a/tools/agentops-lint/bin/agentops-lint.js', 'lsp'],
      initializationOptions: { debounceMs: 200, reportUnusedDisables: false },
    });
  });

  it('says what to install when no agentops-lint is found', () => {
    const resolve = (request: string): string => {
      throw new Error(`Cannot find module '${request}'`);
    };
    expect(serverCommand(DEFAULTS, ['/work/a'], resolve)).toEqual({
      error:
        'agentops-lint is not installed in this workspace. Run `npm install --save-dev agentops-lint` (Node.js 20 or later), or set "agentopsLint.serverPath" to its bin/agentops-lint.js.',
    });
  });

  it('has a manifest whose entry point exists and whose settings the extension reads', () => {
    const manifest = JSON.parse(readFileSync(path.join(EXTENSION, 'package.json'), 'utf8')) as {
      main: string;
      activationEvents: string[];
      contributes: { configuration: { properties: Record<string, { default: unknown }> } };
    };
    expect(existsSync(path.join(EXTENSION, manifest.main))).toBe(true);
    expect(manifest.activationEvents).toEqual(['onLanguage:markdown']);
    const extension = readFileSync(path.join(EXTENSION, 'extension.js'), 'utf8');
    for (const [key, property] of Object.entries(manifest.contributes.configuration.properties)) {
      const setting = key.replace('agentopsLint.', '');
      expect(extension, key).toContain(
        `configuration.get('${setting}', ${JSON.stringify(property.default).replaceAll('"', "'")})`,
      );
    }
  });
});
