/**
 * Finds mapping statements — "this Kubernetes concept corresponds to that project concept" — in a
 * Markdown document, as plain data (phase 1 of mapping-consistency; also k8s-concepts and the
 * `mappings` report). Three shapes are recognised:
 *
 * - tables: the column whose header names Kubernetes/K8s against the column next to it, or a
 *   first column that mostly holds Kubernetes concepts against the second;
 * - arrows: `A → B`, `A -> B`, `A ⇒ B`, chained (`A → B → C`), in paragraphs, list items,
 *   headings and parentheses;
 * - phrases: "A maps to B", "A is like B", "A corresponds to B", "A is the equivalent of B".
 *
 * A pair is a mapping only when one side is a Kubernetes concept (or a name of the configured
 * canonical mapping) and the other is not. Pairs whose concept is only an ordinary English word
 * ("Scheduler", "Images") count when the group they are in (a list, a paragraph) also has a
 * clear one, or when the text or its section headings mention Kubernetes. In a group of
 * mappings, a two-sided pair with no concept on either side ("Sidecar Injector → Prompt
 * Enricher") takes the group's direction, so that k8s-concepts can report the unknown concept.
 * Chains like "Docker/rkt → Kubernetes → Helm" name no concept and are not mappings.
 */
import type { List, Nodes, Root, Table } from 'mdast';
import { proseOf, type ProseBlock, sourceRange } from '../markdown/prose.js';
import { cleanConceptPhrase, conceptKey, type ConceptHit, type ConceptVocabulary } from './concepts.js';

export interface MappingSide {
  text: string;
  start: number;
  end: number;
}

export type MappingSource = 'table' | 'arrow' | 'phrase';

export interface MappingStatement {
  kubernetes: MappingSide;
  project: MappingSide;
  source: MappingSource;
}

export interface MappingDetection {
  vocabulary: ConceptVocabulary;
  /** Kubernetes-side and project-side names of a configured canonical mapping. */
  kubernetesNames?: readonly string[];
  projectNames?: readonly string[];
}

/** A name's comparison keys: without case, punctuation, articles; singular and as written. */
function nameKeys(name: string): string[] {
  const key = conceptKey(cleanConceptPhrase(name));
  return key === '' ? [] : [key, key.replace(/ies$/, 'y'), key.replace(/(ss|x|z|ch|sh)es$/, '$1'), key.replace(/([^s])s$/, '$1')];
}

/** Whether two names are the same, ignoring case, punctuation, articles and a plural. */
export function sameName(a: string, b: string): boolean {
  const keysA = nameKeys(a);
  return nameKeys(b).some((key) => keysA.includes(key));
}

/** A set of names that answers "is this one of them?" as sameName would, in constant time. */
class NameSet {
  private readonly keys = new Set<string>();

  constructor(names: readonly string[]) {
    for (const name of names) for (const key of nameKeys(name)) this.keys.add(key);
  }

  has(name: string): boolean {
    return this.keys.size > 0 && nameKeys(name).some((key) => this.keys.has(key));
  }
}

