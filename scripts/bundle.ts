/**
 * `npm run bundle`: rebuilds the committed bundle/ from src/ and rules/ (see bundle-build.ts).
 * The folder is emptied first, so chunks of an earlier build do not linger.
 *
 * `npm run bundle -- --outdir DIR` builds into DIR instead, leaving bundle/ as it is: to measure a
 * change to the build (docs/performance.md#start-up). DIR's parent needs this package.json (copy
 * it), since the build finds its package from where it runs.
 */
import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { BUNDLE_DIRECTORY, buildBundle, buildTypes, TYPES_FILE } from './bundle-build.js';
import { PACKAGE_ROOT } from '../src/core/tool.js';

const { values } = parseArgs({ options: { outdir: { type: 'string' } } });
const outdir = values.outdir === undefined ? path.join(PACKAGE_ROOT, BUNDLE_DIRECTORY) : path.resolve(values.outdir);
// The folder is removed before the build: refuse one that holds anything but an earlier build.
const strangers = existsSync(outdir)
  ? readdirSync(outdir).filter((name) => !name.endsWith('.js') && name !== TYPES_FILE)
  : [];
if (strangers.length > 0) {
  console.error(
    `agentops-lint bundle: ${outdir} holds ${strangers.slice(0, 3).join(', ')}, which no build writes: name an empty or new folder for --outdir.`,
  );
  process.exit(2);
}
rmSync(outdir, { recursive: true, force: true });
const files = [...(await buildBundle(PACKAGE_ROOT, outdir)), await buildTypes(PACKAGE_ROOT, outdir)];
const bytes = files.reduce((total, file) => total + statSync(path.join(outdir, file)).size, 0);
const shown = path.relative(process.cwd(), outdir);
console.log(
  `Wrote ${files.length} files (${(bytes / 1024).toFixed(0)} KiB) to ${shown.startsWith('..') || path.isAbsolute(shown) ? outdir : shown}/.`,
);
