/**
 * CHANGELOG.md as Keep a Changelog (https://keepachangelog.com/en/1.1.0/) writes it: an
 * `## [Unreleased]` section, one `## [X.Y.Z] - YYYY-MM-DD` section per release, each made of
 * `### Added`, `### Changed`, … subsections of bullets, and the compare/tag links at the bottom.
 * The release script reads which versions were released and moves `[Unreleased]` into a release.
 *
 * Written here rather than with a changelog library: the two that parse this format rewrite the
 * whole file on output (wrapping, bullet style, link order), and the release needs only to move
 * one section and two link lines.
 */

/** The change kinds in Keep a Changelog's order: a subsection the release adds goes in this order. */
const CHANGE_KINDS = ['Added', 'Changed', 'Deprecated', 'Removed', 'Fixed', 'Security'];

const UNRELEASED_HEADING = /^## \[Unreleased\]\s*$/;
/** `## [0.1.0] - 2026-12-07`: a released version (a version without a date is not released yet). */
const RELEASE_HEADING = /^## \[(\d+\.\d+\.\d+)\](?: - (\d{4}-\d{2}-\d{2}))?\s*$/;
const SECTION_HEADING = /^## /;
/** A link reference definition at the bottom: `[0.1.0]: https://…`. */
const LINK_DEFINITION = /^\[([^\]]+)\]: (\S+)\s*$/;

export class ChangelogError extends Error {}

export interface Release {
  version: string;
  /** `YYYY-MM-DD`, or undefined while the section is written ahead of its release. */
  date: string | undefined;
}

/** The versions that have a section of their own, newest first as the file lists them. */
export function changelogReleases(text: string): Release[] {
  const releases: Release[] = [];
  for (const line of text.split('\n')) {
    const match = RELEASE_HEADING.exec(line);
    if (match) releases.push({ version: match[1] as string, date: match[2] });
  }
  return releases;
}

/** The text of one version's section (its subsections and bullets), without its heading. */
export function releaseNotes(text: string, version: string): string | undefined {
  const lines = text.split('\n');
  const start = lines.findIndex((line) => RELEASE_HEADING.exec(line)?.[1] === version);
  if (start < 0) return undefined;
  const end = sectionEnd(lines, start);
  return lines
    .slice(start + 1, end)
    .join('\n')
    .trim();
}

/** Where the section starting at `start` ends: the next `## ` heading or the link definitions. */
function sectionEnd(lines: string[], start: number): number {
  for (let index = start + 1; index < lines.length; index++) {
    const line = lines[index] as string;
    if (SECTION_HEADING.test(line) || LINK_DEFINITION.test(line)) return index;
  }
  return lines.length;
}

interface Section {
  /** Lines before the first `### ` subsection (a summary paragraph). */
  intro: string[];
  subsections: { heading: string; lines: string[] }[];
}

function parseSection(lines: string[]): Section {
  const section: Section = { intro: [], subsections: [] };
  for (const line of lines) {
    if (line.startsWith('### ')) section.subsections.push({ heading: line.slice(4).trim(), lines: [] });
    else (section.subsections.at(-1)?.lines ?? section.intro).push(line);
  }
  return section;
}

function trimBlankLines(lines: string[]): string[] {
  let start = 0;
  let end = lines.length;
  while (start < end && (lines[start] as string).trim() === '') start++;
  while (end > start && (lines[end - 1] as string).trim() === '') end--;
  return lines.slice(start, end);
}

function renderSection(section: Section): string[] {
  const out: string[] = [];
  const intro = trimBlankLines(section.intro);
  if (intro.length > 0) out.push('', ...intro);
  for (const subsection of section.subsections) {
    const body = trimBlankLines(subsection.lines);
    if (body.length > 0) out.push('', `### ${subsection.heading}`, '', ...body);
  }
  return out;
}

/** The entries of `from` added to `into`: same subsections appended to, new ones in Keep a Changelog's order. */
function mergeSections(into: Section, from: Section): Section {
  const merged: Section = {
    intro: [...trimBlankLines(into.intro), ...(trimBlankLines(from.intro).length > 0 ? ['', ...from.intro] : [])],
    subsections: into.subsections.map((subsection) => ({ heading: subsection.heading, lines: [...subsection.lines] })),
  };
  for (const added of from.subsections) {
    const existing = merged.subsections.find((subsection) => subsection.heading === added.heading);
    if (existing) existing.lines = [...trimBlankLines(existing.lines), ...trimBlankLines(added.lines)];
    else merged.subsections.push({ heading: added.heading, lines: added.lines });
  }
  const rank = (heading: string) => {
    const index = CHANGE_KINDS.indexOf(heading);
    return index < 0 ? CHANGE_KINDS.length : index;
  };
  merged.subsections.sort((a, b) => rank(a.heading) - rank(b.heading));
  return merged;
}

