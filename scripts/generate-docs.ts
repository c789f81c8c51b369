/** `npm run docs`: rewrites the generated parts of README.md and schema.json from rule metadata. */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { schemaJsonText, withRulesTable } from './generated-docs.js';
import { PACKAGE_ROOT } from '../src/core/tool.js';

const readmePath = path.join(PACKAGE_ROOT, 'README.md');
writeFileSync(readmePath, withRulesTable(readFileSync(readmePath, 'utf8')));
writeFileSync(path.join(PACKAGE_ROOT, 'schema.json'), schemaJsonText());
console.log('Updated README.md (rules table) and schema.json.');
