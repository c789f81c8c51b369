#!/usr/bin/env node
// The command line as shipped: the committed bundle in bundle/ (`npm run bundle` builds it from
// src/ and rules/), so an install from git (pre-commit, `npm install git+…`, the GitHub Action)
// runs without a build step or any dependency. Development runs the tsc build: node dist/src/cli.js.
const [major] = process.versions.node.split('.').map(Number);
if (major < 20) {
  process.stderr.write(
    `agentops-lint: needs Node.js 20 or later, but this is Node.js ${process.versions.node} (${process.execPath}).\n`,
  );
  process.exit(2);
}
await import('../bundle/cli.js');
