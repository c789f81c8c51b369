import type { Yaml } from 'mdast';
import { z } from 'zod';
import {
  readFrontMatterYaml,
  YAML_SPECS,
  type FrontMatterYaml,
  type SourceRange,
  type TopLevelEntry,
  type YamlSpec,
} from '../src/contracts/front-matter-yaml.js';
import {
  describeKind,
  describeType,
  propertySpecSchema,
  propertyValidators,
} from '../src/contracts/frontmatter-schema.js';
import { contractsFor, perGlobSchema } from '../src/contracts/per-glob.js';
import { defineFileRule, type ReportDescriptor, GLOB_KEYS } from '../src/core/rule.js';
import { closestMatches } from '../src/text/did-you-mean.js';

const contract = z.strictObject({
  required: z.array(z.string().min(1)).default([]).describe('Keys every matching file must have.'),
  properties: z
    .record(z.string().min(1), propertySpecSchema)
    .default({})
    .describe('Front matter key → what its value must be ({ type, enum, items }).'),
  allowUnknownKeys: z
    .boolean()
    .default(true)
    .describe('Allow keys that are neither required nor described in properties.'),
  yamlSpec: z
    .enum(YAML_SPECS)
    .optional()
    .describe(
      'How the YAML is judged: "github" (the default) as GitHub reads it with libyaml; "strict" as YAML 1.2, for sites built by stricter tools (multi-line scalars must be indented, duplicate keys are errors).',
    ),
});

interface ParsedFrontMatter {
  yaml: FrontMatterYaml;
  /** Offset in the file where the YAML text (after the opening `---` line) starts. */
  contentStart: number;
  node: Yaml;
}

function parseFrontMatter(text: string, node: Yaml, spec: YamlSpec): ParsedFrontMatter {
  const start = node.position?.start.offset ?? 0;
  const lineEnd = text.indexOf('\n', start);
  const contentStart = lineEnd < 0 ? start : lineEnd + 1;
  // node.value is the source between the fences; parse it in place so that offsets map back exactly.
  const source = text.startsWith(node.value, contentStart) ? node.value : '';
  return { yaml: readFrontMatterYaml(source, spec), contentStart, node };
}

/** The last matching glob that says how to judge the YAML decides; GitHub's reading otherwise. */
function yamlSpecFor(contracts: readonly { contract: { yamlSpec?: YamlSpec | undefined } }[]): YamlSpec {
  return contracts.findLast(({ contract: { yamlSpec } }) => yamlSpec !== undefined)?.contract.yamlSpec ?? 'github';
}

const plainValue = (value: unknown): string =>
  typeof value === 'string' ? `"${value}"` : (JSON.stringify(value) ?? String(value));

/**
 * Front matter that GitHub can render: valid YAML as GitHub's libyaml reads it (or as YAML 1.2,
 * per glob), no key given twice, and per glob the keys a contract requires, with the types and
 * values a small declarative schema allows.
 */
export default defineFileRule({
  id: 'frontmatter',
  description:
    'Front matter is valid YAML, and documents matching a glob have the keys, types and values their schema requires.',
  tags: ['contracts', 'rendering'],
  scope: 'file',
  defaultSeverity: 'error',
  recommended: true,
  fixable: false,
  options: perGlobSchema(
    contract,
    'Glob (matched against the root-relative path) → the front matter schema for files matching it.',
  ),
  // The keys are globs relative to the config's folder: the config layer checks them (src/config/option-globs.ts).
  globOptions: [{ path: [GLOB_KEYS], lintedOnly: true }],
  messages: {
    invalidYaml: 'Front matter is not valid YAML: {detail}.',
    duplicateKey:
      'Front matter key "{key}" is given again; only this value is kept, the one on line {line} is dropped.',
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
    const contracts = contractsFor(options, file.path);
    const parsed = node ? parseFrontMatter(file.text, node, yamlSpecFor(contracts)) : undefined;
    const rangeOf = (range: SourceRange): ReportDescriptor['at'] => ({
      start: parsed!.contentStart + range[0],
      end: parsed!.contentStart + range[1],
    });
    if (parsed?.yaml.problem) {
      const { range, detail } = parsed.yaml.problem;
      report({ messageId: 'invalidYaml', data: { detail }, at: rangeOf(range) });
      return;
    }
    const entries = new Map<string, TopLevelEntry>();
    for (const entry of parsed?.yaml.entries ?? []) {
      const earlier = entries.get(entry.key);
      if (earlier) {
        const line = file.text.slice(0, parsed!.contentStart + earlier.keyRange[0]).split('\n').length;
        report({
          messageId: 'duplicateKey',
          data: { key: entry.key, line: String(line) },
          at: rangeOf(entry.keyRange),
        });
      }
      entries.set(entry.key, entry);
    }
    if (contracts.length === 0) return;
    const at = node ?? { start: 0, end: 0 };
    if (!parsed) {
      for (const {
        glob,
        contract: { required },
      } of contracts) {
        if (required.length > 0)
          report({
            messageId: 'missingFrontMatter',
            data: { glob, keys: required.map((key) => `"${key}"`).join(', ') },
            at,
          });
      }
      return;
    }
    const data = parsed.yaml.data;
    if (data !== null && data !== undefined && !parsed.yaml.isMapping) {
      report({ messageId: 'notMapping', data: { kind: describeKind(data) }, at });
      return;
    }
    const values = (data ?? {}) as Record<string, unknown>;

    for (const {
      glob,
      contract: { required, properties, allowUnknownKeys },
    } of contracts) {
      for (const key of required) if (!entries.has(key)) report({ messageId: 'missingKey', data: { key, glob }, at });
      for (const [key, spec] of Object.entries(properties)) {
        const entry = entries.get(key);
        if (!entry) continue;
        const value = values[key];
        // An empty value (`title:`) has no range: point at the key instead.
        const where = rangeOf(entry.valueRange ?? entry.keyRange);
        const validators = propertyValidators(spec);
        if (validators.type && !validators.type.safeParse(value).success) {
          report({
            messageId: 'wrongType',
            data: { key, expected: describeType(spec), actual: describeKind(value) },
            at: where,
          });
        } else if (validators.allowed && !validators.allowed.safeParse(value).success) {
          report({
            messageId: 'notAllowed',
            data: { key, value: plainValue(value), allowed: spec.enum!.map(plainValue).join(', ') },
            at: where,
          });
        }
      }
      if (allowUnknownKeys) continue;
      const known = new Set([...required, ...Object.keys(properties)]);
      for (const [key, entry] of entries) {
        if (known.has(key)) continue;
        const [closest] = closestMatches(key, known);
        report({
          messageId: 'unknownKey',
          data: { key, glob },
          at: rangeOf(entry.keyRange),
          ...(closest === undefined ? {} : { suggestion: `Did you mean "${closest}"?` }),
        });
      }
    }
  },
});
