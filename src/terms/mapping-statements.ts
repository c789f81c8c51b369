/**
 * Finds mapping statements — "this Kubernetes concept corresponds to that project concept" — in a
 * Markdown document, as plain data (phase 1 of mapping-consistency; also k8s-concepts and the
 * `mappings` report). Three shapes are recognised:
 *
 * - tables: the column whose header names the Kubernetes side ("Kubernetes", "K8s concept")
 *   against the column next to it, or a first column of at least three distinct Kubernetes
 *   concepts, each on one row only, against a second column of distinct names. A column that
 *   repeats a concept or a value ("Pod | Labeled", "Pod | Unlabeled") or holds attributes
 *   (Scope, Type, yes/no) or values (field paths, expressions) is a catalogue, and a header that
 *   uses Kubernetes as a qualifier ("Kubernetes Slack ID") names no side. In a mapping table
 *   every row is a statement or an unreadable row, never dropped silently: a Kubernetes cell that
 *   describes ("Pod scheduling to Nodes") is read for the concepts it names, and a row is
 *   unreadable when its project cell describes or its Kubernetes cell names nothing;
 * - arrows: `A → B`, `A -> B`, `A ⇒ B`, chained (`A → B → C`), in paragraphs, list items,
 *   headings and parentheses; a line with a reverse or two-way arrow (`←`, `<-`, `<->`, `⇔`)
 *   describes a flow or a dependency and has no mapping;
 * - phrases: "A maps to B", "A is like B", "A corresponds to B", "A is the equivalent of B".
 *
 * Each side is a short name of one thing: it ends at punctuation, a bracket or the end of its
 * line, and never runs over a line break. A count ("one Service maps to N objects"), a verb
 * phrase ("refuses to start the pod -> failure"), a condition ("When a gate fails -> …"), an
 * arrow between two code spans and the first item of a list ("maps to a prompt, a tool list and
 * a model") name nothing. The left side is the name just before the arrow or phrase ("…, and
 * Pods → Workflows"); the right side is the whole rest of its clause, so that an arrow into a
 * sentence ("Pods -> Moving to tasks") or a phrase whose object goes on ("corresponds to a given
 * HollowNode known by the Master") is not a mapping.
 *
 * A pair is a mapping only when one side is Kubernetes and the other is not (classifyPair: each
 * side is read for the concepts it names, concepts.ts namedConcepts), or a name of the configured
 * canonical mapping decides. Two Kubernetes sides are a relation or a lookup inside Kubernetes
 * ("map PodIP -> Node"), two sides that name none a data flow or another domain. Pairs whose
 * concept is only an ordinary English word ("Scheduler", "Images") count when the group they are in (a list, a paragraph) also has a
 * clear one, or when the text or its section headings mention Kubernetes. Chains like
 * "Docker/rkt → Kubernetes → Helm" name no concept and are not mappings.
 *
 * Every statement records whether it was made in a mapping context: a mapping table; a list
 * whose items are mostly clear mappings; a section heading, the lead-in paragraph before a list
 * or paragraph (ending with ":"), or the paragraph itself, that speaks of mappings, analogies or
 * counterparts. Only in a mapping context does a two-sided pair with no concept on either side
 * ("Sidecar Injector → Prompt Enricher") take the group's direction, so that k8s-concepts can
 * report the unknown concept. Statements outside one are running text (meeting notes, data flows
 * like "kubelet -> API"): mapping-consistency compares them only when they involve a canonical
 * name or a name a mapping context maps (see mapping-check.ts).
 */
import type { List, Nodes, Root, RootContent, Table } from 'mdast';
import type { Span } from '../core/text-positions.js';
import { proseOf, type ProseBlock, sourceRange } from '../markdown/prose.js';
import { TreeMemo } from '../markdown/tree-memo.js';
import {
  COORDINATING_CONJUNCTIONS,
  DETERMINERS,
  RELATIVE_PRONOUNS,
  SUBORDINATING_CONJUNCTIONS,
} from '../text/english-function-words.js';
import { cleanConceptPhrase, conceptKey, type ConceptVocabulary, type NamedConcepts } from './concepts.js';
import {
  ATTRIBUTE_HEADER,
  EXPRESSION_CELL,
  MAPPING_CONTEXT,
  MAX_NAME_WORDS_BEFORE_PLACE,
  MAX_PLACE_WORDS,
  MAX_SIDE_WORDS,
  MENTIONS_KUBERNETES,
  MIN_FIRST_COLUMN_CONCEPTS,
  NAMING_RANK,
  NOTES_HEADER,
  PLACE_PREPOSITIONS,
  QUANTITIES,
  SIDE_WORDS,
  STOP_WORDS,
  TRAILING_ADVERBS,
  VALUE_CELL,
  VERBS_AND_NOUNS,
  VERB_OPENERS,
} from './mapping-model.js';

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
  /** Made in a mapping table, a mapping list or a section about mappings, not in running text. */
  inMappingContext: boolean;
  /**
   * Made under a heading, or after a lead-in, that announces mappings ("Kubernetes Mappings"): the
   * place a repository states its mapping, which outweighs a table or list elsewhere in a conflict.
   */
  inMappingSection?: true;
}

