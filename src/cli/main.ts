/**
 * The command line, as a function of (argv, io) that returns the exit code, so that tests run it
 * in-process. Known failures (bad config, bad arguments) print one clear line and exit 2.
 */
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { ConfigError, UsageError } from '../core/errors.js';
import { EXIT_FAILURE, EXIT_OK, type CliIo } from '../core/io.js';
import { REPORTER_NAMES } from '../reporters/index.js';
import { TOOL_VERSION } from '../core/tool.js';
import type { LintCommandOptions } from './lint-command.js';
import type { ReportCommandOptions } from './inventory-commands.js';
import type { LspCommandOptions } from './lsp-command.js';
import type { McpCommandOptions } from './mcp-command.js';
import { DEFAULT_CACHE_LOCATION, NO_CACHE_VARIABLE } from '../cache/phase1-cache.js';
import { REPORT_FORMATS } from './inventories/tables.js';
import { FIX_TYPES } from '../fixes/fix-types.js';

// Commands are imported when they run: `--version` and `--help` need neither the parser nor the
// config machinery, and loading those costs more than everything else at start-up.
const lintModule = () => import('./lint-command.js');
const infoModule = () => import('./info-commands.js');
const reportsModule = () => import('./inventory-commands.js');
const languageServerModule = () => import('./lsp-command.js');
const mcpServerModule = () => import('./mcp-command.js');

function wholeNumber(value: string): number {
  const parsed = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(parsed))
    throw new InvalidArgumentError('expected a whole number of 0 or more.');
  return parsed;
}

/** A whole number of 1 or more (--max-findings-per-rule). */
function positiveWholeNumber(value: string): number {
  const parsed = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(parsed) || parsed === 0)
    throw new InvalidArgumentError('expected a whole number of 1 or more.');
  return parsed;
}

/** --max-warnings: a whole number, or -1 for no limit (as ESLint reads it). */
function warningLimit(value: string): number {
  if (value === '-1') return -1;
  const parsed = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(parsed))
    throw new InvalidArgumentError('expected a whole number of 0 or more, or -1 for no limit.');
  return parsed;
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/** The options both servers (lsp, mcp) take for the index of the repository they keep: how it is built and cached. */
function withServerIndexOptions(command: Command): Command {
  return command
    .option('--report-unused-disables', 'report control comments that silenced nothing', false)
    .option('--threads <n>', 'build the first index on at most n threads', wholeNumber)
    .option('--no-threads', 'build the first index on the main thread only')
    .option(
      '--cache',
      `keep per-file results on disk so that the next start is quick, the default (location: ${DEFAULT_CACHE_LOCATION}/ under the root, shared with lint)`,
    )
    .option('--no-cache', `neither read nor write the cache (also: ${NO_CACHE_VARIABLE}=1 in the environment)`)
    .option('--cache-location <dir>', 'folder of the cache; a folder it creates is marked for git to ignore');
}

