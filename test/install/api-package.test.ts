/**
 * The programmatic API as a user gets it: `npm pack` this package (its bundle/ as built), install
 * the tarball into a new project offline, compile the example of docs/api.md with `tsc --strict`
 * against the installed types (no library checks skipped, none of the libraries the API names
 * installed), and run it on a small repository. The example and its output are read from the doc,
 * so the doc cannot drift from what the package does.
 */
import { execFile } from 'node:child_process';
import { existsSync, promises as fs } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUNDLE_DIRECTORY, TYPES_FILE } from '../../scripts/bundle-build.js';
import { PACKAGE_ROOT, pathWithoutPackageTools, temporaryFolder } from '../helpers/package-checkout.js';

const run = promisify(execFile);
const API_DOC = path.join(PACKAGE_ROOT, 'docs/api.md');
const TSC = path.join(PACKAGE_ROOT, 'node_modules/typescript/bin/tsc');
/** The small repository the example runs on (copied, with a .git of its own, so it is its own root). */
const EXAMPLE_REPOSITORY = path.join(PACKAGE_ROOT, 'fixtures/api-example');

interface CommandResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

function command(file: string, args: string[], cwd: string, env: Record<string, string>): Promise<CommandResult> {
  return run(file, args, { cwd, env, maxBuffer: 16 * 1024 * 1024 }).then(
    ({ stdout, stderr }) => ({ exitCode: 0, stdout, stderr }),
    (error: { code: number; stdout: string; stderr: string }) => ({
      exitCode: error.code,
      stdout: error.stdout,
      stderr: error.stderr,
    }),
  );
}

/** The first fenced block with this info string after the heading `## Example` of docs/api.md. */
function exampleBlock(markdown: string, info: string): string {
  const section = markdown.split(/^## Example$/m)[1];
  if (section === undefined) throw new Error('docs/api.md has no "## Example" section');
  const block = new RegExp(`^\`\`\`${info}\\n([\\s\\S]*?)^\`\`\`$`, 'm').exec(section);
  if (!block) throw new Error(`docs/api.md's example section has no \`\`\`${info} block`);
  return block[1]!;
}

describe('the packed package, used as docs/api.md shows', () => {
  let base: string;
  let project: string;
  let env: Record<string, string>;

  beforeAll(async () => {
    expect(
      existsSync(path.join(PACKAGE_ROOT, BUNDLE_DIRECTORY, TYPES_FILE)),
      `${BUNDLE_DIRECTORY}/${TYPES_FILE} is missing: run \`npm run bundle\``,
    ).toBe(true);
    base = await temporaryFolder('agentops-lint-api-');
    project = path.join(base, 'project');
    await fs.mkdir(project);
    env = { PATH: pathWithoutPackageTools(), HOME: base };
  });
  afterAll(() => fs.rm(base, { recursive: true, force: true }));

  it('packs, installs offline with nothing else, compiles the example strictly and prints what the doc says', async () => {
    // No registry and an empty cache: anything npm would download fails the install.
    const npmOptions = ['--offline', '--cache', path.join(base, 'npm-cache'), '--no-audit', '--no-fund'];
    const packed = await command(
      'npm',
      ['pack', ...npmOptions, '--json', '--pack-destination', base],
      PACKAGE_ROOT,
      env,
    );
    expect(packed.exitCode, packed.stderr).toBe(0);
    const [tarball] = JSON.parse(packed.stdout) as { filename: string; files: { path: string }[] }[];
    expect(tarball!.files.map((file) => file.path)).toContain(`${BUNDLE_DIRECTORY}/${TYPES_FILE}`);

    await fs.writeFile(
      path.join(project, 'package.json'),
      '{ "name": "api-user", "private": true, "type": "module" }\n',
    );
    const installed = await command(
      'npm',
      ['install', ...npmOptions, '--loglevel', 'error', path.join(base, tarball!.filename)],
      project,
      env,
    );
    expect(installed).toMatchObject({ exitCode: 0, stderr: '' });
    expect((await fs.readdir(path.join(project, 'node_modules'))).filter((entry) => !entry.startsWith('.'))).toEqual([
      'agentops-lint',
    ]);

    const doc = await fs.readFile(API_DOC, 'utf8');
    await fs.writeFile(path.join(project, 'example.ts'), exampleBlock(doc, 'ts'));
    // Node's own types come from this checkout (a user has @types/node); mdast, unist and zod are nowhere.
    await fs.writeFile(
      path.join(project, 'tsconfig.json'),
      `${JSON.stringify(
        {
          compilerOptions: {
            target: 'ES2022',
            module: 'NodeNext',
            moduleResolution: 'NodeNext',
            strict: true,
            exactOptionalPropertyTypes: true,
            noUncheckedIndexedAccess: true,
            skipLibCheck: false,
            typeRoots: [path.join(PACKAGE_ROOT, 'node_modules/@types')],
            types: ['node'],
            outDir: 'out',
          },
          files: ['example.ts'],
        },
        null,
        2,
      )}\n`,
    );
    const compiled = await command(process.execPath, [TSC, '-p', 'tsconfig.json'], project, env);
    expect(compiled).toEqual({ exitCode: 0, stdout: '', stderr: '' });

    const repository = path.join(base, 'repository');
    await fs.cp(EXAMPLE_REPOSITORY, repository, { recursive: true });
    await fs.mkdir(path.join(repository, '.git'));
    const ran = await command(process.execPath, [path.join(project, 'out/example.js')], repository, env);
    expect(ran).toEqual({ exitCode: 1, stdout: exampleBlock(doc, 'text'), stderr: '' });
  });
});
