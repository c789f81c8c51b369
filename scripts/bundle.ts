/**
 * `npm run bundle`: rebuilds the committed bundle/ from src/ and rules/ (see bundle-build.ts).
 * The folder is emptied first, so chunks of an earlier build do not linger.
 */
import { rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { BUNDLE_DIRECTORY, buildBundle } from './bundle-build.js';
import { PACKAGE_ROOT } from '../src/core/tool.js';

const outdir = path.join(PACKAGE_ROOT, BUNDLE_DIRECTORY);
rmSync(outdir, { recursive: true, force: true });
const files = await buildBundle(PACKAGE_ROOT, outdir);
const bytes = files.reduce((total, file) => total + statSync(path.join(outdir, file)).size, 0);
console.log(`Wrote ${files.length} files (${(bytes / 1024).toFixed(0)} KiB) to ${BUNDLE_DIRECTORY}/.`);
