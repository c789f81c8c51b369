/**
 * Text roles: what a stretch of prose is doing where a term is found. The same letters are a use
 * of the name in a sentence, a title, a quotation of someone else's words, an identifier that
 * happens to be spelled like the name, or the arguments of a site generator's markup, and each
 * rule has a policy per role (see terminology, term-consistency and docs/terminology.md):
 *
 * - `template`: inside `{{ … }}` or `{% … %}` (Hugo shortcodes `{{< … >}}`, `{{% … %}}`, Jinja,
 *   Liquid): markup for the site generator, not prose;
 * - `quotation`: inside paired quotes ("…", “…”, ‘…’, '…', «…»): someone else's words, an error
 *   message, a search string;
 * - `identifier`: a lowercase name used as a handle rather than as the name: a GitHub
 *   organisation or repository ("the kubernetes org", "kubernetes repositories"), a block that is
 *   only the name ("### kubespray", "- kustomize" in a list of repositories), a command written
 *   without code formatting ("docker build -t web .", "kustomize build overlays/prod"), a name
 *   used as a verb ("you can kustomize the base"), a subcommand after its tool ("kubectl
 *   kustomize");
 * - `command`: a tool's name followed by one of its known subcommands (the term list's
 *   `subcommands`: "docker save", "kubectl apply"): a command written as prose, which belongs in
 *   code formatting; `command` gives its extent;
 * - `link-text`, `label` (bold or italic text, a table header cell), `heading`, `cell` (a table
 *   body cell) and `prose` (a paragraph) by where the text stands.
 *
 * Title-case contexts (headings, labels, link text and cells written in Title Case) and names
 * inside a longer capitalised name ("Dynamic Kubelet Configuration", "the Harbor API Server")
 * are flagged separately: a form that only differs from the right one by capitals is the
 * convention of the context there, not a misspelling.
 *
 * Cost: whatever a block's role decisions need from the whole block (its quotations, template
 * markup, the marks around a position, the words of a title) is computed once per block and
 * looked up per match, so a match costs the same however many other matches its block holds.
 */
import type { ProseBlock, ProseMark } from '../markdown/prose.js';
import { editDistance } from '../text/did-you-mean.js';
import { partitionPoint } from '../core/sorted-search.js';
import type { Span } from '../core/text-positions.js';
import {
  ARTICLES,
  COORDINATING_CONJUNCTIONS,
  DETERMINERS,
  MODAL_VERBS,
  SUBJECT_PRONOUNS,
} from '../text/english-function-words.js';

export type TextRole =
  | 'template'
  | 'quotation'
  | 'command'
  | 'identifier'
  | 'link-text'
  | 'label'
  | 'heading'
  | 'cell'
  | 'prose';

/** Text roles speak of parts of a block's text as spans (rules/terminology.ts reads them from here). */
export type { Span };

export interface RoleOf {
  role: TextRole;
  /** The text around the match is written in Title Case (a heading, label, link text or cell). */
  titleCase: boolean;
  /**
   * The match opens its heading, label, link text or cell, or follows inline markup that starts a
   * new line of text (`<li>`, `<br>`): where a capital is the convention.
   */
  startsContext: boolean;
  /** The match is one word of a longer capitalised name ("Dynamic Kubelet Configuration"). */
  inCapitalizedName: boolean;
  /** For `command`: the tool's name and its subcommand ("docker save"), in the block's text. */
  command?: Span;
}

/**
 * Known subcommands of command-line tools, by the tool's name in lowercase ("docker" → save,
 * load, run …): from the term list's `subcommands`.
 */
export type Subcommands = ReadonlyMap<string, ReadonlySet<string>>;

const NO_SUBCOMMANDS: Subcommands = new Map();

