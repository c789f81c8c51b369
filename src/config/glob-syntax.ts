/**
 * Mistakes in a config's globs that would otherwise match nothing without a word: picomatch
 * reads an unclosed "[" or "{" as a literal character, so `**\/*.md[` silently selects no file.
 */

const CLOSING: Readonly<Record<string, string>> = { '[': ']', '{': '}', '(': ')' };

/** The first bracket that is opened and never closed (backslash escapes skipped), if any. */
function unclosedBracket(glob: string): string | undefined {
  const open: string[] = [];
  for (let index = 0; index < glob.length; index++) {
    const character = glob[index]!;
    if (character === '\\') {
      index++;
      continue;
    }
    // Inside a character class, only its own "]" means anything.
    if (open[open.length - 1] === '[') {
      if (character === ']') open.pop();
      continue;
    }
    if (character in CLOSING) open.push(character);
    else if (open.length > 0 && character === CLOSING[open[open.length - 1]!]) open.pop();
  }
  return open[0];
}

/** Why a glob written in a config cannot mean what its author wants, or undefined when it is fine. */
export function globProblem(glob: string): string | undefined {
  const unclosed = unclosedBracket(glob);
  if (unclosed !== undefined) {
    return `"${glob}" is not a valid glob: "${unclosed}" is never closed by "${CLOSING[unclosed]}" (write "\\${unclosed}" for a literal "${unclosed}")`;
  }
  if (glob.startsWith('/')) {
    return `"${glob}" starts with "/", but globs are relative to the config file's folder: write "${glob.replace(/^\/+/, '')}"`;
  }
  return undefined;
}
