/**
 * Reads the YAML of a front matter block the way the site that renders it does.
 *
 * - `github`: as GitHub does. GitHub parses front matter with libyaml (Ruby's Psych), which is
 *   lenient where YAML 1.2 is strict: a multi-line quoted or plain scalar whose continuation lines
 *   start at column 1 (`summary: "decisions,` ⏎ `- Reviews"`) is one string, and a key given twice
 *   keeps its last value. js-yaml agrees with libyaml on these; it is checked against libyaml
 *   (PyYAML's CSafeLoader) on more than a thousand samples, frozen as a table in
 *   test/rules/frontmatter.test.ts. Tags libyaml does not know (`!custom`) are kept as their plain
 *   value, as libyaml's composer does, instead of failing as js-yaml's schemas would.
 * - `strict`: YAML 1.2 as the `yaml` package reads it, for sites built by stricter tools; a
 *   duplicate key is an error there.
 *
 * Both give the same plain data (YAML 1.2 core schema: `2024-05-01` stays a string, `yes` is a
 * string) and the source ranges of the top-level keys and values, so that schema checks report
 * at the key or value they concern whichever reader was used.
 */
import jsyaml from 'js-yaml';
import { isMap, isScalar, LineCounter, parseDocument, visit } from 'yaml';

export const YAML_SPECS = ['github', 'strict'] as const;
export type YamlSpec = (typeof YAML_SPECS)[number];

/** `[start, end)` offsets into the YAML source. */
export type SourceRange = readonly [number, number];

export interface TopLevelEntry {
  key: string;
  keyRange: SourceRange;
  /** Absent for an empty value (`title:`). */
  valueRange?: SourceRange;
}

export interface YamlProblem {
  range: SourceRange;
  /** One line, without a trailing period. */
  detail: string;
}

export interface FrontMatterYaml {
  problem?: YamlProblem;
  /** The parsed value (undefined when the YAML has a problem or holds nothing). */
  data: unknown;
  /** Whether the document is a mapping (an empty document is not). */
  isMapping: boolean;
  /** Top-level keys in source order; a key given twice appears twice. */
  entries: TopLevelEntry[];
}

const keepPlainValue = (kind: 'scalar' | 'sequence' | 'mapping', prefix: string) =>
  new jsyaml.Type(prefix, { kind, multi: true, construct: (data: unknown) => data });

/**
 * YAML 1.2 core types plus merge keys (`<<: *base`, which Psych resolves), and any other tag kept
 * as its plain value: libyaml only parses, so `!custom x` and `!!binary …` are valid for it.
 */
const GITHUB_SCHEMA = jsyaml.CORE_SCHEMA.extend({
  // js-yaml exports its built-in types as `types`; @types/js-yaml does not declare it.
  implicit: [(jsyaml as unknown as { types: { merge: jsyaml.Type } }).types.merge],
  explicit: (['scalar', 'sequence', 'mapping'] as const).flatMap((kind) => [
    keepPlainValue(kind, '!'),
    keepPlainValue(kind, 'tag:'),
  ]),
});

interface ComposedNode {
  start: number;
  end: number;
  result: unknown;
  children: ComposedNode[];
}

/** The range js-yaml's listener reports for a node, without the whitespace it takes in on either side. */
function trimmedRange(source: string, start: number, end: number): SourceRange {
  let from = start;
  let to = end;
  while (from < to && /\s/.test(source[from]!)) from++;
  while (to > from && /\s/.test(source[to - 1]!)) to--;
  return [from, to];
}

/**
 * js-yaml calls `title: Foo: bar` "bad indentation" (its parser reads `Foo:` as a nested key);
 * libyaml says "mapping values are not allowed in this context". When the line already has a key
 * before the `:` found, say what the writer can act on.
 */
