import { describe, expect, it } from 'vitest';
import { findingKey, formatPrecisionReport, formatRecallReport, measurePrecision, measureRecall, parseJudgements, parsePlanted, sampleFindings, type Finding } from '../../scripts/accuracy-harness.js';

function finding(rule: string, file: string, line: number, text: string): Finding {
  return { rule, file, line, column: 1, message: `about ${text}`, text, context: `${text} in context` };
}

const FINDINGS: Finding[] = Array.from({ length: 30 }, (_, i) => finding(i % 3 === 0 ? 'term-consistency' : 'terminology', `docs/${i}.md`, i + 1, `word${i}`));

describe('judgement files', () => {
  it('parse rule, file, line, text, verdict and why, skipping comments and blank lines', () => {
    const judgements = parseJudgements('# a comment\n\nterminology\ta.md\t3\tKubelet\tTRUE\tmid-sentence capital\nterminology\ta.md\t4\tkubernetes\tFALSE\tthe org\n', 'j.tsv');
    expect(judgements).toEqual([
      { rule: 'terminology', file: 'a.md', line: 3, text: 'Kubelet', verdict: true, why: 'mid-sentence capital', source: 'j.tsv:3' },
      { rule: 'terminology', file: 'a.md', line: 4, text: 'kubernetes', verdict: false, why: 'the org', source: 'j.tsv:4' },
    ]);
  });

  it('name the file and line of a malformed judgement and say what to write', () => {
    expect(() => parseJudgements('terminology\ta.md\t3\tKubelet\tTRUE\n', 'j.tsv')).toThrow('j.tsv:1: expected 6 tab-separated columns (rule, file, line, text, TRUE or FALSE, why), found 5.');
    expect(() => parseJudgements('terminology\ta.md\t3\tKubelet\tyes\twhy\n', 'j.tsv')).toThrow('j.tsv:1: the verdict must be TRUE (a real error) or FALSE (a false positive), not "yes".');
    expect(() => parseJudgements('terminology\ta.md\tthree\tKubelet\tTRUE\twhy\n', 'j.tsv')).toThrow('j.tsv:1: the line column must be a line number (1 or more), not "three".');
    expect(() => parseJudgements('terminology\ta.md\t3\tKubelet\tFALSE\t \n', 'j.tsv')).toThrow('j.tsv:1: say why the finding is a false positive in the last column.');
    expect(() => parseJudgements('terminology\ta.md\t3\tK\tTRUE\tx\n\nterminology\ta.md\t3\tK\tFALSE\ty\n', 'j.tsv')).toThrow('j.tsv:3: the same finding is already judged at j.tsv:1; keep one line.');
    expect(() => parsePlanted('terminology\ta.md\t3\tK\n', 'p.tsv')).toThrow('p.tsv:1: expected 5 tab-separated columns (rule, file, line, text, why), found 4.');
  });
});

describe('the sample', () => {
  it('draws up to N per rule, the same for the same seed, another for another seed', () => {
    const sample = sampleFindings(FINDINGS, 5, '1');
    expect(sample.get('terminology')).toHaveLength(5);
    expect(sample.get('term-consistency')).toHaveLength(5);
    expect(sampleFindings([...FINDINGS].reverse(), 5, '1')).toEqual(sample);
    expect(sampleFindings(FINDINGS, 5, '2').get('terminology')).not.toEqual(sample.get('terminology'));
  });

  it('is stable when findings disappear: the others stay drawn, the next in hash order comes in', () => {
    const before = sampleFindings(FINDINGS, 5, '1').get('terminology')!;
    const gone = before[2]!;
    const after = sampleFindings(FINDINGS.filter((item) => item !== gone), 5, '1').get('terminology')!;
    expect(after.filter((item) => before.includes(item))).toHaveLength(4);
    expect(after).not.toContain(gone);
  });
});

describe('precision and recall', () => {
  const judged = (text: string, verdict: boolean, rule = 'terminology', line?: number, file?: string) => {
    const target = FINDINGS.find((item) => item.text === text)!;
    return { rule, file: file ?? target.file, line: line ?? target.line, text, verdict, why: 'because', source: `j.tsv:${text}` };
  };

  it('counts TRUE and FALSE in the sample, lists what is unjudged and what is no longer reported', () => {
    const sample = sampleFindings(FINDINGS, 4, '1').get('terminology')!;
    const judgements = [judged(sample[0]!.text, true), judged(sample[1]!.text, true), judged(sample[2]!.text, false), judged('gone', true, 'terminology', 99, 'old.md')];
    const report = measurePrecision(FINDINGS, judgements, { rules: ['terminology', 'k8s-concepts'], sample: 4, seed: '1' });
    const terminology = report.rules[0]!;
    expect([terminology.findings, terminology.sampled, terminology.judgedTrue.length, terminology.judgedFalse.length, terminology.unjudged.map(findingKey)]).toEqual([20, 4, 2, 1, [findingKey(sample[3]!)]]);
    expect(terminology.precision).toBeCloseTo(2 / 3);
    expect(report.rules[1]).toMatchObject({ rule: 'k8s-concepts', findings: 0, sampled: 0, precision: undefined });
    expect(report.noLongerReported.map((item) => item.text)).toEqual(['gone']);
    const text = formatPrecisionReport(report, 'Precision on a test corpus.');
    expect(text).toContain('| terminology | 20 | 4 | 3 | 2 | 1 | 66.7 % |\n| k8s-concepts | 0 | 0 | 0 | 0 | 0 | — |');
    expect(text).toContain(`Unjudged findings in the sample (1)`);
    expect(text).toContain(`    ${['terminology', sample[3]!.file, sample[3]!.line, sample[3]!.text, 'TRUE|FALSE', 'why'].join('\t')}`);
    expect(text).toContain('Real errors judged TRUE that are no longer reported (1): a lost detection, or the corpus changed.\n  j.tsv:gone: terminology old.md:99 "gone"');
  });

  it('recall: every planted error must be found at its rule, file, line and text', () => {
    const planted = parsePlanted(`terminology\tdocs/1.md\t2\tword1\ta planted error\nterminology\tdocs/1.md\t9\tword1\ton another line\n`, 'p.tsv');
    const recall = measureRecall(FINDINGS, planted);
    expect(recall.found.map((error) => error.line)).toEqual([2]);
    expect(formatRecallReport(recall, 'Planted.')).toBe('Planted.\n\nRecall: 1/2 planted errors found (50.0 %).\n\nMissed:\n  p.tsv:2: terminology docs/1.md:9 "word1" (on another line)\n');
  });
});
