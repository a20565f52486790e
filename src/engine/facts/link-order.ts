import type { SourceInput } from "../../types.js";
import { resolveRelativePath } from "./project-facts.js";

/** Pattern of `from "./x"`, `import "./x"`, `require("./x")` and `import("./x")` with a relative specifier. */
const RELATIVE_SPECIFIER =
  /(?:\bfrom|\bimport|\brequire\s*\(|\bimport\s*\()\s*["'](\.{1,2}\/[^"'\n]*|\.{1,2})["']/g;

/**
 * Orders files so that a file comes before the files it imports, as far as
 * import cycles allow. Request code calls into the files it imports, so
 * analysing importers first lets each file receive, from the summaries of
 * files already analysed, the calls that make its exports request code.
 *
 * Reads specifiers from the text with a pattern rather than a parse: the
 * order only saves work, and the engine checks every link it relied on
 * once all files are summarised.
 */
export function orderImportersFirst(
  files: readonly SourceInput[],
): SourceInput[] {
  const byPath = new Map(files.map((file) => [file.path, file]));
  const importees = new Map<string, string[]>();
  for (const file of files) {
    const targets: string[] = [];
    for (const match of file.text.matchAll(RELATIVE_SPECIFIER)) {
      const target = resolveRelativePath(file.path, match[1]!, (path) =>
        byPath.has(path),
      );
      if (target && target !== file.path) targets.push(target);
    }
    importees.set(file.path, targets);
  }

  // Depth-first post-order puts every importee before its importer, so
  // the reversed order puts importers first.
  const visited = new Set<string>();
  const postOrder: string[] = [];
  for (const file of files) {
    if (visited.has(file.path)) continue;
    visited.add(file.path);
    const stack: { path: string; next: number }[] = [
      { path: file.path, next: 0 },
    ];
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      const targets = importees.get(top.path)!;
      if (top.next < targets.length) {
        const target = targets[top.next++]!;
        if (!visited.has(target)) {
          visited.add(target);
          stack.push({ path: target, next: 0 });
        }
        continue;
      }
      postOrder.push(top.path);
      stack.pop();
    }
  }
  return postOrder.reverse().map((path) => byPath.get(path)!);
}
