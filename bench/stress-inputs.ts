/**
 * The crafted inputs of issue 25, each at a scale: one file that used to hold the gate (quadratic
 * or worse scans, the parser's slow paths, memory). bench/stress.ts runs each at four scales to
 * show growth; test/robustness/stress-budget.test.ts runs a small fixed subset beside a good file.
 */

export interface StressInput {
  name: string;
  /** The file's text at scale n (n counts the repeated unit). */
  make(n: number): string;
  /** The four scales of the benchmark, smallest first. */
  scales: readonly [number, number, number, number];
}

const repeat = (unit: string, n: number): string => unit.repeat(n);

export const STRESS_INPUTS: readonly StressInput[] = [
  {
    name: 'terms-in-one-paragraph',
    make: (n) => `# Terms\n\n${repeat('kubernetes K8S Kubectl configmap ', n)}\n`,
    scales: [500, 1_000, 2_000, 4_000],
  },
  {
    name: 'correct-terms',
    make: (n) => `# Terms\n\n${repeat('Kubernetes kubectl ConfigMap Pod ', n)}\n`,
    scales: [500, 1_000, 2_000, 4_000],
  },
  {
    name: 'close-open-brackets',
    make: (n) => `# Links\n\na${repeat('](', n)}\n`,
    scales: [2_500, 5_000, 10_000, 20_000],
  },
  {
    name: 'open-brackets',
    make: (n) => `# Brackets\n\n${repeat('[', n)}\n`,
    scales: [25_000, 50_000, 100_000, 200_000],
  },
  {
    name: 'nested-emphasis',
    make: (n) => `# Emphasis\n\n${repeat('*a **a ', n)}\n`,
    scales: [1_000, 2_000, 4_000, 8_000],
  },
  {
    name: 'control-characters',
    make: (n) => `# Control\n\n${repeat('\u0001', n)}\n`,
    scales: [12_500, 25_000, 50_000, 100_000],
  },
  {
    name: 'nul-after-probe',
    make: (n) => `# NUL\n\n${repeat('text ', 1_700)}${repeat('\u0000', n)}\n`,
    scales: [15_000, 30_000, 60_000, 120_000],
  },
  {
    name: 'html-comment-openers',
    make: (n) => `# Comments\n\n${repeat('<!--', n)}\n`,
    scales: [12_500, 25_000, 50_000, 100_000],
  },
  {
    name: 'parent-folder-destination',
    make: (n) => `# Up\n\n[y](${repeat('../', n)}x.md)\n`,
    scales: [12_500, 25_000, 50_000, 100_000],
  },
  {
    name: 'control-comments',
    make: (n) =>
      `# Comments\n\n${Array.from({ length: n }, (_, index) => `<!-- agentops-lint-disable-next-line links -->\n[x](missing-${index}.md)\n`).join('\n')}`,
    scales: [2_500, 5_000, 10_000, 20_000],
  },
  {
    name: 'footnote-references',
    make: (n) =>
      `# Notes\n\n${Array.from({ length: n }, (_, index) => `[^n${index % 100}]`).join(' ')}\n\n${Array.from({ length: 100 }, (_, index) => `[^n${index}]: Note ${index}.`).join('\n')}\n`,
    scales: [5_000, 10_000, 20_000, 40_000],
  },
  {
    name: 'long-destination',
    make: (n) => `# Long\n\n[x](https://example.com/${repeat('a', n)})\n`,
    scales: [160_000, 320_000, 640_000, 1_300_000],
  },
  {
    name: 'mapping-table',
    make: (n) =>
      `# Mapping\n\n| Term | Kubernetes |\n| --- | --- |\n${Array.from({ length: n }, (_, index) => `| term-${index} | ConfigMap |`).join('\n')}\n`,
    scales: [2_500, 5_000, 10_000, 20_000],
  },
  {
    name: 'wide-table',
    make: (n) =>
      `# Table\n\n${`${repeat('| a ', n)}|\n`}${`${repeat('| - ', n)}|\n`}${`${repeat('| b ', n)}|\n`.repeat(240)}`,
    scales: [1_250, 2_500, 5_000, 10_000],
  },
  {
    name: 'reference-definitions',
    make: (n) => `# Definitions\n\n${Array.from({ length: n }, (_, index) => `[d${index}]: good.md`).join('\n')}\n`,
    scales: [50_000, 100_000, 200_000, 390_000],
  },
];

/** The good file beside them: its broken link must be in every report. */
export const GOOD_FILE = { name: 'good.md', text: '# Good\n\nSee [the guide](missing-guide.md).\n' };
