import type { Yaml } from 'mdast';
import { isMap, isScalar, LineCounter, parseDocument, type Document, type Pair } from 'yaml';
import { z } from 'zod';
import { describeKind, describeType, propertySpecSchema, propertyValidators } from '../src/contracts/frontmatter-schema.js';
import { contractsFor, perGlobSchema } from '../src/contracts/per-glob.js';
import { defineFileRule, type ReportDescriptor, GLOB_KEYS } from '../src/core/rule.js';
import { closestMatches } from '../src/text/did-you-mean.js';

const contract = z.strictObject({
  required: z.array(z.string().min(1)).default([]).describe('Keys every matching file must have.'),
  properties: z.record(z.string().min(1), propertySpecSchema).default({}).describe('Front matter key → what its value must be ({ type, enum, items }).'),
  allowUnknownKeys: z.boolean().default(true).describe('Allow keys that are neither required nor described in properties.'),
});

interface ParsedFrontMatter {
  document: Document;
  /** Offset in the file where the YAML text (after the opening `---` line) starts. */
  contentStart: number;
  node: Yaml;
}

function parseFrontMatter(text: string, node: Yaml): ParsedFrontMatter {
  const start = node.position?.start.offset ?? 0;
  const lineEnd = text.indexOf('\n', start);
  const contentStart = lineEnd < 0 ? start : lineEnd + 1;
  // node.value is the source between the fences; parse it in place so that offsets map back exactly.
  const source = text.startsWith(node.value, contentStart) ? node.value : '';
  return { document: parseDocument(source, { lineCounter: new LineCounter(), prettyErrors: false, uniqueKeys: true }), contentStart, node };
}

const plainValue = (value: unknown): string => (typeof value === 'string' ? `"${value}"` : JSON.stringify(value) ?? String(value));

/**
 * Front matter that GitHub can render: valid YAML everywhere (with no options), and per glob the
 * keys a contract requires, with the types and values a small declarative schema allows.
 */
export default defineFileRule({
  id: 'frontmatter',
  description: 'Front matter is valid YAML, and documents matching a glob have the keys, types and values their schema requires.',
  tags: ['contracts', 'rendering'],
  scope: 'file',
  defaultSeverity: 'error',
  recommended: true,
  fixable: false,
  options: perGlobSchema(contract, 'Glob (matched against the root-relative path) → the front matter schema for files matching it.'),
  // The keys are globs relative to the config's folder: the config layer checks them (src/config/option-globs.ts).
  globOptions: [{ path: [GLOB_KEYS], lintedOnly: true }],
  messages: {
    invalidYaml: 'Front matter is not valid YAML: {detail}.',
    notMapping: 'Front matter must be a mapping of keys to values, not {kind}.',
    missingFrontMatter: 'No front matter; "{glob}" requires the keys {keys}.',
    missingKey: 'Front matter lacks the key "{key}" that "{glob}" requires.',
    wrongType: 'Front matter key "{key}" must be {expected}, not {actual}.',
    notAllowed: 'Front matter key "{key}" is {value}; allowed: {allowed}.',
    unknownKey: 'Front matter key "{key}" is not in the schema for "{glob}".',
  },
  check({ file, options, report }) {
    const first = file.tree.children[0];
    const node = first?.type === 'yaml' ? first : undefined;
    const parsed = node ? parseFrontMatter(file.text, node) : undefined;
    if (parsed && parsed.document.errors.length > 0) {
      const error = parsed.document.errors[0]!;
      const start = parsed.contentStart + error.pos[0];
      report({ messageId: 'invalidYaml', data: { detail: error.message.split('\n')[0]!.replace(/[.:]\s*$/, '') }, at: { start, end: Math.max(start, parsed.contentStart + error.pos[1]) } });
      return;
    }
    const contracts = contractsFor(options, file.path);
    if (contracts.length === 0) return;
    const at = node ?? { start: 0, end: 0 };
    if (!parsed) {
      for (const { glob, contract: { required } } of contracts) {
        if (required.length > 0) report({ messageId: 'missingFrontMatter', data: { glob, keys: required.map((key) => `"${key}"`).join(', ') }, at });
      }
      return;
    }
    const contents = parsed.document.contents;
    const data = parsed.document.toJS() as unknown;
    if (data !== null && data !== undefined && !isMap(contents)) {
      report({ messageId: 'notMapping', data: { kind: describeKind(data) }, at });
      return;
    }
    const pairs = new Map<string, Pair>();
    if (isMap(contents)) for (const pair of contents.items) if (isScalar(pair.key)) pairs.set(String(pair.key.value), pair);
    const values = (data ?? {}) as Record<string, unknown>;
    const rangeOf = (range: readonly number[] | null | undefined): ReportDescriptor['at'] =>
      range ? { start: parsed.contentStart + range[0]!, end: parsed.contentStart + range[1]! } : at;

    for (const { glob, contract: { required, properties, allowUnknownKeys } } of contracts) {
      for (const key of required) if (!pairs.has(key)) report({ messageId: 'missingKey', data: { key, glob }, at });
      for (const [key, spec] of Object.entries(properties)) {
        const pair = pairs.get(key);
        if (!pair) continue;
        const value = values[key];
        // An empty value (`title:`) has a zero-length range: point at the key instead.
        const valueRange = (pair.value as { range?: number[] } | null)?.range;
        const where = rangeOf(valueRange && valueRange[1]! > valueRange[0]! ? valueRange : (pair.key as { range?: number[] }).range);
        const validators = propertyValidators(spec);
        if (validators.type && !validators.type.safeParse(value).success) {
          report({ messageId: 'wrongType', data: { key, expected: describeType(spec), actual: describeKind(value) }, at: where });
        } else if (validators.allowed && !validators.allowed.safeParse(value).success) {
          report({ messageId: 'notAllowed', data: { key, value: plainValue(value), allowed: spec.enum!.map(plainValue).join(', ') }, at: where });
        }
      }
      if (allowUnknownKeys) continue;
      const known = new Set([...required, ...Object.keys(properties)]);
      for (const [key, pair] of pairs) {
        if (known.has(key)) continue;
        const [closest] = closestMatches(key, known);
        report({
          messageId: 'unknownKey',
          data: { key, glob },
          at: rangeOf((pair.key as { range?: number[] }).range),
          ...(closest === undefined ? {} : { suggestion: `Did you mean "${closest}"?` }),
        });
      }
    }
  },
});
