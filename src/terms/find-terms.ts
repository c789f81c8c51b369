/**
 * Finds terms in prose. A TermMatcher compiles a term list once; `find` returns, for one prose
 * block, every occurrence of a right form (canonical, accepted, exception) and of a wrong form,
 * without overlaps (the longest match wins, so "Kubernetes API Server" as an exception hides the
 * "API Server" inside it).
 *
 * Precision rules, shared by every rule that uses this:
 * - a match must be a whole word or phrase: no letter or digit directly before or after it;
 * - a match glued to an identifier is not prose: `-`, `_`, `/`, `@`, `#`, `$`, `=`, `~`, `+` or
 *   `\` directly before or after it (kubernetes-ops, app.kubernetes.io/name, `@kubernetes`),
 *   and `.` or `:` directly followed by a letter or digit (k8s.io, kubernetes:v1);
 * - a match inside a URL-like word (`://`, `www.`) is not prose either;
 * - a form in quotes ("K8S", “ArgoCD”) is mentioned, not used: style guides quote wrong forms;
 * - a wrong form of several words also matches with hyphens between them ("master-node").
 * Code, HTML, front matter and link destinations never reach the matcher (see markdown/prose.ts).
 */
import type { ProseBlock } from '../markdown/prose.js';
import type { Term } from './term-list.js';
import type { Subcommands } from './text-roles.js';

export type MatchStatus = 'canonical' | 'accepted' | 'exception' | 'wrong';

export interface TermMatch {
  term: Term;
  /** Position of the term in the matcher's list. */
  termIndex: number;
  /** Range in the block's text. */
  from: number;
  to: number;
  found: string;
  status: MatchStatus;
  /** For right forms: the form as the term lists it (singular). */
  form?: string;
  /** Whether the match is the plural of its form. */
  plural: boolean;
  /** For wrong forms with a `use`: the right form, in the same number (singular or plural). */
  expected?: string;
}

interface Pattern {
  termIndex: number;
  status: MatchStatus | 'variant';
  /** The literal form of a right pattern. */
  form?: string;
  /** Sticky for literal forms (tried where their first word occurs), global for user regexes. */
  regex: RegExp;
  /** Whether the pattern can match a plural and names the `plural` group. */
  plural: boolean;
}

const WORD_CHARACTER = /[\p{L}\p{N}\p{M}]/u;
const GLUE_ALWAYS = new Set(['-', '_', '/', '@', '#', '$', '=', '~', '+', '\\']);
const GLUE_BEFORE_WORD = new Set(['.', ':']);
const FIRST_WORD = /[\p{L}\p{N}]+/u;
const WORDS = /[\p{L}\p{N}]+/gu;

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** English plural of a name's last word: Policy → Policies, Class → Classes, Pod → Pods. */
export function pluralOf(name: string): string {
  if (/[^aeiou]y$/i.test(name)) return `${name.slice(0, -1)}ies`;
  if (/(s|x|z|ch|sh)$/i.test(name)) return `${name}es`;
  return `${name}s`;
}

/**
 * Regex source for a literal form: spaces match any whitespace (and a hyphen too, for wrong forms:
 * "master node" also finds "master-node", "Api Server" "Api-Server"); plural adds a `plural` group.
 */
function literalSource(form: string, plural: boolean, hyphens = false): string {
  const words = form
    .trim()
    .split(/\s+/)
    .map(escapeRegex)
    .join(hyphens ? '(?:\\s+|-)' : '\\s+');
  if (!plural) return words;
  if (/[^aeiou]y$/i.test(form)) return `${words.slice(0, -1)}(?:y|(?<plural>ies))`;
  if (/(s|x|z|ch|sh)$/i.test(form)) return `${words}(?<plural>es)?`;
  return `${words}(?<plural>s)?`;
}

