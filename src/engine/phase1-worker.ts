/**
 * A phase-1 worker thread (see phase1-pool.ts): rebuilds FileSettings from the ResolvedConfig it
 * was started with, then answers each batch of files with their FileAnalysis, in order.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { FileSettings } from '../config/file-settings.js';
import { RULES_BY_ID } from '../registry.js';
import { analyzeBytes, analyzeText, type FileAnalysis } from './analyze-file.js';
import type { Phase1WorkerData, Phase1WorkerJob, Phase1WorkerRequest, Phase1WorkerResponse } from './phase1-pool.js';

if (!parentPort) throw new Error('phase1-worker.js runs only as a worker thread');
const port = parentPort;
const { config, root } = workerData as Phase1WorkerData;
const settings = new FileSettings(config, RULES_BY_ID, root);

function analyze(job: Phase1WorkerJob): FileAnalysis {
  const enabled = settings.forFile(job.path);
  if (job.text !== undefined) return analyzeText(job.path, job.text, enabled, job.factsOnly);
  return analyzeBytes(job.path, job.bytes ?? new Uint8Array(), enabled, job.factsOnly);
}

port.on('message', (request: Phase1WorkerRequest) => {
  port.postMessage({ id: request.id, analyses: request.jobs.map(analyze) } satisfies Phase1WorkerResponse);
});
