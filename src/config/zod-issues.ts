/**
 * Zod's issues in the words of the people who write config files. Zod says "expected record,
 * received array"; a config author needs "expected a mapping (key: value)" and the key path.
 * Passed to `safeParse(value, { error: plainIssueMessage })`, so messages that a schema sets
 * itself ("a glob cannot be empty") still win, and no zod wording is ever shown.
 */
import type { z } from 'zod';

type RawIssue = z.core.$ZodRawIssue;

const TYPE_WORDS: Readonly<Record<string, string>> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  bigint: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  tuple: 'a list',
  object: 'a mapping (key: value)',
  record: 'a mapping (key: value)',
  map: 'a mapping (key: value)',
  set: 'a list',
  date: 'a date',
  null: 'null',
  undefined: 'nothing',
  literal: 'a fixed value',
};

/** "a list", "text", … for a zod type name. */
export function typeInWords(expected: string): string {
  return TYPE_WORDS[expected] ?? expected;
}

const quoted = (value: unknown): string => JSON.stringify(value) ?? String(value);

function orList(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}

function plural(count: number | bigint, word: string, pluralWord = `${word}s`): string {
  return `${count} ${Number(count) === 1 ? word : pluralWord}`;
}

function sizeWords(origin: string, amount: number | bigint): string {
  switch (origin) {
    case 'array':
    case 'set':
      return plural(amount, 'entry', 'entries');
    case 'string':
      return plural(amount, 'character');
    default:
      return String(amount);
  }
}

function tooSmall(issue: Extract<RawIssue, { code: 'too_small' }>): string {
  const { origin, minimum, inclusive } = issue;
  if ((origin === 'string' || origin === 'array') && Number(minimum) === 1 && inclusive !== false)
    return 'cannot be empty';
  if (origin === 'number' || origin === 'int' || origin === 'bigint')
    return inclusive === false ? `expected a number above ${minimum}` : `expected ${minimum} or more`;
  return `expected at least ${sizeWords(origin, minimum)}`;
}

function tooBig(issue: Extract<RawIssue, { code: 'too_big' }>): string {
  const { origin, maximum, inclusive } = issue;
  if (origin === 'number' || origin === 'int' || origin === 'bigint')
    return inclusive === false ? `expected a number below ${maximum}` : `expected ${maximum} or less`;
  return `expected at most ${sizeWords(origin, maximum)}`;
}

/** A union failed: say which forms were accepted when every branch failed on the value's type. */
function unionMessage(issue: Extract<RawIssue, { code: 'invalid_union' }>): string {
  const branches = 'errors' in issue && Array.isArray(issue.errors) ? issue.errors : [];
  const expected = branches.flatMap((branch) =>
    branch
      .filter((inner) => inner.code === 'invalid_type' && inner.path.length === 0)
      .map((inner) => typeInWords(String((inner as { expected: string }).expected))),
  );
  const distinct = [...new Set(expected)];
  if (distinct.length > 0 && distinct.length === branches.length) return `expected ${orList(distinct)}`;
  return 'does not match any accepted form (see the rule page for the options it takes)';
}

/** The plain-words message of one zod issue (an error map for `safeParse`). */
export function plainIssueMessage(issue: RawIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined
        ? `is required: expected ${typeInWords(issue.expected)}`
        : `expected ${typeInWords(issue.expected)}`;
    case 'too_small':
      return tooSmall(issue);
    case 'too_big':
      return tooBig(issue);
    case 'invalid_value':
      return issue.values.length === 1
        ? `expected ${quoted(issue.values[0])}`
        : `expected one of ${issue.values.map(quoted).join(', ')}`;
    case 'invalid_union':
      return unionMessage(issue);
    case 'invalid_format':
      return `expected ${issue.format === 'regex' ? `text matching ${issue.pattern ?? 'the pattern'}` : `a valid ${issue.format}`}`;
    case 'not_multiple_of':
      return `expected a multiple of ${issue.divisor}`;
    case 'unrecognized_keys':
      return `unknown key${issue.keys.length === 1 ? '' : 's'} ${issue.keys.map(quoted).join(', ')}`;
    case 'invalid_key':
      return `invalid key: ${issue.issues.map((inner) => inner.message).join('; ')}`;
    case 'invalid_element':
      return `invalid entry: ${issue.issues.map((inner) => inner.message).join('; ')}`;
    default:
      return 'is not a valid value';
  }
}
