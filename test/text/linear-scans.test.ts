/**
 * Scans of our own stay linear in what they find (issue 25). The bounds are on CPU time, which a
 * busy shared machine does not stretch, and generous; the quadratic versions took a minute or more
 * on these inputs.
 */
import { describe, expect, it } from 'vitest';
import { findEncodingDamage } from '../../src/text/mojibake.js';
import { SuppressionMap } from '../../src/suppressions/control-comments.js';
import type { Directive } from '../../src/core/facts.js';
import { resolveLinkTarget } from '../../src/links/resolve.js';
import { threadCpuMs } from '../helpers/cpu-time.js';

describe('linear scans', () => {
  it('100,000 control characters are 100,000 damages, found in linear time (it took 66 s)', () => {
    const text = `# T\n\nÃ© ${'\u0001'.repeat(100_000)} â€ x\n`;
    const started = threadCpuMs();
    const damage = findEncodingDamage(text);
    expect(threadCpuMs() - started).toBeLessThan(10_000);
    expect(damage).toHaveLength(100_002);
    expect(damage[0]).toMatchObject({ kind: 'mojibake', start: 5, end: 7, repaired: 'é' });
    expect(damage[1]).toEqual({ kind: 'control', start: 8, end: 9 });
    expect(damage.at(-1)).toEqual({ kind: 'incomplete', start: 100_009, end: 100_011 });
  });

  it('20,000 disable/enable pairs with as many next-line comments answer 40,000 questions in linear time', () => {
    const directives: Directive[] = [];
    for (let index = 0; index < 20_000; index++) {
      const line = index * 3 + 1;
      directives.push({
        kind: 'disable',
        rules: ['links'],
        start: index * 100,
        end: index * 100 + 30,
        line,
        ruleOffsets: [],
      });
      directives.push({
        kind: 'enable',
        rules: ['links'],
        start: index * 100 + 60,
        end: index * 100 + 90,
        line: line + 2,
        ruleOffsets: [],
      });
      directives.push({
        kind: 'disable-next-line',
        rules: null,
        start: index * 100 + 92,
        end: index * 100 + 99,
        line: line + 2,
        targetLine: line + 3,
        ruleOffsets: [],
      });
    }
    const started = threadCpuMs();
    const map = new SuppressionMap(directives);
    let silenced = 0;
    for (let index = 0; index < 20_000; index++) {
      if (map.suppresses('links', index * 3 + 2)) silenced++;
      if (map.suppresses('anchors', index * 3 + 4)) silenced++;
    }
    expect(threadCpuMs() - started).toBeLessThan(10_000);
    expect(silenced).toBe(40_000);
    expect(map.unused()).toEqual([]);
    // The enable ends the disable: the line after it is not silenced.
    expect(map.suppresses('links', 3)).toBe(false);
  });

  it('a destination of 100,000 "../" resolves in linear time (path.normalize took over a minute), as path.normalize would', () => {
    const started = threadCpuMs();
    const target = resolveLinkTarget('docs/a.md', `${'../'.repeat(100_000)}x.md#top`)!;
    expect(threadCpuMs() - started).toBeLessThan(10_000);
    expect(target).toEqual({ path: `${'../'.repeat(99_999)}x.md`, fragment: 'top', escapesRoot: true });
    expect(resolveLinkTarget('docs/a/b.md', `${'c/'.repeat(70)}${'../'.repeat(71)}x.md`)).toEqual({
      path: 'docs/x.md',
      escapesRoot: false,
    });
    expect(resolveLinkTarget('a.md', `/${'a/'.repeat(70)}${'../'.repeat(70)}`)).toEqual({
      path: '',
      escapesRoot: false,
    });
  });
});
