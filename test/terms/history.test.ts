import { describe, expect, it } from 'vitest';
import { parseMarkdown } from '../../src/markdown/parse.js';
import { documentHistory, historyOptionSchema, sentenceAround, speaksOfThePast } from '../../src/terms/history.js';

const DETECT = historyOptionSchema.parse(undefined);
const verdict = (path: string, markdown = '# Notes\n\nText.\n', options = DETECT) =>
  documentHistory(path, parseMarkdown(markdown), markdown, options);

describe('documents that record history', () => {
  it('by their path: archives, meeting notes, agendas, changelogs, years, dated file names', () => {
    expect(verdict('sig-node/archive/meeting-notes-2021.md')).toEqual({
      history: true,
      reason: 'its path names a record ("archive")',
    });
    expect(verdict('sig-docs/meeting-notes-archive/2017_Weekly_Meeting_Minutes.md').history).toBe(true);
    expect(verdict('sig-apps/agenda.md').history).toBe(true);
    expect(verdict('sig-windows/annual-report-2022.md').history).toBe(true);
    expect(verdict('charts/web-app/CHANGELOG.md')).toEqual({ history: true, reason: 'the file is named CHANGELOG.md' });
    expect(verdict('events/2017/12-contributor-summit/container-identity.md')).toEqual({
      history: true,
      reason: 'it is filed under the year 2017',
    });
    expect(verdict('blog/2021-12-02-dockershim-faq.md').history).toBe(true);
    expect(verdict('sig-docs/planning/2019-Q2-03-28.md').history).toBe(true);
    expect(verdict('docs/meeting-guide.md').history).toBe(false);
    expect(verdict('contributors/devel/sig-node/kubelet.md')).toEqual({
      history: false,
      reason: 'neither its path nor its content names a record',
    });
  });

  it('by their content: a title that names a record, dated headings, release headings', () => {
    expect(verdict('docs/sync.md', '# Weekly Sync Meeting Notes\n\nText.\n').reason).toBe(
      'its title "Weekly Sync Meeting Notes" names a record',
    );
    expect(verdict('docs/sync.md', '# Sync\n\n## December 14, 2021\n\nA.\n\n## 2021-12-07\n\nB.\n').reason).toBe(
      '2 of its headings are dates',
    );
    expect(verdict('docs/sync.md', '# Sync\n\n## December 14, 2021\n\nOnly one date.\n').history).toBe(false);
    expect(verdict('docs/chart.md', '# Chart\n\n## [3.0.0]\n\n## v2.4.0 - stable\n\n## 2.3.0\n').reason).toBe(
      '3 of its headings are releases',
    );
  });

  it('the history option lists records, excludes documents, or turns detection off', () => {
    expect(verdict('notes/design.md', '# Design\n', historyOptionSchema.parse({ paths: ['notes/**'] }))).toEqual({
      history: true,
      reason: 'history.paths lists it',
    });
    expect(
      verdict('archive/policy.md', '# Policy\n', historyOptionSchema.parse({ notPaths: ['archive/policy.md'] })),
    ).toEqual({ history: false, reason: 'history.notPaths lists it' });
    expect(verdict('archive/old.md', '# Old\n', historyOptionSchema.parse({ detect: false })).history).toBe(false);
  });
});

describe('prose about the past', () => {
  it('recognises removal, renaming, replacement and legacy, not plain present tense', () => {
    expect(speaksOfThePast('Before Kubernetes 1.5 the StatefulSet API was called PetSet')).toBe(true);
    expect(speaksOfThePast('KEP-2221: Removing dockershim from the kubelet')).toBe(true);
    expect(speaksOfThePast('Run each replica as a member of a PetSet')).toBe(false);
  });

  it('a sentence runs from the previous sentence end to its own, across "v1.5" and line breaks', () => {
    const text =
      'Keep replicas apart. Before Kubernetes 1.5 the StatefulSet API was called PetSet, and older\ncharts still use it. Done.';
    const at = text.indexOf('PetSet');
    expect(sentenceAround(text, at, at + 6)).toBe(
      'Before Kubernetes 1.5 the StatefulSet API was called PetSet, and older\ncharts still use it',
    );
  });
});
