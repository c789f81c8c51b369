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
 *   used as a verb ("you can kustomize the base");
 * - `link-text`, `label` (bold or italic text, a table header cell), `heading`, `cell` (a table
 *   body cell) and `prose` (a paragraph) by where the text stands.
 *
 * Title-case contexts (headings, labels, link text and cells written in Title Case) and names
 * inside a longer capitalised name ("Dynamic Kubelet Configuration", "the Harbor API Server")
 * are flagged separately: a form that only differs from the right one by capitals is the
 * convention of the context there, not a misspelling.
 */
import type { ProseBlock, ProseMark } from '../markdown/prose.js';
import { editDistance } from '../text/did-you-mean.js';

export type TextRole = 'template' | 'quotation' | 'identifier' | 'link-text' | 'label' | 'heading' | 'cell' | 'prose';

export interface Span {
  from: number;
  to: number;
}

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
}

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
  return (before === undefined || /[\s([{\u2014\u2013\uFFFC:—-]/u.test(before)) && after !== undefined && !/\s/u.test(after);
}

/** Whether a quote at `at` can close one: after a non-space, and (for ’ and ') not inside a word (it's, don't). */
function canClose(text: string, at: number): boolean {
  const before = text[at - 1];
  const after = text[at + 1];
  if (before === undefined || /\s/u.test(before)) return false;
  return after === undefined || !LETTER_OR_DIGIT.test(after);
}

/** The insides of paired quotes, quotes excluded. A quote without its partner quotes nothing. */
export function quotationSpans(text: string): Span[] {
  const spans: Span[] = [];
  let at = 0;
  while (at < text.length) {
    const pair = QUOTE_PAIRS.find((candidate) => candidate.open === text[at]);
    if (!pair || !canOpen(text, at)) {
      at++;
      continue;
    }
    let close = -1;
    for (let i = at + 1; i < text.length; i++) {
      if (pair.close.includes(text[i]!) && canClose(text, i)) {
        close = i;
        break;
      }
    }
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
const MINOR_WORDS = new Set([
  'a', 'an', 'the', 'and', 'but', 'or', 'nor', 'for', 'so', 'yet', 'as', 'at', 'by', 'in', 'of', 'off', 'on', 'per', 'to', 'up', 'via', 'vs', 'with',
  'from', 'into', 'onto', 'over', 'than', 'is', 'are', 'be', 'its', 'if',
]);
const TITLE_WORD = /[\p{L}][\p{L}\p{N}'’-]*/gu;

/**
 * Whether `text` (leaving out the match at `skip`) is in Title Case: it has another word besides
 * the match, and every word but the minor ones starts with a capital.
 */
export function isTitleCase(text: string, skip: Span): boolean {
  let words = 0;
  for (const match of text.matchAll(TITLE_WORD)) {
    if (match.index < skip.to && match.index + match[0].length > skip.from) continue;
    if (MINOR_WORDS.has(match[0].toLowerCase())) continue;
    if (!/^\p{Lu}/u.test(match[0])) return false;
    words++;
  }
  return words > 0;
}

/** Capitals at the start of each word (and after hyphens): "API server" → "API Server", "kube-proxy" → "Kube-Proxy". */
export function titleCased(form: string, hyphens: boolean): string {
  return form.replace(hyphens ? /(^|[\s-])(\p{Ll})/gu : /(^|\s)(\p{Ll})/gu, (_, before: string, letter: string) => before + letter.toUpperCase());
}

/** Whether `found` differs from the right form only by capitals that Title Case or a sentence start would give it. */
export function isCapitalizationOf(found: string, expected: string): boolean {
  if (found === expected) return false;
  const normalized = found.replace(/\s+/g, ' ');
  const sentence = expected.charAt(0).toUpperCase() + expected.slice(1);
  return normalized === sentence || normalized === titleCased(expected, false) || normalized === titleCased(expected, true);
}

const within = (spans: readonly Span[], from: number, to: number): boolean => spans.some((span) => span.from <= from && to <= span.to);

/** The innermost link, strong or emphasis around text[from, to). */
function markAround(block: ProseBlock, from: number, to: number): ProseMark | undefined {
  let found: ProseMark | undefined;
  for (const mark of block.marks) {
    if (mark.kind !== 'code' && mark.from <= from && to <= mark.to && (!found || mark.to - mark.from <= found.to - found.from)) found = mark;
  }
  return found;
}

/** Labels of examples of what not to write: "**Bad example:**", "*Incorrect:*", "**Don't:**". */
const COUNTER_EXAMPLE_LABEL = /\b(?:bad|wrong|incorrect|don'?t|do not|avoid|never)\b/i;

/** Whether text[from] follows a label that introduces a counter-example at the start of its block: the words after it are mentioned, not used. */
function isCounterExample(block: ProseBlock, from: number): boolean {
  const label = block.marks.find((mark) => mark.kind === 'strong' || mark.kind === 'emphasis');
  if (!label || label.to > from || block.text.slice(0, label.from).replace(/[\s\uFFFC]/gu, '') !== '') return false;
  return COUNTER_EXAMPLE_LABEL.test(block.text.slice(label.from, label.to));
}

/** Nouns that say the word before them is a handle: "the kubernetes org", "kubernetes repositories", "the docker binary". */
const HANDLE_NOUNS = new Set([
  'org', 'orgs', 'organization', 'organizations', 'organisation', 'organisations', 'repo', 'repos', 'repository', 'repositories', 'binary', 'binaries',
  'command', 'commands', 'cli', 'executable', 'executables', 'package', 'packages', 'module', 'modules', 'namespace', 'namespaces', 'branch', 'branches',
  'fork', 'forks', 'directory', 'checkout',
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
/** Subcommands shared by command-line tools: "docker build -t web .", "kustomize build overlays/prod". */
const COMMAND_VERBS = new Set([
  'run', 'build', 'pull', 'push', 'exec', 'apply', 'install', 'uninstall', 'upgrade', 'init', 'join', 'login', 'logout', 'ps', 'rm', 'rmi', 'tag',
  'inspect', 'compose', 'create', 'delete', 'describe', 'get', 'rollout', 'port-forward', 'attach', 'cp', 'images', 'buildx', 'localize', 'edit',
]);
/** Words before a verb: "to", modals and subject pronouns ("you can kustomize the base"). */
const BEFORE_VERB = new Set(['to', 'can', 'could', 'will', 'would', 'should', 'must', 'may', 'might', 'we', 'you', 'i', 'they', 'please', 'then']);
/** Words that open an object after a verb. */
const OBJECT_OPENERS = new Set(['the', 'a', 'an', 'it', 'them', 'this', 'that', 'these', 'those', 'your', 'our', 'their', 'its', 'each', 'every', 'all']);
const CONJUNCTIONS = new Set(['and', 'or', '/', ',', '&']);

const TOKEN = /[\p{L}\p{N}][\p{L}\p{N}._\-/]*|[,/&]|--?[\p{L}\p{N}][\p{L}\p{N}-]*/gu;

/** The first words after text[…, to), up to the end of the clause ("… in kubernetes. Repositories …" stops at the period). */
function wordsAfter(text: string, to: number, count: number): string[] {
  const rest = text.slice(to);
  const end = rest.search(/[.;:!?](?=\s|$)/u);
  return [...(end < 0 ? rest : rest.slice(0, end)).matchAll(TOKEN)].slice(0, count).map((match) => match[0]);
}

function wordBefore(text: string, from: number): string | undefined {
  const match = /([\p{L}\p{N}']+)\s+$/u.exec(text.slice(Math.max(0, from - 40), from));
  return match?.[1]?.toLowerCase();
}

/** A token that reads as an identifier: lowercase with a hyphen, dot, slash or digit (kubernetes-sigs, k8s.io). */
const IDENTIFIER_LIKE = /^[\p{Ll}\p{N}]+(?:[-._/][\p{Ll}\p{N}]+)+$/u;

/** Whether a lowercase name at text[from, to) is used as a handle, a command or a verb rather than as the name. */
export function isIdentifierUse(block: ProseBlock, from: number, to: number): boolean {
  const text = block.text;
  const found = text.slice(from, to);
  if (/\p{Lu}/u.test(found)) return false;
  // The whole block is the name: a generated heading, a list of repositories, a cell of names.
  if (text.slice(0, from).replace(/[\s\uFFFC*_`>#-]/gu, '') === '' && text.slice(to).replace(/[\s\uFFFC:*_`]/gu, '') === '') return true;
  const after = wordsAfter(text, to, 6);
  // "kubernetes or kubernetes-sigs", "the kubernetes and kubernetes-sigs orgs": names in a list of handles.
  let index = 0;
  while (index < after.length && (CONJUNCTIONS.has(after[index]!.toLowerCase()) || IDENTIFIER_LIKE.test(after[index]!))) {
    if (IDENTIFIER_LIKE.test(after[index]!) && index > 0) return true;
    index++;
  }
  const next = after[index]?.toLowerCase();
  const nextButOne = after[index + 1]?.toLowerCase();
  if (next !== undefined && (isHandleNoun(next) || (HOSTS.has(next) && nextButOne !== undefined && isHandleNoun(nextButOne)))) return true;
  const first = after[0];
  // A command is one word followed by a flag or by a subcommand in its base form ("docker build"; a subject would say "builds").
  if (first !== undefined && !/\s/u.test(found) && (/^--?[\p{L}]/u.test(first) || COMMAND_VERBS.has(first))) return true;
  const before = wordBefore(text, from);
  return before !== undefined && BEFORE_VERB.has(before) && first !== undefined && OBJECT_OPENERS.has(first.toLowerCase());
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

/** The role of text[from, to) in a block, with what the rules' policies need to know about its context. */
export function roleOf(block: ProseBlock, from: number, to: number, sentenceStart: (index: number) => boolean): RoleOf {
  const text = block.text;
  const capitalizedName = (): boolean => inCapitalizedName(text, from, to, sentenceStart);
  const afterMarkup = /\uFFFC[\s*_]*$/u.test(text.slice(Math.max(0, from - 8), from));
  const titled = (role: TextRole, span: Span): RoleOf => ({
    role,
    titleCase: isTitleCase(text.slice(span.from, span.to), { from: from - span.from, to: to - span.from }),
    startsContext: afterMarkup || text.slice(span.from, from).replace(/[\s\uFFFC*_"'“‘(#>-]/gu, '') === '',
    inCapitalizedName: capitalizedName(),
  });
  const plain = (role: TextRole): RoleOf => ({ role, titleCase: false, startsContext: afterMarkup, inCapitalizedName: role === 'prose' || role === 'link-text' ? capitalizedName() : false });
  if (within(templateSpans(text), from, to)) return plain('template');
  if (within(quotationSpans(text), from, to) || isCounterExample(block, from)) return plain('quotation');
  if (isIdentifierUse(block, from, to)) return plain('identifier');
  const whole = { from: 0, to: text.length };
  const mark = markAround(block, from, to);
  if (mark) {
    // Link text, bold and italic are a title or a label when written in Title Case or followed by a colon ("**Kubelet Flags:**");
    // otherwise they are words of the sentence they stand in (which may open a heading or a cell).
    const inner = text.slice(mark.from, mark.to);
    // A link that is all its block says ("- [Kubectl conventions](…)") is an entry of a table of contents: the title of the page it names.
    const entry = mark.kind === 'link' && (text.slice(0, mark.from) + text.slice(mark.to)).replace(/[\s\uFFFC*_.,;:()[\]-]/gu, '') === '';
    const label = entry || isTitleCase(inner, { from: from - mark.from, to: to - mark.from }) || /:\s*$/u.test(inner) || text[mark.to] === ':';
    if (label) return titled(mark.kind === 'link' ? 'link-text' : 'label', mark);
    if (block.kind !== 'paragraph') return { ...titled(mark.kind === 'link' ? 'link-text' : 'prose', whole), titleCase: false };
    return plain(mark.kind === 'link' ? 'link-text' : 'prose');
  }
  if (block.kind === 'heading') return titled('heading', whole);
  if (block.kind === 'tableCell') return titled(block.header ? 'label' : 'cell', whole);
  // A paragraph or list item that is only a title ("Storage Classes and Dynamic Provisioning"), or the
  // label that opens one ("Network Policy API Meeting: Tuesdays at 9:00"), is titled, not a sentence.
  const label = /^[^.!?:]{1,80}:(?=\s)/u.exec(text);
  if (label && to <= label[0].length - 1 && isTitleCase(label[0].slice(0, -1), { from, to })) return titled('label', { from: 0, to: label[0].length - 1 });
  if (isShortTitle(text)) return titled('label', whole);
  return plain('prose');
}

/** Text that is a title on its own: a few words in Title Case, without sentence punctuation. */
function isShortTitle(text: string): boolean {
  const trimmed = text.trim();
  return trimmed.split(/\s+/).length <= 8 && !/[.!?;,]/u.test(trimmed.replace(/[.!?]$/u, '')) && isTitleCase(trimmed, { from: 0, to: 0 });
}
