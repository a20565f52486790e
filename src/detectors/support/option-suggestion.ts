import type { ts } from "ts-morph";

import type { FileFacts } from "../../engine/facts/file-facts.js";
import type { Suggestion } from "../../types.js";

/**
 * Builds a suggestion that inserts `optionLine` (such as `store: new
 * RedisStore(...),`) before the first property of a multi-line options
 * literal, at that property's indentation. Returns undefined when the first
 * property shares a line with the opening brace, because replacing that
 * line would rewrite code outside the options.
 */
export function suggestOptionLine(
  file: FileFacts,
  object: ts.ObjectLiteralExpression,
  optionLine: string,
): Suggestion | undefined {
  const first = object.properties[0];
  if (!first) return undefined;
  const line = file.getLine(first);
  if (line === file.getLine(object)) return undefined;

  const lineText = file.text.split(/\r?\n/)[line - 1];
  if (lineText === undefined) return undefined;
  const firstText = first.getText(file.sourceFile);
  if (!lineText.trimStart().startsWith(firstText.slice(0, 1))) return undefined;

  const indent = /^\s*/.exec(lineText)?.[0] ?? "";
  return {
    startLine: line,
    endLine: line,
    replacement: `${indent}${optionLine}\n${lineText}`,
  };
}
