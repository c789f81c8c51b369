/**
 * A phase-1 worker thread (see phase1-pool.ts): imports the rule list it is handed, rebuilds
 * FileSettings from each ResolvedConfig as it first arrives with a batch, then answers each batch
 * of files with their FileAnalysis, in order.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { FileSettings, type EnabledRule } from '../config/file-settings.js';
import { parseMarkdownWithLimits } from '../markdown/parse.js';
import { analyzeBytes, analyzeText, type FileAnalysis } from './analyze-file.js';
import type { Phase1WorkerData, Phase1WorkerJob, Phase1WorkerRequest, Phase1WorkerResponse } from './phase1-pool.js';
import type { Rule } from '../core/rule.js';

if (!parentPort) throw new Error('phase1-worker.js runs only as a worker thread');
const port = parentPort;
const { root, rulesModule, progress: progressBuffer } = workerData as Phase1WorkerData;
/** [request id, job index]: what the pool's watchdog reads to know which file is being analysed. */
const progress = new Int32Array(progressBuffer);
// The pool hands over the module that lists the rules: the engine knows no rule by itself.
const { RULES } = (await import(rulesModule)) as { RULES: readonly Rule[] };
const rules = new Map(RULES.map((rule) => [rule.id, rule]));
/** The settings of each config by its number in the run. */
const settingsByConfig = new Map<number, FileSettings>();
// The parser's first run is several times slower than the next (code compiled on first use): pay
// it now, before any job is timed against its budget, so that a small page sent to a worker just
// started (the language server analyses every file on one) is not stopped as over its budget.
parseMarkdownWithLimits(
  '---\ntitle: t\n---\n# Page\n\nSee [a link](other.md#part), `code` and *more*.\n\n- a list\n  continued\n\n| a | b |\n| - | - |\n| 1 | 2 |\n\n```yaml\nkey: value\n```\n\n> quote\nlazy\n',
);

/** The rules in force for a job's file (their options parsed the first time a config is used). */
function rulesFor(job: Phase1WorkerJob): EnabledRule[] {
  const settings = settingsByConfig.get(job.config);
  if (!settings) throw new Error(`config number ${job.config} was never sent to this worker`);
  return settings.forFile(job.path);
}

function analyze(job: Phase1WorkerJob, enabled: EnabledRule[]): FileAnalysis {
  if (job.text !== undefined) return analyzeText(job.path, job.text, enabled, job.factsOnly);
  return analyzeBytes(job.path, job.bytes ?? new Uint8Array(), enabled, job.factsOnly);
}

port.on('message', (request: Phase1WorkerRequest) => {
  for (const [index, config] of request.configs) settingsByConfig.set(index, new FileSettings(config, rules, root));
  const analyses = request.jobs.map((job, index) => {
    // Resolving the rules is the config's cost, not the file's: the budget's clock starts after it.
    const enabled = rulesFor(job);
    Atomics.store(progress, 1, index);
    Atomics.store(progress, 0, request.id);
    return analyze(job, enabled);
  });
  port.postMessage({ id: request.id, analyses } satisfies Phase1WorkerResponse);
});
