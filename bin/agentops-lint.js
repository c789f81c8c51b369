#!/usr/bin/env node
// Thin shim: the CLI lives in src/cli.ts, built to dist/ by `npm run build` (run by `npm ci`).
import '../dist/src/cli.js';
