/**
 * Diagnostics the engine itself reports. They are not configurable rules, but they appear in
 * reports (and in SARIF's rule table) like rules, so they carry the same metadata.
 */
export interface EngineRuleMeta {
  id: string;
  description: string;
  messages: Readonly<Record<string, string>>;
}

export const FILE_READ: EngineRuleMeta = {
  id: 'file-read',
  description:
    'A file could not be read as UTF-8 Markdown (unreadable, not a regular file, a symbolic link that leaves the repository or leads nowhere, binary, UTF-16, not UTF-8, or over the size limit); the rest of the run goes on.',
  messages: {
    unreadable: 'Cannot read file: {detail}.',
    notRegular: 'Not a regular file ({kind}); not read.',
    outsideRepository:
      'Symbolic link to a path outside the repository; not followed (the gate reads only files inside the repository).',
    brokenSymlink: 'Symbolic link cannot be followed: {detail}.',
    binary: 'Binary file ({detail}); Markdown must be text.',
    invalidUtf8: 'Not UTF-8 ({detail}); GitHub would show replacement characters.',
    utf16: 'UTF-16 text ({detail}); Markdown must be UTF-8: save the file as UTF-8.',
    tooLarge:
      'File is {size}, over the size limit of {limit}; not analysed (raise maxFileSizeMb in the config to lint it).',
  },
};

export const PARSE_ERROR: EngineRuleMeta = {
  id: 'parse-error',
  description:
    'A file could not be analysed (too costly to parse, over its time budget, out of memory), or only in part (nesting deeper than the limit); the other files are checked all the same.',
  messages: {
    failed:
      'This file could not be analysed: {step} failed ({error}). The other files were checked; please report this.',
    tooDeep:
      'Nesting deeper than {limit} levels (block quotes, lists, emphasis, links) is not analysed: skipped here{more}.',
    tooCostly:
      'This file is not analysed: {count} {what}, over the limit of {limit}, would cost the parser too much time or memory. The other files were checked.',
    timeout:
      'This file is not analysed: its analysis took longer than its time budget of {budget} s and was stopped. The other files were checked.',
    outOfMemory:
      'This file is not analysed: its analysis ran out of memory ({detail}) and was stopped. The other files were checked.',
  },
};

export const RULE_CRASH: EngineRuleMeta = {
  id: 'rule-crash',
  description: 'A rule threw an exception on a file; other rules and files were still checked. Please report it.',
  messages: { crashed: 'Rule "{rule}" crashed: {error}.' },
};

export const CONTROL_COMMENTS: EngineRuleMeta = {
  id: 'control-comments',
  description:
    'An inline agentops-lint control comment names an unknown rule, or (with --report-unused-disables) silenced nothing.',
  messages: {
    unknownRule: 'Unknown rule "{rule}" in control comment{hint}.',
    unusedDisable: 'Unused {directive} comment: no problem was reported here.',
    unusedDisableRules: 'Unused {directive} comment: no {rules} problem was reported here.',
  },
};

export const BASELINE: EngineRuleMeta = {
  id: 'baseline',
  description:
    'With --baseline and --report-unused-disables: a baseline entry matched no problem (it was fixed, or the text it points at changed); write the baseline again to drop it.',
  messages: {
    unusedEntry:
      'Unused baseline entry: {count} "{rule}" problem{plural} in {file} no longer reported ("{message}"). Run --write-baseline again to drop it.',
  },
};

export const TOO_MANY_FINDINGS: EngineRuleMeta = {
  id: 'too-many-findings',
  description:
    'A rule found more problems in one file than maxFindingsPerRule: the first ones are listed, the rest summed up in one problem, so that output, memory and fixes stay bounded.',
  messages: {
    more: '…and {count} more "{rule}" problems in this file, not listed (maxFindingsPerRule: {limit}); fix the ones listed, or raise the limit.',
  },
};

export const ENGINE_RULES: readonly EngineRuleMeta[] = [
  FILE_READ,
  PARSE_ERROR,
  RULE_CRASH,
  CONTROL_COMMENTS,
  BASELINE,
  TOO_MANY_FINDINGS,
];
