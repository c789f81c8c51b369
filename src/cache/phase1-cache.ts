/**
 * A cache of phase-1 results, wrapped around whatever Phase1Runner does the work (the sequential
 * one, a worker pool): hits are answered here, misses go to the wrapped runner in one batch.
 *
 * What is cached is exactly what phase 1 is a pure function of: the code that computed it (for the
 * whole cache: the tool version and a hash of the build, src/cache/code-fingerprint.ts), and per file its path, its content and the rules in force for it (ids, severities,
 * parsed options). Project rules are not cached: they re-run from the facts on every run, so
 * when a linked file is edited, renamed or deleted, every file that links to it is re-checked
 * even though its own entry is a hit. A stale pass cannot come out of this cache.
 *
 * Entries are stored with node:v8 serialisation, the structured-clone format worker threads use,
 * so whatever a rule's extract step may return survives the round trip as it would cross a
 * thread. Texts are not stored: they are decoded again from the bytes read for hashing. Each
 * entry's analysis is serialised on its own, inside the file's list of entries, and deserialised
 * only when a run uses it: a hook's one-file run in a large repository reads the file but does
 * not rebuild every other file's facts (65 ms for the 965 files of kubernetes/community), and
 * saving writes the bytes of untouched entries back as they were read.
 *
 * The default folder is `.agentops-lint-cache/` under the root, as ruff keeps `.ruff_cache/`: a
 * folder the cache creates gets a `.gitignore` of `*`, so it never shows in `git status` and
 * `git add -A` never commits it, in any repository, Node project or not.
 */
