/**
 * The versions of agentops-lint that the documentation tells users to pin: a `rev:` under this
 * repository's `repo:` (pre-commit), `…agentops-lint.git#<ref>` and `github:…#<ref>` (npm, npx),
 * `agentops-lint/agentops-lint@<ref>` (the GitHub Action) and the raw URL of a versioned
 * `schema.json`. Each must be a tag the release script creates for a version CHANGELOG.md lists as
 * released (`vX.Y.Z`, or the moving major `vX`), or the placeholder for a commit SHA, which works
 * where the tags do not reach.
 *
 * Read by test/install/version-pins.test.ts and by the release script, which rewrites the pins of
 * the version it replaces.
 */
import { changelogReleases } from './changelog.js';

/** What the docs write where the reader puts a commit of their choice. */
export const COMMIT_PLACEHOLDER = '<commit-sha>';
/** What the docs write where they describe the form of a versioned URL rather than pin one. */
export const VERSION_PLACEHOLDER = 'v<version>';

export type PinKind = 'pre-commit' | 'git-install' | 'action' | 'schema-url';

export interface VersionPin {
  file: string;
  /** 1-based. */
  line: number;
  /** 1-based column where the ref starts. */
  column: number;
  kind: PinKind;
  /** What is pinned: `v0.1.0`, `v0`, `<commit-sha>`, … */
  ref: string;
}

const REPOSITORY = 'agentops-lint/agentops-lint';
/** A ref ends where a URL or a YAML value would: space, quote, bracket, backquote or a comment. */
const REF = String.raw`([^\s'"\`()\[\]#]+|<commit-sha>)`;

const INLINE_PINS: { kind: PinKind; pattern: RegExp }[] = [
  {
    kind: 'git-install',
    pattern: new RegExp(String.raw`(?:github:|github\.com/)${REPOSITORY}(?:\.git)?#${REF}`, 'dg'),
  },
  { kind: 'action', pattern: new RegExp(String.raw`(?<![\w.-])${REPOSITORY}@${REF}`, 'dg') },
  { kind: 'schema-url', pattern: new RegExp(String.raw`raw\.githubusercontent\.com/${REPOSITORY}/${REF}/`, 'dg') },
];

const REPO_LINE = /^\s*(?:-\s+)?repo:\s*(\S+)/;
/** `rev: <ref>` at the start of a YAML line, or in prose or a comment after a space or backquote. */
const REV = /(?:^|[\s`])rev:\s*['"]?([^\s'"`]+)/dg;

/** Every pin of this repository in one file's text (Markdown or YAML, in code blocks or prose). */
export function findVersionPins(file: string, text: string): VersionPin[] {
  const pins: VersionPin[] = [];
  let repoIsThisRepository = false;
  text.split('\n').forEach((content, index) => {
    const line = index + 1;
    const repo = REPO_LINE.exec(content);
    if (repo) repoIsThisRepository = (repo[1] as string).replace(/\.git$/, '').endsWith(`/${REPOSITORY}`);
    if (repoIsThisRepository) {
      for (const match of content.matchAll(REV)) {
        pins.push({
          file,
          line,
          column: (match.indices?.[1]?.[0] as number) + 1,
          kind: 'pre-commit',
          ref: match[1] as string,
        });
      }
    }
    for (const { kind, pattern } of INLINE_PINS) {
      for (const match of content.matchAll(pattern)) {
        const ref = match[1] as string;
        const start = match.indices?.[1]?.[0] as number;
        pins.push({ file, line, column: start + 1, kind, ref });
      }
    }
  });
  return pins;
}

export interface PinCheck {
  /** CHANGELOG.md's text: its dated sections are the released versions. */
  changelog: string;
  /** The tags of the clone, when it has any: each pinned tag must then be one of them. */
  tags?: ReadonlySet<string>;
}

/** The tags the release script creates for the released versions: `vX.Y.Z` and the major `vX`. */
export function releaseTags(changelog: string): Set<string> {
  const tags = new Set<string>();
  for (const release of changelogReleases(changelog)) {
    if (release.date === undefined) continue;
    tags.add(`v${release.version}`);
    tags.add(`v${release.version.split('.')[0]}`);
  }
  return tags;
}

/** Why a pin does not work, or undefined when it does. */
export function pinProblem(pin: VersionPin, check: PinCheck): string | undefined {
  if (pin.ref === COMMIT_PLACEHOLDER || pin.ref === VERSION_PLACEHOLDER) return undefined;
  const where = `${pin.file}:${pin.line}: ${pin.kind} pin "${pin.ref}"`;
  const released = releaseTags(check.changelog);
  if (!released.has(pin.ref)) {
    const known = [...released].join(', ') || 'none yet';
    return `${where} is not a tag of a version released in CHANGELOG.md (${known}) nor a placeholder (${COMMIT_PLACEHOLDER}, ${VERSION_PLACEHOLDER})`;
  }
  if (pin.kind === 'schema-url' && !/^v\d+\.\d+\.\d+$/.test(pin.ref)) {
    return `${where}: a schema URL names one release (vX.Y.Z), not the moving major tag`;
  }
  if (check.tags !== undefined && check.tags.size > 0 && !check.tags.has(pin.ref)) {
    return `${where} is released in CHANGELOG.md, but this clone has no tag ${pin.ref} (run the release script's tagging step)`;
  }
  return undefined;
}

/**
 * Files where a tag is pinned but no line shows the commit-SHA form of the same kind of pin: a
 * reader whose clone has no tags would have nothing that works.
 */
export function pinsWithoutCommitAlternative(pins: VersionPin[]): string[] {
  const problems: string[] = [];
  const byFile = new Map<string, VersionPin[]>();
  for (const pin of pins) byFile.set(pin.file, [...(byFile.get(pin.file) ?? []), pin]);
  for (const [file, filePins] of byFile) {
    for (const kind of new Set(filePins.map((pin) => pin.kind))) {
      if (kind === 'schema-url') continue; // a URL to read, not something installed
      const ofKind = filePins.filter((pin) => pin.kind === kind);
      if (!ofKind.some((pin) => pin.ref === COMMIT_PLACEHOLDER)) {
        const first = ofKind[0] as VersionPin;
        problems.push(
          `${file}:${first.line}: pins ${first.ref} (${kind}) but shows no ${COMMIT_PLACEHOLDER} form for when the tag is not there`,
        );
      }
    }
  }
  return problems;
}
