/** Maximum length, in code points, of an input line quoted in an error. */
const MAX_QUOTED_LENGTH = 60;

/** Quotes one input line for an error message, shortened to a readable length. */
export function quoteLine(line: string): string {
  const codePoints = Array.from(line);
  if (codePoints.length <= MAX_QUOTED_LENGTH) return JSON.stringify(line);

  const prefix = codePoints.slice(0, MAX_QUOTED_LENGTH - 3).join("");
  return JSON.stringify(`${prefix}...`);
}
