import { z } from 'zod';
import { lineOf, textNearMiss } from '../src/contracts/near-miss.js';
import { contractsFor, matchesGlob, perGlobSchema } from '../src/contracts/per-glob.js';
import { compileTextPattern, describeTextPattern, textPatternSchema } from '../src/contracts/text-pattern.js';
import { computeLineStarts } from '../src/markdown/parse.js';
import { proseText } from '../src/markdown/words.js';
import { defineProjectRule, GLOB_KEYS } from '../src/core/rule.js';

const requirement = z
  .strictObject({
    allOf: z
      .array(textPatternSchema)
      .min(1)
      .optional()
      .describe(
        'Phrases or /regex/flags that must all appear; one diagnostic per missing one. Give exactly one of allOf and anyOf.',
      ),
    anyOf: z
      .array(textPatternSchema)
      .min(1)
      .optional()
      .describe('Phrases or /regex/flags of which at least one must appear. Give exactly one of allOf and anyOf.'),
    message: z.string().optional().describe('Why the content is required; shown in the diagnostic.'),
    caseSensitive: z
      .boolean()
      .default(false)
      .describe('Match phrases case-sensitively (regular expressions use their own flags).'),
    code: z
      .boolean()
      .default(false)
      .describe('Also search code blocks and inline code (a command or a config key that must be shown).'),
    plainText: z
      .boolean()
      .default(false)
      .describe(
        'Also apply this requirement to files the glob matches that are not Markdown (an SVG diagram, a text file), searched as plain text.',
      ),
  })
  .refine((value) => (value.allOf === undefined) !== (value.anyOf === undefined), {
    message: 'give exactly one of allOf or anyOf',
  });

type Requirement = z.output<typeof requirement>;
type Options = Record<string, Requirement[]>;

const optionsSchema = perGlobSchema(
  z.array(requirement).min(1),
  'Glob (matched against the root-relative path) → the requirements files matching it must meet.',
);

/** A requirement a file does not meet, as plain data (it crosses threads and the cache). */
interface Unmet {
  messageId: 'missingAll' | 'missingAny';
  data: Record<string, string>;
  /** What was found instead (another letter case, words in between), with its line. */
  hint?: string;
}

function note(message: string | undefined): string {
  return message ? `: ${message.trim().replace(/[.\s]+$/, '')}` : '';
}

/** The hint for a phrase that almost appears: where, and how it differs. */
function nearMissHint(
  source: string,
  caseSensitive: boolean,
  searched: string,
  raw: string,
  lineStarts: readonly number[],
): string | undefined {
  const pattern = compileTextPattern(source, caseSensitive);
  const nearMiss = textNearMiss(pattern, searched);
  if (!nearMiss) return undefined;
  const line = lineOf(nearMiss.found, raw, lineStarts);
  const where = `Found "${nearMiss.found}"${line === undefined ? '' : ` on line ${line}`}`;
  const wanted = describeTextPattern(source, 'text');
  return nearMiss.kind === 'case'
    ? `${where}: the contract wants ${wanted} in that letter case.`
    : `${where}: the contract wants exactly ${wanted}.`;
}

/** Which requirements `searched` (the text a reader sees) does not meet. */
function unmetRequirements(
  requirements: readonly Requirement[],
  searched: (requirement: Requirement) => string,
  raw: string,
  lineStarts: readonly number[],
): Unmet[] {
  const unmet: Unmet[] = [];
  for (const requirement of requirements) {
    const { allOf, anyOf, message, caseSensitive } = requirement;
    const text = searched(requirement);
    for (const source of allOf ?? []) {
      if (compileTextPattern(source, caseSensitive).search.test(text)) continue;
      const hint = nearMissHint(source, caseSensitive, text, raw, lineStarts);
      unmet.push({
        messageId: 'missingAll',
        data: { pattern: describeTextPattern(source, 'text'), note: note(message) },
        ...(hint ? { hint } : {}),
      });
    }
    if (anyOf && !anyOf.some((source) => compileTextPattern(source, caseSensitive).search.test(text))) {
      const hint = anyOf
        .map((source) => nearMissHint(source, caseSensitive, text, raw, lineStarts))
        .find((found) => found !== undefined);
      unmet.push({
        messageId: 'missingAny',
        data: { patterns: anyOf.map((source) => describeTextPattern(source, 'text')).join(', '), note: note(message) },
        ...(hint ? { hint } : {}),
      });
    }
  }
  return unmet;
}

/** Globs of the contracts that also apply to files that are not Markdown. */
function plainTextGlobs(options: Options): string[] {
  return Object.entries(options)
    .filter(([, requirements]) => requirements.some((requirement) => requirement.plainText))
    .map(([glob]) => glob);
}

/**
 * Phrases a document must contain, per glob ("Operational Discipline" in the README; "optional"
 * or "advanced" in the last factors). Matched against the text a reader sees: prose and the text
 * inside raw HTML, but not front matter or HTML comments, nor code unless asked for; a phrase may
 * wrap across lines. Files that are not Markdown are searched as plain text when a requirement
 * says `plainText`. A project rule only so that the engine can hand it those files' text: each
 * Markdown file is still judged on its own, with its own options.
 */
export default defineProjectRule<Options, Unmet[]>({
  id: 'required-content',
  description: 'Documents matching a glob contain required phrases or patterns (all of a list, or any of one).',
  tags: ['contracts'],
  scope: 'project',
  dependsOn: [],
  defaultSeverity: 'error',
  recommended: false,
  fixable: false,
  options: optionsSchema,
  // The keys are globs relative to the config's folder: the config layer checks them (src/config/option-globs.ts).
  globOptions: [{ path: [GLOB_KEYS] }],
  messages: {
    missingAll: 'Missing required text {pattern}{note}.',
    missingAny: 'Missing required text: none of {patterns} appears{note}.',
  },
  extract(file, options) {
    const requirements = contractsFor(options, file.path).flatMap(({ contract }) => contract);
    if (requirements.length === 0) return [];
    const prose = (code: boolean): string => proseText(file.tree, { code, frontMatter: false, html: true });
    const searched = new Map<boolean, string>();
    const textFor = (requirement: Requirement): string => {
      if (!searched.has(requirement.code)) searched.set(requirement.code, prose(requirement.code));
      return searched.get(requirement.code)!;
    };
    return unmetRequirements(requirements, textFor, file.text, file.lineStarts);
  },
  plainTextFiles: plainTextGlobs,
  check({ index, options, extracted, plainTexts, report }) {
    const reportUnmet = (file: string, unmet: readonly Unmet[]): void => {
      for (const { messageId, data, hint } of unmet)
        report({ file, messageId, data, at: { start: 0, end: 0 }, ...(hint ? { suggestion: hint } : {}) });
    };
    for (const file of index.targets) {
      const facts = index.files.get(file);
      if (facts) reportUnmet(file, extracted<Unmet[]>(facts) ?? []);
    }
    for (const [file, text] of plainTexts) {
      const requirements = Object.entries(options)
        .filter(([glob]) => matchesGlob(glob, file))
        .flatMap(([, list]) => list.filter((requirement) => requirement.plainText));
      reportUnmet(
        file,
        unmetRequirements(requirements, () => text, text, computeLineStarts(text)),
      );
    }
  },
});