function buildProgram(io: CliIo, setExitCode: (code: number) => void): Command {
  const program = new Command('agentops-lint')
    .description('Lint Markdown documentation: links, anchors, terminology, document contracts and GitHub rendering.')
    .version(TOOL_VERSION, '-v, --version', 'print the version')
    .helpOption('-h, --help', 'show help')
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr });

  const lint = program
    .command('lint', { isDefault: true })
    .description('lint Markdown files (the default command)')
    .argument('[paths...]', 'files, folders or globs to lint (default: the current folder)')
    .option('-c, --config <file>', 'use this config file instead of looking for one')
    .option('--root <dir>', 'repository root: where "/" links resolve (default: the git root)')
    .addOption(
      new Option(
        '-f, --format <name[:file]>',
        `output format, repeatable; NAME:FILE writes that report to FILE (- is stdout). Formats: ${REPORTER_NAMES.join(', ')}`,
      )
        .argParser(collect)
        .default([], 'stylish'),
    )
    .option('-o, --output-file <file>', 'write the report(s) without their own :FILE to this file instead of stdout')
    .option('--fix', 'fix problems where the fix is certain, writing files atomically', false)
    .option('--fix-dry-run', 'print the fixes as a unified diff; write nothing', false)
    .addOption(
      new Option(
        '--fix-type <type>',
        'what --fix and --fix-dry-run apply: "fix" (certain fixes only) or "suggestion" (also the likely repairs a problem suggests; review the diff)',
      ).choices(FIX_TYPES),
    )
    .option('-q, --quiet', 'report errors only', false)
    .option('--max-warnings <n>', 'exit 1 when there are more warnings than this (-1: no limit)', warningLimit)
    .option(
      '--max-findings-per-rule <n>',
      "list at most n problems of one rule per file, the rest summed up in one (default: the config's maxFindingsPerRule, else 1000)",
      positiveWholeNumber,
    )
    .option('--report-unused-disables', 'report control comments that silenced nothing', false)
    .option('--external', 'check external http(s) links over the network (rule external-links)')
    .option('--no-external', 'never check external links over the network, even when the config enables it')
    .option('--allow-private', 'let external link checks reach loopback, private and link-local addresses', false)
    .option('--no-error-on-unmatched-pattern', 'do not fail when a path or glob matches no file')
    .option(
      '--strict-config',
      'fail (exit 2) instead of warning when a config glob matches no file or a config turns no rule on (for CI; also the config key strictConfig)',
      false,
    )
    .option('--color', 'force colours')
    .option('--no-color', 'never use colours')
    .option('--debug', 'say which named files were skipped and why; show stack traces of internal errors', false)
    .option(
      '--staged',
      'lint the staged version of staged files (the next commit), links resolved against the index',
      false,
    )
    .option(
      '--changed-since <ref>',
      'report problems in files changed since the merge base with REF, and problems the change caused elsewhere',
    )
    .option('--baseline <file>', 'suppress the problems recorded in this baseline file; fail on new ones')
    .option('--write-baseline <file>', 'record the current problems in a baseline file (kept for files not linted)')
    .option(
      '--cache',
      `cache per-file results, the default (location: ${DEFAULT_CACHE_LOCATION}/ under the root, a folder git ignores by itself)`,
    )
    .option('--no-cache', `neither read nor write the cache (also: ${NO_CACHE_VARIABLE}=1 in the environment)`)
    .option('--cache-location <dir>', 'folder of the cache; a folder it creates is marked for git to ignore')
    .option(
      '--threads <n>',
      'parse on at most n threads (default: one per core; 1 keeps to the main thread)',
      wholeNumber,
    )
    .option('--no-threads', 'parse on the main thread only')
    .option('--watch', 'lint again whenever a file changes; only changed files are parsed again (docs/editors.md)')
    .action(async (paths: string[], options: LintCommandOptions) => {
      setExitCode(await (await lintModule()).lintCommand(paths, options, io));
    });

  // `agentops-lint --help` shows the lint options too: linting is what people run it for.
  program.addHelpText(
    'after',
    () => `\nagentops-lint [paths...] is short for agentops-lint lint [paths...]:\n\n${lint.helpInformation()}`,
  );

  program
    .command('init')
    .description('write a commented starter agentops-lint.config.yaml (never overwrites)')
    .action(async () => setExitCode(await (await infoModule()).initCommand(io)));

  program
    .command('rules')
    .description('list every rule: id, default severity, fixable, description')
    .addOption(new Option('-f, --format <name>', 'output format').choices(['table', 'json']).default('table'))
    .action(async (options: { format: 'table' | 'json' }) =>
      setExitCode((await infoModule()).rulesCommand(options.format, io)),
    );

  program
    .command('schema')
    .description('print the JSON Schema of the config file (also shipped as schema.json)')
    .action(async () => setExitCode((await infoModule()).schemaCommand(io)));

  program
    .command('print-config')
    .description('print the effective configuration for a file')
    .argument('<file>', 'the file whose configuration to show')
    .option('-c, --config <file>', 'use this config file instead of looking for one')
    .action(async (file: string, options: { config?: string }) =>
      setExitCode((await infoModule()).printConfigCommand(file, options.config, io)),
    );

  for (const [name, description, command] of [
    [
      'terms',
      'report how often each term and each of its spellings occurs in prose, and in which files',
      'termsCommand',
    ],
    [
      'mappings',
      'report every Kubernetes mapping statement, grouped by concept, with conflicts and unknown concepts marked',
      'mappingsCommand',
    ],
  ] as const) {
    program
      .command(name)
      .description(description)
      .argument('[paths...]', 'files, folders or globs to read (default: the current folder)')
      .option('-c, --config <file>', 'use this config file instead of looking for one')
      .option('--root <dir>', 'repository root (default: the git root)')
      .addOption(new Option('-f, --format <name>', 'output format').choices(REPORT_FORMATS).default('table'))
      .option(
        '--cache',
        `cache per-file results, the default (location: ${DEFAULT_CACHE_LOCATION}/ under the root, a folder git ignores by itself)`,
      )
      .option('--no-cache', `neither read nor write the cache (also: ${NO_CACHE_VARIABLE}=1 in the environment)`)
      .option('--cache-location <dir>', 'folder of the cache; a folder it creates is marked for git to ignore')
      .option(
        '--threads <n>',
        'analyse on at most n threads (default: one per core; 1 keeps to the main thread)',
        wholeNumber,
      )
      .option('--no-threads', 'analyse on the main thread only')
      .option('--debug', 'say how many files the cache answered; show stack traces of internal errors', false)
      .action(async (paths: string[], options: ReportCommandOptions) =>
        setExitCode(await (await reportsModule())[command](paths, options, io)),
      );
  }

  withServerIndexOptions(
    program
      .command('lsp')
      .description('run the language server for editors, over stdin and stdout (docs/editors.md)')
      .option('--stdio', 'talk over stdin and stdout (the only transport; accepted because language clients pass it)')
      .option('-c, --config <file>', 'use this config file for every file instead of looking for one')
      .option('--debounce <ms>', 'milliseconds of quiet after a change before linting', wholeNumber),
  )
    .addOption(
      new Option(
        '--clientProcessId <pid>',
        'passed by some language clients; the server ends when its input closes',
      ).hideHelp(),
    )
    .action(async (options: LspCommandOptions) =>
      setExitCode(await (await languageServerModule()).lspCommand(options, io)),
    );

  withServerIndexOptions(
    program
      .command('mcp')
      .description('run the Model Context Protocol server for coding agents, over stdin and stdout (docs/editors.md)')
      .option('-c, --config <file>', 'use this config file for every file instead of looking for one')
      .option(
        '--root <dir>',
        'repository root: every path is confined to it (default: the git root of the current folder)',
      ),
  ).action(async (options: McpCommandOptions) => setExitCode(await (await mcpServerModule()).mcpCommand(options, io)));

  return program;
}

export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  let exitCode = EXIT_OK;
  const program = buildProgram(io, (code) => {
    exitCode = code;
  });
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end with exit code 0; argument errors were already printed.
      return error.exitCode === 0 ? EXIT_OK : EXIT_FAILURE;
    }
    if (error instanceof ConfigError) {
      io.stderr(`agentops-lint: invalid configuration\n${error.message}\n`);
      return EXIT_FAILURE;
    }
    if (error instanceof UsageError) {
      io.stderr(`agentops-lint: ${error.message}\n`);
      return EXIT_FAILURE;
    }
    const debug = argv.includes('--debug');
    io.stderr(`agentops-lint: internal error: ${error instanceof Error ? error.message : String(error)}\n`);
    if (debug && error instanceof Error && error.stack) io.stderr(`${error.stack}\n`);
    else io.stderr('Run again with --debug for the stack trace, and please report it.\n');
    return EXIT_FAILURE;
  }
}
