/**
 * What phase 1 keeps of each file (FileFacts, plain serialisable data) and what phase 2 sees of
 * the whole repository (ProjectIndex). Trees never get here: they are dropped after phase 1.
 */

/** An inline control comment (parsed in src/suppressions/control-comments.ts). */
export type DirectiveKind = 'disable' | 'enable' | 'disable-next-line' | 'disable-file';

export interface Directive {
  kind: DirectiveKind;
  /** Rule ids named, or null for all rules. */
  rules: string[] | null;
  /** Offsets of the comment. */
  start: number;
  end: number;
  /** 1-based line of the comment, and the line a disable-next-line applies to. */
  line: number;
  targetLine?: number;
  /** Offset of each named rule id, for reporting unknown ids precisely. */
  ruleOffsets?: number[];
}

export interface HeadingFact {
  text: string;
  depth: number;
  /** GitHub's anchor for the heading (github-slugger, duplicates numbered). */
  anchor: string;
  start: number;
  end: number;
}

export interface HtmlAnchorFact {
  /** Value of an `id` attribute, of `name` on `<a>`, or the GitHub anchor of a raw HTML `<h1>`–`<h6>`. */
  anchor: string;
  start: number;
  end: number;
}

export type LinkKind = 'link' | 'image' | 'definition' | 'html';

export interface LinkFact {
  kind: LinkKind;
  /** The destination as CommonMark decodes it (escapes and entities resolved, not percent-decoded). */
  url: string;
  /** Range of the whole construct (the link, image, definition or HTML attribute value). */
  start: number;
  end: number;
  /** Range of the destination as written in the source (inside `<…>` when bracketed); absent for autolinks. */
  destinationStart?: number;
  destinationEnd?: number;
  /** True when the written destination differs from `url` (backslash escapes, entities): fixes leave it alone. */
  destinationEscaped?: boolean;
  /** True for `<…>` destinations, where spaces may stay unencoded. */
  angleBracketed?: boolean;
  /** For HTML: the tag and attribute (`a`/`href`, `img`/`src`, `source`/`srcset`). */
  tag?: string;
  attribute?: string;
  /** True for `<https://…>` autolinks and GFM bare URLs, which have no separate destination. */
  autolink?: boolean;
}

export interface DefinitionFact {
  /** Normalised label (CommonMark: case-folded, whitespace collapsed). */
  identifier: string;
  label: string;
  url: string;
  start: number;
  end: number;
}

export interface ReferenceFact {
  identifier: string;
  label: string;
  referenceType: 'full' | 'collapsed' | 'shortcut';
  image: boolean;
  start: number;
  end: number;
}

export interface FileFacts {
  path: string;
  lineStarts: number[];
  lineCount: number;
  headings: HeadingFact[];
  htmlAnchors: HtmlAnchorFact[];
  links: LinkFact[];
  definitions: DefinitionFact[];
  references: ReferenceFact[];
  directives: Directive[];
  /** What each project rule's extract step returned, by rule id. */
  extracted: Record<string, unknown>;
}

/** Every path in the repository, exactly as cased, whatever the host file system does. */
export interface RepositoryPaths {
  files: ReadonlySet<string>;
  directories: ReadonlySet<string>;
  /** Paths that are symbolic links (GitHub does not follow them). */
  symlinks: ReadonlySet<string>;
  /**
   * Files and folders in the working tree that the state linted does not have (--staged: never
   * `git add`ed), so that a link to one says "not staged" rather than "does not exist".
   */
  unstaged?: ReadonlySet<string>;
}

export interface ProjectIndex {
  /** Markdown files with facts, by root-relative path. */
  files: ReadonlyMap<string, FileFacts>;
  /** Files whose diagnostics are reported (the others are context only). */
  targets: ReadonlySet<string>;
  paths: RepositoryPaths;
  /** Renames git knows of (old path → new path), when the root is a git checkout. */
  renames: ReadonlyMap<string, string>;
  /** The repository's own URLs and the trees of the other refs its links name; absent when none are known. */
  repository?: RepositoryFacts;
}

/**
 * A URL prefix that names this repository: a code host's page of it (GitHub, GitLab, Bitbucket,
 * or a host the config says runs one of them), or a site that publishes one of its folders.
 */
export interface RepositoryUrlBase {
  kind: 'github' | 'gitlab' | 'bitbucket' | 'site';
  /** Host name in lower case, with the port when one was given. */
  host: string;
  /** The repository's path on the host (`kubernetes/community`), or a site's base path; no slash at either end. */
  path: string;
  /** For a site: the folder of the repository (top-level relative, '' for the top) its base path maps to. */
  folder?: string;
}

/** What the project knows of its own URLs: plain data, the same for every file of a run. */
export interface RepositoryUrls {
  bases: readonly RepositoryUrlBase[];
  /** The branch whose URLs resolve against the files being linted; undefined when it could not be told. */
  defaultBranch?: string;
  /** Branch and tag names git has, as URLs name them (remote-tracking branches without the remote's name). */
  localRefs: readonly string[];
  /** The lint root's path inside the repository: '' at the top level, else with a trailing slash. */
  rootPrefix: string;
}

/** RepositoryUrls, and the paths at each other ref a link names that git has (read before phase 2). */
export interface RepositoryFacts {
  urls: RepositoryUrls;
  /** Root-relative paths at each ref (branch, tag or commit) links name; a ref git lacks is absent. */
  refPaths: ReadonlyMap<string, RepositoryPaths>;
}

export function emptyRepositoryPaths(): RepositoryPaths {
  return { files: new Set(), directories: new Set(), symlinks: new Set() };
}

/** Adds every ancestor folder of each file, so that links to folders resolve. */
export function repositoryPathsFromFiles(files: Iterable<string>, symlinks: Iterable<string> = []): RepositoryPaths {
  const fileSet = new Set(files);
  const directories = new Set<string>(['']);
  for (const file of fileSet) {
    let slash = file.lastIndexOf('/');
    while (slash > 0) {
      const directory = file.slice(0, slash);
      if (directories.has(directory)) break;
      directories.add(directory);
      slash = directory.lastIndexOf('/');
    }
  }
  return { files: fileSet, directories, symlinks: new Set(symlinks) };
}

/** `paths` with more files (and their folders): texts held for files not on disk yet, which links may already name. */
export function repositoryPathsWith(paths: RepositoryPaths, files: readonly string[]): RepositoryPaths {
  const added = files.filter((file) => !paths.files.has(file));
  if (added.length === 0) return paths;
  const merged = repositoryPathsFromFiles([...paths.files, ...added], paths.symlinks);
  for (const directory of paths.directories) (merged.directories as Set<string>).add(directory);
  return merged;
}