function explained(reason: string, source: string, position: number): string {
  if (reason !== 'bad indentation of a mapping entry') return reason;
  const before = source.slice(source.lastIndexOf('\n', position - 1) + 1, position);
  return /^\s*(?:-\s+)?[^\s#'"][^:]*:\s+\S/.test(before)
    ? 'a value that is not quoted holds ": " (quote the value)'
    : reason;
}

function readWithJsYaml(source: string): FrontMatterYaml {
  const stack: ComposedNode[] = [{ start: 0, end: source.length, result: undefined, children: [] }];
  let data: unknown;
  try {
    data = jsyaml.load(source, {
      schema: GITHUB_SCHEMA,
      // Later keys win over earlier ones, as in libyaml and Psych, instead of an error.
      json: true,
      listener(event, state) {
        if (event === 'open') {
          stack.push({ start: state.position, end: state.position, result: undefined, children: [] });
          return;
        }
        const node = stack.pop()!;
        node.end = state.position;
        node.result = state.result;
        stack.at(-1)!.children.push(node);
      },
    });
  } catch (error) {
    if (!(error instanceof jsyaml.YAMLException)) throw error;
    // The one error without a mark is a second document: a `---` line that is not the closing fence.
    const position = Math.min(error.mark?.position ?? /^---(?=\s|$)/m.exec(source)?.index ?? 0, source.length);
    // An unclosed quote is found at the end of the stream: point at the quote that opens it instead.
    const open =
      /quoted scalar$/.test(error.reason) && stack.length > 1
        ? trimmedRange(source, stack.at(-1)!.start, position)[0]
        : position;
    return {
      problem: { range: [open, position], detail: explained(error.reason, source, position) },
      data: undefined,
      isMapping: false,
      entries: [],
    };
  }
  const isMapping = data !== null && typeof data === 'object' && !Array.isArray(data);
  const entries: TopLevelEntry[] = [];
  if (isMapping) {
    // The document node, then the mapping itself once more for a flow mapping (`{a: 1}`).
    let mapping = stack[0]!.children[0];
    while (mapping && mapping.children.length === 1 && mapping.children[0]!.result === mapping.result)
      mapping = mapping.children[0];
    const children = mapping?.children ?? [];
    for (let index = 0; index + 1 < children.length; index += 2) {
      const key = children[index]!;
      const value = children[index + 1]!;
      const valueRange = trimmedRange(source, value.start, value.end);
      entries.push({
        key: String(key.result),
        keyRange: trimmedRange(source, key.start, key.end),
        ...(valueRange[1] > valueRange[0] ? { valueRange } : {}),
      });
    }
  }
  return { data, isMapping, entries };
}

function readWithYamlPackage(source: string): FrontMatterYaml {
  const document = parseDocument(source, { lineCounter: new LineCounter(), prettyErrors: false, uniqueKeys: true });
  const error = document.errors[0];
  if (error) {
    return {
      problem: {
        range: [error.pos[0], Math.max(error.pos[0], error.pos[1])],
        detail: error.message.split('\n')[0]!.replace(/[.:]\s*$/, ''),
      },
      data: undefined,
      isMapping: false,
      entries: [],
    };
  }
  const contents = document.contents;
  const entries: TopLevelEntry[] = [];
  if (isMap(contents)) {
    for (const pair of contents.items) {
      if (!isScalar(pair.key) || !pair.key.range) continue;
      const valueRange = (pair.value as { range?: number[] } | null)?.range;
      entries.push({
        key: String(pair.key.value),
        keyRange: [pair.key.range[0], pair.key.range[1]],
        ...(valueRange && valueRange[1]! > valueRange[0]!
          ? { valueRange: [valueRange[0]!, valueRange[1]!] as const }
          : {}),
      });
    }
  }
  // The `yaml` package finds an alias to an anchor never defined (`ref: *missing`) only when it builds the value.
  let unresolved: SourceRange | undefined;
  visit(document, {
    Alias(_, alias) {
      if (alias.resolve(document) !== undefined) return undefined;
      unresolved = [alias.range?.[0] ?? 0, alias.range?.[1] ?? 0];
      return visit.BREAK;
    },
  });
  if (unresolved)
    return {
      problem: { range: unresolved, detail: 'Unresolved alias (the anchor must be set before the alias)' },
      data: undefined,
      isMapping: false,
      entries: [],
    };
  return { data: document.toJS() as unknown, isMapping: isMap(contents), entries };
}

/** Parses the YAML of a front matter block (the text between its fences) as `spec` says. */
export function readFrontMatterYaml(source: string, spec: YamlSpec): FrontMatterYaml {
  return spec === 'github' ? readWithJsYaml(source) : readWithYamlPackage(source);
}
