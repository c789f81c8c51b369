import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The package root, found from this module whether it runs from src/ (tests) or dist/src/. */
function packageRoot(): string {
  let directory = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = path.join(directory, 'package.json');
    try {
      const parsed = JSON.parse(readFileSync(candidate, 'utf8')) as { name?: string };
      if (parsed.name === 'agentops-lint') return directory;
    } catch {
      // keep walking up
    }
    const parent = path.dirname(directory);
    if (parent === directory) throw new Error('cannot find the agentops-lint package.json');
    directory = parent;
  }
}

export const PACKAGE_ROOT = packageRoot();

const packageJson = JSON.parse(readFileSync(path.join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string };

export const TOOL_NAME = 'agentops-lint';
export const TOOL_VERSION = packageJson.version;
export const REPOSITORY_URL = 'https://github.com/agentops-lint/agentops-lint';

/** Docs URL derived from the rule id, never written by hand. */
export function ruleDocsUrl(ruleId: string): string {
  return `${REPOSITORY_URL}/blob/v${TOOL_VERSION}/rules/${ruleId}.md`;
}

/** The JSON Schema of the config, as this version ships it: its `$id`, and what `init` writes as `$schema`. */
export const SCHEMA_URL = `${REPOSITORY_URL.replace('https://github.com/', 'https://raw.githubusercontent.com/')}/v${TOOL_VERSION}/schema.json`;

export const ENGINE_DOCS_URL = `${REPOSITORY_URL}/blob/v${TOOL_VERSION}/docs/configuration.md#engine-diagnostics`;
