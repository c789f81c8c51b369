/**
 * Documents that record history, and prose that speaks about history.
 *
 * Meeting notes, agendas, minutes, annual reports, changelogs, release notes, retrospectives and
 * archives are records: they say what was true, and what things were called, when they were
 * written ("Follow up on PetSet feedback" in a 2016 agenda, "dockershim" in the notes of the
 * meetings that removed it). They are not rewritten afterwards, and many authors write them in
 * their own shorthand. A document records history when:
 *
 * - its path says so: a folder or file name such as `archive/`, `meeting-notes`, `minutes`,
 *   `agenda`, `annual-report`, `release-notes`, `retrospective`, `CHANGELOG.md`, a folder named
 *   after a year (`events/2017/`), or a file name that starts with a date or a quarter
 *   (`2021-12-02-…`, `2019-Q2-…`);
 * - or its content does: a title that names a record ("SIG Node Meeting Notes", "Changelog"),
 *   or headings that are dates ("## December 14, 2021", "## 2023-11-07") or releases ("## [3.0.0]").
 *
 * Users decide where detection is wrong with the `history` option of each rule: `paths` (globs
 * that always record history), `notPaths` (globs that never do) and `detect: false`.
 *
 * Within current documents, a sentence or a section can still speak about the past ("Before
 * Kubernetes 1.5 the StatefulSet API was called PetSet", a KEP titled "Removing dockershim"):
 * legacy names there are mentioned as legacy, not used as current.
 */
import type { Heading, Root } from 'mdast';
import picomatch from 'picomatch';
import { z } from 'zod';
import { partitionPoint } from '../core/sorted-search.js';
import { proseBlocks } from '../markdown/prose.js';

export const historyOptionSchema = z
  .strictObject({
    detect: z
      .boolean()
      .default(true)
      .describe(
        'Recognise documents that record history (meeting notes, agendas, changelogs, archives, annual reports) by their path and content.',
      ),
    paths: z
      .array(z.string().min(1))
      .default([])
      .describe('Globs of documents that record history, whatever their path or content says.'),
    notPaths: z
      .array(z.string().min(1))
      .default([])
      .describe('Globs of documents that never count as history, whatever their path or content says.'),
  })
  .prefault({})
  .describe(
    'Which documents record history: the rule treats them as records (see "Documents that record history" in docs/terminology.md).',
  );

export type HistoryOptions = z.output<typeof historyOptionSchema>;

export interface HistoryVerdict {
  history: boolean;
  /** Why the document counts as history (or not): for reports and tests. */
  reason: string;
}

/** Words of a path that name a record. */
const RECORD_PATH =
  /(?:^|[/_.\s-])(?:archives?|archived|meeting[-_ ]?notes|meeting[-_ ]?minutes|meetings|minutes|agendas?|changelogs?|release[-_ ]?notes|annual[-_ ]?reports?|retrospectives?|retros?|post[-_ ]?mortems?)(?=$|[/_.\s-])/i;
const RECORD_FILE_NAMES = new Set(['changelog', 'changes', 'history', 'news', 'releases']);
const YEAR_SEGMENT = /^(?:19|20)\d\d$/;
/** A file named after a date or a quarter: "2021-12-02-dockershim-faq.md", "2019-Q2-03-28.md", "2019-05.md". */
const DATED_FILE_NAME = /^(?:19|20)\d\d[-_](?:q[1-4]|0[1-9]|1[0-2])(?=[-_.]|$)/i;
const RECORD_TITLE =
  /\b(?:meeting notes|meeting minutes|minutes|agendas?|change ?log|release notes|annual report|retrospective|archived?|post-?mortem|session notes)\b/i;

const MONTH =
  '(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\\.?';
const DATE = new RegExp(
  [
    '\\b(?:19|20)\\d\\d[-/.](?:0?[1-9]|1[0-2])[-/.](?:0?[1-9]|[12]\\d|3[01])\\b',
    '\\b(?:0?[1-9]|1[0-2])/(?:0?[1-9]|[12]\\d|3[01])/(?:19|20)?\\d\\d\\b',
    `\\b${MONTH}\\s+\\d{1,2}(?:st|nd|rd|th)?,?\\s+(?:19|20)\\d\\d\\b`,
    `\\b\\d{1,2}(?:st|nd|rd|th)?\\s+${MONTH},?\\s+(?:19|20)\\d\\d\\b`,
  ].join('|'),
  'i',
);
const RELEASE_HEADING = /^\[?v?\d+\.\d+(?:\.\d+)?(?:[-+][\w.]+)?\]?(?:\s|$)/;
/** Two dated headings make a log of meetings or events; three release headings a changelog. */
const MIN_DATED_HEADINGS = 2;
const MIN_RELEASE_HEADINGS = 3;

function pathVerdict(path: string): string | undefined {
  const segments = path.split('/');
  const fileName = segments.at(-1)!;
  const baseName = fileName.replace(/\.[^.]*$/, '');
  if (RECORD_FILE_NAMES.has(baseName.toLowerCase())) return `the file is named ${fileName}`;
  if (DATED_FILE_NAME.test(fileName)) return `the file name ${fileName} starts with a date`;
  const year = segments.slice(0, -1).find((segment) => YEAR_SEGMENT.test(segment));
  if (year !== undefined) return `it is filed under the year ${year}`;
  const record = RECORD_PATH.exec(path);
  return record ? `its path names a record ("${record[0].replace(/^[/_.\s-]/, '')}")` : undefined;
}

function headingTexts(tree: Root, source: string): { depth: number; text: string }[] {
  return proseBlocks(tree, source)
    .filter((block) => block.kind === 'heading')
    .map((block) => ({ depth: (block.node as Heading).depth, text: block.text.trim() }));
}

