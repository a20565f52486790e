import { parsePatch, type StructuredPatch } from "diff";

import { quoteLine } from "./quote-line.js";

/** Maximum length of a parsePatch message repeated in an error. */
const MAX_CAUSE_LENGTH = 200;

/** parsePatch's message (diff 9.0) for a hunk line with an unknown marker. */
const INVALID_HUNK_LINE = /^(Hunk at line \d+) contained invalid line (.*)$/s;

/**
 * Parses unified diff text with parsePatch and rethrows its errors naming
 * the input, for example "GitHub patch", with any quoted line shortened.
 */
export function parseUnifiedDiff(
  text: string,
  inputName: string,
): StructuredPatch[] {
  try {
    return parsePatch(text);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new Error(`Invalid ${inputName}: ${rewordCause(message)}`, {
      cause: error,
    });
  }
}

function rewordCause(message: string): string {
  const invalidLine = INVALID_HUNK_LINE.exec(message);
  if (invalidLine) {
    const [, hunk, line] = invalidLine;
    return (
      `${hunk} has a line that starts with none of " ", "+", "-" and "\\" ` +
      `(or ends early): ${quoteLine(line ?? "")}`
    );
  }

  if (message.length <= MAX_CAUSE_LENGTH) return message;
  return `${message.slice(0, MAX_CAUSE_LENGTH - 3)}...`;
}
