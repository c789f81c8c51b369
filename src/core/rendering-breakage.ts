import { z } from 'zod';
import type { FileRule } from './rule.js';

/**
 * What the rules that find a page GitHub renders broken declare alike: an unclosed code fence or
 * HTML comment, a fence that does not nest, a ragged table. Each hides or mangles the rest of a
 * page, so each is an error in the recommended preset; none has options, and none has a fix (the
 * author must say where the block ends). Kept in one place so that the four cannot drift apart.
 */
export const RENDERING_BREAKAGE = {
  tags: ['rendering'],
  scope: 'file',
  defaultSeverity: 'error',
  recommended: true,
  fixable: false,
  options: z.strictObject({}),
} as const satisfies Pick<
  FileRule<Record<string, never>>,
  'tags' | 'scope' | 'defaultSeverity' | 'recommended' | 'fixable' | 'options'
>;
