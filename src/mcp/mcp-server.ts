/**
 * `agentops-lint mcp`: a Model Context Protocol server over stdio, for coding agents. Its tools
 * lint files of the repository or an unsaved text, preview or apply the certain fixes, explain a
 * rule, and return the terms and mappings inventories. Every input is validated (zod) and every
 * path is confined to the repository root, and an argument a tool does not have is refused with
 * the names it has; answers are structured (every tool has an output schema) and also given as
 * JSON text for clients that only read text. Calls run at once (a call that writes waits for the
 * others), report progress to clients that ask for it, and stop when the client cancels them.
 */
import type { Readable, Writable } from 'node:stream';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { RequestHandlerExtra } from '@modelcontextprotocol/sdk/shared/protocol.js';
import type { ServerNotification, ServerRequest } from '@modelcontextprotocol/sdk/types.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { z } from 'zod';
import type { Rule } from '../core/rule.js';
import { TOOL_NAME, TOOL_VERSION } from '../core/tool.js';
import type { ProjectServices } from '../lsp/live-project.js';
import { type CallOptions, DEFAULT_MAX_PROBLEMS, LintService } from './lint-service.js';
import { confinePaths } from './repository-paths.js';
import { explainRule, ruleSummary } from './rule-docs.js';

export type InventoryKind = 'terms' | 'mappings';

export interface McpServerOptions {
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  /** Absolute path of the repository root: every path is relative to it and confined to it. */
  root: string;
  services: ProjectServices;
  reportUnusedDisables: boolean;
  /** Every configurable rule (for list_rules and explain_rule). */
  rules: readonly Rule[];
  /**
   * The terms or mappings report of the files the root-relative paths name, as data: analysed off
   * this thread, stopping when the call's signal is aborted, telling its progress.
   */
  inventory(kind: InventoryKind, patterns: readonly string[], call: CallOptions): Promise<object>;
  /** A line for the server's log (stderr: stdout is the protocol's). */
  log(message: string): void;
}

const INSTRUCTIONS = `${TOOL_NAME} checks the Markdown documentation of this repository: links and anchors across files, terminology, Kubernetes mappings, required sections, and what GitHub would render broken. Lint after editing docs (lint for files on disk, lint_text for a text not saved yet), apply the certain fixes with fix_files, and read explain_rule before silencing a rule. Paths are relative to the repository root.`;

const pathsInput = z
  .array(z.string())
  .max(1000)
  .default([])
  .describe(
    'Files, folders or globs relative to the repository root (none, or "." for the root: every Markdown file of the repository).',
  );
const maxProblemsInput = z
  .number()
  .int()
  .min(1)
  .max(10_000)
  .default(DEFAULT_MAX_PROBLEMS)
  .describe('Most problems to return (the counts are always complete).');
const fileInput = z
  .string()
  .min(1)
  .describe('Path of the file the text belongs to, relative to the repository root (it need not exist yet).');
const textInput = z.string().max(5_000_000).describe('The full text of the file, as the agent would write it.');

const problemSchema = z.object({
  file: z.string(),
  line: z.number(),
  column: z.number(),
  endLine: z.number(),
  endColumn: z.number(),
  ruleId: z.string(),
  severity: z.enum(['error', 'warn']),
  message: z.string(),
  suggestion: z.string().optional(),
  fixable: z.boolean().describe('A certain fix exists: fix_files or fix_text applies it.'),
  suggestions: z
    .array(z.string())
    .optional()
    .describe('Likely repairs that are not certain (not applied by the fix tools).'),
  docsUrl: z.string(),
});
const lintAnswerShape = {
  root: z.string(),
  filesChecked: z.number(),
  errorCount: z.number(),
  warningCount: z.number(),
  problems: z.array(problemSchema),
  truncated: z.boolean(),
};
const ruleSummaryShape = {
  id: z.string(),
  description: z.string(),
  scope: z.enum(['file', 'project']),
  fixable: z.boolean(),
  defaultSeverity: z.enum(['error', 'warn']),
  severity: z.enum(['error', 'warn', 'off']).describe('Severity at the repository root by its config.'),
  docsUrl: z.string(),
};

