import { UsageError } from '../core/errors.js';
import { didYouMean } from '../text/did-you-mean.js';
import { formatGithub } from './github.js';
import { formatGitlab } from './gitlab.js';
import { formatJson } from './json.js';
import { formatJunit } from './junit.js';
import type { LintReport } from './report.js';
import { formatSarif } from './sarif.js';
import { formatStylish } from './stylish.js';

/** A reporter: a pure function from a report to its text. */
export type Reporter = (report: LintReport) => string;

/** The name of a report format (`--format NAME`); REPORTERS_BY_NAME must have exactly these keys. */
export type ReporterName = 'stylish' | 'json' | 'sarif' | 'github' | 'gitlab' | 'junit';

const REPORTERS_BY_NAME: Readonly<Record<ReporterName, Reporter>> = {
  stylish: formatStylish,
  json: formatJson,
  sarif: formatSarif,
  github: formatGithub,
  gitlab: formatGitlab,
  junit: formatJunit,
};

export const REPORTERS: Readonly<Record<string, Reporter>> = REPORTERS_BY_NAME;

export const REPORTER_NAMES = Object.keys(REPORTERS) as ReporterName[];

/** The reporter of a format name, or a UsageError that names the nearest one and every choice. */
export function reporterNamed(name: string): Reporter {
  const reporter = REPORTERS[name];
  if (reporter) return reporter;
  throw new UsageError(
    `Unknown format "${name}"${didYouMean(name, REPORTER_NAMES)}; choose one of: ${REPORTER_NAMES.join(', ')}.`,
  );
}
