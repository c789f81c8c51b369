/**
 * Files that are not Markdown, read as plain text for the project rules that ask for them
 * (`ProjectRule.plainTextFiles`: a retired phrase in an SVG's labels, a required phrase in a text
 * file). The engine reads them between the phases, so that rules stay free of file-system access;
 * a rule sees only the files its own globs name, and only those the run covers.
 */
import picomatch from 'picomatch';
import { PATH_GLOB_OPTIONS } from '../core/path-globs.js';
import type { ProjectRule } from '../core/rule.js';
import { decodeMarkdown } from '../markdown/decode.js';
import { computeLineStarts } from '../markdown/parse.js';
import type { ProjectSource } from './lint-project.js';

export interface PlainTextFile {
  text: string;
  /** Offsets at which each line starts, so that reports on the file get lines and columns. */
  lineStarts: readonly number[];
}

export interface PlainTextFiles {
  /** Every plain-text file read, by root-relative path. */
  files: ReadonlyMap<string, PlainTextFile>;
  /** The texts each rule asked for, by rule id. */
  byRule: ReadonlyMap<string, ReadonlyMap<string, string>>;
}

const NONE: PlainTextFiles = { files: new Map(), byRule: new Map() };

/**
 * Reads the files the rules' globs name: existing, not Markdown, not symbolic links, covered by
 * the run. A file that is binary or not UTF-8 (an image a broad glob matched) is skipped: it has
 * no text to search.
 */
export async function readPlainTextFiles(
  rules: readonly { rule: ProjectRule; options: unknown }[],
  source: ProjectSource,
): Promise<PlainTextFiles> {
  const covers = source.coversPlainText;
  if (!covers) return NONE;
  const wanted = new Map<string, string[]>();
  for (const { rule, options } of rules) {
    const globs = rule.plainTextFiles?.(options) ?? [];
    if (globs.length === 0) continue;
    const matches = picomatch([...globs], PATH_GLOB_OPTIONS);
    for (const file of source.paths.files) {
      if (!matches(file) || source.paths.symlinks.has(file) || source.isMarkdown(file) || !covers(file)) continue;
      const list = wanted.get(file) ?? [];
      list.push(rule.id);
      wanted.set(file, list);
    }
  }
  if (wanted.size === 0) return NONE;
  const files = new Map<string, PlainTextFile>();
  const byRule = new Map<string, Map<string, string>>();
  for (const [file, ruleIds] of [...wanted].sort(([a], [b]) => (a < b ? -1 : 1))) {
    let decoded: ReturnType<typeof decodeMarkdown>;
    try {
      decoded = decodeMarkdown(await source.read(file));
    } catch {
      continue;
    }
    if (!decoded.ok) continue;
    files.set(file, { text: decoded.text, lineStarts: computeLineStarts(decoded.text) });
    for (const ruleId of ruleIds) {
      const texts = byRule.get(ruleId) ?? new Map<string, string>();
      texts.set(file, decoded.text);
      byRule.set(ruleId, texts);
    }
  }
  return { files, byRule };
}