import { createHash, randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import v8 from 'node:v8';
import { mapConcurrently } from '../core/concurrency.js';
import type { EnabledRule } from '../config/file-settings.js';
import type { FileAnalysis } from '../engine/analyze-file.js';
import type { LintProjectOptions, Phase1Job, Phase1Runner, ProjectSource } from '../engine/lint-project.js';
import { decodeMarkdown } from '../markdown/decode.js';

/** Bumped when the stored shape changes; a cache of another format is discarded. */
const CACHE_FORMAT = 3;

/**
 * How long an entry no run has used is kept (as ruff keeps a file's entry for 30 days after it was
 * last seen). A run drops the other entries of the files it looked up (older content, other
 * rules) at once; entries of files it did not look at are kept, so that a hook's one-file run
 * does not throw away the full run's results.
 */
const RETENTION_MS = 30 * 24 * 60 * 60 * 1000;
/** `lastUsed` is refreshed at most this often, so that a run where everything hit writes nothing. */
const LAST_USED_GRANULARITY_MS = 24 * 60 * 60 * 1000;

export const DEFAULT_CACHE_LOCATION = '.agentops-lint-cache';
export const CACHE_FILE_NAME = 'phase1-cache.bin';
/** An environment variable that turns the default cache off, as RUFF_NO_CACHE does for ruff (read-only checkouts, test suites). */
export const NO_CACHE_VARIABLE = 'AGENTOPS_LINT_NO_CACHE';

/** How many files are read at once while hashing. */
const READ_CONCURRENCY = 32;

/** What an entry keeps of a file's analysis: all but the text, which the file's bytes give back. */
type StoredAnalysis = Omit<FileAnalysis, 'text' | 'bom'>;

/** An entry as the cache file holds it. */
interface StoredEntry {
  /** True when file rules did not run (the entry only answers facts-only jobs). */
  factsOnly: boolean;
  /** The analysis, serialised with node:v8 on its own. */
  analysis: Uint8Array;
  /** When a run last used the entry (ms since the epoch, refreshed once a day at most). */
  lastUsed: number;
}

/** An entry in memory: its analysis as read from the file (still serialised), or as used in this run, or both. */
interface Entry {
  factsOnly: boolean;
  lastUsed: number;
  analysis?: StoredAnalysis;
  serialized?: Uint8Array;
}

interface StoredCache {
  format: number;
  toolVersion: string;
  entries: [string, StoredEntry][];
}

/** What a file's content was read as: disk or index bytes, or a text that replaces them. */
type Content = { kind: 'bytes'; bytes: Uint8Array } | { kind: 'text'; text: string };

export interface CacheStats {
  hits: number;
  misses: number;
}

/** Options as a stable string: zod output is plain data, but a transform may produce a RegExp, Map or Set. */
function stableOptions(_key: string, value: unknown): unknown {
  if (value instanceof RegExp) return `RegExp(${value.toString()})`;
  if (value instanceof Map) return { $map: [...value] };
  if (value instanceof Set) return { $set: [...value] };
  if (typeof value === 'function') return `Function(${value.toString()})`;
  if (typeof value === 'bigint') return `BigInt(${value})`;
  return value;
}

function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

export class Phase1Cache {
  readonly stats: CacheStats = { hits: 0, misses: 0 };
  /** Keys looked up or stored in this run: what `save` keeps. */
  private readonly used = new Set<string>();
  /** Files looked up in this run: their entries that were not used are out of date. */
  private readonly lookedUp = new Set<string>();
  private readonly settingsHashes = new WeakMap<readonly EnabledRule[], string>();
  private changed = false;

  private constructor(
    /** The cache file, or undefined for a cache that lives only as long as this run. */
    readonly file: string | undefined,
    private readonly toolVersion: string,
    private readonly entries: Map<string, Entry>,
  ) {}

  /** A cache for this process only (a --changed-since run reuses the head's results for its base). */
  static inMemory(toolVersion: string): Phase1Cache {
    return new Phase1Cache(undefined, toolVersion, new Map());
  }

  /**
   * Loads the cache file; a missing, unreadable or foreign file gives an empty cache. `toolVersion`
   * names the code that computes the results: entries written under any other name are dropped.
   */
  static async open(file: string, toolVersion: string): Promise<Phase1Cache> {
    let entries = new Map<string, Entry>();
    try {
      const stored = v8.deserialize(await fs.readFile(file)) as Partial<StoredCache>;
      if (stored.format === CACHE_FORMAT && stored.toolVersion === toolVersion && Array.isArray(stored.entries)) {
        entries = new Map(
          stored.entries.map(([key, { factsOnly, lastUsed, analysis }]) => [
            key,
            { factsOnly, lastUsed, serialized: analysis },
          ]),
        );
      }
    } catch {
      // No cache yet, or one written by something else: start empty and overwrite it on save.
    }
    return new Phase1Cache(file, toolVersion, entries);
  }

  /** The runner to give lintProject: answers hits, sends misses to `inner` in one batch. */
  wrap(inner: Phase1Runner): Phase1Runner {
    return async (jobs, source, options) => {
      const contents = await mapConcurrently(jobs, READ_CONCURRENCY, (job) => this.readContent(job, source, options));
      const results = new Array<FileAnalysis | undefined>(jobs.length);
      const misses: { index: number; key: string | undefined }[] = [];
      jobs.forEach((job, index) => {
        const content = contents[index];
        const key = content === undefined ? undefined : this.key(job.path, content, options);
        if (key !== undefined) this.lookedUp.add(job.path);
        const entry = key === undefined ? undefined : this.entries.get(key);
        const analysis =
          key !== undefined && entry && (job.factsOnly || !entry.factsOnly) ? this.analysisOf(key, entry) : undefined;
        if (analysis !== undefined) {
          this.used.add(key!);
          this.stats.hits++;
          results[index] = restore(entry!, analysis, content!, job.factsOnly);
        } else {
          this.stats.misses++;
          misses.push({ index, key });
        }
      });
      if (misses.length > 0) {
        const bytesByPath = new Map<string, Uint8Array>();
        for (const { index } of misses) {
          const content = contents[index];
          if (content?.kind === 'bytes') bytesByPath.set(jobs[index]!.path, content.bytes);
        }
        // The wrapped runner reads the bytes that were hashed, not a version changed in between.
        const readOnce: ProjectSource = {
          ...source,
          read: (file) => (bytesByPath.has(file) ? Promise.resolve(bytesByPath.get(file)!) : source.read(file)),
        };
        const computed = await inner(
          misses.map(({ index }) => jobs[index]!),
          readOnce,
          options,
        );
        const byPath = new Map(computed.map((analysis) => [analysis.path, analysis]));
        for (const { index, key } of misses) {
          const analysis = byPath.get(jobs[index]!.path);
          if (!analysis) throw new Error(`the phase-1 runner returned no result for ${jobs[index]!.path}`);
          results[index] = analysis;
          if (key !== undefined && !analysis.crashed && !analysis.stopped) this.store(key, analysis, jobs[index]!);
        }
      }
      return results as FileAnalysis[];
    };
  }

  /**
   * Writes the cache: the entries used in this run, and those of files it did not look at that
   * some run used in the last 30 days (so the file cannot grow without end).
   */
  async save(now = Date.now()): Promise<void> {
    if (this.file === undefined) return;
    const kept: [string, StoredEntry][] = [];
    for (const [key, entry] of this.entries) {
      if (this.used.has(key)) {
        if (now - entry.lastUsed < LAST_USED_GRANULARITY_MS) kept.push([key, toStored(entry)]);
        else {
          kept.push([key, toStored({ ...entry, lastUsed: now })]);
          this.changed = true;
        }
      } else if (!this.lookedUp.has(pathOfKey(key)) && now - entry.lastUsed < RETENTION_MS)
        kept.push([key, toStored(entry)]);
    }
    if (!this.changed && kept.length === this.entries.size) return;
    const cache: StoredCache = { format: CACHE_FORMAT, toolVersion: this.toolVersion, entries: kept };
    await ensureCacheFolder(path.dirname(this.file));
    const temporary = `${this.file}.${randomBytes(6).toString('hex')}.tmp`;
    try {
      await fs.writeFile(temporary, v8.serialize(cache));
      await fs.rename(temporary, this.file);
    } catch (error) {
      await fs.rm(temporary, { force: true });
      throw error;
    }
  }

  /**
   * An entry's analysis, deserialised the first time a run uses it. An entry that cannot be read
   * back is dropped and counts as a miss: the file is analysed again and the entry replaced.
   */
  private analysisOf(key: string, entry: Entry): StoredAnalysis | undefined {
    if (entry.analysis === undefined && entry.serialized !== undefined) {
      try {
        entry.analysis = v8.deserialize(entry.serialized) as StoredAnalysis;
      } catch {
        this.entries.delete(key);
        this.changed = true;
        return undefined;
      }
    }
    return entry.analysis;
  }

  private async readContent(
    job: Phase1Job,
    source: ProjectSource,
    options: LintProjectOptions,
  ): Promise<Content | undefined> {
    const override = options.overrides?.get(job.path);
    if (override !== undefined) return { kind: 'text', text: override };
    try {
      return { kind: 'bytes', bytes: await source.read(job.path) };
    } catch {
      return undefined; // the wrapped runner reports the unreadable file; nothing to cache
    }
  }

  private key(file: string, content: Content, options: LintProjectOptions): string {
    const contentHash = content.kind === 'bytes' ? `bytes:${sha256(content.bytes)}` : `text:${sha256(content.text)}`;
    return `${file}\0${this.settingsHash(options.settings.forFile(file))}\0${contentHash}`;
  }

  private settingsHash(enabled: readonly EnabledRule[]): string {
    let hash = this.settingsHashes.get(enabled);
    if (hash === undefined) {
      hash = sha256(
        JSON.stringify(
          enabled.map(({ rule, severity, options }) => [rule.id, severity, options]),
          stableOptions,
        ),
      );
      this.settingsHashes.set(enabled, hash);
    }
    return hash;
  }

  private store(key: string, analysis: FileAnalysis, job: Phase1Job): void {
    const { text: _text, bom: _bom, ...kept } = analysis;
    const previous = this.entries.get(key);
    // A full result also answers facts-only jobs; never replace it with a facts-only one.
    if (previous && !previous.factsOnly && job.factsOnly) return;
    this.entries.set(key, { factsOnly: job.factsOnly, analysis: kept, lastUsed: Date.now() });
    this.used.add(key);
    this.changed = true;
  }
}

/** The file an entry's key belongs to (keys start with the root-relative path and a NUL). */
function pathOfKey(key: string): string {
  return key.slice(0, key.indexOf('\0'));
}

/** What a folder the cache creates holds besides the cache: git ignores it all (this file too). */
export const CACHE_FOLDER_GITIGNORE = '# Created by agentops-lint: its cache is never committed.\n*\n';

/** https://bford.info/cachedir/: backup and archiving tools skip a folder that has this file. */
export const CACHE_FOLDER_TAG =
  'Signature: 8a477f597d28d172789f06886806bc55\n# This file is a cache directory tag created by agentops-lint.\n# For information about cache directory tags, see https://bford.info/cachedir/\n';

/**
 * Creates the cache folder, marked as a cache for git and backup tools. Only a folder created here
 * is marked: a `.gitignore` of `*` in a folder the user made (`--cache-location docs`) would hide
 * their own files from git.
 */
async function ensureCacheFolder(folder: string): Promise<void> {
  if ((await fs.mkdir(folder, { recursive: true })) === undefined) return;
  await fs.writeFile(path.join(folder, '.gitignore'), CACHE_FOLDER_GITIGNORE);
  await fs.writeFile(path.join(folder, 'CACHEDIR.TAG'), CACHE_FOLDER_TAG);
}

/** An entry as the file holds it: the bytes read from the file when there are any, else the analysis of this run, serialised. */
function toStored(entry: Entry): StoredEntry {
  return {
    factsOnly: entry.factsOnly,
    lastUsed: entry.lastUsed,
    analysis: entry.serialized ?? v8.serialize(entry.analysis),
  };
}

function restore(entry: Entry, kept: StoredAnalysis, content: Content, factsOnly: boolean): FileAnalysis {
  // A full entry answering a facts-only job: drop the file rules' diagnostics, as the runner would
  // (crashes are never stored, so only a file that could not be decoded keeps its diagnostic).
  const diagnostics = factsOnly && !entry.factsOnly && kept.facts ? [] : kept.diagnostics;
  const analysis: FileAnalysis = { ...kept, diagnostics };
  if (content.kind === 'text') {
    if (analysis.facts) analysis.text = content.text;
    return analysis;
  }
  const decoded = decodeMarkdown(content.bytes);
  if (decoded.ok) {
    analysis.text = decoded.text;
    analysis.bom = decoded.bom;
  }
  return analysis;
}
