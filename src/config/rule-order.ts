/**
 * The order of rules wherever a list of them is shown or run: by id.
 *
 * Why not `localeCompare` alone: its first call loads the ICU collator, 5–10 ms of a one-file
 * run's start-up (docs/performance.md#start-up), and its order follows the user's locale (in
 * Estonian, "z" sorts before "t"). Built-in ids are lowercase ASCII letters, digits and hyphens,
 * where the order of code units is the order `localeCompare` gives in the root locale (hyphen,
 * then digits, then letters; a prefix first). A list with any other id (rules handed to the
 * programmatic API) is sorted with `localeCompare` as a whole, so that one sort never mixes two
 * orders.
 */
const PLAIN_ID = /^[a-z0-9-]*$/;

const byCodeUnits = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const byLocale = (a: string, b: string): number => a.localeCompare(b);

/** Sorts `items` in place by the rule id `idOf` gives, and returns them. */
export function sortByRuleId<T>(items: T[], idOf: (item: T) => string): T[] {
  const compare = items.every((item) => PLAIN_ID.test(idOf(item))) ? byCodeUnits : byLocale;
  return items.sort((a, b) => compare(idOf(a), idOf(b)));
}