/** Spans of `{{ … }}` and `{% … %}`, delimiters included; an unclosed one is not markup. */
export function templateSpans(text: string): Span[] {
  const spans: Span[] = [];
  const opening = /\{[{%]/g;
  for (let match = opening.exec(text); match; match = opening.exec(text)) {
    const close = match[0] === '{{' ? '}}' : '%}';
    const end = text.indexOf(close, match.index + 2);
    if (end < 0) break;
    spans.push({ from: match.index, to: end + 2 });
    opening.lastIndex = end + 2;
  }
  return spans;
}

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
/** Quote pairs; `straight` quotes open and close with the same character. */
const QUOTE_PAIRS: readonly { open: string; close: readonly string[] }[] = [
  { open: '"', close: ['"'] },
  { open: '“', close: ['”'] },
  { open: '„', close: ['“', '”'] },
  { open: '«', close: ['»'] },
  { open: '‘', close: ['’'] },
  { open: "'", close: ["'"] },
];

/** Whether a quote at `at` can open a quotation: after a space, an opening bracket or the block's start, before a non-space. */
function canOpen(text: string, at: number): boolean {
  const before = text[at - 1];
  const after = text[at + 1];
  return (
    (before === undefined || /[\s([{\u2014\u2013\uFFFC:—-]/u.test(before)) && after !== undefined && !/\s/u.test(after)
  );
}

/** Whether a quote at `at` can close one: after a non-space, and (for ’ and ') not inside a word (it's, don't). */
function canClose(text: string, at: number): boolean {
  const before = text[at - 1];
  const after = text[at + 1];
  if (before === undefined || /\s/u.test(before)) return false;
  return after === undefined || !LETTER_OR_DIGIT.test(after);
}

/** The first value of a sorted list greater than `after`, or -1. */
function firstAfter(sorted: readonly number[], after: number): number {
  const index = partitionPoint(sorted.length, (at) => sorted[at]! <= after);
  return index < sorted.length ? sorted[index]! : -1;
}

/**
 * The insides of paired quotes, quotes excluded. A quote without its partner quotes nothing. The
 * places where each pair can close are listed once, so that a text full of quotes that never
 * close is not searched to its end once per quote.
 */
export function quotationSpans(text: string): Span[] {
  const closers = QUOTE_PAIRS.map((): number[] => []);
  for (let i = 0; i < text.length; i++) {
    const character = text[i]!;
    QUOTE_PAIRS.forEach((pair, index) => {
      if (pair.close.includes(character) && canClose(text, i)) closers[index]!.push(i);
    });
  }
  const spans: Span[] = [];
  let at = 0;
  while (at < text.length) {
    const index = QUOTE_PAIRS.findIndex((candidate) => candidate.open === text[at]);
    if (index < 0 || !canOpen(text, at)) {
      at++;
      continue;
    }
    const close = firstAfter(closers[index]!, at);
    if (close < 0) {
      at++;
      continue;
    }
    spans.push({ from: at + 1, to: close });
    at = close + 1;
  }
  return spans;
}

/** Words that stay lowercase in Title Case ("Configuring the Kubelet for Windows"). */
const MINOR_WORDS: ReadonlySet<string> = new Set([
  ...ARTICLES,
  ...COORDINATING_CONJUNCTIONS,
  'for',
  'so',
  'yet',
  'as',
  'at',
  'by',
  'in',
  'of',
  'off',
  'on',
  'per',
  'to',
  'up',
  'via',
  'vs',
  'with',
  'from',
  'into',
  'onto',
  'over',
  'than',
  'is',
  'are',
  'be',
  'its',
  'if',
]);
const TITLE_WORD = /[\p{L}][\p{L}\p{N}'’-]*/gu;

/**
 * The words of a text that Title Case capitalises (every word but the minor ones), read once:
 * whether the text is in Title Case leaving out any one match is then a lookup, not a new scan.
 */
class TitleWords {
  private readonly starts: number[] = [];
  private readonly ends: number[] = [];
  /** lowercase[i]: how many of the first i words start with a lowercase letter (or no capital). */
  private readonly lowercase: number[] = [0];

  constructor(text: string) {
    for (const match of text.matchAll(TITLE_WORD)) {
      if (MINOR_WORDS.has(match[0].toLowerCase())) continue;
      this.starts.push(match.index);
      this.ends.push(match.index + match[0].length);
      this.lowercase.push(this.lowercase[this.lowercase.length - 1]! + (/^\p{Lu}/u.test(match[0]) ? 0 : 1));
    }
  }

  /** Whether the text, leaving out the words that overlap `skip`, has a word and all its words are capitalised. */
  isTitleCase(skip: Span): boolean {
    // Words overlapping skip are those with end > skip.from and start < skip.to: a run [first, last).
    const first = partitionPoint(this.ends.length, (index) => this.ends[index]! <= skip.from);
    const last = Math.max(
      first,
      partitionPoint(this.starts.length, (index) => this.starts[index]! < skip.to),
    );
    const total = this.starts.length;
    const lowercaseOutside = this.lowercase[total]! - (this.lowercase[last]! - this.lowercase[first]!);
    return lowercaseOutside === 0 && total - (last - first) > 0;
  }
}

/**
 * Whether `text` (leaving out the match at `skip`) is in Title Case: it has another word besides
 * the match, and every word but the minor ones starts with a capital.
 */
export function isTitleCase(text: string, skip: Span): boolean {
  return new TitleWords(text).isTitleCase(skip);
}

/** Capitals at the start of each word (and after hyphens): "API server" → "API Server", "kube-proxy" → "Kube-Proxy". */
export function titleCased(form: string, hyphens: boolean): string {
  return form.replace(
    hyphens ? /(^|[\s-])(\p{Ll})/gu : /(^|\s)(\p{Ll})/gu,
    (_, before: string, letter: string) => before + letter.toUpperCase(),
  );
}

/** Whether `found` differs from the right form only by capitals that Title Case or a sentence start would give it. */
export function isCapitalizationOf(found: string, expected: string): boolean {
  if (found === expected) return false;
  const normalized = found.replace(/\s+/g, ' ');
  const sentence = expected.charAt(0).toUpperCase() + expected.slice(1);
  return (
    normalized === sentence || normalized === titleCased(expected, false) || normalized === titleCased(expected, true)
  );
}

/** Whether [from, to) lies inside one of `spans` (sorted, not overlapping). */
function within(spans: readonly Span[], from: number, to: number): boolean {
  const span = spans[partitionPoint(spans.length, (index) => spans[index]!.from <= from) - 1];
  return span !== undefined && to <= span.to;
}

/** Labels of examples of what not to write: "**Bad example:**", "*Incorrect:*", "**Don't:**". */
const COUNTER_EXAMPLE_LABEL = /\b(?:bad|wrong|incorrect|don'?t|do not|avoid|never)\b/i;

/** Nouns that say the word before them is a handle: "the kubernetes org", "kubernetes repositories", "the docker binary". */
const HANDLE_NOUNS = new Set([
  'org',
  'orgs',
  'organization',
  'organizations',
  'organisation',
  'organisations',
  'repo',
  'repos',
  'repository',
  'repositories',
  'binary',
  'binaries',
  'command',
  'commands',
  'cli',
  'executable',
  'executables',
  'package',
  'packages',
  'module',
  'modules',
  'namespace',
  'namespaces',
  'branch',
  'branches',
  'fork',
  'forks',
  'directory',
  'checkout',
]);
/** A handle noun, or a long one with one letter wrong ("the kubernetes repositry": notes are typed fast). */
function isHandleNoun(word: string): boolean {
  if (HANDLE_NOUNS.has(word)) return true;
  if (word.length < 6) return false;
  for (const noun of HANDLE_NOUNS) if (noun.length >= 6 && editDistance(word, noun, 1) <= 1) return true;
  return false;
}

/** Words a handle noun may follow: "the kubernetes GitHub org". */
const HOSTS = new Set(['github', 'gitlab']);
/**
 * Subcommands shared by command-line tools, for tools the term list gives none: "docker build -t
 * web .", "kustomize build overlays/prod". A tool's own `subcommands` make a `command` instead.
 */
const COMMAND_VERBS = new Set([
  'run',
  'build',
  'pull',
  'push',
  'exec',
  'apply',
  'install',
  'uninstall',
  'upgrade',
  'init',
  'join',
  'login',
  'logout',
  'ps',
  'rm',
  'rmi',
  'tag',
  'inspect',
  'compose',
  'create',
  'delete',
  'describe',
  'get',
  'rollout',
  'port-forward',
  'attach',
  'cp',
  'images',
  'buildx',
  'localize',
  'edit',
]);
/**
 * Words before a verb: "to", modals and the pronouns that are only subjects ("you can kustomize
 * the base", "please kustomize it"). "he", "she" and "it" are left out: documentation speaks to
 * the reader, and "it kustomize" is no English, while "it" before a name is usually its object.
 */
const BEFORE_VERB: ReadonlySet<string> = new Set([
  'to',
  ...MODAL_VERBS,
  ...[...SUBJECT_PRONOUNS].filter((pronoun) => !['he', 'she', 'it'].includes(pronoun)),
  'please',
  'then',
]);
/**
 * Words that open an object after a verb ("you can kustomize the base"): the determiners (but
 * "some", which this list has never held), "that" as a demonstrative, and the object pronouns.
 */
const OBJECT_OPENERS: ReadonlySet<string> = new Set(
  [...DETERMINERS].filter((word) => word !== 'some').concat(['that', 'it', 'them']),
);
/*
 * Articles (english-function-words.ts ARTICLES), which after a lowercase name that is a verb in
 * English ("kustomize", "dockerize") open its object: "kustomize a malicious file". A name that is
 * no verb ("kubernetes the hard way") is a title, not a verb, so this needs the verb ending too.
 */
const VERB_ENDING = /(?:ize|ise)$/u;
/**
 * What may stand between handles listed together ("kubernetes or kubernetes-sigs", "kubernetes/
 * kubernetes-sigs"): "and", "or" and the punctuation of a list. Not COORDINATING_CONJUNCTIONS:
 * "but" and "nor" join clauses, not names in a list of repositories.
 */
const BETWEEN_LISTED_HANDLES: ReadonlySet<string> = new Set(['and', 'or', '/', ',', '&']);

const TOKEN = /[\p{L}\p{N}][\p{L}\p{N}._\-/]*|[,/&]|--?[\p{L}\p{N}][\p{L}\p{N}-]*/gu;
/** What ends a clause: `.`, `;`, `:`, `!` or `?` before a space or the end of the text. */
const CLAUSE_END = /[.;:!?]/u;

function isClauseEnd(text: string, at: number): boolean {
  return CLAUSE_END.test(text[at]!) && (at + 1 === text.length || /\s/u.test(text[at + 1]!));
}

/**
 * The first words after text[…, to), up to the end of the clause ("… in kubernetes. Repositories …"
 * stops at the period). Only the text up to the last word read is looked at, however long the block.
 */
function wordsAfter(text: string, to: number, count: number): string[] {
  const words: string[] = [];
  // One shared regex, read from `to` on: what compiling a regex per call would cost, per match.
  const token = TOKEN;
  token.lastIndex = to;
  let scanned = to;
  while (words.length < count) {
    const match = token.exec(text);
    if (!match) {
      return words;
    }
    const end = match.index + match[0].length;
    for (let at = scanned; at < end; at++) {
      if (!isClauseEnd(text, at)) continue;
      // The clause ends before or inside this token: what of it precedes the end still counts.
      if (at > match.index)
        for (const piece of text.slice(match.index, at).matchAll(new RegExp(TOKEN.source, 'gu')))
          if (words.length < count) words.push(piece[0]);
      return words;
    }
    words.push(match[0]);
    scanned = end;
  }
  return words;
}

function wordBefore(text: string, from: number): string | undefined {
  const match = /([\p{L}\p{N}']+)\s+$/u.exec(text.slice(Math.max(0, from - 40), from));
  return match?.[1]?.toLowerCase();
}

/** The word right after text[…, to), separated by whitespace only, and where it ends. */
function nextWord(text: string, to: number): { word: string; end: number } | undefined {
  const match = /^[ \t\r\n]+([\p{L}\p{N}][\p{L}\p{N}-]*)/u.exec(text.slice(to, to + 60));
  return match ? { word: match[1]!, end: to + match[0].length } : undefined;
}

/** A token that reads as an identifier: lowercase with a hyphen, dot, slash or digit (kubernetes-sigs, k8s.io). */
const IDENTIFIER_LIKE = /^[\p{Ll}\p{N}]+(?:[-._/][\p{Ll}\p{N}]+)+$/u;

/** Characters that may surround a name that is all its block says: "### kubespray", "- kustomize", "**kubectl**:". */
const AROUND_A_LONE_NAME_BEFORE = /[\s\uFFFC*_`>#-]/u;
const AROUND_A_LONE_NAME_AFTER = /[\s\uFFFC:*_`]/u;
/** Characters before a match that still leave it at the start of its title, label or cell. */
const OPENS_CONTEXT = /[\s\uFFFC*_"'“‘(#>-]/u;
/** Characters around a link that is all its block says: a table of contents entry. */
const AROUND_AN_ENTRY = /^[\s\uFFFC*_.,;:()[\]-]*$/u;

/** Index of the first character of text[from, to) that `skipped` does not match (to when none). */
function firstNotMatching(text: string, from: number, to: number, skipped: RegExp): number {
  let at = from;
  while (at < to && skipped.test(text[at]!)) at++;
  return at;
}

/**
 * What the role decisions need from a whole block, computed once per block (on first use) so
 * that each match looks it up instead of scanning the block again.
 */
class BlockFacts {
  private templates?: Span[];
  private quotations?: Span[];
  private counterExampleFrom?: number;
  private readonly titles = new Map<string, { words: TitleWords; opensAt: number }>();
  private readonly entries = new Map<ProseMark, boolean>();
  /** Marks other than code, sorted by start (outer first at the same start), and the innermost mark around each. */
  private sortedMarks?: { marks: ProseMark[]; parents: number[] };
  private loneNameBounds?: { first: number; last: number };
  private shortTitle?: boolean;
  private leadingLabel?: RegExpExecArray | null;

  constructor(readonly block: ProseBlock) {}

  get text(): string {
    return this.block.text;
  }

  inTemplate(from: number, to: number): boolean {
    this.templates ??= templateSpans(this.text);
    return within(this.templates, from, to);
  }

  inQuotation(from: number, to: number): boolean {
    this.quotations ??= quotationSpans(this.text);
    return within(this.quotations, from, to);
  }

  /** Whether text[from] follows a label that introduces a counter-example at the start of its block: the words after it are mentioned, not used. */
  isCounterExample(from: number): boolean {
    if (this.counterExampleFrom === undefined) {
      const label = this.block.marks.find((mark) => mark.kind === 'strong' || mark.kind === 'emphasis');
      const opens = label !== undefined && this.text.slice(0, label.from).replace(/[\s\uFFFC]/gu, '') === '';
      this.counterExampleFrom =
        label && opens && COUNTER_EXAMPLE_LABEL.test(this.text.slice(label.from, label.to))
          ? label.to
          : Number.POSITIVE_INFINITY;
    }
    return this.counterExampleFrom <= from;
  }

  /** Whether text[from, to) is all its block says, but for list and heading markers, emphasis and a colon. */
  isLoneName(from: number, to: number): boolean {
    if (!this.loneNameBounds) {
      let last = this.text.length;
      while (last > 0 && AROUND_A_LONE_NAME_AFTER.test(this.text[last - 1]!)) last--;
      this.loneNameBounds = {
        first: firstNotMatching(this.text, 0, this.text.length, AROUND_A_LONE_NAME_BEFORE),
        last,
      };
    }
    return from <= this.loneNameBounds.first && to >= this.loneNameBounds.last;
  }

  /** The innermost link, strong or emphasis around text[from, to). */
  markAround(from: number, to: number): ProseMark | undefined {
    if (!this.sortedMarks) {
      const marks = this.block.marks
        .filter((mark) => mark.kind !== 'code')
        .sort((a, b) => a.from - b.from || b.to - a.to);
      // Marks nest (they are inline elements of one tree), so each mark's parent is the nearest open one before it.
      const parents: number[] = [];
      const open: number[] = [];
      marks.forEach((mark, index) => {
        while (open.length > 0 && marks[open[open.length - 1]!]!.to < mark.to) open.pop();
        parents.push(open.length > 0 ? open[open.length - 1]! : -1);
        open.push(index);
      });
      this.sortedMarks = { marks, parents };
    }
    const { marks, parents } = this.sortedMarks;
    const after = partitionPoint(marks.length, (index) => marks[index]!.from <= from);
    // The last mark starting at or before `from`, then its enclosing marks: the first that holds the match is the innermost.
    for (let index = after - 1; index >= 0; index = parents[index]!) {
      const mark = marks[index]!;
      if (mark.from <= from && to <= mark.to) return mark;
    }
    return undefined;
  }

  /** A link that is all its block says ("- [Kubectl conventions](…)"): an entry of a table of contents. */
  isEntry(mark: ProseMark): boolean {
    let entry = this.entries.get(mark);
    if (entry === undefined) {
      entry =
        mark.kind === 'link' &&
        AROUND_AN_ENTRY.test(this.text.slice(0, mark.from)) &&
        AROUND_AN_ENTRY.test(this.text.slice(mark.to));
      this.entries.set(mark, entry);
    }
    return entry;
  }

  private title(span: Span): { words: TitleWords; opensAt: number } {
    const key = `${span.from}:${span.to}`;
    let title = this.titles.get(key);
    if (!title) {
      title = {
        words: new TitleWords(this.text.slice(span.from, span.to)),
        opensAt: firstNotMatching(this.text, span.from, span.to, OPENS_CONTEXT),
      };
      this.titles.set(key, title);
    }
    return title;
  }

  /** Whether the text of `span`, leaving out text[from, to), is in Title Case. */
  isTitleCase(span: Span, from: number, to: number): boolean {
    return this.title(span).words.isTitleCase({ from: from - span.from, to: to - span.from });
  }

  /** Whether text[from, …) opens `span` (nothing but spaces, markup and opening punctuation before it). */
  opens(span: Span, from: number): boolean {
    return from <= this.title(span).opensAt;
  }

  /** The label that opens a paragraph or list item ("Network Policy API Meeting: Tuesdays at 9:00"), colon included. */
  get label(): RegExpExecArray | null {
    if (this.leadingLabel === undefined) this.leadingLabel = /^[^.!?:]{1,80}:(?=\s)/u.exec(this.text);
    return this.leadingLabel;
  }

  /** Text that is a title on its own: a few words in Title Case, without sentence punctuation. */
  get isShortTitle(): boolean {
    if (this.shortTitle === undefined) {
      // Counting stops at the ninth word: a long paragraph is no title, and is not split to learn it.
      let words = 0;
      const word = /\S+/gu;
      while (words <= 8 && word.exec(this.text)) words++;
      const trimmed = words <= 8 ? this.text.trim() : '';
      this.shortTitle =
        words <= 8 && !/[.!?;,]/u.test(trimmed.replace(/[.!?]$/u, '')) && isTitleCase(trimmed, { from: 0, to: 0 });
    }
    return this.shortTitle;
  }
}

const factsOfBlocks = new WeakMap<ProseBlock, BlockFacts>();

function factsOf(block: ProseBlock): BlockFacts {
  let facts = factsOfBlocks.get(block);
  if (!facts) {
    facts = new BlockFacts(block);
    factsOfBlocks.set(block, facts);
  }
  return facts;
}

/** Whether a lowercase name at text[from, to) is used as a handle, a command or a verb rather than as the name. */
export function isIdentifierUse(
  block: ProseBlock,
  from: number,
  to: number,
  subcommands: Subcommands = NO_SUBCOMMANDS,
): boolean {
  const text = block.text;
  const found = text.slice(from, to);
  if (/\p{Lu}/u.test(found)) return false;
  // The whole block is the name: a generated heading, a list of repositories, a cell of names.
  if (factsOf(block).isLoneName(from, to)) return true;
  const before = wordBefore(text, from);
  // A subcommand after its tool: "kubectl kustomize", "minikube kubectl".
  if (before !== undefined && subcommands.get(before)?.has(found)) return true;
  const after = wordsAfter(text, to, 6);
  // "kubernetes or kubernetes-sigs", "the kubernetes and kubernetes-sigs orgs": names in a list of handles.
  let index = 0;
  while (
    index < after.length &&
    (BETWEEN_LISTED_HANDLES.has(after[index]!.toLowerCase()) || IDENTIFIER_LIKE.test(after[index]!))
  ) {
    if (IDENTIFIER_LIKE.test(after[index]!) && index > 0) return true;
    index++;
  }
  const next = after[index]?.toLowerCase();
  const nextButOne = after[index + 1]?.toLowerCase();
  if (
    next !== undefined &&
    (isHandleNoun(next) || (HOSTS.has(next) && nextButOne !== undefined && isHandleNoun(nextButOne)))
  )
    return true;
  const first = after[0];
  // A command is one word followed by a flag or by a subcommand in its base form ("docker build"; a subject would say "builds").
  // A tool with its own subcommands is a command only with one of them (see commandAt): "docker images" is Docker's images.
  if (
    first !== undefined &&
    !/\s/u.test(found) &&
    (/^--?[\p{L}]/u.test(first) || (!subcommands.has(found) && COMMAND_VERBS.has(first)))
  )
    return true;
  if (first === undefined) return false;
  // A verb: after "to", a modal or a subject ("you can kustomize the base"), or a verb-like name before an article ("kustomize a malicious file").
  if (before !== undefined && BEFORE_VERB.has(before) && OBJECT_OPENERS.has(first.toLowerCase())) return true;
  return (
    !/\s/u.test(found) &&
    VERB_ENDING.test(found) &&
    ARTICLES.has(first) &&
    !(before !== undefined && ARTICLES.has(before))
  );
}

/**
 * A lowercase tool name followed by one of its known subcommands ("docker save", "kubectl apply"):
 * the extent of the command, or undefined.
 */
export function commandAt(block: ProseBlock, from: number, to: number, subcommands: Subcommands): Span | undefined {
  const found = block.text.slice(from, to);
  const known = subcommands.get(found);
  if (!known || /\p{Lu}/u.test(found)) return undefined;
  const next = nextWord(block.text, to);
  if (!next || !known.has(next.word)) return undefined;
  // "docker run-time" or "kubectl get.": the subcommand must end as a word does.
  const after = block.text[next.end];
  if (after !== undefined && /[\p{L}\p{N}_@]/u.test(after)) return undefined;
  return { from, to: next.end };
}

/** Whether a mark's text ends with a colon, spaces after it aside ("**Kubelet Flags:**"). */
function endsWithColon(text: string, mark: ProseMark): boolean {
  let end = mark.to;
  while (end > mark.from && /\s/u.test(text[end - 1]!)) end--;
  return text[end - 1] === ':' && end > mark.from;
}

/** A capitalised word with nothing after it: the words of a name run on without punctuation between them. */
const CAPITALIZED_WORD = /^\p{Lu}\p{Ll}[\p{L}\p{N}'’-]*$/u;

/** Whether text[from, to) stands next to another capitalised word, as part of a longer name ("the Harbor API Server"). */
function inCapitalizedName(text: string, from: number, to: number, sentenceStart: (index: number) => boolean): boolean {
  const previous = /(\S+) $/u.exec(text.slice(Math.max(0, from - 40), from));
  if (previous && CAPITALIZED_WORD.test(previous[1]!) && !sentenceStart(from - 1 - previous[1]!.length)) return true;
  const next = /^ ([\p{L}\p{N}'’-]+)/u.exec(text.slice(to, to + 40));
  return next !== null && CAPITALIZED_WORD.test(next[1]!);
}

/**
 * The role of text[from, to) in a block, with what the rules' policies need to know about its
 * context. `subcommands` (the term list's known subcommands per tool) make `command`s of tools
 * followed by a subcommand and `identifier`s of subcommands after their tool.
 */
export function roleOf(
  block: ProseBlock,
  from: number,
  to: number,
  sentenceStart: (index: number) => boolean,
  subcommands: Subcommands = NO_SUBCOMMANDS,
): RoleOf {
  const text = block.text;
  const facts = factsOf(block);
  const capitalizedName = (): boolean => inCapitalizedName(text, from, to, sentenceStart);
  const afterMarkup = /\uFFFC[\s*_]*$/u.test(text.slice(Math.max(0, from - 8), from));
  const titled = (role: TextRole, span: Span): RoleOf => ({
    role,
    titleCase: facts.isTitleCase(span, from, to),
    startsContext: afterMarkup || facts.opens(span, from),
    inCapitalizedName: capitalizedName(),
  });
  const plain = (role: TextRole): RoleOf => ({
    role,
    titleCase: false,
    startsContext: afterMarkup,
    inCapitalizedName: role === 'prose' || role === 'link-text' ? capitalizedName() : false,
  });
  if (facts.inTemplate(from, to)) return plain('template');
  if (facts.inQuotation(from, to) || facts.isCounterExample(from)) return plain('quotation');
  const command = commandAt(block, from, to, subcommands);
  if (command) return { ...plain('command'), command };
  if (isIdentifierUse(block, from, to, subcommands)) return plain('identifier');
  const whole = { from: 0, to: text.length };
  const mark = facts.markAround(from, to);
  if (mark) {
    // Link text, bold and italic are a title or a label when written in Title Case or followed by a colon ("**Kubelet Flags:**");
    // otherwise they are words of the sentence they stand in (which may open a heading or a cell).
    const label =
      facts.isEntry(mark) || facts.isTitleCase(mark, from, to) || endsWithColon(text, mark) || text[mark.to] === ':';
    if (label) return titled(mark.kind === 'link' ? 'link-text' : 'label', mark);
    if (block.kind !== 'paragraph')
      return { ...titled(mark.kind === 'link' ? 'link-text' : 'prose', whole), titleCase: false };
    return plain(mark.kind === 'link' ? 'link-text' : 'prose');
  }
  if (block.kind === 'heading') return titled('heading', whole);
  if (block.kind === 'tableCell') return titled(block.header ? 'label' : 'cell', whole);
  // A paragraph or list item that is only a title ("Storage Classes and Dynamic Provisioning"), or the
  // label that opens one ("Network Policy API Meeting: Tuesdays at 9:00"), is titled, not a sentence.
  const label = facts.label;
  if (label && to <= label[0].length - 1 && facts.isTitleCase({ from: 0, to: label[0].length - 1 }, from, to))
    return titled('label', { from: 0, to: label[0].length - 1 });
  if (facts.isShortTitle) return titled('label', whole);
  return plain('prose');
}
