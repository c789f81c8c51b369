/**
 * What the MCP server says about rules: the list, and one rule explained — its metadata, the JSON
 * Schema of its options, and its page (rules/<id>.md, shipped in the package), which says why the
 * rule exists and shows incorrect and correct examples.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { UsageError } from '../core/errors.js';
import type { Rule } from '../core/rule.js';
import { PACKAGE_ROOT } from '../core/tool.js';
import { closestMatches } from '../text/did-you-mean.js';
import { docsUrlOf, isEngineRule } from '../lsp/protocol-diagnostics.js';

export interface RuleSummary {
  id: string;
  description: string;
  scope: 'file' | 'project';
  fixable: boolean;
  defaultSeverity: 'error' | 'warn';
  /** Severity at the repository root by its config, or "off". */
  severity: 'error' | 'warn' | 'off';
  docsUrl: string;
}

export interface RuleExplanation extends RuleSummary {
  tags: string[];
  /** JSON Schema of the rule's options (as written in the config). */
  optionsSchema: Record<string, unknown>;
  /** The rule's page, in Markdown. */
  documentation: string;
}

export function ruleSummary(rule: Rule, severities: ReadonlyMap<string, 'error' | 'warn'>): RuleSummary {
  return {
    id: rule.id,
    description: rule.description,
    scope: rule.scope,
    fixable: rule.fixable,
    defaultSeverity: rule.defaultSeverity,
    severity: severities.get(rule.id) ?? 'off',
    docsUrl: docsUrlOf(rule.id),
  };
}

export function explainRule(
  rules: readonly Rule[],
  id: string,
  severities: ReadonlyMap<string, 'error' | 'warn'>,
): RuleExplanation {
  const rule = rules.find((candidate) => candidate.id === id);
  if (!rule) {
    if (isEngineRule(id))
      throw new UsageError(
        `"${id}" is one of the engine's own diagnostics, not a configurable rule: see ${docsUrlOf(id)}.`,
      );
    const [closest] = closestMatches(
      id,
      rules.map((candidate) => candidate.id),
    );
    throw new UsageError(
      `There is no rule "${id}"${closest ? ` (did you mean "${closest}"?)` : ''}. The list_rules tool lists them.`,
    );
  }
  const page = path.join(PACKAGE_ROOT, 'rules', `${rule.id}.md`);
  let documentation: string;
  try {
    documentation = readFileSync(page, 'utf8');
  } catch (error) {
    throw new Error(
      `The page of rule "${rule.id}" is missing from the package (${page}: ${(error as NodeJS.ErrnoException).code ?? String(error)}); read it at ${docsUrlOf(rule.id)}.`,
    );
  }
  return {
    ...ruleSummary(rule, severities),
    tags: [...rule.tags],
    optionsSchema: z.toJSONSchema(rule.options, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>,
    documentation,
  };
}
