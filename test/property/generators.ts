/**
 * fast-check generators for the property tests: Markdown documents built from the constructs of
 * GFM nested at random (block quotes and lists in each other, emphasis in links in tables…), with
 * the things real repositories hold (front matter, control comments, duplicate headings, links to
 * other files and their anchors, raw HTML, unclosed fences and comments), written with LF or
 * CRLF and with or without a byte-order mark; and byte-level mutations of real files from
 * fixtures/.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';

/** Words that exercise the rules: terms with several spellings, URLs, entities, escapes, non-ASCII, emoji. */
const WORDS = [
  'setup',
  'Setup',
  'install',
  'Kubernetes',
  'kubernetes',
  'k8s',
  'K8s',
  'Pod',
  'ConfigMap',
  'kube-proxy',
  'naïve',
  'über',
  'café',
  '日本語',
  'שלום',
  '🚀',
  'e\u0301',
  'x',
  'a_b',
  'https://example.com/a_(b)',
  'www.example.org',
  'me@example.com',
  '&amp;',
  '&#x1F600;',
  '\\*',
  '\\[',
  '→',
  'maps to',
  'Ã©',
  '\u00a0',
  '\u200b',
] as const;

const word = fc.constantFrom(...WORDS);
const words = fc.array(word, { minLength: 1, maxLength: 5 }).map((list) => list.join(' '));

/** Where links point: files of the generated project (with and without anchors), missing files, external URLs. */
const destination = fc.constantFrom(
  'a.md',
  'docs/b.md#setup',
  'docs/b.md#missing',
  '#setup',
  '#setup-1',
  '../outside.md',
  'missing.md',
  'docs/',
  'https://example.com/x',
  '<a b.md>',
  'a.md "title"',
  'images/x.png',
  'A.md',
);
const label = fc.constantFrom('ref', 'Ref', 'other', 'x y', 'missing');
const ruleIds = fc.constantFrom('links', 'anchors', 'terminology', 'no-such-rule', 'mojibake', 'heading-increment', '');

/** Inline content, nested at random. */
const inline: fc.Arbitrary<string> = fc.letrec<{ inline: string }>((tie) => ({
  inline: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    words,
    tie('inline').map((inner) => `*${inner}*`),
    tie('inline').map((inner) => `**${inner}**`),
    tie('inline').map((inner) => `~~${inner}~~`),
    words.map((text) => `\`${text}\``),
    fc.tuple(tie('inline'), destination).map(([text, to]) => `[${text}](${to})`),
    fc.tuple(words, destination).map(([alt, to]) => `![${alt}](${to})`),
    fc.tuple(tie('inline'), label).map(([text, name]) => `[${text}][${name}]`),
    label.map((name) => `[${name}]`),
    fc.constant('<https://auto.example/x>'),
    fc.tuple(words, destination).map(([text, to]) => `<a href="${to}">${text}</a>`),
    fc.constant('<span id="setup">'),
    fc.constant('[^note]'),
    fc.constant('  \n'),
  ),
})).inline;

const line = fc.array(inline, { minLength: 1, maxLength: 4 }).map((parts) => parts.join(' '));

const controlComment = fc
  .tuple(fc.constantFrom('disable', 'enable', 'disable-next-line', 'disable-file'), fc.array(ruleIds, { maxLength: 2 }))
  .map(([kind, rules]) => `<!-- agentops-lint-${kind} ${rules.join(' ')} -->`);

/** Prefixes every line of a block: the first line with `first`, the others with `rest` (container continuation). */
function prefixLines(block: string, first: string, rest: string): string {
  return block
    .split('\n')
    .map((text, index) => (index === 0 ? first : text === '' ? rest.trimEnd() : rest) + text)
    .join('\n');
}

/** Blocks, with containers that hold blocks (so that quotes, lists and their contents nest at random). */
const blocks: fc.Arbitrary<string> = fc.letrec<{ block: string; blocks: string }>((tie) => ({
  blocks: fc.array(tie('block'), { minLength: 1, maxLength: 4 }).map((list) => list.join('\n\n')),
  block: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    line,
    fc.tuple(fc.integer({ min: 1, max: 6 }), line).map(([level, text]) => `${'#'.repeat(level)} ${text}`),
    fc.constantFrom('## Setup', '## Setup', '#Heading without space', 'Setext\n======', 'Other\n---'),
    tie('blocks').map((inner) => prefixLines(inner, '> ', '> ')),
    fc
      .tuple(
        fc.constantFrom('- ', '* ', '1. ', '2) ', '- [ ] ', '- [x] '),
        fc.array(tie('blocks'), { minLength: 1, maxLength: 3 }),
      )
      .map(([marker, items]) => items.map((item) => prefixLines(item, marker, ' '.repeat(marker.length))).join('\n')),
    fc
      .tuple(fc.constantFrom('```', '~~~', '````'), fc.constantFrom('', 'sh', 'markdown', 'js'), words, fc.boolean())
      .map(([fence, info, body, closed]) => `${fence}${info}\n${body}\n${closed ? fence : ''}`),
    fc
      .tuple(
        fc.array(words, { minLength: 1, maxLength: 3 }),
        fc.array(fc.array(inline, { minLength: 0, maxLength: 4 }), { maxLength: 3 }),
      )
      .map(([header, rows]) =>
        [
          `| ${header.join(' | ')} |`,
          `|${header.map(() => ' --- ').join('|')}|`,
          ...rows.map((cells) => `| ${cells.join(' | ')} |`),
        ].join('\n'),
      ),
    fc.constantFrom(
      '***',
      '- - -',
      '<div id="anchor">\n\n*html block*\n\n</div>',
      '<!-- a comment -->',
      '<!-- unclosed comment',
      '<details><summary>More</summary>',
      '<h2>Html heading</h2>',
      '<script>alert(1)</script>',
    ),
    fc.tuple(label, destination).map(([name, to]) => `[${name}]: ${to}`),
    inline.map((text) => `[^note]: ${text}`),
    controlComment,
    fc.constantFrom('Kubernetes Pod → our Agent', '| Kubernetes | Ours |\n| --- | --- |\n| Pod | Agent |'),
  ),
})).blocks;

