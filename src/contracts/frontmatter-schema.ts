/**
 * The small declarative schema for front matter that configs write (`{ type: string }`,
 * `{ enum: [draft, stable] }`, `{ type: array, items: string }`), turned into zod schemas that
 * validate each key's value.
 */
import { z } from 'zod';

export const VALUE_TYPES = ['string', 'number', 'integer', 'boolean', 'date', 'array', 'object'] as const;
export type ValueType = (typeof VALUE_TYPES)[number];

const ITEM_TYPES = ['string', 'number', 'integer', 'boolean', 'date'] as const;

const allowedValue = z.union([z.string(), z.number(), z.boolean()]);

export const propertySpecSchema = z
  .strictObject({
    type: z
      .enum(VALUE_TYPES)
      .optional()
      .describe('The type of the value; "date" is YYYY-MM-DD, optionally with a time.'),
    enum: z.array(allowedValue).min(1).optional().describe('The allowed values; the value must be one of them.'),
    items: z.enum(ITEM_TYPES).optional().describe('With type "array": the type of every item.'),
  })
  .refine((spec) => spec.items === undefined || spec.type === 'array', { message: 'items only applies to type: array' })
  .describe('What the value of this front matter key must be: its type, its allowed values, or both.');

export type PropertySpec = z.infer<typeof propertySpecSchema>;

/** A date as YAML front matter writes one (GitHub and Jekyll read `2024-05-01` or a full timestamp). */
const ISO_DATE = /^\d{4}-\d{2}-\d{2}(?:[Tt ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:[Zz]|[+-]\d{2}(?::?\d{2})?)?)?$/;

function typeSchema(type: ValueType | (typeof ITEM_TYPES)[number], items?: (typeof ITEM_TYPES)[number]): z.ZodType {
  switch (type) {
    case 'string':
      return z.string();
    case 'number':
      return z.number();
    case 'integer':
      return z.number().int();
    case 'boolean':
      return z.boolean();
    case 'date':
      return z
        .string()
        .regex(ISO_DATE)
        .refine((value) => !Number.isNaN(Date.parse(value.slice(0, 10))));
    case 'array':
      return z.array(items ? typeSchema(items) : z.unknown());
    case 'object':
      return z.record(z.string(), z.unknown());
  }
}

/** What a property's value is checked against: its type first, then its allowed values. */
export interface PropertyValidators {
  type?: z.ZodType;
  allowed?: z.ZodType;
}

export function propertyValidators(spec: PropertySpec): PropertyValidators {
  const result: PropertyValidators = {};
  if (spec.type) result.type = typeSchema(spec.type, spec.items);
  if (spec.enum) result.allowed = z.literal(spec.enum as [string | number | boolean, ...(string | number | boolean)[]]);
  return result;
}

/** How a value is described in messages ("a number", "a list", "empty"). */
export function describeKind(value: unknown): string {
  if (value === null || value === undefined) return 'empty';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'number') return Number.isInteger(value) ? 'an integer' : 'a number';
  if (typeof value === 'boolean') return 'a boolean';
  return 'a string';
}

export function describeType(spec: PropertySpec): string {
  switch (spec.type) {
    case 'array':
      return spec.items ? `a list of ${spec.items} values` : 'a list';
    case 'object':
      return 'a mapping';
    case 'date':
      return 'a date (YYYY-MM-DD)';
    case 'integer':
      return 'an integer';
    default:
      return `a ${spec.type}`;
  }
}
