// Helpers that put text from source files and findings into GitHub
// markdown without letting it mention users, inject HTML or open a fence.

const ZERO_WIDTH_JOINER = "\u200d";
const BACKTICK_RUNS = /`+/g;

/**
 * Escapes prose for GitHub markdown. Inline code spans that open and close
 * on one line stay as written, because GitHub renders neither mentions nor
 * HTML inside them. Elsewhere an `@name` gets a zero-width joiner after the
 * `@`, so GitHub sends no notification, and `<` becomes `&lt;`, so no tag
 * or comment opens. Backslashes, backticks without a closing partner and a
 * `~~~` at the start of a line are backslash-escaped, so nothing opens a
 * code block that swallows what follows.
 */
export function escapeMarkdown(text: string): string {
  let output = "";
  let plainStart = 0;
  let index = 0;

  while (index < text.length) {
    if (text[index] !== "`") {
      index++;
      continue;
    }
    const runLength = countBackticks(text, index);
    const closing = findClosingRun(text, index + runLength, runLength);
    output += escapePlain(text.slice(plainStart, index));

    if (closing === -1) {
      output += "\\`".repeat(runLength);
      index += runLength;
    } else {
      output += text.slice(index, closing + runLength);
      index = closing + runLength;
    }
    plainStart = index;
  }
  return output + escapePlain(text.slice(plainStart));
}

/** Escapes prose and folds it onto one line, for a table cell. */
export function escapeTableCell(text: string): string {
  return escapeTablePipes(escapeMarkdown(text.replace(/\s*\r?\n\s*/g, " ")));
}

/**
 * Escapes the pipes of markdown placed in a table cell. GitHub splits
 * cells before it parses code spans, so this applies inside them too.
 */
export function escapeTablePipes(markdown: string): string {
  return markdown.replace(/\|/g, "\\|");
}

/**
 * Formats text as an inline code span on one line whose delimiter is
 * longer than any backtick run inside.
 */
export function formatInlineCode(text: string): string {
  const oneLine = text.replace(/\r?\n/g, " ");
  const fence = "`".repeat(findLongestBacktickRun(oneLine) + 1);
  const padding = /^`|`$|^ .* $/.test(oneLine) ? " " : "";
  return `${fence}${padding}${oneLine}${padding}${fence}`;
}

/**
 * Formats a fenced code block whose fence is longer than any backtick run
 * in the code, so the code cannot close it early.
 */
export function formatCodeBlock(code: string, infoString: string): string {
  const fence = "`".repeat(Math.max(3, findLongestBacktickRun(code) + 1));
  const body = code.replace(/\r\n/g, "\n").replace(/\n$/, "");
  if (body === "") return `${fence}${infoString}\n${fence}`;
  return `${fence}${infoString}\n${body}\n${fence}`;
}

/** Returns the markdown language tag for a source path. */
export function getCodeLanguage(path: string): string {
  const extension = /\.([a-z]+)$/i.exec(path)?.[1]?.toLowerCase() ?? "";
  if (extension === "tsx" || extension === "jsx") return extension;
  if (["ts", "mts", "cts"].includes(extension)) return "ts";
  return "js";
}

function escapePlain(text: string): string {
  return text
    .replace(/\\/g, "\\\\")
    .replace(/</g, "&lt;")
    .replace(/@(?=[A-Za-z0-9])/g, `@${ZERO_WIDTH_JOINER}`)
    .replace(/^(\s*)~~~/gm, "$1\\~~~");
}

function countBackticks(text: string, start: number): number {
  let end = start;
  while (text[end] === "`") end++;
  return end - start;
}

/**
 * Finds the next run of exactly `length` backticks on the same line, or -1.
 * A span across lines could hide a fence line from the escaping.
 */
function findClosingRun(text: string, start: number, length: number): number {
  let index = start;
  while (index < text.length && text[index] !== "\n") {
    if (text[index] !== "`") {
      index++;
      continue;
    }
    const runLength = countBackticks(text, index);
    if (runLength === length) return index;
    index += runLength;
  }
  return -1;
}

function findLongestBacktickRun(text: string): number {
  let longest = 0;
  for (const match of text.matchAll(BACKTICK_RUNS)) {
    longest = Math.max(longest, match[0].length);
  }
  return longest;
}
