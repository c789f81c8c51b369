/**
 * `npm run docs`: rewrites the generated parts of README.md (the rule table), schema.json and each
 * rules/<id>.md (the metadata line and the options table) from rule metadata and option schemas.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { schemaJsonText, withRuleDocBlocks, withRulesTable } from './generated-docs.js';
import { PACKAGE_ROOT } from '../src/core/tool.js';
import { REGISTRY } from '../rules/index.js';

function rewrite(file: string, update: (text: string) => string): void {
  const before = readFileSync(file, 'utf8');
  const after = update(before);
  if (after !== before) writeFileSync(file, after);
}

rewrite(path.join(PACKAGE_ROOT, 'README.md'), withRulesTable);
writeFileSync(path.join(PACKAGE_ROOT, 'schema.json'), schemaJsonText());
for (const rule of REGISTRY.rules)
  rewrite(path.join(PACKAGE_ROOT, 'rules', `${rule.id}.md`), (doc) => withRuleDocBlocks(rule, doc));
console.log(
  `Updated README.md (rules table), schema.json and the generated blocks of ${REGISTRY.rules.length} rule docs.`,
);
