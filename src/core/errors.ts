/** A problem a user can fix in a config file: where it is, and what was expected. */
export interface ConfigIssue {
  /** Config file path as shown to the user (or a description such as "--config"). */
  file: string;
  /** Key path, e.g. ["rules", "links", 1, "timeout"]. */
  path: (string | number)[];
  message: string;
  line?: number;
  column?: number;
}

export function formatKeyPath(path: readonly (string | number)[]): string {
  let result = '';
  for (const segment of path) {
    if (typeof segment === 'number') result += `[${segment}]`;
    else if (/^[A-Za-z_$][\w$-]*$/.test(segment)) result += result === '' ? segment : `.${segment}`;
    else result += `[${JSON.stringify(segment)}]`;
  }
  return result;
}

export class ConfigError extends Error {
  constructor(readonly issues: ConfigIssue[]) {
    super(issues.map(formatConfigIssue).join('\n'));
    this.name = 'ConfigError';
  }
}

export function formatConfigIssue(issue: ConfigIssue): string {
  const location = issue.line === undefined ? issue.file : `${issue.file}:${issue.line}:${issue.column ?? 1}`;
  const keyPath = formatKeyPath(issue.path);
  return `${location}: ${keyPath === '' ? '' : `${keyPath}: `}${issue.message}`;
}

/** A failure that is the user's to fix (bad arguments, no files): one line, exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}