const termsInventoryShape = {
  filesChecked: z.number(),
  terms: z.array(
    z.object({
      term: z.string(),
      count: z.number(),
      forms: z.array(
        z.object({
          form: z.string(),
          status: z.enum(['right', 'accepted', 'allowed', 'wrong', 'legacy']),
          count: z.number(),
          compared: z
            .number()
            .describe('Occurrences term-consistency compares (documents that record history left out).'),
          files: z.array(z.object({ file: z.string(), count: z.number(), lines: z.array(z.number()) })),
        }),
      ),
    }),
  ),
};
const mappingsInventoryShape = {
  filesChecked: z.number(),
  statements: z.number(),
  conflicts: z.number(),
  unknownConcepts: z.number(),
  canonical: z.boolean().describe('Whether statements were checked against a configured canonical mapping.'),
  concepts: z.array(
    z.object({
      concept: z.string(),
      known: z.boolean(),
      nearest: z.array(z.string()).describe('For an unknown concept: the nearest real ones.'),
      statements: z.array(
        z.object({
          kubernetes: z.string(),
          project: z.string(),
          file: z.string(),
          line: z.number(),
          column: z.number(),
          source: z.enum(['table', 'arrow', 'phrase']),
          conflict: z.string().optional().describe('What mapping-consistency reports about the statement.'),
        }),
      ),
    }),
  ),
  unreadable: z.array(z.object({ file: z.string(), line: z.number(), reason: z.string() })),
};

/**
 * A tool's arguments: an argument the tool does not have is an error that names the ones it has,
 * rather than being dropped (a misspelt `pathz` would otherwise lint the whole repository).
 */
function toolArguments<Shape extends z.ZodRawShape>(shape: Shape) {
  const names = Object.keys(shape);
  return z.strictObject(shape, {
    error: (issue) =>
      issue.code === 'unrecognized_keys'
        ? `Unknown ${issue.keys.length === 1 ? 'argument' : 'arguments'} ${issue.keys.map((key) => `"${key}"`).join(', ')}: ${
            names.length === 0 ? 'this tool takes no arguments' : `the arguments are ${names.join(', ')}`
          }.`
        : undefined,
  });
}

/** How often a long call tells a client that asked for progress that it is still at work. */
const PROGRESS_HEARTBEAT_MS = 5000;

type ToolExtra = RequestHandlerExtra<ServerRequest, ServerNotification>;

/**
 * Runs a call with its client's cancellation and, when the client sent a progress token, its
 * progress: each step of the work, and a heartbeat while a step takes long (a client that resets
 * its timeout on progress then waits for a big page instead of giving up on it).
 */
async function withProgress<T>(extra: ToolExtra, work: (call: CallOptions) => Promise<T>): Promise<T> {
  const token = extra._meta?.progressToken;
  if (token === undefined) return work({ signal: extra.signal });
  let progress = 0;
  let step = 'Working';
  const started = Date.now();
  const notify = (message: string): void => {
    void extra
      .sendNotification({
        method: 'notifications/progress',
        params: { progressToken: token, progress: ++progress, message },
      })
      .catch(() => undefined);
  };
  const heartbeat = setInterval(
    () => notify(`${step} (${Math.round((Date.now() - started) / 1000)} s so far)`),
    PROGRESS_HEARTBEAT_MS,
  );
  try {
    return await work({
      signal: extra.signal,
      progress: (message) => {
        step = message;
        notify(message);
      },
    });
  } finally {
    clearInterval(heartbeat);
  }
}

/** A tool's answer: structured, and the same as JSON text. */
function answer<T extends object>(
  data: T,
): { content: { type: 'text'; text: string }[]; structuredContent: Record<string, unknown> } {
  return {
    content: [{ type: 'text', text: JSON.stringify(data, null, 2) }],
    structuredContent: data as Record<string, unknown>,
  };
}

