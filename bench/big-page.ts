/**
 * The big ordinary page of issue 23: sections with headings, links to neighbouring sections, lists,
 * small tables, code blocks and lazy block quotes. bench/page-growth.ts times it as it grows; the
 * language server's protocol tests edit one while another file is edited.
 */

/** One section of the page; `n` numbers it (links point at neighbours, as real pages do). */
function section(n: number): string {
  return [
    `## Section ${n}`,
    '',
    `This section explains part ${n} of the system. See [the next part](#section-${n + 1}) and`,
    `[the overview](#a-big-page) for context. Kubernetes schedules the workload on a node.`,
    '',
    `- first point about ${n}`,
    '  continued on an indented line',
    `- second point with a [link](#section-${Math.max(1, n - 3)})`,
    '- third point',
    '',
    '| key | value |',
    '| --- | --- |',
    `| a${n} | b${n} |`,
    `| c${n} | d${n} |`,
    '',
    '```yaml',
    `item: ${n}`,
    '```',
    '',
    `> A quoted note for ${n}`,
    'that continues lazily.',
    '',
    '',
  ].join('\n');
}

/** A page of at least `bytes` bytes. */
export function bigPage(bytes: number): string {
  const parts = ['# A big page\n\n'];
  let length = parts[0]!.length;
  for (let n = 1; length < bytes; n++) {
    const next = section(n);
    parts.push(next);
    length += next.length;
  }
  return parts.join('');
}