const frontMatter = fc.oneof(
  fc.constant(''),
  fc.constantFrom(
    '---\ntitle: Doc\ntags: [a, b]\n---\n\n',
    '---\ntitle: [unclosed\n---\n\n',
    '+++\ntitle = "toml"\n+++\n\n',
  ),
);

export interface GeneratedDocument {
  text: string;
  /** Encoded as the file holds it: CRLF or LF, with or without a byte-order mark. */
  bytes: Uint8Array;
}

/** A whole document: front matter, blocks, then its line endings and byte-order mark. */
export const document: fc.Arbitrary<GeneratedDocument> = fc
  .tuple(frontMatter, blocks, fc.boolean(), fc.boolean(), fc.boolean())
  .map(([front, body, crlf, bom, finalNewline]) => {
    let text = `${front}${body}${finalNewline ? '\n' : ''}`;
    if (crlf) text = text.replace(/\n/g, '\r\n');
    const encoded = new TextEncoder().encode(text);
    const bytes = bom ? new Uint8Array([0xef, 0xbb, 0xbf, ...encoded]) : encoded;
    return { text, bytes };
  });

/** Paths of a generated project: the files the destinations above point at, and more. */
const PROJECT_PATHS = ['a.md', 'docs/b.md', 'docs/README.md', 'README.md', 'docs/c.markdown'];

/** A project of one to five generated documents. */
export const project: fc.Arbitrary<Record<string, Uint8Array>> = fc
  .array(document, { minLength: 1, maxLength: PROJECT_PATHS.length })
  .map((documents) =>
    Object.fromEntries(documents.map((generated, index) => [PROJECT_PATHS[index]!, generated.bytes])),
  );

const FIXTURES = fileURLToPath(new URL('../../fixtures/', import.meta.url));

/** Every Markdown file of fixtures/, as bytes (read once). */
export const FIXTURE_FILES: readonly { path: string; bytes: Uint8Array }[] = readdirSync(FIXTURES, {
  recursive: true,
  encoding: 'utf8',
})
  .filter((file) => /\.(md|markdown)$/.test(file))
  .sort()
  .map((file) => ({ path: file.split(path.sep).join('/'), bytes: readFileSync(path.join(FIXTURES, file)) }));

type Mutation =
  | { kind: 'insert'; at: number; bytes: number[] }
  | { kind: 'delete'; at: number; length: number }
  | { kind: 'replace'; at: number; bytes: number[] }
  | { kind: 'duplicate'; at: number; length: number };

/** Bytes that break things: NUL, CR, LF, `>`, `-`, `` ` ``, `<`, `[`, `#`, `|`, invalid UTF-8 and the start of multi-byte sequences. */
const NASTY_BYTE = fc.oneof(
  fc.constantFrom(0x00, 0x0d, 0x0a, 0x3e, 0x2d, 0x60, 0x3c, 0x5b, 0x5d, 0x23, 0x7c, 0x2a, 0xc3, 0xe2, 0xf0, 0xff, 0x80),
  fc.integer({ min: 0, max: 255 }),
);

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({
    kind: fc.constant('insert' as const),
    at: fc.nat(),
    bytes: fc.array(NASTY_BYTE, { minLength: 1, maxLength: 8 }),
  }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 64 }) }),
  fc.record({
    kind: fc.constant('replace' as const),
    at: fc.nat(),
    bytes: fc.array(NASTY_BYTE, { minLength: 1, maxLength: 8 }),
  }),
  fc.record({ kind: fc.constant('duplicate' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 256 }) }),
);

function mutate(bytes: Uint8Array, mutations: readonly Mutation[]): Uint8Array {
  let result = Array.from(bytes);
  for (const change of mutations) {
    const at = result.length === 0 ? 0 : change.at % (result.length + 1);
    if (change.kind === 'insert') result.splice(at, 0, ...change.bytes);
    else if (change.kind === 'delete') result.splice(at, change.length);
    else if (change.kind === 'replace') result.splice(at, change.bytes.length, ...change.bytes);
    else
      result = [
        ...result.slice(0, at + change.length),
        ...result.slice(at, at + change.length),
        ...result.slice(at + change.length),
      ];
  }
  return new Uint8Array(result);
}

/** A real file from fixtures/, with a few byte-level mutations. */
export const mutatedFixture: fc.Arbitrary<{ source: string; bytes: Uint8Array }> = fc
  .tuple(fc.constantFrom(...FIXTURE_FILES), fc.array(mutation, { minLength: 1, maxLength: 6 }))
  .map(([fixture, mutations]) => ({ source: fixture.path, bytes: mutate(fixture.bytes, mutations) }));

/** How many runs each property makes: a fixed-seed few in `npm test`, many with `npm run test:property`. */
export function propertyRuns(quick: number): { numRuns: number; seed?: number } {
  const runs = Number(process.env.AGENTOPS_LINT_PROPERTY_RUNS ?? '');
  if (!Number.isFinite(runs) || runs <= 0) return { numRuns: quick, seed: 14 };
  const seed = Number(process.env.AGENTOPS_LINT_PROPERTY_SEED ?? '');
  return { numRuns: runs, ...(Number.isFinite(seed) && process.env.AGENTOPS_LINT_PROPERTY_SEED ? { seed } : {}) };
}