/** A row of a mapping table that states no mapping that can be compared, and why. */
export interface UnreadableRow {
  /** The row's source range. */
  start: number;
  end: number;
  reason: string;
  /** The Kubernetes cell, when it is a name: k8s-concepts still checks it. */
  kubernetes?: MappingSide;
}

/** What a document states about mappings: its statements, and the mapping-table rows that state none. */
export interface MappingsFound {
  statements: MappingStatement[];
  unreadable: UnreadableRow[];
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
  return key === ''
    ? []
    : [key, key.replace(/ies$/, 'y'), key.replace(/(ss|x|z|ch|sh)es$/, '$1'), key.replace(/([^s])s$/, '$1')];
}

/** One key per name: without case, punctuation and articles, in the singular ("Pods" and "the pod" → "pod"). */
export function singularNameKey(name: string): string {
  return conceptKey(cleanConceptPhrase(name))
    .replace(/ies$/, 'y')
    .replace(/(ss|x|z|ch|sh)es$/, '$1')
    .replace(/([^s])s$/, '$1');
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

/** Every arrow, whatever its direction: `→`, `->`, `-->`, `=>`, `←`, `<-`, `<->`, `⇔` … */
const ANY_ARROW = /\s*(?:<[-=]+>?|[-=]+>|[→⟶⇒⟹←⟵⇐⟸↔⟷⇔⟺])\s*/gu;
const ARROW_TEST = /<[-=]+|[-=]+>|[→⟶⇒⟹←⟵⇐⟸↔⟷⇔⟺]/u;
/** The arrows that read "maps to": one way, left to right. */
const FORWARD_ARROW = /^(?:[-=]+>|[→⟶⇒⟹])$/u;
const PHRASE =
  /\s+(?:(?:maps?|mapped|corresponds?)\s+(?:on)?to|(?:is|are)\s+(?:just\s+|much\s+)?like|(?:is|are)\s+(?:the\s+|our\s+)?(?:equivalent|counterpart|analogue|analog)\s+(?:of|to)|(?:is|are)\s+analogous\s+to)\s+/iu;
const PHRASES = new RegExp(PHRASE.source, 'giu');
/** Where a clause ends: sentence punctuation, commas, brackets, dashes, quotes, non-prose. */
const CLAUSE_BOUNDARY = /[.;!?:](?=\s|$)|[,()[\]|"“”\uFFFC\u2028]|\s[—–]\s/gu;
const LINE_BREAK = /\r?\n/gu;
/** ", a tool list and a model", ", sandboxes, or tools": the items after the first one of a list. */
const LIST_CONTINUATION = /^,\s*(?:[^,]+,\s*)*[^,]*?\s(?:and|or)\s+\S/u;

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

interface Side extends Span, SideReading {
  text: string;
}

/** What the classification of a pair reads of each side. */
export interface SideReading {
  /** The Kubernetes concepts the side names (concepts.ts). */
  named: NamedConcepts;
  /** The side is a Kubernetes or a project name of the configured canonical mapping. */
  canonicalKubernetes: boolean;
  canonicalProject: boolean;
}

/**
 * What a pair of names is. A mapping of Kubernetes onto the project has one side that names
 * Kubernetes concepts and one that names none, or one that is a concept and one that only
 * mentions one inside a name of its own ("Services → Tool endpoints"). Two sides that are both
 * concepts (or identifiers and attributes of concepts) relate Kubernetes to itself: "Deployment →
 * ReplicaSet", the lookup "map PodIP -> Node", "`ReplicaSet.spec.template` -> `Pod`". Two sides
 * that only mention concepts, or name none, are no mapping either (data flows, third domains).
 */
export type PairKind =
  | { kind: 'mapping'; kubernetes: 'left' | 'right'; strong: boolean }
  | { kind: 'within-kubernetes' }
  | { kind: 'no-kubernetes' }
  | { kind: 'both-mention' };

export function classifyPair(left: SideReading, right: SideReading): PairKind {
  const leftCanonical = left.canonicalKubernetes || right.canonicalProject;
  const rightCanonical = right.canonicalKubernetes || left.canonicalProject;
  if (leftCanonical !== rightCanonical)
    return { kind: 'mapping', kubernetes: leftCanonical ? 'left' : 'right', strong: true };
  // A canonical project name is the project's, whatever words it shares with Kubernetes.
  const rank = (side: SideReading): number =>
    side.canonicalProject ? NAMING_RANK.none : NAMING_RANK[side.named.level];
  const leftRank = rank(left);
  const rightRank = rank(right);
  if (leftRank === rightRank) {
    if (leftRank === NAMING_RANK.none) return { kind: 'no-kubernetes' };
    return leftRank === NAMING_RANK.concept ? { kind: 'within-kubernetes' } : { kind: 'both-mention' };
  }
  const kubernetes = leftRank > rightRank ? left : right;
  return { kind: 'mapping', kubernetes: kubernetes === left ? 'left' : 'right', strong: kubernetes.named.strong };
}

interface Oriented {
  pair: Pair;
  kubernetes: 'left' | 'right';
  confident: boolean;
  /** The Kubernetes side only mentions concepts inside a name of its own ("Sidecar Injector"): a mapping only in a mapping context. */
  mentionsOnly: boolean;
}

/** Where a group of blocks stands: the headings above it and the paragraph that leads into it. */
interface GroupSetting {
  headings: string;
  leadIn: string;
  /** For a list: how many items it has, and which item each block belongs to. */
  items?: { count: number; itemOf: ReadonlyMap<ProseBlock, number> };
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

/** The words [start, end) as a span without surrounding punctuation, if they read like a name on one line. */
function wordSpan(text: string, words: readonly Word[], start: number, end: number): Span | undefined {
  while (start < end && DETERMINERS.has(words[start]!.word)) start++;
  if (start >= end || end - start > MAX_SIDE_WORDS) return undefined;
  let from = words[start]!.from;
  let to = words[end - 1]!.to;
  while (from < to && /[\s"'“”‘’*_`~.,;:!?]/u.test(text[from]!)) from++;
  while (to > from && /[\s"'“”‘’*_`~.,;:!?]/u.test(text[to - 1]!)) to--;
  const name = text.slice(from, to);
  return /[\p{L}\p{N}]/u.test(name) && !/[\r\n]/u.test(name) ? { from, to } : undefined;
}

/** The words of a chain element that name something: cut at verbs, prepositions and (on the left) conjunctions. */
function nameWords(text: string, span: Span, position: Position): { words: Word[]; start: number; end: number } {
  const words = wordsOf(text, span);
  let start = 0;
  let end = words.length;
  if (position === 'first') {
    for (let i = words.length - 1; i >= 0; i--) {
      if (STOP_WORDS.has(words[i]!.word) || COORDINATING_CONJUNCTIONS.has(words[i]!.word)) {
        start = i + 1;
        break;
      }
    }
  }
  while (start < end && DETERMINERS.has(words[start]!.word)) start++;
  if (position !== 'first') {
    for (let i = start; i < end; i++) {
      // A verb that is also a plural noun ends a name rather than opening a clause: "Pods → Agent runs".
      const lastNoun = i === end - 1 && i > start && VERBS_AND_NOUNS.has(words[i]!.word);
      if (STOP_WORDS.has(words[i]!.word) && !lastNoun) {
        end = i;
        break;
      }
    }
  }
  return { words, start, end };
}

/**
 * The name a chain element contributes. On the left of the first arrow it is the name just
 * before it. Anywhere else the element is the name, optionally followed by a relative clause
 * ("a workspace that a session may write") or a closing "instead"; when anything else follows
 * ("-> Moving to tasks", "a given HollowNode known by the Master") the arrow or phrase points
 * into a sentence, and names nothing.
 */
function sideSpan(text: string, span: Span, position: Position): Span | undefined {
  const { words, start, end } = nameWords(text, span, position);
  const rest = words.slice(end);
  if (
    position !== 'first' &&
    rest.length > 0 &&
    !RELATIVE_PRONOUNS.has(rest[0]!.word) &&
    !rest.every((word) => TRAILING_ADVERBS.has(word.word)) &&
    !isPlacePhrase(words, start, end)
  )
    return undefined;
  if (!namesOneThing(words, start, end)) return undefined;
  return wordSpan(text, words, start, end);
}

/**
 * "Pods → Agents across nodes": a short name followed by where it is, which ends the clause. The
 * sentence around the arrow goes on ("the scheduler places Pods → Agents across nodes"), and the
 * arrow annotates the name before it with its counterpart.
 */
function isPlacePhrase(words: readonly Word[], start: number, end: number): boolean {
  const rest = words.slice(end);
  if (end - start > MAX_NAME_WORDS_BEFORE_PLACE || rest.length < 2 || rest.length > MAX_PLACE_WORDS + 1) return false;
  if (!PLACE_PREPOSITIONS.has(rest[0]!.word)) return false;
  // "Moving in…", "Deployed on…": a participle is a verb, not a name.
  if (/^\p{L}+(?:ing|ed)$/u.test(words[start]!.word)) return false;
  return rest.slice(1).every((word) => !STOP_WORDS.has(word.word) || DETERMINERS.has(word.word));
}

/**
 * Whether words[start, end) of a side name one thing. A count ("one Service maps to N objects",
 * "each Pod maps to two sessions") says how many, not what corresponds to what; after "to" or a
 * modal, a word followed by a determiner is a verb and its object ("the kubelet refuses to start
 * the pod -> failure"), not a name.
 */
function namesOneThing(words: readonly Word[], start: number, end: number): boolean {
  let first = start;
  while (first < end && DETERMINERS.has(words[first]!.word)) first++;
  if (first < end && QUANTITIES.test(words[first]!.word)) return false;
  const verbPhrase =
    start > 0 && VERB_OPENERS.has(words[start - 1]!.word) && start + 1 < end && DETERMINERS.has(words[start + 1]!.word);
  return !verbPhrase;
}

/**
 * The part of a chain element that names a Kubernetes concept: the whole name, else its longest
 * ending (on the left of an arrow: "some teams say a Pod") or beginning (on the right).
 */
function conceptSpan(text: string, span: Span, position: Position, vocabulary: ConceptVocabulary): Span | undefined {
  const { words, start, end } = nameWords(text, span, position);
  const candidates: [number, number][] = [[start, end]];
  if (position !== 'middle')
    for (let cut = 1; cut < end - start; cut++)
      candidates.push(position === 'first' ? [start + cut, end] : [start, end - cut]);
  for (const [from, to] of candidates) {
    const candidate = wordSpan(text, words, from, to);
    if (candidate && vocabulary.namedConcepts(text.slice(candidate.from, candidate.to)).level === 'concept')
      return candidate;
  }
  return undefined;
}

/** Whether a text speaks of mappings or analogies, leaving out the "maps to" phrases of the statements themselves. */
function announcesMappings(text: string): boolean {
  return MAPPING_CONTEXT.test(text.replace(PHRASES, ' '));
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
    return {
      ...span,
      text: name,
      named: this.detection.vocabulary.namedConcepts(name),
      canonicalKubernetes: this.kubernetesNames.has(name),
      canonicalProject: this.projectNames.has(name),
    };
  }

  /** Which side of a pair is the Kubernetes one, and how sure that is, if it can be told. */
  orient(pair: Pair, mentionsKubernetes: boolean): Oriented | undefined {
    const left = this.side(pair.block.text, this.span(pair, 'left'));
    const right = this.side(pair.block.text, this.span(pair, 'right'));
    // "Docker/rkt → Kubernetes → Helm", "Kubernetes → AgentOps": about Kubernetes itself, not one of its concepts.
    if (!left || !right || isKubernetesItself(left.text) || isKubernetesItself(right.text)) return undefined;
    const kind = classifyPair(left, right);
    if (kind.kind !== 'mapping') return undefined;
    const side = kind.kubernetes === 'left' ? left : right;
    const canonical = side.canonicalKubernetes || (kind.kubernetes === 'left' ? right : left).canonicalProject;
    const mentionsOnly = !canonical && side.named.level === 'mentions';
    return {
      pair,
      kubernetes: kind.kubernetes,
      confident: canonical || (!mentionsOnly && (mentionsKubernetes || kind.strong)),
      mentionsOnly,
    };
  }

  /** The span of one side of a pair: the concept it names if any, else its name; none when the side is not a name. */
  private span(pair: Pair, which: 'left' | 'right'): Span | undefined {
    const [span, position] = which === 'left' ? [pair.left, pair.leftPosition] : [pair.right, pair.rightPosition];
    const name = sideSpan(pair.block.text, span, position);
    if (!name) return undefined;
    const canonical = this.side(pair.block.text, name)!;
    if (canonical.canonicalKubernetes || canonical.canonicalProject) return name;
    return conceptSpan(pair.block.text, span, position, this.detection.vocabulary) ?? name;
  }

  statement(pair: Pair, kubernetes: 'left' | 'right', inMappingContext: boolean): MappingStatement | undefined {
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
    return { kubernetes: kubernetesSide, project: projectSide, source: pair.source, inMappingContext };
  }

  /** Mapping statements of a group of blocks (one list, or one paragraph or heading). */
  group(blocks: readonly ProseBlock[], setting: GroupSetting): MappingStatement[] {
    const pairs = withoutFlows(blocks.flatMap(pairsOf).filter((pair) => !this.isKubernetesChain(pair)));
    if (pairs.length === 0) return [];
    const mentionsKubernetes =
      MENTIONS_KUBERNETES.test(setting.headings) || blocks.some((block) => MENTIONS_KUBERNETES.test(block.text));
    const oriented = new Map<Pair, Oriented>();
    for (const pair of pairs) {
      const result = this.orient(pair, mentionsKubernetes);
      if (result) oriented.set(pair, result);
    }
    if (![...oriented.values()].some((result) => result.confident)) return [];
    const inMappingContext =
      announcesMappings(setting.headings) ||
      announcesMappings(setting.leadIn) ||
      blocks.some((block) => announcesMappings(block.text)) ||
      isMappingList(oriented, setting);
    const leftCount = [...oriented.values()].filter((result) => result.kubernetes === 'left').length;
    const majority = leftCount * 2 >= oriented.size ? 'left' : 'right';
    const promote = inMappingContext && oriented.size >= 2 && oriented.size * 2 >= pairs.length;
    const statements: MappingStatement[] = [];
    for (const pair of pairs) {
      const result = oriented.get(pair);
      const direction =
        result && (!result.mentionsOnly || inMappingContext)
          ? result.kubernetes
          : promote && pair.chainLength === 2
            ? majority
            : undefined;
      if (direction === undefined) continue;
      const statement = this.statement(pair, direction, inMappingContext);
      if (statement) statements.push(statement);
    }
    return statements;
  }

  /** "Deployment → ReplicaSet → Pod": a chain naming several concepts describes Kubernetes itself. */
  private isKubernetesChain(pair: Pair): boolean {
    if (pair.chainLength < 3) return false;
    const text = pair.block.text;
    return (
      pair.chain.filter((element, i) =>
        conceptSpan(
          text,
          element,
          i === 0 ? 'first' : i === pair.chain.length - 1 ? 'last' : 'middle',
          this.detection.vocabulary,
        ),
      ).length >= 2
    );
  }

  /**
   * The statements of a mapping table, and the rows that state none that can be compared. A table
   * is a mapping table when a header cell names Kubernetes (and the column it is paired with holds
   * names, not attributes such as a scope, a type or yes/no), or when its first column reads as
   * one (see firstColumnMapping). Then every row is either a statement or an unreadable row: a row
   * is never dropped silently, and the worse the table, the more of it is reported.
   */
  table(table: Table, source: string): MappingsFound {
    const none: MappingsFound = { statements: [], unreadable: [] };
    const rows = table.children.map((row) =>
      row.children.map((cell) => proseOf(cell, source, { inlineCode: 'names' })),
    );
    const [header, ...body] = rows;
    if (!header || body.length === 0 || header.length < 2) return none;
    const namedColumn = header.findIndex((cell) => namesKubernetesSide(cell.text));
    // "Kubernetes Slack ID", "Kubernetes version": a column about something else, in a table that is no mapping.
    if (namedColumn < 0 && header.some((cell) => MENTIONS_KUBERNETES.test(cell.text))) return none;
    const kubernetesColumn = Math.max(namedColumn, 0);
    const projectColumn = chooseProjectColumn(header, kubernetesColumn);
    if (projectColumn === undefined) return none;
    const columns: TableColumns = {
      kubernetes: kubernetesColumn,
      project: projectColumn,
      kubernetesHeader: header[kubernetesColumn]!.text.trim(),
      projectHeader: header[projectColumn]!.text.trim(),
    };
    if (
      isAttributeColumn(
        columns.projectHeader,
        body.map((row) => row[projectColumn]?.text.trim() ?? ''),
      )
    )
      return none;
    if (namedColumn < 0 && !this.firstColumnMapping(body, columns)) return none;
    const found: MappingsFound = { statements: [], unreadable: [] };
    const reading = {
      named: (text: string) => this.detection.vocabulary.namedConcepts(text),
      isProjectName: (text: string) => this.projectNames.has(text),
    };
    body.forEach((row, index) => {
      const rowNode = table.children[index + 1]!;
      const result = readRow(
        row,
        columns,
        { start: rowNode.position?.start.offset ?? -1, end: rowNode.position?.end.offset ?? -1 },
        reading,
      );
      if ('statement' in result) found.statements.push(result.statement);
      else if (result.unreadable) found.unreadable.push(result.unreadable);
    });
    return found;
  }

  /**
   * Without a header that names Kubernetes, the first column must read as a mapping: several
   * concepts, each mapped once, to names that differ (not a catalogue of kinds and their
   * attributes, nor a list of examples).
   */
  private firstColumnMapping(body: readonly ProseBlock[][], columns: TableColumns): boolean {
    const pairs = body.flatMap((row) => {
      const kubernetesCell = row[columns.kubernetes];
      const projectCell = row[columns.project];
      const kubernetes = kubernetesCell && cellSide(kubernetesCell);
      const project = projectCell && cellSide(projectCell);
      if (!kubernetesCell || !kubernetes || !project || !isCellName(project.text)) return [];
      const side = this.side(kubernetesCell.text, trimmedSpan(kubernetesCell.text));
      const known =
        side !== undefined && (side.canonicalKubernetes || (side.named.level === 'concept' && !side.canonicalProject))
          ? side
          : undefined;
      return [{ project, known }];
    });
    if (pairs.length * 2 < body.length) return false;
    const known = pairs.filter((row) => row.known);
    const concepts = new Set(known.map((row) => conceptIdentity(row.known!)));
    const counterparts = new Set(pairs.map((row) => singularNameKey(row.project.text)));
    return (
      concepts.size >= MIN_FIRST_COLUMN_CONCEPTS &&
      concepts.size === known.length &&
      counterparts.size === pairs.length &&
      known.length * 3 >= pairs.length * 2
    );
  }
}

/** Where the two sides of a mapping table are, and what their headers call them. */
interface TableColumns {
  kubernetes: number;
  project: number;
  kubernetesHeader: string;
  projectHeader: string;
}

/** Whether a header cell names the Kubernetes side of a mapping ("Kubernetes", "K8s concept"), not a column about something else ("Kubernetes Slack ID"). */
function namesKubernetesSide(header: string): boolean {
  if (!MENTIONS_KUBERNETES.test(header)) return false;
  const words = header
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word !== '' && word !== 'kubernetes' && word !== 'k8s');
  return words.every((word) => SIDE_WORDS.has(word));
}

/**
 * A column of attributes ("Scope: namespace, cluster", "Type: string, list"): its header names an
 * attribute, most of its cells are values, or its few values repeat down the rows.
 */
function isAttributeColumn(header: string, cells: readonly string[]): boolean {
  if (ATTRIBUTE_HEADER.test(header)) return true;
  const filled = cells.filter((cell) => cell !== '');
  if (filled.length === 0) return false;
  if (filled.filter((cell) => VALUE_CELL.test(cell) || EXPRESSION_CELL.test(cell)).length * 2 >= filled.length)
    return true;
  return filled.length >= 3 && new Set(filled.map((cell) => cell.toLowerCase())).size * 2 <= filled.length;
}

/**
 * The Kubernetes concepts a Kubernetes side stands for: those it is ("Pods", "API server logs,
 * events", "PodIP"), or those a description of it names ("Pod scheduling to Nodes"); none for a
 * name of its own that only borrows a word ("Pod Manager", "Sidecar Injector").
 */
export function sideConcepts(text: string, vocabulary: ConceptVocabulary): string[] {
  const named = vocabulary.namedConcepts(text);
  return named.level === 'concept' || (named.level === 'mentions' && isDescription(text)) ? named.names : [];
}

/** A Kubernetes side that describes ("restarting failed containers", "scheduling Pods onto nodes") rather than names. */
export function isDescription(text: string): boolean {
  const words = text.split(/\s+/);
  return !isCellName(text) || (words.length > 1 && /^\p{Ll}+(?:ing|ed)$/u.test(words[0]!));
}

/** One body row of a mapping table: a statement, an unreadable row, or nothing (a row that names Kubernetes itself). */
function readRow(
  row: readonly ProseBlock[],
  columns: TableColumns,
  range: { start: number; end: number },
  reading: { named: (text: string) => NamedConcepts; isProjectName: (text: string) => boolean },
): { statement: MappingStatement } | { unreadable?: UnreadableRow } {
  const kubernetesCell = row[columns.kubernetes];
  const projectCell = row[columns.project];
  // A cell that describes ("Pod scheduling to Nodes", "API server logs, events") is read for the concepts it names.
  const kubernetes =
    kubernetesCell &&
    (cellSide(kubernetesCell) ??
      (isDescription(kubernetesCell.text.trim()) ? describingSide(kubernetesCell) : undefined));
  const unreadable = (reason: string, side?: MappingSide): { unreadable: UnreadableRow } => ({
    unreadable: { ...range, reason, ...(side ? { kubernetes: side } : {}) },
  });
  /** Why a cell is no name: empty, or a description (quoted, cut to a readable length). */
  const notAName = (header: string, cell: ProseBlock | undefined): string => {
    const text = (cell?.text ?? '')
      .replace(/\uFFFC/gu, '…')
      .replace(/\s+/gu, ' ')
      .trim();
    return text === ''
      ? `the ${header} cell is empty`
      : `the ${header} cell describes rather than names ("${text.length > 60 ? `${text.slice(0, 57)}…` : text}")`;
  };
  if (!kubernetes || (isDescription(kubernetes.text) && reading.named(kubernetes.text).level === 'none'))
    return unreadable(notAName(columns.kubernetesHeader, kubernetesCell));
  if (isKubernetesItself(kubernetes.text)) return {};
  const project = projectCell && cellSide(projectCell);
  if (!project || !isCellName(project.text))
    return unreadable(notAName(columns.projectHeader, projectCell), kubernetes);
  // "| Deployment | ReplicaSet |": both cells are Kubernetes, a relation inside it, not a counterpart.
  const projectNamed = reading.named(project.text);
  if (projectNamed.level === 'concept' && projectNamed.strong && !reading.isProjectName(project.text)) return {};
  return { statement: { kubernetes, project, source: 'table', inMappingContext: true } };
}

/** Which concept a side names, whatever it is written as ("Pods", "pod", "kube-apiserver" = "API Server"). */
function conceptIdentity(side: Side): string {
  return side.named.level !== 'none' ? side.named.names.join(' + ') : conceptKey(cleanConceptPhrase(side.text));
}

/**
 * A mapping reads from one vocabulary into another, so no name is both mapped and mapped to by
 * a group's arrows, nor twice in one chain. When one is ("API -> webhook, kubelet -> API",
 * "kubelet -> rktlet -> kubelet"), the arrows trace a flow of requests or dependencies, and none
 * of them is a mapping. (The middle of one chain, "ConfigMap → Prompt File → Agent context", is
 * on both sides by construction and does not count.)
 */
function withoutFlows(pairs: readonly Pair[]): Pair[] {
  /** Name → the chains in which it is mapped (before an arrow) or mapped to (after one). */
  const sources = new Map<string, Set<readonly Span[]>>();
  const targets = new Map<string, Set<readonly Span[]>>();
  const add = (roles: Map<string, Set<readonly Span[]>>, key: string, chain: readonly Span[]): void => {
    roles.set(key, (roles.get(key) ?? new Set()).add(chain));
  };
  let isFlow = false;
  // The first pair of a chain stands for the whole chain.
  for (const { block, chain, source, leftPosition } of pairs) {
    if (source !== 'arrow' || leftPosition !== 'first') continue;
    const last = chain.length - 1;
    const seen = new Set<string>();
    chain.forEach((element, i) => {
      const span = sideSpan(block.text, element, i === 0 ? 'first' : i === last ? 'last' : 'middle');
      if (!span) return;
      const key = singularNameKey(block.text.slice(span.from, span.to));
      if (seen.has(key)) isFlow = true;
      seen.add(key);
      if (i < last) add(sources, key, chain);
      if (i > 0) add(targets, key, chain);
    });
  }
  for (const [key, chains] of sources) {
    if ([...(targets.get(key) ?? [])].some((chain) => !chains.has(chain))) isFlow = true;
  }
  return isFlow ? pairs.filter((pair) => pair.source !== 'arrow') : [...pairs];
}

/** A list whose items are mostly clear mappings ("- Pods → Workflows"): at least two, and at least half of its items. */
function isMappingList(oriented: ReadonlyMap<Pair, Oriented>, setting: GroupSetting): boolean {
  if (!setting.items) return false;
  const mappingItems = new Set<number>();
  for (const result of oriented.values()) {
    const item = setting.items.itemOf.get(result.pair.block);
    if (result.confident && item !== undefined) mappingItems.add(item);
  }
  return mappingItems.size >= 2 && mappingItems.size * 2 >= setting.items.count;
}

/**
 * Words that never stand in a name of a table cell: prepositions, pronouns, auxiliaries and
 * adverbs. Verbs that are also plural nouns ("Agent runs", "Tool calls") are not among them.
 */
const CELL_NAME_BREAKERS = new Set([...STOP_WORDS, ...DETERMINERS].filter((word) => !VERBS_AND_NOUNS.has(word)));

/** A short name in a table cell ("Git + Codex", "Agent runs"), not a description ("talks to the API server"). */
function isCellName(text: string): boolean {
  const words = text
    .toLowerCase()
    .split(/\s+/)
    .map((word) => word.replace(/[^\p{L}\p{N}'-]/gu, ''));
  return words.length <= 4 && !words.some((word) => CELL_NAME_BREAKERS.has(word));
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

/** The whole text of a cell that describes, for the concepts it names: without surrounding whitespace and emphasis. */
function describingSide(cell: ProseBlock): MappingSide | undefined {
  let from = 0;
  let to = cell.text.length;
  while (from < to && /[\s*_~"'“”\uFFFC]/u.test(cell.text[from]!)) from++;
  while (to > from && /[\s*_~"'“”.\uFFFC]/u.test(cell.text[to - 1]!)) to--;
  if (from >= to) return undefined;
  const range = sourceRange(cell, from, to);
  return range && { text: cell.text.slice(from, to), ...range };
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
  const usable = (column: number): boolean =>
    column >= 0 &&
    column < header.length &&
    column !== kubernetesColumn &&
    !NOTES_HEADER.test(header[column]!.text.trim());
  if (usable(kubernetesColumn + 1)) return kubernetesColumn + 1;
  if (usable(kubernetesColumn - 1)) return kubernetesColumn - 1;
  return undefined;
}

/** The spans of `span` between the matches of `separator`, and the separators themselves. */
function splitSpan(text: string, span: Span, separator: RegExp): { parts: Span[]; separators: string[] } {
  const parts: Span[] = [];
  const separators: string[] = [];
  let from = span.from;
  for (const match of text.slice(span.from, span.to).matchAll(separator)) {
    parts.push({ from, to: span.from + match.index });
    separators.push(match[0]);
    from = span.from + match.index + match[0].length;
  }
  parts.push({ from, to: span.to });
  return { parts, separators };
}

/**
 * The arrow chain of one line of a clause. None when an arrow on it points backwards or both
 * ways, or when an arrow has nothing on one side within the clause: its source or target is cut
 * off by a bracket or a code span ("proto (in kubelet) -> rktlet"), so the chain is part of a
 * larger expression.
 */
function arrowPairs(block: ProseBlock, line: Span): Pair[] {
  const { parts: elements, separators: arrows } = splitSpan(block.text, line, ANY_ARROW);
  if (arrows.length === 0 || arrows.some((arrow) => !FORWARD_ARROW.test(arrow.trim()))) return [];
  if (elements.some((element) => !/[\p{L}\p{N}]/u.test(block.text.slice(element.from, element.to)))) return [];
  const pairs: Pair[] = [];
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
  return pairs;
}

/**
 * Clauses of a block, then the arrow chains of each line of a clause (an arrow is line-bound
 * notation) or else the "maps to" phrase of the clause (prose, which may wrap: a side that would
 * run over the line break is refused later, by wordSpan).
 */
function pairsOf(block: ProseBlock): Pair[] {
  const text = block.text;
  if (!ARROW_TEST.test(text) && !PHRASE.test(text)) return [];
  const pairs: Pair[] = [];
  for (const clause of splitSpan(text, { from: 0, to: text.length }, CLAUSE_BOUNDARY).parts) {
    // "An Image maps to a prompt, a tool list and a model": the clause ends at the first item of a list.
    const endsInList = continuesAsList(text, clause.to);
    // "When the kubelet refuses to start the pod -> failure": a condition and its outcome, not two names.
    const condition = SUBORDINATING_CONJUNCTIONS.has(
      /^[\s\p{P}]*([\p{L}]+)/u.exec(text.slice(clause.from, clause.to))?.[1]?.toLowerCase() ?? '',
    );
    const named = (pair: Pair): boolean =>
      !condition && !(endsInList && pair.right.to === clause.to) && !isBetweenCodeSpans(block, pair);
    if (ARROW_TEST.test(text.slice(clause.from, clause.to))) {
      for (const line of splitSpan(text, clause, LINE_BREAK).parts)
        pairs.push(...arrowPairs(block, line).filter(named));
      continue;
    }
    const phrase = PHRASE.exec(text.slice(clause.from, clause.to));
    if (phrase) {
      const at = clause.from + phrase.index;
      const left = { from: clause.from, to: at };
      const right = { from: at + phrase[0].length, to: clause.to };
      const pair: Pair = {
        block,
        left,
        right,
        leftPosition: 'first',
        rightPosition: 'last',
        source: 'phrase',
        chainLength: 2,
        chain: [left, right],
      };
      if (named(pair)) pairs.push(pair);
    }
  }
  return pairs;
}

/** The rest of the sentence after `at` goes on as a list (", a tool list and a model"), not as a clause of its own. */
function continuesAsList(text: string, at: number): boolean {
  if (text[at] !== ',') return false;
  const rest = text.slice(at);
  const end = rest.search(/[.;:!?](?=\s|$)/u);
  const sentence = end < 0 ? rest : rest.slice(0, end);
  return LIST_CONTINUATION.test(sentence) && !ARROW_TEST.test(sentence) && !PHRASE.test(sentence);
}

/** "`Pods` -> `runs`": an arrow between two code spans is notation (a data flow, a command and its output), not prose. */
function isBetweenCodeSpans(block: ProseBlock, pair: Pair): boolean {
  const isCode = (span: Span, position: Position): boolean => {
    const name = sideSpan(block.text, span, position);
    return (
      name !== undefined &&
      block.marks.some((mark) => mark.kind === 'code' && mark.from <= name.from && name.to <= mark.to)
    );
  };
  return isCode(pair.left, pair.leftPosition) && isCode(pair.right, pair.rightPosition);
}

const foundMemo = new TreeMemo<Root, MappingsFound>();

/**
 * Every mapping statement of a document in source order, and the rows of its mapping tables that
 * state none. Memoised per tree and detection (mapping-consistency, k8s-concepts and the
 * `mappings` report read the same tree): treat the result as read-only.
 */
export function findMappings(tree: Root, source: string, detection: MappingDetection): MappingsFound {
  const key = JSON.stringify([detection.vocabulary.id, detection.kubernetesNames ?? [], detection.projectNames ?? []]);
  return foundMemo.get(tree, key, () => collectMappings(tree, source, detection));
}

/** Every mapping statement of a document, in source order (see findMappings). */
export function findMappingStatements(
  tree: Root,
  source: string,
  detection: MappingDetection,
): readonly MappingStatement[] {
  return findMappings(tree, source, detection).statements;
}

/** A paragraph that introduces what follows it ("The mapping:"), as text; else "". */
function leadInOf(previous: RootContent | undefined, source: string): string {
  if (previous?.type !== 'paragraph') return '';
  const text = proseOf(previous, source).text.trimEnd();
  return text.endsWith(':') ? text : '';
}

/**
 * Walks the document with an explicit stack (Markdown nests without limit, and a recursive walk
 * would overflow on hostile input): headings set the section, paragraphs and lists are groups of
 * statements, tables are read row by row.
 */
function collectMappings(tree: Root, source: string, detection: MappingDetection): MappingsFound {
  const detector = new Detector(detection);
  const statements: MappingStatement[] = [];
  const unreadable: UnreadableRow[] = [];
  const headings: string[] = [];
  const headingContext = (): string => headings.filter(Boolean).join('\n');
  const stack: { node: Nodes; previous: RootContent | undefined }[] = [{ node: tree, previous: undefined }];
  const add = (found: readonly MappingStatement[], headingText: string, leadIn: string): void => {
    const inSection = found.length > 0 && (announcesMappings(headingText) || announcesMappings(leadIn));
    for (const statement of found) statements.push(inSection ? { ...statement, inMappingSection: true } : statement);
  };
  const pushChildren = (children: readonly RootContent[]): void => {
    for (let i = children.length - 1; i >= 0; i--) stack.push({ node: children[i]!, previous: children[i - 1] });
  };
  while (stack.length > 0) {
    const { node, previous } = stack.pop()!;
    switch (node.type) {
      case 'heading': {
        const block = proseOf(node, source, { inlineCode: 'names' });
        headings.length = node.depth - 1;
        add(detector.group([block], { headings: headingContext(), leadIn: '' }), headingContext(), '');
        headings[node.depth - 1] = block.text;
        break;
      }
      case 'paragraph':
        add(
          detector.group([proseOf(node, source, { inlineCode: 'names' })], {
            headings: headingContext(),
            leadIn: leadInOf(previous, source),
          }),
          headingContext(),
          leadInOf(previous, source),
        );
        break;
      case 'table': {
        const found = detector.table(node, source);
        add(found.statements, headingContext(), leadInOf(previous, source));
        unreadable.push(...found.unreadable);
        break;
      }
      case 'list': {
        const items = listItems(node, source);
        const itemOf = new Map(items.flatMap((blocks, item) => blocks.map((block) => [block, item] as const)));
        add(
          detector.group(items.flat(), {
            headings: headingContext(),
            leadIn: leadInOf(previous, source),
            items: { count: items.length, itemOf },
          }),
          headingContext(),
          leadInOf(previous, source),
        );
        // The paragraphs of the items were the list's group; what else they hold is walked on its own.
        const rest: { node: RootContent; previous: RootContent | undefined }[] = [];
        for (const item of node.children)
          for (const [i, child] of item.children.entries())
            if (child.type !== 'paragraph') rest.push({ node: child, previous: item.children[i - 1] });
        for (let i = rest.length - 1; i >= 0; i--) stack.push(rest[i]!);
        break;
      }
      case 'code':
      case 'html':
      case 'yaml':
        break;
      default:
        if ('children' in node) pushChildren(node.children as RootContent[]);
    }
  }
  statements.sort(
    (a, b) => Math.min(a.kubernetes.start, a.project.start) - Math.min(b.kubernetes.start, b.project.start),
  );
  return { statements, unreadable };
}

/** The paragraphs of each item of a list (nested lists are groups of their own). */
function listItems(list: List, source: string): ProseBlock[][] {
  return list.children.map((item) =>
    item.children
      .filter((child) => child.type === 'paragraph')
      .map((paragraph) => proseOf(paragraph, source, { inlineCode: 'names' })),
  );
}
