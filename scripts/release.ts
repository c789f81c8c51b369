/**
 * `npm run release -- <version> [--dry-run] [--tag-only]`: releases agentops-lint at the
 * repository's current commit (see release-steps.ts for what that changes). Nothing is pushed;
 * the last line says what to push.
 *
 *   --dry-run   print what the release would change, run, commit and tag; change nothing
 *   --tag-only  only create the tags, for a version package.json and CHANGELOG.md already release
 */
import { spawn } from 'node:child_process';
import { parseArgs } from 'node:util';
import { PACKAGE_ROOT } from '../src/core/tool.js';
import {
  type CommandRunner,
  carryOutRelease,
  describePlan,
  planRelease,
  pushInstructions,
  ReleaseError,
  tagRelease,
} from './release-steps.js';

const USAGE = 'usage: npm run release -- <X.Y.Z> [--dry-run] [--tag-only]';

/** Runs a rebuild command with its output shown, as if typed. */
const runCommand: CommandRunner = (command, root) =>
  new Promise((resolve, reject) => {
    const [program, ...args] = command as [string, ...string[]];
    const child = spawn(program, args, { cwd: root, stdio: 'inherit' });
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0
        ? resolve()
        : reject(new ReleaseError(`${command.join(' ')} exited with ${code}: the release stopped.`)),
    );
  });

async function release(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { 'dry-run': { type: 'boolean', default: false }, 'tag-only': { type: 'boolean', default: false } },
  });
  const version = positionals[0];
  if (version === undefined || positionals.length > 1) {
    console.error(USAGE);
    return 2;
  }
  const git = { root: PACKAGE_ROOT, env: process.env };
  if (values['tag-only']) {
    if (values['dry-run']) {
      console.log(`Would tag HEAD v${version} (annotated) and move v${version.split('.')[0]} to it.`);
      return 0;
    }
    const { tags } = await tagRelease({ ...git, version });
    console.log(`Tagged HEAD ${tags.join(' and ')}.`);
    console.log(pushInstructions(version));
    return 0;
  }
  const plan = await planRelease({ ...git, version, date: new Date().toISOString().slice(0, 10) });
  if (values['dry-run']) {
    console.log(['Dry run: nothing is changed.', ...describePlan(plan)].join('\n'));
    return 0;
  }
  for (const line of describePlan(plan)) console.log(line);
  const commit = await carryOutRelease(plan, { ...git, runCommand });
  console.log(`Released ${version} at ${commit.slice(0, 12)}.`);
  console.log(pushInstructions(version));
  return 0;
}

try {
  process.exitCode = await release();
} catch (error) {
  if (!(error instanceof ReleaseError)) throw error;
  console.error(`agentops-lint release: ${error.message}`);
  process.exitCode = 1;
}
