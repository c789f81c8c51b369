/**
 * The project index kept in memory between runs: each file's phase-1 result (facts, file-rule
 * findings, text), stamped with the content it was computed from. A Phase1Runner wraps it for
 * lintProject, so a run after an edit analyses only the files whose stamp changed and re-runs the
 * project rules over the facts of all the others.
 *
 * Unlike the on-disk cache (src/cache/), nothing is read or hashed to find out whether an entry
 * is current: each content has a stamp (a document's version, a file's mtime and size), and
 * whoever learns that a file changed (the editor's didChange, a file watcher, a stat check)
 * changes or drops its stamp. An entry is stored under the stamp of the content that was actually
 * read, so an edit that lands while a run is under way makes the entry stale rather than wrong.
 * Every entry depends on the rules in force: a change of configuration clears the whole memo.
 */
import type { FileAnalysis } from '../engine/analyze-file.js';
import type { Phase1Job, Phase1Runner } from '../engine/lint-project.js';

interface MemoEntry {
  /** What the analysed content was: `open:<version>` for an editor's text, `disk:<mtime>:<size>` for a file. */
  stamp: string;
  /** True when file rules did not run: the entry only answers facts-only jobs. */
  factsOnly: boolean;
  analysis: FileAnalysis;
}

/** Where the stamps come from: the project that reads the files. */
export interface ContentStamps {
  /** The stamp of a file's content now, or undefined when it is not known until the file is read again. */
  current(path: string): string | undefined;
  /** The stamp of the content the last read of `path` returned (what an analysis was computed from). */
  lastRead(path: string): string | undefined;
}

export interface MemoStats {
  hits: number;
  misses: number;
}

/**
 * An answer for a job the memo does not hold, from elsewhere: the analysis of a large open document
 * runs on a thread of its own (LiveProject), and until it is done other files' runs take the facts
 * of its previous version, or wait for it, instead of analysing the same text again.
 */
export type AnswerElsewhere = (job: Phase1Job) => FileAnalysis | Promise<FileAnalysis> | undefined;

export class AnalysisMemo {
  private readonly entries = new Map<string, MemoEntry>();
  readonly stats: MemoStats = { hits: 0, misses: 0 };

  constructor(
    private readonly stamps: ContentStamps,
    private readonly elsewhere: AnswerElsewhere = () => undefined,
  ) {}

  /** The analysis of `path` if it is current and answers a job of this kind. */
  lookup(job: Phase1Job): FileAnalysis | undefined {
    const entry = this.entries.get(job.path);
    if (!entry || (entry.factsOnly && !job.factsOnly) || entry.stamp !== this.stamps.current(job.path))
      return undefined;
    return entry.analysis;
  }

  /** The last analysis of a file, current or not (for its facts, such as control comments). */
  latest(path: string): FileAnalysis | undefined {
    return this.entries.get(path)?.analysis;
  }

  /** Whether a current analysis of `path` is held (facts at least). */
  has(path: string): boolean {
    return this.lookup({ path, factsOnly: true }) !== undefined;
  }

  /** Keeps an analysis computed outside a run (see AnswerElsewhere) under the stamp of the content analysed. */
  store(path: string, stamp: string, analysis: FileAnalysis): void {
    if (!analysis.crashed) this.entries.set(path, { stamp, factsOnly: false, analysis });
  }

  forget(path: string): void {
    this.entries.delete(path);
  }

  clear(): void {
    this.entries.clear();
  }

  paths(): IterableIterator<string> {
    return this.entries.keys();
  }

  /**
   * A runner that answers current entries here and sends the others to `inner` in one batch.
   * A crashed analysis is not kept: the next run tries again and reports the crash again.
   */
  wrap(inner: Phase1Runner): Phase1Runner {
    return async (jobs, source, options) => {
      const results = new Array<FileAnalysis | undefined>(jobs.length);
      const missing: number[] = [];
      const fromElsewhere: Promise<void>[] = [];
      jobs.forEach((job, index) => {
        // Texts handed in for this run only (fix passes) are not the file's content: never memoised.
        const overridden = options.overrides?.has(job.path) === true;
        const cached = overridden ? undefined : this.lookup(job);
        const answer = overridden || cached ? undefined : this.elsewhere(job);
        if (cached) {
          this.stats.hits++;
          results[index] = cached;
        } else if (answer) {
          fromElsewhere.push(
            Promise.resolve(answer).then((analysis) => {
              results[index] = analysis;
            }),
          );
        } else {
          this.stats.misses++;
          missing.push(index);
        }
      });
      if (missing.length > 0) {
        const computed = await inner(
          missing.map((index) => jobs[index]!),
          source,
          options,
        );
        missing.forEach((index, offset) => {
          const job = jobs[index]!;
          const analysis = computed[offset]!;
          results[index] = analysis;
          const stamp = this.stamps.lastRead(job.path);
          if (stamp !== undefined && !analysis.crashed && !options.overrides?.has(job.path))
            this.entries.set(job.path, { stamp, factsOnly: job.factsOnly, analysis });
        });
      }
      await Promise.all(fromElsewhere);
      return results as FileAnalysis[];
    };
  }
}
