/**
 * `npm run accuracy -- <corpus> [options]`: how often the terminology rules are right on a corpus.
 *
 * Lints the corpus with a config, draws a seeded sample of up to N findings per rule, holds it
 * against the judgement file, and prints precision per rule, the false positives and the findings
 * still to judge (each with its context and the line to add). With a planted-error file it also
 * prints recall. See docs/terminology.md#measuring-precision.
 *
 * Options:
 *   --config FILE       config to lint with (default: the corpus's agentops-lint.config.yaml,
 *                       else test/accuracy/kubernetes-preset.yaml: extends recommended and kubernetes)
 *   --judgements FILE   judgement file (default: test/accuracy/<corpus folder name>.tsv)
 *   --planted FILE      planted errors that must be found (default: test/accuracy/<name>.planted.tsv if present)
 *   --sample N          findings drawn per rule (default 40)
 *   --seed S            seed of the sample (default 1)
 *   --rules a,b         rules to measure (default: terminology, term-consistency, mapping-consistency, k8s-concepts)
 *   --min-precision P   exit 1 when a rule's precision on its sample is below P (0 to 1)
 *
 * Exit codes: 0 when every sampled finding is judged, the precision floor holds and no planted
 * error is missed; 1 otherwise; 2 for a usage error.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { PACKAGE_ROOT } from '../src/core/tool.js';
import {
  formatPrecisionReport,
  formatRecallReport,
  lintCorpus,
  MEASURED_RULES,
  measurePrecision,
  measureRecall,
  parseJudgements,
  parsePlanted,
} from './accuracy-harness.js';

const ACCURACY_FOLDER = path.join(PACKAGE_ROOT, 'test', 'accuracy');

function usage(message: string): never {
  process.stderr.write(
    `${message}\nUsage: npm run accuracy -- <corpus> [--config FILE] [--judgements FILE] [--planted FILE] [--sample N] [--seed S] [--rules a,b] [--min-precision P]\n`,
  );
  process.exit(2);
}

function positiveInteger(value: string, option: string): number {
  if (!/^[1-9]\d*$/.test(value)) usage(`${option} needs a whole number of 1 or more, not "${value}".`);
  return Number(value);
}

/** The parsed command line; a malformed one ends the run with the usage message. */
function parseCommandLine() {
  try {
    return parseArgs({
      allowPositionals: true,
      options: {
        config: { type: 'string' },
        judgements: { type: 'string' },
        planted: { type: 'string' },
        sample: { type: 'string', default: '40' },
        seed: { type: 'string', default: '1' },
        rules: { type: 'string', default: MEASURED_RULES.join(',') },
        'min-precision': { type: 'string' },
      },
    });
  } catch (error) {
    usage((error as Error).message);
  }
}

async function run(): Promise<number> {
  const { values, positionals } = parseCommandLine();
  if (positionals.length !== 1) usage('Name one corpus folder.');
  const corpus = path.resolve(positionals[0]!);
  if (!existsSync(corpus)) usage(`The corpus folder ${corpus} does not exist.`);
  const name = path.basename(corpus);
  const ownConfig = path.join(corpus, 'agentops-lint.config.yaml');
  const config = path.resolve(
    values.config ?? (existsSync(ownConfig) ? ownConfig : path.join(ACCURACY_FOLDER, 'kubernetes-preset.yaml')),
  );
  const judgementsFile = path.resolve(values.judgements ?? path.join(ACCURACY_FOLDER, `${name}.tsv`));
  const plantedDefault = path.join(ACCURACY_FOLDER, `${name}.planted.tsv`);
  const plantedFile =
    values.planted !== undefined
      ? path.resolve(values.planted)
      : existsSync(plantedDefault)
        ? plantedDefault
        : undefined;
  const sample = positiveInteger(values.sample, '--sample');
  const rules = values.rules
    .split(',')
    .map((rule) => rule.trim())
    .filter(Boolean);
  const floor = values['min-precision'] === undefined ? undefined : Number(values['min-precision']);
  if (floor !== undefined && !(floor >= 0 && floor <= 1))
    usage(`--min-precision needs a number from 0 to 1, not "${values['min-precision']}".`);

  const relative = (file: string): string => path.relative(process.cwd(), file) || '.';
  const judgements = existsSync(judgementsFile)
    ? parseJudgements(readFileSync(judgementsFile, 'utf8'), relative(judgementsFile))
    : [];
  const findings = await lintCorpus(corpus, config, rules);
  const precision = measurePrecision(findings, judgements, { rules, sample, seed: values.seed });
  const judgedFrom = existsSync(judgementsFile)
    ? relative(judgementsFile)
    : `${relative(judgementsFile)} (not written yet)`;
  process.stdout.write(
    formatPrecisionReport(
      precision,
      `Precision on ${relative(corpus)} with ${relative(config)}: up to ${sample} findings per rule (seed ${values.seed}), judged in ${judgedFrom}.`,
    ),
  );
  let failed = precision.rules.some(
    (rule) =>
      rule.unjudged.length > 0 || (floor !== undefined && rule.precision !== undefined && rule.precision < floor),
  );
  if (plantedFile !== undefined) {
    const recall = measureRecall(findings, parsePlanted(readFileSync(plantedFile, 'utf8'), relative(plantedFile)));
    process.stdout.write(`\n${formatRecallReport(recall, `Planted errors: ${relative(plantedFile)}.`)}`);
    failed ||= recall.missed.length > 0;
  }
  return failed ? 1 : 0;
}

run().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(2);
  },
);
