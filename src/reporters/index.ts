import { formatGithub } from './github.js';
import { formatGitlab } from './gitlab.js';
import { formatJson } from './json.js';
import { formatJunit } from './junit.js';
import type { LintReport } from './report.js';
import { formatSarif } from './sarif.js';
import { formatStylish } from './stylish.js';

export const REPORTERS: Readonly<Record<string, (report: LintReport) => string>> = {
  stylish: formatStylish,
  json: formatJson,
  sarif: formatSarif,
  github: formatGithub,
  gitlab: formatGitlab,
  junit: formatJunit,
};

export const REPORTER_NAMES = Object.keys(REPORTERS);
