/**
 * A fingerprint of the code that computes phase-1 results: part of the cache's key, so that an
 * entry written by other code is never answered.
 *
 * Why a hash of the code and not a hand-bumped format number: a cached result is stale whenever
 * anything that computed it changed, not only when the shape of FileFacts did. A fix to the
 * anchor slugger, the parser options or a file rule's check keeps every type the same and changes
 * the answers; a version constant (or a test of the facts' shape) would let the old answers
 * through until someone remembered to bump it. And the tool version alone does not move between
 * commits: pre-commit and `npm install git+…` run the committed bundle of any commit as 0.x.y.
 *
 * What is hashed is every module of the build this module runs from, path and content: the
 * shipped bundle (bundle/*.js), the tsc build (dist/src and dist/rules), or the sources under test
 * (src and rules). That over-approximates phase 1's code (a change to a reporter also starts a
 * fresh cache), which costs one cold run, never a wrong answer. Reading the build costs a few
 * milliseconds and is done once a process, only by runs that use the on-disk cache. The files are
 * read synchronously: about 3 MB in a few dozen files, where one promise per file cost 9 ms of a
 * one-file run against 5.5 ms (docs/performance.md#start-up), and nothing else waits meanwhile.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PACKAGE_ROOT } from '../core/tool.js';

/** The folders, relative to the package root, that hold the build `moduleFile` belongs to. */
export function buildFolders(moduleFile: string, packageRoot: string): string[] {
  const [top] = path.relative(packageRoot, moduleFile).split(path.sep);
  switch (top) {
    case 'bundle':
      return ['bundle'];
    case 'dist':
      return ['dist/src', 'dist/rules'];
    default:
      return ['src', 'rules'];
  }
}

const isModule = (file: string): boolean => /\.(?:js|mjs|ts)$/.test(file) && !file.endsWith('.d.ts');

function moduleFiles(folder: string): string[] {
  let relativePaths: string[];
  try {
    relativePaths = readdirSync(folder, { recursive: true, encoding: 'utf8' });
  } catch {
    return []; // a build without this folder (a bundle has no rules/): nothing of it runs
  }
  return relativePaths
    .filter(isModule)
    .map((relative) => path.join(folder, relative))
    .sort();
}

/** The SHA-256 of the paths and contents of every module under `folders` (relative to `packageRoot`). */
export async function fingerprintFolders(packageRoot: string, folders: readonly string[]): Promise<string> {
  const hash = createHash('sha256');
  for (const folder of folders) {
    for (const file of moduleFiles(path.join(packageRoot, folder))) {
      const content = readFileSync(file);
      hash.update(`${path.relative(packageRoot, file).split(path.sep).join('/')}\0${content.length}\0`);
      hash.update(content);
    }
  }
  return hash.digest('hex');
}

let running: Promise<string> | undefined;

/** The fingerprint of the build this process runs (computed once a process). */
export function runningCodeFingerprint(): Promise<string> {
  running ??= fingerprintFolders(PACKAGE_ROOT, buildFolders(fileURLToPath(import.meta.url), PACKAGE_ROOT));
  return running;
}
