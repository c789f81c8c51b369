/**
 * Option values that rules share and that the config must check when it is loaded, so that a
 * mistake is a config error with its key path (exit 2) rather than a rule that throws on the
 * first file it checks.
 */
import { z } from 'zod';

/** Why `source` is not a regular expression (compiled with the "u" flag, as rules compile it), or undefined. */
export function regularExpressionProblem(source: string): string | undefined {
  try {
    new RegExp(source, 'u');
    return undefined;
  } catch (error) {
    const reason = (error as Error).message.replace(/^Invalid regular expression: \/.*\/[a-z]*: /s, '');
    return `not a valid regular expression (JavaScript syntax, "u" flag): ${reason}`;
  }
}

/** A regular expression written as text (without slashes), checked when the config is loaded. */
export const regularExpressionSchema = z.string().superRefine((source, context) => {
  const problem = regularExpressionProblem(source);
  if (problem !== undefined) context.addIssue({ code: 'custom', message: problem });
});