function hasEntries(section: Section): boolean {
  return (
    trimBlankLines(section.intro).length > 0 ||
    section.subsections.some((subsection) => trimBlankLines(subsection.lines).length > 0)
  );
}

export interface ReleasedChangelog {
  text: string;
  /** Whether `[Unreleased]` held entries that moved into the release. */
  movedUnreleased: boolean;
}

/**
 * Moves the entries of `[Unreleased]` into `## [version] - date` and leaves `[Unreleased]` empty.
 * When a section for `version` is already written (the first release, summed up by hand), the
 * entries join it and it gets the date of the release (whether the version was released already
 * is the release script's question: its tag exists). The link definitions are rewritten: `[Unreleased]`
 * compares the new tag with HEAD, `[version]` compares the previous release's tag with it (or
 * points at the tag when it is the first release).
 */
export function releaseChangelog(
  text: string,
  version: string,
  date: string,
  repositoryUrl: string,
): ReleasedChangelog {
  const lines = text.split('\n');
  const unreleasedStart = lines.findIndex((line) => UNRELEASED_HEADING.test(line));
  if (unreleasedStart < 0) throw new ChangelogError('CHANGELOG.md has no "## [Unreleased]" section.');
  const unreleasedEnd = sectionEnd(lines, unreleasedStart);
  const unreleased = parseSection(lines.slice(unreleasedStart + 1, unreleasedEnd));

  const existingStart = lines.findIndex((line) => RELEASE_HEADING.exec(line)?.[1] === version);
  let releaseSection: Section;
  let releaseEnd: number;
  if (existingStart >= 0) {
    if (existingStart !== unreleasedEnd) {
      throw new ChangelogError(
        `CHANGELOG.md: the section of ${version} must follow [Unreleased] directly (it is the newest release).`,
      );
    }
    releaseEnd = sectionEnd(lines, existingStart);
    releaseSection = mergeSections(parseSection(lines.slice(existingStart + 1, releaseEnd)), unreleased);
  } else {
    if (!hasEntries(unreleased)) {
      throw new ChangelogError(
        `CHANGELOG.md: [Unreleased] is empty. Write what ${version} changes there (### Added, ### Changed, ### Fixed) before releasing it.`,
      );
    }
    releaseSection = mergeSections({ intro: [], subsections: [] }, unreleased);
    releaseEnd = unreleasedEnd;
  }

  const before = lines.slice(0, unreleasedStart);
  const after = lines.slice(releaseEnd);
  const released = [
    ...before,
    '## [Unreleased]',
    '',
    `## [${version}] - ${date}`,
    ...renderSection(releaseSection),
    '',
    ...trimBlankLines(after),
    '',
  ];
  return { text: rewriteLinks(released, version, repositoryUrl).join('\n'), movedUnreleased: hasEntries(unreleased) };
}

/** The compare and tag links of Keep a Changelog, for the versions the file lists. */
function rewriteLinks(lines: string[], version: string, repositoryUrl: string): string[] {
  const body = lines.filter((line) => !LINK_DEFINITION.test(line));
  while (body.length > 0 && (body.at(-1) as string).trim() === '') body.pop();
  const kept = new Map<string, string>();
  for (const line of lines) {
    const match = LINK_DEFINITION.exec(line);
    if (match) kept.set(match[1] as string, match[2] as string);
  }
  const versions = changelogReleases(body.join('\n')).map((release) => release.version);
  const definitions = [`[Unreleased]: ${repositoryUrl}/compare/v${version}...HEAD`];
  versions.forEach((listed, index) => {
    const previous = versions[index + 1];
    const url =
      listed === version || !kept.has(listed)
        ? previous === undefined
          ? `${repositoryUrl}/releases/tag/v${listed}`
          : `${repositoryUrl}/compare/v${previous}...v${listed}`
        : (kept.get(listed) as string);
    definitions.push(`[${listed}]: ${url}`);
  });
  // Definitions of other labels (none today) stay, after the version links.
  for (const [label, url] of kept) {
    if (label !== 'Unreleased' && !versions.includes(label)) definitions.push(`[${label}]: ${url}`);
  }
  return [...body, '', ...definitions, ''];
}