const ARROW = /\s*(?:→|⟶|⇒|->|=>)\s*/gu;
const ARROW_TEST = /→|⟶|⇒|->|=>/u;
const PHRASE = /\s+(?:(?:maps?|mapped|corresponds?)\s+(?:on)?to|(?:is|are)\s+(?:just\s+|much\s+)?like|(?:is|are)\s+(?:the\s+|our\s+)?(?:equivalent|counterpart|analogue|analog)\s+(?:of|to)|(?:is|are)\s+analogous\s+to)\s+/iu;
/** Where a clause ends: sentence punctuation, commas, brackets, dashes, quotes, non-prose. */
const CLAUSE_BOUNDARY = /[.;!?:](?=\s|$)|[,()[\]|"“”\uFFFC\u2028]|\s[—–]\s/gu;
const DETERMINERS = new Set(['the', 'a', 'an', 'our', 'your', 'its', 'their', 'this', 'these', 'those', 'each', 'every', 'all', 'some']);
const STOP_WORDS = new Set([
  'in', 'on', 'at', 'for', 'with', 'which', 'who', 'that', 'when', 'where', 'because', 'so', 'to', 'via', 'by', 'while', 'as', 'is', 'are', 'was',
  'were', 'be', 'been', 'map', 'maps', 'mapped', 'like', 'than', 'then', 'from', 'into', 'of', 'it', 'they', 'we', 'you', 'he', 'she', 'become',
  'becomes', 'means', 'uses', 'runs', 'does', 'do', 'has', 'have', 'can', 'will', 'would', 'should', 'must', 'may', 'also', 'just',
  'only', 'not', 'here', 'there', 'now', 'inside', 'within', 'under', 'over', 'across', 'between', 'after', 'before', 'during', 'instead', 'too',
  'either', 'though', 'say', 'says', 'said', 'call', 'calls', 'called',
]);
/** Words that end the left side of a pair ("…, and Pods → Workflows") but may join a name on the right ("Git and Codex"). */
const CONJUNCTIONS = new Set(['and', 'or', 'but', 'nor']);
const MAX_SIDE_WORDS = 6;
const MENTIONS_KUBERNETES = /\b(?:kubernetes|k8s)\b/i;
const NOTES_HEADER = /^(?:notes?|description|why|details?|examples?|comments?|explanation|rationale|purpose|role)$/i;

interface Span {
  from: number;
  to: number;
}

type Position = 'first' | 'middle' | 'last';

interface Pair {
  block: ProseBlock;
  left: Span;
  right: Span;
  leftPosition: Position;
  rightPosition: Position;
  source: MappingSource;
  chainLength: number;
  /** Every element of the chain the pair belongs to. */
  chain: readonly Span[];
}

interface Side extends Span {
  text: string;
  concept?: ConceptHit;
  canonicalKubernetes: boolean;
  canonicalProject: boolean;
}

interface Oriented {
  pair: Pair;
  kubernetes: 'left' | 'right';
  confident: boolean;
}

interface Word extends Span {
  word: string;
}

function wordsOf(text: string, span: Span): Word[] {
  return [...text.slice(span.from, span.to).matchAll(/\S+/gu)].map((match) => ({
    from: span.from + match.index,
    to: span.from + match.index + match[0].length,
    word: match[0].toLowerCase().replace(/[^\p{L}\p{N}'-]/gu, ''),
  }));
}

/** The words [start, end) as a span without surrounding punctuation, if they read like a name. */
function wordSpan(text: string, words: readonly Word[], start: number, end: number): Span | undefined {
  while (start < end && DETERMINERS.has(words[start]!.word)) start++;
  if (start >= end || end - start > MAX_SIDE_WORDS) return undefined;
  let from = words[start]!.from;
  let to = words[end - 1]!.to;
  while (from < to && /[\s"'“”‘’*_`~.,;:!?]/u.test(text[from]!)) from++;
  while (to > from && /[\s"'“”‘’*_`~.,;:!?]/u.test(text[to - 1]!)) to--;
  return /[\p{L}\p{N}]/u.test(text.slice(from, to)) ? { from, to } : undefined;
}

/** The words of a chain element that name something: cut at verbs, prepositions and (on the left) conjunctions. */
function nameWords(text: string, span: Span, position: Position): { words: Word[]; start: number; end: number } {
  const words = wordsOf(text, span);
  let start = 0;
  let end = words.length;
  if (position === 'first') {
    for (let i = words.length - 1; i >= 0; i--) {
      if (STOP_WORDS.has(words[i]!.word) || CONJUNCTIONS.has(words[i]!.word)) {
        start = i + 1;
        break;
      }
    }
  }
  while (start < end && DETERMINERS.has(words[start]!.word)) start++;
  if (position !== 'first') {
    for (let i = start; i < end; i++) {
      if (STOP_WORDS.has(words[i]!.word)) {
        end = i;
        break;
      }
    }
  }
  return { words, start, end };
}

/** The name a chain element contributes. */
function sideSpan(text: string, span: Span, position: Position): Span | undefined {
  const { words, start, end } = nameWords(text, span, position);
  return wordSpan(text, words, start, end);
}

/**
 * The part of a chain element that names a Kubernetes concept: the whole name, else its longest
 * ending (on the left of an arrow: "some teams say a Pod") or beginning (on the right).
 */
function conceptSpan(text: string, span: Span, position: Position, vocabulary: ConceptVocabulary): Span | undefined {
  const { words, start, end } = nameWords(text, span, position);
  const candidates: [number, number][] = [[start, end]];
  if (position !== 'middle') for (let cut = 1; cut < end - start; cut++) candidates.push(position === 'first' ? [start + cut, end] : [start, end - cut]);
  for (const [from, to] of candidates) {
    const candidate = wordSpan(text, words, from, to);
    if (candidate && vocabulary.resolve(text.slice(candidate.from, candidate.to))) return candidate;
  }
  return undefined;
}

class Detector {
  private readonly kubernetesNames: NameSet;
  private readonly projectNames: NameSet;

  constructor(private readonly detection: MappingDetection) {
    this.kubernetesNames = new NameSet(detection.kubernetesNames ?? []);
    this.projectNames = new NameSet(detection.projectNames ?? []);
  }

  side(text: string, span: Span | undefined): Side | undefined {
    if (!span) return undefined;
    const name = text.slice(span.from, span.to);
    const side: Side = {
      ...span,
      text: name,
      canonicalKubernetes: this.kubernetesNames.has(name),
      canonicalProject: this.projectNames.has(name),
    };
    const concept = this.detection.vocabulary.resolve(name);
    if (concept) side.concept = concept;
    return side;
  }

  private isKubernetes(side: Side): boolean {
    return side.canonicalKubernetes || (side.concept !== undefined && !side.canonicalProject);
  }

  /** Which side of a pair is the Kubernetes one, and how sure that is, if it can be told. */
  orient(pair: Pair, mentionsKubernetes: boolean): Oriented | undefined {
    const left = this.side(pair.block.text, this.span(pair, 'left'));
    const right = this.side(pair.block.text, this.span(pair, 'right'));
    if (!left || !right) return undefined;
    const leftCanonical = left.canonicalKubernetes || right.canonicalProject;
    const rightCanonical = right.canonicalKubernetes || left.canonicalProject;
    if (leftCanonical !== rightCanonical) return { pair, kubernetes: leftCanonical ? 'left' : 'right', confident: true };
    const leftIs = this.isKubernetes(left);
    const rightIs = this.isKubernetes(right);
    if (leftIs === rightIs) return undefined;
    const concept = (leftIs ? left : right).concept;
    return { pair, kubernetes: leftIs ? 'left' : 'right', confident: mentionsKubernetes || concept?.strong === true };
  }

  /** The span of one side of a pair: the concept it names if any, else its name. */
  private span(pair: Pair, which: 'left' | 'right'): Span | undefined {
    const [span, position] = which === 'left' ? [pair.left, pair.leftPosition] : [pair.right, pair.rightPosition];
    const name = sideSpan(pair.block.text, span, position);
    const canonical = name && this.side(pair.block.text, name);
    if (canonical && (canonical.canonicalKubernetes || canonical.canonicalProject)) return name;
    return conceptSpan(pair.block.text, span, position, this.detection.vocabulary) ?? name;
  }

  statement(pair: Pair, kubernetes: 'left' | 'right'): MappingStatement | undefined {
    const text = pair.block.text;
    const left = this.span(pair, 'left');
    const right = this.span(pair, 'right');
    if (!left || !right) return undefined;
    const toSide = (span: Span): MappingSide | undefined => {
      const range = sourceRange(pair.block, span.from, span.to);
      return range && { text: text.slice(span.from, span.to), ...range };
    };
    const [kubernetesSpan, projectSpan] = kubernetes === 'left' ? [left, right] : [right, left];
    const kubernetesSide = toSide(kubernetesSpan);
    const projectSide = toSide(projectSpan);
    if (!kubernetesSide || !projectSide || isKubernetesItself(kubernetesSide.text)) return undefined;
    return { kubernetes: kubernetesSide, project: projectSide, source: pair.source };
  }

  /** Mapping statements of a group of blocks (one list, or one paragraph or heading). */
  group(blocks: readonly ProseBlock[], headingContext: string): MappingStatement[] {
    const pairs = blocks.flatMap(pairsOf).filter((pair) => !this.isKubernetesChain(pair));
    if (pairs.length === 0) return [];
    const mentionsKubernetes = MENTIONS_KUBERNETES.test(headingContext) || blocks.some((block) => MENTIONS_KUBERNETES.test(block.text));
    const oriented = new Map<Pair, Oriented>();
    for (const pair of pairs) {
      const result = this.orient(pair, mentionsKubernetes);
      if (result) oriented.set(pair, result);
    }
    if (![...oriented.values()].some((result) => result.confident)) return [];
    const leftCount = [...oriented.values()].filter((result) => result.kubernetes === 'left').length;
    const majority = leftCount * 2 >= oriented.size ? 'left' : 'right';
    const promote = oriented.size >= 2 && oriented.size * 2 >= pairs.length;
    const statements: MappingStatement[] = [];
    for (const pair of pairs) {
      const direction = oriented.get(pair)?.kubernetes ?? (promote && pair.chainLength === 2 ? majority : undefined);
      if (direction === undefined) continue;
      const statement = this.statement(pair, direction);
      if (statement) statements.push(statement);
    }
    return statements;
  }

  /** "Deployment → ReplicaSet → Pod": a chain naming several concepts describes Kubernetes itself. */
  private isKubernetesChain(pair: Pair): boolean {
    if (pair.chainLength < 3) return false;
    const text = pair.block.text;
    return pair.chain.filter((element, i) => conceptSpan(text, element, i === 0 ? 'first' : i === pair.chain.length - 1 ? 'last' : 'middle', this.detection.vocabulary)).length >= 2;
  }

  table(table: Table, source: string): MappingStatement[] {
    const rows = table.children.map((row) => row.children.map((cell) => proseOf(cell, source, { inlineCode: 'names' })));
    const [header, ...body] = rows;
    if (!header || body.length === 0 || header.length < 2) return [];
    const cellName = (cell: ProseBlock | undefined): Side | undefined => (cell ? this.side(cell.text, trimmedSpan(cell.text)) : undefined);
    const isKubernetesCell = (cell: ProseBlock | undefined): boolean => {
      const side = cellName(cell);
      return side !== undefined && (side.canonicalKubernetes || (side.concept !== undefined && !side.canonicalProject));
    };
    const namedColumn = header.findIndex((cell) => MENTIONS_KUBERNETES.test(cell.text));
    const kubernetesColumn = namedColumn < 0 ? 0 : namedColumn;
    const projectColumn = chooseProjectColumn(header, kubernetesColumn);
    if (projectColumn === undefined) return [];
    // Rows that pair two names; rows that describe ("talks to the API server") are not mappings.
    const pairs = body.flatMap((row) => {
      const kubernetes = row[kubernetesColumn] && cellSide(row[kubernetesColumn]);
      const project = row[projectColumn] && cellSide(row[projectColumn]);
      return kubernetes && project && isNameLike(project.text) ? [{ kubernetes, project, known: isKubernetesCell(row[kubernetesColumn]) }] : [];
    });
    const known = pairs.filter((row) => row.known).length;
    if (pairs.length * 2 < body.length) return [];
    if (namedColumn >= 0 ? known === 0 || known * 2 < pairs.length : known < 2 || known * 3 < pairs.length * 2) return [];
    return pairs.filter((row) => !isKubernetesItself(row.kubernetes.text)).map(({ kubernetes, project }) => ({ kubernetes, project, source: 'table' as const }));
  }
}

/** A short name ("Git + Codex", "Natural Language Interface"), not a description ("talks to the API server"). */
function isNameLike(text: string): boolean {
  const words = text.toLowerCase().split(/\s+/).map((word) => word.replace(/[^\p{L}\p{N}'-]/gu, ''));
  return words.length <= 4 && !words.some((word) => STOP_WORDS.has(word) || DETERMINERS.has(word));
}

/** "Kubernetes → AgentOps" states the analogy itself, not a mapping of one concept. */
function isKubernetesItself(text: string): boolean {
  return /^(?:kubernetes|k8s)$/.test(conceptKey(text));
}

/** The cell's text without surrounding whitespace and emphasis, when it reads like a name. */
function trimmedSpan(text: string): Span | undefined {
  let from = 0;
  let to = text.length;
  while (from < to && /[\s*_~"'“”]/u.test(text[from]!)) from++;
  while (to > from && /[\s*_~"'“”.]/u.test(text[to - 1]!)) to--;
  const name = text.slice(from, to);
  if (!/[\p{L}\p{N}]/u.test(name) || name.split(/\s+/).length > MAX_SIDE_WORDS) return undefined;
  if (/^(?:yes|no|n\/a|none|tbd|-+|—|✓|✔|✗|✘|x)$/iu.test(name) || /[.!?]\s/u.test(name)) return undefined;
  return { from, to };
}

function cellSide(cell: ProseBlock): MappingSide | undefined {
  const span = trimmedSpan(cell.text);
  if (!span) return undefined;
  const range = sourceRange(cell, span.from, span.to);
  return range && { text: cell.text.slice(span.from, span.to), ...range };
}

/** The project column: the other one of two; else the next column that is not notes, else the previous. */
function chooseProjectColumn(header: readonly ProseBlock[], kubernetesColumn: number): number | undefined {
  if (header.length === 2) return 1 - kubernetesColumn;
  const usable = (column: number): boolean => column >= 0 && column < header.length && column !== kubernetesColumn && !NOTES_HEADER.test(header[column]!.text.trim());
  if (usable(kubernetesColumn + 1)) return kubernetesColumn + 1;
  if (usable(kubernetesColumn - 1)) return kubernetesColumn - 1;
  return undefined;
}

/** Clauses of a block, then the arrow chains and "maps to" phrases inside each clause. */
function pairsOf(block: ProseBlock): Pair[] {
  const text = block.text;
  if (!ARROW_TEST.test(text) && !PHRASE.test(text)) return [];
  const pairs: Pair[] = [];
  let clauseStart = 0;
  const boundaries = [...text.matchAll(CLAUSE_BOUNDARY)].map((match) => ({ from: match.index, to: match.index + match[0].length }));
  boundaries.push({ from: text.length, to: text.length });
  for (const boundary of boundaries) {
    const clause = { from: clauseStart, to: boundary.from };
    clauseStart = boundary.to;
    const arrows = [...text.slice(clause.from, clause.to).matchAll(ARROW)].map((match) => ({ from: clause.from + match.index, to: clause.from + match.index + match[0].length }));
    if (arrows.length > 0) {
      const elements: Span[] = [];
      let elementStart = clause.from;
      for (const arrow of arrows) {
        elements.push({ from: elementStart, to: arrow.from });
        elementStart = arrow.to;
      }
      elements.push({ from: elementStart, to: clause.to });
      for (let i = 0; i + 1 < elements.length; i++) {
        pairs.push({
          block,
          left: elements[i]!,
          right: elements[i + 1]!,
          leftPosition: i === 0 ? 'first' : 'middle',
          rightPosition: i + 2 === elements.length ? 'last' : 'middle',
          source: 'arrow',
          chainLength: elements.length,
          chain: elements,
        });
      }
      continue;
    }
    const phrase = PHRASE.exec(text.slice(clause.from, clause.to));
    if (phrase) {
      const at = clause.from + phrase.index;
      const left = { from: clause.from, to: at };
      const right = { from: at + phrase[0].length, to: clause.to };
      pairs.push({ block, left, right, leftPosition: 'first', rightPosition: 'last', source: 'phrase', chainLength: 2, chain: [left, right] });
    }
  }
  return pairs;
}

const statementsCache = new WeakMap<Root, Map<string, readonly MappingStatement[]>>();

/**
 * Every mapping statement of a document, in source order. Memoised per tree and detection
 * (mapping-consistency and k8s-concepts read the same tree): treat the result as read-only.
 */
export function findMappingStatements(tree: Root, source: string, detection: MappingDetection): readonly MappingStatement[] {
  const key = JSON.stringify([detection.vocabulary.id, detection.kubernetesNames ?? [], detection.projectNames ?? []]);
  let byDetection = statementsCache.get(tree);
  if (!byDetection) statementsCache.set(tree, (byDetection = new Map()));
  const cached = byDetection.get(key);
  if (cached) return cached;
  const statements = collectMappingStatements(tree, source, detection);
  byDetection.set(key, statements);
  return statements;
}

function collectMappingStatements(tree: Root, source: string, detection: MappingDetection): MappingStatement[] {
  const detector = new Detector(detection);
  const statements: MappingStatement[] = [];
  const headings: string[] = [];
  const headingContext = (): string => headings.filter(Boolean).join('\n');
  const walk = (node: Nodes): void => {
    switch (node.type) {
      case 'heading': {
        const block = proseOf(node, source, { inlineCode: 'names' });
        headings.length = node.depth - 1;
        statements.push(...detector.group([block], headingContext()));
        headings[node.depth - 1] = block.text;
        return;
      }
      case 'paragraph':
        statements.push(...detector.group([proseOf(node, source, { inlineCode: 'names' })], headingContext()));
        return;
      case 'table':
        statements.push(...detector.table(node, source));
        return;
      case 'list':
        statements.push(...detector.group(listParagraphs(node, source), headingContext()));
        for (const item of node.children) for (const child of item.children) if (child.type !== 'paragraph') walk(child);
        return;
      case 'code':
      case 'html':
      case 'yaml':
        return;
      default:
        if ('children' in node) for (const child of node.children) walk(child as Nodes);
    }
  };
  walk(tree);
  return statements.sort((a, b) => Math.min(a.kubernetes.start, a.project.start) - Math.min(b.kubernetes.start, b.project.start));
}

function listParagraphs(list: List, source: string): ProseBlock[] {
  return list.children.flatMap((item) => item.children.filter((child) => child.type === 'paragraph').map((paragraph) => proseOf(paragraph, source, { inlineCode: 'names' })));
}