function contentVerdict(tree: Root, source: string): string | undefined {
  const headings = headingTexts(tree, source);
  const title = headings.find((heading) => heading.depth === 1) ?? headings[0];
  if (title && RECORD_TITLE.test(title.text)) return `its title "${title.text}" names a record`;
  const dated = headings.filter((heading) => DATE.test(heading.text)).length;
  if (dated >= MIN_DATED_HEADINGS) return `${dated} of its headings are dates`;
  const releases = headings.filter((heading) => RELEASE_HEADING.test(heading.text)).length;
  if (releases >= MIN_RELEASE_HEADINGS) return `${releases} of its headings are releases`;
  return undefined;
}

const globMatchers = new Map<string, (path: string) => boolean>();

/** Globs match root-relative paths as the config's own globs do (dot files included). */
function matchesGlob(glob: string, path: string): boolean {
  let matcher = globMatchers.get(glob);
  if (!matcher) {
    matcher = picomatch(glob, { dot: true });
    globMatchers.set(glob, matcher);
  }
  return matcher(path);
}

/**
 * Whether a document at this path records history whatever its content (documentHistory says so
 * from the path or the options alone): a rule that leaves such documents out need not read them.
 */
export function recordsHistoryByPath(path: string, options: HistoryOptions): boolean {
  if (options.notPaths.some((glob) => matchesGlob(glob, path))) return false;
  if (options.paths.some((glob) => matchesGlob(glob, path))) return true;
  return options.detect && pathVerdict(path) !== undefined;
}

/** Whether a document records history, and why. */
export function documentHistory(path: string, tree: Root, source: string, options: HistoryOptions): HistoryVerdict {
  if (options.notPaths.some((glob) => matchesGlob(glob, path)))
    return { history: false, reason: 'history.notPaths lists it' };
  if (options.paths.some((glob) => matchesGlob(glob, path))) return { history: true, reason: 'history.paths lists it' };
  if (!options.detect) return { history: false, reason: 'history.detect is off' };
  const reason = pathVerdict(path) ?? contentVerdict(tree, source);
  return reason === undefined
    ? { history: false, reason: 'neither its path nor its content names a record' }
    : { history: true, reason };
}

/** Words that put a name in the past: removed, deprecated, renamed, replaced, formerly, legacy … */
const ABOUT_THE_PAST =
  /\b(?:remov(?:e|es|ed|al|ing)|deprecat\w*|renam\w*|replac(?:e|es|ed|ement|ing)|formerly|former|legacy|obsolete|retir(?:e|ed|es|ing|ement)|no longer|used to|previously|prior to|migrat\w*|supersed\w*|end[- ]of[- ]life|successor|historical(?:ly)?|before (?:v?\d|kubernetes|k8s))\b/i;

/** Whether a text (a sentence, a heading) speaks of something as past: removed, renamed, replaced, legacy. */
export function speaksOfThePast(text: string): boolean {
  return ABOUT_THE_PAST.test(text);
}

/** The sentence of `text` around [from, to): from the end of the previous sentence to the end of this one ("v1.5" ends none). */
export function sentenceAround(text: string, from: number, to: number): string {
  let start = from;
  while (start > 0 && !(/\s/u.test(text[start - 1]!) && /[.!?]/.test(text[start - 2] ?? ''))) start--;
  let end = to;
  while (end < text.length && !(/[.!?]/.test(text[end]!) && (end + 1 === text.length || /\s/u.test(text[end + 1]!))))
    end++;
  return text.slice(start, end);
}

/**
 * The sentences of one text, for asking per match whether its sentence speaks of the past: the
 * sentence ends are found once and each sentence is read once, so a block full of matches (a
 * paragraph without a period) costs no more per match than a short one. Same sentences as
 * sentenceAround.
 */
export class SentencesOf {
  /** Where a sentence may start: after whitespace that follows `.`, `!` or `?`. */
  private readonly starts: number[] = [];
  /** Where a sentence ends: a `.`, `!` or `?` before whitespace or the end of the text. */
  private readonly ends: number[] = [];
  private readonly past = new Map<number, boolean>();

  constructor(private readonly text: string) {
    for (let at = 0; at < text.length; at++) {
      if (at >= 2 && /\s/u.test(text[at - 1]!) && /[.!?]/.test(text[at - 2]!)) this.starts.push(at);
      if (/[.!?]/.test(text[at]!) && (at + 1 === text.length || /\s/u.test(text[at + 1]!))) this.ends.push(at);
    }
  }

  /** The range of the sentence around [from, to), as sentenceAround gives it. */
  around(from: number, to: number): { start: number; end: number } {
    // The last start at or before `from`, the first end at or after `to`.
    const startsBefore = partitionPoint(this.starts.length, (index) => this.starts[index]! <= from);
    const start = startsBefore > 0 ? this.starts[startsBefore - 1]! : 0;
    const endAfter = partitionPoint(this.ends.length, (index) => this.ends[index]! < to);
    const end = endAfter < this.ends.length ? this.ends[endAfter]! : this.text.length;
    return { start, end };
  }

  /** Whether the sentence around [from, to) speaks of the past; each sentence is read once. */
  speaksOfThePast(from: number, to: number): boolean {
    const { start, end } = this.around(from, to);
    let past = this.past.get(start * (this.text.length + 1) + end);
    if (past === undefined) {
      past = speaksOfThePast(this.text.slice(start, end));
      this.past.set(start * (this.text.length + 1) + end, past);
    }
    return past;
  }
}
