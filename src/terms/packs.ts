/**
 * Built-in terminology packs: data files in src/terms/packs/, validated by zod when first used. A
 * pack has terms (for terminology and term-consistency) and may have a concept vocabulary (for
 * k8s-concepts and for recognising mapping statements).
 */
import { z } from 'zod';
import kubernetesPack from './packs/kubernetes.json' with { type: 'json' };
import { termSchema, type Term } from './term-list.js';

const conceptSchema = z.strictObject({
  name: z.string().min(1),
  aliases: z.array(z.string().min(1)),
  category: z.enum(['component', 'kind', 'glossary', 'concept', 'architecture', 'add-on', 'legacy']),
});

export const packSchema = z.strictObject({
  name: z.string().regex(/^[a-z][a-z0-9-]*$/),
  description: z.string().min(1),
  sources: z.array(z.string()),
  terms: z.array(termSchema),
  concepts: z.array(conceptSchema).default([]),
  /** One-word concept names that are also ordinary English: weak evidence of a mapping. */
  'ambiguous-words': z.array(z.string()).default([]),
});

export type TermPack = z.output<typeof packSchema>;
export type Concept = z.output<typeof conceptSchema>;

const PACK_DATA: Record<string, unknown> = { kubernetes: kubernetesPack };

export const PACK_NAMES = Object.keys(PACK_DATA) as [string, ...string[]];

const parsed = new Map<string, TermPack>();

/** A built-in pack, parsed once; a broken pack file is a bug in this tool, so it throws. */
export function builtInPack(name: string): TermPack {
  const cached = parsed.get(name);
  if (cached) return cached;
  const result = packSchema.safeParse(PACK_DATA[name]);
  if (!result.success) {
    const issues = result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
    throw new Error(`built-in pack "${name}" is invalid: ${issues}`);
  }
  parsed.set(name, result.data);
  return result.data;
}

export function packTerms(names: readonly string[]): Term[] {
  return names.flatMap((name) => builtInPack(name).terms);
}

export const packNameSchema = z.enum(PACK_NAMES);
