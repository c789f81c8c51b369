/**
 * The config file's shape. Each rule contributes its own options schema; the JSON Schema that
 * editors use is generated from the same zod schemas, so the two cannot drift.
 */
import { z } from 'zod';
import type { Rule, Severity } from '../core/rule.js';
import { SCHEMA_URL } from '../core/tool.js';
import { globProblem } from './glob-syntax.js';

export const severitySchema = z.enum(['off', 'warn', 'error']);

export type RuleEntry = Severity | [Severity] | [Severity, unknown];

/** A glob as a config writes it; mistakes that would silently match nothing are config errors. */
const glob = z
  .string()
  .min(1)
  .superRefine((value, context) => {
    const problem = globProblem(value);
    if (problem !== undefined) context.addIssue({ code: 'custom', message: problem });
  });

const globList = z.array(glob).describe("Glob patterns, relative to the config file's folder.");

const codeHostKind = z.enum(['github', 'gitlab', 'bitbucket']);

/** Where the repository's own URLs come from besides its git remotes (src/project/repository-urls.ts). */
export const repositoryUrlsSchema = z.strictObject({
  urls: z
    .array(
      z.union([
        z
          .string()
          .min(1)
          .describe(
            'A code host URL of this repository (a mirror, the name before an org rename): https://github.com/OWNER/REPO.',
          ),
        z.strictObject({
          url: z.string().min(1).describe("A site's base URL, e.g. https://docs.example.com/guide/."),
          folder: z.string().describe("The repository folder the site's base URL publishes ('' for the top level)."),
        }),
      ]),
    )
    .optional()
    .describe('More URLs of this repository, checked like those of its git remotes.'),
  remotes: z
    .boolean()
    .optional()
    .describe("Read the repository's URLs from its git remotes too (default true); false: only urls."),
  defaultBranch: z
    .string()
    .min(1)
    .optional()
    .describe(
      'The branch whose URLs resolve against the working tree. Default: origin/HEAD, else the checked-out branch.',
    ),
  hosts: z
    .record(z.string(), codeHostKind)
    .optional()
    .describe('Host name → the code host it runs, for GitHub Enterprise and self-hosted GitLab or Bitbucket.'),
});

export type RepositoryUrlsConfig = z.infer<typeof repositoryUrlsSchema>;

/** The top level, with rule entries left open: they are validated one by one for precise messages. */
export const configSchema = z.strictObject({
  $schema: z.string().optional().describe('JSON Schema for editor completion.'),
  extends: z
    .union([z.string(), z.array(z.string())])
    .optional()
    .describe('Built-in presets to start from, in order.'),
  files: globList.optional().describe('Which files are Markdown. Default: ["**/*.md", "**/*.markdown"].'),
  ignore: globList.optional().describe('Files never linted, on top of .gitignore.'),
  strictConfig: z
    .boolean()
    .optional()
    .describe(
      "Fail the run (exit 2) instead of warning when one of this config's globs matches no file, as --strict-config does for every config: for CI.",
    ),
  maxFileSizeMb: z
    .number()
    .positive()
    .optional()
    .describe(
      'Files larger than this many megabytes are reported (file-read) instead of being read and parsed. Default: 5.',
    ),
  timeBudgetSeconds: z
    .number()
    .positive()
    .optional()
    .describe(
      'The time the analysis of a file up to 256 KB may take (twice that up to 1 MB, four times beyond); a file over its budget is stopped and reported (parse-error) and the run goes on. Default: 10.',
    ),
  maxFindingsPerRule: z
    .number()
    .int()
    .positive()
    .optional()
    .describe(
      'At most this many problems of one rule are listed per file; the rest are summed up in one too-many-findings problem (and --fix applies fixes within the limit). Default: 1000.',
    ),
  rules: z.record(z.string(), z.unknown()).optional().describe('Rule id → severity, or [severity, options].'),
  repositoryUrls: repositoryUrlsSchema
    .optional()
    .describe(
      "The repository's own URLs, whose links the links and anchors rules check as local links (docs/links.md). Read from the root folder's config.",
    ),
  overrides: z
    .array(
      z.strictObject({
        files: globList.min(1),
        excludedFiles: globList.optional(),
        rules: z.record(z.string(), z.unknown()),
      }),
    )
    .optional()
    .describe('Rule settings for some files; later entries win.'),
});

export type UserConfig = z.infer<typeof configSchema>;

function ruleEntrySchema(rule: Rule): z.ZodType {
  return z
    .union([severitySchema, z.tuple([severitySchema]), z.tuple([severitySchema, rule.options])])
    .describe(`${rule.description} Severity, or [severity, options].`);
}

/** The complete schema with every rule's options, for `agentops-lint schema` and schema.json. */
export function fullConfigSchema(rules: readonly Rule[], presetNames: readonly string[]): z.ZodType {
  const ruleShape = Object.fromEntries(rules.map((rule) => [rule.id, ruleEntrySchema(rule).optional()]));
  const rulesObject = z.strictObject(ruleShape);
  const preset = z.enum(presetNames as [string, ...string[]]);
  return configSchema.extend({
    extends: z
      .union([preset, z.array(preset)])
      .optional()
      .describe('Built-in presets to start from, in order.'),
    rules: rulesObject.optional().describe('Rule id → severity, or [severity, options].'),
    overrides: z
      .array(z.strictObject({ files: globList.min(1), excludedFiles: globList.optional(), rules: rulesObject }))
      .optional()
      .describe('Rule settings for some files; later entries win.'),
  });
}

export function jsonSchema(rules: readonly Rule[], presetNames: readonly string[]): Record<string, unknown> {
  const schema = z.toJSONSchema(fullConfigSchema(rules, presetNames), { io: 'input', unrepresentable: 'any' });
  return { ...schema, $id: SCHEMA_URL, title: 'agentops-lint configuration' };
}
