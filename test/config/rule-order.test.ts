/** Rules sorted by id: the order localeCompare gives, without loading the ICU collator for built-in ids. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sortByRuleId } from '../../src/config/rule-order.js';
import { RULES } from '../../rules/index.js';

const byLocale = (ids: readonly string[]): string[] => [...ids].sort((a, b) => a.localeCompare(b, 'en'));
const sorted = (ids: readonly string[]): string[] => sortByRuleId([...ids], (id) => id);

describe('sortByRuleId', () => {
  it('orders the built-in rules as localeCompare does', () => {
    const ids = RULES.map((rule) => rule.id).reverse();
    expect(ids.every((id) => /^[a-z0-9-]+$/.test(id))).toBe(true);
    expect(sorted(ids)).toEqual(byLocale(ids));
  });

  it('orders ids of lowercase letters, digits and hyphens as localeCompare does: hyphen, digits, letters, prefix first', () => {
    expect(sorted(['ab', 'a-b', 'a1', 'a', 'b-2', 'b-10'])).toEqual(['a', 'a-b', 'a1', 'ab', 'b-10', 'b-2']);
    fc.assert(
      fc.property(fc.array(fc.stringMatching(/^[a-z0-9-]{0,6}$/), { maxLength: 12 }), (ids) => {
        expect(sorted(ids)).toEqual(byLocale(ids));
      }),
      { seed: 15, numRuns: 300 },
    );
  });

  it('sorts a list with any other id by localeCompare as a whole', () => {
    expect(sorted(['b-rule', 'B-rule', 'a-rule', 'Zed'])).toEqual(['a-rule', 'b-rule', 'B-rule', 'Zed']);
  });

  it('sorts the given array in place by the id of each item', () => {
    const items = [{ id: 'links' }, { id: 'anchors' }];
    expect(sortByRuleId(items, (item) => item.id)).toBe(items);
    expect(items.map((item) => item.id)).toEqual(['anchors', 'links']);
  });
});
