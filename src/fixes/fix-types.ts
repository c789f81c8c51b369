/**
 * What --fix applies. A module of its own so that the command line can name the choices without
 * loading the fix machinery (and the engine behind it) at start-up.
 *
 * - `fix`: the certain fixes only (the default);
 * - `suggestion`: also the first suggestion of each problem that has no certain fix — a likely
 *   repair, such as the nearest anchor, that someone should review in the diff.
 */
export type FixType = 'fix' | 'suggestion';

export const FIX_TYPES: readonly FixType[] = ['fix', 'suggestion'];