function registerTools(server: McpServer, service: LintService, options: McpServerOptions): void {
  server.registerTool(
    'lint',
    {
      title: 'Lint Markdown files',
      description:
        'Lint Markdown files of the repository as saved on disk, in the context of the whole repository (cross-file links and anchors, terminology, mappings). Returns every problem with its file, line, column, rule, severity and message, whether a certain fix exists, and the rule page.',
      inputSchema: toolArguments({ paths: pathsInput, maxProblems: maxProblemsInput }),
      outputSchema: lintAnswerShape,
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    async ({ paths, maxProblems }, extra) =>
      answer(await withProgress(extra, (call) => service.lint(paths, maxProblems, call))),
  );
  server.registerTool(
    'lint_text',
    {
      title: 'Lint an unsaved text',
      description:
        'Lint a text as if it were the content of a file of the repository (which need not exist yet), in the context of the rest of the repository as saved. Use it to check a page before writing it.',
      inputSchema: toolArguments({ path: fileInput, text: textInput, maxProblems: maxProblemsInput }),
      outputSchema: lintAnswerShape,
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    async ({ path, text, maxProblems }, extra) =>
      answer(await withProgress(extra, (call) => service.lintText(path, text, maxProblems, call))),
  );
  server.registerTool(
    'fix_files',
    {
      title: 'Preview or apply certain fixes',
      description:
        'The certain fixes (a renamed file git knows of, the one heading an anchor must mean, a declared replacement term) for Markdown files of the repository, as unified diffs. With apply: true the files are written; otherwise nothing is written. Returns the problems that remain.',
      inputSchema: toolArguments({
        paths: pathsInput,
        apply: z.boolean().default(false).describe('Write the fixed files (default: only preview the diffs).'),
        maxProblems: maxProblemsInput,
      }),
      outputSchema: {
        files: z.array(z.object({ file: z.string(), patch: z.string() })),
        written: z.boolean(),
        remaining: z.object(lintAnswerShape),
      },
      annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: false },
    },
    async ({ paths, apply, maxProblems }, extra) =>
      answer(await withProgress(extra, (call) => service.fixFiles(paths, apply, maxProblems, call))),
  );
  server.registerTool(
    'fix_text',
    {
      title: 'Fix an unsaved text',
      description:
        'Apply the certain fixes to a text meant for a file of the repository and return the fixed text, its diff and the problems that remain. Nothing is written.',
      inputSchema: toolArguments({ path: fileInput, text: textInput, maxProblems: maxProblemsInput }),
      outputSchema: { fixedText: z.string(), patch: z.string(), remaining: z.object(lintAnswerShape) },
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    async ({ path, text, maxProblems }, extra) =>
      answer(await withProgress(extra, (call) => service.fixText(path, text, maxProblems, call))),
  );
  server.registerTool(
    'list_rules',
    {
      title: 'List the rules',
      description:
        'Every rule: id, description, whether it is fixable, its default severity and its severity at the repository root by the config.',
      inputSchema: toolArguments({}),
      outputSchema: { rules: z.array(z.object(ruleSummaryShape)) },
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    async () => {
      const severities = await service.severitiesAtRoot();
      return answer({ rules: options.rules.map((rule) => ruleSummary(rule, severities)) });
    },
  );
  server.registerTool(
    'explain_rule',
    {
      title: 'Explain a rule',
      description:
        "A rule's page (why it exists, incorrect and correct examples, its options) with its metadata and the JSON Schema of its options. Read it before disabling a rule.",
      inputSchema: toolArguments({ rule: z.string().min(1).describe('The rule id, such as "anchors".') }),
      outputSchema: {
        ...ruleSummaryShape,
        tags: z.array(z.string()),
        optionsSchema: z.record(z.string(), z.unknown()),
        documentation: z.string(),
      },
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    async ({ rule }) => answer(explainRule(options.rules, rule, await service.severitiesAtRoot())),
  );
  for (const [kind, title, description, outputSchema] of [
    [
      'terms',
      'Terms inventory',
      'How often each spelling of each term occurs in prose (right, accepted, wrong, legacy), and in which files and lines: the terminology the docs actually use.',
      termsInventoryShape,
    ],
    [
      'mappings',
      'Mappings inventory',
      'Every "Kubernetes concept → project concept" mapping statement, grouped by concept, with conflicts and unknown Kubernetes concepts marked.',
      mappingsInventoryShape,
    ],
  ] as const) {
    server.registerTool(
      `${kind}_inventory`,
      {
        title,
        description,
        inputSchema: toolArguments({ paths: pathsInput }),
        outputSchema,
        annotations: { readOnlyHint: true, openWorldHint: false },
      },
      async ({ paths }, extra) =>
        answer(
          await withProgress(extra, (call) =>
            service.whileReading(call, () => options.inventory(kind, confinePaths(options.root, paths), call)),
          ),
        ),
    );
  }
}

/** Serves the tools on the streams until the client closes the input. */
export async function runMcpServer(options: McpServerOptions): Promise<void> {
  const service = await LintService.open(options.root, options.services, {
    reportUnusedDisables: options.reportUnusedDisables,
    onIndexed: (cacheUse) => options.log(`${TOOL_NAME}: indexed ${options.root} (${cacheUse})`),
  });
  const server = new McpServer({ name: TOOL_NAME, version: TOOL_VERSION }, { instructions: INSTRUCTIONS });
  registerTools(server, service, options);
  const closed = new Promise<void>((resolve) => {
    options.input.once('end', resolve);
    options.input.once('close', resolve);
  });
  await server.connect(new StdioServerTransport(options.input as Readable, options.output as Writable));
  await closed;
  await server.close();
  await service.close();
}