/** Lowercased first words under which a literal form is looked up (with its plural first word). */
function indexKeys(form: string, plural: boolean): string[] {
  const first = FIRST_WORD.exec(form)?.[0]?.toLowerCase();
  if (first === undefined) return [];
  const singleWord = first.length === form.replace(/[^\p{L}\p{N}]/gu, '').length && /^[\p{L}\p{N}]/u.test(form);
  return plural && singleWord ? [first, pluralOf(first).toLowerCase()] : [first];
}

function isGluedBefore(text: string, from: number): boolean {
  if (from === 0) return false;
  const before = text[from - 1]!;
  if (WORD_CHARACTER.test(before) || GLUE_ALWAYS.has(before)) return true;
  return GLUE_BEFORE_WORD.has(before) && from >= 2 && WORD_CHARACTER.test(text[from - 2]!);
}

function isGluedAfter(text: string, to: number): boolean {
  if (to >= text.length) return false;
  const after = text[to]!;
  if (WORD_CHARACTER.test(after) || GLUE_ALWAYS.has(after)) return true;
  return GLUE_BEFORE_WORD.has(after) && to + 1 < text.length && WORD_CHARACTER.test(text[to + 1]!);
}

/** The whitespace-delimited word around [from, to) looks like a URL. */
function isInsideUrl(text: string, from: number, to: number): boolean {
  let start = from;
  let end = to;
  while (start > 0 && !/[\s\uFFFC<>()[\]"']/u.test(text[start - 1]!)) start--;
  while (end < text.length && !/[\s\uFFFC<>()[\]"']/u.test(text[end]!)) end++;
  const word = text.slice(start, end).toLowerCase();
  return word.includes('://') || word.startsWith('www.');
}

const QUOTES: Record<string, string> = { '"': '"', "'": "'", '“': '”', '‘': '’', '«': '»', '„': '“' };

/** `"K8S"`: a quoted form is being mentioned ("write K8s, not "K8S""), not used. */
function isQuotedMention(text: string, from: number, to: number): boolean {
  const opening = text[from - 1];
  return opening !== undefined && QUOTES[opening] !== undefined && text[to] === QUOTES[opening];
}

export function isStandaloneMatch(text: string, from: number, to: number): boolean {
  return (
    !isGluedBefore(text, from) &&
    !isGluedAfter(text, to) &&
    !isInsideUrl(text, from, to) &&
    !isQuotedMention(text, from, to)
  );
}

export class TermMatcher {
  private readonly byFirstWord = new Map<string, Pattern[]>();
  private readonly scanned: Pattern[] = [];
  /** The terms' known subcommands, by the tool's right forms in lowercase ("docker", "kubectl"). */
  readonly subcommands: Subcommands;

  constructor(readonly terms: readonly Term[]) {
    const subcommands = new Map<string, Set<string>>();
    for (const term of terms) {
      if (term.subcommands.length === 0) continue;
      // Only the right forms: a misspelt tool ("kubctl get") is still a misspelling.
      for (const form of [...(term.use === undefined ? [] : [term.use]), ...term.accept]) {
        const known = subcommands.get(form.toLowerCase()) ?? new Set<string>();
        for (const subcommand of term.subcommands) known.add(subcommand);
        subcommands.set(form.toLowerCase(), known);
      }
    }
    this.subcommands = subcommands;
    terms.forEach((term, termIndex) => {
      const right: [string, MatchStatus][] = [
        ...(term.use === undefined ? [] : [[term.use, 'canonical'] as [string, MatchStatus]]),
        ...term.accept.map((form): [string, MatchStatus] => [form, 'accepted']),
        ...term.except.map((form): [string, MatchStatus] => [form, 'exception']),
      ];
      for (const [form, status] of right) this.addLiteral(form, { termIndex, status, form, plural: term.plural }, 'u');
      for (const variant of term.insteadOf) {
        const flags = term.caseSensitive ? 'u' : 'iu';
        if (typeof variant === 'string')
          this.addLiteral(variant, { termIndex, status: 'variant', plural: term.plural }, flags);
        else
          this.scanned.push({
            termIndex,
            status: 'variant',
            plural: false,
            regex: new RegExp(variant.regex, `g${flags}`),
          });
      }
    });
  }

  private addLiteral(form: string, pattern: Omit<Pattern, 'regex'>, flags: string): void {
    const compiled: Pattern = {
      ...pattern,
      regex: new RegExp(literalSource(form, pattern.plural, pattern.status === 'variant'), `y${flags}`),
    };
    const keys = indexKeys(form, pattern.plural);
    if (keys.length === 0) {
      this.scanned.push({ ...compiled, regex: new RegExp(compiled.regex.source, `g${flags}`) });
      return;
    }
    for (const key of keys) {
      const list = this.byFirstWord.get(key) ?? [];
      list.push(compiled);
      this.byFirstWord.set(key, list);
    }
  }

  /** Right and wrong occurrences in one block, in text order, without overlaps. */
  find(block: ProseBlock): TermMatch[] {
    const text = block.text;
    const candidates: TermMatch[] = [];
    const consider = (pattern: Pattern, match: RegExpExecArray): void => {
      const from = match.index;
      const to = from + match[0].length;
      if (to === from || !isStandaloneMatch(text, from, to)) return;
      const term = this.terms[pattern.termIndex]!;
      if (block.kind === 'heading' && !term.headings) return;
      const plural = pattern.plural && match.groups?.plural !== undefined;
      candidates.push(this.classify(term, pattern, from, to, match[0], plural));
    };
    for (const word of text.matchAll(WORDS)) {
      for (const pattern of this.byFirstWord.get(word[0].toLowerCase()) ?? []) {
        pattern.regex.lastIndex = word.index;
        const match = pattern.regex.exec(text);
        if (match) consider(pattern, match);
      }
    }
    for (const pattern of this.scanned) {
      pattern.regex.lastIndex = 0;
      for (const match of text.matchAll(pattern.regex)) consider(pattern, match);
    }
    return withoutOverlaps(candidates);
  }

  private classify(term: Term, pattern: Pattern, from: number, to: number, found: string, plural: boolean): TermMatch {
    const termIndex = pattern.termIndex;
    if (pattern.status !== 'variant')
      return { term, termIndex, from, to, found, status: pattern.status, form: pattern.form!, plural };
    // A case-insensitive wrong form can match a right form exactly: that one passes.
    const rightForms: [string, MatchStatus][] = [
      ...(term.use === undefined ? [] : [[term.use, 'canonical'] as [string, MatchStatus]]),
      ...term.accept.map((form): [string, MatchStatus] => [form, 'accepted']),
      ...term.except.map((form): [string, MatchStatus] => [form, 'exception']),
    ];
    const normalized = found.replace(/\s+/g, ' ');
    for (const [form, status] of rightForms) {
      if (normalized === form) return { term, termIndex, from, to, found, status, form, plural: false };
      if (plural && normalized === pluralOf(form))
        return { term, termIndex, from, to, found, status, form, plural: true };
    }
    const match: TermMatch = { term, termIndex, from, to, found, status: 'wrong', plural };
    if (term.use !== undefined) match.expected = plural ? pluralOf(term.use) : term.use;
    return match;
  }
}

const STATUS_ORDER: Record<MatchStatus, number> = { exception: 0, canonical: 1, accepted: 2, wrong: 3 };

/** Longest first at each position; right forms before wrong ones; then the first term listed. */
function withoutOverlaps(candidates: TermMatch[]): TermMatch[] {
  candidates.sort(
    (a, b) =>
      a.from - b.from ||
      b.to - b.from - (a.to - a.from) ||
      STATUS_ORDER[a.status] - STATUS_ORDER[b.status] ||
      a.termIndex - b.termIndex,
  );
  const kept: TermMatch[] = [];
  let end = -1;
  for (const candidate of candidates) {
    if (candidate.from < end) continue;
    kept.push(candidate);
    end = candidate.to;
  }
  return kept;
}
