/**
 * Changes under a repository root as they happen on disk, batched: for `--watch`, and for editors
 * that cannot watch files for the language server. Editors that can (workspace/didChangeWatchedFiles)
 * are preferred: they share one watcher among all extensions.
 *
 * `.git`, `node_modules` and the cache folder are never watched. That is why, on Linux, this is
 * one watcher a folder rather than Node's recursive fs.watch: Node 20 emulates that on Linux with
 * a watcher for every file and folder, node_modules included, which exhausts inotify's watches in
 * an ordinary JavaScript repository. macOS and Windows watch a whole tree natively.
 *
 * A name that appeared or went ("rename" to fs.watch) is reported as `created`: either way the
 * paths must be listed again (LiveProject lists again on anything but `changed`).
 */
import { type Dirent, readdirSync, statSync, watch, type FSWatcher } from 'node:fs';
import { platform } from 'node:os';
import path from 'node:path';
import { DEFAULT_CACHE_LOCATION } from '../cache/phase1-cache.js';
import type { DiskChange } from './live-project.js';

/** Folders whose changes never matter to a lint (and that change a lot, or that the cache writes). */
const UNWATCHED_SEGMENTS = new Set(['.git', 'node_modules', DEFAULT_CACHE_LOCATION]);

export interface DiskWatcher {
  close(): void;
}

function watched(relative: string): boolean {
  return !relative.split('/').some((segment) => UNWATCHED_SEGMENTS.has(segment));
}

/** Collects changes and hands them on after `delayMs` without a new one. */
class ChangeBatch {
  private readonly pending = new Map<string, DiskChange['kind']>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly onChanges: (changes: DiskChange[]) => void,
    private readonly delayMs: number,
  ) {}

  add(relative: string, kind: DiskChange['kind']): void {
    if (this.pending.get(relative) !== 'created') this.pending.set(relative, kind);
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.flush(), this.delayMs);
  }

  close(): void {
    if (this.timer) clearTimeout(this.timer);
  }

  private flush(): void {
    this.timer = undefined;
    const changes = [...this.pending].map(([file, kind]) => ({ path: file, kind }));
    this.pending.clear();
    if (changes.length > 0) this.onChanges(changes);
  }
}

/** One watcher for each folder under the root (Linux). */
class FolderWatchers implements DiskWatcher {
  private readonly watchers = new Map<string, FSWatcher>();

  constructor(
    private readonly root: string,
    private readonly batch: ChangeBatch,
    private readonly onError: (error: Error) => void,
  ) {
    this.add('');
  }

  close(): void {
    for (const watcher of this.watchers.values()) watcher.close();
    this.watchers.clear();
    this.batch.close();
  }

  private add(folder: string): void {
    if (this.watchers.has(folder) || !watched(folder)) return;
    const absolute = path.join(this.root, folder);
    let entries: Dirent[];
    try {
      const watcher = watch(absolute, (event, name) => this.changed(folder, event, name?.toString()));
      watcher.on('error', (error) => this.onError(error));
      this.watchers.set(folder, watcher);
      entries = readdirSync(absolute, { withFileTypes: true });
    } catch (error) {
      // Gone already, or not a folder: its parent's watcher reported it. Anything else (no inotify
      // watches left) leaves this folder unwatched, and the user must hear of it.
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT' && code !== 'ENOTDIR') this.onError(error as Error);
      return;
    }
    for (const entry of entries)
      if (entry.isDirectory()) this.add(folder === '' ? entry.name : `${folder}/${entry.name}`);
  }

  private changed(folder: string, event: string, name: string | undefined): void {
    if (name === undefined) return;
    const relative = folder === '' ? name : `${folder}/${name}`;
    if (!watched(relative)) return;
    this.batch.add(relative, event === 'rename' ? 'created' : 'changed');
    if (event !== 'rename') return;
    // A folder that appeared gets watchers; one that went has its watchers closed.
    let isFolder = false;
    try {
      isFolder = statSync(path.join(this.root, relative)).isDirectory();
    } catch {
      isFolder = false;
    }
    if (isFolder) this.add(relative);
    else
      for (const [known, watcher] of this.watchers)
        if (known === relative || known.startsWith(`${relative}/`)) {
          watcher.close();
          this.watchers.delete(known);
        }
  }
}

/** The whole tree in one native watcher (macOS, Windows). */
function nativeTreeWatcher(root: string, batch: ChangeBatch, onError: (error: Error) => void): DiskWatcher {
  const watcher = watch(root, { recursive: true }, (event, filename) => {
    if (filename === null) return;
    const relative = filename.toString().split(path.sep).join('/');
    if (watched(relative)) batch.add(relative, event === 'rename' ? 'created' : 'changed');
  });
  watcher.on('error', onError);
  return {
    close() {
      watcher.close();
      batch.close();
    },
  };
}

/**
 * Calls `onChanges` with the changes of each quiet moment (`delayMs` without a new event), so that
 * a checkout or a save that writes a temporary file first is one batch, not hundreds. Watching
 * has started when this returns.
 */
export function watchTree(
  root: string,
  onChanges: (changes: DiskChange[]) => void,
  onError: (error: Error) => void,
  delayMs = 100,
): DiskWatcher {
  const batch = new ChangeBatch(onChanges, delayMs);
  return platform() === 'linux' ? new FolderWatchers(root, batch, onError) : nativeTreeWatcher(root, batch, onError);
}
