/**
 * Terms as data: the shape of a term (canonical form, wrong variants, accepted alternatives) that
 * both the built-in packs and users' config use, validated by zod, and how a pack and a user's
 * terms combine into one list. One rule interprets the list; there is no code per term.
 */
import { z } from 'zod';

const regexSource = z
  .string()
  .min(1)
  .refine((source) => {
    try {
      new RegExp(source, 'u');
      return true;
    } catch {
      return false;
    }
  }, 'not a valid regular expression');

export const termVariantSchema = z.union([
  z.string().min(1).describe('A wrong form, matched as a whole word or phrase (spaces match any whitespace).'),
  z.strictObject({ regex: regexSource.describe('A JavaScript regular expression (u flag) for wrong forms.') }),
]);

export const termSchema = z
  .strictObject({
    use: z.string().min(1).optional().describe('The right form. Omit for a legacy term that has no replacement.'),
    insteadOf: z.array(termVariantSchema).default([]).describe('Wrong forms: strings or { regex }.'),
    accept: z
      .array(z.string().min(1))
      .default([])
      .describe('Other right forms (term-consistency reports mixing them in one file).'),
    except: z
      .array(z.string().min(1))
      .default([])
      .describe('Longer phrases in which a wrong form is fine (a proper noun, a title).'),
    caseSensitive: z
      .boolean()
      .default(true)
      .describe(
        'false: match the wrong forms in any letter case; a match spelled exactly like `use` or an `accept` form passes. List `use` itself among the wrong forms to require its exact case.',
      ),
    plural: z
      .boolean()
      .default(false)
      .describe('Also match plurals (ConfigMaps, NetworkPolicies); the fix keeps the plural.'),
    headings: z
      .boolean()
      .default(true)
      .describe(
        'false: do not check headings and other text in Title Case (labels, link text, table cells), for Title Case styles ("Persistent Volume Claims").',
      ),
    deprecated: z.boolean().default(false).describe('The wrong forms are legacy terms (reported as deprecated).'),
    fix: z.boolean().default(true).describe('Whether --fix may replace a wrong form with `use`.'),
    sentenceStart: z
      .enum(['reword', 'capitalize'])
      .optional()
      .describe(
        'A lowercase `use` at the start of a sentence: "reword" (names such as kubectl; the default for one-word terms) or "capitalize" (common nouns; the default for phrases).',
      ),
    subcommands: z
      .array(z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'a subcommand is one lowercase word'))
      .default([])
      .describe(
        'Subcommands of the command-line tool this term names (kubectl: get, apply, …), those that after the tool\'s name can only be the command: "docker save" in prose is a command to format as code, not a misspelt name, and a subcommand after its tool ("kubectl kustomize") is not a use of another term.',
      ),
    prefer: z
      .enum(['use', 'majority'])
      .default('use')
      .describe(
        'Where term-consistency finds the forms mixed: "use" asks for the `use` form whatever the counts; "majority" lets the most used form win (for names whose spellings are equals).',
      ),
    message: z.string().min(1).optional().describe('Extra explanation appended to the message.'),
    link: z.string().min(1).optional().describe('Where to read more.'),
  })
  .refine((term) => term.use !== undefined || term.deprecated, {
    message: 'a term needs `use` (the right form) or `deprecated: true`',
  })
  .refine((term) => term.use !== undefined || term.insteadOf.length > 0, {
    message: 'a legacy term needs `insteadOf`',
  });

export type Term = z.output<typeof termSchema>;
export type TermInput = z.input<typeof termSchema>;
export type TermVariant = z.output<typeof termVariantSchema>;

/** Compares names ignoring case, spaces, hyphens and other punctuation ("Argo CD" = "argocd"). */
export function nameKey(name: string): string {
  return name.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');
}

/** Every plain-string form a term names: use, accepted forms and string variants. */
export function termForms(term: Term): string[] {
  return [
    ...(term.use === undefined ? [] : [term.use]),
    ...term.accept,
    ...term.insteadOf.filter((variant): variant is string => typeof variant === 'string'),
  ];
}

/**
 * The terms in force: the packs' terms, minus the disabled ones, with the user's terms added. A
 * user's term replaces every pack term that names one of its forms (compared by nameKey), so
 * users can re-decide a spelling the pack makes: `{ use: ArgoCD }` drops the pack's "Argo CD".
 */
export function combineTerms(
  packTerms: readonly Term[],
  userTerms: readonly Term[],
  disabled: readonly string[],
): Term[] {
  const disabledKeys = new Set(disabled.map(nameKey));
  const replacedKeys = new Set(userTerms.flatMap((term) => termForms(term).map(nameKey)));
  const kept = packTerms.filter((term) => {
    const keys = termForms(term).map(nameKey);
    if (term.use !== undefined && disabledKeys.has(nameKey(term.use))) return false;
    if (term.use === undefined && keys.some((key) => disabledKeys.has(key))) return false;
    return !keys.some((key) => replacedKeys.has(key));
  });
  return [...kept, ...userTerms];
}
